"""How far ahead a question looks: "neste 30 dager", "neste 30 dagar", "fristr neste 30
dagr", "next two weeks", "neste månad", "i år". People type in bokmål, nynorsk and
English and make typos; a period that is not understood must not turn into a text
search over the register, so this module finds the period and says which words it used.
"""

from __future__ import annotations

from dataclasses import dataclass

from skills.words import word_matches

# Unit words -> days. Nynorsk and English forms are listed; typos are matched fuzzily.
_UNITS: dict[str, int] = {
    **dict.fromkeys(("dag", "dager", "dagar", "dagen", "dagene", "dagane", "day", "days", "d"), 1),
    **dict.fromkeys(("uke", "uker", "ukene", "veke", "veker", "vekene", "week", "weeks"), 7),
    **dict.fromkeys(
        ("måned", "måneder", "måneden", "månedene", "månad", "månader", "månadene", "mnd"), 30
    ),
    **dict.fromkeys(("month", "months"), 30),
    **dict.fromkeys(("år", "året", "year", "years"), 365),
}
_NUMBERS: dict[str, int] = {
    "en": 1, "ett": 1, "ei": 1, "ein": 1, "eitt": 1, "one": 1, "a": 1,
    "to": 2, "two": 2, "tre": 3, "three": 3, "fire": 4, "four": 4, "fem": 5, "five": 5,
    "seks": 6, "six": 6, "sju": 7, "syv": 7, "seven": 7, "åtte": 8, "eight": 8,
    "ni": 9, "nine": 9, "ti": 10, "ten": 10, "tolv": 12, "twelve": 12,
}  # fmt: skip
# "neste måned", "next month": one unit when no number is given.
_NEXT = {"neste", "kommende", "komande", "next", "coming", "følgende"}


@dataclass(frozen=True)
class Period:
    days: int
    used: tuple[int, ...]  # indexes of the words that gave the period


def unit_days(word: str) -> int | None:
    """Days in a unit word, allowing one typo in words of four letters or more."""
    if word in _UNITS:
        return _UNITS[word]
    if len(word) < 3:
        return None
    for unit, days in _UNITS.items():
        if len(unit) >= 3 and word_matches(unit, word):
            return days
    return None


def find_period(words: list[str]) -> Period | None:
    """The first "<number> <unit>" (or "neste <unit>") in normalised words."""
    for index, word in enumerate(words):
        amount = int(word) if word.isdigit() and len(word) <= 4 else _NUMBERS.get(word)
        if amount is not None and index + 1 < len(words):
            days = unit_days(words[index + 1])
            if days is not None:
                return Period(amount * days, (index, index + 1))
        if word in _NEXT and index + 1 < len(words):
            days = unit_days(words[index + 1])
            if days is not None and not words[index + 1].isdigit():
                return Period(days, (index, index + 1))
    return None
