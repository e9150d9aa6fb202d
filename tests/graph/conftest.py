from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import pytest
from msgraph.graph_service_client import GraphServiceClient

from graph.client import build_graph_client, close_graph_client
from graph.settings import GraphSettings
from tests.support.tenant import TOKEN, TenantProcess, write_tenant


@pytest.fixture
def tenant_data(tmp_path: Path, request: pytest.FixtureRequest) -> tuple[Path, dict[str, Any]]:
    marker = request.node.get_closest_marker("items")
    items = marker.args[0] if marker else 25
    data = tmp_path / "tenant"
    data.mkdir()
    return data, write_tenant(data, items)


@pytest.fixture
def tenant(tenant_data: tuple[Path, dict[str, Any]]) -> Iterator[TenantProcess]:
    process = TenantProcess(tenant_data[0]).start()
    try:
        yield process
    finally:
        process.stop()


@pytest.fixture
async def client(tenant: TenantProcess) -> AsyncIterator[GraphServiceClient]:
    graph = build_graph_client(GraphSettings(local_url=tenant.url, local_token=TOKEN))
    yield graph
    await close_graph_client(graph)
