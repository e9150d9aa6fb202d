"""Reading real .docx and .pdf files into traceable passages, and refusing bad ones clearly."""

from __future__ import annotations

import io
from datetime import UTC, datetime

import pytest
from docx import Document
from pypdf import PdfReader, PdfWriter

from graph.localtenant.docxwrite import render_docx
from graph.localtenant.pdfwrite import render_pdf
from skills.documents.text import (
    UnreadableDocument,
    html_to_text,
    is_readable_name,
    read_document,
    read_text,
)

BLOCKS = [
    ("h1", "Rammeavtale Skolemøbler"),
    ("p", "Avtalen gjelder i 2 år med opsjon på forlengelse 1 + 1 år."),
    ("h2", "Oppsigelse"),
    ("p", "Oppsigelsestid er 3 måneder. " * 12),
]
WHEN = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)


def test_docx_paragraphs_are_numbered_in_order() -> None:
    data = render_docx(BLOCKS, title="t", author="a", created=WHEN)
    doc = read_document("avtale.docx", data)
    texts = [p.text for p in doc.passages]
    assert texts[:3] == [BLOCKS[0][1], BLOCKS[1][1], "Oppsigelse"]
    assert [p.paragraph for p in doc.passages] == list(range(1, len(doc.passages) + 1))
    assert all(p.page is None for p in doc.passages)


def test_docx_tables_are_read() -> None:
    document = Document()
    document.add_paragraph("Tidsplan")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "Frist for påmelding"
    table.cell(0, 1).text = "15.01.2027"
    buffer = io.BytesIO()
    document.save(buffer)
    doc = read_document("plan.docx", buffer.getvalue())
    assert "Frist for påmelding | 15.01.2027" in [p.text for p in doc.passages]


def test_pdf_paragraphs_follow_the_layout_with_pages() -> None:
    data = render_pdf(BLOCKS, title="t", author="a", created=WHEN)
    doc = read_document("avtale.pdf", data)
    texts = [p.text for p in doc.passages]
    assert texts[0] == "Rammeavtale Skolemøbler"
    assert texts[1] == BLOCKS[1][1]
    assert texts[2] == "Oppsigelse"
    # The long paragraph wraps over several lines in the PDF and comes back as one passage.
    assert texts[3] == BLOCKS[3][1].strip()
    assert doc.passages[0].location == "p1 ¶1"


def test_pdf_with_a_user_password_is_refused_as_encrypted() -> None:
    writer = PdfWriter(
        clone_from=PdfReader(io.BytesIO(render_pdf(BLOCKS, title="t", author="a", created=WHEN)))
    )
    writer.encrypt(user_password="hemmelig", algorithm="AES-128")
    buffer = io.BytesIO()
    writer.write(buffer)
    with pytest.raises(UnreadableDocument) as caught:
        read_document("låst.pdf", buffer.getvalue())
    assert caught.value.reason == "encrypted"
    assert "passordbeskyttet" in caught.value.message("nb")
    assert "password-protected" in caught.value.message("en")


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("brutt.docx", b"PK\x03\x04 this is not a zip archive", "broken"),
        ("brutt.pdf", b"%PDF-1.7\n garbage without objects", "broken"),
        ("låst.docx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512, "encrypted"),
        ("tom.pdf", b"", "empty"),
        ("tom.txt", b"   \n\n  ", "empty"),
        ("bilde.png", b"\x89PNG\r\n", "unsupported"),
    ],
)
def test_bad_files_give_a_reason(name: str, data: bytes, reason: str) -> None:
    with pytest.raises(UnreadableDocument) as caught:
        read_document(name, data)
    assert caught.value.reason == reason
    assert caught.value.name == name


def test_huge_files_are_refused_before_parsing() -> None:
    with pytest.raises(UnreadableDocument) as caught:
        read_document("stor.pdf", b"%PDF" + b"x" * 2000, max_bytes=1000)
    assert caught.value.reason == "too_large"


def test_plain_text_and_mail_bodies_split_on_blank_lines() -> None:
    doc = read_text("e-post", "Hei,\n\nvi foreslår\nto delkontrakter.\r\n\r\nMvh Ola")
    assert [p.text for p in doc.passages] == ["Hei,", "vi foreslår to delkontrakter.", "Mvh Ola"]
    assert read_document("notat.txt", b"A\n\nB").passages[1].location == "¶2"


def test_readable_names() -> None:
    assert is_readable_name("Innspill.DOCX") and is_readable_name("a.pdf")
    assert not is_readable_name("a.xlsx")


def test_html_mail_bodies_become_paragraphs_without_markup_or_scripts() -> None:
    html = (
        "<html><head><style>p{}</style></head><body><p>Hei,</p><div>vi foreslår "
        "<b>to</b> delkontrakter.</div><script>alert(1)</script>Mvh<br>Ola &amp; Kari</body></html>"
    )
    doc = read_text("e-post", html_to_text(html))
    assert [p.text for p in doc.passages] == [
        "Hei,",
        "vi foreslår to delkontrakter.",
        "Mvh",
        "Ola & Kari",
    ]


def test_a_sentence_cut_by_a_page_break_is_joined_and_cited_where_it_begins() -> None:
    from skills.documents.text import Passage, _joined_across_pages

    page_one = [
        Passage("2. Avtalens varighet", 1, 1),
        Passage("Avtalen gjelder fra og med 1. mars 2025 til og med", 1, 2),
    ]
    page_two = [
        Passage("31. desember 2027. Oppdragsgiver har opsjon på 1 + 1 år.", 2, 1),
        Passage("3. Priser", 2, 2),
    ]
    joined = _joined_across_pages([page_one, page_two])
    assert [(p.text, p.page, p.paragraph) for p in joined] == [
        ("2. Avtalens varighet", 1, 1),
        (
            "Avtalen gjelder fra og med 1. mars 2025 til og med 31. desember 2027. "
            "Oppdragsgiver har opsjon på 1 + 1 år.",
            1,
            2,
        ),
        ("3. Priser", 2, 2),
    ]
    # A page that ends a sentence, or a next page that starts with a capital, stays apart.
    ended = [Passage("Avtalen gjelder i to år.", 1, 1)]
    capital = [Passage("Opsjoner", 2, 1)]
    assert len(_joined_across_pages([ended, [Passage("og så videre", 2, 1)]])) == 2
    assert len(_joined_across_pages([[Passage("Avtalen gjelder i", 1, 1)], capital])) == 2


def test_a_pdf_table_row_whose_value_wraps_stays_one_row() -> None:
    from tests.support.contract_pdf import ContractPdf

    pdf = ContractPdf("Avtale")
    pdf.add("h1", "1. Nøkkelinformasjon")
    pdf.key_terms_row(
        "Automatisk fornyelse",
        "Automatisk fornyelse av avtalen etter utløpet av avtaleperioden er ikke aktuelt, "
        "jf. punkt 2.3 i de generelle vilkårene",
    )
    pdf.key_terms_row("Varighet", "24 måneder")
    pdf.add("p", "Avtalen gjelder for alle fylkeskommunens virksomheter.")
    passages = read_document("Avtale.pdf", pdf.to_bytes()).passages
    rows = [p for p in passages if p.kind == "row"]
    assert [p.cells for p in rows] == [
        (
            "Automatisk fornyelse",
            "Automatisk fornyelse av avtalen etter utløpet av avtaleperioden er ikke aktuelt, "
            "jf. punkt 2.3 i de generelle vilkårene",
        ),
        ("Varighet", "24 måneder"),
    ]
    assert passages[-1].text == "Avtalen gjelder for alle fylkeskommunens virksomheter."
    assert passages[-1].kind == ""


def test_docx_text_in_content_controls_and_tracked_insertions_is_read() -> None:
    # A template's date picker (an inline content control), a block-level content
    # control, and a tracked insertion next to a tracked deletion, as Word writes them.
    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    document = Document()
    paragraph = document.add_paragraph("Oppstart: ")
    picker = (
        f'<w:sdt xmlns:w="{w}"><w:sdtPr><w:date/></w:sdtPr><w:sdtContent>'
        "<w:r><w:t>01.10.2025</w:t></w:r></w:sdtContent></w:sdt>"
    )
    from lxml import etree

    paragraph._p.append(etree.fromstring(picker))
    tracked = document.add_paragraph("Oppsigelsestiden er ")
    tracked._p.append(
        etree.fromstring(
            f'<w:del xmlns:w="{w}" w:id="1" w:author="a"><w:r><w:delText>tre</w:delText></w:r>'
            "</w:del>"
        )
    )
    tracked._p.append(
        etree.fromstring(
            f'<w:ins xmlns:w="{w}" w:id="2" w:author="a"><w:r><w:t>seks</w:t></w:r></w:ins>'
        )
    )
    tracked.add_run(" måneder.")
    block = etree.fromstring(
        f'<w:sdt xmlns:w="{w}"><w:sdtContent><w:p><w:r><w:t>Avtalen gjelder i to år.</w:t>'
        "</w:r></w:p></w:sdtContent></w:sdt>"
    )
    document.element.body.insert(len(document.element.body) - 1, block)
    data = io.BytesIO()
    document.save(data)
    texts = [p.text for p in read_document("Avtale.docx", data.getvalue()).passages]
    assert texts == [
        "Oppstart: 01.10.2025",
        "Oppsigelsestiden er seks måneder.",
        "Avtalen gjelder i to år.",
    ]
