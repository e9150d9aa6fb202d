"""The `status` command: checks the services the bot depends on, with progress.

It is a kernel plugin like the skills, so the model and the offline router can
both call it; it lives in `bot/` because what it checks is the bot's own wiring.
"""

from __future__ import annotations

import logging
import time
import uuid
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass

from semantic_kernel.functions import kernel_function

from skills.assistant.names import STATUS
from skills.i18n import Lang, current_lang, tr
from skills.progress import report_progress

log = logging.getLogger(__name__)

# Outcome of one check: "ok", "failed" or "off", plus a short detail.
CheckOutcome = tuple[str, str]


@dataclass(frozen=True)
class Check:
    name_id: str  # a message id; the English name is what the log says
    run: Callable[[], Awaitable[CheckOutcome]]

    def name(self, lang: Lang) -> str:
        return tr(lang, self.name_id)


@dataclass(frozen=True)
class CheckResult:
    """What a chat user sees of a check: its state in words, and for a failure the
    reference to the log line that has the detail (paths, hosts, versions stay there)."""

    name: str
    state: str
    reference: str
    millis: int


@dataclass(frozen=True)
class StatusReport:
    lang: Lang
    engine: str
    results: tuple[CheckResult, ...]

    def __str__(self) -> str:
        lines = [f"engine: {'offline' if self.engine == 'offline' else 'language model'}"]
        lines += [f"- {r.name}: {r.state} {r.reference}".rstrip() for r in self.results]
        return "\n".join(lines)


class DiagnosticsPlugin:
    """Plugin name `diagnostics`."""

    def __init__(self, checks: Sequence[Check], engine: str) -> None:
        self._checks = tuple(checks)
        self._engine = engine

    @kernel_function(
        name=STATUS.name,
        description="Check that the assistant's storage, language model and Microsoft 365 "
        "connection work. Use when the user asks for status or health.",
    )
    async def status(self) -> StatusReport:
        lang = current_lang()
        label = tr(lang, "Checking")
        results = []
        for number, check in enumerate(self._checks, start=1):
            await report_progress(number, len(self._checks), label)
            started = time.perf_counter()
            reference = ""
            try:
                state, detail = await check.run()
            except Exception as exc:  # a failed check is a result, not a crash
                state, detail = "failed", f"{type(exc).__name__}: {str(exc)[:300]}"
            millis = int((time.perf_counter() - started) * 1000)
            if state == "failed":
                reference = uuid.uuid4().hex[:8]
                log.warning("status check %s failed ref=%s: %s", check.name_id, reference, detail)
            else:
                log.info("status check %s: %s %s (%d ms)", check.name_id, state, detail, millis)
            results.append(CheckResult(check.name(lang), state, reference, millis))
        return StatusReport(lang, self._engine, tuple(results))
