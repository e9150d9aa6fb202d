"""Reminder tiers and the ledger's exactly-once claims."""

from __future__ import annotations

import asyncio
import sqlite3
import uuid
from collections.abc import AsyncIterator, Callable
from datetime import date, timedelta
from pathlib import Path

import pytest
from azure.data.tables.aio import TableServiceClient

from skills.contracts import ledger as ledger_module
from skills.contracts import table_ledger as table_ledger_module
from skills.contracts.ledger import Claim, Ledger, SqliteLedger, retry_wait
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
    assert wins.count(Claim.NEW) == 1


async def test_expired_claim_and_failed_send_are_taken_again(
    make_ledger: Callable[[], Ledger],
) -> None:
    ledger = make_ledger()
    assert await ledger.claim(KEY, "a", 600) is Claim.NEW
    assert await ledger.claim(KEY, "b", 600) is Claim.NO  # a live claim blocks
    # A crashed instance's "sending" claim expires: taken again, and said to be a resume
    # (the crashed send may have reached the owner).
    assert await ledger.claim(KEY, "b", 0) is Claim.RESUMED
    await ledger.mark_failed(KEY, "429")
    assert await ledger.claim(KEY, "c", 600, retry_after=300) is Claim.NO  # not yet
    assert await ledger.claim(KEY, "c", 600) is Claim.RETRY  # a failed send is retried
    await ledger.mark_sent(KEY)
    assert await ledger.claim(KEY, "d", 0) is Claim.NO  # a sent reminder never goes again
    assert await ledger.sent_count() == 1


def test_failed_sends_wait_5_10_20_seconds_and_so_on_up_to_the_cap() -> None:
    assert [retry_wait(n, 300) for n in (1, 2, 3, 4, 5, 6, 7, 50)] == [
        5.0,
        10.0,
        20.0,
        40.0,
        80.0,
        160.0,
        300.0,
        300.0,
    ]
    assert retry_wait(1, 0) == 0.0  # no wait asked, none taken


class _Clock:
    """The ledgers' wall clock, moved by the test instead of waited for."""

    def __init__(self) -> None:
        self.now = 1_800_000_000.0

    def time(self) -> float:
        return self.now


async def test_a_failed_send_is_taken_again_after_a_growing_wait(
    make_ledger: Callable[[], Ledger], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Waits of 5 s, then 10 s, then the 12 s cap asked for (retry_after), on a clock the
    test moves: no sleeping, and no race with a busy machine."""
    clock = _Clock()
    monkeypatch.setattr(ledger_module, "time", clock)
    monkeypatch.setattr(table_ledger_module, "time", clock)
    ledger = make_ledger()
    assert await ledger.claim(KEY, "a", 600, retry_after=12)
    await ledger.mark_failed(KEY, "no chat yet")
    assert not await ledger.claim(KEY, "b", 600, retry_after=12)
    clock.now += 4.9
    assert not await ledger.claim(KEY, "b", 600, retry_after=12)
    clock.now += 0.2
    assert await ledger.claim(KEY, "b", 600, retry_after=12)  # after 5 s
    await ledger.mark_failed(KEY, "no chat yet")
    clock.now += 9.9
    assert not await ledger.claim(KEY, "c", 600, retry_after=12)  # 10 s now
    clock.now += 0.2
    assert await ledger.claim(KEY, "c", 600, retry_after=12)
    await ledger.mark_failed(KEY, "no chat yet")
    clock.now += 11.9
    assert not await ledger.claim(KEY, "d", 600, retry_after=12)
    clock.now += 0.2
    assert await ledger.claim(KEY, "d", 600, retry_after=12)  # 20 s, cut to the 12 s cap


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
    # Teams may send no display name: the acknowledgement counts all the same.
    await ledger.acknowledge(other.deadline_key, "")
    assert await ledger.quiet_reason(other, TODAY) == "acknowledged"


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


async def test_an_ended_snooze_owes_one_follow_up_until_a_reminder_goes_out(
    make_ledger: Callable[[], Ledger],
) -> None:
    ledger = make_ledger()
    tier_30 = ReminderKey("2024/017", "expiry", "2026-12-20", 30)
    assert await ledger.claim(tier_30, "a", 600)
    await ledger.mark_sent(tier_30)
    assert await ledger.snooze_ended(tier_30, TODAY) is None  # never snoozed
    until = TODAY + timedelta(days=3)
    await ledger.snooze(tier_30.deadline_key, until)
    assert await ledger.snooze_ended(tier_30, until - timedelta(days=1)) is None  # still snoozed
    assert await ledger.snooze_ended(tier_30, until) == until
    assert await ledger.snooze_ended(tier_30, until + timedelta(days=1)) == until
    # The next tier's reminder has not gone yet: that one is the reminder, not a follow-up.
    tier_14 = ReminderKey("2024/017", "expiry", "2026-12-20", 14)
    assert await ledger.snooze_ended(tier_14, until) is None
    assert await ledger.claim(tier_14, "a", 600)
    assert await ledger.snooze_ended(tier_14, until) is None  # claimed, maybe being sent now
    await ledger.mark_sent(tier_14)
    assert await ledger.snooze_ended(tier_14, until) is None  # sent after the snooze began
    assert await ledger.snooze_ended(tier_30, until) is None
    # Another deadline of the same contract keeps its own snooze; acknowledging ends it all.
    option = ReminderKey("2024/017", "option_notice", "2026-12-20", 30)
    assert await ledger.claim(option, "a", 600)
    await ledger.mark_sent(option)
    await ledger.snooze(option.deadline_key, until)
    assert await ledger.snooze_ended(option, until) == until
    await ledger.acknowledge(option.deadline_key, "Ingrid Haugen")
    assert await ledger.snooze_ended(option, until) is None


async def test_a_ledger_file_from_before_follow_ups_opens_and_owes_none(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    with sqlite3.connect(path) as db:
        db.executescript(
            "CREATE TABLE deadline_status (contract_id TEXT NOT NULL, kind TEXT NOT NULL, "
            "due TEXT NOT NULL, acknowledged_by TEXT, acknowledged_at REAL, snoozed_until TEXT, "
            "PRIMARY KEY (contract_id, kind, due));"
            "INSERT INTO deadline_status VALUES ('K-1', 'expiry', '2026-12-05', NULL, NULL, "
            "'2026-11-28');"
        )
    db.close()
    ledger = SqliteLedger(path)
    assert await ledger.claim(KEY, "a", 600)
    await ledger.mark_sent(KEY)
    assert await ledger.quiet_reason(KEY, TODAY) == "snoozed"  # the old snooze still holds
    assert await ledger.snooze_ended(KEY, date(2026, 11, 28)) is None  # when it began: unknown
    await ledger.snooze(KEY.deadline_key, date(2026, 11, 30))
    assert await ledger.snooze_ended(KEY, date(2026, 11, 30)) == date(2026, 11, 30)
