"""The officer's brief for a market dialogue: the card's fields, validated.

Everything later (schedule, notice, invitation) trusts a `Brief`, so every check that
can fail on user input happens here and names the field it is about, in both languages.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import Any

from skills.contracts.calendar import parse_date
from skills.contracts.orgnr import is_valid_orgnr, normalize_orgnr
from skills.i18n import BilingualError
from skills.market_dialogue.cpv import cpv_list, nuts_regions


class ProcurementKind(StrEnum):
    GOODS = "goods"
    SERVICES = "services"
    WORKS = "works"


class Regime(StrEnum):
    """Which regulation the buyer procures under: anskaffelsesforskriften (classic) or
    forsyningsforskriften (utilities). The special regime for social and other specific
    services is not chosen here: it follows from the CPV code."""

    CLASSIC = "classic"
    UTILITIES = "utilities"


class DialogueFormat(StrEnum):
    WRITTEN = "written"
    CONFERENCE = "conference"
    ONE_TO_ONE = "one_to_one"
    CONSULTATION = "consultation"


SCHEDULE_FIELDS: tuple[str, ...] = (
    "publication",
    "registration_deadline",
    "conference",
    "meetings",
    "written_deadline",
    "consultation_deadline",
)
"""Keys allowed in `Brief.dates`; `meetings` fixes the first one-to-one meeting day."""

REQUIRED_FIELDS: tuple[str, ...] = (
    "title",
    "need",
    "purpose",
    "kind",
    "estimated_value_nok",
    "formats",
    "questions",
    "contact.name",
    "contact.email",
    "buyer",
)

_LABELS: dict[str, tuple[str, str]] = {
    "title": ("tittel", "title"),
    "need": ("behov", "need"),
    "purpose": ("formål", "purpose"),
    "kind": ("type anskaffelse", "kind of procurement"),
    "estimated_value_nok": ("anslått verdi", "estimated value"),
    "formats": ("dialogformer", "dialogue formats"),
    "questions": ("spørsmål til markedet", "questions for the market"),
    "contact.name": ("kontaktpersonens navn", "contact person's name"),
    "contact.email": ("kontaktpersonens e-post", "contact person's e-mail"),
    "buyer": ("oppdragsgiver", "buyer"),
    "dates": ("datoer", "dates"),
    "suppliers": ("leverandører", "suppliers"),
    "case_folder": ("saksmappe", "case folder"),
    "regime": ("regelverk", "regime"),
    "buyer_org_no": ("oppdragsgivers organisasjonsnummer", "buyer's organisation number"),
    "cpv_main": ("hoved-CPV-kode", "main CPV code"),
    "cpv_extra": ("andre CPV-koder", "additional CPV codes"),
    "foreign_suppliers": ("utenlandske leverandører aktuelle", "foreign suppliers relevant"),
    "competition_planned": ("planlagt kunngjøring av konkurransen", "planned competition notice"),
    "place_nuts": ("gjennomføringssted (NUTS)", "place of performance (NUTS)"),
    "shared_where": ("hvor spørsmål, svar og presentasjoner deles", "where Q&A is shared"),
    "consultation_where": ("hvor utkastet publiseres", "where the draft is published"),
    "meeting_language": ("møtespråk", "meeting language"),
    "meeting_minutes": ("møtelengde (minutter)", "meeting length (minutes)"),
}

_EMAIL = re.compile(r"^[^@\s<>\"',;]+@[^@\s<>\"',;]+\.[A-Za-z]{2,}$")
MAX_TEXT = 4000
MAX_TITLE = 200
MAX_QUESTIONS = 30


@dataclass(frozen=True)
class Contact:
    name: str
    email: str


@dataclass(frozen=True)
class Brief:
    title: str
    need: str
    purpose: str
    kind: ProcurementKind
    estimated_value_nok: int
    formats: tuple[DialogueFormat, ...]
    questions: tuple[str, ...]
    contact: Contact
    buyer: str
    dates: Mapping[str, date] = field(default_factory=dict)
    suppliers: tuple[str, ...] = ()
    case_folder: str = ""
    regime: Regime = Regime.CLASSIC
    buyer_org_no: str = ""
    cpv_main: str = ""
    cpv_extra: tuple[str, ...] = ()
    foreign_suppliers: bool = False
    competition_planned: date | None = None
    place_nuts: str = ""
    # Practical details; blank means the invitation's defaults (see invitation.py).
    shared_where: str = ""
    consultation_where: str = ""
    meeting_language: str = ""
    meeting_minutes: int = 60


class BriefError(BilingualError):
    """Bad or missing input; `field` is the brief's field name (`contact.email`)."""


def field_label(name: str, lang: str) -> str:
    """The human name of a brief field, for messages and the form."""
    key = "dates" if name.startswith("dates.") else name
    nb, en = _LABELS.get(key, (name, name))
    return en if lang == "en" else nb


def _lookup(data: Mapping[str, Any], name: str) -> Any:
    value: Any = data
    for part in name.split("."):
        if not isinstance(value, Mapping):
            return None
        value = value.get(part)
    return value


def _is_blank(value: Any) -> bool:
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    if isinstance(value, list | tuple):
        return not any(not _is_blank(v) for v in value)
    return False


def missing_fields(data: Mapping[str, Any]) -> list[str]:
    """Required fields that are absent or empty, in form order: what the card must ask for."""
    return [name for name in REQUIRED_FIELDS if _is_blank(_lookup(data, name))]


def _missing(name: str) -> BriefError:
    nb, en = field_label(name, "nb"), field_label(name, "en")
    return BriefError(
        name,
        f"Feltet «{name}» ({nb}) mangler og må fylles ut.",
        f"The field '{name}' ({en}) is missing and must be filled in.",
    )


def _invalid(name: str, why_nb: str, why_en: str) -> BriefError:
    nb, en = field_label(name, "nb"), field_label(name, "en")
    return BriefError(
        name,
        f"Feltet «{nb}» ({name}) er ugyldig: {why_nb}",
        f"The field “{en}” ({name}) is invalid: {why_en}",
    )


def _text(data: Mapping[str, Any], name: str, limit: int = MAX_TEXT) -> str:
    value = _lookup(data, name)
    if _is_blank(value):
        raise _missing(name)
    if not isinstance(value, str):
        raise _invalid(name, "skal være tekst.", "must be text.")
    text = " ".join(value.split()) if limit <= MAX_TITLE else value.strip()
    if len(text) > limit:
        raise _invalid(name, f"er lengre enn {limit} tegn.", f"is longer than {limit} characters.")
    return text


def _email(value: Any, name: str) -> str:
    if not isinstance(value, str) or not _EMAIL.match(value.strip()):
        raise _invalid(
            name,
            f"«{value}» er ikke en e-postadresse.",
            f"'{value}' is not an e-mail address.",
        )
    return value.strip()


def _value_nok(data: Mapping[str, Any]) -> int:
    name = "estimated_value_nok"
    raw = data.get(name)
    if _is_blank(raw):
        raise _missing(name)
    number: int | None = None
    if isinstance(raw, bool):
        number = None
    elif isinstance(raw, int):
        number = raw
    elif isinstance(raw, float) and raw.is_integer():
        number = int(raw)
    elif isinstance(raw, str):
        digits = raw.replace(" ", "").replace("\u00a0", "").replace("_", "")
        number = int(digits) if digits.isdigit() else None
    if number is None or number <= 0:
        raise _invalid(
            name,
            f"«{raw}» er ikke et helt, positivt beløp i kroner ekskl. mva.",
            f"'{raw}' is not a whole, positive amount in NOK excl. VAT.",
        )
    return number


def _enum_list(data: Mapping[str, Any]) -> tuple[DialogueFormat, ...]:
    raw = data.get("formats")
    if _is_blank(raw):
        raise _missing("formats")
    items = [raw] if isinstance(raw, str) else raw
    if not isinstance(items, list | tuple):
        raise _invalid("formats", "skal være en liste.", "must be a list.")
    allowed = ", ".join(f.value for f in DialogueFormat)
    found: list[DialogueFormat] = []
    for item in items:
        try:
            fmt = DialogueFormat(str(item).strip())
        except ValueError:
            raise _invalid(
                "formats",
                f"«{item}» er ikke en dialogform (gyldige: {allowed}).",
                f"'{item}' is not a dialogue format (valid: {allowed}).",
            ) from None
        if fmt not in found:
            found.append(fmt)
    return tuple(sorted(found, key=list(DialogueFormat).index))


def _questions(data: Mapping[str, Any]) -> tuple[str, ...]:
    raw = data.get("questions")
    if _is_blank(raw):
        raise _missing("questions")
    if not isinstance(raw, list | tuple) or not all(isinstance(q, str) for q in raw):
        raise _invalid("questions", "skal være en liste med tekster.", "must be a list of texts.")
    questions = tuple(q.strip() for q in raw if q.strip())
    if len(questions) > MAX_QUESTIONS:
        raise _invalid(
            "questions",
            f"høyst {MAX_QUESTIONS} spørsmål.",
            f"at most {MAX_QUESTIONS} questions.",
        )
    for q in questions:
        if len(q) > MAX_TEXT:
            raise _invalid(
                "questions",
                f"et spørsmål er lengre enn {MAX_TEXT} tegn.",
                f"a question is longer than {MAX_TEXT} characters.",
            )
    return questions


def _dates(data: Mapping[str, Any]) -> dict[str, date]:
    raw = data.get("dates")
    if raw is None:
        return {}
    if not isinstance(raw, Mapping):
        raise _invalid("dates", "skal være et objekt med datoer.", "must be an object of dates.")
    known = ", ".join(SCHEDULE_FIELDS)
    dates: dict[str, date] = {}
    for key, value in raw.items():
        name = f"dates.{key}"
        if key not in SCHEDULE_FIELDS:
            raise _invalid(
                name,
                f"ukjent dato (kjente: {known}).",
                f"unknown date (known: {known}).",
            )
        if value is None or value == "":
            continue
        if isinstance(value, date):
            dates[key] = value
            continue
        try:
            dates[key] = parse_date(str(value))
        except ValueError:
            raise _invalid(
                name,
                f"«{value}» er ikke en dato (bruk ÅÅÅÅ-MM-DD eller DD.MM.ÅÅÅÅ).",
                f"'{value}' is not a date (use YYYY-MM-DD or DD.MM.YYYY).",
            ) from None
    return dates


def _suppliers(data: Mapping[str, Any]) -> tuple[str, ...]:
    raw = data.get("suppliers")
    if raw is None or raw == "":
        return ()
    if not isinstance(raw, list | tuple):
        raise _invalid(
            "suppliers",
            "skal være en liste med e-postadresser.",
            "must be a list of e-mail addresses.",
        )
    found: list[str] = []
    for item in raw:
        if isinstance(item, str) and not item.strip():
            continue
        address = _email(item, "suppliers")
        if address.lower() not in (f.lower() for f in found):
            found.append(address)
    return tuple(found)


def _optional_text(data: Mapping[str, Any], name: str) -> str:
    value = data.get(name)
    if _is_blank(value):
        return ""
    if not isinstance(value, str):
        raise _invalid(name, "skal være tekst.", "must be text.")
    text = " ".join(value.split())
    if len(text) > MAX_TITLE:
        raise _invalid(
            name, f"er lengre enn {MAX_TITLE} tegn.", f"is longer than {MAX_TITLE} characters."
        )
    return text


def _cpv(value: Any, name: str) -> str:
    found = cpv_list().get(str(value)) if isinstance(value, str | int) else None
    if found is None:
        raise _invalid(
            name,
            f"«{value}» er ikke en kode i CPV-listen (åtte siffer, for eksempel 90911000).",
            f"'{value}' is not a code in the CPV list (eight digits, e.g. 90911000).",
        )
    return found.code


def _extra_cpv(data: Mapping[str, Any]) -> tuple[str, ...]:
    raw = data.get("cpv_extra")
    if _is_blank(raw):
        return ()
    items = re.split(r"[,;\s]+", raw) if isinstance(raw, str) else raw
    if not isinstance(items, list | tuple):
        raise _invalid("cpv_extra", "skal være en liste med koder.", "must be a list of codes.")
    return tuple(dict.fromkeys(_cpv(item, "cpv_extra") for item in items if str(item).strip()))


def _flag(data: Mapping[str, Any], name: str) -> bool:
    value = data.get(name)
    if isinstance(value, bool):
        return value
    text = str(value or "").strip().lower()
    if text in ("", "false", "nei", "no", "0"):
        return False
    if text in ("true", "ja", "yes", "1", "x"):
        return True
    raise _invalid(name, f"«{value}» er verken ja eller nei.", f"'{value}' is neither yes nor no.")


def _details(data: Mapping[str, Any]) -> dict[str, Any]:
    """The eForms and practical fields, all optional."""
    found: dict[str, Any] = {}
    raw_regime = str(data.get("regime") or "classic").strip().lower()
    try:
        found["regime"] = Regime(raw_regime)
    except ValueError:
        raise _invalid(
            "regime",
            f"«{raw_regime}» (gyldige: classic = anskaffelsesforskriften, utilities = "
            "forsyningsforskriften).",
            f"'{raw_regime}' (valid: classic, utilities).",
        ) from None
    org = data.get("buyer_org_no")
    if not _is_blank(org):
        digits = normalize_orgnr(str(org)).removeprefix("NO").removesuffix("MVA")
        if not is_valid_orgnr(digits):
            raise _invalid(
                "buyer_org_no",
                f"«{org}» er ikke et gyldig organisasjonsnummer (ni siffer med kontrollsiffer).",
                f"'{org}' is not a valid organisation number (nine digits with a check digit).",
            )
        found["buyer_org_no"] = digits
    if not _is_blank(data.get("cpv_main")):
        found["cpv_main"] = _cpv(data.get("cpv_main"), "cpv_main")
    found["cpv_extra"] = tuple(c for c in _extra_cpv(data) if c != found.get("cpv_main"))
    found["foreign_suppliers"] = _flag(data, "foreign_suppliers")
    planned = data.get("competition_planned")
    if not _is_blank(planned):
        try:
            found["competition_planned"] = (
                planned if isinstance(planned, date) else parse_date(str(planned))
            )
        except ValueError:
            raise _invalid(
                "competition_planned",
                f"«{planned}» er ikke en dato (bruk ÅÅÅÅ-MM-DD eller DD.MM.ÅÅÅÅ).",
                f"'{planned}' is not a date (use YYYY-MM-DD or DD.MM.YYYY).",
            ) from None
    nuts = str(data.get("place_nuts") or "").strip().upper()
    if nuts:
        if nuts not in nuts_regions():
            known = ", ".join(f"{c} {n}" for c, n in nuts_regions().items())
            raise _invalid(
                "place_nuts",
                f"«{nuts}» er ikke en norsk NUTS-3-kode ({known}).",
                f"'{nuts}' is not a Norwegian NUTS-3 code ({known}).",
            )
        found["place_nuts"] = nuts
    for name in ("shared_where", "consultation_where", "meeting_language"):
        found[name] = _optional_text(data, name)
    minutes = data.get("meeting_minutes")
    if not _is_blank(minutes):
        text = str(minutes).strip()
        if not text.isdigit() or not 15 <= int(text) <= 480:
            raise _invalid(
                "meeting_minutes",
                f"«{minutes}» er ikke et antall minutter mellom 15 og 480.",
                f"'{minutes}' is not a number of minutes between 15 and 480.",
            )
        found["meeting_minutes"] = int(text)
    return found


def parse_brief(data: Mapping[str, Any]) -> Brief:
    """A JSON-like dict in, a `Brief` out; the first problem found is a BriefError."""
    if not isinstance(data, Mapping):
        raise BriefError(
            "",
            "Briefen skal være et JSON-objekt med feltene fra skjemaet.",
            "The brief must be a JSON object with the form's fields.",
        )
    for name in REQUIRED_FIELDS:
        if _is_blank(_lookup(data, name)):
            raise _missing(name)
    title = _text(data, "title", MAX_TITLE)
    need = _text(data, "need")
    purpose = _text(data, "purpose")
    try:
        kind = ProcurementKind(str(data.get("kind")).strip().lower())
    except ValueError:
        raise _invalid(
            "kind",
            f"«{data.get('kind')}» (gyldige: goods, services, works).",
            f"'{data.get('kind')}' (valid: goods, services, works).",
        ) from None
    value = _value_nok(data)
    formats = _enum_list(data)
    questions = _questions(data)
    contact = Contact(
        name=_text(data, "contact.name", MAX_TITLE),
        email=_email(_lookup(data, "contact.email"), "contact.email"),
    )
    buyer = _text(data, "buyer", MAX_TITLE)
    case_folder = data.get("case_folder") or ""
    if not isinstance(case_folder, str):
        raise _invalid("case_folder", "skal være tekst.", "must be text.")
    return Brief(
        title=title,
        need=need,
        purpose=purpose,
        kind=kind,
        estimated_value_nok=value,
        formats=formats,
        questions=questions,
        contact=contact,
        buyer=buyer,
        dates=_dates(data),
        suppliers=_suppliers(data),
        case_folder=case_folder.strip(),
        **_details(data),
    )


def brief_as_json(brief: Brief) -> dict[str, Any]:
    """The inverse of `parse_brief`, for pre-filling a form or saving a brief."""
    return {
        "title": brief.title,
        "need": brief.need,
        "purpose": brief.purpose,
        "kind": brief.kind.value,
        "estimated_value_nok": brief.estimated_value_nok,
        "formats": [f.value for f in brief.formats],
        "questions": list(brief.questions),
        "contact": {"name": brief.contact.name, "email": brief.contact.email},
        "buyer": brief.buyer,
        "dates": {k: v.isoformat() for k, v in brief.dates.items()},
        "suppliers": list(brief.suppliers),
        "case_folder": brief.case_folder,
        "regime": brief.regime.value,
        "buyer_org_no": brief.buyer_org_no,
        "cpv_main": brief.cpv_main,
        "cpv_extra": list(brief.cpv_extra),
        "foreign_suppliers": brief.foreign_suppliers,
        "competition_planned": (
            brief.competition_planned.isoformat() if brief.competition_planned else ""
        ),
        "place_nuts": brief.place_nuts,
        "shared_where": brief.shared_where,
        "consultation_where": brief.consultation_where,
        "meeting_language": brief.meeting_language,
        "meeting_minutes": brief.meeting_minutes,
    }
