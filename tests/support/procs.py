"""Start the real bot and the real M365 Agents Playground as child processes."""

from __future__ import annotations

import asyncio
import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
PLAYGROUND_BIN = ROOT / "node_modules" / ".bin" / "agentsplayground"
PLAYGROUND_CONFIG = ROOT / "bot" / "playground.yml"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_http(url: str, timeout: float, proc: subprocess.Popen[Any] | None = None) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc is not None and proc.poll() is not None:
            raise RuntimeError(f"process exited with {proc.returncode} before {url} answered")
        try:
            with urllib.request.urlopen(url, timeout=1) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.1)
    raise TimeoutError(f"{url} did not answer within {timeout}s")


def terminate(proc: subprocess.Popen[bytes] | None) -> None:
    if proc is not None and proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(5)


class BotProcess:
    """`python -m bot` with the given environment, stopped on exit."""

    def __init__(self, workdir: Path, env: dict[str, str] | None = None) -> None:
        self.port = free_port()
        self.workdir = workdir
        self.log_path = workdir / f"bot-{self.port}.log"
        self.env = {
            **os.environ,
            "BOT_HOST": "127.0.0.1",
            "BOT_PORT": str(self.port),
            "STATE_DB": str(workdir / "state.sqlite3"),
            # The Playground and the test connectors listen on ports chosen at random.
            "LOCAL_CONNECTOR_URLS": "http://127.0.0.1:*,http://localhost:*",
            "PYTHONPATH": str(ROOT),
            **(env or {}),
        }
        for name in ("MicrosoftAppId", "MicrosoftAppPassword", "MODEL_ENDPOINT"):
            if env is None or name not in env:
                self.env.pop(name, None)
        self.proc: subprocess.Popen[bytes] | None = None

    @property
    def endpoint(self) -> str:
        return f"http://127.0.0.1:{self.port}/api/messages"

    def start(self) -> BotProcess:
        with self.log_path.open("ab") as log:
            self.proc = subprocess.Popen(
                [sys.executable, "-m", "bot"],
                cwd=self.workdir,
                env=self.env,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        wait_http(f"http://127.0.0.1:{self.port}/healthz", 60, self.proc)
        return self

    def stop(self) -> None:
        terminate(self.proc)
        self.proc = None

    def log(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace")

    def ticks(self) -> int:
        """Reminder ticks this bot has finished (one log line each)."""
        return self.log().count("reminder tick done")

    def run_cli(self, *args: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "bot", *args],
            cwd=self.workdir,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=timeout,
        )


class PlaygroundProcess:
    """The Playground with the repo's mock tenant, pointed at one bot endpoint."""

    def __init__(self, workdir: Path, bot_endpoint: str) -> None:
        self.port = free_port()
        self.workdir = workdir
        self.bot_endpoint = bot_endpoint
        self.proc: subprocess.Popen[bytes] | None = None
        self.config: dict[str, Any] = {}

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> PlaygroundProcess:
        env = {
            **os.environ,
            "TEAMSAPPTESTER_BROWSER": "none",
            "M365_AGENTS_PLAYGROUND_LOGFILE": str(self.workdir / f"playground-{self.port}.log"),
            "M365_AGENTS_PLAYGROUND_CONFIG_PATH": str(PLAYGROUND_CONFIG),
        }
        self.proc = subprocess.Popen(
            [
                str(PLAYGROUND_BIN),
                *("-e", self.bot_endpoint, "-c", "msteams", "--dt", "-p", str(self.port)),
            ],
            cwd=self.workdir,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        wait_http(f"{self.url}/_debug/ping", 60, self.proc)
        with urllib.request.urlopen(f"{self.url}/_internal/v1/testConfig", timeout=5) as r:
            self.config = json.load(r)["config"]
        return self

    def stop(self) -> None:
        terminate(self.proc)
        self.proc = None


async def more_ticks(bots: Sequence[BotProcess], more: int = 3, within: float = 60) -> None:
    """Wait until every bot has finished `more` reminder ticks from now: a quiet period
    counted in the scheduler's own ticks, whatever the machine's speed."""
    wanted = [bot.ticks() + more for bot in bots]
    deadline = asyncio.get_running_loop().time() + within
    while any(bot.ticks() < count for bot, count in zip(bots, wanted, strict=True)):
        if asyncio.get_running_loop().time() > deadline:
            raise AssertionError(f"fewer than {more} more ticks within {within} s")
        await asyncio.sleep(0.1)
