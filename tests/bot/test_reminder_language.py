"""Each owner's reminders, digest and calendar entries come in their own language: the
locale stored with their chat, else their Graph preferredLanguage, else bokmål; channel
copies follow REMINDER_CHANNEL_LANG."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from botbuilder.schema import ChannelAccount, ConversationAccount, ConversationReference

from bot.conversation_store import SqliteConversationStore
from bot.settings import Settings, SettingsError, StateSettings
from graph.calendar import CalendarGateway
from graph.client import build_graph_client, close_graph_client
from graph.localtenant.demo import generate
from graph.settings import GraphSettings
from skills.contracts.ledger import SqliteLedger
from skills.contracts.register import read_rows
from skills.contracts.reminders import due_reminders
from skills.i18n import recipient_lang
from tests.bot.test_proactive import ThrottlingConnector
from tests.bot.test_reminder_scheduler import CHANNEL, INGRID_AAD, TODAY, World
from tests.support.tenant import TOKEN, TenantProcess

INGRID = "ingrid.haugen@innkjop.example.no"
TIERS = (180, 90, 30, 14, 7, 1)


def test_recipient_language_prefers_the_chat_then_graph_then_bokmal() -> None:
    assert recipient_lang("en-US", "nb-NO") == "en"
    assert recipient_lang("nb-NO", "en-GB") == "nb"  # the chat wins over the directory
    assert recipient_lang(None, "en-GB") == "en"
    assert recipient_lang("", "en") == "en"
    assert recipient_lang(None, "nn-NO") == "nn"  # nynorsk from the directory
    assert recipient_lang("nn-NO", "nb-NO") == "nn"
    assert recipient_lang(None, "no-NY") == "nn"  # the older tag for nynorsk
    assert recipient_lang(None, "nb-NO") == "nb"
    assert recipient_lang(None, "se-NO") == "nb"  # Northern Sámi is not offered: bokmål
    assert recipient_lang(None, None) == "nb"
    assert recipient_lang("  ", "") == "nb"


def test_channel_language_setting() -> None:
    assert Settings.from_env({}).reminders.channel_lang == "nb"
    assert Settings.from_env({"REMINDER_CHANNEL_LANG": "EN"}).reminders.channel_lang == "en"
    assert Settings.from_env({"REMINDER_CHANNEL_LANG": "nn"}).reminders.channel_lang == "nn"
    with pytest.raises(SettingsError, match="REMINDER_CHANNEL_LANG"):
        Settings.from_env({"REMINDER_CHANNEL_LANG": "de"})


def _owners_with_reminders(data: Path) -> list[str]:
    path = next((data / "sites").glob("*/lists/kontraktsregister.json"))
    items = json.loads(path.read_text())["items"]
    register = read_rows((n, i["fields"], i["id"]) for n, i in enumerate(items, start=1))
    return sorted({r.contract.owner for r in due_reminders(register.contracts, TODAY, TIERS)})


@pytest.fixture
async def world(tmp_path: Path) -> AsyncIterator[tuple[World, str, str, str]]:
    """The demo tenant with one owner (not Ingrid) preferring English in Entra, and one
    preferring nynorsk."""
    data = tmp_path / "tenant"
    generate(data, TODAY)
    others = [o for o in _owners_with_reminders(data) if o != INGRID]
    assert len(others) >= 3, "the demo register has reminders for several owners"
    english, norwegian, nynorsk = others[0], others[1], others[2]
    directory = json.loads((data / "directory.json").read_text())
    for user in directory["users"]:
        if user["mail"] == english:
            user["preferredLanguage"] = "en-US"
        if user["mail"] == nynorsk:
            user["preferredLanguage"] = "nn-NO"
    (data / "directory.json").write_text(json.dumps(directory))
    tenant = TenantProcess(data).start()
    connector = ThrottlingConnector([])
    await connector.server.start_server()
    graph = build_graph_client(GraphSettings(local_url=tenant.url, local_token=TOKEN))
    state = tmp_path / "state.sqlite3"
    try:
        store = SqliteConversationStore(state)
        # Ingrid talks to the bot in an English Teams client.
        await store.save(
            ConversationReference(
                user=ChannelAccount(id="user-id-0", aad_object_id=INGRID_AAD),
                bot=ChannelAccount(id="28:bot"),
                conversation=ConversationAccount(id="a:ingrid"),
                channel_id="msteams",
                service_url=f"http://127.0.0.1:{connector.server.port}/",
            ),
            "personal",
            locale="en-US",
        )
        built = World(
            data,
            graph,
            connector,
            store,
            SqliteLedger(state),
            Settings(state=StateSettings(db=state)),
        )
        await built.remember(CHANNEL, "channel")
        yield built, english, norwegian, nynorsk
    finally:
        await close_graph_client(graph)
        await connector.server.close()
        tenant.stop()


def _headings(world: World) -> dict[str, list[str]]:
    """First TextBlock of every card sent, by conversation id."""
    chats = {"a:ingrid": INGRID_AAD, CHANNEL: "channel"}
    for n, created in enumerate(world.connector.created, start=1):
        chats[f"a:new-chat-{n}"] = created["members"][0]["id"]
    found: dict[str, list[str]] = {}
    for path, activity in zip(world.connector.paths, world.connector.received, strict=True):
        conversation = path.split("/v3/conversations/")[1].split("/activities")[0]
        card: dict[str, Any] = activity["attachments"][0]["content"]
        texts = [b.get("text", "") for b in card["body"] if b.get("type") == "TextBlock"]
        found.setdefault(chats.get(conversation, conversation), []).append(" | ".join(texts[:2]))
    return found


async def test_each_owner_reads_reminders_in_their_language(
    world: tuple[World, str, str, str],
) -> None:
    built, english, norwegian, nynorsk = world
    ids = {
        u["mail"]: u["id"] for u in json.loads((built.data / "directory.json").read_text())["users"]
    }
    scheduler = built.scheduler(
        TIERS,
        digest_weekday=TODAY.weekday(),
        calendar=CalendarGateway(built.graph),
        channel=CHANNEL,
    )
    result = await scheduler.tick()
    assert result.sent and not result.failed
    by_chat = _headings(built)

    def reminders(aad: str) -> list[str]:
        # "Reminder: …" for one deadline, "Reminders: 3 deadlines" for several.
        return [h for h in by_chat[aad] if h.startswith(("Reminder", "Påminn"))]

    def digests(aad: str) -> list[str]:
        return [h for h in by_chat[aad] if "overview" in h or "Ukeoversikt" in h]

    # Ingrid: the stored chat locale (en-US).
    assert reminders(INGRID_AAD) and all(
        h.startswith(("Reminder:", "Reminders:")) for h in reminders(INGRID_AAD)
    )
    assert digests(INGRID_AAD) and all(
        "Weekly overview: your deadlines" in h for h in digests(INGRID_AAD)
    )
    # No chat yet: the English-preferring owner from Graph, the other in bokmål.
    assert reminders(ids[english]) and all(
        h.startswith(("Reminder:", "Reminders:")) for h in reminders(ids[english])
    )
    assert reminders(ids[norwegian]) and all(
        h.startswith(("Påminnelse:", "Påminnelser:")) for h in reminders(ids[norwegian])
    )
    # Nynorsk in Entra: nynorsk reminders, never a bokmål word in their headings.
    assert reminders(ids[nynorsk]) and all(
        h.startswith(("Påminning:", "Påminningar:")) and "frister" not in h
        for h in reminders(ids[nynorsk])
    ), reminders(ids[nynorsk])
    # The channel copies stay bokmål by default.
    assert by_chat["channel"] and all(
        h.startswith(("Påminnelse:", "Påminnelser:")) for h in by_chat["channel"]
    )
    # Ingrid's calendar entries are English too.
    events = json.loads((built.data / "calendars" / f"{INGRID_AAD}.json").read_text())
    assert events
    english_kinds = ("Option notice", "Termination notice", "Expiry", "Final expiry", "Start the")
    assert all(e["subject"].startswith(english_kinds) for e in events), events

    # With REMINDER_CHANNEL_LANG=en the channel copies are English (a fresh ledger, so
    # everything goes out again).
    before = len(built.connector.received)
    again = World(
        built.data,
        built.graph,
        built.connector,
        built.store,
        SqliteLedger(built.data.parent / "other.sqlite3"),
        built.adapter_settings,
    ).scheduler(TIERS, channel=CHANNEL, channel_lang="en")
    second = await again.tick()
    assert second.channel == result.channel
    channel_now = _headings(built)["channel"][len(by_chat["channel"]) :]
    assert channel_now and all(h.startswith(("Reminder:", "Reminders:")) for h in channel_now)
    assert len(built.connector.received) > before
