"""The HTTP surface in-process: auth, bad input and size limits."""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from aiohttp import web
from aiohttp.test_utils import TestClient, TestServer

from bot.app import create_app
from bot.conversation_store import SqliteConversationStore
from bot.http_guard import parse_connectors
from bot.settings import BotSettings, Settings, StateSettings
from tests.bot.test_proactive import ThrottlingConnector

# The app's test client, as aiohttp types it.
Client = TestClient[web.Request, web.Application]

CONNECTOR = "http://127.0.0.1:9/_connector"

ACTIVITY = {
    "type": "message",
    "id": "1",
    "text": "hjelp",
    "channelId": "msteams",
    "serviceUrl": "http://127.0.0.1:9/_connector",
    "from": {"id": "user"},
    "recipient": {"id": "bot"},
    "conversation": {"id": "conv", "tenantId": "tenant-a"},
}


async def client_for(settings: Settings) -> Client:
    client = TestClient(TestServer(create_app(settings), host="127.0.0.1"))
    await client.start_server()
    return client


@pytest.fixture
async def local(tmp_path: Path) -> AsyncIterator[Client]:
    client = await client_for(
        Settings(
            state=StateSettings(db=tmp_path / "s.sqlite3"),
            bot=BotSettings(local_connectors=parse_connectors(CONNECTOR)),
        )
    )
    yield client
    await client.close()


@pytest.fixture
async def secured(tmp_path: Path) -> AsyncIterator[Client]:
    settings = Settings(
        bot=BotSettings(
            app_id="00000000-1111-2222-3333-444444444444",
            app_password="not-a-real-secret",
            app_type="SingleTenant",
            app_tenant_id="tenant-a",
            allowed_tenant_ids=frozenset({"tenant-a"}),
        ),
        state=StateSettings(db=tmp_path / "s.sqlite3"),
    )
    client = await client_for(settings)
    yield client
    await client.close()


async def test_unsigned_request_gets_401_when_an_app_id_is_set(secured: Client) -> None:
    response = await secured.post("/api/messages", json=ACTIVITY)
    assert response.status == 401
    health = await (await secured.get("/healthz")).json()
    assert health["auth"] is True


async def test_malformed_json_is_400_without_a_stack_trace(local: Client) -> None:
    response = await local.post(
        "/api/messages", data=b"{not json", headers={"Content-Type": "application/json"}
    )
    assert response.status == 400
    body = await response.text()
    assert "Traceback" not in body and "not valid JSON" in body


@pytest.mark.parametrize("payload", [[1, 2], {"text": "no type"}, {"type": 5}])
async def test_json_that_is_not_an_activity_is_400(local: Client, payload: object) -> None:
    response = await local.post("/api/messages", json=payload)
    assert response.status == 400


async def test_wrong_content_type_is_415(local: Client) -> None:
    response = await local.post("/api/messages", data=b"hjelp")
    assert response.status == 415


async def test_oversized_body_is_413(local: Client) -> None:
    big = dict(ACTIVITY, text="x" * (300 * 1024))
    response = await local.post("/api/messages", json=big)
    assert response.status == 413
    assert "Traceback" not in await response.text()


async def test_foreign_tenant_is_ignored_before_any_reply(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    settings = Settings(
        bot=BotSettings(
            allowed_tenant_ids=frozenset({"tenant-a"}), local_connectors=parse_connectors(CONNECTOR)
        ),
        state=StateSettings(db=tmp_path / "s.db"),
    )
    client = await client_for(settings)
    try:
        foreign = dict(ACTIVITY, conversation={"id": "conv", "tenantId": "tenant-x"})
        with caplog.at_level(logging.WARNING):
            response = await client.post("/api/messages", json=foreign)
        # Accepted at the HTTP level, but nothing was sent to the (unreachable) connector:
        # a reply attempt would have failed the turn and logged an error.
        assert response.status in (200, 201)
        assert "tenant-x" in caplog.text and "not on ALLOWED_TENANT_IDS" in caplog.text
        assert "turn failed" not in caplog.text
    finally:
        await client.close()


async def test_healthz_reports_engine(local: Client) -> None:
    body = await (await local.get("/healthz")).json()
    assert body == {"status": "ok", "engine": "offline", "auth": False}


# --- local mode only for local callers, and no 500 for any body ----------------------


@pytest.mark.parametrize(
    "content_type",
    [
        "text/plain; x=application/json",  # what a web page may send cross-site unasked
        "application/x-www-form-urlencoded",
        "application/json; charset=latin-1",
        "application/json; charset=no-such-charset",
        "application/jsonp",
    ],
)
async def test_only_json_in_utf8_is_read(local: Client, content_type: str) -> None:
    body = json.dumps(ACTIVITY).encode()
    response = await local.post("/api/messages", data=body, headers={"Content-Type": content_type})
    assert response.status == 415
    assert (await response.json())["error"]["code"] == "UnsupportedMediaType"


async def test_json_with_a_utf8_charset_is_read(local: Client) -> None:
    other = dict(ACTIVITY, conversation={"id": "conv", "tenantId": "tenant-x"}, type="typing")
    response = await local.post(
        "/api/messages",
        data=json.dumps(other).encode(),
        headers={"Content-Type": "application/json; charset=UTF-8"},
    )
    assert response.status in (200, 201)


async def test_deeply_nested_json_is_400_in_a_small_body(
    local: Client,
    caplog: pytest.LogCaptureFixture,
) -> None:
    for body in ("[" * 980 + "]" * 980, '{"a":' * 500 + "1" + "}" * 500):
        with caplog.at_level(logging.INFO):
            response = await local.post(
                "/api/messages", data=body.encode(), headers={"Content-Type": "application/json"}
            )
        assert response.status == 400, body[:20]
        # Refused on the raw bytes, before the (recursive) JSON parser runs at all.
        assert "nests deeper than 64 levels" in await response.text()
    assert not any(r.exc_info for r in caplog.records)
    # Brackets inside strings are text, not nesting.
    text = dict(ACTIVITY, text="[" * 200 + "{" * 200)
    response = await local.post("/api/messages", json=text)
    assert response.status != 400 or "nests deeper" not in await response.text()


async def test_a_web_page_or_a_foreign_host_name_cannot_drive_local_mode(
    local: Client,
) -> None:
    with_origin = await local.post(
        "/api/messages", json=ACTIVITY, headers={"Origin": "https://evil.example"}
    )
    assert with_origin.status == 403
    rebound = await local.post("/api/messages", json=ACTIVITY, headers={"Host": "evil.example"})
    assert rebound.status == 403  # DNS rebinding: a loopback address under a foreign name
    no_url = {k: v for k, v in ACTIVITY.items() if k != "serviceUrl"}
    assert (await local.post("/api/messages", json=no_url)).status == 400


async def test_local_mode_replies_only_to_allowed_connectors(tmp_path: Path) -> None:
    """A second local port stands in for a foreign host: the activity naming it is
    refused, nothing is posted there, and no conversation is remembered for it."""
    received: list[str] = []

    async def connector(request: web.Request) -> web.Response:
        received.append(request.path)
        return web.json_response({"id": "x"})

    stranger = web.Application()
    stranger.router.add_post("/{tail:.*}", connector)
    other = TestServer(stranger, host="127.0.0.1")
    await other.start_server()
    state = tmp_path / "s.sqlite3"
    client = await client_for(
        Settings(
            state=StateSettings(db=state),
            bot=BotSettings(local_connectors=parse_connectors("http://127.0.0.1:9")),
        )
    )
    try:
        activity = dict(ACTIVITY, serviceUrl=str(other.make_url("/_connector")))
        response = await client.post("/api/messages", json=activity)
        assert response.status == 403
        assert "LOCAL_CONNECTOR_URLS" in (await response.json())["error"]["message"]
        await asyncio.sleep(0.2)
        assert received == []
        assert await SqliteConversationStore(state).all() == []
    finally:
        await client.close()
        await other.close()


def test_connector_urls_match_scheme_host_port_and_path() -> None:
    allowed = parse_connectors("http://127.0.0.1:56150, http://localhost:*/_connector")
    assert any(c.allows("http://127.0.0.1:56150/_connector") for c in allowed)
    assert any(c.allows("http://localhost:4000/_connector/v3") for c in allowed)
    for url in (
        "http://127.0.0.1:56151/",  # another port
        "https://127.0.0.1:56150/",  # another scheme
        "http://127.0.0.1:56150@evil.example/",  # user-info trick: the host is evil.example
        "http://localhost:4000/elsewhere",  # outside the path
        "http://127.0.0.2:56150/",
        "not a url",
    ):
        assert not any(c.allows(url) for c in allowed), url
    with pytest.raises(ValueError):
        parse_connectors("ftp://127.0.0.1")


async def test_an_unchanged_conversation_reference_is_not_written_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    saves: list[str | None] = []
    original = SqliteConversationStore.save

    async def counted(self: SqliteConversationStore, *args: object, **kwargs: object) -> str:
        saves.append(str(args[-1]) if args else None)
        return await original(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(SqliteConversationStore, "save", counted)
    sink = ThrottlingConnector([])  # takes the bot's replies
    await sink.server.start_server()
    service_url = str(sink.server.make_url("/"))
    client = await client_for(
        Settings(
            state=StateSettings(db=tmp_path / "s.sqlite3"),
            bot=BotSettings(local_connectors=parse_connectors(service_url.rstrip("/"))),
        )
    )
    try:
        update = dict(ACTIVITY, type="conversationUpdate", text=None, serviceUrl=service_url)
        for _ in range(3):
            assert (await client.post("/api/messages", json=update)).status in (200, 201)
        assert len(saves) == 1
        # Messages: every one has its own id, in its reference too; that is no change.
        for n in range(3):
            sent = dict(update, type="message", id=f"message-{n}", text="hjelp")
            assert (await client.post("/api/messages", json=sent)).status in (200, 201)
        assert len(saves) == 1
        # A change (here the user's Teams locale) is written.
        changed = dict(update, locale="nn-NO")
        assert (await client.post("/api/messages", json=changed)).status in (200, 201)
        assert len(saves) == 2
        assert sink.received  # the messages were answered
    finally:
        await client.close()
        await sink.server.close()
    stored = await SqliteConversationStore(tmp_path / "s.sqlite3").get("conv")
    assert stored is not None and stored.locale == "nn-NO"
