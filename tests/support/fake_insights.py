"""Application Insights ingestion (Breeze `/v2.1/track`) on loopback, recording envelopes.

The real exporter in the real bot process posts to it, so tests see exactly what would
reach Azure. It also answers the Bot Framework connector's reply routes, so a turn can
finish without errors and the bot's ordinary log lines are what gets exported.
"""

from __future__ import annotations

import asyncio
import gzip
import json
import time
from typing import Any

from aiohttp import web
from aiohttp.test_utils import TestServer


class FakeInsights:
    def __init__(self) -> None:
        self.envelopes: list[dict[str, Any]] = []
        self.paths: list[str] = []
        self.headers: list[dict[str, str]] = []
        self.replies: list[dict[str, Any]] = []
        app = web.Application()
        app.router.add_post("/_connector/v3/conversations/{conv}/activities", self._reply)
        app.router.add_post("/_connector/v3/conversations/{conv}/activities/{act}", self._reply)
        # Azure's connection strings end the endpoint with "/", so the exporter posts to
        # "//v2.1/track"; the real service accepts that, and so does this one.
        app.router.add_post("/{tail:.*}", self._track)
        self.server = TestServer(app, host="127.0.0.1")

    @property
    def endpoint(self) -> str:
        return f"http://127.0.0.1:{self.server.port}/"

    @property
    def service_url(self) -> str:
        return f"http://127.0.0.1:{self.server.port}/_connector"

    async def __aenter__(self) -> FakeInsights:
        await self.server.start_server()
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.server.close()

    async def _track(self, request: web.Request) -> web.Response:
        self.paths.append(request.path)
        if request.path.lstrip("/") != "v2.1/track":
            raise web.HTTPNotFound()
        raw = await request.read()
        if request.headers.get("Content-Encoding") == "gzip":
            raw = gzip.decompress(raw)
        batch = json.loads(raw)
        self.headers.append(dict(request.headers))
        self.envelopes.extend(batch)
        return web.json_response(
            {"itemsReceived": len(batch), "itemsAccepted": len(batch), "errors": []}
        )

    async def _reply(self, request: web.Request) -> web.Response:
        self.replies.append(await request.json())
        return web.json_response({"id": f"reply-{len(self.replies)}"})

    def of_type(self, base_type: str) -> list[dict[str, Any]]:
        return [e for e in self.envelopes if e.get("data", {}).get("baseType") == base_type]

    async def wait_for(self, check: Any, within: float = 15.0) -> None:
        """Poll until `check()` is true; the exporter batches, so arrival takes a moment."""
        deadline = time.monotonic() + within
        while not check():
            if time.monotonic() > deadline:
                kinds = sorted({e.get("data", {}).get("baseType", "?") for e in self.envelopes})
                raise TimeoutError(f"not received within {within}s; got {kinds}")
            await asyncio.sleep(0.1)
