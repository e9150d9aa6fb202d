"""Deadlines for a 100,000-contract register and one reminder tick over it."""

from __future__ import annotations

import asyncio
import random
import resource
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from skills.contracts.engine import upcoming
from skills.contracts.ledger import SqliteLedger
from skills.contracts.register import read_rows
from skills.contracts.reminders import due_reminders


def synthetic_rows(count: int, today: date) -> list[tuple[int, dict[str, str], None]]:
    rng = random.Random(42)
    rows = []
    for n in range(count):
        end = today + timedelta(days=rng.randint(-200, 1500))
        framework = rng.random() < 0.4
        renews = not framework and rng.random() < 0.3
        rows.append(
            (
                n + 2,
                {
                    "kontrakt_id": f"K-{n:06d}",
                    "tittel": f"Kontrakt {n}",
                    "eier": f"eier{n % 50}@innkjop.example.no",
                    "avtaletype": "rammeavtale" if framework else "kontrakt",
                    "slutt": end.isoformat() if n % 3 else end.strftime("%d.%m.%Y"),
                    "opsjoner": rng.choice(["", "1+1", "6m+6m", "2"]) if not renews else "",
                    "fornyes_automatisk": "ja" if renews else "nei",
                    "oppsigelse_mnd": "3" if renews else "",
                },
                None,
            )
        )
    return rows


async def _claims(ledger: SqliteLedger, keys: list[object]) -> int:
    won = 0
    for key in keys:
        won += await ledger.claim(key, "bench", 600)  # type: ignore[arg-type]
    return won


def bench_deadlines(count: int = 100_000) -> None:
    today = date(2026, 11, 25)
    rows = synthetic_rows(count, today)
    began = time.perf_counter()
    register = read_rows(rows)
    parsed = time.perf_counter()
    found = upcoming(register.contracts, today, 365)
    computed = time.perf_counter()
    reminders = due_reminders(register.contracts, today)
    due = time.perf_counter()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024  # KiB on Linux
    print(
        f"deadlines: {len(register.contracts)} contracts parsed in {parsed - began:.2f}s, "
        f"{len(found)} deadlines within a year computed in {computed - parsed:.2f}s "
        f"({len(register.contracts) / (computed - parsed):,.0f} contracts/s), "
        f"peak RSS of the process {peak / 1024 / 1024:.0f} MiB"
    )
    with tempfile.TemporaryDirectory() as tmp:
        ledger = SqliteLedger(Path(tmp) / "ledger.sqlite3")
        began = time.perf_counter()
        won = asyncio.run(_claims(ledger, [r.key for r in reminders]))
        claimed = time.perf_counter() - began
    print(
        f"reminder tick: {len(reminders)} reminders due found in {due - computed:.2f}s, "
        f"{won} claimed in the SQLite ledger in {claimed:.2f}s "
        f"({won / claimed:,.0f} claims/s)"
    )
