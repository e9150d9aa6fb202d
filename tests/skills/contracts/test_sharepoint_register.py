"""The demo tenant's register, read through msgraph-sdk from the running local tenant."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import date
from pathlib import Path

import pytest

from graph.client import build_graph_client, close_graph_client
from graph.localtenant.demo import generate
from graph.settings import GraphSettings
from graph.sharepoint import SharePointGateway
from skills.contracts.engine import upcoming
from skills.contracts.source import register_from_sharepoint
from tests.support.tenant import TOKEN, TenantProcess

TODAY = date(2026, 11, 25)


@pytest.fixture
async def gateway(tmp_path: Path) -> AsyncIterator[SharePointGateway]:
    generate(tmp_path / "tenant", TODAY)
    tenant = TenantProcess(tmp_path / "tenant").start()
    client = build_graph_client(GraphSettings(local_url=tenant.url, local_token=TOKEN))
    try:
        yield SharePointGateway(client)
    finally:
        await close_graph_client(client)
        tenant.stop()


async def test_demo_register_has_deadlines_soon_and_reports_bad_rows(
    gateway: SharePointGateway,
) -> None:
    site = await gateway.resolve_site("innkjop.example.no", "/sites/innkjop")
    register = await register_from_sharepoint(gateway, site, "kontraktsregister")
    assert len(register.contracts) + len(register.errors) == 40
    # A bad end date leaves its row out; impossible options and a bad org.nr cost only
    # that field, so those contracts keep their expiry.
    assert [e.value for e in register.errors] == ["31.13.2025"]
    assert sorted(p.column for p in register.unread) == ["Opsjoner", "Org.nr."]
    soon = upcoming(register.contracts, TODAY, 14)
    assert len(soon) >= 3
    assert all(c.item_id for c in register.contracts)
    owners = {c.owner for c in register.contracts}
    assert "ingrid.haugen@innkjop.example.no" in owners and len(owners) == 6
