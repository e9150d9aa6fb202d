"""The `status` command: checks the services the bot depends on, with progress.

It is a kernel plugin like the skills, so the model and the offline router can
both call it; it lives in `bot/` because what it checks is the bot's own wiring.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass

from semantic_kernel.functions import kernel_function

from skills.i18n import Lang, current_lang
from skills.progress import report_progress

log = logging.getLogger(__name__)

# Outcome of one check: "ok", "failed" or "off", plus a short detail.
CheckOutcome = tuple[str, str]


@dataclass(frozen=True)
class Check:
    name_nb: str
    name_en: str
    run: Callable[[], Awaitable[CheckOutcome]]

    def name(self, lang: Lang) -> str:
        return self.name_en if lang == "en" else self.name_nb


@dataclass(frozen=True)
class CheckResult:
    name: str
    state: str
    detail: str
    millis: int


@dataclass(frozen=True)
class StatusReport:
    lang: Lang
    engine: str
    results: tuple[CheckResult, ...]

    def __str__(self) -> str:
        lines = [f"engine: {self.engine}"]
        lines += [f"- {r.name}: {r.state} {r.detail}".rstrip() for r in self.results]
        return "\n".join(lines)


class DiagnosticsPlugin:
    """Plugin name `diagnostics`."""

    def __init__(self, checks: Sequence[Check], engine: str) -> None:
        self._checks = tuple(checks)
        self._engine = engine

    @kernel_function(
        name="status",
        description="Check that the assistant's storage, language model and Microsoft 365 "
        "connection work. Use when the user asks for status or health.",
    )
    async def status(self) -> StatusReport:
        lang = current_lang()
        label = "Checking" if lang == "en" else "Sjekker"
        results = []
        for number, check in enumerate(self._checks, start=1):
            await report_progress(number, len(self._checks), label)
            started = time.perf_counter()
            try:
                state, detail = await check.run()
            except Exception as exc:  # a failed check is a result, not a crash
                log.warning("status check %s failed", check.name_en, exc_info=True)
                state, detail = "failed", type(exc).__name__
            millis = int((time.perf_counter() - started) * 1000)
            results.append(CheckResult(check.name(lang), state, detail, millis))
        return StatusReport(lang, self._engine, tuple(results))
