"""Reminder ticks against the local tenant and a connector on loopback: a 429 delays a
reminder to a later tick but never loses or doubles it; digests, channel copies and
calendar events go out once."""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from botbuilder.schema import ChannelAccount, ConversationAccount, ConversationReference
from msgraph.graph_service_client import GraphServiceClient

from bot.app import build_adapter
from bot.conversation_store import ConversationStore, SqliteConversationStore
from bot.proactive import ProactiveMessenger
from bot.reminders import ReminderScheduler, TickResult
from bot.render import card_for
from bot.settings import Settings, StateSettings
from graph.calendar import CalendarGateway
from graph.client import build_graph_client, close_graph_client
from graph.localtenant.demo import generate
from graph.settings import GraphSettings
from graph.sharepoint import SharePointGateway, SiteResolver
from graph.users import UsersGateway
from skills.contracts import ledger as ledger_module
from skills.contracts.actions import ReminderActionsPlugin
from skills.contracts.ledger import Claim, SqliteLedger
from skills.contracts.plugin import SharePointRegister
from skills.contracts.reminders import ReminderKey
from skills.i18n import speaking
from tests.bot.test_proactive import ThrottlingConnector
from tests.support.teams import card_elements
from tests.support.tenant import TOKEN, TenantProcess

TODAY = date(2026, 11, 25)
INGRID_AAD = "0b1e8a52-3c4d-4e5f-8a9b-100000000001"
CHANNEL = "19:kontrakter@thread.tacv2"


@dataclass
class World:
    """The demo tenant, a connector on loopback and the bot's state, with Ingrid's chat known."""

    data: Path
    graph: GraphServiceClient
    connector: ThrottlingConnector
    store: ConversationStore
    ledger: SqliteLedger
    adapter_settings: Settings

    async def remember(self, conversation_id: str, kind: str, aad: str | None = None) -> None:
        await self.store.save(
            ConversationReference(
                user=ChannelAccount(id="user-id-0", aad_object_id=aad) if aad else None,
                bot=ChannelAccount(id="28:bot"),
                conversation=ConversationAccount(id=conversation_id),
                channel_id="msteams",
                service_url=f"http://127.0.0.1:{self.connector.server.port}/",
            ),
            kind,
        )

    def scheduler(
        self, tiers: tuple[int, ...], today: Callable[[], date] = lambda: TODAY, **options: Any
    ) -> ReminderScheduler:
        async def no_wait(seconds: float) -> None:
            return None

        messenger = ProactiveMessenger(
            build_adapter(self.adapter_settings),
            self.store,
            "",
            attempts=2,
            sleep=no_wait,
            open_chats=options.pop("open_chats", True),
        )
        register = SharePointRegister(
            SharePointGateway(self.graph),
            SiteResolver(SharePointGateway(self.graph), "innkjop.example.no", "/sites/innkjop"),
            options.pop("register_list", "kontraktsregister"),
        )
        return ReminderScheduler(
            register,
            self.ledger,
            UsersGateway(self.graph),
            messenger,
            today,
            tiers,
            **options,
        )


@pytest.fixture
async def world(tmp_path: Path) -> AsyncIterator[World]:
    generate(tmp_path / "tenant", TODAY)
    tenant = TenantProcess(tmp_path / "tenant").start()
    connector = ThrottlingConnector([])
    await connector.server.start_server()
    graph = build_graph_client(GraphSettings(local_url=tenant.url, local_token=TOKEN))
    state = tmp_path / "state.sqlite3"
    try:
        world = World(
            tmp_path / "tenant",
            graph,
            connector,
            SqliteConversationStore(state),
            SqliteLedger(state),
            Settings(state=StateSettings(db=state)),
        )
        await world.remember("a:ingrid", "personal", INGRID_AAD)
        yield world
    finally:
        await close_graph_client(graph)
        await connector.server.close()
        tenant.stop()


async def test_throttled_reminder_is_sent_on_a_later_tick_exactly_once(world: World) -> None:
    scheduler = world.scheduler((180, 90, 30, 14, 7, 1), retry_failed_seconds=0)
    connector, ledger = world.connector, world.ledger
    connector.statuses[:] = [429, 429]  # both attempts for the first owner's card
    first = await scheduler.tick()
    throttled = [f for f in first.failed if "HTTP 429" in f]
    # The first owner's card held several deadlines; all of them wait for the next tick.
    assert len(throttled) >= 2 and len(throttled) == len(first.failed)
    delivered_first = list(connector.received)
    second = await scheduler.tick()
    third = await scheduler.tick()
    assert third.sent == 0  # nothing left for anyone, and nothing sent twice
    keys = reminded(connector)
    # The throttled card reached the connector twice as 429s, then once for real.
    assert second.sent == len(throttled) and second.cards == 1
    assert len(set(keys)) == first.sent + second.sent
    assert len(keys) == first.sent + second.sent + 2 * len(throttled)
    assert len(delivered_first) == first.cards + 2
    assert await ledger.sent_count() == first.sent + second.sent


async def test_one_card_per_owner_and_tick_with_a_section_per_deadline(world: World) -> None:
    """The import list has fixed dates. On 25.11.2026 with tiers 180..1, 2024-101
    (Ingrid; ends 28.02.2027, option notice 3 months) owes two reminders: the option
    notice, 28.11.2026 moved to Friday 27.11 (2 days, tier 7), and the expiry
    28.02.2027 (95 days, tier 180). They come as one card, soonest first, each section
    with its own snooze input. Lars's 2024-102 (ends 31.12.2026, its notice already
    past) owes one reminder: the one-deadline card. Also due: Marte's 2025-201 (renews
    itself; 3 months' notice before 30.04.2027 is Saturday 30.01, so Friday 29.01, and
    the expiry) and Sofie's 2024-103 (expiry 31.01.2027, its notice past). Henrik's
    2025-202 ends 31.05.2027, 187 days ahead, past the longest tier."""
    scheduler = world.scheduler(
        (180, 90, 30, 14, 7, 1), register_list="kontraktsregister-import", channel=CHANNEL
    )
    await world.remember(CHANNEL, "channel")
    first = await scheduler.tick()
    by_chat = {
        path.split("/conversations/")[1].split("/")[0]: activity["attachments"][0]["content"]
        for path, activity in zip(world.connector.paths, world.connector.received, strict=True)
    }
    card = by_chat["a:ingrid"]
    sections = [item for item in card["body"] if item.get("type") == "Container"]
    keys = [
        (d["contract_id"], d["kind"], d["due"])
        for d in (section["items"][-1]["actions"][0]["data"] for section in sections)
    ]
    assert keys == [
        ("2024-101", "option_notice", "2026-11-27"),
        ("2024-101", "expiry", "2027-02-28"),
    ]
    assert card["body"][0]["text"] == "Påminnelser: 2 frister"
    assert [section["items"][3]["id"] for section in sections] == ["days_1", "days_2"]
    snooze = sections[1]["items"][-1]["actions"][1]
    assert snooze["verb"] == "reminder.snooze"
    assert snooze["data"]["inputs"] == {"days": "days_2"}
    assert snooze["data"]["group"] == "2024-101|option_notice|2026-11-27;2024-101|expiry|2027-02-28"
    # Lars's single deadline keeps the one-deadline card.
    lars = next(c for chat, c in by_chat.items() if chat.startswith("a:new-chat"))
    assert lars["body"][0]["text"] == "Påminnelse: Utløp"
    assert lars["actions"][0]["data"] == {
        "contract_id": "2024-102",
        "kind": "expiry",
        "due": "2026-12-31",
    }
    # Six reminders in four personal cards; the channel gets one card with all six.
    assert (first.sent, first.cards, first.channel) == (6, 4, 6)
    channel = by_chat[CHANNEL]
    assert len([i for i in channel["body"] if i.get("type") == "Container"]) == 6


async def test_weekly_digest_once_per_owner_and_calendar_events_once_per_deadline(
    world: World,
) -> None:
    scheduler = world.scheduler(
        (30, 14, 7, 1),
        digest_weekday=TODAY.weekday(),
        calendar=CalendarGateway(world.graph),
        channel=CHANNEL,
    )
    await world.remember(CHANNEL, "channel")
    first = await scheduler.tick()
    second = await scheduler.tick()
    connector = world.connector
    # Every owner gets a chat opened and one digest this week; a second tick sends none.
    assert first.digests >= 3 and second.digests == 0 and second.sent == 0
    # The channel got each reminder once too.
    assert first.channel == first.sent and second.channel == 0
    channel_posts = [
        activity
        for path, activity in zip(connector.paths, connector.received, strict=True)
        if "19:kontrakter" in path
    ]
    # One post with a section per deadline.
    assert len(channel_posts) == 1
    assert len(reminded_in(channel_posts)) == first.channel
    digests = [
        a
        for a in connector.received
        if a.get("attachments") and "Ukeoversikt" in str(a["attachments"][0]["content"]["body"][1])
    ]
    assert len(digests) == first.digests
    events = json.loads((world.data / "calendars" / f"{INGRID_AAD}.json").read_text())
    subjects = [e["subject"] for e in events]
    assert subjects and len(subjects) == len(set(subjects))


class LedgerFailingOnce(SqliteLedger):
    """A ledger whose store fails once: for the first reminder asked about, and for the
    first digest claimed (as a Table Storage outage for one partition would)."""

    def __init__(self, path: Path) -> None:
        super().__init__(path)
        self.broken: list[ReminderKey] = []

    async def quiet_reason(self, key: ReminderKey, today: date) -> str | None:
        if not self.broken:
            self.broken.append(key)
            raise OSError("ledger unavailable")
        return await super().quiet_reason(key, today)

    async def claim(
        self, key: ReminderKey, instance: str, lease_seconds: float, retry_after: float = 0.0
    ) -> Claim:
        if key.kind == "weekly_digest" and len(self.broken) == 1:
            self.broken.append(key)
            raise OSError("ledger unavailable")
        return await super().claim(key, instance, lease_seconds, retry_after)


async def test_a_ledger_error_for_one_reminder_spares_the_others_and_the_digests(
    world: World, tmp_path: Path
) -> None:
    world.ledger = ledger = LedgerFailingOnce(tmp_path / "state.sqlite3")
    scheduler = world.scheduler((30, 14, 7, 1), digest_weekday=TODAY.weekday())
    first = await scheduler.tick()
    reminder_key, digest_key = ledger.broken
    assert first.due >= 3 and first.sent == first.due - 1  # every other reminder went out
    assert first.digests >= 2  # and every other owner's digest
    assert len(first.failed) == 2
    assert first.failed[0].startswith(f"{reminder_key.contract_id}/{reminder_key.kind}: ")
    assert first.failed[1].startswith(f"{digest_key.contract_id}/weekly_digest: ")
    second = await scheduler.tick()  # the ledger is back: only what failed goes now
    assert (second.sent, second.digests, second.failed) == (1, 1, [])
    assert await ledger.sent_count() == first.due + first.digests + 1


def reminded(connector: ThrottlingConnector) -> list[tuple[str, str, str]]:
    """The deadlines (contract, kind, due) of the reminder cards the connector received,
    a card with one deadline or a section each."""
    return reminded_in(connector.received)


def reminded_in(activities: list[dict[str, Any]]) -> list[tuple[str, str, str]]:
    return [
        (element["data"]["contract_id"], element["data"]["kind"], element["data"]["due"])
        for activity in activities
        for element in card_elements(activity.get("attachments"))
        if element.get("verb") == "reminder.ack"
    ]


async def test_a_snooze_ends_with_one_reminder_on_its_last_day_then_the_tiers_go_on(
    world: World,
) -> None:
    """Snoozed for 3 days after the 30-day reminder: nothing for two days, exactly one
    reminder on the third (from two instances ticking), then the 14-day tier as usual."""
    day = [TODAY]
    instances = [world.scheduler((30, 14, 7, 1), lambda: day[0]) for _ in range(2)]
    await instances[0].tick()
    # A deadline 18..30 days ahead: its 30-day reminder went today, its 14-day one is
    # due after the snooze is over.
    ahead = sorted(
        {d for d in reminded(world.connector) if (date.fromisoformat(d[2]) - TODAY).days >= 18}
    )
    assert ahead, "the demo register has a deadline 18..30 days ahead"
    deadline = ahead[0]
    due = date.fromisoformat(deadline[2])
    actions = ReminderActionsPlugin(world.ledger, lambda: TODAY)
    with speaking("en"):
        reply = await actions.snooze(*deadline, days="3")
    end = TODAY + timedelta(days=3)
    assert reply.text.endswith(f"comes {end.isoformat()}.")
    per_day: dict[date, int] = {}
    while day[0] < due - timedelta(days=14):
        day[0] += timedelta(days=1)
        before = len(reminded(world.connector))
        for scheduler in instances:
            await scheduler.tick()
        per_day[day[0]] = reminded(world.connector)[before:].count(deadline)
    assert per_day[end] == 1  # the snooze's promise, once though two instances ticked
    assert per_day[due - timedelta(days=14)] == 1  # the next tier still comes
    assert sum(per_day.values()) == 2  # and nothing on any other day


async def test_in_local_mode_owners_without_a_chat_wait_with_one_log_line_each(
    world: World, caplog: pytest.LogCaptureFixture
) -> None:
    scheduler = world.scheduler((180, 90, 30, 14, 7, 1), retry_failed_seconds=0, open_chats=False)
    with caplog.at_level(logging.INFO, logger="bot.reminders"):
        first = await scheduler.tick()
        second = await scheduler.tick()
    waiting = [r for r in caplog.records if "wait until they write to the bot" in r.getMessage()]
    owners = {r.getMessage().split()[2] for r in waiting}
    # Ingrid has a chat and gets hers; every other owner is named once, over two ticks.
    assert first.sent > 0 and len(waiting) == len(owners) >= 1
    assert "ingrid.haugen@innkjop.example.no" not in owners
    assert not any(r.exc_info for r in caplog.records if r.name == "bot.reminders")
    assert second.sent == 0 and world.connector.created == []


async def test_the_first_tick_waits_for_a_conversation_and_failed_sends_retry_in_seconds(
    world: World, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Hourly ticks, but nothing before the first conversation is stored; then owners
    the bot cannot reach yet are tried again within seconds (scaled: 0.2 s, 0.4 s …),
    while Ingrid, who wrote, gets her card once."""
    monkeypatch.setattr(ledger_module, "RETRY_BASE_SECONDS", 0.2)
    world.store = SqliteConversationStore(tmp_path / "fresh.sqlite3")  # nobody wrote yet
    scheduler = world.scheduler(
        (180, 90, 30, 14, 7, 1), register_list="kontraktsregister-import", open_chats=False
    )
    ticks: list[TickResult] = []
    three = asyncio.Event()
    tick = scheduler.tick

    async def counted() -> TickResult:
        ticks.append(await tick())
        if len(ticks) >= 3:
            three.set()
        return ticks[-1]

    monkeypatch.setattr(scheduler, "tick", counted)
    task = asyncio.create_task(scheduler.run(3600, 0, poll_seconds=0.05))
    try:
        await asyncio.sleep(0.5)
        assert ticks == []  # waiting, not failing against an empty store
        await world.remember("a:ingrid", "personal", INGRID_AAD)
        async with asyncio.timeout(10):
            await three.wait()
    finally:
        task.cancel()
    first, second = ticks[0], ticks[1]
    assert (first.sent, first.cards) == (2, 1)  # Ingrid's two deadlines, one card
    assert len(first.failed) == 4  # Lars, Marte (two), Sofie: no chat yet
    assert second.sent == 0 and len(second.failed) == 4  # tried again within a second
    assert reminded(world.connector) == [
        ("2024-101", "option_notice", "2026-11-27"),
        ("2024-101", "expiry", "2027-02-28"),
    ]


async def test_a_button_on_a_grouped_card_keeps_the_deadlines_not_yet_dealt_with(
    world: World,
) -> None:
    """Teams replaces the card with the reply: the reply names what was done and still
    shows the other deadline of the group, with its own buttons."""
    group = "2024-101|option_notice|2026-11-27;2024-101|expiry|2027-02-28"
    register = SharePointRegister(
        SharePointGateway(world.graph),
        SiteResolver(SharePointGateway(world.graph), "innkjop.example.no", "/sites/innkjop"),
        "kontraktsregister-import",
    )
    actions = ReminderActionsPlugin(world.ledger, lambda: TODAY, register)
    with speaking("nb"):
        reply = await actions.acknowledge("2024-101", "option_notice", "2026-11-27", group=group)
    card = card_for(reply)
    assert card is not None
    assert card["body"][0]["text"] == (
        "Notert: ingen flere påminnelser om opsjonsfrist 27.11.2026 for 2024-101."
    )
    sections = [item for item in card["body"] if item.get("type") == "Container"]
    assert len(sections) == 1
    assert sections[0]["items"][0]["text"] == "Utløp: 2024-101 Skolemøbler"
    assert sections[0]["items"][-1]["actions"][0]["data"]["due"] == "2027-02-28"
    # A refused snooze changes nothing, so the open deadline stays on the card.
    with speaking("nb"):
        refused = await actions.snooze("2024-101", "expiry", "2027-02-28", days="x", group=group)
    assert [r.deadline.due.isoformat() for r, _ in refused.still_open] == ["2027-02-28"]
    # The last one snoozed (its input picked by the button): the plain reply is left.
    with speaking("nb"):
        last = await actions.snooze("2024-101", "expiry", "2027-02-28", days="3", group=group)
    assert last.still_open == ()
    assert (
        last.text == "Utsatt: neste påminnelse om utløp 28.02.2027 for 2024-101 kommer 28.11.2026."
    )


class Crash(BaseException):
    """The process dying: not an error the scheduler could catch and record."""


class LedgerDyingAfterTheSend(SqliteLedger):
    """The connector has the card, then the instance dies before "sent" is written."""

    async def mark_sent(self, key: ReminderKey) -> None:
        raise Crash


async def test_a_crash_in_the_send_window_repeats_the_reminder_once_marked(
    world: World, tmp_path: Path
) -> None:
    state = tmp_path / "state.sqlite3"
    world.ledger = LedgerDyingAfterTheSend(state)
    dying = world.scheduler((180, 90, 30, 14, 7, 1), register_list="kontraktsregister-import")
    with pytest.raises(Crash):
        await dying.tick()
    first = reminded(world.connector)
    assert first == [
        ("2024-101", "option_notice", "2026-11-27"),
        ("2024-101", "expiry", "2027-02-28"),
    ]
    # Another instance, once the lease is over: Ingrid's card again, marked, and the rest.
    world.ledger = SqliteLedger(state)
    survivor = world.scheduler(
        (180, 90, 30, 14, 7, 1), register_list="kontraktsregister-import", lease_seconds=0
    )
    result = await survivor.tick()
    assert result.resumed == 2 and result.sent == 6
    ingrid = [
        a["attachments"][0]["content"]
        for path, a in zip(world.connector.paths, world.connector.received, strict=True)
        if "/a:ingrid/" in path
    ]
    assert len(ingrid) == 2
    notes = [
        item["text"]
        for section in ingrid[1]["body"]
        if section.get("type") == "Container"
        for item in section["items"]
        if "kan ha kommet før" in item.get("text", "")
    ]
    assert (
        notes == ["Denne påminnelsen kan ha kommet før: tjenesten stoppet mens den ble sendt."] * 2
    )
    # The others were never sent before: no mark on theirs.
    others = [
        a
        for p, a in zip(world.connector.paths, world.connector.received, strict=True)
        if "/a:ingrid/" not in p
    ]
    assert others and not any(
        "kan ha kommet før" in json.dumps(a, ensure_ascii=False) for a in others
    )
    # Nothing is sent a third time.
    again = await survivor.tick()
    assert again.sent == 0 and again.resumed == 0


async def test_the_monthly_plan_reaches_its_channel_once_from_two_instances(
    world: World,
) -> None:
    """Two instances tick over the same ledger: the month's plan goes to the plan's
    channel once, in bokmål, with what must start in the next 60 days and what is late;
    the next ticks that month send nothing."""
    from bot.app import monthly_plan_card
    from skills.market_dialogue.thresholds import load_thresholds
    from skills.plan.lead_times import load_lead_times
    from skills.plan.plugin import PlanPlugin

    sharepoint = SharePointGateway(world.graph)
    site = SiteResolver(sharepoint, "innkjop.example.no", "/sites/innkjop")
    plan = PlanPlugin(
        sharepoint, site, SharePointRegister(sharepoint, site, "kontraktsregister"),
        load_lead_times(), load_thresholds(), today=lambda: TODAY,
    )  # fmt: skip
    plan_channel = "19:anskaffelsesplan@thread.tacv2"
    await world.remember(plan_channel, "channel")
    first, second = (
        world.scheduler((1,), monthly_plan=monthly_plan_card(plan), plan_channel=plan_channel)
        for _ in range(2)
    )
    results = await asyncio.gather(first.tick(), second.tick())
    assert sorted(r.plan for r in results) == [0, 1]
    again = await asyncio.gather(first.tick(), second.tick())
    assert [r.plan for r in again] == [0, 0]
    posts = [
        activity["attachments"][0]["content"]
        for path, activity in zip(world.connector.paths, world.connector.received, strict=True)
        if "anskaffelsesplan" in path
    ]
    assert len(posts) == 1
    texts = [e.get("text", "") for e in card_elements(posts[0]) if e.get("type") == "TextBlock"]
    assert texts[0] == "Skal starte de neste 60 dagene, og det som er forsinket"
    assert "for sent: arbeidet burde allerede ha startet" in texts
