"""`python -m bot` serves the bot; `python -m bot send ...` sends a proactive message."""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import sys

from aiohttp import web

from bot.app import create_app
from bot.proactive import UnknownConversationError, describe
from bot.settings import Settings, SettingsError
from bot.state import open_state
from bot.telemetry import configure_telemetry


def _settings() -> Settings:
    try:
        return Settings.from_env()
    except SettingsError as exc:
        print(f"configuration error: {exc}", file=sys.stderr)
        raise SystemExit(2) from None


def serve(settings: Settings) -> None:
    telemetry = configure_telemetry(settings)
    try:
        app = create_app(settings)
        web.run_app(app, host=settings.bot.host, port=settings.bot.port, print=None)
    finally:
        if telemetry is not None:
            telemetry.shutdown()


async def send(settings: Settings, args: argparse.Namespace) -> int:
    from bot.app import SERVICES, close_services

    services = create_app(settings)[SERVICES]
    messenger = services.messenger
    try:
        if args.user:
            message_id = await messenger.send_to_user(args.user, args.text)
        else:
            message_id = await messenger.send_to_conversation(args.conversation, args.text)
    except UnknownConversationError as exc:
        print(f"not sent: {exc}", file=sys.stderr)
        return 1
    finally:
        await close_services(services)
    print(json.dumps({"sent": True, "id": message_id}))
    return 0


async def conversations(settings: Settings) -> int:
    state = open_state(settings)
    try:
        for stored in await state.store.all():
            print(json.dumps(describe(stored)))
    finally:
        await state.resources.aclose()
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bot", description=__doc__)
    sub = parser.add_subparsers(dest="command")
    sub.add_parser("serve", help="run the bot (default)")
    send_parser = sub.add_parser("send", help="send a proactive message to a stored conversation")
    target = send_parser.add_mutually_exclusive_group(required=True)
    target.add_argument("--user", help="AAD object id of a user with a personal chat")
    target.add_argument("--conversation", help="a stored conversation id (chat or channel)")
    send_parser.add_argument("--text", required=True)
    sub.add_parser("conversations", help="list the stored conversations")
    args = parser.parse_args(argv)

    settings = _settings()
    logging.basicConfig(
        level=settings.bot.log_level,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    if args.command == "send":
        return asyncio.run(send(settings, args))
    if args.command == "conversations":
        return asyncio.run(conversations(settings))
    serve(settings)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
