"""`make run` starts the local tenant with `--browse`: the links in cards and replies
(a register row, a case document, an Outlook draft) open read-only pages of the tenant
instead of the made-up SharePoint host. Read through msgraph-sdk as the bot reads them,
then fetched as a browser would."""

from __future__ import annotations

import urllib.error
import urllib.request
from collections.abc import AsyncIterator
from datetime import date
from pathlib import Path

import pytest

from graph.client import build_graph_client, close_graph_client
from graph.localtenant.demo import generate
from graph.mail import DraftFile, MailGateway
from graph.settings import GraphSettings
from graph.sharepoint import SharePointGateway, SiteRef, SiteResolver
from skills.contracts.plugin import SharePointRegister
from tests.support.tenant import TOKEN, TenantProcess

TODAY = date(2026, 11, 25)
MAILBOX = "postmottak-innkjop@innkjop.example.no"


def fetch(url: str) -> tuple[int, str, bytes]:
    request = urllib.request.Request(url)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.headers.get("Content-Type", ""), response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers.get("Content-Type", ""), error.read()


@pytest.fixture
async def tenant(tmp_path: Path) -> AsyncIterator[TenantProcess]:
    generate(tmp_path / "tenant", TODAY)
    process = TenantProcess(tmp_path / "tenant", "--browse").start()
    try:
        yield process
    finally:
        process.stop()


async def test_links_open_pages_of_the_local_tenant(tenant: TenantProcess) -> None:
    graph = build_graph_client(GraphSettings(local_url=tenant.url, local_token=TOKEN))
    try:
        gateway = SharePointGateway(graph)
        site = await gateway.resolve_site("innkjop.example.no", "/sites/innkjop")
        assert site.web_url == f"{tenant.url}/_web/sites/innkjop"
        # The register row behind "Åpne i SharePoint": the import list's first row.
        register = SharePointRegister(
            gateway,
            SiteResolver(gateway, "innkjop.example.no", "/sites/innkjop"),
            "kontraktsregister-import",
        )
        contract = next(c for c in (await register.load()).contracts if c.contract_id == "2024-101")
        status, kind, page = fetch(register.item_url(contract))
        text = page.decode()
        assert status == 200 and kind.startswith("text/html")
        assert "<th>Leverandør</th><td>Kontormøbel Nord AS</td>" in text
        assert "<th>Kontrakt-ID</th><td>2024-101</td>" in text
        # A document in a case folder: the file itself, byte for byte.
        await _a_document_opens(gateway, site, tenant)
        # An unknown row is a clear 404, not an empty page.
        status, _, page = fetch(register.item_url(contract).replace("ID=1", "ID=999"))
        assert status == 404 and "Finner ikke rad 999" in page.decode()

        # The Outlook draft the market dialogue makes: its page shows what was written,
        # mail HTML sandboxed (no script runs on the tenant's origin).
        mail = MailGateway(graph)
        draft = await mail.create_draft(
            MAILBOX,
            "Invitasjon til markedsdialog – Skolemøbler",
            "<p>Hei!</p><script>alert(1)</script>",
            ["post@kontormobel.example.no"],
            [DraftFile("invitasjon.docx", "application/octet-stream", b"PK\x03\x04 docx")],
        )
        assert draft.web_link.startswith(f"{tenant.url}/_web/mail/")
        status, _, page = fetch(draft.web_link)
        text = page.decode()
        assert status == 200 and "Invitasjon til markedsdialog – Skolemøbler" in text
        assert "Utkast (ikke sendt)" in text and "post@kontormobel.example.no" in text
        assert "<iframe sandbox srcdoc=" in text and "<script>" not in text
        assert "invitasjon.docx" in text
    finally:
        await close_graph_client(graph)


async def _a_document_opens(
    gateway: SharePointGateway, site: SiteRef, tenant: TenantProcess
) -> None:
    root = [e async for e in gateway.list_folder(site, "")]
    folder = next(e for e in root if e.is_folder)
    status, kind, page = fetch(folder.web_url)
    assert status == 200 and kind.startswith("text/html")
    files = [e async for e in gateway.list_folder(site, folder.name) if not e.is_folder]
    if not files:  # a folder of folders: one level down
        inner = [e async for e in gateway.list_folder(site, folder.name) if e.is_folder][0]
        files = [
            e
            async for e in gateway.list_folder(site, f"{folder.name}/{inner.name}")
            if not e.is_folder
        ]
    document = files[0]
    # Percent-encoded, as SharePoint gives it ("Delte%20dokumenter/Leverand%C3%B8r…").
    assert document.web_url.startswith(f"{tenant.url}/_web/sites/innkjop/Delte%20dokumenter/")
    status, _, body = fetch(document.web_url)
    assert status == 200
    assert body == await gateway.download(site, document.id)
