"""A register list built in SharePoint with Norwegian column titles, read through
msgraph-sdk from the running local tenant: the columns are found by their titles, the
dates come as Oslo midnight in UTC, and writing back uses the list's internal names."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from graph.client import build_graph_client, close_graph_client
from graph.localtenant.demo import generate
from graph.settings import GraphSettings
from graph.sharepoint import SharePointGateway, SiteResolver
from skills.contracts.engine import upcoming
from skills.contracts.ledger import SqliteLedger
from skills.contracts.plugin import OptionActionsPlugin, OptionProposal, SharePointRegister
from skills.contracts.register import RegisterFormatError, read_rows
from skills.contracts.source import register_from_sharepoint
from skills.turn import Asker, asked_by
from tests.skills.contracts.test_register_real import EXPECTED, TODAY, WITHIN
from tests.support.tenant import DEMO_TODAY, TOKEN, TenantProcess

LIST = "kontraktsregister-import"
IN_THE_LIST = {"2024-101", "2024-102", "2024-103", "2025-201", "2025-202", "2025-203"}


@pytest.fixture
async def tenant(tmp_path: Path) -> AsyncIterator[tuple[SharePointGateway, Path]]:
    generate(tmp_path / "tenant", DEMO_TODAY)
    process = TenantProcess(tmp_path / "tenant").start()
    client = build_graph_client(GraphSettings(local_url=process.url, local_token=TOKEN))
    try:
        yield SharePointGateway(client), tmp_path / "tenant"
    finally:
        await close_graph_client(client)
        process.stop()


async def test_the_list_gives_the_same_deadlines_as_the_spreadsheet(
    tenant: tuple[SharePointGateway, Path],
) -> None:
    gateway, _ = tenant
    site = await gateway.resolve_site("innkjop.example.no", "/sites/innkjop")
    titles = await gateway.list_columns(site, LIST)
    assert titles["field_7"] == "Sluttdato" and titles["Leverand_x00f8_r"] == "Leverandør"
    # SharePoint's own columns (DocIcon is titled "Type") are not register columns.
    assert "DocIcon" not in titles and "Type" not in titles.values()
    register = await register_from_sharepoint(gateway, site, LIST)
    assert not register.errors
    found = [(d.due.isoformat(), d.contract_id, d.kind.value) for d in upcoming(
        register.contracts, TODAY, WITHIN)]  # fmt: skip
    assert found == [e for e in EXPECTED if e[1] in IN_THE_LIST]
    assert register.names["slutt"] == "field_7"
    assert register.names["avtaletype"] == "Avtaletype"
    assert register.column_notes("nb") == []
    # The problem about the missing notice period names the column as people see it.
    assert [(p.row, p.column) for p in register.unread] == [(5, "Oppsigelsestid")]


async def test_without_the_titles_the_list_is_not_guessed(
    tenant: tuple[SharePointGateway, Path],
) -> None:
    gateway, _ = tenant
    site = await gateway.resolve_site("innkjop.example.no", "/sites/innkjop")
    rows = [(n, i.fields, i.id) async for n, i in _numbered(gateway.read_items(site, LIST))]
    with pytest.raises(RegisterFormatError) as caught:
        read_rows(rows)  # internal names only: field_7 says nothing
    assert caught.value.missing == ("slutt",)
    assert "field_7" in caught.value.message("nb")


async def _numbered(items: AsyncIterator[Any]) -> AsyncIterator[tuple[int, Any]]:
    number = 0
    async for item in items:
        number += 1
        yield number, item


async def test_option_used_writes_the_lists_own_column_names(
    tenant: tuple[SharePointGateway, Path], tmp_path: Path
) -> None:
    gateway, data = tenant
    register = SharePointRegister(
        gateway, SiteResolver(gateway, "innkjop.example.no", "/sites/innkjop"), LIST
    )
    plugin = OptionActionsPlugin(register, SqliteLedger(tmp_path / "l.sqlite3"), lambda: TODAY)
    proposal = await plugin.propose_option("2025-203")
    assert isinstance(proposal, OptionProposal)
    assert proposal.new_end == date(2029, 2, 14)  # 14.08.2028 + 6 mnd
    with asked_by(Asker("0b1e8a52-3c4d-4e5f-8a9b-100000000006", "Jonas Lie")):
        done = await plugin.confirm_option("2025-203", "2029-02-14")
    assert isinstance(done, OptionProposal) and done.confirmed
    stored = json.loads(next(data.glob(f"sites/*/lists/{LIST}.json")).read_text())
    fields = next(i["fields"] for i in stored["items"] if i["id"] == "6")
    assert fields["field_7"] == "2029-02-14" and fields["Opsjoner"] == "6m"
    assert fields["Endringer"] == (
        "2026-12-01; opsjon brukt; slutt 2028-08-14 -> 2029-02-14; av Jonas Lie"
    )
    assert "slutt" not in fields and "opsjoner" not in fields
    # The second option counts from the original end: 14.08.2028 + 12 mnd.
    again = await plugin.propose_option("2025-203")
    assert isinstance(again, OptionProposal) and again.new_end == date(2029, 8, 14)
