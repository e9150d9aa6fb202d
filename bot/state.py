"""Where the bot keeps its state, chosen from the settings in one place.

With `STATE_TABLE_*` set, the conversation references and the reminder ledger both
live in Table Storage, so any number of instances can serve. Otherwise both are SQLite
in `STATE_DB`.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass

from azure.data.tables.aio import TableServiceClient

from bot.conversation_store import ConversationStore, SqliteConversationStore
from bot.conversation_table import TableConversationStore
from bot.settings import Settings
from skills.contracts.ledger import Ledger, SqliteLedger
from skills.contracts.table_ledger import TableLedger


@dataclass
class State:
    """The conversation references and the reminder ledger, and what closes them."""

    store: ConversationStore
    ledger: Ledger
    resources: contextlib.AsyncExitStack


def open_state(settings: Settings) -> State:
    """Both in Table Storage through one client for the account (and one credential), or
    both in SQLite; `resources` closes each of them once."""
    resources = contextlib.AsyncExitStack()
    state = settings.state
    store: ConversationStore
    ledger: Ledger
    if state.in_table:
        credential = None
        if state.table_connection_string:
            service = TableServiceClient.from_connection_string(state.table_connection_string)
        else:
            from azure.identity.aio import DefaultAzureCredential

            credential = DefaultAzureCredential()
            service = TableServiceClient(state.table_endpoint, credential=credential)
            resources.push_async_callback(credential.close)
        resources.push_async_callback(service.close)
        store = TableConversationStore(service, state.table_prefix, owns_service=False)
        # The ledger's tables keep their names (reminderledger, reminderstatus) after the
        # prefix.
        ledger = TableLedger(service, f"{state.table_prefix}reminder", owns_service=False)
    else:
        store = SqliteConversationStore(state.db)
        ledger = SqliteLedger(state.db)
    resources.push_async_callback(store.close)
    resources.push_async_callback(close_ledger, ledger)
    return State(store, ledger, resources)


def describe_state(settings: Settings) -> str:
    """For the status card: where the conversation references are, no secrets."""
    if settings.state.table_endpoint:
        return f"Table Storage {settings.state.table_endpoint}"
    if settings.state.table_connection_string:
        return "Table Storage (connection string)"
    return str(settings.state.db)


async def close_ledger(ledger: Ledger) -> None:
    if isinstance(ledger, TableLedger):
        await ledger.close()
