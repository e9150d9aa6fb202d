"""What Word and PDF know beyond the text: list numbers, heading styles, table rows in
their place, and page headers and footers that repeat on every page."""

from __future__ import annotations

import io

import docx

from skills.documents.text import Passage, _without_running_lines, read_document


def test_word_list_numbers_and_heading_styles() -> None:
    document = docx.Document()
    document.add_heading("Innspill", 0)
    for text in ("Delkontrakter", "Prismodell", "Leveringstid"):
        document.add_paragraph(text, style="List Number")
        document.add_paragraph(f"Svar om {text.lower()}.")
    table = document.add_table(rows=2, cols=2)
    table.rows[0].cells[0].text = "Spørsmål"
    table.rows[0].cells[1].text = "Svar"
    table.rows[1].cells[0].text = "Hvilken prismodell?"
    document.add_paragraph("Etter tabellen.")
    raw = io.BytesIO()
    document.save(raw)
    passages = read_document("svar.docx", raw.getvalue()).passages
    numbered = [(p.text, p.number) for p in passages if p.number]
    # Word shows 1, 2, 3 in front of these; the text has no digit.
    assert numbered == [("Delkontrakter", "1"), ("Prismodell", "2"), ("Leveringstid", "3")]
    assert passages[0].kind == "heading"
    # The table stands where it is in the document, a blank answer cell kept as blank.
    kinds = [p.kind for p in passages]
    assert kinds[-3:] == ["row", "row", ""]
    assert passages[-2].cells == ("Hvilken prismodell?", "")


def _page(number: int, *texts: str) -> list[Passage]:
    return [Passage(t, number, n) for n, t in enumerate(texts, start=1)]


def test_running_headers_and_footers_are_dropped() -> None:
    pages = [
        _page(1, "Nordic Kontor AS – innspill skolemøbler", "Spørsmål 1", "Vi anbefaler",
              "Side 1 av 3"),
        _page(2, "Nordic Kontor AS – innspill skolemøbler", "geografiske delkontrakter.",
              "Spørsmål 2", "Side 2 av 3"),
        _page(3, "Nordic Kontor AS – innspill skolemøbler", "Fastpris.", "Side 3 av 3"),
    ]  # fmt: skip
    kept = _without_running_lines(pages)
    assert [[p.text for p in page] for page in kept] == [
        ["Spørsmål 1", "Vi anbefaler"],
        ["geografiske delkontrakter.", "Spørsmål 2"],
        ["Fastpris."],
    ]


def test_a_running_footer_with_the_org_number_is_kept_once() -> None:
    footer = "Treside Renhold AS · org.nr. 974 760 673"
    pages = [_page(n, f"Tekst på side {'ABC'[n - 1]}.", footer) for n in (1, 2, 3)]
    kept = _without_running_lines(pages)
    assert [[p.text for p in page] for page in kept] == [
        ["Tekst på side A.", footer],
        ["Tekst på side B."],
        ["Tekst på side C."],
    ]
