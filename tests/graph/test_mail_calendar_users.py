"""Mail, calendar and users through msgraph-sdk against the running local tenant."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from msgraph.graph_service_client import GraphServiceClient

from graph.calendar import CalendarGateway
from graph.client import build_graph_client, close_graph_client
from graph.errors import AuthenticationError, ForbiddenError, NotFoundError
from graph.mail import DraftFile, MailGateway
from graph.settings import GraphSettings
from graph.users import UsersGateway
from tests.support.tenant import MAILBOX, TenantProcess

pytestmark = pytest.mark.timeout(120)


async def test_folder_messages_and_byte_exact_attachments(
    client: GraphServiceClient, tenant_data: tuple[Path, dict[str, Any]]
) -> None:
    mail = MailGateway(client)
    folder = await mail.folder_id(MAILBOX, "Innboks/Markedsdialog/2026-014 Skolemøbler")
    messages = [m async for m in mail.messages(MAILBOX, folder)]
    assert [m.subject for m in messages] == ["Innspill til markedsdialog"]
    assert messages[0].sender_address == "kari@kontormobel-nord.example"
    assert messages[0].has_attachments and "vedlagt" in messages[0].body
    (attachment,) = await mail.attachments(MAILBOX, messages[0].id)
    assert attachment.name == "Innspill.pdf" and attachment.content_type == "application/pdf"
    assert attachment.content == tenant_data[1]["attachment"]


async def test_unknown_folder_is_not_found(client: GraphServiceClient) -> None:
    with pytest.raises(NotFoundError, match="Finnes ikke"):
        await MailGateway(client).folder_id(MAILBOX, "Innboks/Finnes ikke")


async def test_draft_is_created_with_attachment_and_found_again(
    client: GraphServiceClient,
) -> None:
    mail = MailGateway(client)
    invitation = b"PK\x03\x04 docx bytes \x00\x01"
    draft = await mail.create_draft(
        MAILBOX,
        "Invitasjon til markedsdialog – skolemøbler",
        "<p>Hei! Se vedlagt invitasjon.</p>",
        ["salg@kontormobel-nord.example", "post@skolemiljo.example"],
        [DraftFile("Invitasjon.docx", "application/octet-stream", invitation)],
    )
    drafts = [m async for m in mail.drafts(MAILBOX)]
    assert [d.id for d in drafts] == [draft.id]
    assert drafts[0].subject == "Invitasjon til markedsdialog – skolemøbler"
    (attachment,) = await mail.attachments(MAILBOX, draft.id)
    assert attachment.content == invitation


async def test_draft_needs_mail_write_permission(
    client: GraphServiceClient, tenant: TenantProcess
) -> None:
    tenant.admin("POST", "faults", {"path": "/messages$", "method": "POST", "status": 403})
    with pytest.raises(ForbiddenError) as caught:
        await MailGateway(client).create_draft(MAILBOX, "x", "<p>x</p>", ["a@b.example"])
    assert caught.value.permission.startswith("Mail.ReadWrite")


async def test_calendar_event_is_idempotent(
    client: GraphServiceClient, tenant_data: tuple[Path, dict[str, Any]]
) -> None:
    calendar = CalendarGateway(client)
    user = "ingrid.haugen@innkjop.example.no"
    first = await calendar.upsert_all_day(
        user, "2026-014:option_notice", "Opsjonsfrist", date(2027, 3, 31), "<p>Frist</p>"
    )
    second = await calendar.upsert_all_day(
        user, "2026-014:option_notice", "Opsjonsfrist (endret)", date(2027, 3, 30), "<p>Ny</p>"
    )
    assert first.created and not second.created and first.id == second.id
    import json

    stored = json.loads(
        (tenant_data[0] / "calendars" / "0b1e8a52-3c4d-4e5f-8a9b-100000000001.json").read_text()
    )
    assert len(stored) == 1 and stored[0]["subject"] == "Opsjonsfrist (endret)"


async def test_users_resolve_by_upn_and_by_mail(client: GraphServiceClient) -> None:
    users = UsersGateway(client)
    ingrid = await users.resolve("ingrid.haugen@innkjop.example.no")
    assert ingrid.id == "0b1e8a52-3c4d-4e5f-8a9b-100000000001"
    lars = await users.resolve("lars.berg@innkjop.example.no")  # mail differs from the UPN
    assert lars.display_name == "Lars Berg"
    with pytest.raises(NotFoundError):
        await users.resolve("ukjent@innkjop.example.no")


async def test_wrong_token_is_an_authentication_error(tenant: TenantProcess) -> None:
    graph = build_graph_client(GraphSettings(local_url=tenant.url, local_token="wrong"))
    try:
        with pytest.raises(AuthenticationError):
            await UsersGateway(graph).resolve("ingrid.haugen@innkjop.example.no")
    finally:
        await close_graph_client(graph)


async def test_a_tenant_refusing_preferred_language_still_resolves_the_person(
    client: GraphServiceClient, tenant: TenantProcess
) -> None:
    """With only User.ReadBasic.All, asking for preferredLanguage may be refused: the person
    is read again with the basic profile instead of failing the reminder."""
    tenant.admin("POST", "faults", {"path": "/users/", "method": "GET", "status": 403})
    before = tenant.requests_made()
    ingrid = await UsersGateway(client).resolve("ingrid.haugen@innkjop.example.no")
    assert ingrid.id == "0b1e8a52-3c4d-4e5f-8a9b-100000000001"
    assert ingrid.preferred_language == ""
    assert tenant.requests_made() - before == 2
