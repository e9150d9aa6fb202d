"""The market-dialogue form: what it holds, and how its text inputs become a brief.

Pure: the plugin fills and reads the form; the bot renders it as an Adaptive Card.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, fields
from typing import Any

from skills.contracts.model import Contract
from skills.i18n import Lang
from skills.market_dialogue.brief import SCHEDULE_FIELDS, DialogueFormat
from skills.market_dialogue.schedule import Schedule

# Optional fields for the eForms notice and the practical details, passed on as typed.
DETAIL_FIELDS = (
    "regime",
    "buyer_org_no",
    "cpv_main",
    "cpv_extra",
    "place_nuts",
    "foreign_suppliers",
    "competition_planned",
    "shared_where",
    "consultation_where",
    "meeting_language",
    "meeting_minutes",
)
# Characters SharePoint does not allow in file and folder names.
_UNSAFE = re.compile(r'[\\/:*?"<>|#%]+')


@dataclass(frozen=True)
class DraftFields:
    """What the completed form sends back: every input the card has, as typed.

    Teams merges the card's inputs into the button's data by input id; `from_values` keeps
    the ones that are fields and drops anything else a caller put there.
    """

    title: str = ""
    need: str = ""
    purpose: str = ""
    kind: str = ""  # goods, services or works
    estimated_value_nok: str = ""
    formats: str = ""  # comma-separated: written, conference, one_to_one, consultation
    questions: str = ""  # one per line
    contact_name: str = ""
    contact_email: str = ""
    buyer: str = ""
    case_folder: str = ""
    suppliers: str = ""  # e-mail addresses
    supplier_lists: str = ""  # names of saved supplier lists
    # The schedule, YYYY-MM-DD each (meetings: the first meeting day).
    publication: str = ""
    registration_deadline: str = ""
    conference: str = ""
    meetings: str = ""
    written_deadline: str = ""
    consultation_deadline: str = ""
    # The eForms notice and the practical details (DETAIL_FIELDS).
    regime: str = ""  # classic or utilities
    buyer_org_no: str = ""
    cpv_main: str = ""
    cpv_extra: str = ""
    place_nuts: str = ""
    foreign_suppliers: str = ""
    competition_planned: str = ""
    shared_where: str = ""
    consultation_where: str = ""
    meeting_language: str = ""
    meeting_minutes: str = ""
    origin: str = ""  # the contract a "start new procurement" came from

    @classmethod
    def from_values(cls, values: Mapping[str, object]) -> DraftFields:
        names = {f.name for f in fields(cls)}
        return cls(
            **{
                key: "" if value is None else str(value)
                for key, value in values.items()
                if key in names and isinstance(value, str | int | float)
            }
        )

    def values(self) -> dict[str, str]:
        """The inputs' values, as the form card shows them again (the origin travels apart)."""
        return {f.name: getattr(self, f.name) for f in fields(self) if f.name != "origin"}


@dataclass(frozen=True)
class DialogueForm:
    """The form the officer completes; `values` are the inputs' current values."""

    lang: Lang
    values: dict[str, str]
    missing: tuple[str, ...] = ()
    errors: tuple[str, ...] = ()
    origin: str = ""  # the contract a "start new procurement" came from
    supplier_lists: tuple[str, ...] = ()  # saved lists the officer can pick from

    def __str__(self) -> str:
        missing = ", ".join(self.missing) or "none"
        return f"market-dialogue form for '{self.values.get('title', '')}', missing: {missing}"


def _clean_part(text: str, limit: int) -> str:
    cleaned = _UNSAFE.sub(" ", text).strip().strip(".")
    return re.sub(r"\s+", " ", cleaned)[:limit].strip()


def safe_name(text: str, limit: int = 80) -> str:
    return _clean_part(text, limit) or "Markedsdialog"


def clean_folder(path: str) -> str:
    """A library folder the officer typed, made safe: each part a valid SharePoint name,
    and `.`/`..` dropped, so a path cannot climb out of the library."""
    parts = (_clean_part(p, 120) for p in path.replace("\\", "/").split("/"))
    return "/".join(p for p in parts if p)


def split_list(text: str, lines_only: bool = False) -> list[str]:
    parts = text.splitlines() if lines_only else re.split(r"[,;\n]+", text)
    cleaned = (re.sub(r"^\s*(?:\d+[.)]|[-*•])\s*", "", p).strip() for p in parts)
    return [p for p in cleaned if p]


def brief_data(values: Mapping[str, str]) -> dict[str, Any]:
    """Form inputs (strings) to the brief's JSON shape."""
    data: dict[str, Any] = {
        key: values[key].strip()
        for key in ("title", "need", "purpose", "kind", "buyer")
        if values.get(key, "").strip()
    }
    folder = clean_folder(values.get("case_folder", ""))
    if folder:
        data["case_folder"] = folder
    raw_value = re.sub(r"[\s\u00a0]", "", values.get("estimated_value_nok", ""))
    if raw_value:
        data["estimated_value_nok"] = raw_value  # as typed: an error message echoes it
    formats = split_list(values.get("formats", ""))
    if formats:
        data["formats"] = formats
    questions = split_list(values.get("questions", ""), lines_only=True)
    if questions:
        data["questions"] = questions
    contact = {
        "name": values.get("contact_name", "").strip(),
        "email": values.get("contact_email", "").strip(),
    }
    if any(contact.values()):
        data["contact"] = contact
    suppliers = split_list(values.get("suppliers", "").replace(" ", ","))
    if suppliers:
        data["suppliers"] = suppliers
    for key in DETAIL_FIELDS:
        if values.get(key, "").strip():
            data[key] = values[key].strip()
    dates = {k: values[k].strip() for k in SCHEDULE_FIELDS if values.get(k, "").strip()}
    if dates:
        data["dates"] = dates
    return data


def schedule_values(schedule: Schedule) -> dict[str, str]:
    values = {key: "" for key in SCHEDULE_FIELDS}
    for key, day in schedule.items():
        if key == "meetings":
            if not values["meetings"]:
                values["meetings"] = day.isoformat()
        elif key in values:
            values[key] = day.isoformat()
    return values


def formats_of(names: Sequence[str]) -> tuple[DialogueFormat, ...]:
    known = {f.value: f for f in DialogueFormat}
    return tuple(known[n] for n in names if n in known)


def from_contract(contract: Contract) -> dict[str, str]:
    """Pre-fill from the contract being replaced; the text goes into the bokmål document."""
    end = contract.max_extent.strftime("%d.%m.%Y")
    kind = (
        "services" if re.search(r"tjeneste|renhold|drift|transport", contract.title.lower()) else ""
    )
    values = {
        "title": contract.title,
        "need": (
            f"Gjeldende avtale {contract.contract_id} {contract.title} med {contract.supplier} "
            f"utløper endelig {end}. Det er behov for en ny avtale som kan ta over."
        ),
    }
    if kind:
        values["kind"] = kind
    return values
