"""Cards for purchasing analysis: key figures, the chart, a short table, the workbook.

The chart travels inside the card as a small palette PNG (a data URI), since Teams
cannot show an image from the office's SharePoint without the user's sign-in. If the
card would pass Teams' size limit, the chart is left out and the workbook keeps it all.
"""

from __future__ import annotations

from typing import Any

from bot.cards import (
    MAX_CARD_BYTES,
    Card,
    adaptive_card,
    card_bytes,
    fact_set,
    message_card,
    png_image,
)
from bot.cards import (
    plain_text as _md,
)
from skills.i18n import tr
from skills.spend.answers import SpendAnswer
from skills.spend.plugin import SpendProblem


def spend_card(answer: SpendAnswer) -> Card:
    lang = answer.lang
    body: list[dict[str, Any]] = [
        {"type": "TextBlock", "text": _md(answer.title), "weight": "Bolder", "size": "Medium",
         "wrap": True},
        fact_set(answer.facts),
    ]  # fmt: skip
    chart: dict[str, Any] | None = None
    if answer.chart_png:
        chart = png_image(answer.chart_png, answer.table_title)
        body.append(chart)
    if answer.rows:
        body.append({"type": "TextBlock", "text": _md(answer.table_title), "weight": "Bolder",
                     "wrap": True, "spacing": "Medium"})  # fmt: skip
        body.append(fact_set(answer.rows))
    for note in answer.notes:
        body.append({"type": "TextBlock", "text": _md(note), "wrap": True, "isSubtle": True,
                     "size": "Small"})  # fmt: skip
    actions = []
    if answer.workbook_url.startswith(("https://", "http://127.0.0.1", "http://localhost")):
        actions.append(
            {"type": "Action.OpenUrl", "title": tr(lang, "Open the workbook"),
             "url": answer.workbook_url}
        )  # fmt: skip
    card = adaptive_card(body, actions)
    if chart is not None and card_bytes(card) > MAX_CARD_BYTES:
        body.remove(chart)
        card = adaptive_card(body, actions)
    return card


def spend_problem_card(problem: SpendProblem) -> Card:
    return message_card(problem.message)
