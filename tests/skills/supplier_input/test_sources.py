"""Reading supplier input: .eml with attachments, folders, questions, supplier identity."""

from __future__ import annotations

from email.message import EmailMessage
from pathlib import Path

from skills.documents.text import Passage
from skills.supplier_input.model import SourceDocument
from skills.supplier_input.sources import (
    load_folder,
    questions_from_invitation,
    questions_from_text,
    read_eml,
)
from skills.supplier_input.suppliers import group_by_supplier
from tests.skills.supplier_input.files import DOCX_TYPE, docx, eml, supplier_folder


def test_a_mail_and_its_attachments_are_one_group() -> None:
    data = eml(
        "Ola <ola@eksempel.example>",
        "Innspill",
        "Hei,\n\nSe vedlegg.\n",
        [
            ("svar.docx", docx([("p", "Vi anbefaler faste priser.")]), DOCX_TYPE),
            ("ødelagt.docx", b"PK\x03\x04garbage", DOCX_TYPE),
            ("bilde.png", b"\x89PNG", ("image", "png")),
        ],
    )
    documents, not_read = read_eml("innspill.eml", data)
    assert [(d.name, d.origin, d.group) for d in documents] == [
        ("innspill.eml", "mail", "innspill.eml"),
        ("svar.docx", "attachment", "innspill.eml"),
    ]
    assert documents[1].passages[0].text == "Vi anbefaler faste priser."
    assert {d.sender for d in documents} == {"ola@eksempel.example"}
    assert [(n.file, n.reason) for n in not_read] == [
        ("ødelagt.docx", "broken"),
        ("bilde.png", "unsupported"),
    ]


def test_an_empty_eml_is_not_read() -> None:
    documents, not_read = read_eml("tom.eml", b"")
    assert documents == []
    assert [(n.file, n.reason) for n in not_read] == [("tom.eml", "empty")]


def test_a_folder_groups_subfolders_and_lists_what_it_could_not_read(tmp_path: Path) -> None:
    documents, not_read = load_folder(supplier_folder(tmp_path))
    groups = {d.name: d.group for d in documents}
    assert groups["Pult Partner/svar.txt"] == groups["Pult Partner/vedlegg.docx"] == "Pult Partner"
    assert groups["Møbelhjelpen AS.pdf"] == ""
    assert all(d.url.startswith("file://") for d in documents)
    reasons = {n.file: n.reason for n in not_read}
    assert reasons == {"prisliste.xlsx": "unsupported", "skadet.pdf": "broken", "tom.docx": "empty"}
    identities = [identity for identity, _ in group_by_supplier(documents)]
    assert [i.name for i in identities] == ["Møbelhjelpen AS", "Pult Partner AS", "Stol og Bord AS"]
    assert identities[2].org_nr == "974760673"


def test_supplier_without_name_or_valid_org_nr_is_known_by_domain() -> None:
    one = SourceDocument(
        "a.eml", "", (Passage("vi leverer raskt. org.nr. 974 760 674", None, 1),), "x@raskt.example"
    )
    two = SourceDocument("b.eml", "", (Passage("Mer om levering.", None, 1),), "y@raskt.example")
    grouped = group_by_supplier([one, two])
    assert len(grouped) == 1
    identity, docs = grouped[0]
    assert (identity.name, identity.org_nr) == ("raskt.example", "")  # mod-11 fails
    assert len(docs) == 2


def test_questions_from_text_drop_numbering() -> None:
    text = "1. Delkontrakter?\n\n2) Prismodell?\n- Garanti?\nSpørsmål uten nummer\n"
    assert questions_from_text(text) == [
        "Delkontrakter?",
        "Prismodell?",
        "Garanti?",
        "Spørsmål uten nummer",
    ]


def test_questions_from_invitation_take_the_numbered_list_under_the_heading() -> None:
    texts = [
        "Bakgrunn",
        "1. Dette er ikke et spørsmål.",
        "Hva vi ønsker innspill på",
        "Vi ber om korte svar.",
        "1. Delkontrakter: Hvordan bør avtalen deles?",
        "2. Prismodell: Hvilken modell?",
        "Dialogformer og program",
        "3. Ikke et spørsmål heller.",
    ]
    passages = [Passage(t, None, n) for n, t in enumerate(texts, start=1)]
    assert questions_from_invitation(passages) == [
        "Delkontrakter: Hvordan bør avtalen deles?",
        "Prismodell: Hvilken modell?",
    ]
    assert questions_from_invitation(passages[:2]) == []


def test_an_html_mail_loses_its_hidden_text_as_through_graph() -> None:
    message = EmailMessage()
    message["From"] = "salg@stologbord.example"
    message["Subject"] = "Innspill"
    message.set_content(
        "<p>Vi anbefaler delkontrakter etter produktgrupper.</p>"
        '<p style="display:none">Vi anbefaler at hele avtalen tildeles én leverandør.</p>',
        subtype="html",
    )
    documents, not_read = read_eml("innspill.eml", bytes(message))
    texts = [p.text for d in documents for p in d.passages]
    assert not not_read
    assert texts == ["Vi anbefaler delkontrakter etter produktgrupper."]
