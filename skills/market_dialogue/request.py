"""Read what an officer's chat message already says about a market dialogue.

"lag en invitasjon til markedsdialog om rammeavtale for skolemøbler, ca. 12 millioner,
dialogkonferanse i januar" gives a title, an estimated value, a format and a month for
the conference. Everything else goes on the form for the officer to fill in: what the
message does not say is asked for, never guessed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

_NUMBER = r"(\d{1,3}(?:[ .\u00a0]\d{3})+|\d+(?:[,.]\d+)?)"
_VALUE = re.compile(
    rf"(?:ca\.?|cirka|omtrent|rundt|about|around|approx\.?|~)?\s*{_NUMBER}\s*"
    r"(milliarder|milliard|mrd\.?|millioner|million|millions|mill\.?|mnok|mkr|m\b|"
    r"tusen|thousand|k\b|kr\b|nok\b|kroner)?",
    re.IGNORECASE,
)
_SCALE = {
    "milliarder": 1_000_000_000,
    "milliard": 1_000_000_000,
    "mrd": 1_000_000_000,
    "millioner": 1_000_000,
    "million": 1_000_000,
    "millions": 1_000_000,
    "mill": 1_000_000,
    "mnok": 1_000_000,
    "mkr": 1_000_000,
    "m": 1_000_000,
    "tusen": 1_000,
    "thousand": 1_000,
    "k": 1_000,
    "kr": 1,
    "nok": 1,
    "kroner": 1,
}
MONTHS = {
    "januar": 1,
    "january": 1,
    "februar": 2,
    "february": 2,
    "mars": 3,
    "march": 3,
    "april": 4,
    "mai": 5,
    "may": 5,
    "juni": 6,
    "june": 6,
    "juli": 7,
    "july": 7,
    "august": 8,
    "september": 9,
    "oktober": 10,
    "october": 10,
    "november": 11,
    "desember": 12,
    "december": 12,
}
_FORMAT_WORDS: tuple[tuple[str, str], ...] = (
    ("conference", r"dialogkonferanse|dialogmøte for alle|konferanse|conference"),
    ("one_to_one", r"en-til-en|én-til-én|en til en|1:1|one-to-one|one to one|møter med hver"),
    ("written", r"skriftlig\w*|rfi\b|request for information|written input"),
    ("consultation", r"høring\w*|consultation"),
)
_FORMAT_EVENT = {
    "conference": r"dialogkonferanse|konferanse|conference",
    "one_to_one": r"en-til-en-møter|en-til-en|one-to-one meetings|one-to-one|møter",
    "written": r"skriftlige innspill|innspill|written input",
    "consultation": r"høring|consultation",
}
_KIND_WORDS: tuple[tuple[str, str], ...] = (
    ("works", r"bygg\w*|anlegg\w*|entrepris\w*|rehabiliter\w*|works\b|construction"),
    (
        "services",
        r"tjeneste\w*|renhold\w*|drift\w*|transport\w*|rådgiv\w*|konsulent\w*|vakthold\w*|"
        r"services?\b|cleaning|consultancy",
    ),
    ("goods", r"varer\b|varekjøp|innkjøp av utstyr|goods\b|supplies"),
)
# What the title is introduced by: "markedsdialog om X", "invitasjon til markedsdialog for X".
_TITLE = re.compile(
    r"(?:markedsdialog(?:en)?|market dialogue|dialog)\s+(?:om|for|on|about|til|på)\s+"
    r"(?P<title>[^,.;\n]+)",
    re.IGNORECASE,
)
_MONEY_HINT = re.compile(
    r"verdi|value|ca\.?\s*$|cirka|omtrent|about|around|kr\.?\s*$|nok\s*$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class RequestFacts:
    """What the message said; empty fields were not mentioned."""

    title: str = ""
    estimated_value_nok: int | None = None
    formats: tuple[str, ...] = ()
    kind: str = ""
    # Preferred month per format, e.g. {"conference": 1} for "dialogkonferanse i januar".
    months: dict[str, int] = field(default_factory=dict)

    def as_fields(self) -> dict[str, object]:
        found: dict[str, object] = {}
        if self.title:
            found["title"] = self.title
        if self.estimated_value_nok is not None:
            found["estimated_value_nok"] = self.estimated_value_nok
        if self.formats:
            found["formats"] = list(self.formats)
        if self.kind:
            found["kind"] = self.kind
        return found


def parse_request(text: str) -> RequestFacts:
    lowered = text.lower()
    return RequestFacts(
        title=_title(text),
        estimated_value_nok=_value(text),
        formats=tuple(name for name, pattern in _FORMAT_WORDS if re.search(pattern, lowered)),
        kind=next((name for name, pattern in _KIND_WORDS if re.search(pattern, lowered)), ""),
        months=_months(lowered),
    )


def _title(text: str) -> str:
    match = _TITLE.search(text)
    if not match:
        return ""
    title = match.group("title").strip()
    # "skolemøbler ca. 12 millioner" without a comma: cut where the value starts.
    title = re.split(
        r"\s+(?:ca\.?|cirka|omtrent|med|with|verdi|value)\s"
        r"|\s+\d[\d .,]*\s*(?:kr|nok|kroner|mill|million|mnok|mkr|mrd|milliard)",
        title,
        flags=re.IGNORECASE,
    )[0].strip()
    return title[:1].upper() + title[1:] if title else ""


def _value(text: str) -> int | None:
    for match in _VALUE.finditer(text):
        raw, unit = match.group(1), (match.group(2) or "").lower().rstrip(".")
        context = text[max(0, match.start() - 12) : match.start()]
        if not unit and not _MONEY_HINT.search(context):
            continue  # a year, a count of meetings, a day of the month
        digits = raw.replace(" ", "").replace("\u00a0", "")
        if re.fullmatch(r"\d{1,3}(?:\.\d{3})+", digits):
            digits = digits.replace(".", "")
        number = float(digits.replace(",", "."))
        value = int(round(number * _SCALE.get(unit, 1)))
        if value >= 1000:
            return value
    return None


def _months(lowered: str) -> dict[str, int]:
    """A month named right after a format: "dialogkonferanse i januar", "møter i februar"."""
    found: dict[str, int] = {}
    month_names = "|".join(MONTHS)
    for name, event in _FORMAT_EVENT.items():
        match = re.search(
            rf"(?:{event})\w*\s+(?:i|in|during|primo|medio|ultimo)\s+({month_names})\b", lowered
        )
        if match:
            found[name] = MONTHS[match.group(1)]
    return found


def month_day(today: date, month: int, day: int = 15) -> date:
    """The `day` of the next `month` that is not in the past."""
    candidate = date(today.year, month, day)
    return candidate if candidate >= today else date(today.year + 1, month, day)
