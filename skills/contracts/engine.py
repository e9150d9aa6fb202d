"""The deadline engine: pure functions from a contract to its dated deadlines.

Action deadlines (option notice, termination notice, re-tender start) falling on a
non-working day move to the previous working day, because the action has to be
taken by then; expiry and final expiry are facts of the contract and never move.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from skills.contracts.calendar import add_months, previous_working_day
from skills.contracts.model import ACTION_KINDS, Contract, Deadline, DeadlineKind, RegisterWarning

FRAMEWORK_MAX_YEARS = 4


def _deadline(contract: Contract, kind: DeadlineKind, nominal: date) -> Deadline:
    due = previous_working_day(nominal) if kind in ACTION_KINDS else nominal
    return Deadline(due, contract.contract_id, kind, nominal)


def deadlines_of(contract: Contract) -> list[Deadline]:
    """Every deadline the register supports; a deadline that depends on a field whose
    cell could not be read is left out (the expiry never depends on one)."""
    if not contract.active:
        return []
    unknown = contract.unreadable
    found = [_deadline(contract, DeadlineKind.EXPIRY, contract.period_end)]
    options_known = "opsjoner" not in unknown
    if contract.options_months and options_known:
        if "opsjon_varsel_mnd" not in unknown:
            found.append(_deadline(contract, DeadlineKind.OPTION_NOTICE, contract.option_notice))
        found.append(_deadline(contract, DeadlineKind.FINAL_EXPIRY, contract.max_extent))
    termination = contract.termination_notice
    if contract.auto_renew and termination is not None:
        found.append(_deadline(contract, DeadlineKind.TERMINATION_NOTICE, termination))
    if (
        not contract.auto_renew
        and options_known
        and not unknown & {"fornyes_automatisk", "ledetid_mnd"}
    ):
        last = contract.max_extent if contract.options_months else contract.period_end
        found.append(
            _deadline(contract, DeadlineKind.RETENDER_START, contract.retender_start(last))
        )
    return sorted(found, key=lambda d: (d.due, d.kind.value))


def warnings_of(contract: Contract) -> list[RegisterWarning]:
    start = contract.period_start
    if not contract.framework or start is None:
        return []
    end = contract.period_end
    options = contract.options_months
    # A month is at most 31 days and a year at least 365: most agreements are
    # cleared here without date arithmetic (a register holds thousands of them).
    if (
        not contract.amendments
        and (end - start).days + 31 * sum(options) < 365 * FRAMEWORK_MAX_YEARS
    ):
        return []
    extent = contract.max_extent
    # Both days count: 01.02.2025-31.01.2029 is four years, to 01.02.2029 is more.
    if extent >= add_months(start, FRAMEWORK_MAX_YEARS * 12):
        return [RegisterWarning(contract.contract_id, "framework_over_4_years", start, extent)]
    return []


def upcoming(contracts: Iterable[Contract], today: date, within_days: int) -> list[Deadline]:
    """Deadlines due from `today` up to `within_days` ahead, sorted by due date,
    contract id, kind."""
    found = [
        deadline
        for contract in contracts
        for deadline in deadlines_of(contract)
        if 0 <= (deadline.due - today).days <= within_days
    ]
    return sorted(found, key=lambda d: (d.due, d.contract_id, d.kind.value))
