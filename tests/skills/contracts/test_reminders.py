"""Reminder tiers and the ledger's exactly-once claims."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator, Callable
from datetime import date, timedelta
from pathlib import Path

import pytest
from azure.data.tables.aio import TableServiceClient

from skills.contracts.ledger import Ledger, SqliteLedger
from skills.contracts.model import Contract, DeadlineKind
from skills.contracts.reminders import ReminderKey, due_reminders, parse_tiers
from skills.contracts.table_ledger import TableLedger
from tests.support.azurite import AzuriteTable

TODAY = date(2026, 11, 25)


def contract(end: date, **changes: object) -> Contract:
    base: dict[str, object] = {
        "contract_id": "K-1",
        "title": "Renhold",
        "supplier": "Rent AS",
        "org_nr": "",
        "owner": "ingrid@x.no",
        "category": "Renhold",
        "framework": False,
        "period_start": None,
        "period_end": end,
        "lead_time_months": 6,
    }
    base.update(changes)
    return Contract(**base)  # type: ignore[arg-type]


def test_the_smallest_reached_tier_is_due() -> None:
    (reminder,) = [
        r
        for r in due_reminders([contract(TODAY + timedelta(days=10))], TODAY)
        if r.deadline.kind == DeadlineKind.EXPIRY
    ]
    assert reminder.tier == 14 and reminder.days_left == 10
    assert due_reminders([contract(TODAY + timedelta(days=400))], TODAY, (180, 30)) == []


def test_deadline_today_is_reminded_and_past_ones_are_not() -> None:
    today_due = due_reminders([contract(TODAY, options_months=())], TODAY, (7, 1, 0))
    assert [(r.deadline.kind, r.tier) for r in today_due] == [(DeadlineKind.EXPIRY, 0)]
    assert due_reminders([contract(TODAY - timedelta(days=1))], TODAY) == []


def test_tiers_setting() -> None:
    assert parse_tiers("1, 30,7") == (30, 7, 1)
    with pytest.raises(ValueError):
        parse_tiers("x")


KEY = ReminderKey("K-1", "expiry", "2026-12-05", 14)


@pytest.fixture(params=["sqlite", "table"])
async def make_ledger(
    request: pytest.FixtureRequest, tmp_path: Path
) -> AsyncIterator[Callable[[], Ledger]]:
    """The same tests run against SQLite and against Table Storage in Azurite."""
    made: list[TableLedger] = []
    if request.param == "sqlite":
        yield lambda: SqliteLedger(tmp_path / "state.sqlite3")
        return
    server: AzuriteTable = request.getfixturevalue("azurite")
    prefix = f"t{uuid.uuid4().hex[:12]}"

    def table() -> Ledger:
        ledger = TableLedger(
            TableServiceClient.from_connection_string(server.connection_string), prefix
        )
        made.append(ledger)
        return ledger

    yield table
    for ledger in made:
        await ledger.close()


async def test_only_one_of_many_concurrent_claims_wins(make_ledger: Callable[[], Ledger]) -> None:
    ledgers = [make_ledger() for _ in range(4)]
    wins = await asyncio.gather(
        *(ledger.claim(KEY, f"instance-{n}", 600) for n, ledger in enumerate(ledgers * 3))
    )
    assert wins.count(True) == 1


async def test_expired_claim_and_failed_send_are_taken_again(
    make_ledger: Callable[[], Ledger],
) -> None:
    ledger = make_ledger()
    assert await ledger.claim(KEY, "a", 600)
    assert not await ledger.claim(KEY, "b", 600)  # a live claim blocks
    assert await ledger.claim(KEY, "b", 0)  # a crashed instance's claim expires
    await ledger.mark_failed(KEY, "429")
    assert not await ledger.claim(KEY, "c", 600, retry_after=300)  # not yet
    assert await ledger.claim(KEY, "c", 600)  # a failed send is retried
    await ledger.mark_sent(KEY)
    assert not await ledger.claim(KEY, "d", 0)  # a sent reminder never goes again
    assert await ledger.sent_count() == 1


async def test_acknowledge_silences_every_tier_and_snooze_pauses(
    make_ledger: Callable[[], Ledger],
) -> None:
    ledger = make_ledger()
    next_tier = ReminderKey("K-1", "expiry", "2026-12-05", 7)
    assert await ledger.quiet_reason(next_tier, TODAY) is None
    await ledger.snooze(KEY.deadline_key, TODAY + timedelta(days=7))
    assert await ledger.quiet_reason(next_tier, TODAY) == "snoozed"
    assert await ledger.quiet_reason(next_tier, TODAY + timedelta(days=7)) is None
    await ledger.acknowledge(KEY.deadline_key, "Ingrid Haugen")
    assert await ledger.quiet_reason(next_tier, TODAY + timedelta(days=30)) == "acknowledged"
    other = ReminderKey("K-2", "expiry", "2026-12-05", 7)
    assert await ledger.quiet_reason(other, TODAY) is None
