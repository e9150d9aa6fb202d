"""Proactive reminders in the local loop: the register in the local tenant, two bot
instances ticking at once, reminders in the owner's personal chat exactly once, with
the ledger in SQLite and in Table Storage (Azurite)."""

from __future__ import annotations

import asyncio
from collections import Counter
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from skills.contracts.ledger import Ledger, SqliteLedger
from skills.contracts.register import read_rows
from skills.contracts.reminders import ReminderKey, due_reminders
from skills.contracts.table_ledger import TableLedger
from tests.support.azurite import AzuriteTable
from tests.support.procs import BotProcess, more_ticks
from tests.support.teams import TeamsClient, card_elements, card_of, card_texts
from tests.support.tenant import DEMO_TODAY, TOKEN, TenantProcess

TODAY = DEMO_TODAY
INGRID = "ingrid.haugen@innkjop.example.no"


def _env(tenant: TenantProcess) -> dict[str, str]:
    return {
        "GRAPH_LOCAL_URL": tenant.url,
        "GRAPH_LOCAL_TOKEN": TOKEN,
        "ASSISTANT_TODAY": TODAY.isoformat(),
        "REMINDER_INTERVAL_SECONDS": "1",
        "REMINDER_FIRST_DELAY_SECONDS": "0",
        "REMINDER_RETRY_SECONDS": "2",
    }


@pytest.fixture(params=["sqlite", "azurite"])
def ledger_env(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[dict[str, str]]:
    """Both instances share one ledger: the state file, or one Table Storage account."""
    if request.param == "sqlite":
        yield {}
        return
    (tmp_path / "azurite").mkdir()
    server = AzuriteTable(tmp_path / "azurite").start()
    try:
        yield {"STATE_TABLE_CONNECTION_STRING": server.connection_string}
    finally:
        server.stop()


def _ledger(tmp_path: Path, ledger_env: dict[str, str]) -> Ledger:
    if "STATE_TABLE_CONNECTION_STRING" in ledger_env:
        return TableLedger.from_connection_string(
            ledger_env["STATE_TABLE_CONNECTION_STRING"], "reminder"
        )
    return SqliteLedger(tmp_path / "state.sqlite3")


@pytest.fixture
def bot(tmp_path: Path, tenant: TenantProcess, ledger_env: dict[str, str]) -> Iterator[BotProcess]:
    process = BotProcess(tmp_path, _env(tenant) | ledger_env).start()
    try:
        yield process
    finally:
        process.stop()


def expected_for_ingrid(tenant: TenantProcess) -> set[tuple[str, str]]:
    import json

    data = json.loads(
        next((tenant.data / "sites").glob("*/lists/kontraktsregister.json")).read_text()
    )
    register = read_rows((n, i["fields"], i["id"]) for n, i in enumerate(data["items"], start=1))
    return {
        (r.contract.contract_id, r.deadline.kind.value)
        for r in due_reminders(register.contracts, TODAY)
        if r.contract.owner == INGRID
    }


def reminder_events(teams: TeamsClient) -> list[dict[str, Any]]:
    def is_reminder(event: dict[str, Any]) -> bool:
        card = card_of(event)
        if event.get("action") != "createMessage" or card is None:
            return False
        texts = card_texts(card)
        return bool(texts) and texts[0].startswith(
            ("Påminnelse:", "Reminder:", "Påminnelser:", "Reminders:")
        )

    return [e for e in teams.events if is_reminder(e)]


def buttons(card: Any, verb: str) -> list[dict[str, Any]]:
    """Every button with this verb, on a one-deadline card or in a grouped card's sections."""
    return [element for element in card_elements(card) if element.get("verb") == verb]


async def test_reminders_reach_the_owner_once_with_two_instances(
    tmp_path: Path,
    bot: BotProcess,
    tenant: TenantProcess,
    teams: TeamsClient,
    ledger_env: dict[str, str],
) -> None:
    second = BotProcess(tmp_path, _env(tenant) | ledger_env)  # same ledger: a second instance
    second.start()
    try:
        await teams.send(teams.personal_chat, "hei")  # the owner's chat becomes known
        expected = expected_for_ingrid(tenant)
        assert expected, "the demo register has deadlines for Ingrid"
        deadline = asyncio.get_running_loop().time() + 60
        while asyncio.get_running_loop().time() < deadline:
            delivered = {
                (button["data"]["contract_id"], button["data"]["kind"])
                for e in reminder_events(teams)
                for button in buttons(card_of(e), "reminder.ack")
            }
            if delivered >= expected:
                break
            await asyncio.sleep(0.5)
        await more_ticks([bot, second])  # nothing more may come in later ticks
        events = reminder_events(teams)
        seen = Counter(
            (button["data"]["contract_id"], button["data"]["kind"])
            for e in events
            for button in buttons(card_of(e), "reminder.ack")
        )
        assert set(seen) == expected
        assert all(count == 1 for count in seen.values()), seen
        assert all(e["actionConversationId"] == teams.personal_chat for e in events)
        # Grouped: far fewer messages than deadlines (two instances may split a tick).
        assert len(events) <= 2 < len(expected)
    finally:
        second.stop()

    # Acknowledge one from its card: the bot confirms, and the ledger goes quiet for it.
    event = max(events, key=lambda e: len(buttons(card_of(e), "reminder.ack")))
    on_card = buttons(card_of(event), "reminder.ack")
    data = on_card[0]["data"]
    status, body = await teams.invoke(
        teams.personal_chat, event["message"]["messageId"], "reminder.ack", data
    )
    assert status == 200, body
    assert any("no more reminders" in t for t in card_texts(body["value"]))
    # The reply replaces the card, so it says which contract and deadline it was about,
    # and keeps the card's other deadlines with their buttons.
    due = data["due"]
    assert any(f"on {due} for {data['contract_id']}" in t for t in card_texts(body["value"])), (
        card_texts(body["value"])
    )
    left = buttons(body["value"], "reminder.snooze")
    assert [b["data"]["due"] for b in left] == [b["data"]["due"] for b in on_card[1:]]
    # Snooze the next one with its own choice, merged into the data as Teams does.
    snooze = left[0]
    input_id = snooze["data"]["inputs"]["days"]
    status, body = await teams.invoke(
        teams.personal_chat,
        event["message"]["messageId"],
        "reminder.snooze",
        {**snooze["data"], input_id: "3", "days_99": "30"},
    )
    assert status == 200, body
    # Three days, as chosen in that section, not the default week nor another input's 30.
    until = TODAY + timedelta(days=3)
    snoozed = snooze["data"]
    texts = card_texts(body["value"])
    assert any(f"on {snoozed['due']} for {snoozed['contract_id']}" in t for t in texts), texts
    if date.fromisoformat(snoozed["due"]) >= until:
        assert any(f"comes {until.isoformat()}." in t for t in texts), texts
    ledger = _ledger(tmp_path, ledger_env)
    key = ReminderKey(data["contract_id"], data["kind"], data["due"], 1)
    try:
        assert await ledger.quiet_reason(key, TODAY) == "acknowledged"
    finally:
        if isinstance(ledger, TableLedger):
            await ledger.close()
