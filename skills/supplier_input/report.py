"""The summary as a Word report for the case folder.

It opens by saying what it is: support for the officers' own assessment, not an
evaluation. Every point is followed by its source, linked to the document when there
is a link. Flagged passages are listed by place only; their text never appears.
"""

from __future__ import annotations

import io
from datetime import date
from typing import Any

from docx import Document
from docx.document import Document as DocxDocument
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph

from skills.documents.text import reason_text
from skills.i18n import N_, Lang, locale_tag, tr
from skills.supplier_input.model import SUGGESTION_CATEGORIES, InputSummary, Point, SourceRef

CATEGORY_NAMES = {
    "requirements": N_("Requirements"),
    "lots": N_("Lots"),
    "contract_terms": N_("Contract terms"),
    "pricing": N_("Pricing model"),
    "sustainability": N_("Sustainability"),
}


def disclaimer(lang: Lang) -> str:
    return tr(
        lang,
        "This is support for the officers' own assessment, not an evaluation of the suppliers. "
        "The summary was made automatically; check each point against its source before using "
        "it. Information marked as business secrets is not reproduced.",
    )


def _hyperlink(paragraph: Paragraph, text: str, url: str) -> None:
    part = paragraph.part
    rel_id = part.relate_to(url, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), rel_id)
    run = OxmlElement("w:r")
    props = OxmlElement("w:rPr")
    style = OxmlElement("w:rStyle")
    style.set(qn("w:val"), "Hyperlink")
    underline = OxmlElement("w:u")
    underline.set(qn("w:val"), "single")
    color = OxmlElement("w:color")
    color.set(qn("w:val"), "0563C1")
    props.extend([style, color, underline])
    run.append(props)
    text_el = OxmlElement("w:t")
    text_el.text = text
    text_el.set(qn("xml:space"), "preserve")
    run.append(text_el)
    link.append(run)
    paragraph._p.append(link)


def _sources(paragraph: Paragraph, sources: tuple[SourceRef, ...], lang: Lang) -> None:
    paragraph.add_run(" (" + tr(lang, "source: "))
    for index, ref in enumerate(sources):
        if index:
            paragraph.add_run("; ")
        if ref.url:
            _hyperlink(paragraph, ref.label(lang), ref.url)
        else:
            paragraph.add_run(ref.label(lang))
    paragraph.add_run(")")


def _point(doc: DocxDocument, point: Point, lang: Lang) -> None:
    paragraph = doc.add_paragraph(point.text, style="List Bullet")
    _sources(paragraph, point.sources, lang)


def _matrix(doc: Any, summary: InputSummary, lg: Lang) -> None:
    """Supplier × question: each cell the answer itself (the card shows only marks)."""
    if not summary.suppliers or not summary.suppliers[0].answers:
        return
    questions = [a.question for a in summary.suppliers[0].answers]
    doc.add_heading(tr(lg, "Answers per question"), level=1)
    table = doc.add_table(rows=1, cols=len(questions) + 1)
    table.style = "Table Grid"
    table.rows[0].cells[0].text = tr(lg, "Supplier")
    for number, question in enumerate(questions, start=1):
        table.rows[0].cells[number].text = f"{number}. {question}"
    for supplier in summary.suppliers:
        cells = table.add_row().cells
        cells[0].text = supplier.name
        for number, answer in enumerate(supplier.answers, start=1):
            if answer.answer is None:
                cells[number].text = tr(lg, "Not answered")
            else:
                mark = tr(lg, " (by content)")
                cells[number].text = answer.answer.text + (
                    mark if answer.matched_by == "content" else ""
                )


def render_report(summary: InputSummary, title: str, today: date, lang: Lang = "nb") -> bytes:
    lg = lang
    doc = Document()
    doc.core_properties.title = title
    doc.core_properties.language = locale_tag(lg)
    doc.add_heading(title, level=0)
    doc.add_paragraph(tr(lg, "Date: ") + today.isoformat())
    doc.add_paragraph(disclaimer(lg)).runs[0].bold = True

    doc.add_heading(tr(lg, "Overview"), level=1)
    names = ", ".join(s.name for s in summary.suppliers) or "–"
    doc.add_paragraph(tr(lg, "Suppliers: ") + names)
    if summary.themes:
        doc.add_heading(tr(lg, "Themes"), level=2)
    for theme in summary.themes:
        paragraph = doc.add_paragraph(style="List Bullet")
        paragraph.add_run(theme.theme).bold = True
        paragraph.add_run(": " + ", ".join(theme.suppliers))
        for stance in theme.stances:
            who = ", ".join(name for name, _ in stance.holders)
            doc.add_paragraph(
                f"{stance.position}: {len(stance.holders)} ({who})", style="List Bullet 2"
            )
        for line in theme.agree:
            doc.add_paragraph(tr(lg, "Agree: ") + line, style="List Bullet 2")
        for line in theme.differ:
            doc.add_paragraph(tr(lg, "Differ: ") + line, style="List Bullet 2")
    for heading, lines in (
        (
            tr(lg, "What this means for the tender documents"),
            summary.implications,
        ),
        (tr(lg, "Questions to follow up"), summary.follow_up),
    ):
        if lines:
            doc.add_heading(heading, level=2)
            for line in lines:
                doc.add_paragraph(line, style="List Bullet")

    _matrix(doc, summary, lg)

    for supplier in summary.suppliers:
        org = f" (org.nr. {supplier.org_nr})" if supplier.org_nr else ""
        doc.add_heading(supplier.name + org, level=1)
        for name, org_nr in supplier.members:
            doc.add_paragraph(
                tr(lg, "Consortium member: ") + name + (f" (org.nr. {org_nr})" if org_nr else "")
            )
        for new, old in supplier.superseded:
            doc.add_paragraph(
                tr(
                    lg,
                    "“{new}” replaces the answers in “{old}” to the same questions.",
                    new=new,
                    old=old,
                )
            )
        if supplier.engine_note:
            doc.add_paragraph(supplier.engine_note)
        doc.add_heading(tr(lg, "In brief"), level=2)
        for point in supplier.summary:
            _point(doc, point, lg)
        if supplier.answers:
            doc.add_heading(tr(lg, "Answers to the questions"), level=2)
        for number, answer in enumerate(supplier.answers, start=1):
            doc.add_paragraph(f"{number}. {answer.question}").runs[0].italic = True
            if answer.answer:
                _point(doc, answer.answer, lg)
                if answer.matched_by == "content":
                    doc.add_paragraph(
                        tr(
                            lg,
                            "Matched by content (the supplier did not label the answer): check "
                            "the source.",
                        )
                    ).runs[0].italic = True
            else:
                doc.add_paragraph(tr(lg, "Not answered"), style="List Bullet")
        if supplier.concerns:
            doc.add_heading(tr(lg, "Concerns and risks"), level=2)
            for point in supplier.concerns:
                _point(doc, point, lg)
        if any(supplier.suggestions.get(k) for k in SUGGESTION_CATEGORIES):
            doc.add_heading(tr(lg, "Suggestions"), level=2)
            for key in SUGGESTION_CATEGORIES:
                points = supplier.suggestions.get(key, ())
                if points:
                    doc.add_paragraph(tr(lg, CATEGORY_NAMES[key])).runs[0].bold = True
                    for point in points:
                        _point(doc, point, lg)
        if supplier.confidential:
            doc.add_heading(tr(lg, "Marked confidential"), level=2)
            for point in supplier.confidential:
                _point(doc, point, lg)
        if supplier.injection_flags:
            doc.add_heading(tr(lg, "Attempts to instruct an AI"), level=2)
            for point in supplier.injection_flags:
                _point(doc, point, lg)

    if summary.not_read:
        doc.add_heading(tr(lg, "Files not read"), level=1)
        for item in summary.not_read:
            doc.add_paragraph(f"{item.file}: {reason_text(item.reason, lg)}", style="List Bullet")
    if summary.dropped_points:
        doc.add_paragraph(
            tr(
                lg,
                "{dropped_points} points from the language model were left out because they "
                "cited no source that exists.",
                dropped_points=summary.dropped_points,
            )
        )
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
