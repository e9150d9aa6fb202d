"""The card that shows contract terms read from a document next to the register, with
the sentence each came from, and lets a person confirm the changes."""

from __future__ import annotations

import json
from typing import Any

from bot.cards import Card, adaptive_card, message_card
from skills.contracts.names import CONFIRM_TERMS
from skills.contracts.terms import Evidence
from skills.contracts.terms_plugin import TermsConfirmation, TermsReview
from skills.contracts.terms_review import TermRow, check_label, field_label, how_label
from skills.i18n import Lang, is_norwegian, tr

MAX_QUOTE = 280


def _show(field: str, value: str | None, lang: Lang) -> str:
    if value is None:
        return tr(lang, "not found")
    if field in ("start", "slutt") and value:
        year, month, day = value.split("-")
        return f"{day}.{month}.{year}" if is_norwegian(lang) else value
    if field == "opsjoner":
        if not value:
            return tr(lang, "none")
        if "m" in value:  # "6m+6m": lengths in months
            return value.replace("m", "").replace("+", " + ") + tr(lang, " months")
        return value.replace("+", " + ") + tr(lang, " years")
    if field == "fornyes_automatisk":
        return {"ja": tr(lang, "yes"), "nei": tr(lang, "no")}.get(value, value)
    return value or "–"


def _where(evidence: Evidence, lang: Lang) -> str:
    parts = [evidence.document] if evidence.document else []
    if evidence.section:
        parts.append(tr(lang, "under “{section}”", section=evidence.section))
    if evidence.page:
        parts.append(tr(lang, "p. {page}", page=evidence.page))
    parts.append(tr(lang, "para. {paragraph}", paragraph=evidence.paragraph))
    return ", ".join(parts)


def _note(row: TermRow, lang: Lang) -> str:
    if row.note.startswith("options_used:"):
        used = row.note.split(":", 1)[1]
        return tr(
            lang,
            "The register shows {used} option(s) already used, consistent with the document.",
            used=used,
        )
    return ""


def _heading(row: TermRow, lang: Lang) -> tuple[str, str]:
    """The row's title and colour: a change to confirm, a value to check, or neither."""
    label = field_label(row.field, lang)
    if row.changed and not row.proposable:
        return label + tr(lang, " – not proposed"), "Warning"
    if row.changed and row.checks and not row.preticked:
        return label + tr(lang, " – changes, check first"), "Warning"
    if row.changed:
        return label + tr(lang, " – changes"), "Attention"
    return label, "Default"


def _small(text: str, color: str = "Default") -> dict[str, Any]:
    return {"type": "TextBlock", "text": text, "wrap": True, "size": "Small", "color": color}


def _row(row: TermRow, lang: Lang) -> dict[str, Any]:
    title, color = _heading(row, lang)
    shown = _show(row.field, row.proposed, lang)
    if row.stated:
        shown += tr(lang, " (written: {stated})", stated=row.stated)
    facts = [
        {"title": tr(lang, "The document"), "value": shown},
        {
            "title": tr(lang, "Register"),
            "value": _show(row.field, row.current, lang),
        },
    ]
    if row.how:
        facts.append({"title": tr(lang, "Found in"), "value": how_label(row.how, lang)})
    items: list[dict[str, Any]] = [
        {"type": "TextBlock", "text": title, "weight": "Bolder", "wrap": True, "color": color},
        {"type": "FactSet", "facts": facts},
    ]
    note = _note(row, lang)
    if note:
        items.append(_small(note))
    for check in row.checks:
        items.append(_small(tr(lang, "Check: ") + check_label(check, lang), "Warning"))
    for conflict in row.conflicts:
        said = _show(row.field, conflict.value, lang)
        if conflict.evidence is not None:  # the same document says something else too
            where = _where(conflict.evidence, lang)
            text = tr(
                lang, "Note: the document also says {said} ({where}).", said=said, where=where
            )
        else:
            text = tr(lang, "Note: {document} says {said}.", document=conflict.document, said=said)
        items.append(_small(text, "Warning"))
    for old in row.superseded:
        said = _show(row.field, old.value, lang)
        items.append(
            _small(
                tr(
                    lang,
                    "Changed by amendment: {document} said {said}.",
                    document=old.document,
                    said=said,
                ),
            )
        )
    if row.evidence is not None:
        quote = row.evidence.quote
        if len(quote) > MAX_QUOTE:
            quote = quote[: MAX_QUOTE - 1].rstrip() + "…"
        items.append(
            {
                "type": "TextBlock",
                "text": tr(lang, "“{quote}”", quote=quote) + f" ({_where(row.evidence, lang)})",
                "wrap": True,
                "isSubtle": True,
                "size": "Small",
                "spacing": "None",
            }
        )
    return {"type": "Container", "separator": True, "items": items}


def terms_card(review: TermsReview) -> Card:
    lang = review.lang
    contract = review.contract
    body: list[dict[str, Any]] = [
        {
            "type": "TextBlock",
            "text": tr(lang, "Terms from the contract document"),
            "size": "Large",
            "weight": "Bolder",
            "style": "heading",
            "wrap": True,
        }
    ]
    if contract is not None:
        body.append(
            {
                "type": "TextBlock",
                "text": f"{contract.contract_id} {contract.title} – {contract.supplier}",
                "wrap": True,
                "spacing": "None",
                "isSubtle": True,
            }
        )
    if review.message:
        body.append({"type": "TextBlock", "text": review.message, "wrap": True})
    if review.documents:
        body.append(
            {
                "type": "TextBlock",
                "text": tr(lang, "Read from: ") + ", ".join(review.documents),
                "wrap": True,
                "size": "Small",
            }
        )
    body.extend(_row(row, lang) for row in review.rows)
    for unread in review.unread:
        body.append(
            {
                "type": "TextBlock",
                "text": tr(lang, "Not read: ") + unread,
                "wrap": True,
                "size": "Small",
                "color": "Warning",
            }
        )
    actions: list[dict[str, Any]] = []
    changes = review.changes
    if contract is not None and changes:
        body.append(
            {
                "type": "Input.ChoiceSet",
                "id": "fields",
                "label": tr(lang, "Update these fields"),
                "isMultiSelect": True,
                "style": "expanded",
                "isRequired": True,
                "errorMessage": tr(lang, "Choose at least one field."),
                "value": ",".join(review.preticked),
                "choices": [{"title": field_label(f, lang), "value": f} for f in changes],
            }
        )
        unticked = [f for f in changes if f not in review.preticked]
        body.append(
            {
                "type": "TextBlock",
                "text": tr(lang, "Nothing changes in the register until you confirm.")
                + (tr(lang, " Fields to check are not ticked in advance.") if unticked else ""),
                "wrap": True,
                "isSubtle": True,
            }
        )
        actions.append(
            {
                "type": "Action.Execute",
                "verb": CONFIRM_TERMS.verb,
                "title": tr(lang, "Confirm and update the register"),
                "data": {
                    "contract_id": contract.contract_id,
                    "values": json.dumps(changes, ensure_ascii=False),
                    "expected": json.dumps(review.expected, ensure_ascii=False),
                },
            }
        )
    elif contract is not None and any(r.changed for r in review.rows):
        body.append(
            _small(
                tr(
                    lang,
                    "No value can be proposed until the notes above are checked against the "
                    "document.",
                ),
                "Warning",
            )
        )
    elif contract is not None and review.rows:
        body.append(
            {
                "type": "TextBlock",
                "text": tr(lang, "The register matches the document."),
                "wrap": True,
                "color": "Good",
            }
        )
    if review.url:
        actions.append(
            {
                "type": "Action.OpenUrl",
                "url": review.url,
                "title": tr(lang, "Open in SharePoint"),
            }
        )
    card: Card = adaptive_card(body)
    if actions:
        card["actions"] = actions
    return card


def terms_confirmation_card(result: TermsConfirmation) -> Card:
    return message_card(result.message)
