"""Cards for market-dialogue invitations: the form, and the finished draft."""

from __future__ import annotations

from datetime import date
from typing import Any

from bot.cards import Card, adaptive_card, count
from skills.i18n import Lang
from skills.market_dialogue.brief import SCHEDULE_FIELDS
from skills.market_dialogue.cpv import cpv_list, nuts_regions
from skills.market_dialogue.form import DETAIL_FIELDS, DialogueForm
from skills.market_dialogue.plugin import InvitationReady
from skills.market_dialogue.schedule import labelled

LABELS: dict[str, tuple[str, str]] = {
    "title": ("Tittel på anskaffelsen", "Title of the procurement"),
    "need": ("Behov", "Need"),
    "purpose": ("Formål med dialogen", "Purpose of the dialogue"),
    "kind": ("Type anskaffelse", "Kind of procurement"),
    "estimated_value_nok": ("Anslått verdi (kr ekskl. mva.)", "Estimated value (NOK excl. VAT)"),
    "formats": ("Dialogformer", "Dialogue formats"),
    "questions": ("Spørsmål til markedet (ett per linje)", "Questions for the market (one a line)"),
    "contact_name": ("Kontaktperson", "Contact person"),
    "contact_email": ("Kontaktpersonens e-post", "Contact e-mail"),
    "contact": ("Kontaktperson", "Contact person"),
    "buyer": ("Oppdragsgiver", "Contracting authority"),
    "case_folder": ("Saksmappe i SharePoint", "Case folder in SharePoint"),
    "suppliers": (
        "Leverandører som får e-postutkast (e-postadresser)",
        "Suppliers for the Outlook draft (e-mail addresses)",
    ),
    "supplier_lists": ("Lagrede leverandørlister", "Saved supplier lists"),
    "publication": ("Kunngjøring på Doffin", "Notice on Doffin"),
    "registration_deadline": ("Frist for påmelding", "Registration deadline"),
    "conference": ("Dialogkonferanse", "Dialogue conference"),
    "meetings": ("En-til-en-møter (første dag)", "One-to-one meetings (first day)"),
    "written_deadline": ("Frist for skriftlige innspill", "Deadline for written input"),
    "consultation_deadline": ("Frist for høringsinnspill", "Deadline for consultation comments"),
    "consultation_opens": ("Utkastet publiseres", "Draft published"),
    "regime": ("Regelverk", "Regime"),
    "buyer_org_no": ("Oppdragsgivers organisasjonsnummer", "Buyer's organisation number"),
    "cpv_main": ("Hoved-CPV-kode (BT-262)", "Main CPV code (BT-262)"),
    "cpv_extra": ("Andre CPV-koder", "Additional CPV codes"),
    "place_nuts": ("Gjennomføringssted (BT-5071)", "Place of performance (BT-5071)"),
    "foreign_suppliers": (
        "Utenlandske leverandører er aktuelle (kunngjør også på engelsk)",
        "Foreign suppliers are relevant (also announce in English)",
    ),
    "competition_planned": (
        "Planlagt kunngjøring av konkurransen (BT-127)",
        "Planned competition notice (BT-127)",
    ),
    "shared_where": (
        "Hvor spørsmål, svar og presentasjoner deles",
        "Where questions, answers and presentations are shared",
    ),
    "consultation_where": ("Hvor utkastet publiseres", "Where the draft is published"),
    "meeting_language": ("Møtespråk", "Meeting language"),
    "meeting_minutes": (
        "Lengde på hvert en-til-en-møte (minutter)",
        "Length of each meeting (minutes)",
    ),
}
REGIMES = (
    ("classic", "Anskaffelsesforskriften", "Public sector (classic)"),
    ("utilities", "Forsyningsforskriften", "Utilities"),
)
KINDS = (
    ("goods", "Varer", "Goods"),
    ("services", "Tjenester", "Services"),
    ("works", "Bygg og anlegg", "Works"),
)
FORMATS = (
    ("written", "Skriftlige innspill", "Written input"),
    ("conference", "Dialogkonferanse", "Dialogue conference"),
    ("one_to_one", "En-til-en-møter", "One-to-one meetings"),
    ("consultation", "Høring av konkurransegrunnlag", "Consultation on draft tender documents"),
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
    nb, en = LABELS.get(base, (key, key))
    return en if lang == "en" else nb


def _pick(lang: Lang, nb: str, en: str) -> str:
    return en if lang == "en" else nb


def _date_text(lang: Lang, day: date) -> str:
    if lang == "en":
        return day.strftime("%a %d %b %Y")
    weekdays = ("man.", "tir.", "ons.", "tor.", "fre.", "lør.", "søn.")
    return f"{weekdays[day.weekday()]} {day.strftime('%d.%m.%Y')}"


def _input(key: str, form: DialogueForm) -> dict[str, Any]:
    lang = form.lang
    value = form.values.get(key, "")
    common: dict[str, Any] = {"id": key, "label": label(key, lang)}
    if key in REQUIRED:
        common["isRequired"] = True
        common["errorMessage"] = _pick(lang, "Må fylles ut", "Required")
    if key == "kind":
        return {
            **common,
            "type": "Input.ChoiceSet",
            "style": "expanded",
            "value": value,
            "choices": [{"title": _pick(lang, nb, en), "value": v} for v, nb, en in KINDS],
        }
    if key == "formats":
        return {
            **common,
            "type": "Input.ChoiceSet",
            "isMultiSelect": True,
            "style": "expanded",
            "value": value,
            "choices": [{"title": _pick(lang, nb, en), "value": v} for v, nb, en in FORMATS],
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
            "choices": [{"title": _pick(lang, nb, en), "value": v} for v, nb, en in REGIMES],
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
            "text": _pick(lang, "Invitasjon til markedsdialog", "Market-dialogue invitation"),
            "size": "Large",
            "weight": "Bolder",
            "style": "heading",
            "wrap": True,
        },
        {
            "type": "TextBlock",
            "text": _pick(
                lang,
                "Jeg har fylt inn det jeg fant i meldingen din og et forslag til tidsplan på "
                "virkedager utenom jul, påske og fellesferie. Fyll ut resten og trykk «Lag "
                "utkast». Ingenting publiseres eller sendes: du får et dokument i saksmappen, "
                "Doffin-tekst og et e-postutkast.",
                "I filled in what your message said and a schedule on working days outside "
                "Christmas, Easter and the summer holidays. Complete "
                "the rest and press “Create draft”. Nothing is published or sent: you get a "
                "document in the case folder, the Doffin text and an Outlook draft.",
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
                "text": _pick(lang, f"Mangler: {names}", f"Missing: {names}"),
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
            "text": _pick(lang, "Doffin (eForms) og praktisk", "Doffin (eForms) and practical"),
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
                "text": _pick(
                    lang, f"Forslag til CPV-kode: {listed}", f"Suggested CPV codes: {listed}"
                ),
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
                "verb": "market_dialogue.draft",
                "title": _pick(lang, "Lag utkast", "Create draft"),
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
        {"title": _pick(lang, "Dokument", "Document"), "value": draft.file_name},
        {"title": _pick(lang, "Saksmappe", "Case folder"), "value": ready.folder},
        {
            "title": _pick(lang, "E-postutkast", "Outlook draft"),
            "value": (
                _pick(
                    lang,
                    f"i postkassen, til {count(len(ready.mail_to), 'leverandør', 'leverandører')}"
                    " i blindkopi (ikke sendt)",
                    f"in the mailbox, to {count(len(ready.mail_to), 'supplier', 'suppliers')}"
                    " in Bcc (not sent)",
                )
                if ready.mail_to
                else _pick(lang, "ikke laget", "not made")
            ),
        },
    ]
    schedule = _schedule_facts(draft.schedule.items(), lang)
    body: list[dict[str, Any]] = [
        {
            "type": "TextBlock",
            "text": _pick(lang, "Utkast til invitasjon er klart", "The invitation draft is ready"),
            "size": "Large",
            "weight": "Bolder",
            "style": "heading",
            "wrap": True,
        },
        {"type": "TextBlock", "text": ready.brief.title, "wrap": True, "spacing": "None"},
        {"type": "FactSet", "facts": facts},
        {
            "type": "TextBlock",
            "text": _pick(lang, "Tidsplan (virkedager)", "Schedule (working days)"),
            "weight": "Bolder",
            "wrap": True,
        },
        {"type": "FactSet", "facts": schedule},
        {
            "type": "TextBlock",
            "text": _pick(lang, "Doffin: veiledende kunngjøring", "Doffin: advisory notice"),
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
                "text": _pick(lang, "Også på engelsk:", "Also in English:"),
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
                "text": _pick(
                    lang,
                    f"eForms: undertype {notice.subtype}"
                    + ("" if notice.xml else " (XML ikke laget: se merknadene)"),
                    f"eForms: subtype {notice.subtype}"
                    + ("" if notice.xml else " (no XML: see the notes)"),
                ),
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
                        "value": f"{f.label(lang)}: {f.value or '–'}",
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
            "text": _pick(lang, f"Bygger på: {used}", f"Based on: {used}")
            if used
            else _pick(lang, "Bygger på standardmalen.", "Based on the standard template."),
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
            "text": _pick(
                lang,
                "Les gjennom og fullfør utkastet før det publiseres. Ingenting er sendt.",
                "Review and finish the draft before publishing. Nothing has been sent.",
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
                "title": _pick(lang, "Åpne invitasjonen", "Open the invitation"),
                "url": ready.document_url,
            }
        )
    if ready.notice_url:
        actions.append(
            {
                "type": "Action.OpenUrl",
                "title": _pick(lang, "Åpne eForms-kunngjøringen", "Open the eForms notice"),
                "url": ready.notice_url,
            }
        )
    if ready.mail_link:
        actions.append(
            {
                "type": "Action.OpenUrl",
                "title": _pick(lang, "Åpne e-postutkastet", "Open the Outlook draft"),
                "url": ready.mail_link,
            }
        )
    card: Card = adaptive_card(body)
    if actions:
        card["actions"] = actions
    return card
