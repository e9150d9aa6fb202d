"""The procurement-plan plugin: the plan from the register, spend and people, in Teams.

Every question builds the plan afresh from the contract register, the SharePoint list
`Anskaffelsesplan` (people's entries and their edits) and, when ledgers are loaded,
purchasing analysis; nothing is written until a person presses a button on the card
(save the plan, mark an entry started). Only I/O lives here; the plan is pure
(entries.py, schedule.py, sync.py, answers.py).
"""

from __future__ import annotations

import asyncio
import csv
import logging
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, timedelta
from pathlib import Path
from typing import Annotated

from semantic_kernel.functions import kernel_function

from graph.calendar import CalendarGateway
from graph.errors import GraphGatewayError, NotFoundError
from graph.sharepoint import SharePointGateway, SiteRef, SiteResolver
from skills.contracts.model import Contract
from skills.contracts.plugin import SharePointRegister
from skills.graph_reasons import graph_reason
from skills.i18n import DateText, InputError, Lang, current_lang, tr
from skills.market_dialogue.thresholds import ThresholdTable
from skills.plan.answers import PlanAnswer, names_category, plan_answer
from skills.plan.entries import (
    Limits,
    PlanEntry,
    UncoveredSpend,
    flagged,
    from_register,
    from_spend,
)
from skills.plan.lead_times import LeadTimeTable
from skills.plan.manual_entry import EntryDraft, check_entry
from skills.plan.names import ADD_ENTRY, CHECK_ENTRY, MARK_STARTED, NEW_ENTRY, SAVE, SHOW
from skills.plan.questions import Window, window
from skills.plan.report import (
    PortfolioCell,
    render_plan_workbook,
    render_portfolio,
    render_timeline,
)
from skills.plan.sync import (
    LIST_NAME,
    ListItem,
    apply_people,
    entry_fields,
    plan_changes,
    read_items,
)
from skills.spend.analysis import Period, SpendAnalysis
from skills.spend.answers import Thresholds
from skills.spend.plugin import SpendPlugin
from skills.spend.rules import category_key

log = logging.getLogger(__name__)

CRITICALITY = Path(__file__).parent / "data" / "criticality.csv"
_LEVEL = {"lav": 0, "middels": 1, "høy": 2}


@dataclass(frozen=True)
class PlanState:
    entries: list[PlanEntry]
    items: list[ListItem]
    notes: list[str]
    markets: dict[str, int]  # category key -> suppliers seen in spend
    contracts: tuple[Contract, ...]
    links: dict[str, str]  # entry key -> the register row behind it


@dataclass(frozen=True)
class PlanDone:
    """What a button did, said in one sentence."""

    lang: Lang
    message: str

    def __str__(self) -> str:
        return self.message


def read_criticality(path: Path = CRITICALITY) -> dict[str, int]:
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if line[:1] != "#"]
    return {
        category_key(row["kategori"]): _LEVEL.get(row["kritikalitet"].strip().casefold(), 1)
        for row in csv.DictReader(lines, delimiter=";")
    }


class PlanPlugin:
    """Plugin name `plan`."""

    def __init__(
        self,
        sharepoint: SharePointGateway,
        site: SiteResolver,
        register: SharePointRegister,
        lead_times: LeadTimeTable,
        thresholds: ThresholdTable,
        spend: SpendPlugin | None = None,
        list_name: str = LIST_NAME,
        folder: str = "Anskaffelsesplan",
        today: Callable[[], date] = date.today,
        calendar: CalendarGateway | None = None,
    ) -> None:
        self._calendar = calendar
        self._sharepoint = sharepoint
        self._site = site
        self._register = register
        self._lead_times = lead_times
        self._thresholds = thresholds
        self._spend = spend
        self._list = list_name
        self._folder = folder
        self._today = today
        self._criticality = read_criticality()

    def _limits(self, on: date) -> Limits:
        found = Thresholds.from_table(self._thresholds, on)
        return Limits(found.national, found.eea)

    # --- the questions -----------------------------------------------------------------------

    @kernel_function(
        name=SHOW.name,
        description=(
            "The procurement plan (anskaffelsesplan): what must be procured and when work must "
            "start, for a year, a month, this or next quarter, or one category."
        ),
    )
    async def show(
        self,
        year: Annotated[str, "A year, e.g. 2027"] = "",
        month: Annotated[str, "A month number 1-12: what must start then"] = "",
        quarter: Annotated[str, "'this' or 'next' quarter"] = "",
        category: Annotated[str, "A category, e.g. IKT"] = "",
    ) -> PlanAnswer | PlanDone:
        lang = current_lang()
        today = self._today()
        try:
            span = window(today, year, month, quarter)
        except ValueError:
            return PlanDone(lang, tr(lang, "I could not read that period. Try “anskaffelsesplan "
                                     "2027” or “hva må vi starte i januar?”."))  # fmt: skip
        try:
            site = await self._site.get()
            state = await self._plan(site, lang, today)
        except InputError as exc:
            return PlanDone(lang, exc.message(lang))
        except GraphGatewayError as exc:
            return PlanDone(lang, tr(lang, "Could not read the plan in SharePoint: {reason}",
                                     reason=graph_reason(exc).say(lang)))  # fmt: skip
        notes = state.notes
        wanted = " ".join(category.casefold().split())
        if wanted and not any(names_category(e, wanted) for e in state.entries):
            known = ", ".join(
                sorted({e.category for e in state.entries if e.category}, key=str.casefold)
            )
            return PlanDone(lang, tr(lang, "Found no category “{words}” in the plan. Categories: "
                                     "{known}.", words=category, known=known))  # fmt: skip
        answer = plan_answer(state.entries, span, today, lang, category)
        changes = plan_changes(state.entries, state.items, state.links)
        cells = self._portfolio(state.contracts, state.markets, today)
        chart = await asyncio.to_thread(render_timeline, answer.shown, today, lang)
        matrix = await asyncio.to_thread(render_portfolio, cells, lang)
        book = await asyncio.to_thread(
            render_plan_workbook, state.entries, cells, self._lead_times.on(today), lang, matrix
        )
        url = ""
        try:
            saved = await self._sharepoint.upload(
                site, self._folder, f"Anskaffelsesplan - {today.isoformat()}.xlsx", book
            )
            url = saved.web_url
        except GraphGatewayError as exc:
            notes.append(tr(lang, "The workbook could not be saved in SharePoint: {reason}",
                            reason=graph_reason(exc).say(lang)))  # fmt: skip
        return replace(
            answer, notes=(*answer.notes, *notes), to_create=len(changes.create),
            to_update=len(changes.update), chart_png=chart, matrix_png=matrix,
            workbook_url=url,
        )  # fmt: skip

    @kernel_function(name=SAVE.name, description="Save the procurement plan to SharePoint.")
    async def save(self) -> PlanDone:
        """Writes the generated entries to the list after a person pressed the button:
        new ones created, changed ones updated, what people changed kept."""
        lang = current_lang()
        today = self._today()
        try:
            site = await self._site.get()
            state = await self._plan(site, lang, today)
            changes = plan_changes(state.entries, state.items, state.links)
            for _, fields in changes.create:
                await self._sharepoint.create_item(site, self._list, fields)
            for item_id, _, patch in changes.update:
                await self._sharepoint.update_fields(site, self._list, item_id, patch)
            events = await self._events(state.entries, lang)
        except InputError as exc:
            return PlanDone(lang, exc.message(lang))
        except GraphGatewayError as exc:
            return PlanDone(lang, tr(lang, "Could not save the plan in SharePoint: {reason}",
                                     reason=graph_reason(exc).say(lang)))  # fmt: skip
        said = tr(lang, "Saved the plan in SharePoint: {new} new, {changed} updated; {kept} values "
                  "people set were kept.", new=len(changes.create), changed=len(changes.update),
                  kept=len(changes.kept))  # fmt: skip
        if events:
            said += " " + events
        return PlanDone(lang, said)

    async def _events(self, entries: list[PlanEntry], lang: Lang) -> str:
        """With calendar events on: each planned start in its owner's calendar, once
        (found again by the entry's key, so a new save moves it rather than adds one)."""
        if self._calendar is None:
            return ""
        placed = failed = 0
        for entry in entries:
            if entry.status != "planlagt" or not entry.responsible or "past" in entry.flags:
                continue
            subject = tr(lang, "Start the procurement: {need}", need=entry.need)
            body = tr(lang, "The contract must start {day}. From the procurement plan.",
                      day=DateText(entry.contract_start).say(lang))  # fmt: skip
            try:
                await self._calendar.upsert_all_day(
                    entry.responsible, f"plan:{entry.key}", subject, entry.work_start, body
                )
                placed += 1
            except GraphGatewayError as exc:
                log.warning("plan: calendar event for %s: %s", entry.key, exc)
                failed += 1
        if failed:
            return tr(lang, "{placed} starts put in calendars; {failed} could not be (see the "
                      "service log).", placed=placed, failed=failed)  # fmt: skip
        return tr(lang, "{placed} starts put in calendars.", placed=placed)

    @kernel_function(name=MARK_STARTED.name, description="Mark a plan entry as started.")
    async def mark_started(
        self, key: Annotated[str, "The entry's key, e.g. kontrakt:2025-017"]
    ) -> PlanDone:
        lang = current_lang()
        today = self._today()
        try:
            site = await self._site.get()
            state = await self._plan(site, lang, today)
            entry = next((e for e in state.entries if e.key == key), None)
            if entry is None:
                return PlanDone(lang, tr(lang, "Found no plan entry “{key}”.", key=key))
            item = next((i for i in state.items if _key_of(i) == key), None)
            if item is None and entry.item_id:
                item = next((i for i in state.items if i.id == entry.item_id), None)
            if item is not None:
                await self._sharepoint.update_fields(site, self._list, item.id,
                                                     {"status": "startet"})  # fmt: skip
            else:
                changes = plan_changes([entry], [], {})
                fields = {**changes.create[0][1], "status": "startet"}
                await self._sharepoint.create_item(site, self._list, fields)
        except InputError as exc:
            return PlanDone(lang, exc.message(lang))
        except GraphGatewayError as exc:
            return PlanDone(lang, tr(lang, "Could not save the plan in SharePoint: {reason}",
                                     reason=graph_reason(exc).say(lang)))  # fmt: skip
        return PlanDone(lang, tr(lang, "Marked as started: {need}.", need=entry.need))

    @kernel_function(name=NEW_ENTRY.name, description="A form to add an entry to the plan.")
    async def new_entry(self) -> EntryDraft:
        return EntryDraft(current_lang(), {}, None, (), ())

    @kernel_function(name=CHECK_ENTRY.name, description="Check an entry before it is added.")
    async def check_entry(
        self, need: str = "", category: str = "", contract_start: str = "",
        responsible: str = "", value: str = "", entities: str = "",
    ) -> EntryDraft | PlanDone:  # fmt: skip
        """The entry with its schedule and what is wrong or worth a second look; nothing is
        saved until the person presses the button on the card this returns."""
        lang = current_lang()
        today = self._today()
        values = {"need": need, "category": category, "contract_start": contract_start,
                  "responsible": responsible, "value": value, "entities": entities}  # fmt: skip
        try:
            state = await self._plan(await self._site.get(), lang, today)
        except (InputError, GraphGatewayError) as exc:
            return self._problem(exc, lang)
        return check_entry(values, state.entries, today, self._lead_times, self._limits(today),
                           lang)  # fmt: skip

    @kernel_function(name=ADD_ENTRY.name, description="Add a checked entry to the plan.")
    async def add_entry(
        self, need: str = "", category: str = "", contract_start: str = "",
        responsible: str = "", value: str = "", entities: str = "",
    ) -> EntryDraft | PlanDone:  # fmt: skip
        lang = current_lang()
        today = self._today()
        values = {"need": need, "category": category, "contract_start": contract_start,
                  "responsible": responsible, "value": value, "entities": entities}  # fmt: skip
        draft = check_entry(values, [], today, self._lead_times, self._limits(today), lang)
        if draft.entry is None:
            return draft  # checked again: a button from an old card cannot skip the checks
        entry = draft.entry
        fields = {**entry_fields(entry), "status": "planlagt", "kilde": "manuell",
                  "cpv": entry.cpv}  # fmt: skip
        try:
            await self._sharepoint.create_item(await self._site.get(), self._list, fields)
        except GraphGatewayError as exc:
            return self._problem(exc, lang)
        begins = DateText(entry.work_start).say(lang)
        return PlanDone(lang, tr(lang, "Added to the plan: {need}, work starts {day}.",
                                 need=entry.need, day=begins))  # fmt: skip

    @staticmethod
    def _problem(exc: Exception, lang: Lang) -> PlanDone:
        if isinstance(exc, InputError):
            return PlanDone(lang, exc.message(lang))
        assert isinstance(exc, GraphGatewayError)
        return PlanDone(lang, tr(lang, "Could not save the plan in SharePoint: {reason}",
                                 reason=graph_reason(exc).say(lang)))  # fmt: skip

    async def soon(self, today: date, lang: Lang, days: int = 60) -> PlanAnswer | None:
        """What must start in the next `days` days and what is overdue, for the monthly
        message to the plan's channel; None when there is nothing."""
        site = await self._site.get()
        state = await self._plan(site, lang, today)
        span = Window(today, today + timedelta(days=days), "soon")
        answer = plan_answer(state.entries, span, today, lang)
        if not answer.shown:
            return None
        chart = await asyncio.to_thread(render_timeline, answer.shown, today, lang)
        return replace(answer, notes=(*answer.notes, *state.notes), chart_png=chart)

    # --- the work ----------------------------------------------------------------------------

    async def _items(self, site: SiteRef) -> list[ListItem]:
        return [
            ListItem(item.id, item.fields)
            async for item in self._sharepoint.read_items(site, self._list)
        ]

    async def _plan(self, site: SiteRef, lang: Lang, today: date) -> PlanState:
        notes: list[str] = []
        limits = self._limits(today)
        register = await self._register.load()
        try:
            items = await self._items(site)
        except NotFoundError:
            items = []
            notes.append(tr(lang, "The list “{name}” is missing in SharePoint: the plan is shown "
                            "but cannot be saved until it is made (see the administrator "
                            "guide).", name=self._list))  # fmt: skip
        manual, current, problems = read_items(items, self._lead_times, limits)
        for item_id, name in problems:
            notes.append(tr(lang, "Plan item {item}: “{field}” could not be read, so it is left "
                            "out.", item=item_id, field=name))  # fmt: skip
        generated = from_register(register.contracts, today, self._lead_times, limits)
        markets: dict[str, int] = {}
        if self._spend is not None:
            try:
                uncovered, markets = await self._spend.consult(
                    lambda analysis: _from_spend(analysis, today)
                )
                generated += from_spend(uncovered, today, self._lead_times, limits)
            except InputError as exc:
                notes.append(tr(lang, "Purchasing analysis is not part of the plan: {reason}",
                                reason=exc.message(lang)))  # fmt: skip
        entries = flagged([*apply_people(generated, current, self._lead_times), *manual], today)
        links = {
            f"kontrakt:{c.contract_id}": self._register.item_url(c) for c in register.contracts
        }
        return PlanState(entries, items, notes, markets, tuple(register.contracts), links)

    def _portfolio(
        self, contracts: tuple[Contract, ...], markets: dict[str, int], today: date
    ) -> list[PortfolioCell]:
        cells = []
        limits = self._limits(today)
        for contract in contracts:
            if not contract.active:
                continue
            value = contract.max_value or contract.value
            worth = 0 if value is None or value < limits.national else (
                1 if value < limits.eea else 2
            )  # fmt: skip
            key = category_key(contract.category)
            critical = self._criticality.get(key, 1)
            importance = max(worth, critical)
            seen = markets.get(key, 0)
            market = 1 if not seen else (0 if seen >= 6 else 1 if seen >= 3 else 2)
            cells.append(PortfolioCell(contract.contract_id, contract.title, importance, market,
                                       seen, worth, critical))  # fmt: skip
        return cells


def _key_of(item: ListItem) -> str:
    value = item.fields.get("kilde_id")
    return str(value).strip() if value else f"manuell:{item.id}"


def _from_spend(
    analysis: SpendAnalysis, today: date
) -> tuple[list[UncoveredSpend], dict[str, int]]:
    uncovered = [
        UncoveredSpend(name, spend, entities)
        for name, spend, entities in analysis.uncovered_categories(today)
    ]
    year = Period(date(today.year - 1, today.month, 1), today)
    return uncovered, analysis.suppliers_per_category(year)
