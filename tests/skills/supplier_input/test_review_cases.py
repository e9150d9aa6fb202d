"""Answers an independent review wrote to break the supplier-input summary, each with the
right outcome stated by hand."""

from __future__ import annotations

import io
import json
from datetime import datetime
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import Path

import docx

from skills.documents.text import read_document
from skills.supplier_input.model import InputSummary, SourceDocument
from skills.supplier_input.sources import load_folder, read_eml
from skills.supplier_input.summarize import summarize_input
from skills.supplier_input.workbook import render_workbook

QUESTIONS = [
    "Delkontrakter: Bør avtalen deles i delkontrakter etter geografi eller produktgruppe?",
    "Prismodell: Hvilken prismodell anbefaler dere?",
    "Varighet: Hva er en hensiktsmessig avtaleperiode med opsjoner?",
]


def _docx(*blocks: tuple[str, str]) -> bytes:
    document = docx.Document()
    for kind, text in blocks:
        if kind == "h":
            document.add_heading(text, 1)
        elif kind == "li":
            document.add_paragraph(text, style="List Number")
        else:
            document.add_paragraph(text)
    raw = io.BytesIO()
    document.save(raw)
    return raw.getvalue()


def _eml(sender: str, subject: str, body: str, day: int) -> bytes:
    message = EmailMessage()
    message["From"] = sender
    message["To"] = "postmottak@innkjop.example.no"
    message["Subject"] = subject
    message["Date"] = format_datetime(datetime(2026, 3, day, 9, 0))
    message.set_content(body)
    return bytes(message)


async def _summary(folder: Path) -> InputSummary:
    documents, not_read = load_folder(folder)
    return await summarize_input(documents, QUESTIONS, not_read=not_read)


def _answers(summary: InputSummary, name: str) -> list[str | None]:
    supplier = next(s for s in summary.suppliers if s.name == name)
    return [a.answer.text if a.answer else None for a in supplier.answers]


async def test_a_mark_pointing_back_at_two_paragraphs_withholds_both(tmp_path: Path) -> None:
    (tmp_path / "lekk.docx").write_bytes(
        _docx(
            ("p", "Innspill fra Glans Renhold AS, org.nr. 974 760 673."),
            ("h", "Prismodell"),
            ("p", "Vår timepris til kommunale kunder er 412 kroner i dag."),
            ("p", "Vi gir 14 prosent rabatt ved avtaler over tre år."),
            ("p", "Opplysningene i de to avsnittene over er forretningshemmeligheter."),
            ("p", "Vi anbefaler fastpris per kvadratmeter."),
        )
    )
    summary = await _summary(tmp_path)
    said = json.dumps([s.as_json() for s in summary.suppliers], ensure_ascii=False)
    assert "412 kroner" not in said and "14 prosent" not in said
    assert _answers(summary, "Glans Renhold AS")[1] == "Vi anbefaler fastpris per kvadratmeter."
    book = render_workbook(summary, QUESTIONS, "nb")
    assert b"412 kroner" not in book and b"14 prosent" not in book


async def test_a_customer_reference_is_not_the_suppliers_org_number(tmp_path: Path) -> None:
    for name, org, domain in (("Alfa Rens AS", "912 345 645", "alfarens"),
                              ("Beta Vask AS", "912 345 653", "betavask")):  # fmt: skip
        (tmp_path / f"{domain}.eml").write_bytes(
            _eml(
                f"Post <post@{domain}.no>",
                "Innspill",
                f"Hei,\n\nVi har levert til Bergen kommune (org.nr. 964 338 531) i fem år.\n\n"
                f"Spørsmål 2: Vi anbefaler fastpris.\n\nMed vennlig hilsen\n{name}\n"
                f"Org.nr. {org}",
                2,
            )
        )
    summary = await _summary(tmp_path)
    assert sorted((s.name, s.org_nr) for s in summary.suppliers) == [
        ("Alfa Rens AS", "912345645"),
        ("Beta Vask AS", "912345653"),
    ]


async def test_a_numbered_list_inside_an_answer_stays_in_that_answer(tmp_path: Path) -> None:
    (tmp_path / "liste.docx").write_bytes(
        _docx(
            ("p", "Innspill fra Hansen Vask AS, org.nr. 974 760 673."),
            ("h", "Spørsmål 1 – Delkontrakter"),
            ("p", "Vi anbefaler geografiske delkontrakter."),
            ("h", "Spørsmål 3 – Varighet"),
            ("p", "Vi foreslår disse elementene:"),
            ("li", "To års grunnperiode."),
            ("li", "Opsjon på ett pluss ett år."),
        )
    )
    summary = await _summary(tmp_path)
    answers = _answers(summary, "Hansen Vask AS")
    assert answers[0] == "Vi anbefaler geografiske delkontrakter."
    assert answers[1] is None
    assert answers[2] is not None and "To års grunnperiode." in answers[2]
    assert "Opsjon på ett pluss ett år." in answers[2]


async def test_a_question_copied_without_its_label_is_not_an_answer(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("Svarskjema fra Rask Renhold AS, org.nr. 974 760 673")
    table = document.add_table(rows=3, cols=2)
    table.rows[0].cells[0].text = "Hva er en hensiktsmessig avtaleperiode med opsjoner?"
    table.rows[1].cells[0].text = "Hvilken prismodell anbefaler dere?"
    table.rows[1].cells[1].text = "Fastpris per kvadratmeter."
    table.rows[2].cells[0].text = "Kommentar"
    raw = io.BytesIO()
    document.save(raw)
    (tmp_path / "rask.docx").write_bytes(raw.getvalue())
    summary = await _summary(tmp_path)
    assert _answers(summary, "Rask Renhold AS") == [None, "Fastpris per kvadratmeter.", None]
    assert not any(" spør: " in line for line in summary.follow_up)


def test_a_reply_that_quotes_the_invitation_answers_only_with_its_own_words() -> None:
    body = (
        "Hei,\n\nSpørsmål 1: Vi anbefaler produktgrupper.\n\nMvh\nKari\nLys Renhold AS\n\n"
        "-----Opprinnelig melding-----\nFra: Innkjøp <postmottak@innkjop.example.no>\n"
        "Sendt: 1. mars 2026 10:00\nEmne: Invitasjon\n\nKommunen planlegger en rammeavtale "
        "med fastpris. Vedlagt følger invitasjonen.\n"
    )
    documents, not_read = read_eml(
        "svar.eml", _eml("Kari <kari@lysrenhold.no>", "Re: Invitasjon", body, 3)
    )
    text = " ".join(p.text for d in documents for p in d.passages)
    assert "Kommunen planlegger" not in text and "Vi anbefaler produktgrupper." in text
    assert not_read == []  # the quoted "Vedlagt følger" is not this mail's


async def test_a_correction_named_in_the_subject_replaces_the_earlier_answer(
    tmp_path: Path,
) -> None:
    (tmp_path / "a.eml").write_bytes(
        _eml(
            "Siv <siv@solrenhold.no>",
            "Innspill",
            "Spørsmål 2: Vi anbefaler timepris.\n\nSol Renhold AS",
            2,
        )  # fmt: skip
    )
    (tmp_path / "b.eml").write_bytes(
        _eml(
            "Siv <siv@solrenhold.no>",
            "Oppdatert svar",
            "Spørsmål 2: Vi anbefaler fastpris.\n\nSol Renhold AS",
            5,
        )  # fmt: skip
    )
    summary = await _summary(tmp_path)
    sol = next(s for s in summary.suppliers if s.name == "Sol Renhold AS")
    assert sol.answers[1].answer is not None
    assert sol.answers[1].answer.text == "Vi anbefaler fastpris."
    assert sol.superseded == (("b.eml", "a.eml"),)


async def test_short_answers_under_a_heading_count(tmp_path: Path) -> None:
    (tmp_path / "kort.docx").write_bytes(
        _docx(
            ("p", "Fra Kort Renhold AS, org.nr. 974 760 673."),
            ("h", "Spørsmål 1"),
            ("p", "Nei."),
            ("h", "Spørsmål 3"),
            ("p", "Seks år."),
        )
    )
    summary = await _summary(tmp_path)
    assert _answers(summary, "Kort Renhold AS") == ["Nei.", None, "Seks år."]


def test_a_two_page_pdf_loses_its_page_numbers(tmp_path: Path) -> None:
    from graph.localtenant.pdfwrite import render_pdf

    long = " ".join(["Vi anbefaler fastpris per kvadratmeter for alle bygg."] * 150)
    data = render_pdf(
        [("h1", "Spørsmål 2"), ("p", long), ("h1", "Spørsmål 3"), ("p", "Nei.")],
        title="t",
        author="a",
        created=datetime(2026, 3, 1),
    )
    passages = read_document("to-sider.pdf", data).passages
    assert {p.page for p in passages} == {1, 2}
    # The answer that runs over the page break is one passage, cited where it begins.
    answer = next(p for p in passages if p.text.startswith("Vi anbefaler"))
    assert answer.page == 1 and answer.text.endswith("alle bygg.")
    assert answer.text.count("Vi anbefaler") == 150
    assert not any(p.text.startswith(("Side ", "Page ")) for p in passages)


def test_a_forwarded_mail_is_read_and_a_logo_is_no_attachment() -> None:
    inner = EmailMessage()
    inner["From"] = "Lise <lise@moe-interior.no>"
    inner["Subject"] = "Innspill"
    inner.set_content("Spørsmål 1: Vi anbefaler geografiske delkontrakter.\n\nMoe Interiør AS")
    outer = EmailMessage()
    outer["From"] = "Lise <lise@moe-interior.no>"
    outer["Subject"] = "VS: Innspill"
    outer.set_content("Se vedlagt dokument.")
    outer.add_attachment(inner)
    logo = outer.get_payload()[0]  # type: ignore[index]  # a multipart payload is a list
    assert logo is not None
    outer.add_attachment(b"\x89PNG", maintype="image", subtype="png", filename="image001.png",
                         disposition="inline", cid="<logo@moe>")  # fmt: skip
    documents, not_read = read_eml("vs.eml", bytes(outer))
    text = " ".join(p.text for d in documents for p in d.passages)
    assert "Vi anbefaler geografiske delkontrakter." in text
    assert not_read == []
    assert all(isinstance(d, SourceDocument) and d.group == "vs.eml" for d in documents)


async def test_stances_against_are_not_counted_for(tmp_path: Path) -> None:
    texts = {
        "en": "Vi ser ingen grunn til geografiske delkontrakter.",
        "to": "Vi er skeptiske til geografisk inndeling av avtalen.",
        "tre": "Geografiske delkontrakter vil gi økte kostnader for alle.",
        "fire": "Vi anbefaler geografiske delkontrakter, nord og sør.",
        "fem": "Vi tilrår ei samla avtale for heile fylket.",
    }
    for key, text in texts.items():
        (tmp_path / f"{key}.eml").write_bytes(
            _eml(
                f"Post <post@{key}renhold.no>",
                "Innspill",
                f"Spørsmål 1: {text}\n\n{key.capitalize()} Renhold AS",
                2,
            )  # fmt: skip
        )
    summary = await _summary(tmp_path)
    lots = next(t for t in summary.themes if t.theme == "Delkontrakter")
    counted = {s.position: sorted(n for n, _ in s.holders) for s in lots.stances}
    assert counted == {
        "geografiske delkontrakter": ["Fire Renhold AS"],
        "én samlet avtale": ["Fem Renhold AS"],
    }


async def test_the_report_has_the_matrix_and_says_what_replaced_what(tmp_path: Path) -> None:
    from datetime import date

    from skills.supplier_input.report import render_report

    (tmp_path / "a.eml").write_bytes(
        _eml(
            "Siv <siv@solrenhold.no>",
            "Innspill",
            "Spørsmål 2: Vi anbefaler timepris.\n\nSol Renhold AS",
            2,
        )  # fmt: skip
    )
    (tmp_path / "b.eml").write_bytes(
        _eml(
            "Siv <siv@solrenhold.no>",
            "Korrigering",
            "Spørsmål 2: Vi anbefaler fastpris.\n\nSol Renhold AS",
            5,
        )  # fmt: skip
    )
    summary = await _summary(tmp_path)
    document = docx.Document(io.BytesIO(render_report(summary, "Sak", date(2026, 3, 6))))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "«b.eml» erstatter svarene i «a.eml» på de samme spørsmålene." in text
    table = document.tables[0]
    assert [c.text for c in table.rows[1].cells] == [
        "Sol Renhold AS",
        "Ikke besvart",
        "Vi anbefaler fastpris.",
        "Ikke besvart",
    ]


async def test_the_suppliers_own_number_after_a_sentence_about_a_kommune(tmp_path: Path) -> None:
    (tmp_path / "a.eml").write_bytes(
        _eml(
            "Per <per@firmaa.no>",
            "Innspill",
            "Spørsmål 1: Vi anbefaler produktgrupper.\n\nVi har gode erfaringer med Bergen "
            "kommune.\nFirma A AS, org.nr. 974 760 673",
            2,
        )  # fmt: skip
    )
    (tmp_path / "r.eml").write_bytes(
        _eml("Rita <rita@referanserens.no>", "Innspill",
             "Spørsmål 1: Vi anbefaler geografi.\n\nReferanse Rens AS, org.nr. 982 525 608", 2)
    )  # fmt: skip
    summary = await _summary(tmp_path)
    assert sorted((s.name, s.org_nr) for s in summary.suppliers) == [
        ("Firma A AS", "974760673"),
        ("Referanse Rens AS", "982525608"),
    ]


async def test_an_answer_line_without_a_full_stop_under_a_label(tmp_path: Path) -> None:
    (tmp_path / "k.eml").write_bytes(
        _eml(
            "Kai <kai@kortsvar.no>",
            "Innspill",
            "Spørsmål 2\n\nFastpris per kvadratmeter\n\nSpørsmål 3\n\nSeks år med opsjoner\n\n"
            "Kortsvar Renhold AS",
            2,
        )  # fmt: skip
    )
    summary = await _summary(tmp_path)
    assert _answers(summary, "Kortsvar Renhold AS") == [
        None,
        "Fastpris per kvadratmeter",
        "Seks år med opsjoner",
    ]


def test_eight_bit_mail_without_a_charset_is_read_as_windows_1252() -> None:
    raw = (
        "From: Ola <ola@gammel.no>\r\nSubject: Innspill\r\nMIME-Version: 1.0\r\n"
        "Content-Type: text/plain\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"
        "Spørsmål 2: Vi anbefaler fastpris på møbler.\r\n"
    ).encode("cp1252")
    documents, _ = read_eml("gammel.eml", raw)
    assert documents[0].passages[0].text == "Spørsmål 2: Vi anbefaler fastpris på møbler."
