"""Clients that hold connections or tokens are closed once, with what they were built on."""

from __future__ import annotations

import contextlib

import pytest
from azure.core.credentials import AccessToken

import graph.client as graph_client
from bot.routing import build_chat_service
from bot.settings import ModelSettings
from graph.settings import GraphSettings


class Credential:
    def __init__(self) -> None:
        self.closed = 0

    async def get_token(self, *scopes: str, **kwargs: object) -> AccessToken:
        return AccessToken("token", 0)

    async def close(self) -> None:
        self.closed += 1

    async def __aenter__(self) -> Credential:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.close()


async def test_a_real_tenant_client_closes_its_credential_once(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    credential = Credential()
    monkeypatch.setattr(graph_client, "build_credential", lambda settings: credential)
    settings = GraphSettings(tenant_id="t", client_id="c", client_secret="s")
    client = graph_client.build_graph_client(settings)
    await graph_client.close_graph_client(client)
    await graph_client.close_graph_client(client)
    assert credential.closed == 1


async def test_the_model_client_is_closed_with_the_services() -> None:
    resources = contextlib.AsyncExitStack()
    model = ModelSettings("openai_compatible", "http://127.0.0.1:9/v1", "gpt-test")
    service = build_chat_service(model, resources)
    client = service.client  # type: ignore[attr-defined]
    assert not client.is_closed()
    await resources.aclose()
    assert client.is_closed()
