"""The assistant plugin: tells users and the model what the product can do."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from semantic_kernel.functions import kernel_function

from skills.assistant.capabilities import CAPABILITIES, Capability
from skills.i18n import Lang, current_lang, pick


@dataclass(frozen=True)
class HelpInfo:
    """Structured so the bot can render a card; `str()` is what a model reads."""

    lang: Lang
    capabilities: tuple[Capability, ...]

    def __str__(self) -> str:
        lines = []
        for cap in self.capabilities:
            state = "" if cap.available else pick(self.lang, " (kommer)", " (coming)")
            lines.append(f"- {cap.title(self.lang)}{state}: {cap.text(self.lang)}")
        return "\n".join(lines)


class AssistantPlugin:
    """Plugin name `assistant`."""

    @kernel_function(
        name="help",
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
    ) -> HelpInfo:
        wanted = tuple(c for c in CAPABILITIES if topic and c.key == topic.strip().lower())
        return HelpInfo(current_lang(), wanted or CAPABILITIES)
