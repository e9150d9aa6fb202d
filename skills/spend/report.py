"""The analysis as files people keep: an .xlsx workbook and a chart image.

The workbook is what an analyst filters and pastes into a report: spend by category,
supplier and entity; what is bought without a contract; each possible threshold risk
with the invoice lines behind it; framework agreements against their value. The chart
is small enough to travel inside a Teams card (a palette PNG of a few kilobytes).
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from decimal import Decimal

from skills.i18n import Lang, is_norwegian, tr
from skills.spend.analysis import Consumption, Figure, Period, SpendAnalysis, ThresholdRisk
from skills.spend.answers import ChartBar, Thresholds


def render_chart(bars: Sequence[ChartBar], lang: Lang) -> bytes:
    """Horizontal bars, largest on top: the part under a contract, then the rest."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import pyplot
    from matplotlib.ticker import FuncFormatter
    from PIL import Image

    shown = list(bars)[:8][::-1]
    figure, axes = pyplot.subplots(figsize=(6.0, 0.45 * max(len(shown), 2) + 0.8), dpi=80)
    try:
        labels = [bar.label[:28] for bar in shown]
        covered = [float(bar.covered) / 1e6 for bar in shown]
        uncovered = [float(max(bar.uncovered, Decimal(0))) / 1e6 for bar in shown]
        axes.barh(labels, covered, color="#2f6f4e", label=tr(lang, "Under a contract"))
        axes.barh(labels, uncovered, left=covered, color="#d08c2c",
                  label=tr(lang, "Without a contract"))  # fmt: skip
        axes.set_xlabel(tr(lang, "Million NOK"))
        if is_norwegian(lang):
            axes.xaxis.set_major_formatter(
                FuncFormatter(lambda value, _: f"{value:g}".replace(".", ","))
            )
        axes.spines[["top", "right"]].set_visible(False)
        axes.legend(loc="lower right", frameon=False, fontsize=8)
        axes.tick_params(labelsize=8)
        figure.tight_layout()
        raw = io.BytesIO()
        figure.savefig(raw, format="png")
    finally:
        pyplot.close(figure)
    image = Image.open(io.BytesIO(raw.getvalue())).convert("RGB")
    small = io.BytesIO()
    image.quantize(colors=32).save(small, format="PNG", optimize=True)
    return small.getvalue()


def _figures_sheet(book: object, title: str, head: list[str], figures: Sequence[Figure],
                   lang: Lang) -> None:  # fmt: skip
    sheet = book.create_sheet(title)  # type: ignore[attr-defined]
    sheet.append(head)
    for f in figures:
        sheet.append([
            f.name or tr(lang, "unclassified"), f.key if f.key.isdigit() else "",
            f.spend, f.covered, f.uncovered, f.coverage, f.contracted or None, f.loyalty,
            f.lines,
        ])  # fmt: skip


def render_workbook(
    analysis: SpendAnalysis, period: Period, limits: Thresholds, lang: Lang,
    entity: str | None = None,
) -> bytes:  # fmt: skip
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    summary = book.active
    assert summary is not None
    summary.title = tr(lang, "Summary")
    view = analysis.overview(period, entity, top=100_000)
    summary.append([tr(lang, "Period"), period.start, period.end])
    summary.append([tr(lang, "Entity"), entity or tr(lang, "all entities")])
    summary.append([tr(lang, "Purchasing spend"), view.total.spend])
    summary.append([tr(lang, "Under a contract"), view.total.covered])
    summary.append([tr(lang, "Contract coverage"), view.total.coverage])
    summary.append([tr(lang, "Unclassified"), view.unclassified])
    summary.append([tr(lang, "National threshold"), limits.national])
    summary.append([tr(lang, "EEA threshold"), limits.eea])
    for how, value in view.by_rule:
        summary.append([tr(lang, "Classified by: {rule}", rule=how), value])
    head = [
        tr(lang, "Name"), tr(lang, "Org. no."), tr(lang, "Purchasing spend"),
        tr(lang, "Under a contract"), tr(lang, "Without a contract"),
        tr(lang, "Contract coverage"), tr(lang, "Spend where a contract was in force"),
        tr(lang, "Contract loyalty"), tr(lang, "Ledger lines"),
    ]  # fmt: skip
    _figures_sheet(book, tr(lang, "Categories"), head, view.categories, lang)
    _figures_sheet(book, tr(lang, "Suppliers"), head, view.suppliers, lang)
    _figures_sheet(book, tr(lang, "Entities"), head, view.entities, lang)
    per_entity = book.create_sheet(tr(lang, "Category per entity"))
    per_entity.append([tr(lang, "Entity"), *head])
    for entity_name, f in analysis.by_entity_and_category(period):
        if entity is not None and entity_name != entity:
            continue
        per_entity.append([
            entity_name, f.name or tr(lang, "unclassified"), "", f.spend, f.covered,
            f.uncovered, f.coverage, f.contracted or None, f.loyalty, f.lines,
        ])  # fmt: skip
    categories, suppliers = analysis.without_contract(period, entity, top=100_000)
    _figures_sheet(book, tr(lang, "Without contract"), head, [*categories, *suppliers], lang)
    risks = analysis.threshold_risks(min(period.end, limits.on), limits.national, entity,
                                     max_lines=100_000)  # fmt: skip
    _risk_sheet(book, risks, limits, lang)
    _consumption_sheet(book, analysis.consumption(min(period.end, limits.on)), lang)
    for sheet in book.worksheets:
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        sheet.freeze_panes = "A2"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _risk_sheet(book: object, risks: Sequence[ThresholdRisk], limits: Thresholds,
                lang: Lang) -> None:  # fmt: skip
    sheet = book.create_sheet(tr(lang, "Threshold risk"))  # type: ignore[attr-defined]
    sheet.append([
        tr(lang, "Entity"), tr(lang, "Category"), tr(lang, "Last 12 months"),
        tr(lang, "Last 48 months"), tr(lang, "Assessment"), tr(lang, "Date"),
        tr(lang, "Voucher"), tr(lang, "Supplier"), tr(lang, "Org. no."), tr(lang, "Amount"),
        tr(lang, "File"), tr(lang, "Line"),
    ])  # fmt: skip
    for risk in risks:
        level = (
            tr(lang, "May be above the EEA threshold: look into it")
            if risk.spend_48 >= limits.eea
            else tr(lang, "May be above the national threshold: look into it")
        )
        sheet.append([risk.entity, risk.category, risk.spend_12, risk.spend_48, level])
        for line in risk.lines:
            sheet.append([
                risk.entity, risk.category, None, None, None, line.bilagsdato, line.bilagsnr,
                line.supplier, line.org_nr, line.belop, line.source, line.line,
            ])  # fmt: skip


def _consumption_sheet(book: object, found: Sequence[Consumption], lang: Lang) -> None:
    sheet = book.create_sheet(tr(lang, "Framework agreements"))  # type: ignore[attr-defined]
    sheet.append([
        tr(lang, "Contract id"), tr(lang, "Title"), tr(lang, "Supplier"), tr(lang, "Used"),
        tr(lang, "Value"), tr(lang, "Basis"), tr(lang, "Share used"),
    ])  # fmt: skip
    for item in found:
        basis = tr(lang, "Maximum value") if item.basis == "maksverdi" else tr(lang, "Value")
        contract = item.contract
        sheet.append([contract.contract_id, contract.title, contract.supplier, item.used,
                      item.ceiling, basis, item.share])  # fmt: skip
