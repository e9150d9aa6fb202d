"""Christmas, Easter week and fellesferie as dated data: weeks when answers and meetings
do not happen, whatever the law says about working days.

The bundled table is `data/holiday_periods.json`; `MARKET_DIALOGUE_HOLIDAY_PERIODS` (or a
path argument) points to another, as for the thresholds. A date after the last period is
not covered, and the schedule says so rather than treating it as an ordinary week.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from skills.contracts.calendar import is_working_day
from skills.i18n import N_, Lang, tr
from skills.market_dialogue.dated_table import iso_date, read_periods

BUNDLED = Path(__file__).parent / "data" / "holiday_periods.json"

NAMES: dict[str, str] = {
    "christmas": N_("Christmas and New Year"),
    "easter": N_("Easter week"),
    "summer": N_("the summer holidays (fellesferie)"),
}


class HolidayPeriodError(ValueError):
    """The holiday-period file is unreadable or inconsistent."""


@dataclass(frozen=True)
class HolidayPeriod:
    name: str
    start: date
    end: date

    def label(self, lang: Lang = "nb") -> str:
        return tr(lang, NAMES.get(self.name, self.name))

    def span(self) -> str:
        return f"{self.start:%d.%m.%Y}–{self.end:%d.%m.%Y}"


@dataclass(frozen=True)
class HolidayPeriods:
    periods: tuple[HolidayPeriod, ...]

    def period_of(self, day: date) -> HolidayPeriod | None:
        for period in self.periods:
            if period.start <= day <= period.end:
                return period
        return None

    def covers(self, day: date) -> bool:
        """Whether the table reaches `day` at all (a later date may hide a holiday)."""
        return bool(self.periods) and day <= self.periods[-1].end

    def is_effective(self, day: date) -> bool:
        """A working day outside every holiday period: a day suppliers can be expected
        to read, answer and meet."""
        return is_working_day(day) and self.period_of(day) is None

    def effective_days(self, after: date, until: date) -> int:
        """Effective days after `after` up to and including `until`."""
        count = 0
        day = after
        while day < until:
            day = date.fromordinal(day.toordinal() + 1)
            count += self.is_effective(day)
        return count


NONE = HolidayPeriods(())


def _date(raw: Any, where: str) -> date:
    return iso_date(raw, where, HolidayPeriodError)


def load_holiday_periods(path: Path | None = None) -> HolidayPeriods:
    """From `path` (an office's own dates), else the bundled ones. The settings say which."""
    origin = path or BUNDLED
    _, raw = read_periods(origin, "holiday periods", HolidayPeriodError)
    periods: list[HolidayPeriod] = []
    for index, item in enumerate(raw):
        where = f"{origin}: periods[{index}]"
        if not isinstance(item, dict) or not {"name", "from", "to"} <= item.keys():
            raise HolidayPeriodError(f"{where} must have name, from and to")
        period = HolidayPeriod(
            str(item["name"]), _date(item["from"], f"{where}.from"), _date(item["to"], where)
        )
        if period.end < period.start:
            raise HolidayPeriodError(f"{where}: 'to' is before 'from'")
        periods.append(period)
    periods.sort(key=lambda p: p.start)
    for before, after in zip(periods, periods[1:], strict=False):
        if after.start <= before.end:
            raise HolidayPeriodError(
                f"{origin}: periods from {before.start} and {after.start} overlap"
            )
    return HolidayPeriods(tuple(periods))
