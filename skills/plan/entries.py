"""The plan's entries: what must be procured, by when, by whom, and what is at risk.

Entries come from three places. The register: every active contract that ends within
the horizon, whose successor must start the day after its final end (options included).
Purchasing analysis: categories with spend and no contract at all, at or above the
national threshold over the last 12 months, planned as soon as work can begin. People:
entries made by hand in the SharePoint list or on a card. Each gets a schedule
backwards from the contract start (schedule.py) and the flags a leader needs to see.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from decimal import Decimal

from skills.contracts.calendar import add_months
from skills.contracts.model import Contract
from skills.plan.lead_times import LeadTimeTable, procedure_for
from skills.plan.schedule import PlanSchedule, backwards, earliest

HORIZON_MONTHS = 36
HEAVY = 3  # entries one person can carry at once before the plan says so
FRAMEWORK_YEARS = 4  # how a category's yearly spend becomes an estimated contract value
STATUSES = ("planlagt", "startet", "ferdig")


@dataclass(frozen=True)
class PlanEntry:
    key: str  # "kontrakt:2024-031", "analyse:<category>", "manuell:<item id>"
    need: str
    category: str
    value: Decimal | None
    entities: tuple[str, ...]
    responsible: str
    procedure: str  # below | national | eea
    schedule: PlanSchedule
    source: str  # kontrakt | analyse | manuell
    status: str = "planlagt"
    cpv: str = ""
    contract_id: str = ""
    item_id: str = ""  # the SharePoint list item, once written
    flags: tuple[str, ...] = ()

    @property
    def contract_start(self) -> date:
        return self.schedule.contract_start

    @property
    def work_start(self) -> date:
        return self.schedule.work_start

    @property
    def open(self) -> bool:
        return self.status != "ferdig"


@dataclass(frozen=True)
class Limits:
    national: int
    eea: int


def from_register(
    contracts: Iterable[Contract], today: date, table: LeadTimeTable, limits: Limits,
    horizon_months: int = HORIZON_MONTHS,
) -> list[PlanEntry]:  # fmt: skip
    last = add_months(today, horizon_months)
    entries = []
    for contract in contracts:
        if not contract.active or contract.unreadable & {"slutt", "opsjoner"}:
            continue
        final = contract.max_extent
        # A contract still "aktiv" a year after its end is a register to correct, not a
        # need; within the year it stays in the plan, flagged as past.
        if final < today - timedelta(days=365) or final > last:
            continue
        start = final + timedelta(days=1)
        # The procedure follows the largest value the contract may reach.
        worth = max((v for v in (contract.value, contract.max_value) if v is not None),
                    default=None)  # fmt: skip
        procedure = procedure_for(worth, limits.national, limits.eea)
        phases = table.on(start).phases(procedure)
        entries.append(
            PlanEntry(
                key=f"kontrakt:{contract.contract_id}",
                need=contract.title or contract.contract_id,
                category=contract.category,
                value=contract.value,
                entities=(),
                responsible=contract.owner,
                procedure=procedure,
                schedule=backwards(start, phases),
                source="kontrakt",
                contract_id=contract.contract_id,
            )
        )
    return entries


@dataclass(frozen=True)
class UncoveredSpend:
    """A category bought without any contract, from purchasing analysis."""

    category: str
    spend_12: Decimal
    entities: tuple[str, ...]


def from_spend(
    uncovered: Iterable[UncoveredSpend], today: date, table: LeadTimeTable, limits: Limits,
    responsible: str = "",
) -> list[PlanEntry]:  # fmt: skip
    entries = []
    for item in uncovered:
        if item.spend_12 < limits.national:
            continue
        value = item.spend_12 * FRAMEWORK_YEARS
        procedure = procedure_for(value, limits.national, limits.eea)
        phases = table.on(today).phases(procedure)
        entries.append(
            PlanEntry(
                key=f"analyse:{item.category.casefold()}",
                need=f"Ny avtale: {item.category}",
                category=item.category,
                value=value,
                entities=item.entities,
                responsible=responsible,
                procedure=procedure,
                schedule=earliest(today + timedelta(days=1), phases),
                source="analyse",
            )
        )
    return entries


def manual(
    key: str, need: str, category: str, contract_start: date, responsible: str,
    value: Decimal | None, table: LeadTimeTable, limits: Limits, status: str = "planlagt",
    entities: tuple[str, ...] = (), cpv: str = "",
) -> PlanEntry:  # fmt: skip
    procedure = procedure_for(value, limits.national, limits.eea)
    phases = table.on(contract_start).phases(procedure)
    return PlanEntry(
        key=key, need=need, category=category, value=value, entities=entities,
        responsible=responsible, procedure=procedure,
        schedule=backwards(contract_start, phases), source="manuell", status=status, cpv=cpv,
    )  # fmt: skip


def _overlaps(a: PlanEntry, b: PlanEntry) -> bool:
    return a.work_start <= b.schedule.signing and b.work_start <= a.schedule.signing


def flagged(entries: Sequence[PlanEntry], today: date) -> list[PlanEntry]:
    """Each entry with what a leader must see: `late` (work should already have begun),
    `past` (the contract start itself has passed: a date to correct), `overlap` (its
    owner carries HEAVY or more at once), `no_owner`, `duplicate` (another open entry
    for the same category and entities whose contract starts within six months)."""
    out = []
    live = [e for e in entries if e.open]
    for entry in entries:
        flags: list[str] = []
        if entry.open and entry.contract_start <= today:
            flags.append("past")
        elif entry.open and entry.status == "planlagt" and entry.work_start < today:
            flags.append("late")
        if entry.open and not entry.responsible:
            flags.append("no_owner")
        if entry.open and entry.responsible:
            busy = [o for o in live if o.responsible == entry.responsible and _overlaps(o, entry)]
            if len(busy) >= HEAVY:
                flags.append("overlap")
        twins = [
            o for o in live
            if o is not entry and o.category and o.category.casefold() == entry.category.casefold()
            and o.entities == entry.entities
            and abs((o.contract_start - entry.contract_start).days) <= 183
        ]  # fmt: skip
        if entry.open and twins:
            flags.append("duplicate")
        out.append(replace(entry, flags=tuple(flags)))
    return out
