"""Remove the bot's own @-mention from a message before intent parsing.

Only the bot's mention is removed: a mention of a colleague keeps the name (tags
dropped), because "frister for @Kari" needs Kari.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

_AT_TAG = re.compile(r"</?at[^>]*>", re.IGNORECASE)


def strip_own_mention(text: str, entities: Iterable[Any], bot_id: str) -> str:
    for entity in entities:
        data = _as_dict(entity)
        if data.get("type") != "mention":
            continue
        mentioned = data.get("mentioned") or {}
        if isinstance(mentioned, dict) and mentioned.get("id") == bot_id:
            tag = data.get("text")
            if isinstance(tag, str) and tag:
                text = text.replace(tag, " ")
    text = _AT_TAG.sub("", text)
    return " ".join(text.split())


def _as_dict(entity: Any) -> dict[str, Any]:
    if isinstance(entity, dict):
        return entity
    data: dict[str, Any] = {"type": getattr(entity, "type", None)}
    data.update(getattr(entity, "additional_properties", None) or {})
    return data
