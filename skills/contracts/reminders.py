"""Which reminders are due today: pure, so the tiers are easy to reason about.

For each coming deadline the smallest tier at or above the days left is the one
due (a scheduler that was down for a week sends the 7-day reminder, not the
30-day one it missed). Each (contract, deadline, tier) is sent at most once; the
ledger makes that hold across instances.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from skills.contracts.engine import deadlines_of
from skills.contracts.model import Contract, Deadline

DEFAULT_TIERS = (180, 90, 30, 14, 7, 1)


@dataclass(frozen=True)
class ReminderKey:
    contract_id: str
    kind: str
    due: str  # ISO date
    tier: int

    @property
    def deadline_key(self) -> tuple[str, str, str]:
        return (self.contract_id, self.kind, self.due)


@dataclass(frozen=True)
class Reminder:
    contract: Contract
    deadline: Deadline
    tier: int
    days_left: int

    @property
    def key(self) -> ReminderKey:
        return ReminderKey(
            self.contract.contract_id,
            self.deadline.kind.value,
            self.deadline.due.isoformat(),
            self.tier,
        )


def snooze_follow_up_key(key: ReminderKey, until: date) -> ReminderKey:
    """The ledger row of the one reminder owed when a snooze ending `until` is over.

    Its own kind per snooze end, and tier -1, so it is claimed like every tier (two
    instances send it once), never mistaken for a tier, and a later snooze of the same
    deadline owes a follow-up of its own.
    """
    return ReminderKey(key.contract_id, f"{key.kind}@snooze:{until.isoformat()}", key.due, -1)


def parse_tiers(text: str) -> tuple[int, ...]:
    tiers = sorted({int(part) for part in text.replace(" ", "").split(",") if part}, reverse=True)
    if not tiers or any(t < 0 or t > 3650 for t in tiers):
        raise ValueError(f"reminder tiers must be days between 0 and 3650, got '{text}'")
    return tuple(tiers)


def due_reminders(
    contracts: Iterable[Contract], today: date, tiers: Sequence[int] = DEFAULT_TIERS
) -> list[Reminder]:
    found = []
    for contract in contracts:
        for deadline in deadlines_of(contract):
            days = deadline.days_left(today)
            applicable = [t for t in tiers if 0 <= days <= t]
            if applicable:
                found.append(Reminder(contract, deadline, min(applicable), days))
    found.sort(key=lambda r: (r.deadline.due, r.contract.contract_id, r.deadline.kind.value))
    return found
