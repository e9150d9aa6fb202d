"""An OpenAI-compatible chat completions endpoint on loopback, answering from a script.

The language model cannot run here, so tests replace it at the HTTP wire: the real
Semantic Kernel connector and the real openai client talk to this server.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Sequence
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


def tool_calls(*calls: tuple[str, dict[str, Any]]) -> dict[str, Any]:
    """Several calls in one answer: Semantic Kernel runs them in parallel."""
    return {
        "role": "assistant",
        "content": None,
        "tool_calls": [
            {
                "id": f"call_{n}_{name}",
                "type": "function",
                "function": {"name": name, "arguments": json.dumps(arguments)},
            }
            for n, (name, arguments) in enumerate(calls)
        ],
    }


def raw_tool_call(name: str, arguments: str) -> dict[str, Any]:
    """A call whose arguments are not the JSON the function expects."""
    return {
        "role": "assistant",
        "content": None,
        "tool_calls": [
            {
                "id": f"call_{name}",
                "type": "function",
                "function": {"name": name, "arguments": arguments},
            }
        ],
    }


def answer(text: str) -> dict[str, Any]:
    return {"role": "assistant", "content": text}


# Misbehaviour, as script steps.
def hang(seconds: float) -> dict[str, Any]:
    return {"_hang": seconds}


def status(code: int, retry_after: float | None = None, code_name: str = "") -> dict[str, Any]:
    return {"_status": code, "_retry_after": retry_after, "_code": code_name}


MALFORMED: dict[str, Any] = {"_raw": '{"id": "x", "choices": [ {"message": '}
EMPTY_CHOICES: dict[str, Any] = {"_empty": True}
CONTENT_FILTER = status(400, code_name="content_filter")


class FakeOpenAI:
    """Replies with the scripted messages in order; an int in the script is an HTTP error."""

    def __init__(self, script: Sequence[dict[str, Any] | int]) -> None:
        self.script = list(script)
        # Steps chosen by what the request says (parallel requests arrive in any order):
        # the first key found in the last message picks its step, every time.
        self.by_content: dict[str, dict[str, Any] | int] = {}
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
        last = str((body.get("messages") or [{}])[-1].get("content"))
        chosen = next((v for k, v in self.by_content.items() if k in last), None)
        if chosen is not None:
            step = chosen
        else:
            step = self.script.pop(0) if self.script else answer("(script exhausted)")
        if isinstance(step, int):
            return web.json_response({"error": {"message": "scripted failure"}}, status=step)
        if "_hang" in step:
            await asyncio.sleep(step["_hang"])
            step = answer("(too late)")
        if "_status" in step:
            headers = {}
            if step["_retry_after"] is not None:
                headers["Retry-After"] = str(step["_retry_after"])
            error = {"message": "scripted failure", "code": step["_code"] or None}
            return web.json_response({"error": error}, status=step["_status"], headers=headers)
        if "_raw" in step:
            return web.Response(text=step["_raw"], content_type="application/json")
        if "_empty" in step:
            return web.json_response(
                {"id": "x", "object": "chat.completion", "created": 0, "model": "m", "choices": []}
            )
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
