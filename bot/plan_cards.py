"""Cards for the procurement plan: the pipeline by quarter, who carries what, the
timeline and portfolio images, and each entry with the buttons to begin the work.

Buttons only act on a person's press: start the market dialogue (the existing form,
filled from the entry), mark the entry started, or save the whole plan to SharePoint.
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
from skills.i18n import DateText, tr
from skills.market_dialogue.names import START
from skills.plan.answers import PlanAnswer, flag_text, person
from skills.plan.manual_entry import EntryDraft
from skills.plan.names import ADD_ENTRY, CHECK_ENTRY, MARK_STARTED, NEW_ENTRY, SAVE
from skills.plan.plugin import PlanDone

MAX_ENTRIES_WITH_BUTTONS = 5


def _heading(text: str) -> dict[str, Any]:
    return {"type": "TextBlock", "text": _md(text), "weight": "Bolder", "wrap": True,
            "spacing": "Medium"}  # fmt: skip


def plan_card(answer: PlanAnswer) -> Card:
    lang = answer.lang
    body: list[dict[str, Any]] = [
        {"type": "TextBlock", "text": _md(answer.title), "weight": "Bolder", "size": "Medium",
         "wrap": True},
        fact_set(answer.facts),
    ]  # fmt: skip
    if answer.pipeline:
        body += [_heading(tr(lang, "Work to start, by quarter")), fact_set(answer.pipeline)]
    if answer.workload:
        body += [_heading(tr(lang, "Workload per person")), fact_set(answer.workload)]
    images = []
    if answer.chart_png:
        images.append(png_image(answer.chart_png, tr(lang, "Timeline")))
    if answer.matrix_png:
        images.append(png_image(answer.matrix_png, tr(lang, "Contract portfolio"), "Medium"))
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
            if entry.category:
                request += f" ({entry.category})"
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
    actions.append({"type": "Action.Execute", "verb": NEW_ENTRY.verb, "data": {},
                    "title": tr(lang, "Add a need")})  # fmt: skip
    card = adaptive_card(body, actions)
    for image in reversed(images):
        if card_bytes(card) <= MAX_CARD_BYTES:
            break
        body.remove(image)
        card = adaptive_card(body, actions)
    return card


def plan_done_card(done: PlanDone) -> Card:
    return message_card(done.message)


def entry_form_card(draft: EntryDraft) -> Card:
    """The form to add a need by hand; after a check, the schedule it would get, what
    stops it and what is worth a second look, and the button that saves it."""
    lang = draft.lang
    v = draft.values
    body: list[dict[str, Any]] = [
        {"type": "TextBlock", "text": tr(lang, "Add a need to the procurement plan"),
         "weight": "Bolder", "size": "Medium", "wrap": True},
        {"type": "Input.Text", "id": "need", "label": tr(lang, "What is to be procured"),
         "value": v.get("need", ""), "isRequired": True,
         "errorMessage": tr(lang, "Write what is to be procured.")},
        {"type": "Input.Text", "id": "category", "label": tr(lang, "Category"),
         "value": v.get("category", "")},
        {"type": "Input.Date", "id": "contract_start",
         "label": tr(lang, "The new contract must start"), "value": v.get("contract_start", "")},
        {"type": "Input.Text", "id": "responsible", "label": tr(lang, "Responsible (e-mail)"),
         "value": v.get("responsible", ""), "style": "Email"},
        {"type": "Input.Text", "id": "value", "label": tr(lang, "Estimated value (NOK)"),
         "value": v.get("value", "")},
        {"type": "Input.Text", "id": "entities",
         "label": tr(lang, "County municipalities (separated by ;)"),
         "value": v.get("entities", "")},
    ]  # fmt: skip
    for refusal in draft.refusals:
        body.append({"type": "TextBlock", "text": _md(refusal), "wrap": True,
                     "color": "Attention"})  # fmt: skip
    actions: list[dict[str, Any]] = [
        {"type": "Action.Execute", "verb": CHECK_ENTRY.verb, "data": {},
         "title": tr(lang, "Check")},
    ]  # fmt: skip
    if draft.entry is not None:
        s = draft.entry.schedule
        body.append(_heading(tr(lang, "Schedule")))
        body.append(fact_set(tuple(
            (label, DateText(day).say(lang))
            for label, day in (
                (tr(lang, "Work starts"), s.work_start),
                (tr(lang, "Competition notice"), s.notice),
                (tr(lang, "Signing"), s.signing),
                (tr(lang, "Contract start"), s.contract_start),
            )
        )))  # fmt: skip
        for warning in draft.warnings:
            body.append({"type": "TextBlock", "text": _md(warning), "wrap": True,
                         "color": "Warning"})  # fmt: skip
        actions.append({"type": "Action.Execute", "verb": ADD_ENTRY.verb, "data": {},
                        "title": tr(lang, "Save in the plan")})  # fmt: skip
    return adaptive_card(body, actions)
