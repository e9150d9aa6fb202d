"""Summarising a market dialogue's supplier input from Teams, end to end in the local
loop: the mailbox folder and the case folder read through msgraph-sdk, the card, and the
report saved in the case folder."""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import pytest
from docx import Document
from msgraph.graph_service_client import GraphServiceClient
from openpyxl import load_workbook

from graph.localtenant.demo_texts import INVITATIONS
from graph.localtenant.docxwrite import render_docx
from graph.localtenant.pdfwrite import render_pdf
from graph.sharepoint import SharePointGateway
from tests.support.cards import card_errors
from tests.support.procs import BotProcess
from tests.support.scan import scanned_pdf
from tests.support.teams import TeamsClient, card_of, card_texts
from tests.support.tenant import TenantProcess, tenant_env

CASE = "Saker/2026-014 Skolemøbler"
# The supplier that marks a business secret writes these only inside the marked passage.
SECRET_WORDS = ("Polen", "18 %", "Hamar")


@pytest.fixture
def bot(tmp_path: Path, tenant: TenantProcess) -> Iterator[BotProcess]:
    process = BotProcess(tmp_path, tenant_env(tenant, REMINDER_INTERVAL_SECONDS="0"))
    process.start()
    try:
        yield process
    finally:
        process.stop()


def _docx(blocks: list[tuple[str, str]]) -> bytes:
    return render_docx(blocks, title="t", author="a", created=datetime(2026, 11, 20, tzinfo=UTC))


ANSWERS = [
    "Vi anbefaler delkontrakter etter produktgrupper, slik at spesialister kan delta.",
    "Möbelfakta eller tilsvarende er et realistisk krav for alle produktgrupper.",
    "Faste enhetspriser med årlig indeksregulering gir forutsigbarhet.",
    "Fire uker før skolestart er realistisk for store leveranser.",
    "To år med opsjon på ett pluss ett år er hensiktsmessig.",
]


def _template(blank: int) -> bytes:
    """The invitation's questions in a table, the supplier's answers beside them."""
    document = Document()
    document.add_paragraph("Svarskjema – Kystmøbler AS, org.nr. 987 654 325")
    table = document.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text = "Spørsmål"
    table.rows[0].cells[1].text = "Svar"
    for number, (question, answer) in enumerate(
        zip(INVITATIONS[0].questions, ANSWERS, strict=True), start=1
    ):
        cells = table.add_row().cells
        cells[0].text = question
        cells[1].text = "" if number == blank else answer
    raw = io.BytesIO()
    document.save(raw)
    return raw.getvalue()


def _summary_card(event: dict[str, Any]) -> bool:
    card = card_of(event)
    return card is not None and "Oppsummering av leverandørinnspill" in card_texts(card)


async def test_supplier_input_summary_card_and_report(
    bot: BotProcess, tenant: TenantProcess, teams: TeamsClient, graph: GraphServiceClient
) -> None:
    sharepoint = SharePointGateway(graph)
    site = await sharepoint.resolve_site("innkjop.example.no", "/sites/innkjop")
    # A broken and an empty answer in the case folder are listed as not read.
    await sharepoint.upload(site, f"{CASE}/Innspill", "Innspill - skadet.pdf", b"%PDF-1.4 broken")
    await sharepoint.upload(site, f"{CASE}/Innspill", "Innspill - tom.docx", b"")
    # The office's own notes at the top of the case folder are never supplier input...
    own = [("p", "Anskaffelsesstrategi. Dagens leverandør er Strategileverandøren AS, "
                 "org.nr. 923 609 016, og vi vurderer faste priser.")]  # fmt: skip
    await sharepoint.upload(site, CASE, "Anskaffelsesstrategi.docx", _docx(own))
    # ...while everything in Innspill is, whatever its name starts with.
    terms = [("p", "Kommentarer til kontraktsvilkår fra Vilkårsleverandøren AS, "
                   "org.nr. 916 481 322: dagmulkt bør starte etter fem virkedager.")]  # fmt: skip
    await sharepoint.upload(
        site, f"{CASE}/Innspill", "Kontraktsvilkår - Vilkårsleverandøren AS.docx", _docx(terms)
    )

    # The invitation's answer template, filled in with one question left blank, and a
    # scanned answer with no text layer.
    await sharepoint.upload(
        site, f"{CASE}/Innspill", "Svarskjema - Kystmøbler AS.docx", _template(blank=4)
    )
    scanned = scanned_pdf(
        render_pdf(
            [("h1", "Innspill fra Fjellmøbler AS, org.nr. 916 445 571"),
             ("p", "1. Vi anbefaler delkontrakter etter produktgrupper, ikke geografi."),
             ("p", "3. Faste enhetspriser med årlig indeksregulering passer best for oss.")],
            title="Skann", author="Fjellmøbler AS", created=datetime(2026, 11, 20, tzinfo=UTC),
        )
    )  # fmt: skip
    await sharepoint.upload(site, f"{CASE}/Innspill", "Innspill Fjellmøbler - skannet.pdf", scanned)

    await teams.custom_activity(
        teams.personal_activity("oppsummer innspill i markedsdialog 2026-014", locale="nb-NO")
    )
    event = await teams.wait_for(_summary_card, within=90)
    card = card_of(event) or {}
    texts = card_texts(card)
    assert card_errors([card]) == [[]]
    assert any("støtte til deres egen vurdering, ikke en evaluering" in t for t in texts)

    # Every supplier appears once, with its organisation number when it gave one.
    headings = [
        b["items"][0]["text"]
        for b in card["body"]
        if b.get("type") == "Container" and b.get("items")
    ]
    names = [re.sub(r" \(org\.nr\. \d{9}\)$", "", h) for h in headings]
    assert len(names) == len(set(names)) >= 7
    assert "Grønn Innredning AS" in names and "Skolerom Interiør AS" in names
    assert "Vilkårsleverandøren AS" in names
    assert "Strategileverandøren AS" not in names
    assert "Strategileverandøren" not in "\n".join(card_texts(card))
    assert any(t.startswith("2026-014 Skolemøbler: ") and " leverandører" in t for t in texts)
    assert any("Svarte på" in t for t in texts)

    # The business secret is flagged and its content is nowhere on the card.
    # (With eleven suppliers and the matrix the card takes its short form.)
    assert any(
        t.startswith(("Forretningshemmelighet merket", "Forretningshemmeligheter merket"))
        for t in texts
    )
    joined = "\n".join(texts)
    for word in SECRET_WORDS:
        assert word not in joined
    # The attempt to instruct the assistant is flagged, not followed or repeated.
    assert any("prøver å gi assistenten instrukser" in t for t in texts)
    assert "ignorer" not in joined.lower()

    not_read = next(t for t in texts if t.startswith("Ikke lest:"))
    assert "Innspill - skadet.pdf" in not_read and "Innspill - tom.docx" in not_read
    assert "skannet.pdf" not in not_read  # read by OCR instead

    # The matrix: the template's blank cell is an unanswered question, not the question.
    table = next(b for b in card["body"] if b.get("type") == "Table")
    marks = {
        row["cells"][0]["items"][0]["text"]: [c["items"][0]["text"] for c in row["cells"][1:]]
        for row in table["rows"][1:]
    }
    assert marks["Kystmøbler AS"] == ["✓", "✓", "✓", "–", "✓"]
    assert marks["Fjellmøbler AS"][0] == "✓" and marks["Fjellmøbler AS"][2] == "✓"

    # The report is in the case folder and holds the same, with the disclaimer up front.
    files = [e async for e in sharepoint.list_folder(site, CASE)]
    reports = [
        f
        for f in files
        if f.name.startswith("Oppsummering av innspill - 2026-014") and f.name.endswith(".docx")
    ]
    assert len(reports) == 1
    # The matrix workbook is beside it, linked from the card.
    sheets = [f for f in files if f.name == reports[0].name.removesuffix(".docx") + ".xlsx"]
    assert len(sheets) == 1
    assert card["actions"][1]["url"] == sheets[0].web_url
    book = load_workbook(io.BytesIO(await sharepoint.download(site, sheets[0].id)))
    rows = {r[0]: r for r in book["Matrise"].iter_rows(values_only=True)}
    assert rows["Kystmøbler AS"][1] == "987654325"
    assert rows["Kystmøbler AS"][3 + 3] == "Ikke besvart"
    assert "Möbelfakta" in rows["Kystmøbler AS"][3 + 1]
    for word in SECRET_WORDS:
        assert all(word not in str(v) for r in rows.values() for v in r)
    open_report = card["actions"][0]
    assert open_report["type"] == "Action.OpenUrl" and open_report["url"] == reports[0].web_url
    document = Document(io.BytesIO(await sharepoint.download(site, reports[0].id)))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "ikke en evaluering" in text
    report_all = text + "\n".join(c.text for t in document.tables for r in t.rows for c in r.cells)
    assert "lest med OCR" in report_all  # the scanned answer's points say how they were read
    for name in names:
        assert name in text
    for word in SECRET_WORDS:
        assert word not in text

    # Every source the card links to is a document that exists in the tenant.
    # (In the card's short form they are in the workbook's sources sheet.)
    links = re.findall(r"\]\((https://[^)]+)\)", joined)
    links += [r[6] for r in book["Kilder"].iter_rows(min_row=2, values_only=True) if r[6]]
    assert links
    known = {f.web_url for f in [e async for e in sharepoint.list_folder(site, f"{CASE}/Innspill")]}
    for link in links:
        assert " " not in link and "(" not in link
        link = unquote(link)
        assert link in known or "/mail/" in link or "outlook" in link, link


async def test_an_unknown_case_lists_the_cases_to_choose_from(
    bot: BotProcess, tenant: TenantProcess, teams: TeamsClient
) -> None:
    await teams.custom_activity(
        teams.personal_activity("oppsummer innspill om fiskeoppdrett", locale="nb-NO")
    )
    event = await teams.wait_for(
        lambda e: (
            (card := card_of(e)) is not None
            and any("Finner ingen sak som passer" in t for t in card_texts(card))
        ),
        within=40,
    )
    card = card_of(event) or {}
    assert card_texts(card)[0] == (
        "Finner ingen sak som passer «oppsummer innspill om fiskeoppdrett». Disse sakene finnes:"
    )
    assert any("2026-014 Skolemøbler" in t for t in card_texts(card))

    # A misspelt case name: the nearest case first, as a button that summarises it.
    start = len(teams.events)
    await teams.custom_activity(
        teams.personal_activity("oppsummer innspill om skolemøbel", locale="nb-NO")
    )
    event = await teams.wait_for(
        lambda e: (card := card_of(e)) is not None and "Mente du" in " ".join(card_texts(card)),
        within=40,
        start=start,
    )
    buttons = (card_of(event) or {})["actions"]
    assert buttons[0]["verb"] == "supplier_input.summarize"
    assert buttons[0]["data"] == {"case": "2026-014 Skolemøbler"}


async def test_missing_access_in_microsoft_365_is_explained(
    bot: BotProcess, tenant: TenantProcess, teams: TeamsClient
) -> None:
    tenant.admin("POST", "faults", {"path": "/children$", "status": 403, "times": 5})
    await teams.custom_activity(
        teams.personal_activity("oppsummer innspill i markedsdialog 2026-014", locale="nb-NO")
    )
    event = await teams.wait_for(
        lambda e: (
            "Jeg har ikke tilgang til dette i Microsoft 365"
            in (e.get("message") or {}).get("text", "")
        ),
        within=40,
    )
    text = event["message"]["text"]
    assert "Sites.Selected" in text and "Be IT" in text
    assert "Traceback" not in text
