"""A procurement scheduled backwards from the day its contract must start.

Signing is the last working day before the start; the standstill period ends there; the
evaluation ends at the award; the tender period ends where the evaluation begins; the
competition notice opens it; the tender documents are prepared before the notice, and
the market dialogue before that. Each step lands on a working day: work that must be
done by a date moves earlier, never later.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from skills.contracts.calendar import previous_working_day
from skills.market_dialogue.schedule import add_working_days, subtract_working_days
from skills.plan.lead_times import Phase


@dataclass(frozen=True)
class PlanSchedule:
    work_start: date  # the market dialogue starts (or the preparation, without one)
    market_dialogue: date | None
    preparation: date
    notice: date  # the competition is announced
    tender_deadline: date
    award: date
    signing: date
    contract_start: date

    def milestones(self) -> tuple[tuple[str, date], ...]:
        found = [("market_dialogue", self.market_dialogue)] if self.market_dialogue else []
        found += [
            ("preparation", self.preparation), ("notice", self.notice),
            ("tender_deadline", self.tender_deadline), ("award", self.award),
            ("signing", self.signing), ("contract_start", self.contract_start),
        ]  # fmt: skip
        return tuple((k, d) for k, d in found if d is not None)


def _days(phase: Phase) -> int:
    """A standstill of N days ends with its Nth day: the contract may be signed the day
    after, so the award comes N + 1 days before signing."""
    return phase.days + 1 if phase.key == "standstill" and phase.days else phase.days


def _back(day: date, phase: Phase) -> date:
    if phase.days == 0:
        return day
    if phase.working:
        return subtract_working_days(day, phase.days)
    return previous_working_day(day - timedelta(days=_days(phase)))


def _forward(day: date, phase: Phase) -> date:
    if phase.days == 0:
        return day
    if phase.working:
        return add_working_days(day, phase.days)
    return add_working_days(day + timedelta(days=_days(phase)), 0)


def backwards(contract_start: date, phases: tuple[Phase, ...]) -> PlanSchedule:
    by_key = {p.key: p for p in phases}
    signing = previous_working_day(contract_start - timedelta(days=1))
    award = _back(signing, by_key["standstill"])
    tender_deadline = _back(award, by_key["evaluation"])
    notice = _back(tender_deadline, by_key["tender_period"])
    preparation = _back(notice, by_key["preparation"])
    dialogue = _back(preparation, by_key["market_dialogue"])
    has_dialogue = by_key["market_dialogue"].days > 0
    return PlanSchedule(
        work_start=dialogue,
        market_dialogue=dialogue if has_dialogue else None,
        preparation=preparation,
        notice=notice,
        tender_deadline=tender_deadline,
        award=award,
        signing=signing,
        contract_start=contract_start,
    )


def earliest(work_start: date, phases: tuple[Phase, ...]) -> PlanSchedule:
    """Forwards from the first working day work can begin: for a need with no contract
    to replace, the soonest a contract can start."""
    by_key = {p.key: p for p in phases}
    start = add_working_days(work_start, 0)
    preparation = _forward(start, by_key["market_dialogue"])
    notice = _forward(preparation, by_key["preparation"])
    tender_deadline = _forward(notice, by_key["tender_period"])
    award = _forward(tender_deadline, by_key["evaluation"])
    signing = _forward(award, by_key["standstill"])
    has_dialogue = by_key["market_dialogue"].days > 0
    return PlanSchedule(
        work_start=start,
        market_dialogue=start if has_dialogue else None,
        preparation=preparation,
        notice=notice,
        tender_deadline=tender_deadline,
        award=award,
        signing=signing,
        contract_start=signing + timedelta(days=1),
    )
