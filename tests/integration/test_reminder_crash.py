"""Instances killed with SIGKILL while a reminder card is on its way: no reminder is
lost, and every repeat is marked as possibly repeated, with the ledger in SQLite and
in Table Storage (Azurite).

The connector stands in for Teams on loopback: it records each card, then holds the
response, so the instance is killed after the card arrived and before the ledger
says "sent": the send window the guarantee is about.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import pytest
from aiohttp import web
from aiohttp.test_utils import TestServer
from botbuilder.schema import ChannelAccount, ConversationAccount, ConversationReference

from bot.conversation_store import SqliteConversationStore
from tests.integration.test_reminders_loop import buttons, expected_for_ingrid
from tests.support.azurite import AzuriteTable
from tests.support.procs import BotProcess, more_ticks
from tests.support.tenant import DEMO_TODAY, TOKEN, TenantProcess

INGRID_AAD = "0b1e8a52-3c4d-4e5f-8a9b-100000000001"
MARK = "kan ha kommet før"
KILLS = 3
INSTANCES = 3


class SlowConnector:
    """Records every card at once, answers it only after `hold` seconds."""

    def __init__(self, hold: float) -> None:
        self.hold = hold
        self.cards: list[dict[str, Any]] = []
        self.arrived = asyncio.Event()
        app = web.Application()
        app.router.add_post("/v3/conversations/{cid}/activities", self.post)
        app.router.add_post("/v3/conversations/{cid}/activities/{aid}", self.post)
        self.server = TestServer(app, host="127.0.0.1")

    async def post(self, request: web.Request) -> web.Response:
        body = await request.json()
        for attachment in body.get("attachments") or []:
            self.cards.append(attachment["content"])
        self.arrived.set()
        await asyncio.sleep(self.hold)
        return web.json_response({"id": f"msg-{len(self.cards)}"}, status=201)


@pytest.fixture(params=["sqlite", "azurite"])
def ledger_env(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[dict[str, str]]:
    if request.param == "sqlite":
        yield {}
        return
    (tmp_path / "azurite").mkdir()
    server = AzuriteTable(tmp_path / "azurite").start()
    try:
        yield {"STATE_TABLE_CONNECTION_STRING": server.connection_string}
    finally:
        server.stop()


@pytest.fixture
async def connector() -> AsyncIterator[SlowConnector]:
    slow = SlowConnector(hold=2.0)
    await slow.server.start_server()
    yield slow
    await slow.server.close()


async def _ingrid_wrote_to_the_bot(state: Path, ledger_env: dict[str, str], url: str) -> None:
    """Ingrid's personal chat, as the bot stores it when she writes, pointing here."""
    reference = ConversationReference(
        user=ChannelAccount(id="user-id-0", aad_object_id=INGRID_AAD),
        bot=ChannelAccount(id="28:bot"),
        conversation=ConversationAccount(id="a:ingrid"),
        channel_id="msteams",
        service_url=url,
    )
    if "STATE_TABLE_CONNECTION_STRING" in ledger_env:
        from bot.conversation_table import TableConversationStore

        store = TableConversationStore.from_connection_string(
            ledger_env["STATE_TABLE_CONNECTION_STRING"]
        )
        try:
            await store.save(reference, "personal")
        finally:
            await store.close()
    else:
        await SqliteConversationStore(state).save(reference, "personal")


def _keys(card: dict[str, Any]) -> list[tuple[str, str]]:
    return [(b["data"]["contract_id"], b["data"]["kind"]) for b in buttons(card, "reminder.ack")]


async def test_killed_mid_send_no_reminder_is_lost_and_every_repeat_is_marked(
    tmp_path: Path,
    tenant: TenantProcess,
    connector: SlowConnector,
    ledger_env: dict[str, str],
) -> None:
    await _ingrid_wrote_to_the_bot(
        tmp_path / "state.sqlite3", ledger_env, str(connector.server.make_url("/"))
    )
    env = {
        "GRAPH_LOCAL_URL": tenant.url,
        "GRAPH_LOCAL_TOKEN": TOKEN,
        "ASSISTANT_TODAY": DEMO_TODAY.isoformat(),
        "REMINDER_INTERVAL_SECONDS": "1",
        "REMINDER_FIRST_DELAY_SECONDS": "0",
        "REMINDER_LEASE_SECONDS": "5",
        "REMINDER_DIGEST_WEEKDAY": "off",
        **ledger_env,
    }
    expected = expected_for_ingrid(tenant)
    assert len(expected) >= 2, "the demo register has several deadlines for Ingrid"

    # Three instances share the ledger. Whenever a card is held at the connector, all
    # three are killed with SIGKILL (the sender in its send window, the others wherever
    # they are) and three new ones start, KILLS times over.
    for _ in range(KILLS):
        connector.arrived.clear()
        victims = [BotProcess(tmp_path, env) for _ in range(INSTANCES)]
        await asyncio.gather(*(asyncio.to_thread(v.start) for v in victims))
        await asyncio.wait_for(connector.arrived.wait(), timeout=60)
        for victim in victims:
            assert victim.proc is not None
            victim.proc.kill()
        await asyncio.gather(*(asyncio.to_thread(v.proc.wait) for v in victims if v.proc))

    # Then three that live: the held cards are taken over once the lease ends.
    survivors = [BotProcess(tmp_path, env) for _ in range(INSTANCES)]
    try:
        await asyncio.gather(*(asyncio.to_thread(s.start) for s in survivors))
        deadline = asyncio.get_running_loop().time() + 60
        while asyncio.get_running_loop().time() < deadline:
            answered = len(connector.cards) > KILLS
            if answered and {k for c in connector.cards for k in _keys(c)} >= expected:
                break
            await asyncio.sleep(0.5)
        # A few more ticks of every survivor (a tick ends after its sends, held ones too):
        # nothing else may come.
        await more_ticks(survivors)
    finally:
        await asyncio.gather(*(asyncio.to_thread(s.stop) for s in survivors))

    seen: dict[tuple[str, str], int] = {}
    for card in connector.cards:
        marked = MARK in str(card)
        for key in _keys(card):
            seen[key] = seen.get(key, 0) + 1
            # A card after the first for a deadline is a repeat, and says so.
            assert marked or seen[key] == 1, (key, seen[key])
    assert set(seen) == expected  # no reminder lost, none for anyone else
    assert any(count > 1 for count in seen.values())  # the kills did cause repeats
    assert all(count <= KILLS + 1 for count in seen.values())
