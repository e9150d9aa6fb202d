"""`make run`'s entry point starts the bot and the Playground together and stops both."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import urllib.request
from pathlib import Path

from tests.support.procs import ROOT, free_port, wait_http


def test_devloop_starts_both_and_stops_both(tmp_path: Path) -> None:
    bot_port, playground_port = free_port(), free_port()
    env = {
        **os.environ,
        "BOT_PORT": str(bot_port),
        "PLAYGROUND_PORT": str(playground_port),
        "STATE_DB": str(tmp_path / "state.sqlite3"),
    }
    proc = subprocess.Popen(
        [sys.executable, "-m", "bot.devloop"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    try:
        wait_http(f"http://127.0.0.1:{playground_port}/_debug/ping", 90, proc)
        wait_http(f"http://127.0.0.1:{bot_port}/healthz", 10, proc)
        with urllib.request.urlopen(
            f"http://127.0.0.1:{playground_port}/_internal/v1/testConfig", timeout=5
        ) as response:
            assert b"Anskaffelsesassistenten" in response.read()
    finally:
        proc.send_signal(signal.SIGTERM)
        output, _ = proc.communicate(timeout=30)
    assert f"http://localhost:{playground_port}" in output.decode()
    # Both children are gone: their ports no longer answer.
    for port in (bot_port, playground_port):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=1)
        except OSError:
            continue
        raise AssertionError(f"port {port} still answers after the devloop stopped")
