"""Conversation references, so proactive messages survive a restart.

One row per conversation the bot has seen (personal chat, group chat, channel),
plus the user's AAD object id for personal chats so a reminder for a contract
owner can find that owner's chat. `ConversationStore` is what the bot needs; the
SQLite class here serves one instance (its calls run in a worker thread to keep
the event loop free), `bot.conversation_table` serves several from Table Storage.

The user's Teams locale is kept with the reference, so a reminder sent later (with no
incoming turn to read it from) is in the language that user reads.
"""

from __future__ import annotations

import asyncio
import json
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from botbuilder.schema import ConversationReference

from skills.sqlite_files import initialise

_SCHEMA = """
CREATE TABLE IF NOT EXISTS conversation_refs (
    conversation_key TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    tenant_id TEXT,
    user_aad_id TEXT,
    reference TEXT NOT NULL,
    updated_at REAL NOT NULL,
    locale TEXT
);
CREATE INDEX IF NOT EXISTS conversation_refs_user ON conversation_refs (user_aad_id, kind);
CREATE TABLE IF NOT EXISTS welcomes (
    conversation_key TEXT PRIMARY KEY,
    welcomed_at REAL NOT NULL
);
"""


@dataclass(frozen=True)
class StoredConversation:
    key: str
    kind: str
    tenant_id: str | None
    user_aad_id: str | None
    reference: ConversationReference
    locale: str | None = None


def _migrate(db: sqlite3.Connection) -> None:
    """Bring a file made by an older schema up to date (CREATE IF NOT EXISTS skips it)."""
    columns = {row[1] for row in db.execute("PRAGMA table_info(conversation_refs)")}
    if "locale" not in columns:
        try:
            db.execute("ALTER TABLE conversation_refs ADD COLUMN locale TEXT")
        except sqlite3.OperationalError as exc:
            # Another instance opening the same old file may have added it first.
            if "duplicate column" not in str(exc):
                raise


def conversation_key(conversation_id: str) -> str:
    """A channel thread id carries `;messageid=…`; the channel itself is the key."""
    return conversation_id.split(";messageid=")[0]


class ConversationStore(Protocol):
    """What the handler, the messenger and the CLI use; every backend passes one suite."""

    async def save(
        self,
        reference: ConversationReference,
        kind: str,
        tenant_id: str | None = None,
        locale: str | None = None,
    ) -> str: ...
    async def claim_welcome(self, conversation_id: str, window_seconds: float) -> bool: ...
    async def get(self, key: str) -> StoredConversation | None: ...
    async def personal_chat_of(self, user_aad_id: str) -> StoredConversation | None: ...
    async def any_in_tenant(self, tenant_id: str | None) -> StoredConversation | None: ...
    async def all(self) -> list[StoredConversation]: ...
    async def close(self) -> None: ...


def stored_reference(reference: ConversationReference) -> ConversationReference:
    """A copy keyed by the channel, not one thread of it, so a proactive message starts
    a new post."""
    stored = ConversationReference().deserialize(reference.serialize())
    stored.conversation.id = conversation_key(reference.conversation.id)
    stored.activity_id = None
    return stored


class SqliteConversationStore:
    def __init__(self, path: Path) -> None:
        self._path = path
        initialise(path, _SCHEMA, _migrate)

    @contextmanager
    def _connect(self) -> Iterator[sqlite3.Connection]:
        db = sqlite3.connect(self._path, timeout=10)
        try:
            with db:
                yield db
        finally:
            db.close()

    async def save(
        self,
        reference: ConversationReference,
        kind: str,
        tenant_id: str | None = None,
        locale: str | None = None,
    ) -> str:
        """Insert or refresh; a save without a locale keeps the one stored before."""
        return await asyncio.to_thread(self._save, reference, kind, tenant_id, locale)

    def _save(
        self,
        reference: ConversationReference,
        kind: str,
        tenant_id: str | None,
        locale: str | None,
    ) -> str:
        conversation = reference.conversation
        stored = stored_reference(reference)
        key = conversation_key(reference.conversation.id)
        user_aad = reference.user.aad_object_id if reference.user is not None else None
        with self._connect() as db:
            db.execute(
                "INSERT INTO conversation_refs (conversation_key, kind, tenant_id, "
                "user_aad_id, reference, updated_at, locale) VALUES (?, ?, ?, ?, ?, ?, ?) "
                "ON CONFLICT(conversation_key) DO UPDATE SET kind=excluded.kind, "
                "tenant_id=COALESCE(excluded.tenant_id, conversation_refs.tenant_id), "
                "user_aad_id=COALESCE(excluded.user_aad_id, conversation_refs.user_aad_id), "
                "reference=excluded.reference, updated_at=excluded.updated_at, "
                "locale=COALESCE(excluded.locale, conversation_refs.locale)",
                (
                    key,
                    kind,
                    tenant_id or conversation.tenant_id,
                    user_aad if kind == "personal" else None,
                    json.dumps(stored.serialize()),
                    time.time(),
                    locale or None,
                ),
            )
        return key

    async def close(self) -> None:
        """Nothing held open: each call opens and closes its own connection."""

    async def claim_welcome(self, conversation_id: str, window_seconds: float) -> bool:
        """True for the first caller per conversation within the window (atomic)."""
        return await asyncio.to_thread(self._claim_welcome, conversation_id, window_seconds)

    def _claim_welcome(self, conversation_id: str, window_seconds: float) -> bool:
        key = conversation_key(conversation_id)
        now = time.time()
        with self._connect() as db:
            cursor = db.execute(
                "INSERT INTO welcomes VALUES (?, ?) ON CONFLICT(conversation_key) DO UPDATE "
                "SET welcomed_at=excluded.welcomed_at WHERE welcomes.welcomed_at < ?",
                (key, now, now - window_seconds),
            )
            return cursor.rowcount == 1

    async def get(self, key: str) -> StoredConversation | None:
        rows = await asyncio.to_thread(
            self._query, "WHERE conversation_key = ?", (conversation_key(key),)
        )
        return rows[0] if rows else None

    async def personal_chat_of(self, user_aad_id: str) -> StoredConversation | None:
        rows = await asyncio.to_thread(
            self._query,
            "WHERE user_aad_id = ? AND kind = 'personal' ORDER BY updated_at DESC",
            (user_aad_id,),
        )
        return rows[0] if rows else None

    async def any_in_tenant(self, tenant_id: str | None) -> StoredConversation | None:
        """Any conversation of the tenant: its service URL and bot account let the bot
        open a new chat there."""
        if tenant_id:
            rows = await asyncio.to_thread(
                self._query, "WHERE tenant_id = ? ORDER BY updated_at DESC", (tenant_id,)
            )
        else:
            rows = await asyncio.to_thread(self._query, "ORDER BY updated_at DESC", ())
        return rows[0] if rows else None

    async def all(self) -> list[StoredConversation]:
        return await asyncio.to_thread(self._query, "ORDER BY updated_at DESC", ())

    def _query(self, where: str, params: tuple[Any, ...]) -> list[StoredConversation]:
        with self._connect() as db:
            rows = db.execute(
                "SELECT conversation_key, kind, tenant_id, user_aad_id, reference, locale "
                f"FROM conversation_refs {where}",
                params,
            ).fetchall()
        return [
            StoredConversation(
                key=row[0],
                kind=row[1],
                tenant_id=row[2],
                user_aad_id=row[3],
                reference=ConversationReference().deserialize(json.loads(row[4])),
                locale=row[5],
            )
            for row in rows
        ]
