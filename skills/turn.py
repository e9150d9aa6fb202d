"""Who is asking in the current turn, for skills that answer per person."""

from __future__ import annotations

import contextvars
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass


@dataclass(frozen=True)
class Asker:
    aad_object_id: str
    name: str


_asker: contextvars.ContextVar[Asker | None] = contextvars.ContextVar("asker", default=None)


def current_asker() -> Asker | None:
    return _asker.get()


@contextmanager
def asked_by(asker: Asker | None) -> Iterator[None]:
    token = _asker.set(asker)
    try:
        yield
    finally:
        _asker.reset(token)
