"""Measure what users feel: intent routing cost and a full Teams round trip.

1. Offline intent classification, in process (messages per second).
2. Round trip in the local Teams loop: a user message into the real Playground,
   through the real bot process, until the help card arrives on the Playground's
   WebSocket (p50/p95 over sequential turns).
3. Reading a 10,000-row contract register from the local tenant through
   msgraph-sdk: requests made and wall time, then a delta sync after one change.
4. Deadlines for a 100,000-contract register and one reminder tick over it
   (due reminders and ledger claims): contracts per second and peak memory.
5. The local document index: 2,000 generated Norwegian documents indexed
   (documents per second), then median and 95th percentile query time.
6. Supplier input: 50 generated answers of about five pages summarised by the
   deterministic engine: seconds and peak memory.
7. Supplier answers under the right question: the deterministic engine beside a BM25
   baseline on a generated dialogue with known ground truth, and the CLI's start-up.
8. Register files: 100,000 rows as Excel's Norwegian CSV export and as a workbook,
   read by the product beside a bare csv.reader / openpyxl read-only pass over the
   same file, each in a fresh process (seconds, peak memory, ratio).
9. Contract terms from contracts as buyers write them (the hand-checked test corpora):
   the extractor beside a naive keyword baseline (right, missed, wrong without a check
   mark) and its time per document beside the bare text extraction.
10. Turn throughput: the bot answering "hjelp" beside a bare botbuilder echo bot under
   the same load (activities per second and the ratio).
11. Purchasing analysis: a 5,000,000-line municipal ledger extract loaded by the product
   beside bare DuckDB reading the same file (lines per second, ratio), the analysis over a
   300-contract register, each question's time, and peak memory against 2 GiB.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.contract_terms import bench_contract_terms  # noqa: E402
from bench.deadlines import bench_deadlines  # noqa: E402
from bench.graph_register import bench_register  # noqa: E402
from bench.register_files import bench_register_files  # noqa: E402
from bench.search import bench_search  # noqa: E402
from bench.spend import bench_spend  # noqa: E402
from bench.supplier_dialogue import bench_supplier_dialogue  # noqa: E402
from bench.supplier_input import bench_supplier_input  # noqa: E402
from bench.turn_throughput import bench_turn_throughput  # noqa: E402
from skills.assistant.intents import classify  # noqa: E402
from tests.support.procs import BotProcess, PlaygroundProcess  # noqa: E402
from tests.support.teams import TeamsClient, card_of  # noqa: E402

MESSAGES = [
    "hjelp",
    "hjlep",
    "hva kan du gjøre?",
    "status",
    "what can you do",
    "frister for rammeavtaler neste 90 dager",
    "blåbærsyltetøy og vafler",
]


def bench_classify(rounds: int) -> None:
    started = time.perf_counter()
    for _ in range(rounds):
        for message in MESSAGES:
            classify(message)
    elapsed = time.perf_counter() - started
    count = rounds * len(MESSAGES)
    print(f"intent classification: {count} messages in {elapsed:.3f}s = {count / elapsed:,.0f}/s")


async def bench_round_trip(turns: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        bot = BotProcess(Path(tmp)).start()
        playground = PlaygroundProcess(Path(tmp), bot.endpoint).start()
        try:
            async with TeamsClient(playground.url, playground.config) as teams:
                timings = []
                for _ in range(turns):
                    start = len(teams.events)
                    began = time.perf_counter()
                    await teams.send(teams.personal_chat, "hjelp")
                    await teams.wait_for(lambda e: card_of(e) is not None, start=start)
                    timings.append((time.perf_counter() - began) * 1000)
        finally:
            playground.stop()
            bot.stop()
    timings.sort()
    p95 = timings[max(0, int(len(timings) * 0.95) - 1)]
    print(
        f"Teams round trip (Playground -> bot -> help card), {turns} turns: "
        f"p50 {statistics.median(timings):.1f} ms, p95 {p95:.1f} ms, max {timings[-1]:.1f} ms"
    )


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--rounds", type=int, default=2000)
    parser.add_argument("--turns", type=int, default=30)
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--contracts", type=int, default=100_000)
    parser.add_argument("--documents", type=int, default=2000)
    parser.add_argument("--answers", type=int, default=50)
    parser.add_argument("--register-rows", type=int, default=100_000)
    parser.add_argument("--dialogue-suppliers", type=int, default=40)
    parser.add_argument("--spend-lines", type=int, default=5_000_000)
    args = parser.parse_args()
    bench_classify(args.rounds)
    asyncio.run(bench_round_trip(args.turns))
    asyncio.run(bench_register(args.rows))
    bench_deadlines(args.contracts)
    asyncio.run(bench_search(args.documents))
    bench_supplier_input(args.answers)
    bench_supplier_dialogue(args.dialogue_suppliers)
    bench_register_files(args.register_rows)
    bench_contract_terms()
    print("Turn throughput, 600 activities at concurrency 8:")
    asyncio.run(bench_turn_throughput(600, 8))
    bench_spend(args.spend_lines)


if __name__ == "__main__":
    main()
