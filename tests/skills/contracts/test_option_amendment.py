"""Option used writes the amendment to `endringer` through msgraph-sdk to the local tenant."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from graph.client import build_graph_client, close_graph_client
from graph.localtenant.demo import generate
from graph.settings import GraphSettings
from graph.sharepoint import SharePointGateway, SiteResolver
from skills.contracts.calendar import add_months, parse_date
from skills.contracts.ledger import SqliteLedger
from skills.contracts.model import Amendment
from skills.contracts.ocds import to_ocds
from skills.contracts.plugin import OptionActionsPlugin, OptionProblem, SharePointRegister
from skills.contracts.register import parse_options
from skills.i18n import speaking
from skills.turn import Asker, asked_by
from tests.support.tenant import TOKEN, TenantProcess

TODAY = date(2026, 11, 25)
BY_HAND = "01.02.2025; prisjustering etter konsumprisindeks"


@dataclass
class Setup:
    plugin: OptionActionsPlugin
    register: SharePointRegister
    path: Path
    item: dict[str, Any]


@pytest.fixture
async def setup(tmp_path: Path) -> AsyncIterator[Setup]:
    data = tmp_path / "tenant"
    generate(data, TODAY)
    path = next((data / "sites").glob("*/lists/kontraktsregister.json"))
    register_json = json.loads(path.read_text())
    item = next(
        i
        for i in register_json["items"]
        if len(i["fields"]["opsjoner"].split("+")) >= 2
        and (i["fields"]["status"] or "aktiv") == "aktiv"
        and "x" not in i["fields"]["opsjoner"]
    )
    item["fields"]["endringer"] = BY_HAND  # an earlier line someone typed in SharePoint
    path.write_text(json.dumps(register_json))
    tenant = TenantProcess(data).start()
    client = build_graph_client(GraphSettings(local_url=tenant.url, local_token=TOKEN))
    register = SharePointRegister(
        SharePointGateway(client),
        SiteResolver(SharePointGateway(client), "innkjop.example.no", "/sites/innkjop"),
        "kontraktsregister",
    )
    plugin = OptionActionsPlugin(register, SqliteLedger(tmp_path / "ledger.sqlite3"), lambda: TODAY)
    try:
        yield Setup(plugin, register, path, item)
    finally:
        await close_graph_client(client)
        tenant.stop()


def _stored(setup: Setup) -> dict[str, Any]:
    items = json.loads(setup.path.read_text())["items"]
    found: dict[str, Any] = next(i for i in items if i["id"] == setup.item["id"])
    return found


async def test_each_confirmed_option_appends_one_amendment(setup: Setup) -> None:
    fields = setup.item["fields"]
    contract_id = fields["kontrakt_id"]
    options = parse_options(fields["opsjoner"])
    end0 = parse_date(fields["slutt"])
    end1 = add_months(end0, options[0])
    end2 = add_months(end1, options[1])

    # Proposing writes nothing.
    await setup.plugin.propose_option(contract_id)
    stored = next(
        i for i in json.loads(setup.path.read_text())["items"] if i["id"] == setup.item["id"]
    )
    assert stored["fields"]["endringer"] == BY_HAND

    with asked_by(Asker("0b1e8a52-3c4d-4e5f-8a9b-100000000001", "Ingrid Haugen")):
        await setup.plugin.confirm_option(contract_id, end1.isoformat())
    with asked_by(Asker("0b1e8a52-3c4d-4e5f-8a9b-100000000002", "Lars Berg")):
        await setup.plugin.confirm_option(contract_id, end2.isoformat())

    stored = next(
        i for i in json.loads(setup.path.read_text())["items"] if i["id"] == setup.item["id"]
    )
    assert stored["fields"]["endringer"].splitlines() == [
        BY_HAND,
        f"2026-11-25; opsjon brukt; slutt {end0.isoformat()} -> {end1.isoformat()}; "
        "av Ingrid Haugen",
        f"2026-11-25; opsjon brukt; slutt {end1.isoformat()} -> {end2.isoformat()}; av Lars Berg",
    ]
    assert stored["fields"]["slutt"] == end2.isoformat()

    # Read back through the register (delta), the amendments are on the contract...
    contract = next(
        c for c in (await setup.register.load()).contracts if c.contract_id == contract_id
    )
    assert contract.amendments == (
        Amendment(date(2025, 2, 1), "prisjustering etter konsumprisindeks"),
        Amendment(TODAY, "opsjon brukt", end0, end1, "Ingrid Haugen"),
        Amendment(TODAY, "opsjon brukt", end1, end2, "Lars Berg"),
    )
    # ...and in its OCDS export.
    exported = to_ocds(contract)
    assert [a["rationale"] for a in exported["amendments"]][1:] == ["opsjon brukt"] * 2
    assert exported["period"]["endDate"].startswith(f"{end2.isoformat()}T23:59:59+0")


async def test_a_stale_confirmation_writes_no_amendment(setup: Setup) -> None:
    fields = setup.item["fields"]
    with speaking("en"):
        result = await setup.plugin.confirm_option(fields["kontrakt_id"], "1999-01-01")
    assert isinstance(result, OptionProblem)
    assert "changed since the proposal, so nothing was written" in result.text
    stored = next(
        i for i in json.loads(setup.path.read_text())["items"] if i["id"] == setup.item["id"]
    )
    assert stored["fields"]["endringer"] == BY_HAND and stored["fields"] == fields
