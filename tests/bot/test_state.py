"""Choosing where state lives from the settings, and closing it with the app."""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest
from aiohttp.test_utils import TestClient, TestServer
from azure.data.tables.aio import TableServiceClient
from botbuilder.schema import ChannelAccount, ConversationAccount, ConversationReference

from bot.app import SERVICES, create_app
from bot.conversation_table import TableConversationStore
from bot.settings import ReminderSettings, Settings, SettingsError, StateSettings
from bot.state import open_state
from skills.contracts.ledger import SqliteLedger
from skills.contracts.reminders import ReminderKey
from skills.contracts.table_ledger import TableLedger
from tests.support.azurite import AzuriteTable

CONNECTION = "DefaultEndpointsProtocol=http;AccountName=a;AccountKey=a2V5;TableEndpoint=http://127.0.0.1:1/a;"


def load(env: dict[str, str]) -> Settings:
    return Settings.from_env(env, env_file=None)


@pytest.mark.parametrize(
    ("env", "named"),
    [
        (
            {
                "STATE_TABLE_ENDPOINT": "https://s.table.core.windows.net/",
                "STATE_TABLE_CONNECTION_STRING": CONNECTION,
            },
            "STATE_TABLE_ENDPOINT",
        ),
        # The older, ledger-only names are not read any more: a clear error names the new.
        (
            {"LEDGER_TABLE_ENDPOINT": "https://s.table.core.windows.net/"},
            "LEDGER_TABLE_ENDPOINT is no longer read: set STATE_TABLE_ENDPOINT",
        ),
        (
            {"LEDGER_TABLE_CONNECTION_STRING": CONNECTION},
            "LEDGER_TABLE_CONNECTION_STRING is no longer read: set STATE_TABLE_CONNECTION",
        ),
        ({"STATE_TABLE_ENDPOINT": "http://s.table.core.windows.net/"}, "STATE_TABLE_ENDPOINT"),
        (
            {"STATE_TABLE_CONNECTION_STRING": CONNECTION, "STATE_TABLE_PREFIX": "1x"},
            "STATE_TABLE_PREFIX",
        ),
        (
            {"STATE_TABLE_CONNECTION_STRING": CONNECTION, "STATE_TABLE_PREFIX": "a-b"},
            "STATE_TABLE_PREFIX",
        ),
        ({"STATE_TABLE_PREFIX": "test"}, "STATE_TABLE_PREFIX needs"),
    ],
)
def test_bad_state_combinations_name_the_variable(env: dict[str, str], named: str) -> None:
    with pytest.raises(SettingsError, match=named):
        load(env)


def test_the_endpoint_setting_is_read() -> None:
    settings = load({"STATE_TABLE_ENDPOINT": "https://s.table.core.windows.net/"})
    assert settings.state.in_table and settings.state.table_endpoint.startswith("https://")


def reference(conversation_id: str) -> ConversationReference:
    return ConversationReference(
        user=ChannelAccount(id="29:u", aad_object_id="aad-1"),
        bot=ChannelAccount(id="28:bot"),
        conversation=ConversationAccount(id=conversation_id),
        channel_id="msteams",
        service_url="http://127.0.0.1:1/",
    )


async def _tables(connection_string: str) -> set[str]:
    async with TableServiceClient.from_connection_string(connection_string) as service:
        return {table.name async for table in service.list_tables()}


KEY = ReminderKey("K-1", "expiry", "2026-12-05", 14)


async def test_state_table_puts_references_and_ledger_in_the_prefixed_tables(
    azurite: AzuriteTable, tmp_path: Path
) -> None:
    prefix = f"p{uuid.uuid4().hex[:10]}"
    settings = load(
        {
            "STATE_TABLE_CONNECTION_STRING": azurite.connection_string,
            "STATE_TABLE_PREFIX": prefix,
            "STATE_DB": str(tmp_path / "state.sqlite3"),
        }
    )
    state = open_state(settings)
    store, ledger = state.store, state.ledger
    try:
        assert isinstance(store, TableConversationStore) and isinstance(ledger, TableLedger)
        # One client for the account, shared by the references and the ledger.
        assert store._service is ledger._service
        await store.save(reference("a:chat"), "personal", "tenant-a")
        assert await ledger.claim(KEY, "one", 600)
    finally:
        await state.resources.aclose()
    assert {
        f"{prefix}conversationrefs",
        f"{prefix}welcomeclaims",
        f"{prefix}reminderledger",
    } <= await _tables(azurite.connection_string)
    assert not (tmp_path / "state.sqlite3").exists()

    assert isinstance(open_state(load({"STATE_DB": str(tmp_path / "s")})).ledger, SqliteLedger)


async def test_the_app_closes_its_table_clients_on_shutdown(
    azurite: AzuriteTable, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    closed: list[str] = []
    for cls in (TableConversationStore, TableLedger):
        original = cls.close

        async def spy(self: object, original: object = original, name: str = cls.__name__) -> None:
            closed.append(name)
            await original(self)  # type: ignore[operator]

        monkeypatch.setattr(cls, "close", spy)
    settings = Settings(
        state=StateSettings(
            db=tmp_path / "state.sqlite3",
            table_connection_string=azurite.connection_string,
            table_prefix=f"c{uuid.uuid4().hex[:10]}",
        ),
        reminders=ReminderSettings(interval_seconds=0),
    )
    app = create_app(settings)
    client = TestClient(TestServer(app, host="127.0.0.1"))
    await client.start_server()
    try:
        await app[SERVICES].store.save(reference("a:chat"), "personal")
        assert (await client.get("/healthz")).status == 200
    finally:
        await client.close()
    assert sorted(closed) == ["TableConversationStore", "TableLedger"]
