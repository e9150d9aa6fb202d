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
from skills.i18n import N_, InputError, Lang, Phrase, Said, tr
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

_LABELS: dict[str, str] = {
    "title": N_("title"),
    "need": N_("need"),
    "purpose": N_("purpose"),
    "kind": N_("kind of procurement"),
    "estimated_value_nok": N_("estimated value"),
    "formats": N_("dialogue formats"),
    "questions": N_("questions for the market"),
    "contact.name": N_("contact person's name"),
    "contact.email": N_("contact person's e-mail"),
    "buyer": N_("buyer"),
    "dates": N_("dates"),
    "suppliers": N_("suppliers"),
    "case_folder": N_("case folder"),
    "regime": N_("regime"),
    "buyer_org_no": N_("buyer's organisation number"),
    "cpv_main": N_("main CPV code"),
    "cpv_extra": N_("additional CPV codes"),
    "foreign_suppliers": N_("foreign suppliers relevant"),
    "competition_planned": N_("planned competition notice"),
    "place_nuts": N_("place of performance (NUTS)"),
    "shared_where": N_("where Q&A is shared"),
    "consultation_where": N_("where the draft is published"),
    "meeting_language": N_("meeting language"),
    "meeting_minutes": N_("meeting length (minutes)"),
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


class BriefError(InputError):
    """Bad or missing input; `field` is the brief's field name (`contact.email`)."""


def field_label(name: str, lang: Lang) -> str:
    """The human name of a brief field, for messages and the form."""
    key = "dates" if name.startswith("dates.") else name
    return tr(lang, _LABELS.get(key, name))


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


def _label(name: str) -> Said:
    return Said(lambda lang: field_label(name, lang))


def _missing(name: str) -> BriefError:
    return BriefError(
        name,
        "The field '{name}' ({label}) is missing and must be filled in.",
        name=name,
        label=_label(name),
    )


def _invalid(name: str, why: Phrase) -> BriefError:
    return BriefError(
        name,
        "The field “{label}” ({name}) is invalid: {why}",
        label=_label(name),
        name=name,
        why=why,
    )


def _text(data: Mapping[str, Any], name: str, limit: int = MAX_TEXT) -> str:
    value = _lookup(data, name)
    if _is_blank(value):
        raise _missing(name)
    if not isinstance(value, str):
        raise _invalid(name, Phrase("must be text."))
    text = " ".join(value.split()) if limit <= MAX_TITLE else value.strip()
    if len(text) > limit:
        raise _invalid(name, Phrase("is longer than {limit} characters.", limit=limit))
    return text


def _email(value: Any, name: str) -> str:
    if not isinstance(value, str) or not _EMAIL.match(value.strip()):
        raise _invalid(
            name,
            Phrase("'{value}' is not an e-mail address.", value=value),
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
            Phrase("'{raw}' is not a whole, positive amount in NOK excl. VAT.", raw=raw),
        )
    return number


def _enum_list(data: Mapping[str, Any]) -> tuple[DialogueFormat, ...]:
    raw = data.get("formats")
    if _is_blank(raw):
        raise _missing("formats")
    items = [raw] if isinstance(raw, str) else raw
    if not isinstance(items, list | tuple):
        raise _invalid("formats", Phrase("must be a list."))
    allowed = ", ".join(f.value for f in DialogueFormat)
    found: list[DialogueFormat] = []
    for item in items:
        try:
            fmt = DialogueFormat(str(item).strip())
        except ValueError:
            raise _invalid(
                "formats",
                Phrase(
                    "'{item}' is not a dialogue format (valid: {allowed}).",
                    item=item,
                    allowed=allowed,
                ),
            ) from None
        if fmt not in found:
            found.append(fmt)
    return tuple(sorted(found, key=list(DialogueFormat).index))


def _questions(data: Mapping[str, Any]) -> tuple[str, ...]:
    raw = data.get("questions")
    if _is_blank(raw):
        raise _missing("questions")
    if not isinstance(raw, list | tuple) or not all(isinstance(q, str) for q in raw):
        raise _invalid("questions", Phrase("must be a list of texts."))
    questions = tuple(q.strip() for q in raw if q.strip())
    if len(questions) > MAX_QUESTIONS:
        raise _invalid(
            "questions",
            Phrase("at most {MAX_QUESTIONS} questions.", MAX_QUESTIONS=MAX_QUESTIONS),
        )
    for q in questions:
        if len(q) > MAX_TEXT:
            raise _invalid(
                "questions",
                Phrase("a question is longer than {MAX_TEXT} characters.", MAX_TEXT=MAX_TEXT),
            )
    return questions


def _dates(data: Mapping[str, Any]) -> dict[str, date]:
    raw = data.get("dates")
    if raw is None:
        return {}
    if not isinstance(raw, Mapping):
        raise _invalid("dates", Phrase("must be an object of dates."))
    known = ", ".join(SCHEDULE_FIELDS)
    dates: dict[str, date] = {}
    for key, value in raw.items():
        name = f"dates.{key}"
        if key not in SCHEDULE_FIELDS:
            raise _invalid(
                name,
                Phrase("unknown date (known: {known}).", known=known),
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
                Phrase("'{value}' is not a date (use YYYY-MM-DD or DD.MM.YYYY).", value=value),
            ) from None
    return dates


def _suppliers(data: Mapping[str, Any]) -> tuple[str, ...]:
    raw = data.get("suppliers")
    if raw is None or raw == "":
        return ()
    if not isinstance(raw, list | tuple):
        raise _invalid(
            "suppliers",
            Phrase("must be a list of e-mail addresses."),
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
        raise _invalid(name, Phrase("must be text."))
    text = " ".join(value.split())
    if len(text) > MAX_TITLE:
        raise _invalid(name, Phrase("is longer than {MAX_TITLE} characters.", MAX_TITLE=MAX_TITLE))
    return text


def _cpv(value: Any, name: str) -> str:
    found = cpv_list().get(str(value)) if isinstance(value, str | int) else None
    if found is None:
        raise _invalid(
            name,
            Phrase(
                "'{value}' is not a code in the CPV list (eight digits, e.g. 90911000).",
                value=value,
            ),
        )
    return found.code


def _extra_cpv(data: Mapping[str, Any]) -> tuple[str, ...]:
    raw = data.get("cpv_extra")
    if _is_blank(raw):
        return ()
    items = re.split(r"[,;\s]+", raw) if isinstance(raw, str) else raw
    if not isinstance(items, list | tuple):
        raise _invalid("cpv_extra", Phrase("must be a list of codes."))
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
    raise _invalid(name, Phrase("'{value}' is neither yes nor no.", value=value))


def _details(data: Mapping[str, Any]) -> dict[str, Any]:
    """The eForms and practical fields, all optional."""
    found: dict[str, Any] = {}
    raw_regime = str(data.get("regime") or "classic").strip().lower()
    try:
        found["regime"] = Regime(raw_regime)
    except ValueError:
        raise _invalid(
            "regime",
            Phrase("'{raw_regime}' (valid: classic, utilities).", raw_regime=raw_regime),
        ) from None
    org = data.get("buyer_org_no")
    if not _is_blank(org):
        digits = normalize_orgnr(str(org)).removeprefix("NO").removesuffix("MVA")
        if not is_valid_orgnr(digits):
            raise _invalid(
                "buyer_org_no",
                Phrase(
                    "'{org}' is not a valid organisation number (nine digits with a check digit).",
                    org=org,
                ),
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
                Phrase(
                    "'{planned}' is not a date (use YYYY-MM-DD or DD.MM.YYYY).", planned=planned
                ),
            ) from None
    nuts = str(data.get("place_nuts") or "").strip().upper()
    if nuts:
        if nuts not in nuts_regions():
            known = ", ".join(f"{c} {n}" for c, n in nuts_regions().items())
            raise _invalid(
                "place_nuts",
                Phrase(
                    "'{nuts}' is not a Norwegian NUTS-3 code ({known}).", nuts=nuts, known=known
                ),
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
                Phrase(
                    "'{minutes}' is not a number of minutes between 15 and 480.", minutes=minutes
                ),
            )
        found["meeting_minutes"] = int(text)
    return found


def parse_brief(data: Mapping[str, Any]) -> Brief:
    """A JSON-like dict in, a `Brief` out; the first problem found is a BriefError."""
    if not isinstance(data, Mapping):
        raise BriefError(
            "",
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
            "kind", Phrase("“{kind}” (valid: goods, services, works).", kind=data.get("kind"))
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
        raise _invalid("case_folder", Phrase("must be text."))
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
