"""The reminder ledger: each (contract, deadline, tier) is claimed, then sent or failed.

A claim is a lease, recorded as "sending" before the send and "sent" after it. An
instance that crashes in between leaves a "sending" row whose lease expires; the next
claim takes it again (`Claim.RESUMED`), so nothing is lost, and since the crashed send
may have reached the owner, that reminder is marked as possibly repeated. A live
claim blocks every other instance, so nothing is sent twice otherwise. The guarantee:
no reminder lost; a crash in the send window may repeat one, marked. Acknowledgements
and snoozes are per deadline (all tiers). A snooze remembers when it began, so that when it ends
the scheduler can tell whether the owner has heard about the deadline since, and
owes them one follow-up reminder if not (`snooze_ended`). SQLite by default; the
interface is small so a Table Storage backend can sit behind it.
"""

from __future__ import annotations

import asyncio
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from enum import IntEnum
from pathlib import Path
from typing import Protocol

from skills.contracts.reminders import ReminderKey
from skills.sqlite_files import initialise

_SCHEMA = """
CREATE TABLE IF NOT EXISTS reminder_ledger (
    contract_id TEXT NOT NULL, kind TEXT NOT NULL, due TEXT NOT NULL, tier INTEGER NOT NULL,
    state TEXT NOT NULL, instance TEXT NOT NULL, claimed_at REAL NOT NULL,
    sent_at REAL, attempts INTEGER NOT NULL DEFAULT 1, detail TEXT,
    PRIMARY KEY (contract_id, kind, due, tier)
);
CREATE TABLE IF NOT EXISTS deadline_status (
    contract_id TEXT NOT NULL, kind TEXT NOT NULL, due TEXT NOT NULL,
    acknowledged_by TEXT, acknowledged_at REAL, snoozed_until TEXT, snoozed_at REAL,
    PRIMARY KEY (contract_id, kind, due)
);
"""


def _add_snoozed_at(db: sqlite3.Connection) -> None:
    """Ledgers written before snoozes owed a follow-up lack the column; their snoozes
    keep NULL there and owe none (nothing is ever sent twice on a guess)."""
    columns = {row[1] for row in db.execute("PRAGMA table_info(deadline_status)")}
    if "snoozed_at" not in columns:
        db.execute("ALTER TABLE deadline_status ADD COLUMN snoozed_at REAL")


# A failed send is taken again after 5 s, then 10, 20, … up to the scheduler's
# `retry_after`: a chat that opens a moment later gets its reminder at once, while an
# owner who stays unreachable costs a try only now and then.
RETRY_BASE_SECONDS = 5.0


def retry_wait(attempts: int, retry_after: float) -> float:
    """Seconds after a failed attempt before the next; the shared rule of both backends."""
    return min(retry_after, RETRY_BASE_SECONDS * float(2 ** min(max(attempts, 1) - 1, 20)))


def follow_up_owed(
    snoozed_until: str | None, snoozed_at: float | None, today: date, last_sent: float | None
) -> date | None:
    """The shared rule of both backends: an unacknowledged snooze that has ended, with
    no reminder about the deadline sent since it began, owes one follow-up."""
    if not snoozed_until or snoozed_at is None:
        return None
    until = date.fromisoformat(snoozed_until)
    if until > today or (last_sent is not None and last_sent >= snoozed_at):
        return None
    return until


class Claim(IntEnum):
    """The outcome of a claim; falsy when the caller must not send."""

    NO = 0
    NEW = 1  # never tried before
    RETRY = 2  # a send failed (and said so): nothing reached the owner
    RESUMED = 3  # a send was under way when its instance stopped: it may have arrived


def claim_outcome(
    state: str | None,
    claimed_at: float,
    attempts: int,
    now: float,
    lease_seconds: float,
    retry_after: float,
) -> Claim:
    """The shared rule of both backends, from the row as it stands (None: no row)."""
    if state is None:
        return Claim.NEW
    if state in ("sending", "claimed") and claimed_at < now - lease_seconds:
        return Claim.RESUMED  # "claimed": rows written before "sending" existed
    if state == "failed" and claimed_at < now - retry_wait(attempts, retry_after):
        return Claim.RETRY
    return Claim.NO


class Ledger(Protocol):
    async def claim(
        self, key: ReminderKey, instance: str, lease_seconds: float, retry_after: float = 0.0
    ) -> Claim: ...
    async def mark_sent(self, key: ReminderKey) -> None: ...
    async def mark_failed(self, key: ReminderKey, detail: str) -> None: ...
    async def quiet_reason(self, key: ReminderKey, today: date) -> str | None: ...
    async def acknowledge(self, deadline: tuple[str, str, str], who: str) -> None: ...
    async def snooze(self, deadline: tuple[str, str, str], until: date) -> None: ...
    async def snooze_ended(self, key: ReminderKey, today: date) -> date | None: ...
    async def sent_count(self) -> int: ...


class SqliteLedger:
    def __init__(self, path: Path) -> None:
        self._path = path
        initialise(path, _SCHEMA, _add_snoozed_at)

    @contextmanager
    def _db(self) -> Iterator[sqlite3.Connection]:
        db = sqlite3.connect(self._path, timeout=15, isolation_level=None)
        try:
            yield db
        finally:
            db.close()

    async def claim(
        self, key: ReminderKey, instance: str, lease_seconds: float, retry_after: float = 0.0
    ) -> Claim:
        """`retry_after`: a failed send is taken again after `retry_wait` seconds, at most
        this many."""
        return await asyncio.to_thread(self._claim, key, instance, lease_seconds, retry_after)

    def _claim(
        self, key: ReminderKey, instance: str, lease_seconds: float, retry_after: float
    ) -> Claim:
        now = time.time()
        where = "WHERE contract_id=? AND kind=? AND due=? AND tier=?"
        values = (key.contract_id, key.kind, key.due, key.tier)
        with self._db() as db:
            # One writer at a time: the row is read and changed under the same lock, so two
            # instances never both take it.
            db.execute("BEGIN IMMEDIATE")
            try:
                row = db.execute(
                    f"SELECT state, claimed_at, attempts FROM reminder_ledger {where}", values
                ).fetchone()
                outcome = claim_outcome(
                    row[0] if row else None,
                    float(row[1]) if row else 0.0,
                    int(row[2]) if row else 0,
                    now,
                    lease_seconds,
                    retry_after,
                )
                if outcome is Claim.NEW:
                    db.execute(
                        "INSERT INTO reminder_ledger (contract_id, kind, due, tier, state, "
                        "instance, claimed_at) VALUES (?, ?, ?, ?, 'sending', ?, ?)",
                        (*values, instance, now),
                    )
                elif outcome:
                    db.execute(
                        "UPDATE reminder_ledger SET state='sending', instance=?, claimed_at=?, "
                        f"attempts=attempts + 1 {where}",
                        (instance, now, *values),
                    )
                db.execute("COMMIT")
            except BaseException:
                db.execute("ROLLBACK")
                raise
        return outcome

    async def mark_sent(self, key: ReminderKey) -> None:
        await asyncio.to_thread(self._set_state, key, "sent", None)

    async def mark_failed(self, key: ReminderKey, detail: str) -> None:
        await asyncio.to_thread(self._set_state, key, "failed", detail)

    def _set_state(self, key: ReminderKey, state: str, detail: str | None) -> None:
        with self._db() as db:
            db.execute(
                "UPDATE reminder_ledger SET state=?, detail=?, sent_at=? "
                "WHERE contract_id=? AND kind=? AND due=? AND tier=?",
                (
                    state,
                    detail,
                    time.time() if state == "sent" else None,
                    key.contract_id,
                    key.kind,
                    key.due,
                    key.tier,
                ),
            )

    async def quiet_reason(self, key: ReminderKey, today: date) -> str | None:
        """Why this deadline must not be reminded today (acknowledged, snoozed), or None."""
        return await asyncio.to_thread(self._quiet_reason, key, today)

    def _quiet_reason(self, key: ReminderKey, today: date) -> str | None:
        with self._db() as db:
            row = db.execute(
                # The time, not the name, says it was acknowledged: a name may be empty.
                "SELECT acknowledged_at, snoozed_until FROM deadline_status "
                "WHERE contract_id=? AND kind=? AND due=?",
                key.deadline_key,
            ).fetchone()
        if row is None:
            return None
        if row[0] is not None:
            return "acknowledged"
        if row[1] and date.fromisoformat(row[1]) > today:
            return "snoozed"
        return None

    async def acknowledge(self, deadline: tuple[str, str, str], who: str) -> None:
        await asyncio.to_thread(
            self._status, deadline, "acknowledged_by=?, acknowledged_at=?", (who, time.time())
        )

    async def snooze(self, deadline: tuple[str, str, str], until: date) -> None:
        await asyncio.to_thread(
            self._status,
            deadline,
            "snoozed_until=?, snoozed_at=?",
            (until.isoformat(), time.time()),
        )

    async def snooze_ended(self, key: ReminderKey, today: date) -> date | None:
        """The end date of a snooze on `key`'s deadline that owes the owner one follow-up
        reminder today, or None. Owed only once `key` itself (today's tier) has been
        sent: a tier not yet sent is the reminder, and one claimed elsewhere is on its way.
        """
        return await asyncio.to_thread(self._snooze_ended, key, today)

    def _snooze_ended(self, key: ReminderKey, today: date) -> date | None:
        with self._db() as db:
            status = db.execute(
                "SELECT snoozed_until, snoozed_at FROM deadline_status "
                "WHERE contract_id=? AND kind=? AND due=? AND acknowledged_at IS NULL",
                key.deadline_key,
            ).fetchone()
            tier = db.execute(
                "SELECT state FROM reminder_ledger "
                "WHERE contract_id=? AND kind=? AND due=? AND tier=?",
                (*key.deadline_key, key.tier),
            ).fetchone()
            last_sent = db.execute(
                "SELECT MAX(sent_at) FROM reminder_ledger WHERE contract_id=? AND kind=? "
                "AND due=? AND tier >= 0 AND state='sent'",
                key.deadline_key,
            ).fetchone()[0]
        if status is None or tier is None or tier[0] != "sent":
            return None
        return follow_up_owed(status[0], status[1], today, last_sent)

    def _status(
        self, deadline: tuple[str, str, str], assignment: str, values: tuple[object, ...]
    ) -> None:
        with self._db() as db:
            db.execute(
                "INSERT INTO deadline_status (contract_id, kind, due) VALUES (?, ?, ?) "
                "ON CONFLICT DO NOTHING",
                deadline,
            )
            db.execute(
                f"UPDATE deadline_status SET {assignment} WHERE contract_id=? AND kind=? AND due=?",
                (*values, *deadline),
            )

    async def sent_count(self) -> int:
        return await asyncio.to_thread(self._sent_count)

    def _sent_count(self) -> int:
        with self._db() as db:
            return int(
                db.execute("SELECT COUNT(*) FROM reminder_ledger WHERE state='sent'").fetchone()[0]
            )
