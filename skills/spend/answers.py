"""The four questions of purchasing analysis, answered in the user's language.

Each answer is one `SpendAnswer`: key figures, a short table, notes on what the figures
leave out, and the data behind them (for `--json` and the workbook). Teams shows it as a
card with a chart; the command line prints it. Threshold figures are worded as an
indication to look into, never as a finding that the law was broken.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from skills.i18n import DateText, Lang, is_norwegian, tr
from skills.market_dialogue.brief import ProcurementKind
from skills.market_dialogue.thresholds import ThresholdError, ThresholdTable
from skills.spend.analysis import Figure, Period, SpendAnalysis, ThresholdRisk
from skills.spend.errors import LedgerFileError
from skills.spend.rules import category_key


def money(value: Decimal | int, lang: Lang) -> str:
    whole = f"{value:,.0f}".replace(",", "\u00a0")
    return f"{whole}\u00a0kr" if is_norwegian(lang) else f"NOK\u00a0{whole.replace(chr(160), ',')}"


def share(value: float | None, lang: Lang) -> str:
    if value is None:
        return "–"
    text = f"{value * 100:.1f}"
    return f"{text.replace('.', ',')}\u00a0%" if is_norwegian(lang) else f"{text}%"


@dataclass(frozen=True)
class ChartBar:
    label: str
    covered: Decimal
    uncovered: Decimal


@dataclass(frozen=True)
class SpendAnswer:
    lang: Lang
    kind: str  # overview | without_contract | category | supplier
    title: str
    facts: tuple[tuple[str, str], ...]
    table_title: str
    rows: tuple[tuple[str, str], ...]
    notes: tuple[str, ...] = ()
    bars: tuple[ChartBar, ...] = ()
    risks: tuple[ThresholdRisk, ...] = ()
    data: dict[str, Any] = field(default_factory=dict)
    workbook_url: str = ""
    chart_png: bytes = b""

    def __str__(self) -> str:
        return self.text()

    def text(self) -> str:
        """The answer as plain text (the command line, and what a model reads)."""
        lines = [self.title, ""]
        width = max((len(label) for label, _ in self.facts), default=0)
        lines += [f"{label.ljust(width)}  {value}" for label, value in self.facts]
        if self.rows:
            lines += ["", self.table_title]
            lines += [f"  {label}: {value}" for label, value in self.rows]
        if self.notes:
            lines += ["", *self.notes]
        return "\n".join(lines)


def _figure_data(figure: Figure) -> dict[str, Any]:
    return {
        "key": figure.key,
        "name": figure.name,
        "spend": str(figure.spend),
        "covered": str(figure.covered),
        "coverage": figure.coverage,
        "contracted": str(figure.contracted),
        "loyalty": figure.loyalty,
        "lines": figure.lines,
    }


def _risk_data(risk: ThresholdRisk) -> dict[str, Any]:
    return {
        "entity": risk.entity,
        "category": risk.category,
        "spend_12_months": str(risk.spend_12),
        "spend_48_months": str(risk.spend_48),
        "suppliers": [_figure_data(f) for f in risk.suppliers],
        "lines": [
            {
                "date": line.bilagsdato.isoformat(),
                "voucher": line.bilagsnr,
                "supplier": line.supplier,
                "org_nr": line.org_nr,
                "amount": str(line.belop),
                "file": line.source,
                "line": line.line,
            }
            for line in risk.lines
        ],
    }


def _category_name(figure: Figure, lang: Lang) -> str:
    return figure.name or tr(lang, "unclassified")


def _bars(figures: tuple[Figure, ...], lang: Lang, limit: int = 8) -> tuple[ChartBar, ...]:
    return tuple(ChartBar(_category_name(f, lang), f.covered, f.uncovered) for f in figures[:limit])


@dataclass(frozen=True)
class Thresholds:
    """The national and EEA thresholds on a day, and whether the table confirms them."""

    national: int
    eea: int
    confirmed: bool
    on: date

    @classmethod
    def from_table(cls, table: ThresholdTable, on: date) -> Thresholds:
        """A day before the table's first period takes its first values, unconfirmed:
        an analysis of an old year still answers, and says the values may not fit."""
        try:
            period, confirmed = table.period_on(on)
        except ThresholdError:
            period, confirmed = table.periods[0], False
        return cls(period.national, period.eea(ProcurementKind.SERVICES), confirmed, on)


def _risk_notes(risks: tuple[ThresholdRisk, ...], limits: Thresholds, lang: Lang) -> list[str]:
    notes = []
    for risk in risks[:5]:
        level = (
            tr(lang, "the EEA threshold")
            if risk.spend_48 >= limits.eea
            else tr(lang, "the national threshold")
        )
        notes.append(
            tr(
                lang,
                "To look into: {entity} bought {category} for {spend_48} without a contract "
                "in the last 48 months ({spend_12} in the last 12), which may be above {level}. "
                "Whether a competition was needed depends on how the purchases were planned; "
                "the invoices are in the workbook.",
                entity=risk.entity,
                category=risk.category,
                spend_48=money(risk.spend_48, lang),
                spend_12=money(risk.spend_12, lang),
                level=level,
            )
        )
    if risks and not limits.confirmed:
        notes.append(
            tr(
                lang,
                "The threshold values for {day} are not confirmed in the threshold table.",
                day=DateText(limits.on),
            )
        )
    return notes


def _register_notes(analysis: SpendAnalysis, lang: Lang) -> list[str]:
    """Contracts the register has but the analysis cannot count, named, so that low
    coverage is not read as fact when the register is what is missing."""
    notes = []
    no_category = [cid for cid, why in analysis.unused if why == "kategori"]
    bad_org = [cid for cid, why in analysis.unused if why == "org_nr"]
    if no_category:
        notes.append(tr(lang, "Contracts without a category in the register cannot count for "
                        "coverage: {ids}.", ids=", ".join(no_category[:10])))  # fmt: skip
    if bad_org:
        ids = ", ".join(bad_org[:10])
        notes.append(tr(lang, "Contracts whose org. no. is missing or fails the mod-11 check "
                        "cannot count for coverage: {ids}.", ids=ids))  # fmt: skip
    return notes


def _by_contract_note(by_rule: dict[str, Decimal], lang: Lang) -> list[str]:
    amount = by_rule.get("avtale", Decimal(0))
    if not amount:
        return []
    return [
        tr(lang, "{amount} is classified by the category of the supplier's contract in the "
           "register, since nothing else named it: see the workbook.", amount=money(amount, lang))
    ]  # fmt: skip


def _period_text(period: Period, lang: Lang) -> str:
    if period == Period.year(period.start.year):
        return str(period.start.year)
    return f"{DateText(period.start).say(lang)}–{DateText(period.end).say(lang)}"


def overview_answer(
    analysis: SpendAnalysis, period: Period, limits: Thresholds, lang: Lang,
    entity: str | None = None,
) -> SpendAnswer:  # fmt: skip
    view = analysis.overview(period, entity)
    if not view.total.lines:
        raise _no_spend(period, entity, lang)
    risks = analysis.threshold_risks(min(period.end, limits.on), limits.national, entity)
    where = entity or tr(lang, "all entities")
    facts = [
        (tr(lang, "Purchasing spend"), money(view.total.spend, lang)),
        (tr(lang, "Under a contract"), money(view.total.covered, lang)),
        (tr(lang, "Contract coverage"), share(view.total.coverage, lang)),
        (tr(lang, "Unclassified"), share(view.unclassified_share, lang)),
        (tr(lang, "Ledger lines"), f"{view.total.lines:,}".replace(",", "\u00a0")),
        (tr(lang, "Possible threshold risks"), str(len(risks))),
    ]
    if entity is None and len(view.entities) > 1:
        for figure in view.entities:
            facts.append(
                (figure.name, f"{money(figure.spend, lang)} · {share(figure.coverage, lang)}")
            )
    notes = _risk_notes(risks, limits, lang)
    notes += _by_contract_note(dict(view.by_rule), lang)
    notes += _register_notes(analysis, lang)
    if view.invalid_org_nr:
        notes.append(
            tr(
                lang,
                "{count} supplier org. numbers fail the mod-11 check; those suppliers are "
                "grouped by name.",
                count=view.invalid_org_nr,
            )
        )
    return SpendAnswer(
        lang=lang,
        kind="overview",
        title=tr(lang, "Purchasing analysis {period} – {where}", period=_period_text(period, lang),
                 where=where),
        facts=tuple(facts),
        table_title=tr(lang, "Largest categories (spend · contract coverage)"),
        rows=tuple(
            (_category_name(f, lang), f"{money(f.spend, lang)} · {share(f.coverage, lang)}")
            for f in view.categories[:8]
        ),
        notes=tuple(notes),
        bars=_bars(view.categories, lang),
        risks=risks,
        data={
            "period": [period.start.isoformat(), period.end.isoformat()],
            "entity": entity,
            "total": _figure_data(view.total),
            "unclassified": str(view.unclassified),
            "unclassified_share": view.unclassified_share,
            "categories": [_figure_data(f) for f in view.categories],
            "suppliers": [_figure_data(f) for f in view.suppliers],
            "entities": [_figure_data(f) for f in view.entities],
            "by_rule": {how: str(value) for how, value in view.by_rule},
            "threshold_risks": [_risk_data(r) for r in risks],
            "thresholds": {"national": limits.national, "eea": limits.eea,
                           "confirmed": limits.confirmed},
        },
    )  # fmt: skip


def without_contract_answer(
    analysis: SpendAnalysis, period: Period, lang: Lang, entity: str | None = None
) -> SpendAnswer:
    view = analysis.overview(period, entity)
    if not view.total.lines:
        raise _no_spend(period, entity, lang)
    categories, suppliers = analysis.without_contract(period, entity)
    uncovered = view.total.spend - view.total.covered
    # Unclassified spend is a fact of its own, not a bar: it is not one kind of purchase,
    # and in a first analysis it would dwarf every category beside it.
    unclassified = sum((f.uncovered for f in categories if not f.key), Decimal(0))
    named = tuple(f for f in categories if f.key)
    facts = [
        (tr(lang, "Without a contract"), money(uncovered, lang)),
        (tr(lang, "Share of purchasing"),
         share(float(uncovered / view.total.spend) if view.total.spend else None, lang)),
    ]  # fmt: skip
    if unclassified:
        facts.append((tr(lang, "Of which unclassified"), money(unclassified, lang)))
    return SpendAnswer(
        lang=lang,
        kind="without_contract",
        title=tr(lang, "What we buy most without a contract, {period}",
                 period=_period_text(period, lang)),
        facts=tuple(facts),
        table_title=tr(lang, "Suppliers without a contract (spend)"),
        rows=tuple((f.name, money(f.uncovered, lang)) for f in suppliers[:8]),
        bars=tuple(ChartBar(f.name, Decimal(0), f.uncovered) for f in named[:8]),
        data={
            "period": [period.start.isoformat(), period.end.isoformat()],
            "without_contract": str(uncovered),
            "categories": [_figure_data(f) for f in categories],
            "suppliers": [_figure_data(f) for f in suppliers],
        },
    )  # fmt: skip


def find_entity(analysis: SpendAnalysis, words: str | None) -> str | None:
    """The entity named by `words` (case does not matter; a part of the name does when
    only one entity has it), None for all; else a LedgerFileError listing them."""
    wanted = " ".join((words or "").casefold().split())
    if not wanted:
        return None
    known = analysis.entities()
    exact = [e for e in known if e.casefold() == wanted]
    near = exact or [e for e in known if wanted in e.casefold()]
    if len(near) == 1:
        return near[0]
    raise LedgerFileError(
        "entity",
        "Found no entity “{words}” in the ledger. Entities: {known}.",
        words=words,
        known=", ".join(known),
    )


def find_category(analysis: SpendAnalysis, words: str, lang: Lang) -> str:
    """The category key named by `words`, or a LedgerFileError listing the known ones."""
    keys = analysis.category_keys()
    wanted = category_key(words)
    if wanted in keys:
        return wanted
    near = [k for k in keys if wanted and (wanted in k or k in wanted)]
    if len(near) == 1:
        return near[0]
    raise LedgerFileError(
        "category",
        "Found no category “{words}”. Categories in the analysis: {known}.",
        words=words,
        known=", ".join(analysis.name(k) for k in keys),
    )


def category_answer(
    analysis: SpendAnalysis, words: str, period: Period, lang: Lang, entity: str | None = None
) -> SpendAnswer:
    key = find_category(analysis, words, lang)
    figure, suppliers, entities = analysis.category(key, period, entity)
    if not figure.lines:
        raise LedgerFileError(
            "category",
            "Found no purchases in {category} in {period}.",
            category=figure.name,
            period=_period_text(period, lang),
        )
    facts = [
        (tr(lang, "Purchasing spend"), money(figure.spend, lang)),
        (tr(lang, "Under a contract"), money(figure.covered, lang)),
        (tr(lang, "Contract loyalty"), share(figure.loyalty, lang)),
        (tr(lang, "Contract coverage"), share(figure.coverage, lang)),
    ]
    facts += [(e.name, f"{money(e.spend, lang)} · {share(e.loyalty, lang)}") for e in entities]
    notes = _register_notes(analysis, lang)
    if figure.loyalty is None:
        notes.append(
            tr(lang, "No contract in the register covers {category} in this period, so there is "
               "no loyalty to measure.", category=figure.name)
        )  # fmt: skip
    return SpendAnswer(
        lang=lang,
        kind="category",
        title=tr(lang, "Contract loyalty for {category}, {period}", category=figure.name,
                 period=_period_text(period, lang)),
        facts=tuple(facts),
        table_title=tr(lang, "Suppliers (spend · under a contract)"),
        rows=tuple((f.name, f"{money(f.spend, lang)} · {money(f.covered, lang)}")
                   for f in suppliers[:8]),
        notes=tuple(notes),
        bars=tuple(ChartBar(f.name, f.covered, f.uncovered) for f in suppliers[:8]),
        data={
            "period": [period.start.isoformat(), period.end.isoformat()],
            "category": _figure_data(figure),
            "suppliers": [_figure_data(f) for f in suppliers],
            "entities": [_figure_data(f) for f in entities],
        },
    )  # fmt: skip


def supplier_answer(
    analysis: SpendAnalysis, words: str, period: Period, lang: Lang, entity: str | None = None
) -> SpendAnswer:
    found = analysis.find_suppliers(words)
    if len(found) != 1:
        if found:
            raise LedgerFileError(
                "supplier",
                "“{words}” matches several suppliers: {names}. Give the org. no.",
                words=words,
                names=", ".join(name for _, name in found[:8]),
            )
        raise LedgerFileError(
            "supplier", "Found no purchases from “{words}” in the ledger.", words=words
        )
    key, name = found[0]
    categories, entities = analysis.supplier(key, period, entity)
    if not categories:
        raise LedgerFileError(
            "supplier",
            "Found no purchases from {name} in {period}.",
            name=name,
            period=_period_text(period, lang),
        )
    spend = sum((f.spend for f in categories), Decimal(0))
    covered = sum((f.covered for f in categories), Decimal(0))
    contracts = [c for c in analysis.contracts if c.org_nr and c.org_nr == key]
    facts = [
        (tr(lang, "Org. no."), key if key.isdigit() else "–"),
        (tr(lang, "Purchasing spend"), money(spend, lang)),
        (tr(lang, "Under a contract"), money(covered, lang)),
        (tr(lang, "Contracts in the register"),
         ", ".join(f"{c.contract_id} ({c.category})" for c in contracts) or tr(lang, "none")),
    ]  # fmt: skip
    facts += [(e.name, money(e.spend, lang)) for e in entities]
    return SpendAnswer(
        lang=lang,
        kind="supplier",
        title=tr(lang, "Purchases from {name}, {period}", name=name,
                 period=_period_text(period, lang)),
        facts=tuple(facts),
        table_title=tr(lang, "By category (spend · under a contract)"),
        rows=tuple((_category_name(f, lang), f"{money(f.spend, lang)} · {money(f.covered, lang)}")
                   for f in categories),
        bars=tuple(ChartBar(_category_name(f, lang), f.covered, f.uncovered) for f in categories),
        data={
            "period": [period.start.isoformat(), period.end.isoformat()],
            "supplier": {"key": key, "name": name},
            "categories": [_figure_data(f) for f in categories],
            "entities": [_figure_data(f) for f in entities],
        },
    )  # fmt: skip


def _no_spend(period: Period, entity: str | None, lang: Lang) -> LedgerFileError:
    if entity:
        return LedgerFileError(
            "period",
            "Found no purchases for {entity} in {period}.",
            entity=entity,
            period=_period_text(period, lang),
        )
    return LedgerFileError(
        "period", "Found no purchases in {period}.", period=_period_text(period, lang)
    )
