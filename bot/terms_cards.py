"""The card that shows contract terms read from a document next to the register, with
the sentence each came from, and lets a person confirm the changes."""

from __future__ import annotations

import json
from typing import Any

from bot.cards import Card, adaptive_card, message_card
from skills.contracts.terms import Evidence
from skills.contracts.terms_plugin import TermsConfirmation, TermsReview
from skills.contracts.terms_review import TermRow, field_label
from skills.i18n import Lang, pick

MAX_QUOTE = 280


def _show(field: str, value: str | None, lang: Lang) -> str:
    if value is None:
        return pick(lang, "ikke funnet", "not found")
    if field in ("start", "slutt") and value:
        year, month, day = value.split("-")
        return f"{day}.{month}.{year}" if lang == "nb" else value
    if field == "opsjoner":
        return (
            value.replace("+", " + ") + (" år" if lang == "nb" else " years")
            if value
            else (pick(lang, "ingen", "none"))
        )
    if field == "fornyes_automatisk":
        return {"ja": pick(lang, "ja", "yes"), "nei": pick(lang, "nei", "no")}.get(value, value)
    return value or "–"


def _where(evidence: Evidence, lang: Lang) -> str:
    parts = [evidence.document] if evidence.document else []
    if evidence.page:
        parts.append(pick(lang, f"s. {evidence.page}", f"p. {evidence.page}"))
    parts.append(pick(lang, f"avsn. {evidence.paragraph}", f"para. {evidence.paragraph}"))
    return ", ".join(parts)


def _note(row: TermRow, lang: Lang) -> str:
    if row.note == "derived":
        return pick(lang, "Beregnet fra startdato og varighet.", "Computed from start and term.")
    if row.note.startswith("options_used:"):
        used = row.note.split(":", 1)[1]
        return pick(
            lang,
            f"Registeret viser at {used} opsjon(er) alt er brukt; det stemmer med dokumentet.",
            f"The register shows {used} option(s) already used, consistent with the document.",
        )
    return ""


def _row(row: TermRow, lang: Lang) -> dict[str, Any]:
    items: list[dict[str, Any]] = [
        {
            "type": "TextBlock",
            "text": field_label(row.field, lang)
            + (pick(lang, " – endres", " – changes") if row.changed else ""),
            "weight": "Bolder",
            "wrap": True,
            "color": "Attention" if row.changed else "Default",
        },
        {
            "type": "FactSet",
            "facts": [
                {
                    "title": pick(lang, "Dokumentet", "Document"),
                    "value": _show(row.field, row.proposed, lang),
                },
                {
                    "title": pick(lang, "Registeret", "Register"),
                    "value": _show(row.field, row.current, lang),
                },
            ],
        },
    ]
    note = _note(row, lang)
    if note:
        items.append({"type": "TextBlock", "text": note, "wrap": True, "size": "Small"})
    for conflict in row.conflicts:
        items.append(
            {
                "type": "TextBlock",
                "text": pick(
                    lang,
                    f"Merk: {conflict.document} sier {_show(row.field, conflict.value, lang)}.",
                    f"Note: {conflict.document} says {_show(row.field, conflict.value, lang)}.",
                ),
                "wrap": True,
                "size": "Small",
                "color": "Warning",
            }
        )
    if row.evidence is not None:
        quote = row.evidence.quote
        if len(quote) > MAX_QUOTE:
            quote = quote[: MAX_QUOTE - 1].rstrip() + "…"
        items.append(
            {
                "type": "TextBlock",
                "text": pick(lang, f"«{quote}»", f"“{quote}”") + f" ({_where(row.evidence, lang)})",
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
            "text": pick(
                lang, "Vilkår fra kontraktsdokumentet", "Terms from the contract document"
            ),
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
                "text": pick(lang, "Lest fra: ", "Read from: ") + ", ".join(review.documents),
                "wrap": True,
                "size": "Small",
            }
        )
    body.extend(_row(row, lang) for row in review.rows)
    for unread in review.unread:
        body.append(
            {
                "type": "TextBlock",
                "text": pick(lang, "Ikke lest: ", "Not read: ") + unread,
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
                "label": pick(lang, "Oppdater disse feltene i registeret", "Update these fields"),
                "isMultiSelect": True,
                "style": "expanded",
                "isRequired": True,
                "errorMessage": pick(lang, "Velg minst ett felt.", "Choose at least one field."),
                "value": ",".join(changes),
                "choices": [{"title": field_label(f, lang), "value": f} for f in changes],
            }
        )
        body.append(
            {
                "type": "TextBlock",
                "text": pick(
                    lang,
                    "Ingenting endres i registeret før du bekrefter.",
                    "Nothing changes in the register until you confirm.",
                ),
                "wrap": True,
                "isSubtle": True,
            }
        )
        actions.append(
            {
                "type": "Action.Execute",
                "verb": "terms.confirm",
                "title": pick(
                    lang, "Bekreft og oppdater registeret", "Confirm and update the register"
                ),
                "data": {
                    "contract_id": contract.contract_id,
                    "values": json.dumps(changes, ensure_ascii=False),
                    "expected": json.dumps(review.expected, ensure_ascii=False),
                },
            }
        )
    elif contract is not None and review.rows:
        body.append(
            {
                "type": "TextBlock",
                "text": pick(
                    lang,
                    "Registeret stemmer med dokumentet.",
                    "The register matches the document.",
                ),
                "wrap": True,
                "color": "Good",
            }
        )
    if review.url:
        actions.append(
            {
                "type": "Action.OpenUrl",
                "url": review.url,
                "title": pick(lang, "Åpne i SharePoint", "Open in SharePoint"),
            }
        )
    card: Card = adaptive_card(body)
    if actions:
        card["actions"] = actions
    return card


def terms_confirmation_card(result: TermsConfirmation) -> Card:
    return message_card(result.message)
