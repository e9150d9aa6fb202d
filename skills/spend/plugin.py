"""The purchasing-analysis plugin: ledger files from SharePoint, answers in Teams.

The office keeps its extracts in the site's library, one folder per entity
(`Innkjøpsanalyse/Regnskap/<entity>/`, EHF invoices under `Fakturaer/<entity>/`, an
optional mapping sheet `Innkjøpsanalyse/kategorier.xlsx`). Each question first loads
what is new or changed (known by item id and eTag, so an unchanged library costs one
listing per folder), then asks the DuckDB store and saves the workbook beside the
extracts. Only I/O lives here; the analysis is pure (analysis.py, answers.py).
"""

from __future__ import annotations

import asyncio
import logging
import re
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Annotated, TypeVar

import duckdb
from semantic_kernel.functions import kernel_function

from graph.errors import GraphGatewayError, NotFoundError
from graph.sharepoint import DriveEntry, SharePointGateway, SiteRef, SiteResolver
from skills.contracts.plugin import SharePointRegister
from skills.graph_reasons import graph_reason
from skills.i18n import InputError, Lang, current_lang, tr
from skills.market_dialogue.thresholds import ThresholdTable
from skills.progress import report_progress
from skills.spend.analysis import Period, SpendAnalysis
from skills.spend.answers import (
    SpendAnswer,
    Thresholds,
    category_answer,
    find_category,
    find_entity,
    overview_answer,
    supplier_answer,
    without_contract_answer,
)
from skills.spend.errors import LedgerFileError
from skills.spend.names import ANALYSE, BY_CATEGORY, BY_SUPPLIER, WITHOUT_CONTRACT
from skills.spend.report import render_chart, render_workbook
from skills.spend.rules import CategoryRules, load_rules, read_office_rules
from skills.spend.sources import SUFFIXES, load_file
from skills.spend.store import LoadResult, SpendStore

log = logging.getLogger(__name__)

MAX_SOURCE_BYTES = 512 * 1024 * 1024
T = TypeVar("T")


@dataclass(frozen=True)
class SpendProblem:
    """Why a question could not be answered, said so the user knows what to do."""

    lang: Lang
    message: str

    def __str__(self) -> str:
        return self.message


@dataclass(frozen=True)
class SpendFolders:
    root: str = "Innkjøpsanalyse"
    ledger: str = "Regnskap"
    invoices: str = "Fakturaer"
    reports: str = "Rapporter"
    categories: str = "kategorier.xlsx"  # or the same name as .csv


def _year(text: str, today: date) -> int:
    found = re.search(r"\b(20\d\d)\b", text or "")
    return int(found.group(1)) if found else today.year


class SpendPlugin:
    """Plugin name `spend`."""

    def __init__(
        self,
        sharepoint: SharePointGateway,
        site: SiteResolver,
        register: SharePointRegister,
        database: Path,
        thresholds: ThresholdTable,
        folders: SpendFolders | None = None,
        today: Callable[[], date] = date.today,
    ) -> None:
        self._sharepoint = sharepoint
        self._site = site
        self._register = register
        self._database = database
        self._thresholds = thresholds
        self._folders = folders or SpendFolders()
        self._today = today
        self._lock = asyncio.Lock()
        self._store: SpendStore | None = None
        self._analysis: SpendAnalysis | None = None
        self._basis: tuple[object, ...] | None = None

    # --- the questions -----------------------------------------------------------------------

    @kernel_function(
        name=ANALYSE.name,
        description=(
            "Purchasing analysis for a year: spend, contract coverage (avtaledekning), the "
            "largest categories and possible threshold risks, with a chart and a workbook."
        ),
    )
    async def analyse(
        self,
        year: Annotated[str, "The year, e.g. 2026; empty for this year"] = "",
        entity: Annotated[str, "One county municipality, or empty for all"] = "",
    ) -> SpendAnswer | SpendProblem:
        return await self._ask("overview", year, entity, "")

    @kernel_function(
        name=WITHOUT_CONTRACT.name,
        description="What is bought most without a contract in a year, by category and supplier.",
    )
    async def without_contract(
        self,
        year: Annotated[str, "The year, e.g. 2026; empty for this year"] = "",
        entity: Annotated[str, "One county municipality, or empty for all"] = "",
    ) -> SpendAnswer | SpendProblem:
        return await self._ask("without_contract", year, entity, "")

    @kernel_function(
        name=BY_CATEGORY.name,
        description="Contract loyalty (avtalelojalitet) for one category, e.g. renhold, in a year.",
    )
    async def loyalty(
        self,
        category: Annotated[str, "The category, e.g. renhold or IKT"],
        year: Annotated[str, "The year, e.g. 2026; empty for this year"] = "",
    ) -> SpendAnswer | SpendProblem:
        return await self._ask("category", year, "", category)

    @kernel_function(
        name=BY_SUPPLIER.name,
        description="Purchases from one supplier (org. no. or name) in a year, by category.",
    )
    async def supplier(
        self,
        supplier: Annotated[str, "The supplier's org. no. or name"],
        year: Annotated[str, "The year, e.g. 2026; empty for this year"] = "",
    ) -> SpendAnswer | SpendProblem:
        return await self._ask("supplier", year, "", supplier)

    # --- the work ----------------------------------------------------------------------------

    async def _ask(
        self, kind: str, year_text: str, entity: str, words: str
    ) -> SpendAnswer | SpendProblem:
        lang = current_lang()
        today = self._today()
        period = Period.year(_year(year_text, today))
        limits = Thresholds.from_table(self._thresholds, min(period.end, today))
        async with self._lock:
            try:
                site = await self._site.get()
                analysis, problems = await self._analysis_now(site, lang)
                kind, chosen, words = _question(kind, entity, words, analysis)
                answer = await asyncio.to_thread(
                    self._answer, kind, analysis, period, limits, lang, chosen, words
                )
                workbook = await asyncio.to_thread(
                    render_workbook, analysis, period, limits, lang, chosen
                )
            except InputError as exc:
                return SpendProblem(lang, exc.message(lang))
            except GraphGatewayError as exc:
                log.warning("purchasing analysis: %s", exc)
                return SpendProblem(
                    lang,
                    tr(lang, "Could not read the analysis folder in SharePoint: {reason}",
                       reason=graph_reason(exc).say(lang)),
                )  # fmt: skip
            chart = await asyncio.to_thread(render_chart, answer.bars, lang) if answer.bars else b""
            name = f"Innkjøpsanalyse {period.start.year} - {today.isoformat()}.xlsx"
            folder = f"{self._folders.root}/{self._folders.reports}"
            try:
                saved = await self._sharepoint.upload(site, folder, name, workbook)
                url = saved.web_url
            except GraphGatewayError as exc:
                log.warning("purchasing analysis: workbook not saved: %s", exc)
                url = ""
                problems.append(
                    tr(lang, "The workbook could not be saved in SharePoint: {reason}",
                       reason=graph_reason(exc).say(lang))
                )  # fmt: skip
        return replace(answer, notes=(*answer.notes, *problems), workbook_url=url, chart_png=chart)

    async def _analysis_now(self, site: SiteRef, lang: Lang) -> tuple[SpendAnalysis, list[str]]:
        """The analysis over what the library holds now. It is kept between questions and
        built again only when a file, the register or the office's sheet has changed: a
        county's five million lines take seconds to classify, a question milliseconds."""
        if self._store is None:
            self._store = await asyncio.to_thread(SpendStore, self._database)
        problems, loaded = await self._sync(site, self._store, lang)
        register = await self._register.load()
        rules = await self._rules(site)
        basis = (tuple(register.contracts), rules)
        if self._analysis is None or loaded or basis != self._basis:
            if self._analysis is not None:
                self._analysis.close()
                self._analysis = None
            self._analysis = await asyncio.to_thread(
                SpendAnalysis, self._store, register.contracts, rules
            )
            self._basis = basis
        return self._analysis, problems

    async def consult(self, ask: Callable[[SpendAnalysis], T]) -> T:
        """Run `ask` on the current analysis (loading what is new first), for another
        skill: the procurement plan reads uncovered categories and markets from here.
        Raises InputError when there is no ledger to analyse."""
        async with self._lock:
            site = await self._site.get()
            analysis, _ = await self._analysis_now(site, current_lang())
            return await asyncio.to_thread(ask, analysis)

    def close(self) -> None:
        if self._analysis is not None:
            self._analysis.close()
            self._analysis = None
        if self._store is not None:
            self._store.close()
            self._store = None

    @staticmethod
    def _answer(
        kind: str, analysis: SpendAnalysis, period: Period, limits: Thresholds, lang: Lang,
        entity: str | None, words: str,
    ) -> SpendAnswer:  # fmt: skip
        if kind == "without_contract":
            return without_contract_answer(analysis, period, lang, entity)
        if kind == "category":
            return category_answer(analysis, words, period, lang, entity)
        if kind == "supplier":
            return supplier_answer(analysis, words, period, lang, entity)
        return overview_answer(analysis, period, limits, lang, entity)

    async def _rules(self, site: SiteRef) -> CategoryRules:
        rules = load_rules()
        try:
            entries = [e async for e in self._sharepoint.list_folder(site, self._folders.root)]
        except NotFoundError:
            return rules
        stem = Path(self._folders.categories).stem.lower()
        names = {f"{stem}.xlsx", f"{stem}.csv"}
        sheet = next((e for e in entries if e.name.lower() in names), None)
        if sheet is None:
            return rules
        data = await self._sharepoint.download(site, sheet.id)
        office = await asyncio.to_thread(read_office_rules, data, sheet.name)
        return replace(rules, office=office, office_source=sheet.name)

    async def _entity_files(self, site: SiteRef, folder: str) -> list[tuple[str, DriveEntry]]:
        found: list[tuple[str, DriveEntry]] = []
        try:
            entities = [e async for e in self._sharepoint.list_folder(site, folder) if e.is_folder]
        except NotFoundError:
            return found
        for entity in entities:
            async for entry in self._sharepoint.list_folder(site, f"{folder}/{entity.name}"):
                if not entry.is_folder and entry.name.lower().endswith(SUFFIXES):
                    found.append((entity.name, entry))
        return found

    async def _sync(self, site: SiteRef, store: SpendStore, lang: Lang) -> tuple[list[str], bool]:
        """Load what is new or changed in the library; a file that cannot be loaded is
        named in the answer and nothing of it is kept. Also says whether anything loaded."""
        root = self._folders.root
        files = await self._entity_files(site, f"{root}/{self._folders.ledger}")
        files += await self._entity_files(site, f"{root}/{self._folders.invoices}")
        if not files:
            raise _no_files(root, self._folders.ledger)
        fresh = [(e, f) for e, f in files if not store.seen(f.id, f.etag)]
        problems: list[str] = []
        lines = 0
        # Files deleted from the library leave the analysis with them.
        keep = {f"sharepoint:{f.id}" for _, f in files}
        loaded = await asyncio.to_thread(store.forget_missing, "sharepoint:", keep) > 0
        for done, (entity, entry) in enumerate(fresh, start=1):
            step = tr(lang, "Reading ledger files ({lines} lines loaded): file", lines=lines)
            await report_progress(done, len(fresh), step)
            if entry.size > MAX_SOURCE_BYTES:
                problems.append(tr(lang, "{name} is larger than 512 MB and was not read.",
                                   name=entry.name))  # fmt: skip
                continue
            data = await self._sharepoint.download(site, entry.id)
            try:
                result = await asyncio.to_thread(_load_bytes, store, data, entry, entity)
            except InputError as exc:
                problems.append(exc.message(lang))
                continue
            except duckdb.Error:
                log.exception("purchasing analysis: %s could not be loaded", entry.name)
                problems.append(tr(lang, "{name} could not be loaded; the service log says why.",
                                   name=entry.name))  # fmt: skip
                continue
            await asyncio.to_thread(store.remember, entry.id, entry.etag)
            lines += result.lines if not result.already else 0
            loaded = loaded or not result.already
        if fresh:
            log.info("purchasing analysis: %d files read, %d lines loaded", len(fresh), lines)
        return problems, loaded


def _question(
    kind: str, entity: str, words: str, analysis: SpendAnalysis
) -> tuple[str, str | None, str]:
    """(kind, entity, words) with the entity found. "avtaledekning IKT" names a category,
    not a county: an overview whose words name no entity but one category answers for
    that category."""
    if kind == "overview" and entity.strip():
        try:
            return kind, find_entity(analysis, entity), words
        except LedgerFileError:
            try:
                find_category(analysis, entity, "en")
            except LedgerFileError:
                pass
            else:
                return "category", None, entity
    return kind, find_entity(analysis, entity), words


def _load_bytes(store: SpendStore, data: bytes, entry: DriveEntry, entity: str) -> LoadResult:
    with tempfile.TemporaryDirectory() as scratch:
        path = Path(scratch) / entry.name
        path.write_bytes(data)
        return load_file(store, path, entity, source=f"sharepoint:{entry.id}")


def _no_files(root: str, ledger: str) -> InputError:
    return LedgerFileError(
        "ledger",
        "Found no ledger files in SharePoint. Put each county's extract (.csv, .xlsx or SAF-T "
        ".xml) in a folder of its own under “{root}/{ledger}”.",
        root=root,
        ledger=ledger,
    )
