"""The HTTP surface in-process: auth, bad input and size limits."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from aiohttp.test_utils import TestClient, TestServer

from bot.app import create_app
from bot.settings import Settings

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


async def client_for(settings: Settings) -> TestClient:  # type: ignore[type-arg]
    client = TestClient(TestServer(create_app(settings), host="127.0.0.1"))
    await client.start_server()
    return client


@pytest.fixture
async def local(tmp_path: Path) -> AsyncIterator[TestClient]:  # type: ignore[type-arg]
    client = await client_for(Settings(state_db=tmp_path / "s.sqlite3"))
    yield client
    await client.close()


@pytest.fixture
async def secured(tmp_path: Path) -> AsyncIterator[TestClient]:  # type: ignore[type-arg]
    settings = Settings(
        app_id="00000000-1111-2222-3333-444444444444",
        app_password="not-a-real-secret",
        app_type="SingleTenant",
        app_tenant_id="tenant-a",
        allowed_tenant_ids=frozenset({"tenant-a"}),
        state_db=tmp_path / "s.sqlite3",
    )
    client = await client_for(settings)
    yield client
    await client.close()


async def test_unsigned_request_gets_401_when_an_app_id_is_set(secured: TestClient) -> None:  # type: ignore[type-arg]
    response = await secured.post("/api/messages", json=ACTIVITY)
    assert response.status == 401
    health = await (await secured.get("/healthz")).json()
    assert health["auth"] is True


async def test_malformed_json_is_400_without_a_stack_trace(local: TestClient) -> None:  # type: ignore[type-arg]
    response = await local.post(
        "/api/messages", data=b"{not json", headers={"Content-Type": "application/json"}
    )
    assert response.status == 400
    body = await response.text()
    assert "Traceback" not in body and "not valid JSON" in body


@pytest.mark.parametrize("payload", [[1, 2], {"text": "no type"}, {"type": 5}])
async def test_json_that_is_not_an_activity_is_400(local: TestClient, payload: object) -> None:  # type: ignore[type-arg]
    response = await local.post("/api/messages", json=payload)
    assert response.status == 400


async def test_wrong_content_type_is_415(local: TestClient) -> None:  # type: ignore[type-arg]
    response = await local.post("/api/messages", data=b"hjelp")
    assert response.status == 415


async def test_oversized_body_is_413(local: TestClient) -> None:  # type: ignore[type-arg]
    big = dict(ACTIVITY, text="x" * (300 * 1024))
    response = await local.post("/api/messages", json=big)
    assert response.status == 413
    assert "Traceback" not in await response.text()


async def test_foreign_tenant_is_ignored_before_any_reply(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    settings = Settings(allowed_tenant_ids=frozenset({"tenant-a"}), state_db=tmp_path / "s.db")
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


async def test_healthz_reports_engine(local: TestClient) -> None:  # type: ignore[type-arg]
    body = await (await local.get("/healthz")).json()
    assert body == {"status": "ok", "engine": "offline", "auth": False}
