"""What `/api/messages` accepts before botbuilder sees a request.

Two concerns, kept apart from the wiring in `app.py`:

- Reading the body: `application/json` in UTF-8 only (any other type or charset is
  415), bounded in size by aiohttp and in nesting here, so a malformed body is a 4xx
  with a short JSON error and one log line, never a 500.
- Local mode (no app id, so no JWT): only a caller on this machine may drive the bot.
  The Host must be a loopback name, a request with an `Origin` (a web page's) is
  refused, and the activity's `serviceUrl` must be one of the connector URLs allowed
  for the local loop, so the bot never posts cards to an address a caller made up.
"""

from __future__ import annotations

import ipaddress
import json
import logging
import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from aiohttp import web

log = logging.getLogger(__name__)

# Deeper JSON than this is not an activity: Teams' own nest a few levels.
MAX_DEPTH = 64
# The Playground's connector in `make run` (PLAYGROUND_PORT 56150), by both loopback names.
DEFAULT_LOCAL_CONNECTORS = ("http://127.0.0.1:56150", "http://localhost:56150")


class Rejected(Exception):
    """A request refused with an HTTP status and a short reason (no traceback logged)."""

    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message

    def response(self) -> web.Response:
        return web.json_response(
            {"error": {"code": self.code, "message": self.message}}, status=self.status
        )


@dataclass(frozen=True)
class ConnectorUrl:
    """An allowed connector: scheme, host and port (`*` for any), and a path prefix."""

    scheme: str
    host: str
    port: str
    path: str

    @classmethod
    def parse(cls, text: str) -> ConnectorUrl:
        raw = text.strip()
        any_port = ":*" in raw
        parts = urlsplit(raw.replace(":*", "", 1) if any_port else raw)
        if parts.scheme not in ("http", "https") or not parts.hostname or "@" in parts.netloc:
            raise ValueError(f"not a connector URL: {text!r} (e.g. http://127.0.0.1:56150)")
        port = "*" if any_port else str(parts.port or (443 if parts.scheme == "https" else 80))
        return cls(parts.scheme, parts.hostname.lower(), port, parts.path.rstrip("/"))

    def allows(self, url: str) -> bool:
        try:
            parts = urlsplit(url)
            port = parts.port or (443 if parts.scheme == "https" else 80)
        except ValueError:
            return False
        if "@" in parts.netloc or parts.scheme != self.scheme:
            return False
        if (parts.hostname or "").lower() != self.host:
            return False
        if self.port != "*" and str(port) != self.port:
            return False
        path = parts.path.rstrip("/")
        return not self.path or path == self.path or path.startswith(self.path + "/")


def parse_connectors(text: str) -> tuple[ConnectorUrl, ...]:
    """LOCAL_CONNECTOR_URLS: comma-separated; `http://127.0.0.1:*` allows any port."""
    entries = [part for part in text.split(",") if part.strip()]
    return tuple(ConnectorUrl.parse(part) for part in entries or DEFAULT_LOCAL_CONNECTORS)


async def read_activity(request: web.Request, max_bytes: int) -> dict[str, Any]:
    """The body as a JSON object, or Rejected with the status that says why."""
    if request.content_type != "application/json":
        raise Rejected(415, "UnsupportedMediaType", "send the activity as application/json")
    if (request.charset or "utf-8").lower() not in ("utf-8", "utf8"):
        raise Rejected(415, "UnsupportedMediaType", "send the activity in UTF-8")
    try:
        raw = await request.read()
    except web.HTTPRequestEntityTooLarge:
        raise Rejected(413, "TooLarge", f"body over {max_bytes} bytes") from None
    # Depth is measured on the raw bytes first: the JSON parser recurses per level, and
    # a body nested a thousand deep would run it (and anything the garbage collector
    # finalises meanwhile) into Python's recursion limit.
    if _raw_depth(raw) > MAX_DEPTH:
        raise Rejected(400, "BadRequest", f"the body nests deeper than {MAX_DEPTH} levels")
    try:
        body = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError):
        raise Rejected(400, "BadRequest", "the body is not valid JSON") from None
    if _depth_over(body, MAX_DEPTH):
        raise Rejected(400, "BadRequest", f"the body nests deeper than {MAX_DEPTH} levels")
    if not isinstance(body, dict) or not isinstance(body.get("type"), str):
        raise Rejected(400, "BadRequest", "the body is not an activity (no 'type')")
    return body


def check_shape(activity: dict[str, Any]) -> None:
    """What every Bot Framework activity has and a reply needs: a conversation id, and
    objects where objects belong."""
    conversation = activity.get("conversation")
    if not isinstance(conversation, dict) or not isinstance(conversation.get("id"), str):
        raise Rejected(400, "BadRequest", "the activity has no conversation id")
    if not conversation["id"]:
        raise Rejected(400, "BadRequest", "the activity has no conversation id")
    for name in ("from", "recipient", "channelData"):
        if name in activity and activity[name] is not None and not isinstance(activity[name], dict):
            raise Rejected(400, "BadRequest", f"the activity's '{name}' is not an object")


def check_local_caller(
    request: web.Request, activity: dict[str, Any], connectors: tuple[ConnectorUrl, ...]
) -> None:
    """Local mode: refuse what a web page or another machine could send."""
    if "Origin" in request.headers:
        raise Rejected(403, "Forbidden", "local mode does not answer requests from web pages")
    if not _loopback_host(request.host):
        raise Rejected(403, "Forbidden", "local mode answers only loopback host names")
    service_url = activity.get("serviceUrl")
    if not isinstance(service_url, str) or not service_url:
        raise Rejected(400, "BadRequest", "the activity has no serviceUrl")
    if not any(c.allows(service_url) for c in connectors):
        raise Rejected(
            403,
            "Forbidden",
            "the serviceUrl is not an allowed local connector (LOCAL_CONNECTOR_URLS)",
        )


def _loopback_host(host: str) -> bool:
    """`127.0.0.1:3978`, `localhost`, `[::1]:3978`: a loopback name, with or without port."""
    if host.startswith("["):
        name = host[1 : host.index("]")] if "]" in host else host
    else:
        name = host.split(":")[0]
    if name.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


_JSON_STRING = re.compile(rb'"[^"\\]*(?:\\.[^"\\]*)*"', re.DOTALL)
_NOT_BRACKETS = bytes(b for b in range(256) if b not in b"[]{}")


def _raw_depth(raw: bytes) -> int:
    """The deepest nesting of brackets outside strings: strings are cut out and every
    other byte dropped (both in C), so only the brackets are walked in Python."""
    brackets = _JSON_STRING.sub(b"", raw).translate(None, _NOT_BRACKETS)
    depth = deepest = 0
    for byte in brackets:
        depth += 1 if byte in b"[{" else -1
        deepest = max(deepest, depth)
    return deepest


def _depth_over(value: Any, limit: int) -> bool:
    """Whether JSON nests deeper than `limit`, without recursion."""
    stack: list[tuple[Any, int]] = [(value, 1)]
    while stack:
        node, depth = stack.pop()
        if isinstance(node, dict | list):
            if depth > limit:
                return True
            children = node.values() if isinstance(node, dict) else node
            stack.extend((child, depth + 1) for child in children)
    return False
