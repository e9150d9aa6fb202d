"""Fixtures shared by every test package."""

from __future__ import annotations

import functools
import inspect
import os
import re
from collections.abc import Callable, Iterator

# Every text a test makes the product say must be in the message catalogues (the bots
# and CLIs the tests start inherit this too); see skills/i18n.py.
os.environ["ASSISTANT_STRICT_TEXTS"] = "1"

import pytest

from tests.support.azurite import AzuriteTable

# The slow tier: tests that start processes (the bot, the local tenant, the Playground,
# Azurite, checkov, a CLI; a test running a CLI carries the marker itself) or load the
# bot with thousands of requests. `make unit` leaves them
# out; `make test` (and CI) runs everything.
_INTEGRATION_FILES = (
    "tests/integration/",
    "tests/infra/",
    "tests/bot/test_telemetry.py",
    "tests/bot/test_http_fuzz.py",
    # Runs the supplier-input CLI over the dialogue corpus once, as its own process.
    "tests/skills/supplier_input/test_dialogue_truth.py",
)
_PROCESS_FIXTURES = frozenset({"azurite", "tenant", "playground", "teams", "bot"})


# A fixture or test whose code starts one of these runs a process of its own.
_STARTS_PROCESS = re.compile(
    r"\b(?:TenantProcess|AzuriteTable|BotProcess|PlaygroundProcess)\(|getfixturevalue\(\"azurite\"\)"
)


@functools.cache
def _source_starts_process(function: Callable[..., object]) -> bool:
    try:
        return bool(_STARTS_PROCESS.search(inspect.getsource(function)))
    except (OSError, TypeError):
        return False


def _starts_process(item: pytest.Item) -> bool:
    """The test, or a fixture it uses, starts the local tenant, Azurite or the bot; a
    parametrised fixture only for the parameters that are not SQLite."""
    function = getattr(item, "function", None)
    if function is not None and _source_starts_process(function):
        return True
    info = getattr(item, "_fixtureinfo", None)
    params = getattr(getattr(item, "callspec", None), "params", {})
    for name, definitions in info.name2fixturedefs.items() if info else ():
        if params.get(name) == "sqlite":
            continue
        if any(_source_starts_process(d.func) for d in definitions):
            return True
    return False


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    root = str(config.rootpath) + "/"
    for item in items:
        path = str(item.path).removeprefix(root)
        fixtures = set(getattr(item, "fixturenames", ()))
        listed = path.startswith(_INTEGRATION_FILES) or fixtures & _PROCESS_FIXTURES
        if listed or _starts_process(item):
            item.add_marker(pytest.mark.integration)


@pytest.fixture(scope="session")
def azurite(tmp_path_factory: pytest.TempPathFactory) -> Iterator[AzuriteTable]:
    """One Azurite Table service for the session; tests keep apart by table prefix."""
    server = AzuriteTable(tmp_path_factory.mktemp("azurite")).start()
    try:
        yield server
    finally:
        server.stop()
