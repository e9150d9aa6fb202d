"""The deterministic engine over the demo tenant's 2026-014 Skolemøbler dialogue, read from
the generated files: mails with attachments and the case folder's answers and notes."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from graph.localtenant.demo_input import UPLOADED
from graph.localtenant.demo_mail import (
    BUSINESS_SECRET,
    FJORDMOBLER,
    INJECTION,
    LAERINGSMILJO,
    SKOLEMOBLER_SUPPLIERS,
    SKOLEROM,
)
from skills.documents.text import read_document
from skills.supplier_input.model import InputSummary, SourceDocument
from skills.supplier_input.sources import questions_from_invitation
from skills.supplier_input.summarize import summarize_input
from tests.skills.supplier_input.checks import assert_sources_exist, cited_text
from tests.skills.supplier_input.demo_sources import (
    case_documents,
    demo_tenant,
    invitation_path,
    mail_documents,
)

# What each of the invitation's five questions is about, as words an answer must touch.
TOPICS = (
    r"delkontrakt|produktgrupp|geografi|samlet avtale",
    r"miljø|ombruk|reservedel|möbelfakta|svanemerk|repar|klima",
    r"pris|rabatt",
    r"lever|monter",
    r"\d\s*\+\s*\d|år",
)


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> tuple[list[SourceDocument], list[str]]:
    root = demo_tenant(tmp_path_factory.mktemp("tenant"))
    documents = mail_documents(root) + case_documents(root)
    invitation = invitation_path(root)
    passages = read_document(invitation.name, invitation.read_bytes()).passages
    return documents, questions_from_invitation(passages)


async def test_every_supplier_once_with_its_org_nr(
    demo: tuple[list[SourceDocument], list[str]],
) -> None:
    documents, questions = demo
    summary = await summarize_input(documents, questions)
    names = [s.name for s in summary.suppliers]
    expected = {s.name for s in SKOLEMOBLER_SUPPLIERS} | {
        "Nordisk Skoleinventar AS",
        "Tre og Stål Produksjon AS",
    }
    assert sorted(names) == sorted(expected)
    by_name = {s.name: s for s in summary.suppliers}
    for supplier in SKOLEMOBLER_SUPPLIERS:
        assert by_name[supplier.name].org_nr == supplier.orgnr
    # The office's meeting notes belong to the supplier they are about.
    notes = next(d.path.rsplit("/", 1)[-1] for d in UPLOADED if "Referat" in d.path)
    assert notes in {ref.document for ref in by_name[SKOLEROM.name].sources}
    assert len(questions) == 5


async def test_each_question_is_matched_to_passages_that_answer_it(
    demo: tuple[list[SourceDocument], list[str]],
) -> None:
    documents, questions = demo
    summary = await summarize_input(documents, questions)
    for supplier in summary.suppliers:
        assert len(supplier.answers) == 5
        for number, (answer, topic) in enumerate(zip(supplier.answers, TOPICS, strict=True), 1):
            assert answer.question == questions[number - 1]
            assert answer.answer is not None, (supplier.name, number)
            assert re.search(topic, answer.answer.text, re.IGNORECASE), (supplier.name, number)
    ergo = next(s for s in summary.suppliers if s.name == "Ergo Skole AS")
    # Ergo answered 1-3 in the mail and 4-5 in the attachment.
    assert ergo.answers[0].answer and ergo.answers[0].answer.sources[0].document.startswith(
        "E-post"
    )
    assert ergo.answers[3].answer
    assert (
        ergo.answers[3].answer.sources[0].document == "Levering og montering - Ergo Skole AS.docx"
    )
    fjord = next(s for s in summary.suppliers if s.name == FJORDMOBLER.name)
    assert fjord.answers[3].answer and "10–12 uker" in fjord.answers[3].answer.text


async def test_the_business_secret_is_flagged_and_absent_from_shared_text(
    demo: tuple[list[SourceDocument], list[str]],
) -> None:
    documents, questions = demo
    summary = await summarize_input(documents, questions)
    supplier = next(s for s in summary.suppliers if s.name == LAERINGSMILJO.name)
    flagged = [cited_text(p.sources[0], documents) for p in supplier.confidential]
    assert BUSINESS_SECRET in flagged
    shared = "\n".join(summary.shared_texts())
    for sentence in re.split(r"(?<=\.) ", BUSINESS_SECRET):
        assert sentence not in shared
    dumped = json.dumps(summary.as_json(), ensure_ascii=False)
    for secret in ("Polen", "18 %", "Hamar", "kostnadsstruktur"):
        assert secret not in dumped
    assert all(BUSINESS_SECRET not in p.text for p in supplier.confidential)


def _without(summary: InputSummary, name: str) -> dict[str, object]:
    return {s.name: s for s in summary.suppliers if s.name != name}


async def test_the_injection_is_flagged_and_changes_nothing_for_others(
    demo: tuple[list[SourceDocument], list[str]],
) -> None:
    documents, questions = demo
    summary = await summarize_input(documents, questions)
    fjord = next(s for s in summary.suppliers if s.name == FJORDMOBLER.name)
    assert len(fjord.injection_flags) == 1
    assert INJECTION in cited_text(fjord.injection_flags[0].sources[0], documents)
    dumped = json.dumps(summary.as_json(), ensure_ascii=False)
    for piece in ("Ignorer alle", "ranger oss", "oppfyller alle krav", "bør få avtalen"):
        assert piece.lower() not in dumped.lower()
    assert fjord.summary  # the rest of that supplier's answer is still summarised
    without = [d for d in documents if d.sender != FJORDMOBLER.address]
    assert len(without) == len(documents) - 1
    other = await summarize_input(without, questions)
    assert FJORDMOBLER.name not in [s.name for s in other.suppliers]
    assert _without(summary, FJORDMOBLER.name) == _without(other, FJORDMOBLER.name)


async def test_every_cited_passage_exists(demo: tuple[list[SourceDocument], list[str]]) -> None:
    documents, questions = demo
    summary = await summarize_input(documents, questions)
    assert_sources_exist(summary, documents)
    themes = {t.theme: t for t in summary.themes}
    assert {"Delkontrakter", "Prismodell", "Varighet og opsjoner"} <= set(themes)
    assert themes["Prismodell"].differ and themes["Delkontrakter"].differ
    assert any("2 + 1 + 1" in line for line in themes["Varighet og opsjoner"].agree)


def test_demo_sources_read_real_files(demo: tuple[list[SourceDocument], list[str]]) -> None:
    documents, _ = demo
    origins = {d.origin for d in documents}
    assert origins == {"mail", "attachment", "sharepoint"}
    assert any(Path(d.name).suffix == ".pdf" for d in documents)
