"""Turns per second through the real bot beside a bare botbuilder echo bot.

Both run as processes on this machine, one after the other, under the same load: N
message activities ("hjelp", answered by the offline engine with the help card) posted
at concurrency C, each answered into the same loopback connector sink. A turn counts
when its HTTP request has been answered; the sink checks that every activity got its
reply. Printed: activities per second for each, and the ratio bot/echo (target ≥ 0.8).
The product applies one fix to the stack itself (msrest's retry policy, built twice per
turn by botbuilder, is made with a set instead of a list scan: `bot.app`); the echo bot
is measured bare and with that same fix, so both ratios are shown.

    .venv/bin/python -m bench.turn_throughput [--activities 600] [--concurrency 8]
"""

from __future__ import annotations

import argparse
import asyncio
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import aiohttp
from aiohttp import web

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.support.procs import BotProcess, free_port, terminate, wait_http  # noqa: E402


class Sink:
    """A connector that accepts every reply and counts them."""

    def __init__(self) -> None:
        self.replies = 0
        self.typing = 0
        self.runner: web.AppRunner | None = None
        self.port = free_port()

    async def start(self) -> None:
        app = web.Application()
        app.router.add_post("/v3/conversations/{cid}/activities", self.post)
        app.router.add_post("/v3/conversations/{cid}/activities/{aid}", self.post)
        app.router.add_put("/v3/conversations/{cid}/activities/{aid}", self.post)
        self.runner = web.AppRunner(app, access_log=None)
        await self.runner.setup()
        await web.TCPSite(self.runner, "127.0.0.1", self.port).start()

    async def stop(self) -> None:
        if self.runner is not None:
            await self.runner.cleanup()

    async def post(self, request: web.Request) -> web.Response:
        body = await request.json()
        if body.get("type") == "typing":
            self.typing += 1
        else:
            self.replies += 1
        return web.json_response({"id": f"r{self.replies + self.typing}"}, status=201)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/"


def activity(n: int, service_url: str) -> dict[str, Any]:
    return {
        "type": "message",
        "id": f"a{n}",
        "text": "hjelp",
        "locale": "nb-NO",
        "channelId": "msteams",
        "serviceUrl": service_url,
        "from": {"id": f"user-{n % 20}", "name": "Ingrid", "aadObjectId": f"aad-{n % 20}"},
        "recipient": {"id": "bot"},
        "conversation": {"id": f"conv-{n % 20}", "conversationType": "personal"},
    }


async def load(endpoint: str, sink: Sink, count: int, concurrency: int) -> float:
    """Activities per second: `count` posts, `concurrency` at a time."""
    queue: asyncio.Queue[int] = asyncio.Queue()
    for n in range(count):
        queue.put_nowait(n)
    before = sink.replies
    failures = 0

    async def worker(session: aiohttp.ClientSession) -> None:
        nonlocal failures
        while not queue.empty():
            n = queue.get_nowait()
            async with session.post(endpoint, json=activity(n, sink.url)) as response:
                if response.status >= 300:
                    failures += 1

    async with aiohttp.ClientSession() as session:
        # Warm up (imports, first-turn caches), then measure.
        for n in range(20):
            async with session.post(endpoint, json=activity(n, sink.url)) as response:
                await response.read()
        before = sink.replies
        started = time.perf_counter()
        await asyncio.gather(*(worker(session) for _ in range(concurrency)))
        elapsed = time.perf_counter() - started
    if failures or sink.replies - before < count:
        raise SystemExit(f"{failures} failed requests, {sink.replies - before} of {count} replies")
    return count / elapsed


def _start_echo(port: int, *flags: str) -> subprocess.Popen[bytes]:
    echo = subprocess.Popen(
        [sys.executable, "-m", "bench.echo_bot", str(port), *flags],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    wait_http(f"http://127.0.0.1:{port}/healthz", 60, echo)
    return echo


async def bench_turn_throughput(count: int, concurrency: int) -> tuple[float, float]:
    sink = Sink()
    await sink.start()
    try:
        rates = []
        for flags in ((), ("--quick-retry-policy",)):
            port = free_port()
            echo = await asyncio.to_thread(_start_echo, port, *flags)
            try:
                endpoint = f"http://127.0.0.1:{port}/api/messages"
                rates.append(await load(endpoint, sink, count, concurrency))
            finally:
                await asyncio.to_thread(terminate, echo)
        echo_rate, fixed_echo_rate = rates
        with tempfile.TemporaryDirectory() as tmp:
            bot = BotProcess(Path(tmp), {"REMINDER_INTERVAL_SECONDS": "0", "LOG_LEVEL": "WARNING"})
            await asyncio.to_thread(bot.start)
            try:
                bot_rate = await load(bot.endpoint, sink, count, concurrency)
            finally:
                await asyncio.to_thread(bot.stop)
    finally:
        await sink.stop()
    print(f"  bare echo bot (botbuilder CloudAdapter):   {echo_rate:7.1f} activities/s")
    print(f"  echo bot with the product's msrest fix:    {fixed_echo_rate:7.1f} activities/s")
    print(f"  assistant, 'hjelp' (offline engine, card): {bot_rate:7.1f} activities/s")
    print(f"  ratio assistant/bare echo: {bot_rate / echo_rate:.2f} (target ≥ 0.80)")
    print(f"  ratio assistant/echo with the same fix: {bot_rate / fixed_echo_rate:.2f}")
    return echo_rate, bot_rate


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--activities", type=int, default=600)
    parser.add_argument("--concurrency", type=int, default=8)
    args = parser.parse_args()
    print(f"Turn throughput, {args.activities} activities at concurrency {args.concurrency}:")
    asyncio.run(bench_turn_throughput(args.activities, args.concurrency))


if __name__ == "__main__":
    main()
