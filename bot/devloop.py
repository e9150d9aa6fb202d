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
from datetime import date
from pathlib import Path

from bot.settings import Settings, SettingsError
from graph.localtenant.demo import generate

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


def prepare_demo_tenant(directory: Path, today: date) -> None:
    """Demo dates are relative to the day the demo starts: regenerate once a day,
    keep the folder (and what was written to it) otherwise."""
    readme = directory / "README.txt"
    if readme.is_file() and today.isoformat() in readme.read_text(encoding="utf-8"):
        return
    directory.mkdir(parents=True, exist_ok=True)
    generate(directory, today)


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
    host = "127.0.0.1" if settings.bot.host in ("0.0.0.0", "::") else settings.bot.host
    endpoint = f"http://{host}:{settings.bot.port}/api/messages"

    tenant_port = os.environ.get("LOCAL_TENANT_PORT", "5050")
    tenant_dir = Path(os.environ.get("LOCAL_TENANT_DATA", str(var / "tenant")))
    prepare_demo_tenant(tenant_dir, date.today())
    tenant = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "graph.localtenant",
            "--data",
            str(tenant_dir),
            "--port",
            tenant_port,
            # Links in cards and replies open read-only pages of the local tenant.
            "--browse",
        ],
        cwd=ROOT,
    )
    tenant_url = f"http://127.0.0.1:{tenant_port}"
    if not _wait(f"{tenant_url}/_localtenant/health", tenant, 60):
        sys.stderr.write("the local tenant did not start; see the log above\n")
        _stop(tenant)
        return 1

    bot_env = {**os.environ}
    # In the demo, a reminder should follow within a minute of saying hello to the bot.
    bot_env.setdefault("REMINDER_INTERVAL_SECONDS", "60")
    # A reminder that could not go out (the chat was not open yet) is tried again on the
    # next tick after saying hello, not five minutes later.
    bot_env.setdefault("REMINDER_RETRY_SECONDS", "30")
    # The product's default language, although the Playground sends en-US: bokmål unless
    # `make run LOCAL_LOCALE=en-US` (or nn-NO) asks otherwise.
    bot_env.setdefault("LOCAL_LOCALE", "nb-NO")
    # Replies go to this Playground only, by either loopback name.
    bot_env.setdefault(
        "LOCAL_CONNECTOR_URLS",
        f"http://127.0.0.1:{playground_port},http://localhost:{playground_port}",
    )
    if not settings.graph.configured:
        bot_env["GRAPH_LOCAL_URL"] = tenant_url
    bot = subprocess.Popen([sys.executable, "-m", "bot"], cwd=ROOT, env=bot_env)
    if not _wait(f"http://{host}:{settings.bot.port}/healthz", bot, 90):
        sys.stderr.write("the bot did not start; see the log above\n")
        _stop(bot, tenant)
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
        _stop(bot, playground, tenant)
        return 1

    print(
        f"\nProcurement assistant is running (bot {endpoint}, local tenant {tenant_url}).\n"
        f"Open http://localhost:{playground_port} in a browser to chat with it.\n"
        "Try 'hjelp' in the personal chat, or '@Anskaffelsesassistenten hjelp' in a channel.\n"
        "Press Ctrl-C to stop.\n",
        flush=True,
    )
    signal.signal(signal.SIGTERM, _interrupt)
    try:
        while bot.poll() is None and playground.poll() is None and tenant.poll() is None:
            time.sleep(0.5)
    except KeyboardInterrupt:
        pass
    finally:
        _stop(bot, playground, tenant)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
