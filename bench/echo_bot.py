"""The baseline for the turn benchmark: a bare botbuilder `CloudAdapter` echo bot.

The same stack as the product (aiohttp, botbuilder-integration-aiohttp, no app id on
loopback) with nothing else: every message is answered with its own text. Run as
`python -m bench.echo_bot PORT [--quick-retry-policy]`; the flag applies the product's one
fix to the stack (`bot.app._quick_retry_policy`), for a like-for-like second baseline.
"""

from __future__ import annotations

import sys

from aiohttp import web
from botbuilder.core import ActivityHandler, MessageFactory, TurnContext
from botbuilder.integration.aiohttp import CloudAdapter, ConfigurationBotFrameworkAuthentication


class _Config:
    APP_ID = ""
    APP_PASSWORD = ""
    APP_TYPE = "MultiTenant"
    APP_TENANTID = ""


class EchoBot(ActivityHandler):  # type: ignore[misc]
    async def on_message_activity(self, turn_context: TurnContext) -> None:
        await turn_context.send_activity(MessageFactory.text(turn_context.activity.text or ""))


def main() -> None:
    if "--quick-retry-policy" in sys.argv:
        from bot.app import _quick_retry_policy

        _quick_retry_policy()
    adapter = CloudAdapter(ConfigurationBotFrameworkAuthentication(_Config()))
    bot = EchoBot()

    async def messages(request: web.Request) -> web.StreamResponse:
        response = await adapter.process(request, bot)
        return response if response is not None else web.Response(status=201)

    async def healthz(request: web.Request) -> web.Response:
        return web.json_response({"status": "ok"})

    app = web.Application()
    app.router.add_post("/api/messages", messages)
    app.router.add_get("/healthz", healthz)
    web.run_app(app, host="127.0.0.1", port=int(sys.argv[1]), print=None)


if __name__ == "__main__":
    main()
