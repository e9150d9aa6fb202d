"""The contract register's data model, named after OCDS 1.1 so an export maps 1:1.

`period_start`/`period_end`/`max_extent` are OCDS `contracts[].period.startDate`,
`endDate` and `maxExtentDate`; `options` are the remaining renewals
(`renewal.maximumRenewals` with each `renewal.period`); `amendments` are
`contracts[].amendments` (see skills/contracts/ocds.py).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from skills.contracts.calendar import add_months


class DeadlineKind(StrEnum):
    OPTION_NOTICE = "option_notice"
    TERMINATION_NOTICE = "termination_notice"
    EXPIRY = "expiry"
    FINAL_EXPIRY = "final_expiry"
    RETENDER_START = "retender_start"


ACTION_KINDS = frozenset(
    {DeadlineKind.OPTION_NOTICE, DeadlineKind.TERMINATION_NOTICE, DeadlineKind.RETENDER_START}
)


@dataclass(frozen=True)
class Amendment:
    """One recorded change to a contract (OCDS `amendments[]`), e.g. an option used.

    Stored as one line of the register column `endringer`; see amendments.py.
    """

    date: dt.date
    description: str
    previous_end: dt.date | None = None
    new_end: dt.date | None = None
    by: str = ""


@dataclass(frozen=True)
class Contract:
    contract_id: str
    title: str
    supplier: str
    org_nr: str
    owner: str
    category: str
    framework: bool
    period_start: date | None
    period_end: date
    options_months: tuple[int, ...] = ()
    option_notice_months: int = 3
    auto_renew: bool = False
    termination_notice_months: int | None = None
    lead_time_months: int = 6
    status: str = "aktiv"
    row: int | None = None
    item_id: str | None = None
    amendments: tuple[Amendment, ...] = ()

    @property
    def active(self) -> bool:
        return self.status == "aktiv"

    @property
    def max_extent(self) -> date:
        return add_months(self.period_end, sum(self.options_months))


@dataclass(frozen=True, order=True)
class Deadline:
    due: date
    contract_id: str
    kind: DeadlineKind
    # The date in the contract before moving to a working day (same as `due` for facts).
    nominal: date = field(compare=False)

    def days_left(self, today: date) -> int:
        return (self.due - today).days


@dataclass(frozen=True)
class RowError:
    row: int
    message: str


@dataclass(frozen=True)
class RegisterWarning:
    contract_id: str
    code: str
    message: str
