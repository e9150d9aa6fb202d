"""Cards for supplier-input summaries: the overview and one section per supplier.

Teams caps a card at about 28 KB, so the card carries the first points of each kind
with their sources; the full report with every point is the .docx in the case folder.
"""

from __future__ import annotations

from typing import Any

from bot.cards import MAX_CARD_BYTES, Card, adaptive_card, card_bytes
from bot.cards import plain_text as _md
from skills.documents.text import reason_text
from skills.i18n import Lang, tr, tr_n
from skills.supplier_input.model import Point, SourceRef, SupplierSummary, link_address
from skills.supplier_input.names import SUMMARIZE
from skills.supplier_input.plugin import SupplierInputProblem, SupplierInputReport

MAX_POINTS = 2
MAX_THEMES = 6


def _source(ref: SourceRef, lang: Lang) -> str:
    """A markdown link; spaces and brackets in the address would end it early."""
    label = _md(ref.label(lang))
    if not ref.url.startswith("https://"):
        return label
    return f"[{label}]({link_address(ref.url)})"


def _point(point: Point, lang: Lang) -> dict[str, Any]:
    sources = "; ".join(_source(s, lang) for s in point.sources[:2])
    return {
        "type": "TextBlock",
        "text": f"- {_md(point.text)} ({sources})" if sources else f"- {_md(point.text)}",
        "wrap": True,
        "size": "Small",
        "spacing": "Small",
    }


def _small(text: str) -> dict[str, Any]:
    return {"type": "TextBlock", "text": text, "wrap": True, "size": "Small", "spacing": "None"}


def _heading(text: str, size: str = "Medium") -> dict[str, Any]:
    return {"type": "TextBlock", "text": text, "weight": "Bolder", "size": size, "wrap": True}


def _supplier(supplier: SupplierSummary, lang: Lang, points: int) -> dict[str, Any]:
    """One supplier's section; `points` = 0 is the short form for many suppliers."""
    name = supplier.name + (f" (org.nr. {supplier.org_nr})" if supplier.org_nr else "")
    answered = sum(1 for a in supplier.answers if a.answer is not None)
    items: list[dict[str, Any]] = [_heading(_md(name))]
    if supplier.answers:
        items.append(
            {
                "type": "TextBlock",
                "text": tr(
                    lang,
                    "Answered {answered} of {n_answers} questions",
                    answered=answered,
                    n_answers=len(supplier.answers),
                ),
                "isSubtle": True,
                "spacing": "None",
                "wrap": True,
            }
        )
    for member, org_nr in supplier.members:
        items.append(
            _small(
                tr(lang, "Consortium member: ")
                + _md(member)
                + (f" (org.nr. {org_nr})" if org_nr else "")
            )
        )
    for new, old in supplier.superseded:
        items.append(
            _small(
                tr(
                    lang,
                    "{new} replaces the answers in {old}.",
                    new=_md(new),
                    old=_md(old),
                )
            )
        )
    if supplier.engine_note:
        items.append(_small(supplier.engine_note))
    if not points:
        return {
            "type": "Container",
            "separator": True,
            "items": items + _flag_counts(supplier, lang),
        }
    items.extend(_point(p, lang) for p in supplier.summary[:points])
    if supplier.concerns:
        items.append(
            {
                "type": "TextBlock",
                "text": tr(lang, "Concerns and risks:"),
                "weight": "Bolder",
                "size": "Small",
                "wrap": True,
            }
        )
        items.extend(_point(p, lang) for p in supplier.concerns[:points])
    for flag in supplier.confidential:
        where = "; ".join(_source(s, lang) for s in flag.sources)
        items.append(
            {
                "type": "TextBlock",
                "text": tr(
                    lang, "Business secret marked ({where}): kept out of the summary.", where=where
                ),
                "color": "Warning",
                "size": "Small",
                "wrap": True,
            }
        )
    for flag in supplier.injection_flags:
        where = "; ".join(_source(s, lang) for s in flag.sources)
        items.append(
            {
                "type": "TextBlock",
                "text": tr(
                    lang,
                    "The text tries to instruct the assistant ({where}); not followed.",
                    where=where,
                ),
                "color": "Attention",
                "size": "Small",
                "wrap": True,
            }
        )
    return {"type": "Container", "separator": True, "items": items}


def _flag_counts(supplier: SupplierSummary, lang: Lang) -> list[dict[str, Any]]:
    lines = []
    if supplier.confidential:
        lines.append(
            (
                tr(
                    lang,
                    "Business secrets marked: {n_confidential} (kept out, see the report)",
                    n_confidential=len(supplier.confidential),
                ),
                "Warning",
            )
        )
    if supplier.injection_flags:
        lines.append(
            (
                tr(
                    lang, "The text tries to instruct the assistant; not followed (see the report)."
                ),
                "Attention",
            )
        )
    return [
        {"type": "TextBlock", "text": text, "color": color, "size": "Small", "wrap": True}
        for text, color in lines
    ]


def supplier_input_card(report: SupplierInputReport) -> Card:
    """The full card while it fits Teams' size limit, else the short form per supplier."""
    for points, matrix in ((MAX_POINTS, True), (0, True), (0, False)):
        card = _summary_card(report, points, matrix)
        if card_bytes(card) <= MAX_CARD_BYTES:
            break
    return card


def _summary_card(report: SupplierInputReport, points: int, matrix: bool = True) -> Card:
    lang = report.lang
    summary = report.summary
    body: list[dict[str, Any]] = [
        {
            "type": "TextBlock",
            "text": tr(lang, "Supplier input summary"),
            "size": "Large",
            "weight": "Bolder",
            "style": "heading",
            "wrap": True,
        },
        {
            "type": "TextBlock",
            "text": tr_n(
                lang,
                "{case}: {n} supplier",
                "{case}: {n} suppliers",
                len(summary.suppliers),
                case=report.case,
            )
            + ", "
            + tr_n(
                lang,
                "{n} document or e-mail read.",
                "{n} documents and e-mails read.",
                report.documents,
            ),
            "wrap": True,
            "spacing": "None",
        },
        {
            "type": "TextBlock",
            "text": tr(
                lang,
                "This supports your own assessment; it is not an evaluation of the suppliers. "
                "Check the points against their sources.",
            ),
            "wrap": True,
            "isSubtle": True,
        },
    ]
    if summary.themes:
        body.append(_heading(tr(lang, "Themes across suppliers")))
        for theme in summary.themes[:MAX_THEMES]:
            body.append(
                {
                    "type": "TextBlock",
                    "text": f"- **{_md(theme.theme)}**: {_md(', '.join(theme.suppliers))}",
                    "wrap": True,
                    "size": "Small",
                    "spacing": "Small",
                }
            )
    if summary.implications:
        body.append(_heading(tr(lang, "For the tender")))
        body.extend(
            {"type": "TextBlock", "text": f"- {_md(t)}", "wrap": True, "size": "Small"}
            for t in summary.implications[:3]
        )
    if not points:
        body.append(
            {
                "type": "TextBlock",
                "text": tr(
                    lang,
                    "Many suppliers: the card shows a short form. Every point with its source "
                    "is in the report.",
                ),
                "wrap": True,
                "isSubtle": True,
            }
        )
    if matrix and summary.suppliers and summary.suppliers[0].answers:
        body.append(_heading(tr(lang, "Answers per question")))
        body.append(_matrix(report))
        body.append(
            {
                "type": "TextBlock",
                "text": tr(
                    lang, "✓ answered, ≈ matched by content (check the source), – not answered"
                ),
                "wrap": True,
                "size": "Small",
                "isSubtle": True,
            }
        )
    body.extend(_supplier(s, lang, points) for s in summary.suppliers)
    if summary.not_read:
        names = ", ".join(
            f"{_md(n.file)} ({reason_text(n.reason, lang)})" for n in summary.not_read
        )
        body.append(
            {
                "type": "TextBlock",
                "text": tr(lang, "Not read: {names}", names=names),
                "wrap": True,
                "color": "Warning",
                "separator": True,
            }
        )
    if not report.input_folder:
        body.append(
            {
                "type": "TextBlock",
                "text": tr(lang, "The case has no “Innspill” folder; only the e-mails were read."),
                "wrap": True,
                "isSubtle": True,
            }
        )
    if not report.mail_folder_found:
        body.append(
            {
                "type": "TextBlock",
                "text": tr(lang, "No mail folder for this case; only the case folder was read."),
                "wrap": True,
                "isSubtle": True,
            }
        )
    card: Card = adaptive_card(body)
    actions = []
    if report.report_url:
        actions.append(
            {
                "type": "Action.OpenUrl",
                "title": tr(lang, "Open the full report"),
                "url": report.report_url,
            }
        )
    if report.matrix_url:
        actions.append(
            {
                "type": "Action.OpenUrl",
                "title": tr(lang, "Open the matrix in Excel"),
                "url": report.matrix_url,
            }
        )
    if actions:
        card["actions"] = actions
    return card


def _matrix(report: SupplierInputReport) -> dict[str, Any]:
    """Supplier × question at a glance: ✓ answered, ≈ matched by content, – not answered."""
    lang = report.lang
    suppliers = report.summary.suppliers
    questions = len(suppliers[0].answers)

    def cell(text: str, bold: bool = False) -> dict[str, Any]:
        block: dict[str, Any] = {"type": "TextBlock", "text": text, "wrap": True, "size": "Small"}
        if bold:
            block["weight"] = "Bolder"
        return {"type": "TableCell", "items": [block]}

    header = [cell(tr(lang, "Supplier"), True)]
    header += [cell(f"{n}", True) for n in range(1, questions + 1)]
    rows = [{"type": "TableRow", "cells": header}]
    for supplier in suppliers:
        marks = [
            "–" if a.answer is None else "≈" if a.matched_by == "content" else "✓"
            for a in supplier.answers
        ]
        rows.append(
            {
                "type": "TableRow",
                "cells": [cell(_md(supplier.name))] + [cell(m) for m in marks],
            }
        )
    return {
        "type": "Table",
        "firstRowAsHeader": True,
        "showGridLines": True,
        "columns": [{"width": 4}] + [{"width": 1} for _ in range(questions)],
        "rows": rows,
    }


MAX_CASE_BUTTONS = 5


def supplier_input_problem_card(problem: SupplierInputProblem) -> Card:
    """Why nothing was summarised; the cases to choose from are buttons that summarise
    that case (a few), with the full list as text when there are more."""
    body: list[dict[str, Any]] = [{"type": "TextBlock", "text": problem.message, "wrap": True}]
    actions = [
        {
            "type": "Action.Execute",
            "title": case[:60],
            "verb": SUMMARIZE.verb,
            "data": {"case": case},
        }
        for case in problem.cases[:MAX_CASE_BUTTONS]
    ]
    if len(problem.cases) > MAX_CASE_BUTTONS:
        body.append(
            {
                "type": "TextBlock",
                "text": "\n".join(f"- {_md(c)}" for c in problem.cases),
                "wrap": True,
                "size": "Small",
            }
        )
    return adaptive_card(body, actions)
