"""A way for long-running skills to say how far they have come.

Skills stay free of Teams: they report into whatever sink the caller installed
for the current task (the bot installs one that edits a Teams message in place;
the CLI and tests install none, and reporting is then a no-op).
"""

from __future__ import annotations

import contextvars
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Protocol


class ProgressSink(Protocol):
    async def report(self, done: int, total: int, label: str) -> None:
        """`label` is already in the user's language, e.g. "dokumenter"."""


_current: contextvars.ContextVar[ProgressSink | None] = contextvars.ContextVar(
    "progress_sink", default=None
)


async def report_progress(done: int, total: int, label: str) -> None:
    sink = _current.get()
    if sink is not None:
        await sink.report(done, total, label)


@contextmanager
def progress_to(sink: ProgressSink | None) -> Iterator[None]:
    token = _current.set(sink)
    try:
        yield
    finally:
        _current.reset(token)
