"""Phase durations per procedure as dated data (data/lead_times.json).

The procedure follows the estimated value: under the national threshold the regulation
sets no procedure (part I), up to the EEA threshold part II, above it part III. Which
figures are the office's planning practice and which are minimums of the regulation is
part of the data, and a minimum not verified against its source is shown as such.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

BUNDLED = Path(__file__).parent / "data" / "lead_times.json"
PHASES = ("market_dialogue", "preparation", "tender_period", "evaluation", "standstill")
PROCEDURES = ("below", "national", "eea")


class LeadTimeError(ValueError):
    """The lead-time file is unreadable or incomplete."""


@dataclass(frozen=True)
class Phase:
    key: str
    days: int
    working: bool  # working days; else calendar days
    basis: str  # "practice" or "regulation"
    verified: bool


@dataclass(frozen=True)
class LeadTimes:
    valid_from: date
    procedures: dict[str, tuple[Phase, ...]]

    def phases(self, procedure: str) -> tuple[Phase, ...]:
        return self.procedures[procedure]


@dataclass(frozen=True)
class LeadTimeTable:
    periods: tuple[LeadTimes, ...]

    def on(self, day: date) -> LeadTimes:
        """The figures in force on `day` (the latest period starting on or before it)."""
        found = [p for p in self.periods if p.valid_from <= day]
        return found[-1] if found else self.periods[0]


def procedure_for(value: Decimal | None, national: int, eea: int) -> str:
    """Part I, II or III by the estimated value; unknown value plans as part II."""
    if value is None:
        return "national"
    if value < national:
        return "below"
    return "national" if value < eea else "eea"


def _phase(raw: Any, where: str) -> Phase:
    try:
        key, days, unit = str(raw["key"]), raw["days"], raw["unit"]
        basis, verified = str(raw["basis"]), raw["verified"]
    except (KeyError, TypeError) as exc:
        raise LeadTimeError(f"{where}: missing {exc}") from None
    if key not in PHASES or not isinstance(days, int) or days < 0 or unit not in (
        "working", "calendar"
    ) or not isinstance(verified, bool):  # fmt: skip
        raise LeadTimeError(f"{where}: not a phase the plan can use: {raw!r}")
    return Phase(key, days, unit == "working", basis, verified)


def load_lead_times(path: Path = BUNDLED) -> LeadTimeTable:
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
        periods = []
        for index, period in enumerate(raw["periods"]):
            where = f"{path.name}: periods[{index}]"
            procedures = {
                name: tuple(
                    _phase(p, f"{where}.{name}[{i}]")
                    for i, p in enumerate(period["procedures"][name])
                )
                for name in PROCEDURES
            }
            for name, phases in procedures.items():
                if tuple(p.key for p in phases) != PHASES:
                    raise LeadTimeError(f"{where}.{name}: phases must be {', '.join(PHASES)}")
            periods.append(LeadTimes(date.fromisoformat(period["valid_from"]), procedures))
    except (OSError, ValueError, KeyError, TypeError) as exc:
        if isinstance(exc, LeadTimeError):
            raise
        raise LeadTimeError(f"{path.name}: {exc}") from None
    if not periods:
        raise LeadTimeError(f"{path.name}: no periods")
    return LeadTimeTable(tuple(sorted(periods, key=lambda p: p.valid_from)))
