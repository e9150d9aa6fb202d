"""The supplier × question matrix as an Excel workbook an officer can sort and annotate.

Sheet "Matrise"/"Matrix": one row per supplier (name, org. no., consortium members), one
column per question with the supplier's answer, "Ikke besvart" where it gave none and a
note where the answer was matched by content rather than by the supplier's own label.
Sheet "Kilder"/"Sources": every answer's sources with page, paragraph and a link. Only
shareable points are written: flagged passages (business secrets, AI instructions) never
are.
"""

from __future__ import annotations

import io
from collections.abc import Sequence

from skills.documents.text import reason_text
from skills.i18n import Lang, tr
from skills.supplier_input.model import InputSummary, link_address

_WIDTH = 60


def render_workbook(summary: InputSummary, questions: Sequence[str], lang: Lang) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    book = Workbook()
    matrix = book.active
    assert matrix is not None
    matrix.title = tr(lang, "Matrix")
    head = [
        tr(lang, "Supplier"),
        tr(lang, "Org. no."),
        tr(lang, "Consortium members"),
    ]
    matrix.append(head + [f"{n}. {q}" for n, q in enumerate(questions, start=1)])
    for supplier in summary.suppliers:
        row: list[str] = [
            supplier.name,
            supplier.org_nr,
            "; ".join(f"{name} ({org})" if org else name for name, org in supplier.members),
        ]
        for answer in supplier.answers:
            if answer.answer is None:
                row.append(tr(lang, "Not answered"))
            elif answer.matched_by == "content":
                row.append(answer.answer.text + tr(lang, " [matched by content]"))
            else:
                row.append(answer.answer.text)
        matrix.append(row)
    for cell in matrix[1]:
        cell.font = Font(bold=True)
    for column in matrix.columns:
        letter = column[0].column_letter
        matrix.column_dimensions[letter].width = 22 if letter in "ABC" else _WIDTH
        for cell in column:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    matrix.freeze_panes = "B2"

    sources = book.create_sheet(tr(lang, "Sources"))
    sources.append(
        [
            tr(lang, "Supplier"),
            tr(lang, "Question"),
            tr(lang, "Document"),
            tr(lang, "Page"),
            tr(lang, "Paragraph"),
            tr(lang, "Read by OCR"),
            tr(lang, "Link"),
        ]
    )
    for supplier in summary.suppliers:
        for number, answer in enumerate(supplier.answers, start=1):
            for ref in answer.answer.sources if answer.answer else ():
                sources.append(
                    [
                        supplier.name,
                        number,
                        ref.document,
                        ref.page,
                        ref.paragraph,
                        tr(lang, "yes") if ref.ocr else "",
                        link_address(ref.url),
                    ]
                )
                if ref.url.startswith(("https://", "file://")):
                    link = sources.cell(row=sources.max_row, column=7)
                    link.hyperlink = link_address(ref.url)
                    link.style = "Hyperlink"
    for cell in sources[1]:
        cell.font = Font(bold=True)
    if summary.not_read:
        unread = book.create_sheet(tr(lang, "Not read"))
        unread.append([tr(lang, "File"), tr(lang, "Reason")])
        for item in summary.not_read:
            unread.append([item.file, reason_text(item.reason, lang)])
    raw = io.BytesIO()
    book.save(raw)
    return raw.getvalue()
