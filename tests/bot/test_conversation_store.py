from __future__ import annotations

import asyncio
from pathlib import Path

from botbuilder.schema import ChannelAccount, ConversationAccount, ConversationReference

from bot.conversation_store import ConversationStore, conversation_key


def reference(conversation_id: str, user_aad: str | None = "aad-1") -> ConversationReference:
    return ConversationReference(
        activity_id="act-1",
        user=ChannelAccount(id="29:user", aad_object_id=user_aad),
        bot=ChannelAccount(id="28:bot"),
        conversation=ConversationAccount(id=conversation_id),
        channel_id="msteams",
        service_url="https://smba.example/teams/",
    )


def test_channel_threads_share_the_channel_key() -> None:
    assert conversation_key("19:abc@thread.tacv2;messageid=123") == "19:abc@thread.tacv2"
    assert conversation_key("a:personal") == "a:personal"


async def test_references_survive_a_new_store_instance(tmp_path: Path) -> None:
    db = tmp_path / "state.sqlite3"
    await SqliteConversationStore(db).save(reference("a:chat"), "personal", "tenant-a")
    await SqliteConversationStore(db).save(reference("19:ch;messageid=9", None), "channel", "tenant-a")

    again = SqliteConversationStore(db)
    personal = await again.personal_chat_of("aad-1")
    assert personal is not None and personal.key == "a:chat" and personal.tenant_id == "tenant-a"
    assert personal.reference.service_url == "https://smba.example/teams/"
    channel = await again.get("19:ch;messageid=42")
    assert channel is not None and channel.kind == "channel"
    # Stored as the channel, not the thread, so a proactive post starts a new thread.
    assert channel.reference.conversation.id == "19:ch" and channel.reference.activity_id is None
    assert {s.key for s in await again.all()} == {"a:chat", "19:ch"}
    assert await again.personal_chat_of("someone-else") is None


async def test_only_personal_chats_are_found_by_user(tmp_path: Path) -> None:
    store = SqliteConversationStore(tmp_path / "s.db")
    await store.save(reference("group-1"), "groupChat")
    assert await store.personal_chat_of("aad-1") is None


async def test_welcome_is_claimed_once_per_window(tmp_path: Path) -> None:
    store = SqliteConversationStore(tmp_path / "s.db")
    claims = await asyncio.gather(*(store.claim_welcome("conv;messageid=1", 60) for _ in range(8)))
    assert claims.count(True) == 1
    assert await store.claim_welcome("conv", 0) is True  # the window has passed
    assert await store.claim_welcome("other", 60) is True


# The schema before locales were stored (kept verbatim: files like this exist).
_OLD_SCHEMA = """
CREATE TABLE conversation_refs (
    conversation_key TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    tenant_id TEXT,
    user_aad_id TEXT,
    reference TEXT NOT NULL,
    updated_at REAL NOT NULL
);
CREATE INDEX conversation_refs_user ON conversation_refs (user_aad_id, kind);
CREATE TABLE welcomes (conversation_key TEXT PRIMARY KEY, welcomed_at REAL NOT NULL);
"""


async def test_a_file_from_the_old_schema_opens_and_gains_locales(tmp_path: Path) -> None:
    import json
    import sqlite3

    db = tmp_path / "old.sqlite3"
    old = sqlite3.connect(db)
    old.executescript(_OLD_SCHEMA)
    stored = reference("a:old-chat").serialize()
    old.execute(
        "INSERT INTO conversation_refs VALUES (?, ?, ?, ?, ?, ?)",
        ("a:old-chat", "personal", "tenant-a", "aad-1", json.dumps(stored), 1.0),
    )
    old.commit()
    old.close()

    store = SqliteConversationStore(db)
    found = await store.personal_chat_of("aad-1")
    assert found is not None and found.key == "a:old-chat" and found.locale is None
    assert found.reference.service_url == "https://smba.example/teams/"

    await store.save(reference("a:old-chat"), "personal", "tenant-a", "en-US")
    assert (await SqliteConversationStore(db).personal_chat_of("aad-1")).locale == "en-US"  # type: ignore[union-attr]
    # A later save without a locale (a proactive chat opening) keeps the one known.
    await store.save(reference("a:old-chat"), "personal", "tenant-a")
    assert (await store.get("a:old-chat")).locale == "en-US"  # type: ignore[union-attr]
    await store.save(reference("a:old-chat"), "personal", "tenant-a", "nb-NO")
    assert (await store.get("a:old-chat")).locale == "nb-NO"  # type: ignore[union-attr]
    # Opening the migrated file again (a second instance) is harmless.
    assert [s.key for s in await SqliteConversationStore(db).all()] == ["a:old-chat"]


async def test_two_instances_migrating_one_old_file_at_once(tmp_path: Path) -> None:
    import sqlite3

    db = tmp_path / "old.sqlite3"
    old = sqlite3.connect(db)
    old.executescript(_OLD_SCHEMA)
    old.close()
    stores = await asyncio.gather(*(asyncio.to_thread(ConversationStore, db) for _ in range(4)))
    await stores[0].save(reference("a:x"), "personal", None, "en-GB")
    assert (await stores[3].get("a:x")).locale == "en-GB"  # type: ignore[union-attr]
