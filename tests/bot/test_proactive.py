"""Proactive sends through the real CloudAdapter to a connector on loopback that throttles."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from aiohttp import web
from aiohttp.test_utils import TestServer
from botbuilder.schema import ChannelAccount, ConversationAccount, ConversationReference

from bot.app import build_adapter
from bot.conversation_store import SqliteConversationStore
from bot.proactive import MAX_RETRY_AFTER_SECONDS, ProactiveMessenger, UnknownConversationError
from bot.settings import Settings, StateSettings


class ThrottlingConnector:
    def __init__(self, statuses: list[int]) -> None:
        self.statuses = statuses
        self.retry_after = "0"  # the Retry-After header sent with each 429
        self.received: list[dict[str, Any]] = []
        self.paths: list[str] = []
        app = web.Application()
        self.created: list[dict[str, Any]] = []
        app.router.add_post("/v3/conversations", self.create)
        app.router.add_post("/v3/conversations/{cid}/activities", self.post)
        app.router.add_post("/v3/conversations/{cid}/activities/{aid}", self.post)
        self.server = TestServer(app, host="127.0.0.1")

    async def create(self, request: web.Request) -> web.Response:
        self.created.append(await request.json())
        return web.json_response({"id": f"a:new-chat-{len(self.created)}"}, status=201)

    async def post(self, request: web.Request) -> web.Response:
        self.paths.append(request.path)
        self.received.append(await request.json())
        status = self.statuses.pop(0) if self.statuses else 201
        if status == 201:
            return web.json_response({"id": f"msg-{len(self.received)}"}, status=201)
        return web.json_response(
            {"error": {"code": "Throttled", "message": "slow down"}},
            status=status,
            headers={"Retry-After": self.retry_after} if status == 429 else {},
        )


@pytest.fixture
async def connector() -> AsyncIterator[ThrottlingConnector]:
    fake = ThrottlingConnector([])
    await fake.server.start_server()
    yield fake
    await fake.server.close()


async def messenger_for(
    tmp_path: Path, connector: ThrottlingConnector, attempts: int = 5
) -> tuple[ProactiveMessenger, list[float]]:
    store = SqliteConversationStore(tmp_path / "s.db")
    await store.save(
        ConversationReference(
            user=ChannelAccount(id="29:u", aad_object_id="aad-u"),
            bot=ChannelAccount(id="28:bot"),
            conversation=ConversationAccount(id="a:chat"),
            channel_id="msteams",
            service_url=f"http://127.0.0.1:{connector.server.port}/",
        ),
        "personal",
    )
    sleeps: list[float] = []

    async def no_wait(seconds: float) -> None:
        sleeps.append(seconds)

    adapter = build_adapter(Settings(state=StateSettings(db=tmp_path / "s.db")))
    return ProactiveMessenger(adapter, store, "", attempts=attempts, sleep=no_wait), sleeps


async def test_throttled_send_is_retried_with_backoff(
    tmp_path: Path, connector: ThrottlingConnector
) -> None:
    connector.statuses[:] = [429, 502, 201]
    messenger, sleeps = await messenger_for(tmp_path, connector)
    message_id = await messenger.send_to_user("aad-u", "Påminnelse")
    assert message_id == "msg-3"
    assert len(connector.received) == 3 and connector.received[-1]["text"] == "Påminnelse"
    assert len(sleeps) == 2 and sleeps[1] >= 1.0  # 0.5 s doubled, plus jitter


async def test_gives_up_after_the_last_attempt(
    tmp_path: Path, connector: ThrottlingConnector
) -> None:
    connector.statuses[:] = [429, 429, 429]
    messenger, _ = await messenger_for(tmp_path, connector, attempts=3)
    with pytest.raises(Exception, match="Throttled|429|slow down"):
        await messenger.send_to_conversation("a:chat", "x")
    assert len(connector.received) == 3


async def test_retry_after_longer_than_the_cap_fails_the_send_at_once(
    tmp_path: Path, connector: ThrottlingConnector
) -> None:
    """Waiting out an hour's Retry-After would outlast the ledger's lease and let another
    instance send the reminder too: the send fails now and is retried on a later tick."""
    connector.statuses[:] = [429, 201]
    connector.retry_after = "3600"
    messenger, sleeps = await messenger_for(tmp_path, connector)
    with pytest.raises(Exception, match="Throttled|429|slow down"):
        await messenger.send_to_conversation("a:chat", "x")
    assert len(connector.received) == 1 and sleeps == []


async def test_retry_after_within_the_cap_is_honoured_and_never_exceeds_it(
    tmp_path: Path, connector: ThrottlingConnector
) -> None:
    connector.statuses[:] = [429, 429, 201]
    connector.retry_after = "55"
    messenger, sleeps = await messenger_for(tmp_path, connector)
    assert await messenger.send_to_conversation("a:chat", "x") == "msg-3"
    assert len(sleeps) == 2 and all(55 <= s <= MAX_RETRY_AFTER_SECONDS for s in sleeps)
    assert MAX_RETRY_AFTER_SECONDS <= 60


async def test_client_errors_are_not_retried(
    tmp_path: Path, connector: ThrottlingConnector
) -> None:
    connector.statuses[:] = [403]
    messenger, sleeps = await messenger_for(tmp_path, connector)
    with pytest.raises(Exception):  # noqa: B017 - the connector's own error type
        await messenger.send_to_conversation("a:chat", "x")
    assert len(connector.received) == 1 and sleeps == []


async def test_unknown_targets_are_reported(tmp_path: Path, connector: ThrottlingConnector) -> None:
    messenger, _ = await messenger_for(tmp_path, connector)
    with pytest.raises(UnknownConversationError):
        await messenger.send_to_conversation("never-seen", "x")
    empty = SqliteConversationStore(tmp_path / "empty.db")
    lonely = ProactiveMessenger(
        build_adapter(Settings(state=StateSettings(db=tmp_path / "e.db"))), empty, ""
    )
    with pytest.raises(UnknownConversationError, match="installed first"):
        await lonely.send_to_user("never-seen", "x")


async def store_with_a_channel(
    tmp_path: Path, connector: ThrottlingConnector
) -> SqliteConversationStore:
    """A store that knows only a team channel: the template a personal chat opens from."""
    store = SqliteConversationStore(tmp_path / "s.db")
    await store.save(
        ConversationReference(
            bot=ChannelAccount(id="28:bot", name="Assistenten"),
            conversation=ConversationAccount(id="19:general@thread.tacv2"),
            channel_id="msteams",
            service_url=f"http://127.0.0.1:{connector.server.port}/",
        ),
        "channel",
        "tenant-a",
    )
    return store


async def test_a_personal_chat_is_opened_when_none_is_stored(
    tmp_path: Path, connector: ThrottlingConnector
) -> None:
    store = await store_with_a_channel(tmp_path, connector)
    adapter = build_adapter(Settings(state=StateSettings(db=tmp_path / "s.db")))
    messenger = ProactiveMessenger(adapter, store, "")
    assert await messenger.send_to_user("aad-new", "Påminnelse", "tenant-a") == "msg-1"
    (created,) = connector.created
    assert created["members"][0]["id"] == "aad-new" and created["isGroup"] is False
    # Teams reads the tenant from channelData (botbuilder spells the top-level key tenantID).
    assert created["channelData"] == {"tenant": {"id": "tenant-a"}}
    assert created["bot"]["id"] == "28:bot"
    assert len(connector.paths) == 1
    assert connector.paths[0].startswith("/v3/conversations/a:new-chat-1/activities")
    # The new chat is remembered: the next reminder goes straight to it.
    await messenger.send_to_user("aad-new", "Igjen", "tenant-a")
    assert len(connector.created) == 1 and connector.paths[-1].startswith("/v3/conversations/a:new")
    assert (await store.personal_chat_of("aad-new")) is not None


async def test_in_local_mode_no_chat_is_opened_with_a_user_who_never_wrote(
    tmp_path: Path, connector: ThrottlingConnector
) -> None:
    store = await store_with_a_channel(tmp_path, connector)
    adapter = build_adapter(Settings(state=StateSettings(db=tmp_path / "s.db")))
    messenger = ProactiveMessenger(adapter, store, "", open_chats=False)
    with pytest.raises(UnknownConversationError, match="local mode"):
        await messenger.send_to_user("aad-new", "Påminnelse", "tenant-a")
    assert connector.created == [] and connector.paths == []
