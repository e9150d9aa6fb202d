"""The conversation store: one suite, run against SQLite and Table Storage (Azurite)."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator, Callable
from pathlib import Path

import pytest
from azure.data.tables.aio import TableServiceClient
from botbuilder.schema import ChannelAccount, ConversationAccount, ConversationReference

from bot.conversation_store import (
    ConversationStore,
    SqliteConversationStore,
    StoredConversation,
    conversation_key,
)
from bot.conversation_table import TableConversationStore
from skills.table_keys import table_key
from tests.support.azurite import AzuriteTable


def reference(conversation_id: str, user_aad: str | None = "aad-1") -> ConversationReference:
    return ConversationReference(
        activity_id="act-1",
        user=ChannelAccount(id="29:user", aad_object_id=user_aad),
        bot=ChannelAccount(id="28:bot"),
        conversation=ConversationAccount(id=conversation_id),
        channel_id="msteams",
        service_url="https://smba.example/teams/",
    )


@pytest.fixture(params=["sqlite", "table"])
async def make_store(
    request: pytest.FixtureRequest, tmp_path: Path
) -> AsyncIterator[Callable[[], ConversationStore]]:
    """Each call is another instance over the same state: the file, or the same tables."""
    made: list[ConversationStore] = []
    if request.param == "sqlite":

        def sqlite() -> ConversationStore:
            made.append(SqliteConversationStore(tmp_path / "state.sqlite3"))
            return made[-1]

        yield sqlite
    else:
        server: AzuriteTable = request.getfixturevalue("azurite")
        prefix = f"t{uuid.uuid4().hex[:12]}"

        def table() -> ConversationStore:
            service = TableServiceClient.from_connection_string(server.connection_string)
            made.append(TableConversationStore(service, prefix))
            return made[-1]

        yield table
    for store in made:
        await store.close()


def test_channel_threads_share_the_channel_key() -> None:
    assert conversation_key("19:abc@thread.tacv2;messageid=123") == "19:abc@thread.tacv2"
    assert conversation_key("a:personal") == "a:personal"


def test_table_keys_are_safe_and_distinct() -> None:
    ids = [
        "19:abc@thread.tacv2",
        "a:1/2",
        "a:1~2f2",
        "a:1\\2#3?4",
        "a:\x01\x7f\x9f",
        "a:æøå",
        "x" * 2000,
        "x" * 2001,
    ]
    keys = [table_key(i) for i in ids]
    assert len(set(keys)) == len(ids)
    for key in keys:
        assert not set(key) & set("/\\#?") and key.isprintable() and len(key) <= 512
    assert keys[0] == "19:abc@thread.tacv2"  # Teams ids stay readable


def _known(stored: StoredConversation | None) -> StoredConversation:
    assert stored is not None
    return stored


async def test_references_survive_a_new_store_instance(
    make_store: Callable[[], ConversationStore],
) -> None:
    await make_store().save(reference("a:chat"), "personal", "tenant-a")
    await make_store().save(reference("19:ch;messageid=9", None), "channel", "tenant-a")

    again = make_store()
    personal = await again.personal_chat_of("aad-1")
    assert personal is not None and personal.key == "a:chat" and personal.tenant_id == "tenant-a"
    assert personal.reference.service_url == "https://smba.example/teams/"
    channel = await again.get("19:ch;messageid=42")
    assert channel is not None and channel.kind == "channel"
    # Stored as the channel, not the thread, so a proactive post starts a new thread.
    assert channel.reference.conversation.id == "19:ch" and channel.reference.activity_id is None
    assert channel.user_aad_id is None  # only personal chats are found by user
    assert {s.key for s in await again.all()} == {"a:chat", "19:ch"}
    assert await again.personal_chat_of("someone-else") is None
    assert await again.get("a:unknown") is None


async def test_teams_ids_with_reserved_characters_round_trip(
    make_store: Callable[[], ConversationStore],
) -> None:
    store = make_store()
    odd = "a:1/x\\y#z?w;@'\" eq 'q"
    await store.save(reference(odd, "aad-'odd' or ''='"), "personal", "tenant-'x'")
    found = await store.get(odd)
    assert found is not None and found.key == odd and found.reference.conversation.id == odd
    # Filter values are data: a quote in an id neither breaks the query nor widens it.
    by_user = await store.personal_chat_of("aad-'odd' or ''='")
    assert by_user is not None and by_user.key == odd
    assert await store.personal_chat_of("aad-") is None
    assert (await store.any_in_tenant("tenant-'x'")) is not None
    assert await store.any_in_tenant("tenant-") is None


async def test_only_personal_chats_are_found_by_user(
    make_store: Callable[[], ConversationStore],
) -> None:
    store = make_store()
    await store.save(reference("group-1"), "groupChat")
    assert await store.personal_chat_of("aad-1") is None


async def test_personal_chat_of_returns_the_newest(
    make_store: Callable[[], ConversationStore],
) -> None:
    first, second = make_store(), make_store()
    await first.save(reference("a:old"), "personal", "tenant-a")
    await second.save(reference("a:new"), "personal", "tenant-a")
    assert _known(await first.personal_chat_of("aad-1")).key == "a:new"
    await first.save(reference("a:old"), "personal", "tenant-a")  # used again
    assert _known(await second.personal_chat_of("aad-1")).key == "a:old"
    assert [s.key for s in await second.all()] == ["a:old", "a:new"]


async def test_any_in_tenant_picks_the_tenant_and_the_newest(
    make_store: Callable[[], ConversationStore],
) -> None:
    store = make_store()
    assert await store.any_in_tenant(None) is None
    await store.save(reference("a:one"), "personal", "tenant-a")
    await store.save(reference("a:two"), "personal", "tenant-b")
    await store.save(reference("19:ch", None), "channel", "tenant-a")
    assert _known(await store.any_in_tenant("tenant-a")).key == "19:ch"
    assert _known(await store.any_in_tenant("tenant-b")).key == "a:two"
    assert await store.any_in_tenant("tenant-c") is None
    assert _known(await store.any_in_tenant(None)).key == "19:ch"


async def test_locale_is_kept_when_a_later_save_has_none(
    make_store: Callable[[], ConversationStore],
) -> None:
    store = make_store()
    await store.save(reference("a:chat"), "personal", "tenant-a", "en-US")
    # A later save without a locale (a proactive chat opening) keeps the one known.
    await make_store().save(reference("a:chat"), "personal", None)
    kept = await store.get("a:chat")
    assert kept is not None and kept.locale == "en-US" and kept.tenant_id == "tenant-a"
    await store.save(reference("a:chat"), "personal", "tenant-a", "nb-NO")
    assert _known(await make_store().personal_chat_of("aad-1")).locale == "nb-NO"


async def test_welcome_is_claimed_once_by_concurrent_instances(
    make_store: Callable[[], ConversationStore],
) -> None:
    stores = [make_store() for _ in range(4)]
    claims = await asyncio.gather(
        *(store.claim_welcome("conv;messageid=1", 60) for store in stores * 2)
    )
    assert claims.count(True) == 1
    assert await stores[1].claim_welcome("conv", 60) is False  # the channel, not the thread
    assert await stores[2].claim_welcome("other", 60) is True


async def test_an_expired_welcome_is_claimed_again_once(
    make_store: Callable[[], ConversationStore],
) -> None:
    stores = [make_store() for _ in range(4)]
    for store in stores:
        assert await store.get("warm-up") is None
    assert await stores[0].claim_welcome("conv", 60) is True
    await asyncio.sleep(1.0)
    # The window (0.5 s) has passed: of many instances retaking it at once, one wins.
    claims = await asyncio.gather(*(store.claim_welcome("conv", 0.5) for store in stores * 2))
    assert claims.count(True) == 1
    assert await stores[3].claim_welcome("conv", 60) is False


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
    assert _known(await SqliteConversationStore(db).personal_chat_of("aad-1")).locale == "en-US"
    # A later save without a locale (a proactive chat opening) keeps the one known.
    await store.save(reference("a:old-chat"), "personal", "tenant-a")
    assert _known(await store.get("a:old-chat")).locale == "en-US"
    await store.save(reference("a:old-chat"), "personal", "tenant-a", "nb-NO")
    assert _known(await store.get("a:old-chat")).locale == "nb-NO"
    # Opening the migrated file again (a second instance) is harmless.
    assert [s.key for s in await SqliteConversationStore(db).all()] == ["a:old-chat"]


async def test_two_instances_migrating_one_old_file_at_once(tmp_path: Path) -> None:
    import sqlite3

    db = tmp_path / "old.sqlite3"
    old = sqlite3.connect(db)
    old.executescript(_OLD_SCHEMA)
    old.close()
    stores = await asyncio.gather(
        *(asyncio.to_thread(SqliteConversationStore, db) for _ in range(4))
    )
    await stores[0].save(reference("a:x"), "personal", None, "en-GB")
    assert _known(await stores[3].get("a:x")).locale == "en-GB"
