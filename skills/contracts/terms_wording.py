"""The vocabulary contract terms are written in: numbers ("tre (3)", "3 (tre)"), units,
dates, and sentence boundaries. Pure functions over bokmål text; nynorsk and English
are brought to bokmål first (`terms_language`)."""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Iterator
from datetime import date

from skills.contracts.calendar import add_months

_WORDS = {
    "én": 1, "en": 1, "ett": 1, "et": 1, "to": 2, "tre": 3, "fire": 4, "fem": 5,
    "seks": 6, "sju": 7, "syv": 7, "åtte": 8, "ni": 9, "ti": 10, "elleve": 11, "tolv": 12,
    "fjorten": 14, "femten": 15, "atten": 18, "tjuefire": 24, "tjue": 20, "tretti": 30,
    "trettiseks": 36, "førtiåtte": 48, "seksti": 60, "nitti": 90,
}  # fmt: skip
_WORD_ALT = "|".join(sorted(_WORDS, key=len, reverse=True))
# "to (2)" and "2 (to)" are both common in contracts; the digits are what counts.
NUM = (
    rf"(?:\d{{1,3}}(?:\s*\(\s*(?:\d{{1,3}}|{_WORD_ALT})\s*\))?|"
    rf"\b(?:{_WORD_ALT})\b(?:\s*\(\s*\d{{1,3}}\s*\))?)"
)
_YEAR = r"år(?:s|et)?"
_MONTH = r"(?:måned(?:er|ers|s)?|mnd\.?|md\.?)"
_WORKING_DAY = r"(?:virke|arbeids|yrkes)dag(?:er|ers|s)?"
UNIT = rf"(?:{_YEAR}|{_MONTH})(?![a-zæøå])"
UNIT_ANY = (
    rf"(?:{_YEAR}|{_MONTH}|{_WORKING_DAY}|(?:kalender)?dag(?:er|ers|s)?|uke(?:r|rs|s)?)(?![a-zæøå])"
)
MONTH_NAMES = (
    *("januar", "februar", "mars", "april", "mai", "juni"),
    *("juli", "august", "september", "oktober", "november", "desember"),
)
DATE = (
    r"(?:\d{1,2}\.\s?\d{1,2}\.\s?\d{4}|\d{4}-\d{2}-\d{2}|"
    rf"\d{{1,2}}\.?\s+(?:{'|'.join(MONTH_NAMES)})\s+\d{{4}})"
)


def number(text: str) -> int:
    """`3`, `tre`, `tre (3)`, `3 (tre)` -> 3."""
    raw = text.strip().lower()
    leading = re.match(r"\d{1,3}", raw)
    if leading:
        return int(leading.group(0))
    bracket = re.search(r"\(\s*(\d{1,3})\s*\)", raw)
    if bracket:
        return int(bracket.group(1))
    return _WORDS[raw.split("(")[0].strip()]


def months_of(amount: int, unit: str) -> int | None:
    """A length in months; days and weeks only when they are whole months (90 days)."""
    u = unit.lower()
    if u.startswith("år"):
        return amount * 12
    if u.startswith(("mån", "mnd", "md")):
        return amount
    days = amount * (7 if u.startswith("uke") else 1)
    return days // 30 if days % 30 == 0 and not _is_working_day(u) else None


def _is_working_day(unit: str) -> bool:
    return unit.startswith(("virke", "arbeids", "yrkes"))


def notice_months(amount: int, unit: str) -> tuple[int, bool]:
    """A notice period as the whole months the register counts in, and whether that is
    rounded. Weeks and days are rounded up: a reminder a little early is harmless, one
    a little late misses the deadline. Working days count as 7/5 calendar days."""
    u = unit.lower()
    if u.startswith("år"):
        return amount * 12, False
    if u.startswith(("mån", "mnd", "md")):
        return amount, False
    if u.startswith("uke"):
        days = amount * 7
    elif _is_working_day(u):
        days = math.ceil(amount * 7 / 5)
    else:
        days = amount
    return max(1, math.ceil((days - 1) / 30.5)), True


def parse_text_date(text: str) -> date | None:
    raw = text.strip().lower()
    iso = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", raw)
    dotted = re.fullmatch(r"(\d{1,2})\.\s?(\d{1,2})\.\s?(\d{4})", raw)
    named = re.fullmatch(r"(\d{1,2})\.?\s+([a-zæøå]+)\s+(\d{4})", raw)
    try:
        if iso:
            return date(int(iso.group(1)), int(iso.group(2)), int(iso.group(3)))
        if dotted:
            return date(int(dotted.group(3)), int(dotted.group(2)), int(dotted.group(1)))
        if named and named.group(2) in MONTH_NAMES:
            month = MONTH_NAMES.index(named.group(2)) + 1
            return date(int(named.group(3)), month, int(named.group(1)))
    except ValueError:
        return None
    return None


def format_options(months: Iterable[int]) -> str:
    """Option lengths in the register's syntax: whole years as `1+1`, else `6m+6m`."""
    values = tuple(months)
    if all(m % 12 == 0 for m in values):
        return "+".join(str(m // 12) for m in values)
    return "+".join(f"{m}m" for m in values)


def end_from_term(start: date, months: int) -> date:
    """A period of N months from a start date ends the day before the same date N months on."""
    return date.fromordinal(add_months(start, months).toordinal() - 1)


_ABBREVIATIONS = {
    *("nr", "jf", "ca", "pkt", "kap", "mv", "dvs", "evt", "inkl", "ekskl", "iht", "mnd", "md"),
    *("f.o.m", "t.o.m", "kl", "ref", "bl.a", "o.l", "pr", "art"),
}
_BREAK = re.compile(r"(?<=[.!?;])\s+")


def sentences(text: str) -> Iterator[str]:
    """Split at sentence ends, but not after known abbreviations ("org.nr.", "jf.") or
    before a lower-case word (an ordinal as in "1. mars", or an unknown abbreviation)."""
    current = ""
    for chunk in _BREAK.split(text):
        if current:
            last = current.rstrip(".!?;").split()[-1].lower() if current.split() else ""
            tail = last.split(".")[-1]
            if (
                last in _ABBREVIATIONS
                or tail in _ABBREVIATIONS
                or chunk[:1].islower()
                or not chunk[:1].isalnum()  # "12 mnd. + 12 mnd."
            ):
                current = f"{current} {chunk}"
                continue
            yield current.strip()
        current = chunk
    if current.strip():
        yield current.strip()
