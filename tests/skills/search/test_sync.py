"""Syncing the demo tenant's library into the index, through msgraph-sdk and the real local
tenant: only new and changed files are downloaded, deleted files leave the index and an
unreadable file is listed while the rest is indexed."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pytest

from graph.client import build_graph_client, close_graph_client
from graph.localtenant.demo import SITE_ID, generate
from graph.localtenant.docxwrite import render_docx
from graph.settings import GraphSettings
from graph.sharepoint import SharePointGateway, SiteRef
from skills.search.local_index import LocalIndex
from skills.search.sync import sync_library
from tests.support.tenant import DEMO_TODAY, TOKEN, TenantProcess

FOLDERS = ["Maler", "Saker"]
DEMO_FILES = 16  # .docx and .pdf below Maler/ and Saker/ in the demo library
SKOLEMOBLER = "Saker/2026-014 Skolemøbler"
TEMPLATE = "Maler/Mal - Invitasjon til markedsdialog.docx"


@dataclass
class Library:
    tenant: TenantProcess
    gateway: SharePointGateway
    site: SiteRef
    index: LocalIndex

    def downloads(self) -> int:
        routes = self.tenant.admin("GET", "stats")["byRoute"]
        return sum(n for route, n in routes.items() if route.endswith("/content"))


def _drive(tenant_dir: Path) -> Path:
    return tenant_dir / "sites" / SITE_ID / "drive" / "root"


@pytest.fixture
async def library(tmp_path: Path) -> AsyncIterator[Library]:
    generate(tmp_path / "tenant", DEMO_TODAY)
    (_drive(tmp_path / "tenant") / "Saker" / "Notat.txt").write_text("ikke indeksert")
    tenant = TenantProcess(tmp_path / "tenant").start()
    client = build_graph_client(GraphSettings(local_url=tenant.url, local_token=TOKEN))
    index = LocalIndex(tmp_path / "index.sqlite3")
    try:
        gateway = SharePointGateway(client)
        site = await gateway.resolve_site("innkjop.example.no", "/sites/innkjop")
        yield Library(tenant, gateway, site, index)
    finally:
        await index.close()
        await close_graph_client(client)
        tenant.stop()


def _docx(*paragraphs: str) -> bytes:
    blocks = [("h1", "Mal – invitasjon til markedsdialog"), *(("p", p) for p in paragraphs)]
    return render_docx(blocks, title="Mal", author="Test", created=datetime(2026, 1, 1, tzinfo=UTC))


async def test_first_sync_indexes_the_library_and_lists_the_broken_file(library: Library) -> None:
    broken = b"%PDF-1.7\n1 0 obj <</Type /Catalog" + b"\x00" * 300
    await library.gateway.upload(library.site, SKOLEMOBLER, "Skadet innspill.pdf", broken)
    result = await sync_library(library.gateway, library.site, FOLDERS, library.index)
    assert (result.added, result.updated, result.deleted, result.unchanged) == (DEMO_FILES, 0, 0, 0)
    assert result.unreadable == [("Saker/2026-014 Skolemøbler/Skadet innspill.pdf", "broken")]
    versions = await library.index.versions()
    assert len(versions) == DEMO_FILES

    hits = await library.index.search("invitasjonen til markedsdialogen om skolemøblene")
    assert (
        hits[0].path == "Saker/2026-014 Skolemøbler/Invitasjon til markedsdialog - Skolemøbler.docx"
    )
    assert hits[0].url.startswith("https://innkjop.example.no/sites/innkjop/")
    renhold = await library.index.search("renholdstjenestene", top=3)
    assert all("Renholdstjenester" in h.path for h in renhold) and renhold


async def test_only_changed_files_are_downloaded_and_deleted_ones_leave(library: Library) -> None:
    await sync_library(library.gateway, library.site, FOLDERS, library.index)

    library.tenant.admin("POST", "stats/reset")
    again = await sync_library(library.gateway, library.site, FOLDERS, library.index)
    assert (again.added, again.updated, again.deleted, again.unchanged) == (0, 0, 0, DEMO_FILES)
    assert library.downloads() == 0

    new_template = _docx("Leverandørene inviteres til å gi innspill om snøbrøytingen.")
    await library.gateway.upload(library.site, "Maler", TEMPLATE.split("/")[1], new_template)
    library.tenant.admin("POST", "stats/reset")
    changed = await sync_library(library.gateway, library.site, FOLDERS, library.index)
    assert (changed.added, changed.updated, changed.unchanged) == (0, 1, DEMO_FILES - 1)
    assert library.downloads() == 1
    hits = await library.index.search("snøbrøyting")
    assert [h.path for h in hits] == [TEMPLATE]

    folder = "Saker/2025-040 Elevtransport"
    gone = [e async for e in library.gateway.list_folder(library.site, folder)][0]
    await library.gateway.delete_item(library.site, gone.id)
    deleted = await sync_library(library.gateway, library.site, FOLDERS, library.index)
    assert (deleted.added, deleted.updated, deleted.deleted) == (0, 0, 1)
    assert gone.id not in await library.index.versions()
    assert all("Elevtransport" not in h.path for h in await library.index.search("ekspressbuss"))


async def test_a_file_that_becomes_unreadable_leaves_the_index(library: Library) -> None:
    await sync_library(library.gateway, library.site, FOLDERS, library.index)
    await library.gateway.upload(library.site, "Maler", TEMPLATE.split("/")[1], b"")
    result = await sync_library(library.gateway, library.site, FOLDERS, library.index)
    assert (TEMPLATE, "empty") in result.unreadable
    assert result.deleted == 1 and result.unchanged == DEMO_FILES - 1
    assert all(h.path != TEMPLATE for h in await library.index.search("mal invitasjon"))


async def test_only_the_given_folders_are_indexed(library: Library) -> None:
    result = await sync_library(library.gateway, library.site, ["Maler"], library.index)
    assert result.added == 1 and result.unreadable == []
    assert [h.path for h in await library.index.search("markedsdialog")] == [TEMPLATE]
