"""How the app names a kernel function: one `Fn` per function, declared beside its skill
(`skills/<skill>/names.py`) and used from there by the plugin's own decorator, the app
that registers the plugin, the card buttons, the card-only list and the offline rules,
so a renamed function cannot leave one of them behind."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Fn:
    plugin: str
    name: str
    # The verb of the card buttons that run this function ("" when no button does); the
    # cards and the bot's verb table both take it from here.
    verb: str = ""

    @property
    def qualified(self) -> str:
        """Semantic Kernel's fully qualified name, as a model sees it."""
        return f"{self.plugin}-{self.name}"
