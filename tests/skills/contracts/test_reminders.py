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


# Norwegian case numbers ("2024/017") and other ids with characters Table Storage refuses
# in keys; two ids that escaping could confuse; a long one that is hashed.
AWKWARD_IDS = ("2024/017", "2024~2f017", "K#1?x", "K\\1", "K\x01\x7f", "Kæ/ø", "K" * 600)


async def test_contract_ids_with_reserved_characters_are_claimed_and_kept_apart(
    make_ledger: Callable[[], Ledger],
) -> None:
    ledger = make_ledger()
    keys = [ReminderKey(cid, "expiry", "2026-12-05", 14) for cid in AWKWARD_IDS]
    for key in keys:
        assert await ledger.claim(key, "a", 600)
    for key in keys:
        assert not await ledger.claim(key, "b", 600)  # each id is its own row
        await ledger.mark_sent(key)
        assert not await ledger.claim(key, "b", 0)
    assert await ledger.sent_count() == len(AWKWARD_IDS)
    await ledger.snooze(keys[0].deadline_key, TODAY + timedelta(days=3))
    await ledger.acknowledge(keys[2].deadline_key, "Ingrid Haugen")
    later = [ReminderKey(cid, "expiry", "2026-12-05", 7) for cid in AWKWARD_IDS]
    assert [await ledger.quiet_reason(k, TODAY) for k in later] == [
        "snoozed",
        None,
        "acknowledged",
        None,
        None,
        None,
        None,
    ]


async def test_rows_written_before_keys_were_escaped_still_count(azurite: AzuriteTable) -> None:
    """Plain ids keep their keys byte for byte: an existing ledger's sent reminders and
    acknowledgements, written with the raw ids, still stop reminders after the upgrade."""
    prefix = f"t{uuid.uuid4().hex[:12]}"
    digest = ReminderKey("digest:ingrid@x.no", "weekly_digest", "2026-11-23", 0)
    channel = ReminderKey("K-1", "expiry@channel", "2026-12-05", 14)
    old_rows = [
        {"PartitionKey": k.contract_id, "RowKey": f"{k.kind}|{k.due}|{k.tier}", "state": "sent"}
        for k in (KEY, digest, channel)
    ]
    async with TableServiceClient.from_connection_string(azurite.connection_string) as service:
        for table, rows in (
            ("ledger", old_rows),
            (
                "status",
                [{"PartitionKey": "K-2", "RowKey": "expiry|2026-12-05", "acknowledged_by": "I"}],
            ),
        ):
            client = await service.create_table(f"{prefix}{table}")
            for row in rows:
                await client.create_entity(row)
            await client.close()
    ledger = TableLedger(
        TableServiceClient.from_connection_string(azurite.connection_string), prefix
    )
    try:
        for key in (KEY, digest, channel):
            assert not await ledger.claim(key, "new", 0)
        assert await ledger.sent_count() == 3
        quiet = await ledger.quiet_reason(ReminderKey("K-2", "expiry", "2026-12-05", 7), TODAY)
        assert quiet == "acknowledged"
    finally:
        await ledger.close()
