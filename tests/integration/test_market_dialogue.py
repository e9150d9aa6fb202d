"""Drafting a market-dialogue invitation from Teams, end to end in the local loop: the
chat request, the form, the .docx in the case folder and the Outlook draft, checked
through msgraph-sdk against the local tenant."""

from __future__ import annotations

import io
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from docx import Document
from msgraph.graph_service_client import GraphServiceClient

from graph.mail import MailGateway
from graph.sharepoint import SharePointGateway
from skills.contracts.calendar import is_working_day
from tests.skills.market_dialogue.helpers import SECTIONS
from tests.support.cards import card_errors
from tests.support.procs import BotProcess
from tests.support.teams import TeamsClient, card_of, card_texts
from tests.support.tenant import DEMO_TODAY, MAILBOX, TenantProcess, tenant_env

REQUEST = (
    "lag en invitasjon til markedsdialog om rammeavtale for skolemøbler, ca. 12 millioner, "
    "dialogkonferanse i januar"
)
DATE_INPUTS = (
    "publication",
    "registration_deadline",
    "conference",
    "meetings",
    "written_deadline",
    "consultation_deadline",
)


@pytest.fixture
def bot(tmp_path: Path, tenant: TenantProcess) -> Iterator[BotProcess]:
    process = BotProcess(
        tmp_path,
        tenant_env(
            tenant,
            SEARCH_INDEX_PATH=str(tmp_path / "search.sqlite3"),
            REMINDER_INTERVAL_SECONDS="0",
        ),
    )
    process.start()
    try:
        yield process
    finally:
        process.stop()


def _inputs(card: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {e["id"]: e for e in card["body"] if str(e.get("type", "")).startswith("Input.")}


def _is_form(event: dict[str, Any]) -> bool:
    card = card_of(event)
    return card is not None and "Invitasjon til markedsdialog" in card_texts(card)


@pytest.fixture(autouse=True)
def buyer_details(monkeypatch: pytest.MonkeyPatch) -> None:
    """The buyer's eForms details as an office sets them, before the bot starts."""
    for name, value in {
        "BUYER_ORG_NO": "821311632",
        "BUYER_CITY": "Bergen",
        "BUYER_POSTCODE": "5020",
        "BUYER_NUTS": "NO0A2",
        "BUYER_PHONE": "+47 55 63 90 00",
    }.items():
        monkeypatch.setenv(name, value)


async def test_chat_request_to_form_to_invitation_in_sharepoint_and_outlook(
    bot: BotProcess, tenant: TenantProcess, teams: TeamsClient, graph: GraphServiceClient
) -> None:
    await teams.custom_activity(teams.personal_activity(REQUEST, locale="nb-NO"))
    event = await teams.wait_for(_is_form, within=40)
    form = card_of(event) or {}
    assert card_errors([form]) == [[]]
    inputs = _inputs(form)
    # What the message said is on the form; what it did not say is asked for.
    assert inputs["title"]["value"] == "Rammeavtale for skolemøbler"
    assert inputs["estimated_value_nok"]["value"] == 12_000_000
    assert "conference" in inputs["formats"]["value"].split(",")
    missing = next(t for t in card_texts(form) if t.startswith("Mangler:"))
    assert "Behov" in missing and "Spørsmål til markedet" in missing
    assert inputs["need"].get("value", "") == ""
    assert inputs["contact_email"]["value"].endswith("@innkjop.example.no")
    # The proposed schedule: working days, in order, not in the past; the conference in January.
    proposed = [date.fromisoformat(inputs[k]["value"]) for k in DATE_INPUTS if inputs[k]["value"]]
    assert proposed == sorted(proposed) and proposed[0] >= DEMO_TODAY
    assert all(is_working_day(d) for d in proposed)
    assert date.fromisoformat(inputs["conference"]["value"]).month == 1

    # The CPV suggestions come from the title; the org. no. from the settings.
    assert any(
        t.startswith("Forslag til CPV-kode: 39160000 Skolemøbler") for t in card_texts(form)
    ), card_texts(form)
    assert inputs["buyer_org_no"]["value"] == "821311632"
    values = {key: element.get("value", "") for key, element in inputs.items()}
    values.update(
        {
            "estimated_value_nok": 12_000_000,  # Teams sends a number input as a number
            "kind": "goods",
            "need": "Skolene trenger nye elevpulter, stoler og spesialrom de neste fire årene.",
            "purpose": "Vi vil lære hva markedet kan tilby innen ombruk og universell utforming.",
            "questions": "Hvordan bør vi dele opp i delkontrakter?\nHvilke miljøkrav er "
            "realistiske?\nHvilken prismodell anbefaler dere?",
            "suppliers": "salg@nytt-firma.example.no",
            "cpv_main": "39160000",
            "place_nuts": "NO0A2",
        }
    )
    # The saved supplier list in the library is offered on the form.
    assert [c["value"] for c in inputs["supplier_lists"]["choices"]] == ["Skolemøbler"]
    values["supplier_lists"] = "Skolemøbler"
    message_id = event["message"]["messageId"]

    # A missing essential comes back as the same form, naming it; nothing is written.
    status, body = await teams.invoke(
        teams.personal_chat,
        message_id,
        "market_dialogue.draft",
        {**values, "purpose": "", "supplier_lists": ""},
    )
    assert status == 200, body
    shown = card_texts(body["value"])
    assert any(t.startswith("Missing:") and "Purpose" in t for t in shown), shown

    # SharePoint refusing the upload gives the filled form back with the reason.
    tenant.admin("POST", "faults", {"path": "/content$", "method": "PUT", "status": 403})
    status, body = await teams.invoke(
        teams.personal_chat, message_id, "market_dialogue.draft", {**values, "origin": ""}
    )
    assert status == 200, body
    shown = card_texts(body["value"])
    assert any(t.startswith("Could not save the invitation in SharePoint") for t in shown), shown
    assert _inputs(body["value"])["need"]["value"] == values["need"]

    status, body = await teams.invoke(
        teams.personal_chat, message_id, "market_dialogue.draft", {**values, "origin": ""}
    )
    assert status == 200, body
    ready = body["value"]
    texts = card_texts(ready)
    assert card_errors([ready]) == [[]]
    # The Playground sends card actions with locale en-US: the answer is in English.
    assert "The invitation draft is ready" in texts
    assert "Markedsdialog – Rammeavtale for skolemøbler" in texts  # the Doffin title (nb)
    # 12 MNOK is above the EEA threshold for goods: the card gives the English notice and why.
    assert "Outlook draft: in the mailbox, to 8 suppliers in Bcc (not sent)" in texts
    assert "Also in English:" in texts
    assert "Market dialogue – Rammeavtale for skolemøbler" in texts
    assert any("EEA threshold" in t for t in texts), texts
    assert "eForms: subtype 4" in texts  # 12 MNOK of goods: the EU notice, complete
    opened = [a["title"] for a in ready.get("actions", [])]
    assert "Open the eForms notice" in opened, opened
    based_on = next(t for t in texts if t.startswith("Based on:"))
    assert "nvitasjon" in based_on  # an earlier invitation of the office was used

    sharepoint = SharePointGateway(graph)
    site = await sharepoint.resolve_site("innkjop.example.no", "/sites/innkjop")
    folder = values["case_folder"]
    # The case already has a folder (2026-014 Skolemøbler): the invitation goes there, so
    # a later "oppsummer innspill skolemøbler" finds one case, not two; the office's own
    # earlier invitation in it stays as it was.
    assert folder == "Saker/2026-014 Skolemøbler"
    files = [e async for e in sharepoint.list_folder(site, folder)]
    docx_files = [f for f in files if f.name.endswith("Rammeavtale for skolemøbler.docx")]
    assert len(docx_files) == 1
    assert any(f.name == "Invitasjon til markedsdialog - Skolemøbler.docx" for f in files)
    xml_files = [f for f in files if f.name.endswith(" - eForms.xml")]
    assert len(xml_files) == 1
    notice = await sharepoint.download(site, xml_files[0].id)
    assert b'<cbc:SubTypeCode listName="notice-subtype">4</cbc:SubTypeCode>' in notice
    assert b"<cbc:CompanyID>821311632</cbc:CompanyID>" in notice
    document = Document(io.BytesIO(await sharepoint.download(site, docx_files[0].id)))
    headings = [
        p.text for p in document.paragraphs if p.style and p.style.name.startswith("Heading")
    ]
    for section in SECTIONS:
        assert any(section in h for h in headings), (section, headings)
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Hvilken prismodell anbefaler dere?" in text
    dates = [
        date(int(y), int(m), int(d))
        for cell in (c for t in document.tables for r in t.rows for c in r.cells)
        for d, m, y in _dates(cell.text)
    ]
    assert dates and all(is_working_day(d) for d in dates)

    mail = MailGateway(graph)
    drafts = [m async for m in mail.drafts(MAILBOX)]
    ours = [m for m in drafts if "skolemøbler" in m.subject.lower()]
    assert len(ours) == 1 and ours[0].has_attachments
    attached = await mail.attachments(MAILBOX, ours[0].id)
    assert [a.name for a in attached] == [docx_files[0].name]
    message = await graph.users.by_user_id(MAILBOX).messages.by_message_id(ours[0].id).get()
    assert message is not None and message.to_recipients is not None
    # The suppliers are in Bcc, so none of them sees who else was invited.
    to = {r.email_address.address for r in message.to_recipients if r.email_address}
    assert to == {MAILBOX}
    assert message.bcc_recipients is not None
    bcc = {r.email_address.address for r in message.bcc_recipients if r.email_address}
    assert "salg@nytt-firma.example.no" in bcc and len(bcc) == 8
    assert any(a.endswith("@gronn-innredning.example") for a in bcc if a)  # the saved list

    # Clicking again (a retry, or after changing the form) updates the same file and the
    # same Outlook draft: no second invitation, no second draft.
    changed = {**values, "need": "Skolene trenger nye elevpulter og stoler, og flere spesialrom."}
    status, body = await teams.invoke(
        teams.personal_chat, message_id, "market_dialogue.draft", {**changed, "origin": ""}
    )
    assert status == 200, body
    # The first draft is now in the library and the index, but the assistant's own
    # wording is never an example of the office's: only the office's invitation is used.
    based_on = next(t for t in card_texts(body["value"]) if t.startswith("Based on:"))
    assert "Skolemøbler.docx" in based_on or "Skolemøbler" in based_on, based_on
    assert "Rammeavtale for skolemøbler" not in based_on, based_on
    files = [e async for e in sharepoint.list_folder(site, folder)]
    again = [
        f for f in files if "Rammeavtale for skolemøbler" in f.name and f.name.endswith(".docx")
    ]
    assert [f.name for f in again] == [docx_files[0].name]
    updated = Document(io.BytesIO(await sharepoint.download(site, again[0].id)))
    assert "flere spesialrom" in "\n".join(p.text for p in updated.paragraphs)
    drafts = [m async for m in mail.drafts(MAILBOX)]
    ours = [m for m in drafts if "skolemøbler" in m.subject.lower()]
    assert len(ours) == 1
    attached = await mail.attachments(MAILBOX, ours[0].id)
    assert [a.name for a in attached] == [docx_files[0].name]
    assert b"flere spesialrom" not in attached[0].content  # a .docx is zipped: read it
    assert "flere spesialrom" in "\n".join(
        p.text for p in Document(io.BytesIO(attached[0].content)).paragraphs
    )

    # Once a person has saved the file (Word sets "last modified by" and the revision),
    # it is never overwritten: the next draft gets a name of its own.
    edited = Document(io.BytesIO(await sharepoint.download(site, again[0].id)))
    edited.core_properties.last_modified_by = "Ingrid Haugen"
    edited.core_properties.revision = 2
    edited.add_paragraph("Ingrids egen merknad.")
    buffer = io.BytesIO()
    edited.save(buffer)
    await sharepoint.upload(site, folder, again[0].name, buffer.getvalue())
    status, body = await teams.invoke(
        teams.personal_chat, message_id, "market_dialogue.draft", {**changed, "origin": ""}
    )
    assert status == 200, body
    names = {e.name async for e in sharepoint.list_folder(site, folder)}
    assert "Invitasjon til markedsdialog - Rammeavtale for skolemøbler (2).docx" in names
    # The next click replaces that "(2)" (the assistant's, untouched), not a "(3)".
    status, body = await teams.invoke(
        teams.personal_chat, message_id, "market_dialogue.draft", {**changed, "origin": ""}
    )
    assert status == 200, body
    names = {e.name async for e in sharepoint.list_folder(site, folder)}
    assert "Invitasjon til markedsdialog - Rammeavtale for skolemøbler (3).docx" not in names
    kept = Document(io.BytesIO(await sharepoint.download(site, again[0].id)))
    assert "Ingrids egen merknad." in [p.text for p in kept.paragraphs]

    # A colleague who edits the Outlook draft keeps the edit: the next click makes a new
    # draft instead of updating theirs.
    ours = [m async for m in mail.drafts(MAILBOX) if "skolemøbler" in m.subject.lower()]
    assert len(ours) == 1
    from msgraph.generated.models.body_type import BodyType
    from msgraph.generated.models.email_address import EmailAddress
    from msgraph.generated.models.item_body import ItemBody
    from msgraph.generated.models.message import Message
    from msgraph.generated.models.recipient import Recipient

    edited_body = "<p>Hei! Husk å melde dere på innen fristen. Hilsen Per</p>"
    await (
        graph.users.by_user_id(MAILBOX)
        .messages.by_message_id(ours[0].id)
        .patch(Message(body=ItemBody(content_type=BodyType.Html, content=edited_body)))
    )
    status, body = await teams.invoke(
        teams.personal_chat, message_id, "market_dialogue.draft", {**changed, "origin": ""}
    )
    assert status == 200, body
    drafts = [m async for m in mail.drafts(MAILBOX) if "skolemøbler" in m.subject.lower()]
    assert len(drafts) == 2
    assert any("Hilsen Per" in m.body for m in drafts)

    # So does one who only adds a supplier in Bcc: their draft keeps the extra supplier.
    fresh = next(m for m in drafts if "Hilsen Per" not in m.body)
    draft_api = graph.users.by_user_id(MAILBOX).messages.by_message_id(fresh.id)
    before = await draft_api.get()
    assert before is not None and before.bcc_recipients is not None
    extra = Recipient(email_address=EmailAddress(address="ny@leverandor.example.no"))
    await draft_api.patch(Message(bcc_recipients=[*before.bcc_recipients, extra]))
    status, body = await teams.invoke(
        teams.personal_chat, message_id, "market_dialogue.draft", {**changed, "origin": ""}
    )
    assert status == 200, body
    drafts = [m async for m in mail.drafts(MAILBOX) if "skolemøbler" in m.subject.lower()]
    assert len(drafts) == 3
    kept_draft = await draft_api.get()
    assert kept_draft is not None and kept_draft.bcc_recipients is not None
    kept_bcc = {r.email_address.address for r in kept_draft.bcc_recipients if r.email_address}
    assert "ny@leverandor.example.no" in kept_bcc


def _dates(text: str) -> list[tuple[str, str, str]]:
    import re

    return re.findall(r"\b(\d{2})\.(\d{2})\.(\d{4})\b", text)


async def test_start_new_procurement_from_a_contract_prefills_the_form(
    bot: BotProcess, tenant: TenantProcess, teams: TeamsClient
) -> None:
    await teams.send(teams.personal_chat, "help")
    anchor = await teams.wait_for(lambda e: card_of(e) is not None, within=30)
    status, body = await teams.invoke(
        teams.personal_chat,
        anchor["message"]["messageId"],
        "market_dialogue.start",
        {"contract_id": "2025-017"},
    )
    assert status == 200, body
    form = body["value"]
    inputs = _inputs(form)
    assert "IKT-drift" in inputs["title"]["value"]
    assert "2025-017" in inputs["need"]["value"]
    assert form["actions"][0]["data"] == {"origin": "2025-017"}


async def test_channel_mention_opens_the_form_in_the_thread(
    bot: BotProcess, tenant: TenantProcess, teams: TeamsClient
) -> None:
    await teams.send(
        teams.general_channel,
        "lag en invitasjon til markedsdialog om renholdstjenester, 800 000 kr",
        mention_bot=True,
    )

    def form_in_channel(event: dict[str, Any]) -> bool:
        card = card_of(event)
        return (
            card is not None
            and event["actionConversationId"].startswith(teams.general_channel)
            and "Market-dialogue invitation" in card_texts(card)
        )

    event = await teams.wait_for(form_in_channel, within=40)
    inputs = _inputs(card_of(event) or {})
    assert inputs["title"]["value"] == "Renholdstjenester"
    assert inputs["estimated_value_nok"]["value"] == 800_000
    assert inputs["kind"]["value"] == "services"
