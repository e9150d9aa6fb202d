"""Date arithmetic the deadline rules need: clamped months and Norwegian working days."""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta
from functools import lru_cache

import holidays

from skills.i18n import Problem

_MONTH_DAYS = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_NORWEGIAN = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})$")


class DateProblem(Problem):
    """A date that is not written as one, or does not exist."""


def parse_date(text: str) -> date:
    """`YYYY-MM-DD` or `DD.MM.YYYY`; anything else, or an impossible day, is a ValueError."""
    raw = text.strip()
    match = _ISO.match(raw)
    if match:
        year, month, day = (int(g) for g in match.groups())
    else:
        match = _NORWEGIAN.match(raw)
        if not match:
            raise DateProblem("unknown date “{raw}” (use YYYY-MM-DD or DD.MM.YYYY)", raw=raw)
        day, month, year = (int(g) for g in match.groups())
    try:
        return date(year, month, day)
    except ValueError:
        raise DateProblem("impossible date “{raw}”", raw=raw) from None


def add_months(day: date, months: int) -> date:
    """Calendar months, clamped to the month's last day (31 May - 3 months = 28/29 Feb)."""
    index = day.year * 12 + (day.month - 1) + months
    year, month = divmod(index, 12)
    month += 1
    if day.day <= 28:
        return date(year, month, day.day)
    last = 29 if month == 2 and calendar.isleap(year) else _MONTH_DAYS[month - 1]
    return date(year, month, min(day.day, last))


def months_between(start: date, end: date) -> int | None:
    """n when `end` is `start` plus n clamped calendar months, else None."""
    months = (end.year - start.year) * 12 + end.month - start.month
    return months if add_months(start, months) == end else None


@lru_cache(maxsize=64)
def _holidays(year: int) -> frozenset[date]:
    return frozenset(holidays.country_holidays("NO", years=year).keys())


def is_working_day(day: date) -> bool:
    """Not a Saturday, Sunday or Norwegian public holiday (Christmas Eve and New
    Year's Eve are ordinary days in law)."""
    return day.weekday() < 5 and day not in _holidays(day.year)


def previous_working_day(day: date) -> date:
    """`day` itself when it is a working day, else the last working day before it:
    an action must be taken by then."""
    while not is_working_day(day):
        day -= timedelta(days=1)
    return day
