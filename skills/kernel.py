"""Build the Semantic Kernel that every turn runs through, with all skills as plugins."""

from __future__ import annotations

from collections.abc import Mapping

from semantic_kernel import Kernel

from skills.assistant.names import ASSISTANT
from skills.assistant.plugin import AssistantPlugin


def build_kernel(extra_plugins: Mapping[str, object] | None = None) -> Kernel:
    """Register the skill plugins plus any the caller adds (the bot adds diagnostics).

    Plugin names are the ones the offline intent rules refer to.
    """
    kernel = Kernel()
    kernel.add_plugin(AssistantPlugin(), plugin_name=ASSISTANT)
    for name, plugin in (extra_plugins or {}).items():
        kernel.add_plugin(plugin, plugin_name=name)
    return kernel
