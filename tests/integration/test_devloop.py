"""`make run`'s entry point: local tenant, bot and Playground together, stopped together."""

from __future__ import annotations

import asyncio
import json
import os
import signal
import subprocess
import sys
import urllib.request
from pathlib import Path
from typing import Any

from tests.support.procs import ROOT, free_port, wait_http
from tests.support.teams import TeamsClient, card_of, card_texts


def test_devloop_runs_the_whole_local_product(tmp_path: Path) -> None:
    bot_port, playground_port, tenant_port = free_port(), free_port(), free_port()
    env = {
        **os.environ,
        "BOT_PORT": str(bot_port),
        "PLAYGROUND_PORT": str(playground_port),
        "LOCAL_TENANT_PORT": str(tenant_port),
        "LOCAL_TENANT_DATA": str(tmp_path / "tenant"),
        "STATE_DB": str(tmp_path / "state.sqlite3"),
    }
    env.pop("GRAPH_LOCAL_URL", None)
    proc = subprocess.Popen(
        [sys.executable, "-m", "bot.devloop"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    try:
        wait_http(f"http://127.0.0.1:{playground_port}/_debug/ping", 120, proc)
        wait_http(f"http://127.0.0.1:{bot_port}/healthz", 10, proc)
        with urllib.request.urlopen(
            f"http://127.0.0.1:{tenant_port}/_localtenant/health", timeout=5
        ) as response:
            assert json.load(response)["status"] == "ok"
        assert (tmp_path / "tenant" / "directory.json").is_file()
        with urllib.request.urlopen(
            f"http://127.0.0.1:{playground_port}/_internal/v1/testConfig", timeout=5
        ) as response:
            config = json.load(response)["config"]
        texts = asyncio.run(_ask_for_status(f"http://127.0.0.1:{playground_port}", config))
        # The Playground sends en-US; `make run` answers in bokmål, the product's default.
        assert texts[0] == "Driftsstatus"
        assert "Microsoft 365 (Graph): OK" in texts  # the site's name stays in the log
    finally:
        proc.send_signal(signal.SIGTERM)
        output, _ = proc.communicate(timeout=30)
    assert f"http://localhost:{playground_port}" in output.decode()
    for port in (bot_port, playground_port, tenant_port):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=1)
        except OSError:
            continue
        raise AssertionError(f"port {port} still answers after the devloop stopped")


async def _ask_for_status(url: str, config: dict[str, Any]) -> list[str]:
    async with TeamsClient(url, config) as teams:
        await teams.send(teams.personal_chat, "status")
        event = await teams.wait_for(
            lambda e: card_of(e) is not None and "Driftsstatus" in str(e), within=40
        )
        return card_texts(card_of(event) or {})
