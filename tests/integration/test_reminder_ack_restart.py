"""In the local loop: an English owner gets English reminder cards; snooze takes the
chosen days; acknowledging stops the next tier across a restart while another
deadline's next tier still comes."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from skills.contracts.register import read_rows
from skills.contracts.reminders import DEFAULT_TIERS, Reminder, due_reminders
from tests.integration.test_reminders_loop import INGRID, buttons, reminder_events
from tests.support.procs import BotProcess, more_ticks
from tests.support.teams import TeamsClient, card_elements, card_of, card_texts
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


@dataclass(frozen=True)
class Section:
    """One deadline on a reminder card (alone, or a section of a grouped card)."""

    event: dict[str, Any]
    ack: dict[str, Any]
    snooze: dict[str, Any]

    def snooze_data(self, days: str) -> dict[str, Any]:
        """The snooze button's data with its own choice merged in, as Teams sends it."""
        data = dict(self.snooze["data"])
        data[data.get("inputs", {}).get("days", "days")] = days
        return data


def _sections(events: list[dict[str, Any]]) -> list[tuple[tuple[str, str], Section]]:
    found = []
    for event in events:
        card = card_of(event) or {}
        for ack, snooze in zip(
            buttons(card, "reminder.ack"), buttons(card, "reminder.snooze"), strict=True
        ):
            key = (ack["data"]["contract_id"], ack["data"]["kind"])
            found.append((key, Section(event, ack, snooze)))
    return found


def _keys(events: list[dict[str, Any]]) -> list[tuple[str, str]]:
    return [key for key, _ in _sections(events)]


async def _reminders_settle(teams: TeamsClient, count: int, start: int = 0) -> None:
    deadline = asyncio.get_running_loop().time() + 60
    while asyncio.get_running_loop().time() < deadline:
        if len(_keys(reminder_events(teams)[start:])) >= count:
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
    sections = dict(_sections(reminder_events(teams)))
    assert set(sections) == set(expected)

    # English owner, English cards: heading, buttons and the snooze choice.
    for event in reminder_events(teams):
        card = card_of(event) or {}
        assert card_texts(card)[0].startswith(("Reminder: ", "Reminders: "))
        titles = {
            b["title"] for verb in ("reminder.ack", "reminder.snooze") for b in buttons(card, verb)
        }
        assert titles == {"Got it", "Snooze"}
        assert "Jeg har det" not in json.dumps(card, ensure_ascii=False)
        choices = [i for i in card_elements(card) if i.get("type") == "Input.ChoiceSet"]
        assert choices and all(c["label"] == "Snooze the reminder" for c in choices)

    # Snooze with the choice merged into the action data, as Teams sends it; a bad value
    # is explained and changes nothing (the other deadline's next tier still comes below).
    bad = sections[other]
    status, body = await teams.invoke(
        teams.personal_chat, bad.event["message"]["messageId"], "reminder.snooze",
        bad.snooze_data("soon"),
    )  # fmt: skip
    assert status == 200, body
    assert "not a valid number of days" in card_texts(body["value"])[0]
    spare = [k for k in sections if k not in (acked, other)]
    if spare:
        section = sections[spare[0]]
        status, body = await teams.invoke(
            teams.personal_chat, section.event["message"]["messageId"], "reminder.snooze",
            section.snooze_data("14"),
        )  # fmt: skip
        assert status == 200, body
        reply, until = card_texts(body["value"])[0], TODAY + timedelta(days=14)
        if date.fromisoformat(section.ack["data"]["due"]) >= until:
            assert until.isoformat() in reply  # a reminder comes the day the snooze ends
        else:  # the deadline passes during the snooze: the reply says none will come
            assert "no more reminders" in reply and until.isoformat() not in reply

    section = sections[acked]
    status, body = await teams.invoke(
        teams.personal_chat, section.event["message"]["messageId"], "reminder.ack",
        section.ack["data"],
    )  # fmt: skip
    assert status == 200, body
    assert any("no more reminders" in t for t in card_texts(body["value"]))

    # Restart later on with the same state file and tenant: one tick's worth and more.
    bot.stop()
    bot.env["ASSISTANT_TODAY"] = later.isoformat()
    start = len(reminder_events(teams))
    bot.start()
    wait_until = asyncio.get_running_loop().time() + 60
    while other not in _keys(reminder_events(teams)[start:]):
        assert asyncio.get_running_loop().time() < wait_until, "the next tier never came"
        await asyncio.sleep(0.5)
    await more_ticks([bot])  # several more ticks: nothing else may come
    after = _keys(reminder_events(teams)[start:])
    assert acked not in after, after
    assert after.count(other) == 1
