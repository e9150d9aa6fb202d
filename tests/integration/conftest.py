"""Fixtures that start the real bot and the real Playground on loopback."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest
from msgraph.graph_service_client import GraphServiceClient

from graph.client import build_graph_client, close_graph_client
from graph.localtenant.demo import generate
from graph.settings import GraphSettings
from tests.support.procs import BotProcess, PlaygroundProcess
from tests.support.teams import TeamsClient
from tests.support.tenant import DEMO_TODAY, TOKEN, TenantProcess


@pytest.fixture
def bot(tmp_path: Path) -> Iterator[BotProcess]:
    process = BotProcess(tmp_path).start()
    try:
        yield process
    finally:
        process.stop()


@pytest.fixture
def tenant(tmp_path: Path) -> Iterator[TenantProcess]:
    """The local tenant over demo data generated for DEMO_TODAY."""
    generate(tmp_path / "tenant", DEMO_TODAY)
    process = TenantProcess(tmp_path / "tenant").start()
    try:
        yield process
    finally:
        process.stop()


@pytest.fixture
def playground(tmp_path: Path, bot: BotProcess) -> Iterator[PlaygroundProcess]:
    process = PlaygroundProcess(tmp_path, bot.endpoint).start()
    try:
        yield process
    finally:
        process.stop()


@pytest.fixture
async def teams(playground: PlaygroundProcess) -> AsyncIterator[TeamsClient]:
    async with TeamsClient(playground.url, playground.config) as client:
        yield client


@pytest.fixture
async def graph(tenant: TenantProcess) -> AsyncIterator[GraphServiceClient]:
    """msgraph-sdk against the local tenant, to check what the bot wrote there."""
    client = build_graph_client(GraphSettings(local_url=tenant.url, local_token=TOKEN))
    yield client
    await close_graph_client(client)
