"""Adaptive Card builders, one small function per card.

Cards target schema 1.5, the newest version Teams renders on every client. Buttons
use `Action.Execute` (Universal Actions) so the bot can answer by replacing the card.
"""

from __future__ import annotations

import base64
import json
from collections.abc import Sequence
from typing import Any

from botbuilder.core import CardFactory
from botbuilder.schema import Attachment

from skills.assistant.names import HELP, STATUS
from skills.assistant.plugin import HelpInfo
from skills.i18n import Lang, tr

CARD_VERSION = "1.5"
Card = dict[str, Any]

# Teams refuses a message over about 28 KB; leave room for the activity around the card.
MAX_CARD_BYTES = 25_000
MAX_TEXT_CHARS = 4_000


def card_bytes(card: Card) -> int:
    return len(json.dumps(card, ensure_ascii=False).encode())


def adaptive_card(body: list[dict[str, Any]], actions: list[dict[str, Any]] | None = None) -> Card:
    card: Card = {
        "type": "AdaptiveCard",
        "$schema": "http://adaptivecards.io/schemas/adaptive-card.json",
        "version": CARD_VERSION,
        "body": body,
    }
    if actions:
        card["actions"] = actions
    return card


def _execute(title: str, verb: str, data: dict[str, Any] | None = None) -> dict[str, Any]:
    return {"type": "Action.Execute", "title": title, "verb": verb, "data": data or {}}


def _text(text: str, **style: Any) -> dict[str, Any]:
    return {"type": "TextBlock", "text": text, "wrap": True, **style}


def welcome_card(lang: Lang) -> Card:
    return adaptive_card(
        [
            _text(
                tr(lang, "Hi! I am the procurement assistant."),
                size="Large",
                weight="Bolder",
                style="heading",
            ),
            _text(
                tr(
                    lang,
                    "I take routine procurement work off your hands: contract deadlines, "
                    "market-dialogue invitations and supplier input summaries. Type “help” at "
                    "any time to see what I can do. In a channel, @-mention me.",
                )
            ),
        ],
        [_execute(tr(lang, "Show what I can do"), HELP.verb)],
    )


def help_card(info: HelpInfo) -> Card:
    lang = info.lang
    body: list[dict[str, Any]] = []
    if info.unanswered:
        body.append(
            _text(
                tr(lang, "I can't answer that yet: “{question}”.", question=info.unanswered),
                weight="Bolder",
            )
        )
    elif info.not_understood:
        body.append(
            _text(
                tr(
                    lang,
                    "I did not understand “{question}”. Please put it another way.",
                    question=info.not_understood,
                ),
                weight="Bolder",
            )
        )
    body.append(
        _text(tr(lang, "What I can help with"), size="Large", weight="Bolder", style="heading")
    )
    for cap in info.capabilities:
        title = cap.title(lang)
        if not cap.available:
            title = title + " · " + tr(lang, "Coming soon")
        examples = "; ".join(tr(lang, "“{e}”", e=e) for e in cap.examples(lang))
        body.append(
            {
                "type": "Container",
                "separator": True,
                "items": [
                    _text(title, weight="Bolder"),
                    _text(cap.text(lang), spacing="Small"),
                    _text(
                        tr(lang, "Try for example") + f": {examples}", isSubtle=True, size="Small"
                    ),
                ],
            }
        )
    body.append(
        _text(
            tr(
                lang,
                "I am a support tool: you make the decisions, and I never send e-mail without a "
                "person approving it.",
            ),
            isSubtle=True,
            size="Small",
            separator=True,
        )
    )
    return adaptive_card(body, [_execute(tr(lang, "Check status"), STATUS.verb)])


def facts_card(title: str, facts: list[tuple[str, str]]) -> Card:
    return adaptive_card(
        [
            _text(title, size="Large", weight="Bolder", style="heading"),
            {"type": "FactSet", "facts": [{"title": k, "value": v} for k, v in facts]},
        ]
    )


def message_card(text: str) -> Card:
    return adaptive_card([_text(text)])


def plain_text(text: str) -> str:
    """Text from documents, ledgers or people shown as text: no markdown in it may become
    a link or formatting on a card."""
    for mark in ("\\", "[", "]", "*", "_"):
        text = text.replace(mark, "\\" + mark)
    return text


def fact_set(pairs: Sequence[tuple[str, str]]) -> dict[str, Any]:
    """Label and value pairs, both shown as plain text."""
    return {
        "type": "FactSet",
        "facts": [{"title": plain_text(k), "value": plain_text(v)} for k, v in pairs],
    }


def png_image(png: bytes, alt: str, size: str = "Stretch") -> dict[str, Any]:
    """A chart inside the card as a data URI: Teams cannot show an image from the office's
    SharePoint without the user's sign-in."""
    data = base64.b64encode(png).decode("ascii")
    return {"type": "Image", "url": f"data:image/png;base64,{data}", "altText": alt,
            "size": size}  # fmt: skip


def as_attachment(card: Card) -> Attachment:
    return CardFactory.adaptive_card(card)
