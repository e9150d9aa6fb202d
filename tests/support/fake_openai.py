"""An OpenAI-compatible chat completions endpoint on loopback, answering from a script.

The language model cannot run here, so tests replace it at the HTTP wire: the real
Semantic Kernel connector and the real openai client talk to this server.
"""

from __future__ import annotations

import json
from typing import Any

from aiohttp import web
from aiohttp.test_utils import TestServer


def tool_call(name: str, arguments: dict[str, Any] | None = None) -> dict[str, Any]:
    return {
        "role": "assistant",
        "content": None,
        "tool_calls": [
            {
                "id": f"call_{name}",
                "type": "function",
                "function": {"name": name, "arguments": json.dumps(arguments or {})},
            }
        ],
    }


def answer(text: str) -> dict[str, Any]:
    return {"role": "assistant", "content": text}


class FakeOpenAI:
    """Replies with the scripted messages in order; an int in the script is an HTTP error."""

    def __init__(self, script: list[dict[str, Any] | int]) -> None:
        self.script = list(script)
        self.requests: list[dict[str, Any]] = []
        app = web.Application()
        app.router.add_post("/v1/chat/completions", self._complete)
        app.router.add_post("/openai/deployments/{deployment}/chat/completions", self._complete)
        self.paths: list[str] = []
        self.headers: list[dict[str, str]] = []
        self.server = TestServer(app, host="127.0.0.1")

    @property
    def root_url(self) -> str:
        return f"http://127.0.0.1:{self.server.port}"

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.server.port}/v1"

    async def __aenter__(self) -> FakeOpenAI:
        await self.server.start_server()
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.server.close()

    async def _complete(self, request: web.Request) -> web.Response:
        body = await request.json()
        self.requests.append(body)
        self.paths.append(request.path_qs)
        self.headers.append(dict(request.headers))
        step = self.script.pop(0) if self.script else answer("(script exhausted)")
        if isinstance(step, int):
            return web.json_response({"error": {"message": "scripted failure"}}, status=step)
        finish = "tool_calls" if step.get("tool_calls") else "stop"
        return web.json_response(
            {
                "id": f"chatcmpl-{len(self.requests)}",
                "object": "chat.completion",
                "created": 0,
                "model": body.get("model", "test"),
                "choices": [{"index": 0, "message": step, "finish_reason": finish}],
                "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2},
            }
        )

    def tool_names(self, request_index: int = 0) -> set[str]:
        tools = self.requests[request_index].get("tools") or []
        return {tool["function"]["name"] for tool in tools}
