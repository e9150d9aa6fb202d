"""Fixtures shared by every test package."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.support.azurite import AzuriteTable


@pytest.fixture(scope="session")
def azurite(tmp_path_factory: pytest.TempPathFactory) -> Iterator[AzuriteTable]:
    """One Azurite Table service for the session; tests keep apart by table prefix."""
    server = AzuriteTable(tmp_path_factory.mktemp("azurite")).start()
    try:
        yield server
    finally:
        server.stop()
