"""The assistant plugin: tells users and the model what the product can do."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from semantic_kernel.functions import kernel_function

from skills.assistant.capabilities import CAPABILITIES, Capability
from skills.assistant.names import HELP
from skills.i18n import Lang, current_lang, tr


@dataclass(frozen=True)
class HelpInfo:
    """Structured so the bot can render a card; `str()` is what a model reads."""

    lang: Lang
    capabilities: tuple[Capability, ...]
    # The question that led here: one no capability answers yet, or one not understood.
    unanswered: str = ""
    not_understood: str = ""

    def __str__(self) -> str:
        lines = []
        for cap in self.capabilities:
            state = "" if cap.available else tr(self.lang, " (coming)")
            lines.append(f"- {cap.title(self.lang)}{state}: {cap.text(self.lang)}")
        return "\n".join(lines)


class AssistantPlugin:
    """Plugin name `assistant`."""

    @kernel_function(
        name=HELP.name,
        description=(
            "List what the procurement assistant can do, with example requests. "
            "Use when the user greets, asks for help or asks what you can do."
        ),
    )
    async def help(
        self,
        topic: Annotated[
            str, "Optional capability to focus on, e.g. 'deadlines'; empty for all"
        ] = "",
        unanswered: Annotated[
            str, "The user's question when no capability answers it yet; else empty"
        ] = "",
        not_understood: Annotated[str, "A message the assistant did not understand"] = "",
    ) -> HelpInfo:
        wanted = tuple(c for c in CAPABILITIES if topic and c.key == topic.strip().lower())
        return HelpInfo(
            current_lang(),
            wanted or CAPABILITIES,
            _quoted(unanswered),
            _quoted(not_understood),
        )


def _quoted(text: str) -> str:
    """A user's words shown back, one line and short."""
    flat = " ".join(str(text).split())
    return flat if len(flat) <= 120 else flat[:119] + "…"
