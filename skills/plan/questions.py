"""What a plan question names: a year, a month, this or next quarter, a category.

"anskaffelsesplan 2027" -> year 2027; "hva må vi starte i januar?" -> month 1; "what must
we start this quarter?" -> quarter "this"; "plan for IKT" -> category "ikt".
"""

from __future__ import annotations

import re
from calendar import monthrange
from dataclasses import dataclass
from datetime import date
from typing import Any

from skills.words import normalize

_YEAR = re.compile(r"\b(20\d\d)\b")
_MONTHS = {
    "januar": 1, "january": 1, "februar": 2, "february": 2, "mars": 3, "march": 3,
    "april": 4, "mai": 5, "may": 5, "juni": 6, "june": 6, "juli": 7, "july": 7,
    "august": 8, "september": 9, "oktober": 10, "october": 10, "november": 11,
    "desember": 12, "december": 12,
}  # fmt: skip
_THIS = {"dette", "denne", "this", "inneverande", "inneværende"}
_NEXT = {"neste", "next"}
_QUARTER = {"kvartal", "kvartalet", "quarter"}
_FRAME = {
    "anskaffelsesplan", "anskaffelsesplanen", "anskaffingsplan", "anskaffingsplanen",
    "innkjøpsplan", "plan", "planen", "for", "i",
    "hva", "kva", "må", "vi", "starte", "start", "begynne", "byrje", "what", "must", "we",
    "in", "the", "of", "procurement", "show", "vis", "om", "til", "på", "skal", "med",
    "with", "bør", "burde", "should", "do", "oss", "us", "needs", "trenger", "treng",
}  # fmt: skip


def plan_arguments(text: str) -> dict[str, Any]:
    words = normalize(_YEAR.sub(" ", text))
    found: dict[str, Any] = {}
    year = _YEAR.search(text)
    if year:
        found["year"] = year.group(1)
    used: set[str] = set()
    for index, word in enumerate(words):
        if word in _MONTHS:
            found["month"] = str(_MONTHS[word])
            used.add(word)
        if word in _QUARTER:
            before = words[index - 1] if index else ""
            found["quarter"] = "next" if before in _NEXT else "this"
            used.update({word, before})
    rest = [w for w in words if w not in _FRAME and w not in used and w not in _THIS | _NEXT]
    if rest:
        found["category"] = " ".join(rest)
    return found


@dataclass(frozen=True)
class Window:
    start: date
    end: date
    kind: str  # year | month | quarter | all | soon


def window(today: date, year: str = "", month: str = "", quarter: str = "") -> Window:
    """The period a question asks about; a month without a year is its next occurrence."""
    if month:
        number = int(month)
        when = int(year) if year else today.year + (number < today.month)
        return Window(date(when, number, 1), date(when, number, monthrange(when, number)[1]),
                      "month")  # fmt: skip
    if quarter:
        first = (today.month - 1) // 3 * 3 + 1
        start = date(today.year, first, 1)
        if quarter == "next":
            start = date(today.year + (first == 10), 1 if first == 10 else first + 3, 1)
        last_month = start.month + 2
        end = date(start.year, last_month, monthrange(start.year, last_month)[1])
        return Window(start, end, "quarter")
    if year:
        return Window(date(int(year), 1, 1), date(int(year), 12, 31), "year")
    return Window(today, date(today.year + 3, 12, 31), "all")
