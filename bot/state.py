"""Where the bot keeps its state, chosen from the settings in one place.

With `STATE_TABLE_*` set, the conversation references and the reminder ledger both
live in Table Storage, so any number of instances can serve. Otherwise both are SQLite
in `STATE_DB`.
"""

from __future__ import annotations

from bot.conversation_store import ConversationStore, SqliteConversationStore
from bot.conversation_table import TableConversationStore
from bot.settings import Settings
from skills.contracts.ledger import Ledger, SqliteLedger
from skills.contracts.table_ledger import TableLedger


def open_conversation_store(settings: Settings) -> ConversationStore:
    prefix = settings.state.table_prefix
    if settings.state.table_connection_string:
        return TableConversationStore.from_connection_string(
            settings.state.table_connection_string, prefix
        )
    if settings.state.table_endpoint:
        return TableConversationStore.from_endpoint(settings.state.table_endpoint, prefix)
    return SqliteConversationStore(settings.state.db)


def open_ledger(settings: Settings) -> Ledger:
    # The ledger's tables keep their names (reminderledger, reminderstatus) after the prefix.
    ledger_prefix = f"{settings.state.table_prefix}reminder"
    if settings.state.table_connection_string:
        return TableLedger.from_connection_string(
            settings.state.table_connection_string, ledger_prefix
        )
    if settings.state.table_endpoint:
        return TableLedger.from_endpoint(settings.state.table_endpoint, ledger_prefix)
    return SqliteLedger(settings.state.db)


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
