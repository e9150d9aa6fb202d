"""The plan as a SharePoint list kept by the assistant and by people together.

Each generated entry is one list item, found again by its key (`kilde_id`), so it is
updated, never duplicated. The item remembers, in `generert`, what the assistant last
wrote; a field whose value differs from that was changed by a person and is never
overwritten. Items people add by hand (no key, or `kilde` = manuell) are read as entries
of their own. Nothing is written here: `plan_changes` says what would change, and the
plugin writes it only after a person confirms it on a card.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from skills.plan.entries import STATUSES, Limits, PlanEntry, manual
from skills.plan.lead_times import LeadTimeTable
from skills.plan.schedule import backwards

LIST_NAME = "Anskaffelsesplan"
# The list's columns (internal names), as docs/procurement-plan.md tells an admin to make them.
COLUMNS = (
    "Title", "kilde_id", "kategori", "cpv", "estimert_verdi", "enheter", "ansvarlig",
    "markedsdialog", "kunngjoring", "kontraktstart", "arbeidsstart", "status", "kilde",
    "lenke", "generert",
)  # fmt: skip
# The fields the assistant fills for a generated entry; status and cpv are people's.
GENERATED = (
    "Title", "kategori", "estimert_verdi", "enheter", "ansvarlig", "markedsdialog",
    "kunngjoring", "kontraktstart", "arbeidsstart", "kilde", "lenke",
)  # fmt: skip


def _day(value: date | None) -> str:
    return value.isoformat() if value else ""


def entry_fields(entry: PlanEntry, link: str = "") -> dict[str, str]:
    return {
        "Title": entry.need,
        "kategori": entry.category,
        "estimert_verdi": "" if entry.value is None else f"{entry.value:.0f}",
        "enheter": "; ".join(entry.entities),
        "ansvarlig": entry.responsible,
        "markedsdialog": _day(entry.schedule.market_dialogue),
        "kunngjoring": _day(entry.schedule.notice),
        "kontraktstart": _day(entry.contract_start),
        "arbeidsstart": _day(entry.work_start),
        "kilde": entry.source,
        "lenke": link,
    }


@dataclass(frozen=True)
class ListItem:
    id: str
    fields: Mapping[str, Any]


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    text = str(value).strip()
    return text[:10] if len(text) >= 10 and text[4:5] == "-" and "T" in text else text


@dataclass
class PlanChanges:
    create: list[tuple[PlanEntry, dict[str, str]]] = field(default_factory=list)
    update: list[tuple[str, PlanEntry, dict[str, str]]] = field(default_factory=list)
    kept: list[tuple[str, str]] = field(default_factory=list)  # (item id, field) people set

    @property
    def empty(self) -> bool:
        return not self.create and not self.update


def plan_changes(
    entries: Sequence[PlanEntry], items: Sequence[ListItem], links: Mapping[str, str]
) -> PlanChanges:
    """What writing `entries` to the list would do, keeping every value a person set."""
    by_key = {_text(i.fields.get("kilde_id")): i for i in items if _text(i.fields.get("kilde_id"))}
    changes = PlanChanges()
    for entry in entries:
        if entry.source == "manuell":
            continue
        wanted = entry_fields(entry, links.get(entry.key, ""))
        item = by_key.get(entry.key)
        if item is None:
            changes.create.append(
                (entry, {**wanted, "kilde_id": entry.key, "status": entry.status,
                         "generert": json.dumps(wanted, ensure_ascii=False, sort_keys=True)})
            )  # fmt: skip
            continue
        written = _written({"generert": _text(item.fields.get("generert"))})
        patch: dict[str, str] = {}
        for name, value in wanted.items():
            current = _text(item.fields.get(name))
            # Changed since the assistant wrote it, or (with no record of what it wrote)
            # filled in differently: a person's value, kept.
            if current != written.get(name, current if not current else None):
                changes.kept.append((item.id, name))
                continue
            if current != value:
                patch[name] = value
        if patch:
            record = {**written, **{k: v for k, v in wanted.items() if k in patch}}
            patch["generert"] = json.dumps(record, ensure_ascii=False, sort_keys=True)
            changes.update.append((item.id, entry, patch))
    return changes


def read_items(
    items: Sequence[ListItem], table: LeadTimeTable, limits: Limits
) -> tuple[list[PlanEntry], dict[str, dict[str, str]], list[tuple[str, str]]]:
    """(manual entries, each generated item's current values by key, problems).

    A manual item without a readable contract start cannot be planned: it is named
    as a problem (item id, what is wrong) rather than guessed."""
    manual_entries: list[PlanEntry] = []
    current: dict[str, dict[str, str]] = {}
    problems: list[tuple[str, str]] = []
    for item in items:
        values = {name: _text(item.fields.get(name)) for name in COLUMNS}
        key = values["kilde_id"]
        if key and not key.startswith("manuell:"):
            current[key] = values
            continue
        try:
            start = date.fromisoformat(values["kontraktstart"])
        except ValueError:
            problems.append((item.id, "kontraktstart"))
            continue
        try:
            value = Decimal(values["estimert_verdi"]) if values["estimert_verdi"] else None
        except InvalidOperation:
            value = None
            problems.append((item.id, "estimert_verdi"))
        status = values["status"] if values["status"] in STATUSES else "planlagt"
        entities = tuple(e.strip() for e in values["enheter"].split(";") if e.strip())
        manual_entries.append(
            manual(key or f"manuell:{item.id}", values["Title"], values["kategori"], start,
                   values["ansvarlig"], value, table, limits, status, entities, values["cpv"])
        )  # fmt: skip
        manual_entries[-1] = _with_item(manual_entries[-1], item.id)
    return manual_entries, current, problems


def _with_item(entry: PlanEntry, item_id: str) -> PlanEntry:
    return replace(entry, item_id=item_id)


def _written(values: Mapping[str, str]) -> dict[str, str]:
    try:
        found = json.loads(values.get("generert") or "{}")
    except ValueError:
        return {}
    return found if isinstance(found, dict) else {}


def apply_people(
    entries: Sequence[PlanEntry], current: Mapping[str, Mapping[str, str]],
    table: LeadTimeTable,
) -> list[PlanEntry]:  # fmt: skip
    """Generated entries as people left them in the list: their status and responsible,
    and a contract start a person moved (the schedule follows it). An entry from spend
    keeps the contract start it was saved with, so its dates do not drift day by day."""
    out = []
    for entry in entries:
        values = current.get(entry.key)
        if values is None:
            out.append(entry)
            continue
        status = values.get("status") if values.get("status") in STATUSES else entry.status
        entry = replace(entry, status=status or entry.status,
                        responsible=values.get("ansvarlig") or entry.responsible)  # fmt: skip
        written = _written(values)
        stored = values.get("kontraktstart", "")
        moved = stored and stored != written.get("kontraktstart", stored)
        if stored and (moved or entry.source == "analyse"):
            try:
                start = date.fromisoformat(stored)
            except ValueError:
                start = entry.contract_start
            if start != entry.contract_start:
                phases = table.on(start).phases(entry.procedure)
                entry = replace(entry, schedule=backwards(start, phases))
        out.append(entry)
    return out
