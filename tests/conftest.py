"""Fixtures shared by every test package."""

from __future__ import annotations

import os
from collections.abc import Iterator

# Every text a test makes the product say must be in the message catalogues (the bots
# and CLIs the tests start inherit this too); see skills/i18n.py.
os.environ["ASSISTANT_STRICT_TEXTS"] = "1"

import pytest

from tests.support.azurite import AzuriteTable

# The slow tier: tests that start processes (the bot, the local tenant, the Playground,
# Azurite, checkov) or load the bot with thousands of requests. `make unit` leaves them
# out; `make test` (and CI) runs everything.
_INTEGRATION_FILES = (
    "tests/integration/",
    "tests/infra/",
    "tests/bot/test_telemetry.py",
    "tests/bot/test_http_fuzz.py",
)
_PROCESS_FIXTURES = frozenset({"azurite", "tenant", "playground", "teams", "bot"})


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    root = str(config.rootpath) + "/"
    for item in items:
        path = str(item.path).removeprefix(root)
        fixtures = set(getattr(item, "fixturenames", ()))
        if path.startswith(_INTEGRATION_FILES) or fixtures & _PROCESS_FIXTURES:
            item.add_marker(pytest.mark.integration)


@pytest.fixture(scope="session")
def azurite(tmp_path_factory: pytest.TempPathFactory) -> Iterator[AzuriteTable]:
    """One Azurite Table service for the session; tests keep apart by table prefix."""
    server = AzuriteTable(tmp_path_factory.mktemp("azurite")).start()
    try:
        yield server
    finally:
        server.stop()
