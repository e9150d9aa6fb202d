"""In the local loop: an English owner gets English reminder cards; snooze takes the
chosen days; acknowledging stops the next tier across a restart while another
deadline's next tier still comes."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from skills.contracts.register import read_rows
from skills.contracts.reminders import DEFAULT_TIERS, Reminder, due_reminders
from tests.integration.test_reminders_loop import INGRID, reminder_events
from tests.support.procs import BotProcess
from tests.support.teams import TeamsClient, card_of, card_texts
from tests.support.tenant import DEMO_TODAY, TOKEN, TenantProcess

TODAY = DEMO_TODAY


def _env(tenant: TenantProcess, today: date) -> dict[str, str]:
    return {
        "GRAPH_LOCAL_URL": tenant.url,
        "GRAPH_LOCAL_TOKEN": TOKEN,
        "ASSISTANT_TODAY": today.isoformat(),
        "REMINDER_INTERVAL_SECONDS": "1",
        "REMINDER_FIRST_DELAY_SECONDS": "0",
        "REMINDER_RETRY_SECONDS": "2",
        "REMINDER_DIGEST_WEEKDAY": "off",
    }


@pytest.fixture
def bot(tmp_path: Path, tenant: TenantProcess) -> Iterator[BotProcess]:
    process = BotProcess(tmp_path, _env(tenant, TODAY) | {"REMINDER_INTERVAL_SECONDS": "0"})
    process.start()
    try:
        yield process
    finally:
        process.stop()


def _ingrids(tenant: TenantProcess, today: date) -> dict[tuple[str, str], Reminder]:
    path = next((tenant.data / "sites").glob("*/lists/kontraktsregister.json"))
    items = json.loads(path.read_text())["items"]
    register = read_rows((n, i["fields"], i["id"]) for n, i in enumerate(items, start=1))
    return {
        (r.contract.contract_id, r.deadline.kind.value): r
        for r in due_reminders(register.contracts, today, DEFAULT_TIERS)
        if r.contract.owner == INGRID
    }


def _later_day_with_two_next_tiers(tenant: TenantProcess) -> tuple[date, list[tuple[str, str]]]:
    """The first day on which two of today's deadlines reach their next (lower) tier."""
    now = _ingrids(tenant, TODAY)
    for ahead in range(1, 200):
        later = _ingrids(tenant, TODAY + timedelta(days=ahead))
        moved = sorted(k for k, r in later.items() if k in now and r.tier < now[k].tier)
        if len(moved) >= 2:
            return TODAY + timedelta(days=ahead), moved
    raise AssertionError("the demo register has no two deadlines with a next tier")


def _data(event: dict[str, Any]) -> dict[str, str]:
    card = card_of(event) or {}
    ack = next(a for a in card["actions"] if a.get("verb") == "reminder.ack")
    return dict(ack["data"])


def _key(event: dict[str, Any]) -> tuple[str, str]:
    data = _data(event)
    return data["contract_id"], data["kind"]


async def _reminders_settle(teams: TeamsClient, count: int, start: int = 0) -> None:
    deadline = asyncio.get_running_loop().time() + 60
    while asyncio.get_running_loop().time() < deadline:
        if len(reminder_events(teams)[start:]) >= count:
            return
        await asyncio.sleep(0.5)
    raise AssertionError(f"expected {count} reminders, got {reminder_events(teams)[start:]}")


async def test_acknowledged_deadline_gets_no_next_tier_after_a_restart(
    bot: BotProcess, tenant: TenantProcess, teams: TeamsClient
) -> None:
    later, (acked, other) = _later_day_with_two_next_tiers(tenant)
    expected = _ingrids(tenant, TODAY)

    # The bot starts with reminders off: the owner's chat (and its en-US locale, which the
    # Playground speaks) is stored before the first tick, so no tick can race the greeting.
    await teams.send(teams.personal_chat, "hei")
    await teams.wait_for(lambda e: card_of(e) is not None, within=30)
    bot.stop()
    bot.env["REMINDER_INTERVAL_SECONDS"] = "1"
    bot.start()
    await _reminders_settle(teams, len(expected))
    events = {_key(e): e for e in reminder_events(teams)}
    assert set(events) == set(expected)

    # English owner, English cards: heading, buttons and the snooze choice.
    for event in events.values():
        card = card_of(event) or {}
        assert card_texts(card)[0].startswith("Reminder: ")
        titles = {a["title"] for a in card["actions"]}
        assert {"Got it", "Snooze"} <= titles and "Jeg har det" not in titles
        choice = next(b for b in card["body"] if b["type"] == "Input.ChoiceSet")
        assert choice["label"] == "Snooze the reminder"

    # Snooze with the choice merged into the action data, as Teams sends it; a bad value
    # is explained and changes nothing (the other deadline's next tier still comes below).
    bad = events[other]
    status, body = await teams.invoke(
        teams.personal_chat, bad["message"]["messageId"], "reminder.snooze",
        {**_data(bad), "days": "soon"},
    )  # fmt: skip
    assert status == 200, body
    assert "not a valid number of days" in card_texts(body["value"])[0]
    spare = [k for k in events if k not in (acked, other)]
    if spare:
        event = events[spare[0]]
        status, body = await teams.invoke(
            teams.personal_chat, event["message"]["messageId"], "reminder.snooze",
            {**_data(event), "days": "14"},
        )  # fmt: skip
        assert status == 200, body
        reply, until = card_texts(body["value"])[0], TODAY + timedelta(days=14)
        if date.fromisoformat(_data(event)["due"]) >= until:
            assert until.isoformat() in reply  # a reminder comes the day the snooze ends
        else:  # the deadline passes during the snooze: the reply says none will come
            assert "no more reminders" in reply and until.isoformat() not in reply

    event = events[acked]
    status, body = await teams.invoke(
        teams.personal_chat, event["message"]["messageId"], "reminder.ack", _data(event)
    )
    assert status == 200, body
    assert any("no more reminders" in t for t in card_texts(body["value"]))

    # Restart later on with the same state file and tenant: one tick's worth and more.
    bot.stop()
    bot.env["ASSISTANT_TODAY"] = later.isoformat()
    start = len(reminder_events(teams))
    bot.start()
    wait_until = asyncio.get_running_loop().time() + 60
    while other not in [_key(e) for e in reminder_events(teams)[start:]]:
        assert asyncio.get_running_loop().time() < wait_until, "the next tier never came"
        await asyncio.sleep(0.5)
    await asyncio.sleep(4)  # several more ticks
    after = [_key(e) for e in reminder_events(teams)[start:]]
    assert acked not in after, after
    assert after.count(other) == 1
