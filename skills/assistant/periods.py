"""How far ahead a question looks: "neste 30 dager", "neste 30 dagar", "fristr neste 30
dagr", "next two weeks", "neste månad", "neste kvartal", "neste 30", and to a calendar
end: "i år", "denne uka", "this quarter", "i 2027". People type in bokmål, nynorsk and
English and make typos; a period that is not understood must not turn into a text
search over the register, so this module finds the period and says which words it used.
"""

from __future__ import annotations

from dataclasses import dataclass

from skills.words import word_matches

# Unit words -> days. Nynorsk and English forms are listed; typos are matched fuzzily.
_UNITS: dict[str, int] = {
    **dict.fromkeys(
        ("dag", "dager", "dagar", "dagen", "dagene", "dagane", "day", "days", "d", "dg", "dgr"), 1
    ),
    **dict.fromkeys(
        ("uke", "uker", "ukene", "veke", "veker", "vekene", "week", "weeks", "wk", "wks"), 7
    ),
    **dict.fromkeys(("fortnight",), 14),
    **dict.fromkeys(("kvartal", "kvartaler", "kvartalet", "quarter", "quarters"), 91),
    **dict.fromkeys(("halvår", "halvåret"), 182),
    **dict.fromkeys(
        ("måned", "måneder", "måneden", "månedene", "månad", "månader", "månadene", "mnd"), 30
    ),
    **dict.fromkeys(("month", "months", "mth", "mths"), 30),
    **dict.fromkeys(("år", "året", "year", "years", "yr", "yrs"), 365),
}
_NUMBERS: dict[str, int] = {
    "en": 1, "ett": 1, "ei": 1, "ein": 1, "eitt": 1, "one": 1, "a": 1,
    "to": 2, "two": 2, "tre": 3, "three": 3, "fire": 4, "four": 4, "fem": 5, "five": 5,
    "seks": 6, "six": 6, "sju": 7, "syv": 7, "seven": 7, "åtte": 8, "eight": 8,
    "ni": 9, "nine": 9, "ti": 10, "ten": 10, "elleve": 11, "eleven": 11, "tolv": 12,
    "twelve": 12, "fjorten": 14, "fourteen": 14, "femten": 15, "fifteen": 15, "tjue": 20,
    "tjuge": 20, "twenty": 20, "tretti": 30, "tredve": 30, "thirty": 30,
    "førti": 40, "forty": 40, "femti": 50, "fifty": 50, "seksti": 60,
    "sixty": 60, "nitti": 90, "ninety": 90, "hundre": 100, "hundred": 100,
}  # fmt: skip
# "neste måned", "next month": one unit when no number is given.
_NEXT = {"neste", "kommende", "komande", "next", "coming", "følgende"}


# "denne uka", "this quarter", "i år": to the end of a calendar unit, which only the
# answering side (with its own today) can count in days.
_THIS = {"denne", "dette", "inneværende", "inneverande", "this", "current"}
_CALENDAR: dict[str, str] = {
    **dict.fromkeys(("uke", "uka", "uken", "veke", "veka", "week"), "week"),
    **dict.fromkeys(("måned", "måneden", "månad", "månaden", "month", "mnd"), "month"),
    **dict.fromkeys(("kvartal", "kvartalet", "quarter"), "quarter"),
    **dict.fromkeys(("år", "året", "year"), "year"),
}
_IN = {"i", "in", "innen", "by", "før", "before", "for", "ut", "rest", "resten", "through"}


@dataclass(frozen=True)
class Period:
    days: int
    used: tuple[int, ...]  # indexes of the words that gave the period
    # "week", "month", "quarter", "year" or a year ("2027"): to the end of it, not `days`.
    until: str = ""


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
    """The first "<number> <unit>", "neste <unit>", "neste <number>" (days), "denne
    <unit>" or "i <year>" in normalised words."""
    calendar = _calendar_period(words)
    if calendar is not None:
        return calendar
    for index, word in enumerate(words):
        amount = int(word) if word.isdigit() and len(word) <= 4 else _NUMBERS.get(word)
        if amount is not None and index + 1 < len(words):
            days = unit_days(words[index + 1])
            if days is not None:
                return Period(amount * days, (index, index + 1))
        if word in _NEXT and index + 1 < len(words):
            following = words[index + 1]
            days = unit_days(following)
            if days is not None and not following.isdigit():
                return Period(days, (index, index + 1))
            unit_next = index + 2 < len(words) and unit_days(words[index + 2]) is not None
            if following.isdigit() and len(following) <= 4 and not unit_next:
                return Period(int(following), (index, index + 1))  # "neste 30": days
    return None


def _calendar_period(words: list[str]) -> Period | None:
    for index, word in enumerate(words[:-1]):
        following = words[index + 1]
        if word in _THIS and following in _CALENDAR:
            return Period(0, (index, index + 1), _CALENDAR[following])
        if word in _IN and following in ("år", "året", "year"):
            return Period(0, (index, index + 1), "year")
        if word in _IN and following.isdigit() and 2000 <= int(following) <= 2100:
            return Period(0, (index, index + 1), following)
    return None
