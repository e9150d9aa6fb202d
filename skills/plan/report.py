"""The plan as pictures and a workbook: a timeline per entry (Gantt-style), the contract
portfolio as DFØ's 3×3 risk matrix, and the .xlsx an office takes to a meeting."""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from skills.i18n import Lang, is_norwegian, tr
from skills.plan.answers import FLAG_TEXTS, SOURCE_TEXTS, person
from skills.plan.entries import PlanEntry
from skills.plan.lead_times import LeadTimes

_PHASE_COLOURS = ("#8fb3d9", "#2f6f4e", "#d08c2c", "#7a5aa6", "#9b9b9b")


def _png(figure: object) -> bytes:
    from matplotlib import pyplot
    from PIL import Image

    raw = io.BytesIO()
    figure.savefig(raw, format="png")  # type: ignore[attr-defined]
    pyplot.close(figure)  # type: ignore[arg-type]
    small = io.BytesIO()
    Image.open(io.BytesIO(raw.getvalue())).convert("RGB").quantize(colors=32).save(
        small, format="PNG", optimize=True
    )
    return small.getvalue()


def _quarters(first: date, last: date) -> list[date]:
    day = date(first.year, (first.month - 1) // 3 * 3 + 1, 1)
    found = []
    while day <= last:
        found.append(day)
        month = day.month + 3
        day = date(day.year + (month > 12), month - 12 if month > 12 else month, 1)
    return found


def render_timeline(entries: Sequence[PlanEntry], today: date, lang: Lang) -> bytes:
    """One row per entry, soonest first: market dialogue, preparation, competition,
    evaluation and standstill as coloured spans, today as a line."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import pyplot

    shown = list(entries)[:12][::-1]
    figure, axes = pyplot.subplots(figsize=(6.4, 0.38 * max(len(shown), 3) + 1.0), dpi=80)
    labels = [
        tr(lang, "Market dialogue"), tr(lang, "Preparation"), tr(lang, "Competition"),
        tr(lang, "Evaluation"), tr(lang, "Standstill"),
    ]  # fmt: skip
    first = min([today, *(e.work_start for e in shown)])
    last = max([today, *(e.contract_start for e in shown)])

    def x(day: date) -> int:
        return (day - first).days

    for row, entry in enumerate(shown):
        s = entry.schedule
        spans = [
            (s.market_dialogue or s.preparation, s.preparation),
            (s.preparation, s.notice),
            (s.notice, s.tender_deadline),
            (s.tender_deadline, s.award),
            (s.award, s.signing),
        ]
        for index, (begin, end) in enumerate(spans):
            if end > begin:
                label = labels[index] if row == 0 else None
                axes.barh(row, (end - begin).days, left=x(begin), height=0.6,
                          color=_PHASE_COLOURS[index], label=label)  # fmt: skip
        if "late" in entry.flags or "past" in entry.flags:
            axes.plot(x(s.work_start), row, marker="o", color="#c0392b")
    axes.axvline(x(today), color="#c0392b", linewidth=1)
    axes.set_yticks(range(len(shown)), [e.need[:30] for e in shown], fontsize=7)
    ticks = _quarters(first, last)
    pattern = "%m.%y" if is_norwegian(lang) else "%b %y"
    axes.set_xticks([x(t) for t in ticks], [t.strftime(pattern) for t in ticks], fontsize=7)
    axes.spines[["top", "right"]].set_visible(False)
    axes.legend(loc="upper center", bbox_to_anchor=(0.5, -0.12), ncol=5, frameon=False,
                fontsize=6)  # fmt: skip
    figure.tight_layout()
    return _png(figure)


@dataclass(frozen=True)
class PortfolioCell:
    """A contract's place in the matrix: importance (value or criticality, the higher)
    and market risk (few suppliers seen for the category in spend = high)."""

    contract_id: str
    title: str
    importance: int  # 0 low, 1 medium, 2 high
    market: int  # 0 many suppliers, 1 some, 2 few
    suppliers: int
    value_level: int = 1  # by the thresholds
    criticality: int = 1  # by the category (data/criticality.csv)


def render_portfolio(cells: Sequence[PortfolioCell], lang: Lang) -> bytes:
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import pyplot
    from matplotlib.patches import Rectangle

    figure, axes = pyplot.subplots(figsize=(4.8, 4.2), dpi=80)
    grid = [[0] * 3 for _ in range(3)]
    for cell in cells:
        grid[cell.importance][cell.market] += 1
    risk = [["#d9ead3", "#fff2cc", "#fce5cd"], ["#fff2cc", "#fce5cd", "#f4cccc"],
            ["#fce5cd", "#f4cccc", "#ea9999"]]  # fmt: skip
    for y in range(3):
        for x in range(3):
            axes.add_patch(Rectangle((x, y), 1, 1, color=risk[y][x], ec="white"))
            axes.text(x + 0.5, y + 0.5, str(grid[y][x]), ha="center", va="center", fontsize=14)
    levels = [tr(lang, "Low"), tr(lang, "Medium"), tr(lang, "High")]
    axes.set_xlim(0, 3)
    axes.set_ylim(0, 3)
    axes.set_xticks([0.5, 1.5, 2.5], levels, fontsize=8)
    axes.set_yticks([0.5, 1.5, 2.5], levels, fontsize=8)
    axes.set_xlabel(tr(lang, "Market risk (few suppliers)"), fontsize=8)
    axes.set_ylabel(tr(lang, "Importance (value, criticality)"), fontsize=8)
    figure.tight_layout()
    return _png(figure)


def render_plan_workbook(
    entries: Sequence[PlanEntry], cells: Sequence[PortfolioCell], lead_times: LeadTimes,
    lang: Lang, matrix_png: bytes = b"",
) -> bytes:  # fmt: skip
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    plan = book.active
    assert plan is not None
    plan.title = tr(lang, "Plan")
    plan.append([
        tr(lang, "Need"), tr(lang, "Category"), tr(lang, "Responsible"), tr(lang, "Source"),
        tr(lang, "Procedure"), tr(lang, "Estimated value"), tr(lang, "Work starts"),
        tr(lang, "Market dialogue"), tr(lang, "Competition notice"), tr(lang, "Tender deadline"),
        tr(lang, "Award"), tr(lang, "Signing"), tr(lang, "Contract start"), tr(lang, "Status"),
        tr(lang, "Flags"),
    ])  # fmt: skip
    for e in entries:
        s = e.schedule
        plan.append([
            e.need, e.category, person(e.responsible) if e.responsible else "",
            tr(lang, SOURCE_TEXTS[e.source]), e.procedure, e.value, s.work_start,
            s.market_dialogue, s.notice, s.tender_deadline, s.award, s.signing,
            s.contract_start, e.status, "; ".join(tr(lang, FLAG_TEXTS[f]) for f in e.flags),
        ])  # fmt: skip
    portfolio = book.create_sheet(tr(lang, "Portfolio"))
    portfolio.append([tr(lang, "Contract id"), tr(lang, "Title"), tr(lang, "Value"),
                      tr(lang, "Criticality"), tr(lang, "Importance"), tr(lang, "Market risk"),
                      tr(lang, "Suppliers seen")])  # fmt: skip
    levels = [tr(lang, "Low"), tr(lang, "Medium"), tr(lang, "High")]
    for c in cells:
        portfolio.append([c.contract_id, c.title, levels[c.value_level], levels[c.criticality],
                          levels[c.importance], levels[c.market], c.suppliers])  # fmt: skip
    if matrix_png:
        from openpyxl.drawing.image import Image as SheetImage

        portfolio.add_image(SheetImage(io.BytesIO(matrix_png)), "I2")
    times = book.create_sheet(tr(lang, "Lead times"))
    times.append([tr(lang, "Procedure"), tr(lang, "Phase"), tr(lang, "Days"), tr(lang, "Unit"),
                  tr(lang, "Basis"), tr(lang, "Verified")])  # fmt: skip
    for procedure, phases in lead_times.procedures.items():
        for phase in phases:
            times.append([procedure, phase.key, phase.days,
                          "working" if phase.working else "calendar", phase.basis,
                          phase.verified])  # fmt: skip
    for sheet in book.worksheets:
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        sheet.freeze_panes = "A2"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
