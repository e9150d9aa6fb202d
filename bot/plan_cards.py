"""Cards for the procurement plan: the pipeline by quarter, who carries what, the
timeline and portfolio images, and each entry with the buttons to begin the work.

Buttons only act on a person's press: start the market dialogue (the existing form,
filled from the entry), mark the entry started, or save the whole plan to SharePoint.
"""

from __future__ import annotations

import base64
from typing import Any

from bot.cards import MAX_CARD_BYTES, Card, adaptive_card, card_bytes, message_card
from skills.i18n import DateText, tr
from skills.market_dialogue.names import START
from skills.plan.answers import PlanAnswer, flag_text, person
from skills.plan.names import MARK_STARTED, SAVE
from skills.plan.plugin import PlanDone

MAX_ENTRIES_WITH_BUTTONS = 5


def _md(text: str) -> str:
    for mark in ("\\", "[", "]", "*", "_"):
        text = text.replace(mark, "\\" + mark)
    return text


def _image(png: bytes, alt: str, size: str = "Stretch") -> dict[str, Any]:
    data = base64.b64encode(png).decode("ascii")
    return {"type": "Image", "url": f"data:image/png;base64,{data}", "altText": alt,
            "size": size}  # fmt: skip


def _facts(pairs: tuple[tuple[str, str], ...]) -> dict[str, Any]:
    return {"type": "FactSet", "facts": [{"title": _md(k), "value": _md(v)} for k, v in pairs]}


def _heading(text: str) -> dict[str, Any]:
    return {"type": "TextBlock", "text": _md(text), "weight": "Bolder", "wrap": True,
            "spacing": "Medium"}  # fmt: skip


def plan_card(answer: PlanAnswer) -> Card:
    lang = answer.lang
    body: list[dict[str, Any]] = [
        {"type": "TextBlock", "text": _md(answer.title), "weight": "Bolder", "size": "Medium",
         "wrap": True},
        _facts(answer.facts),
    ]  # fmt: skip
    if answer.pipeline:
        body += [_heading(tr(lang, "Work to start, by quarter")), _facts(answer.pipeline)]
    if answer.workload:
        body += [_heading(tr(lang, "Workload per person")), _facts(answer.workload)]
    images = []
    if answer.chart_png:
        images.append(_image(answer.chart_png, tr(lang, "Timeline")))
    if answer.matrix_png:
        images.append(_image(answer.matrix_png, tr(lang, "Contract portfolio"), "Medium"))
    body += images
    for index, entry in enumerate(answer.entries):
        s = entry.schedule
        who = person(entry.responsible) if entry.responsible else tr(lang, "no one")
        lines = [
            tr(lang, "Work starts {day}", day=DateText(s.work_start).say(lang)),
            tr(lang, "Competition notice {day}", day=DateText(s.notice).say(lang)),
            tr(lang, "Contract from {day}", day=DateText(s.contract_start).say(lang)),
            tr(lang, "Responsible: {who}", who=who),
        ]
        items: list[dict[str, Any]] = [
            {"type": "TextBlock", "text": _md(f"{entry.need} ({entry.category})"),
             "weight": "Bolder", "wrap": True},
            {"type": "TextBlock", "text": _md(" · ".join(lines)), "wrap": True, "size": "Small"},
        ]  # fmt: skip
        if entry.flags:
            flags = "; ".join(flag_text(f, lang) for f in entry.flags)
            items.append({"type": "TextBlock", "wrap": True, "size": "Small",
                          "color": "Attention", "text": _md(flags)})  # fmt: skip
        if index < MAX_ENTRIES_WITH_BUTTONS and entry.status == "planlagt":
            request = tr(lang, "market dialogue for {need}", need=entry.need)
            items.append({"type": "ActionSet", "actions": [
                {"type": "Action.Execute", "title": tr(lang, "Start the market dialogue"),
                 "verb": START.verb,
                 "data": {"request": request, "contract_id": entry.contract_id}},
                {"type": "Action.Execute", "title": tr(lang, "Mark as started"),
                 "verb": MARK_STARTED.verb, "data": {"key": entry.key}},
            ]})  # fmt: skip
        body.append({"type": "Container", "separator": True, "items": items})
    for note in answer.notes:
        body.append({"type": "TextBlock", "text": _md(note), "wrap": True, "isSubtle": True,
                     "size": "Small"})  # fmt: skip
    actions: list[dict[str, Any]] = []
    if answer.to_create or answer.to_update:
        actions.append({
            "type": "Action.Execute", "verb": SAVE.verb, "data": {},
            "title": tr(lang, "Save the plan in SharePoint ({new} new, {changed} changed)",
                        new=answer.to_create, changed=answer.to_update),
        })  # fmt: skip
    if answer.workbook_url.startswith(("https://", "http://127.0.0.1", "http://localhost")):
        actions.append({"type": "Action.OpenUrl", "title": tr(lang, "Open the workbook"),
                        "url": answer.workbook_url})  # fmt: skip
    card = adaptive_card(body, actions)
    for image in reversed(images):
        if card_bytes(card) <= MAX_CARD_BYTES:
            break
        body.remove(image)
        card = adaptive_card(body, actions)
    return card


def plan_done_card(done: PlanDone) -> Card:
    return message_card(done.message)
