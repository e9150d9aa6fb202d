"""`make run`: the bot on its embedded defaults plus the Teams Playground pointed at it.

Both run as child processes; Ctrl-C (or either one dying) stops both, so no
orphan keeps a port busy.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from bot.settings import Settings, SettingsError

ROOT = Path(__file__).resolve().parents[1]
PLAYGROUND = ROOT / "node_modules" / ".bin" / "agentsplayground"
PLAYGROUND_CONFIG = ROOT / "bot" / "playground.yml"


def _wait(url: str, proc: subprocess.Popen[bytes], seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            return False
        try:
            with urllib.request.urlopen(url, timeout=1):
                return True
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.2)
    return False


def _stop(*procs: subprocess.Popen[bytes]) -> None:
    for proc in procs:
        if proc.poll() is None:
            proc.terminate()
    for proc in procs:
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def main() -> int:
    try:
        settings = Settings.from_env()
    except SettingsError as exc:
        sys.stderr.write(f"configuration error: {exc}\n")
        return 2
    if not PLAYGROUND.exists():
        sys.stderr.write("the Playground is not installed: run `make run` (it runs npm ci)\n")
        return 2
    playground_port = os.environ.get("PLAYGROUND_PORT", "56150")
    var = ROOT / "var"
    var.mkdir(exist_ok=True)
    host = "127.0.0.1" if settings.host in ("0.0.0.0", "::") else settings.host
    endpoint = f"http://{host}:{settings.port}/api/messages"

    bot = subprocess.Popen([sys.executable, "-m", "bot"], cwd=ROOT)
    if not _wait(f"http://{host}:{settings.port}/healthz", bot, 90):
        sys.stderr.write("the bot did not start; see the log above\n")
        _stop(bot)
        return 1
    playground_env = {
        **os.environ,
        "TEAMSAPPTESTER_BROWSER": "none",
        "M365_AGENTS_PLAYGROUND_LOGFILE": str(var / "playground.log"),
        "M365_AGENTS_PLAYGROUND_CONFIG_PATH": str(PLAYGROUND_CONFIG),
    }
    playground = subprocess.Popen(
        [str(PLAYGROUND), "-e", endpoint, "-c", "msteams", "--dt", "-p", playground_port],
        cwd=var,
        env=playground_env,
        stdout=subprocess.DEVNULL,
    )
    if not _wait(f"http://127.0.0.1:{playground_port}/_debug/ping", playground, 60):
        sys.stderr.write(f"the Playground did not start; see {var / 'playground.log'}\n")
        _stop(bot, playground)
        return 1

    print(
        f"\nProcurement assistant is running (bot {endpoint}).\n"
        f"Open http://localhost:{playground_port} in a browser to chat with it.\n"
        "Try 'hjelp' in the personal chat, or '@Anskaffelsesassistenten hjelp' in a channel.\n"
        "Press Ctrl-C to stop.\n",
        flush=True,
    )
    signal.signal(signal.SIGTERM, _interrupt)
    try:
        while bot.poll() is None and playground.poll() is None:
            time.sleep(0.5)
    except KeyboardInterrupt:
        pass
    finally:
        _stop(bot, playground)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
