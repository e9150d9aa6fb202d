"""The bits of OData the gateways rely on: errors, $select, $top, paging links, $filter."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlencode

from aiohttp import web

DEFAULT_PAGE = 200
MAX_PAGE = 5000


class GraphError(Exception):
    """Raised by handlers; becomes an OData error body with this status."""

    def __init__(self, status: int, code: str, message: str, headers: dict[str, str] | None = None):
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.headers = headers or {}


def error_response(error: GraphError, request_id: str) -> web.Response:
    body = {
        "error": {
            "code": error.code,
            "message": error.message,
            "innerError": {"request-id": request_id, "client-request-id": request_id},
        }
    }
    return web.json_response(body, status=error.status, headers=error.headers)


def not_found(what: str) -> GraphError:
    return GraphError(404, "itemNotFound", f"The resource '{what}' could not be found.")


def query(request: web.Request, name: str) -> str | None:
    """OData options arrive with or without the `$` prefix."""
    value = request.query.get(f"${name}")
    return value if value is not None else request.query.get(name)


def page_size(request: web.Request) -> int:
    raw = query(request, "top")
    if raw is None:
        return DEFAULT_PAGE
    if not raw.isdigit() or int(raw) < 1:
        raise GraphError(400, "invalidRequest", f"Invalid $top value '{raw}'.")
    return min(int(raw), MAX_PAGE)


def select_fields(raw: str | None) -> set[str] | None:
    if not raw:
        return None
    return {part.strip() for part in raw.split(",") if part.strip()}


def apply_select(entity: dict[str, Any], selected: set[str] | None) -> dict[str, Any]:
    if selected is None:
        return entity
    keep = selected | {"id", "@odata.type", "@odata.etag"}
    return {k: v for k, v in entity.items() if k in keep}


def expand_fields_select(raw: str | None) -> tuple[bool, set[str] | None]:
    """`$expand=fields($select=a,b)` (or `fields(select=a,b)`) -> (expand?, selected)."""
    if not raw:
        return False, None
    match = re.search(r"fields(?:\((?:\$?select=)?([^)]*)\))?", raw)
    if match is None:
        return False, None
    return True, select_fields(match.group(1))


def paged(
    request: web.Request, items: list[dict[str, Any]], extra: dict[str, str] | None = None
) -> dict[str, Any]:
    """One page of `items` and, when more remain, an absolute `@odata.nextLink`."""
    size = page_size(request)
    token = query(request, "skiptoken") or "0"
    if not token.isdigit():
        raise GraphError(400, "invalidRequest", "Invalid $skiptoken.")
    offset = int(token)
    body: dict[str, Any] = {"value": items[offset : offset + size]}
    if offset + size < len(items):
        params = {k: v for k, v in request.query.items() if k not in ("$skiptoken", "skiptoken")}
        params.update(extra or {})
        params["$skiptoken"] = str(offset + size)
        body["@odata.nextLink"] = link(request, request.path, params)
    return body


def link(request: web.Request, path: str, params: dict[str, str]) -> str:
    base = f"{request.scheme}://{request.host}{path}"
    return f"{base}?{urlencode(params)}" if params else base


_EQ = re.compile(r"^\s*(\w+)\s+eq\s+'((?:[^']|'')*)'\s*$", re.IGNORECASE)


def filter_equals(raw: str | None) -> list[tuple[str, str]]:
    """`a eq 'x' or b eq 'y'` -> [(a, x), (b, y)]; other filters are refused clearly."""
    if not raw:
        return []
    pairs = []
    for clause in re.split(r"\s+or\s+", raw, flags=re.IGNORECASE):
        match = _EQ.match(clause)
        if match is None:
            raise GraphError(
                400, "invalidRequest", f"The local tenant does not support the filter '{raw}'."
            )
        pairs.append((match.group(1), match.group(2).replace("''", "'")))
    return pairs
