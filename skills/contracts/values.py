"""Register cell values as people write them, read into typed values.

Every reader takes what a cell holds (text from a CSV or a SharePoint list; text,
numbers, dates or booleans from Excel) and returns the value, or raises
`ValueProblem` saying in bokmål and English what was wrong. Text readers are cached:
a register repeats the same few option, notice and yes/no spellings thousands of times.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from zoneinfo import ZoneInfo

from skills.contracts.orgnr import is_valid_orgnr
from skills.i18n import Problem

OSLO = ZoneInfo("Europe/Oslo")
_EXCEL_EPOCH = date(1899, 12, 30)
# Serial numbers Excel shows as dates between 1954 and 2119: anything else in a date
# column is not a date someone typed.
_SERIAL_RANGE = range(20_000, 80_000)


class ValueProblem(Problem):
    """A register cell that could not be read."""


@dataclass(frozen=True)
class Span:
    """A notice period or lead time: whole months plus days (`90 dager` is 0 + 90)."""

    months: int = 0
    days: int = 0


def text_of(value: object) -> str:
    """A cell as the person sees it, for messages."""
    if type(value) is str:
        return value.strip()
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.strftime("%d.%m.%Y")
    if isinstance(value, date):
        return value.strftime("%d.%m.%Y")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


_BLANK = {"", "-", "–", "—", "n/a", "na", "i/a", "ikke aktuelt", "not applicable"}

# --- dates -------------------------------------------------------------------------------

_MONTHS = {
    "jan": 1, "januar": 1, "january": 1, "feb": 2, "februar": 2, "february": 2,
    "mar": 3, "mars": 3, "march": 3, "apr": 4, "april": 4, "mai": 5, "may": 5,
    "jun": 6, "juni": 6, "june": 6, "jul": 7, "juli": 7, "july": 7,
    "aug": 8, "august": 8, "sep": 9, "sept": 9, "september": 9,
    "okt": 10, "oktober": 10, "oct": 10, "october": 10, "nov": 11, "november": 11,
    "des": 12, "desember": 12, "dec": 12, "december": 12,
}  # fmt: skip
_ISO_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_ISO_STAMP = re.compile(
    r"^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$"
)
_DAY_FIRST = re.compile(
    r"^(\d{1,2})[./-](\d{1,2})[./-](\d{2}|\d{4})(?:\s+\d{1,2}[:.]\d{2}(?:[:.]\d{2})?)?$"
)
_WORDED = re.compile(r"^(\d{1,2})\.?\s*([a-zæøå]+)\.?\s+(\d{4})$")


_YEARS = range(1950, 2200)


def _date_or_problem(year: int, month: int, day: int, raw: str) -> date:
    if year not in _YEARS:
        raise ValueProblem(
            "“{raw}” is not a real contract date (is it open-ended? Give an end date or a "
            "notice period)",
            raw=raw,
        )
    try:
        return date(year, month, day)
    except ValueError:
        raise ValueProblem("“{raw}” is not a date that exists", raw=raw) from None


def _year(text: str) -> int:
    """Two-digit years are this century (registers hold contracts, not birthdays)."""
    year = int(text)
    return 2000 + year if len(text) == 2 else year


@lru_cache(maxsize=8192)
def _date_text(raw: str) -> date:
    if match := _ISO_DATE.match(raw):
        year, month, day = (int(g) for g in match.groups())
        return _date_or_problem(year, month, day, raw)
    if match := _DAY_FIRST.match(raw):
        day_text, month_text, year_text = match.groups()
        return _date_or_problem(_year(year_text), int(month_text), int(day_text), raw)
    if _ISO_STAMP.match(raw):
        return _stamp_date(raw)
    if match := _WORDED.match(raw.lower()):
        month_number = _MONTHS.get(match.group(2))
        if month_number:
            return _date_or_problem(int(match.group(3)), month_number, int(match.group(1)), raw)
    if raw.isdigit() and int(raw) in _SERIAL_RANGE:
        return _EXCEL_EPOCH + timedelta(days=int(raw))
    raise ValueProblem("“{raw}” is not a date (write e.g. 31.12.2026 or 2026-12-31)", raw=raw)


def _stamp_date(raw: str) -> date:
    """A date-time from SharePoint: a date column comes as the UTC instant of midnight
    in Oslo ('2027-05-31T22:00:00Z' is 1 June), so zoned stamps are read in Oslo time."""
    try:
        stamp = datetime.fromisoformat(raw.replace("Z", "+00:00"))
    except ValueError:
        raise ValueProblem("“{raw}” is not a date that exists", raw=raw) from None
    if stamp.tzinfo is not None:
        return stamp.astimezone(OSLO).date()
    return stamp.date()


def read_date(value: object) -> date | None:
    """None for a blank cell."""
    if value is None:
        return None
    if isinstance(value, bool):
        raise ValueProblem("“{value}” is not a date", value=text_of(value))
    if isinstance(value, datetime | date):
        day = (
            value.astimezone(OSLO).date() if isinstance(value, datetime) and value.tzinfo else value
        )
        day = day.date() if isinstance(day, datetime) else day
        return _date_or_problem(day.year, day.month, day.day, text_of(value))
    if isinstance(value, int | float):
        if int(value) in _SERIAL_RANGE:
            return _EXCEL_EPOCH + timedelta(days=int(value))
        raise ValueProblem("the number {value} is not a date", value=text_of(value))
    raw = str(value).strip()
    if raw.lower() in _BLANK:
        return None
    return _date_text(raw)


# --- options -------------------------------------------------------------------------------

_NONE_WORDS = {"ingen", "nei", "no", "none", "0", "ingen opsjoner", "ingen opsjon", "n", "ikkje"}
_PREFIX = re.compile(
    r"^(?:opsjon(?:er|ar)?|options?|forlengelse|extension)(?:\s+(?:på|pa|om|of|for))?\s*[:]?\s*",
    re.IGNORECASE,
)
_UP_TO = re.compile(r"^(?:inntil|opptil|maks(?:imalt)?|up to)\s+", re.IGNORECASE)
_TIMES = re.compile(
    r"^(\d{1,2})\s*(?:[x×*]|opsjon(?:er|ar)?\s+(?:à|a|på|pa|av|of)|options?\s+of)\s*"
    r"(\d{1,2})\s*(.*)$",
    re.IGNORECASE,
)
_PART = re.compile(r"^(\d{1,2})\s*([a-zæøå.]*)$", re.IGNORECASE)
_YEAR_UNITS = {"", "år", "ar", "å", "a", "y", "yr", "year", "years", "aar"}
_MONTH_UNITS = {"m", "md", "mnd", "mnd.", "mndr", "måned", "måneder", "maned", "maneder",
                "månad", "månader", "month", "months", "mo"}  # fmt: skip


def _unit_months(unit: str, default_months: int) -> int | None:
    """Months per unit word: 1 for months, 12 for years, the default for none."""
    word = unit.lower().rstrip(".")
    if word in _MONTH_UNITS:
        return 1
    if not word:
        return default_months
    if word in _YEAR_UNITS:
        return 12
    return None


@lru_cache(maxsize=4096)
def parse_options(text: str, default_months: int = 12) -> tuple[int, ...]:
    """Remaining option lengths in months from the ways people write them.

    `1+1` (years), `6+6 mnd`, `6m+1 år`, `2x1 år`, `opsjon 1+1+1`, `inntil 2 år`, and
    `ingen`/`nei`/`-`/blank for none. A unit after the last part applies to every
    part without its own unit; without any unit a part is `default_months` long
    (years, unless the column's header says months).
    """
    raw = " ".join(str(text).split())
    lowered = raw.lower().rstrip(".")
    if lowered in _BLANK or lowered in _NONE_WORDS:
        return ()
    body = _UP_TO.sub("", _PREFIX.sub("", raw)).strip()
    if match := _TIMES.match(body):
        count, length, unit = int(match.group(1)), int(match.group(2)), match.group(3).strip()
        per = _unit_months(unit, default_months)
        if count == 0 or length == 0 or per is None or count > 20:
            raise _impossible(raw)
        if length * per > _MAX_OPTION * 12:
            raise _impossible(raw)
        return (length * per,) * count
    parts: list[tuple[int, str]] = []
    for part in body.replace(" pluss ", "+").split("+"):
        match = _PART.match(part.strip())
        if match is None or int(match.group(1)) == 0:
            raise _impossible(raw)
        parts.append((int(match.group(1)), match.group(2).lower()))
    trailing = parts[-1][1]
    months: list[int] = []
    for number, unit in parts:
        per = _unit_months(unit or trailing, default_months)
        if per is None or number * per > _MAX_OPTION * 12 or len(parts) > 20:
            raise _impossible(raw)
        months.append(number * per)
    return tuple(months)


_MAX_OPTION = 20  # years, or months in a months column: longer is no option anyone writes


def _impossible(raw: str) -> ValueProblem:
    return ValueProblem(
        "cannot read the options “{raw}” (write e.g. 1+1, 2x1 år, 6+6 mnd or ingen)", raw=raw
    )


def read_options(value: object, unit: str = "") -> tuple[int, ...]:
    default = 1 if unit == "months" else 12
    if value is None or isinstance(value, bool):
        return ()
    if isinstance(value, int | float):
        if value < 0 or not float(value).is_integer() or value > _MAX_OPTION:
            raise _impossible(text_of(value))
        return () if value == 0 else (int(value) * default,)
    return parse_options(str(value), default)


def options_up_to(value: object) -> bool:
    """'inntil 2 år' is read as one option of at most two years: worth saying so."""
    return isinstance(value, str) and _up_to_text(value)


@lru_cache(maxsize=1024)
def _up_to_text(value: str) -> bool:
    return bool(_UP_TO.match(_PREFIX.sub("", value.strip())))


# --- notice periods and lead times --------------------------------------------------------------

_DURATION = re.compile(r"^(\d{1,4})(?:[.,]0+)?\s*([a-zæøå.]*)$", re.IGNORECASE)
_DAY_UNITS = {"d", "dag", "dager", "dagar", "day", "days", "kalenderdager"}
_WEEK_UNITS = {"u", "uke", "uker", "veke", "veker", "w", "week", "weeks"}


@lru_cache(maxsize=1024)
def _duration_text(raw: str, unit: str) -> Span:
    text = raw.lower().replace("måneders", "måneder").replace("mnds", "mnd")
    for filler in ("ca. ", "ca ", "senest ", "minst ", "før utløp", "før", "oppsigelse"):
        text = text.replace(filler, "")
    match = _DURATION.match(text.strip())
    if match is None:
        raise _bad_duration(raw)
    number, word = int(match.group(1)), match.group(2).rstrip(".")
    if word in _DAY_UNITS or (not word and unit == "days"):
        return Span(0, number)
    if word in _WEEK_UNITS:
        return Span(0, number * 7)
    per = _unit_months(word, 12 if unit == "years" else 1)
    if per is None:
        raise _bad_duration(raw)
    months = number * per
    if months > 120:
        raise _bad_duration(raw)
    return Span(months, 0)


def _bad_duration(raw: str) -> ValueProblem:
    return ValueProblem(
        "cannot read the period “{raw}” (write e.g. 3, 3 mnd, 90 dager or 1 år)", raw=raw
    )


def read_span(value: object, unit: str = "") -> Span | None:
    """A notice period or lead time; a bare number is months unless the header says
    days or years. None for a blank cell."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        if value < 0 or not float(value).is_integer():
            raise _bad_duration(text_of(value))
        return _duration_text(str(int(value)), unit)
    raw = " ".join(str(value).split())
    if raw.lower() in _BLANK:
        return None
    return _duration_text(raw, unit)


# --- yes/no, agreement type, status -------------------------------------------------------------

_YES = {"ja", "j", "yes", "y", "x", "✓", "✔", "true", "sann", "1", "sant"}
_NO = {"nei", "n", "no", "false", "usann", "0", "ikkje", "nope"} | _BLANK


def read_yes(value: object) -> bool:
    if value is None:
        return False
    if isinstance(value, bool):
        return value
    raw = text_of(value).lower().rstrip(".")
    if raw in _YES:
        return True
    if raw in _NO:
        return False
    raise ValueProblem("“{value}” is neither yes nor no", value=text_of(value))


_CONTRACT_WORDS = {
    "", "kontrakt", "enkeltkontrakt", "enkeltavtale", "avtale", "kontrakt (enkelt)",
    "tjenestekontrakt", "tjenesteavtale", "kjøpsavtale", "kjopsavtale", "leieavtale",
    "driftsavtale", "vedlikeholdsavtale", "serviceavtale", "bygg- og anleggskontrakt",
    "contract", "single contract", "service contract", "supply contract", "works contract",
}  # fmt: skip


_NOT_FRAMEWORK = re.compile(r"\b(ikke|ikkje|not|non|uten|avrop|call-off)\b", re.IGNORECASE)


def read_agreement(value: object, unit: str = "") -> tuple[bool, bool]:
    """(is a framework agreement, was the type unusual enough to mention).

    In a yes/no column ("Rammeavtale (ja/nei)") yes means a framework agreement. A type
    that names a framework but negates it or calls off from it ("Ikke rammeavtale",
    "Avrop på rammeavtale") is a contract, and said so."""
    if unit == "yes_no":
        try:
            return read_yes(value), False
        except ValueProblem:
            pass
    raw = text_of(value).lower()
    if "ramme" in raw or "framework" in raw or raw in ("ra", "fa"):
        if _NOT_FRAMEWORK.search(raw):
            return False, True
        return True, False
    return False, raw not in _CONTRACT_WORDS


_STATUS = {
    "aktiv": "aktiv", "active": "aktiv", "løpende": "aktiv", "gjeldende": "aktiv",
    "i drift": "aktiv", "pågående": "aktiv", "ongoing": "aktiv", "current": "aktiv",
    "utløpt": "utløpt", "utlopt": "utløpt", "utgått": "utløpt", "expired": "utløpt",
    "avsluttet": "avsluttet", "avslutta": "avsluttet", "oppsagt": "avsluttet",
    "terminert": "avsluttet", "kansellert": "avsluttet", "terminated": "avsluttet",
    "closed": "avsluttet", "ended": "avsluttet", "heva": "avsluttet", "hevet": "avsluttet",
}  # fmt: skip


def read_status(value: object) -> str:
    raw = text_of(value).lower()
    if raw in _BLANK:
        return "aktiv"
    if raw in _STATUS:
        return _STATUS[raw]
    raise ValueProblem(
        "unknown status “{value}” (aktiv, utløpt or avsluttet); read as active",
        value=text_of(value),
    )


# --- organisation numbers and amounts ---------------------------------------------------------

_ORG_NOISE = re.compile(r"^(?:org(?:anisasjons)?\.?\s*(?:nr|nummer)\.?:?\s*)?(?:no)?\s*", re.I)


def read_orgnr(value: object) -> str:
    """'NO 987 654 325 MVA', '987654325', a number cell -> '987654325'; '' when blank."""
    if value is None or isinstance(value, bool):
        return ""
    if isinstance(value, int | float):
        raw = str(int(value)) if float(value).is_integer() else str(value)
    else:
        raw = str(value).strip()
    if raw.lower() in _BLANK:
        return ""
    cleaned = _ORG_NOISE.sub("", raw)
    cleaned = re.sub(r"\s*mva\.?$", "", cleaned, flags=re.IGNORECASE)
    digits = re.sub(r"[\s.\-\u00a0]", "", cleaned)
    if is_valid_orgnr(digits):
        return digits
    raise ValueProblem(
        "“{raw}” is not a valid organisation number (9 digits with a check digit)", raw=raw
    )


_AMOUNT = re.compile(r"^-?\d[\d\s.,]*$")
_ENGLISH_GROUPS = re.compile(r"^-?\d{1,3}(?:,\d{3})+(?:\.\d+)?$")
_MILLION = re.compile(r"\b(?:mnok|mill\.?|millioner|million|mio\.?)\b", re.IGNORECASE)


def read_amount(value: object) -> Decimal | None:
    """'kr 1 200 000,-', '1.200.000', '1,2 MNOK', number cells -> Decimal; None when blank.

    Norwegian writing wins where it is ambiguous: a comma is the decimal mark and dots
    or spaces group thousands ('1.200' is one thousand two hundred).
    """
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        if not abs(value) < 1e15:
            raise _bad_amount(text_of(value))
        return Decimal(str(value)).quantize(Decimal("0.01")).normalize()
    raw = str(value).strip()
    if raw.lower() in _BLANK:
        return None
    text = raw.replace("\u00a0", " ")
    million = bool(_MILLION.search(text))
    text = _MILLION.sub("", text)
    text = re.sub(r"(?i)\b(?:kr\.?|nok|eks\.?\s*mva\.?|ekskl\.?\s*mva\.?|excl\.?\s*vat)", "", text)
    text = text.replace(",-", "").replace(",–", "").strip().rstrip(".")
    if not _AMOUNT.match(text):
        raise _bad_amount(raw)
    text = text.replace(" ", "")
    if not million and _ENGLISH_GROUPS.match(text):
        text = text.replace(",", "")  # '1,200,000' from an English export
    elif "," in text:
        whole, _, fraction = text.rpartition(",")
        text = whole.replace(".", "").replace(",", "") + "." + fraction
    elif text.count(".") == 1 and len(text.split(".")[1]) != 3:
        pass  # '1200.50' from an English export
    else:
        text = text.replace(".", "")
    try:
        amount = Decimal(text) * (1_000_000 if million else 1)
    except InvalidOperation:
        raise _bad_amount(raw) from None
    if not abs(amount) < Decimal("1e15"):
        raise _bad_amount(raw)
    return amount.normalize()


def _bad_amount(raw: str) -> ValueProblem:
    return ValueProblem("“{raw}” is not an amount (write e.g. 1 200 000)", raw=raw)


_MAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")


def read_owner(value: object) -> str:
    """The owner's address in lower case; 'Ingrid Haugen <ingrid@…>' gives the address."""
    raw = text_of(value)
    if match := _MAIL.search(raw):
        return match.group(0).lower()
    return raw.lower()
