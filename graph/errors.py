"""Our own error types at the Graph boundary, so callers never see SDK exceptions.

A 403 names the Graph permission the operation needs, because "access denied"
alone sends an admin hunting; 429/503 arrive here only after the SDK's retry
handler has given up.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from kiota_abstractions.api_error import APIError


class GraphGatewayError(Exception):
    """Base for every failure talking to Microsoft Graph."""

    def __init__(self, message: str, status: int | None = None) -> None:
        super().__init__(message)
        self.status = status


class NotFoundError(GraphGatewayError):
    pass


class ForbiddenError(GraphGatewayError):
    def __init__(self, message: str, permission: str) -> None:
        super().__init__(message, 403)
        self.permission = permission


class ThrottledError(GraphGatewayError):
    pass


class InvalidRequestError(GraphGatewayError):
    pass


class AuthenticationError(GraphGatewayError):
    pass


def graph_problem(exc: BaseException) -> GraphGatewayError | None:
    """The Microsoft 365 error behind a failure; Semantic Kernel wraps what a function
    raised, so the cause chain is searched."""
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        if isinstance(current, GraphGatewayError):
            return current
        seen.add(id(current))
        current = current.__cause__ or current.__context__
    return None


def _detail(error: APIError) -> str:
    inner = getattr(error, "error", None)
    message = getattr(inner, "message", None) or getattr(error, "message", None)
    code = getattr(inner, "code", None)
    if message and code:
        return f"{code}: {message}"
    return str(message or code or error)


@contextmanager
def graph_errors(operation: str, permission: str) -> Iterator[None]:
    """Translate SDK errors raised inside into our types, naming `operation`."""
    try:
        yield
    except APIError as error:
        status = error.response_status_code
        detail = _detail(error)
        if status == 404:
            raise NotFoundError(f"{operation}: not found ({detail})", 404) from error
        if status == 403:
            raise ForbiddenError(
                f"{operation}: access denied; the app needs the Microsoft Graph permission "
                f"{permission} ({detail})",
                permission,
            ) from error
        if status == 401:
            raise AuthenticationError(f"{operation}: not authenticated ({detail})", 401) from error
        if status in (429, 503, 504):
            raise ThrottledError(
                f"{operation}: Microsoft Graph is busy (HTTP {status}) and retries ran out",
                status,
            ) from error
        if status is not None and 400 <= status < 500:
            raise InvalidRequestError(f"{operation}: {detail}", status) from error
        raise GraphGatewayError(f"{operation}: HTTP {status} {detail}", status) from error
