"""The contract register's data model, named after OCDS 1.1 so an export maps 1:1.

`period_start`/`period_end`/`max_extent` are OCDS `contracts[].period.startDate`,
`endDate` and `maxExtentDate`; `options` are the remaining renewals
(`renewal.maximumRenewals` with each `renewal.period`); `amendments` are
`contracts[].amendments` (see skills/contracts/ocds.py).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from enum import StrEnum

from skills.contracts.calendar import add_months, months_between
from skills.i18n import DateText, Lang, Sayable, tr


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


@dataclass(slots=True)
class Contract:
    """One register row. Treat it as immutable (change it with `dataclasses.replace`):
    it is not frozen only because a frozen dataclass's `__init__` costs about six times
    as much, and every reminder tick reads the whole register into these."""

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
    # Days on top of the months ("90 dager" is 0 months and 90 days).
    option_notice_days: int = 0
    termination_notice_days: int = 0
    lead_time_days: int = 0
    value: Decimal | None = None
    # A framework agreement's maximum value, where the register gives one.
    max_value: Decimal | None = None
    # Register fields whose cell could not be read: the deadlines that depend on them
    # are left out rather than computed from a guess.
    unreadable: frozenset[str] = frozenset()

    @property
    def active(self) -> bool:
        return self.status == "aktiv"

    @property
    def original_end(self) -> date:
        """The end date before any recorded amendment moved it."""
        for amendment in self.amendments:
            if amendment.previous_end is not None:
                return amendment.previous_end
        return self.period_end

    def extended_by(self, months: int) -> date:
        """The end after `months` more of options, counted from the original end so that
        clamped month ends do not drift (31.08 + 6 + 6 months is 31.08, not 29.08)."""
        if not self.amendments:
            return add_months(self.period_end, months)
        original = self.original_end
        used = months_between(original, self.period_end)
        if used is not None and used >= 0:
            return add_months(original, used + months)
        return add_months(self.period_end, months)

    @property
    def max_extent(self) -> date:
        return self.extended_by(sum(self.options_months))

    @property
    def option_notice(self) -> date:
        return add_months(self.period_end, -self.option_notice_months) - timedelta(
            days=self.option_notice_days
        )

    @property
    def termination_notice(self) -> date | None:
        if self.termination_notice_months is None:
            return None
        return add_months(self.period_end, -self.termination_notice_months) - timedelta(
            days=self.termination_notice_days
        )

    def retender_start(self, last_day: date) -> date:
        return add_months(last_day, -self.lead_time_months) - timedelta(days=self.lead_time_days)


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
class RowProblem:
    """One cell or row of the register that could not be used, said the way the office
    sees it: the row number as the spreadsheet or list shows it and the office's own
    column header. `left_out` rows gave no contract; otherwise only the field was
    ignored and the contract's other deadlines stand."""

    row: int
    column: str
    value: str
    reason: Sayable
    left_out: bool = True
    contract_id: str = ""
    sheet: str = ""  # the workbook sheet, when the register has several
    # "row" for a spreadsheet row; "item" for a SharePoint list item (its ID).
    place: str = "row"

    def text(self, lang: Lang) -> str:
        if self.place == "item":
            where = tr(lang, "Item ID {row}", row=self.row)
        else:
            where = tr(lang, "Row {row}", row=self.row)
        if self.sheet:
            where += tr(lang, " on sheet “{sheet}”", sheet=self.sheet)
        if self.contract_id:
            where += f" ({self.contract_id})"
        if self.column:
            where += tr(lang, ", “{column}”", column=self.column)
        return f"{where}: {self.reason.say(lang)}"

    @property
    def message(self) -> str:
        return self.text("en")


@dataclass(frozen=True)
class RegisterWarning:
    """Something about a readable contract worth a look (today: a framework agreement over
    four years). The words are made when shown: a register of 100,000 rows may carry tens
    of thousands of these, and most are never printed."""

    contract_id: str
    code: str
    start: date
    end: date

    @property
    def message(self) -> str:
        return self.text("nb")

    def text(self, lang: Lang) -> str:
        return tr(
            lang,
            "The framework agreement lasts more than 4 years with every option ({start} – {end}).",
            start=DateText(self.start),
            end=DateText(self.end),
        )
