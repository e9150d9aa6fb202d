from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from azure.core.credentials import AzureKeyCredential

from skills.search.azure_index import AzureSearchIndex
from skills.search.local_index import LocalIndex
from skills.search.model import DocumentIndex
from tests.support.fake_search import API_KEY, FakeSearch


@pytest.fixture
async def fake_search() -> AsyncIterator[FakeSearch]:
    async with FakeSearch() as fake:
        yield fake


@pytest.fixture(params=["local", "azure"])
async def index(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[DocumentIndex]:
    """Every behavioural test runs against both stores behind the one interface."""
    if request.param == "local":
        store: DocumentIndex = LocalIndex(tmp_path / "index.sqlite3")
        yield store
        await store.close()
        return
    async with FakeSearch() as fake:
        store = AzureSearchIndex(fake.endpoint, "dokumenter", AzureKeyCredential(API_KEY))
        yield store
        await store.close()
