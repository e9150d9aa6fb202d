"""Cards for market-dialogue invitations: the form, and the finished draft."""

from __future__ import annotations

from datetime import date
from typing import Any

from bot.cards import Card, adaptive_card
from skills.i18n import N_, Lang, tr, tr_n
from skills.market_dialogue.brief import SCHEDULE_FIELDS
from skills.market_dialogue.cpv import cpv_list, nuts_regions
from skills.market_dialogue.form import DETAIL_FIELDS, DialogueForm
from skills.market_dialogue.names import DRAFT
from skills.market_dialogue.plugin import InvitationReady
from skills.market_dialogue.schedule import labelled

LABELS: dict[str, str] = {
    "title": N_("Title of the procurement"),
    "need": N_("Need"),
    "purpose": N_("Purpose of the dialogue"),
    "kind": N_("Kind of procurement"),
    "estimated_value_nok": N_("Estimated value (NOK excl. VAT)"),
    "formats": N_("Dialogue formats"),
    "questions": N_("Questions for the market (one a line)"),
    "contact_name": N_("Contact person"),
    "contact_email": N_("Contact e-mail"),
    "contact": N_("Contact person"),
    "buyer": N_("Contracting authority"),
    "case_folder": N_("Case folder in SharePoint"),
    "suppliers": N_("Suppliers for the Outlook draft (e-mail addresses)"),
    "supplier_lists": N_("Saved supplier lists"),
    "publication": N_("Notice on Doffin"),
    "registration_deadline": N_("Registration deadline"),
    "conference": N_("Dialogue conference"),
    "meetings": N_("One-to-one meetings (first day)"),
    "written_deadline": N_("Deadline for written input"),
    "consultation_deadline": N_("Deadline for consultation comments"),
    "consultation_opens": N_("Draft published"),
    "regime": N_("Regime"),
    "buyer_org_no": N_("Buyer's organisation number"),
    "cpv_main": N_("Main CPV code (BT-262)"),
    "cpv_extra": N_("Additional CPV codes"),
    "place_nuts": N_("Place of performance (BT-5071)"),
    "foreign_suppliers": N_("Foreign suppliers are relevant (also announce in English)"),
    "competition_planned": N_("Planned competition notice (BT-127)"),
    "shared_where": N_("Where questions, answers and presentations are shared"),
    "consultation_where": N_("Where the draft is published"),
    "meeting_language": N_("Meeting language"),
    "meeting_minutes": N_("Length of each meeting (minutes)"),
}
REGIMES = (
    ("classic", N_("Public sector (classic)")),
    ("utilities", N_("Utilities")),
)
KINDS = (
    ("goods", N_("Goods")),
    ("services", N_("Services")),
    ("works", N_("Works")),
)
FORMATS = (
    ("written", N_("Written input")),
    ("conference", N_("Dialogue conference")),
    ("one_to_one", N_("One-to-one meetings")),
    ("consultation", N_("Consultation on draft tender documents")),
)
MULTILINE = {"need", "purpose", "questions", "suppliers"}
REQUIRED = {"title", "need", "purpose", "kind", "estimated_value_nok", "formats", "questions"}
REQUIRED |= {"contact_name", "contact_email", "buyer"}


def label(key: str, lang: Lang) -> str:
    base = key.split(".")[0] if key not in LABELS else key
    if key == "contact.email":
        base = "contact_email"
    elif key == "contact.name":
        base = "contact_name"
    return tr(lang, LABELS.get(base, key))


def _date_text(lang: Lang, day: date) -> str:
    if lang == "en":
        return day.strftime("%a %d %b %Y")
    return f"{tr(lang, _WEEKDAYS[day.weekday()])} {day.strftime('%d.%m.%Y')}"


_WEEKDAYS = (N_("Mon."), N_("Tue."), N_("Wed."), N_("Thu."), N_("Fri."), N_("Sat."), N_("Sun."))


def _input(key: str, form: DialogueForm) -> dict[str, Any]:
    lang = form.lang
    value = form.values.get(key, "")
    common: dict[str, Any] = {"id": key, "label": label(key, lang)}
    if key in REQUIRED:
        common["isRequired"] = True
        common["errorMessage"] = tr(lang, "Required")
    if key == "kind":
        return {
            **common,
            "type": "Input.ChoiceSet",
            "style": "expanded",
            "value": value,
            "choices": [{"title": tr(lang, name), "value": v} for v, name in KINDS],
        }
    if key == "formats":
        return {
            **common,
            "type": "Input.ChoiceSet",
            "isMultiSelect": True,
            "style": "expanded",
            "value": value,
            "choices": [{"title": tr(lang, name), "value": v} for v, name in FORMATS],
        }
    if key == "estimated_value_nok":
        number: dict[str, Any] = {**common, "type": "Input.Number", "min": 0}
        if value.isdigit():
            number["value"] = int(value)
        return number
    if key in SCHEDULE_FIELDS or key == "competition_planned":
        return {**common, "type": "Input.Date", "value": value}
    if key == "regime":
        return {
            **common,
            "type": "Input.ChoiceSet",
            "style": "compact",
            "value": value or "classic",
            "choices": [{"title": tr(lang, name), "value": v} for v, name in REGIMES],
        }
    if key == "place_nuts":
        return {
            **common,
            "type": "Input.ChoiceSet",
            "style": "compact",
            "value": value,
            "choices": [
                {"title": f"{name} ({code})", "value": code}
                for code, name in nuts_regions().items()
            ],
        }
    if key == "foreign_suppliers":
        # The toggle's own title says it; a label above it would repeat it.
        common.pop("label")
        return {
            **common,
            "type": "Input.Toggle",
            "title": label(key, lang),
            "value": "true" if value.lower() in ("true", "ja", "yes") else "false",
            "valueOn": "true",
            "valueOff": "false",
        }
    if key == "meeting_minutes":
        minutes: dict[str, Any] = {**common, "type": "Input.Number", "min": 15, "max": 480}
        minutes["value"] = int(value) if value.isdigit() else 60
        return minutes
    text: dict[str, Any] = {**common, "type": "Input.Text", "value": value}
    if key in MULTILINE:
        text["isMultiline"] = True
    if key == "contact_email":
        text["style"] = "Email"
    return text


def dialogue_form_card(form: DialogueForm) -> Card:
    lang = form.lang
    body: list[dict[str, Any]] = [
        {
            "type": "TextBlock",
            "text": tr(lang, "Market-dialogue invitation"),
            "size": "Large",
            "weight": "Bolder",
            "style": "heading",
            "wrap": True,
        },
        {
            "type": "TextBlock",
            "text": tr(
                lang,
                "I filled in what your message said and a schedule on working days outside "
                "Christmas, Easter and the summer holidays. Complete the rest and press “Create "
                "draft”. Nothing is published or sent: you get a document in the case folder, "
                "the Doffin text and an Outlook draft.",
            ),
            "wrap": True,
            "isSubtle": True,
        },
    ]
    for error in form.errors:
        body.append({"type": "TextBlock", "text": error, "wrap": True, "color": "Attention"})
    if form.missing:
        names = ", ".join(label(m, lang) for m in form.missing)
        body.append(
            {
                "type": "TextBlock",
                "text": tr(lang, "Missing: {names}", names=names),
                "wrap": True,
                "color": "Warning",
                "weight": "Bolder",
            }
        )
    keys = [
        "title",
        "kind",
        "estimated_value_nok",
        "need",
        "purpose",
        "formats",
        "questions",
        *SCHEDULE_FIELDS,
        "contact_name",
        "contact_email",
        "buyer",
        "case_folder",
        "suppliers",
    ]
    body.extend(_input(key, form) for key in keys)
    body.append(
        {
            "type": "TextBlock",
            "text": tr(lang, "Doffin (eForms) and practical"),
            "weight": "Bolder",
            "wrap": True,
            "separator": True,
        }
    )
    suggestions = cpv_list().suggest(form.values.get("title", ""), form.values.get("need", ""))
    if suggestions:
        listed = "; ".join(f"{c.code} {c.name(lang)}" for c in suggestions)
        body.append(
            {
                "type": "TextBlock",
                "text": tr(lang, "Suggested CPV codes: {listed}", listed=listed),
                "wrap": True,
                "isSubtle": True,
            }
        )
    body.extend(_input(key, form) for key in DETAIL_FIELDS)
    if form.supplier_lists:
        body.append(
            {
                "type": "Input.ChoiceSet",
                "id": "supplier_lists",
                "label": label("supplier_lists", lang),
                "isMultiSelect": True,
                "style": "expanded",
                "value": form.values.get("supplier_lists", ""),
                "choices": [{"title": name, "value": name} for name in form.supplier_lists],
            }
        )
    return adaptive_card(
        body,
        [
            {
                "type": "Action.Execute",
                "verb": DRAFT.verb,
                "title": tr(lang, "Create draft"),
                "data": {"origin": form.origin},
            }
        ],
    )


def _schedule_facts(items: list[tuple[str, date]], lang: Lang) -> list[dict[str, str]]:
    """The schedule's dates, meeting days numbered as in the .docx and the mail."""
    return [{"title": text, "value": _date_text(lang, day)} for text, day in labelled(items, lang)]


def invitation_card(ready: InvitationReady) -> Card:
    lang = ready.lang
    draft = ready.draft
    doffin = draft.doffin
    facts = [
        {"title": tr(lang, "Document"), "value": draft.file_name},
        {"title": tr(lang, "Case folder"), "value": ready.folder},
        {
            "title": tr(lang, "Outlook draft"),
            "value": (
                tr_n(
                    lang,
                    "in the mailbox, to {n} supplier in Bcc (not sent)",
                    "in the mailbox, to {n} suppliers in Bcc (not sent)",
                    len(ready.mail_to),
                )
                if ready.mail_to
                else tr(lang, "not made")
            ),
        },
    ]
    schedule = _schedule_facts(draft.schedule.items(), lang)
    body: list[dict[str, Any]] = [
        {
            "type": "TextBlock",
            "text": tr(lang, "The invitation draft is ready"),
            "size": "Large",
            "weight": "Bolder",
            "style": "heading",
            "wrap": True,
        },
        {"type": "TextBlock", "text": ready.brief.title, "wrap": True, "spacing": "None"},
        {"type": "FactSet", "facts": facts},
        {
            "type": "TextBlock",
            "text": tr(lang, "Schedule (working days)"),
            "weight": "Bolder",
            "wrap": True,
        },
        {"type": "FactSet", "facts": schedule},
        {
            "type": "TextBlock",
            "text": tr(lang, "Doffin: advisory notice"),
            "weight": "Bolder",
            "wrap": True,
        },
        {"type": "TextBlock", "text": doffin.title_nb, "wrap": True},
        {"type": "TextBlock", "text": doffin.description_nb, "wrap": True, "size": "Small"},
    ]
    if doffin.title_en and doffin.description_en:
        body.append(
            {
                "type": "TextBlock",
                "text": tr(lang, "Also in English:"),
                "weight": "Bolder",
                "wrap": True,
            }
        )
        body.append({"type": "TextBlock", "text": doffin.title_en, "wrap": True})
        body.append(
            {"type": "TextBlock", "text": doffin.description_en, "wrap": True, "size": "Small"}
        )
    for reason in ready.reasons:
        body.append({"type": "TextBlock", "text": reason, "wrap": True, "isSubtle": True})
    if draft.eforms is not None:
        notice = draft.eforms
        body.append(
            {
                "type": "TextBlock",
                "text": tr(lang, "eForms: subtype {subtype}", subtype=notice.subtype)
                + ("" if notice.xml else tr(lang, " (no XML: see the notes)")),
                "weight": "Bolder",
                "wrap": True,
            }
        )
        body.append(
            {
                "type": "FactSet",
                "facts": [
                    # A non-breaking hyphen keeps "BT-5071" on one line.
                    {
                        "title": f.term.replace("-", "\u2011"),
                        "value": f"{f.label(lang)}: {f.value_in(lang) or '–'}",
                    }
                    for f in notice.fields
                    if f.term not in ("BT-24",)
                ],
            }
        )
    used = ", ".join(draft.examples_used)
    body.append(
        {
            "type": "TextBlock",
            "text": tr(lang, "Based on: {used}", used=used)
            if used
            else tr(lang, "Based on the standard template."),
            "wrap": True,
            "isSubtle": True,
            "size": "Small",
        }
    )
    for note in ready.notes:
        body.append({"type": "TextBlock", "text": note, "wrap": True, "color": "Warning"})
    body.append(
        {
            "type": "TextBlock",
            "text": tr(
                lang, "Review and finish the draft before publishing. Nothing has been sent."
            ),
            "wrap": True,
            "isSubtle": True,
        }
    )
    actions: list[dict[str, Any]] = []
    if ready.document_url:
        actions.append(
            {
                "type": "Action.OpenUrl",
                "title": tr(lang, "Open the invitation"),
                "url": ready.document_url,
            }
        )
    if ready.notice_url:
        actions.append(
            {
                "type": "Action.OpenUrl",
                "title": tr(lang, "Open the eForms notice"),
                "url": ready.notice_url,
            }
        )
    if ready.mail_link:
        actions.append(
            {
                "type": "Action.OpenUrl",
                "title": tr(lang, "Open the Outlook draft"),
                "url": ready.mail_link,
            }
        )
    card: Card = adaptive_card(body)
    if actions:
        card["actions"] = actions
    return card
