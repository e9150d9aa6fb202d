"""Proactive reminders in the local loop: the register in the local tenant, two bot
instances ticking at once, reminders in the owner's personal chat exactly once."""

from __future__ import annotations

import asyncio
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest

from skills.contracts.register import read_rows
from skills.contracts.reminders import due_reminders
from tests.support.procs import BotProcess
from tests.support.teams import TeamsClient, card_of, card_texts
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


@pytest.fixture
def bot(tmp_path: Path, tenant: TenantProcess) -> Iterator[BotProcess]:
    process = BotProcess(tmp_path, _env(tenant)).start()
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


def reminder_events(teams: TeamsClient) -> list[dict]:  # type: ignore[type-arg]
    def is_reminder(event: dict) -> bool:  # type: ignore[type-arg]
        card = card_of(event)
        if event.get("action") != "createMessage" or card is None:
            return False
        texts = card_texts(card)
        return bool(texts) and texts[0].startswith(("Påminnelse:", "Reminder:"))

    return [e for e in teams.events if is_reminder(e)]


async def test_reminders_reach_the_owner_once_with_two_instances(
    tmp_path: Path, bot: BotProcess, tenant: TenantProcess, teams: TeamsClient
) -> None:
    second = BotProcess(tmp_path, _env(tenant))  # same state file: a second instance
    second.start()
    try:
        await teams.send(teams.personal_chat, "hei")  # the owner's chat becomes known
        expected = expected_for_ingrid(tenant)
        assert expected, "the demo register has deadlines for Ingrid"
        deadline = asyncio.get_running_loop().time() + 60
        while asyncio.get_running_loop().time() < deadline:
            if len(reminder_events(teams)) >= len(expected):
                break
            await asyncio.sleep(0.5)
        await asyncio.sleep(4)  # several more ticks of both instances
        events = reminder_events(teams)
        seen = Counter(
            (
                e["message"]["attachments"][0]["content"]["actions"][0]["data"]["contract_id"],
                e["message"]["attachments"][0]["content"]["actions"][0]["data"]["kind"],
            )
            for e in events
        )
        assert set(seen) == expected
        assert all(count == 1 for count in seen.values()), seen
        assert all(e["actionConversationId"] == teams.personal_chat for e in events)
    finally:
        second.stop()

    # Acknowledge one from its card: the bot confirms, and the ledger goes quiet for it.
    event = events[0]
    data = event["message"]["attachments"][0]["content"]["actions"][0]["data"]
    status, body = await teams.invoke(
        teams.personal_chat, event["message"]["messageId"], "reminder.ack", data
    )
    assert status == 200, body
    assert any("no more reminders" in t for t in card_texts(body["value"]))
    from skills.contracts.ledger import SqliteLedger
    from skills.contracts.reminders import ReminderKey

    ledger = SqliteLedger(tmp_path / "state.sqlite3")
    key = ReminderKey(data["contract_id"], data["kind"], data["due"], 1)
    assert await ledger.quiet_reason(key, TODAY) == "acknowledged"
