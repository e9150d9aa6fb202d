"""The invitation as a .docx in bokmål: the product's fixed frame around the prose.

Sections, dates, registration, equal treatment, business secrets and contact come from
here only; a writer contributes nothing but the four prose fields. Details the brief does
not hold (time of day, place) are left as visible placeholders for the officer.
"""

from __future__ import annotations

import hashlib
import io
from collections.abc import Iterable

from docx import Document

from skills.market_dialogue.brief import Brief, DialogueFormat, Regime
from skills.market_dialogue.prose import Prose
from skills.market_dialogue.schedule import Schedule, format_day, labelled, nb_date, weekday

PLACE_AND_TIME = "[fyll inn: klokkeslett og sted eller lenke til Teams-møte]"


def document_title(brief: Brief) -> str:
    if tuple(brief.formats) == (DialogueFormat.CONSULTATION,):
        return "Invitasjon til høring av konkurransegrunnlag"
    return "Invitasjon til markedsdialog"


def _paragraphs(text: str) -> list[str]:
    return [" ".join(part.split()) for part in text.split("\n\n") if part.strip()]


def programme(brief: Brief, schedule: Schedule) -> list[str]:
    """One paragraph per chosen format, with its dates."""
    mail = brief.contact.email
    lines: list[str] = []
    for fmt in brief.formats:
        if fmt is DialogueFormat.WRITTEN and schedule.written_deadline:
            lines.append(
                "Skriftlige innspill: send svar på spørsmålene over på e-post til "
                f"{mail} innen {format_day(schedule.written_deadline)}."
            )
        elif fmt is DialogueFormat.CONFERENCE and schedule.conference:
            lines.append(
                f"Dialogkonferanse {format_day(schedule.conference)}, {PLACE_AND_TIME}. Vi "
                "presenterer behovet og planene for anskaffelsen, og leverandørene kan stille "
                f"spørsmål. Presentasjonene deles {shared_where(brief)}."
            )
        elif fmt is DialogueFormat.ONE_TO_ONE and schedule.meetings:
            first, last = schedule.meetings[0], schedule.meetings[-1]
            days = (
                format_day(first)
                if first == last
                else (f"{format_day(first)} – {format_day(last)}")
            )
            lines.append(
                f"En-til-en-møter {days}, {PLACE_AND_TIME}. Hvert møte varer inntil "
                f"{brief.meeting_minutes} minutter og holdes på {meeting_language(brief)}, og "
                "alle møter har samme agenda. Vi fordeler de ledige møtetidene etter påmelding; "
                "melder flere seg på enn det er tider til, setter vi opp flere tider eller "
                "tilbyr kortere møter, slik at alle som melder seg innen fristen, behandles likt."
            )
        elif fmt is DialogueFormat.CONSULTATION and schedule.consultation_deadline:
            opens = schedule.consultation_opens or schedule.publication
            lines.append(
                "Høring av utkast til konkurransegrunnlag: utkastet publiseres "
                f"{consultation_where(brief)} {format_day(opens)}, og høringsinnspill sendes på "
                f"e-post til {mail} innen {format_day(schedule.consultation_deadline)}."
            )
    lines.append(
        f"Spørsmål og svar fra markedsdialogen deles {shared_where(brief)}, uten å vise hvem "
        "som spurte."
    )
    when = (
        nb_date(brief.competition_planned)
        if brief.competition_planned is not None
        else "[fyll inn: måned og år]"
    )
    lines.append(f"Vi planlegger å kunngjøre konkurransen rundt {when}.")
    return lines


def shared_where(brief: Brief) -> str:
    """Where questions, answers and presentations go: the officer's words, else Doffin."""
    return brief.shared_where or "som tillegg til kunngjøringen på Doffin"


def consultation_where(brief: Brief) -> str:
    return brief.consultation_where or "som vedlegg til kunngjøringen på Doffin"


def meeting_language(brief: Brief) -> str:
    return brief.meeting_language or "norsk"


def registration(brief: Brief, schedule: Schedule) -> list[str]:
    meeting = DialogueFormat.CONFERENCE in brief.formats or DialogueFormat.ONE_TO_ONE in (
        brief.formats
    )
    what = (
        "hvem som deltar og hvilke dialogformer dere melder dere på"
        if meeting
        else "at dere ønsker å få informasjon om markedsdialogen"
    )
    return [
        f"Meld dere på innen {format_day(schedule.registration_deadline)} på e-post til "
        f"{brief.contact.email}. Merk e-posten med «Markedsdialog – {brief.title}», og oppgi "
        f"firmanavn, organisasjonsnummer, kontaktperson og {what}.",
        "Leverandører kan gjerne gå sammen, og underleverandører er velkomne.",
    ]


def equal_treatment(brief: Brief) -> list[str]:
    # The sections DFØ cites are the classic regulation's; a utilities buyer is bound by
    # the same principle through the Act.
    rules = (
        "anskaffelsesloven § 4 og forsyningsforskriften"
        if brief.regime is Regime.UTILITIES
        else "anskaffelsesforskriften § 9-3 og § 12-2"
    )
    return [
        "Alle leverandører får den samme informasjonen. Spørsmål og svar fra markedsdialogen "
        "deles med alle leverandørene, uten å vise hvem som spurte.",
        "Deltakelse i markedsdialogen gir ingen fordel i en senere konkurranse, og det er "
        "ingen ulempe å ikke delta.",
        f"Markedsdialogen er ikke en konkurranse og forplikter ikke {brief.buyer} til å "
        "gjennomføre en anskaffelse. Det skal ikke gis tilbud i dialogen.",
        "Råd og innspill som kommer etter at konkurransen er kunngjort, kan ikke brukes. "
        "Dialogen avsluttes derfor før konkurransen kunngjøres.",
        f"Innspillene kan bli brukt i arbeidet med konkurransegrunnlaget. {brief.buyer} "
        "avgjør selv om og hvordan de brukes, og er ikke bundet av dem.",
        "Vi legger ikke ut den enkelte leverandørs innspill for de andre, men kan ikke love at "
        "de aldri blir kjent: får noen en fordel av å ha deltatt, for eksempel informasjon "
        "andre ikke har fått, skal vi utjevne den ved å gi den samme informasjonen til alle "
        f"({rules}). Det kan også bli krevd innsyn (se neste "
        "avsnitt).",
    ]


def business_secrets(brief: Brief) -> list[str]:
    lines = [
        "Innspill vi mottar, er i utgangspunktet offentlige, og alle kan be om innsyn etter "
        "offentleglova.",
        "Opplysninger som er forretningshemmeligheter, er underlagt taushetsplikt etter "
        "forvaltningsloven § 13 og unntas derfor fra innsyn etter offentleglova § 13. Merk "
        "slike opplysninger tydelig der de står (for eksempel "
        "«Forretningshemmelighet»), og begrunn kort hvorfor det er av konkurransemessig "
        "betydning å holde dem hemmelige. Send gjerne også en versjon der de er sladdet.",
        "Taushetsplikten gjelder opplysningene, ikke hele dokumentet. Vi vurderer selv hva "
        "som er taushetsbelagt; merkingen avgjør ikke alene om innsyn blir gitt.",
    ]
    if DialogueFormat.CONFERENCE in brief.formats:
        lines.append(
            "Del ikke forretningshemmeligheter på dialogkonferansen, der alle deltakerne hører "
            "det som blir sagt."
        )
    return lines


# Who made a draft, in the document's own properties: the assistant may replace a draft
# it made for the same case that nobody has saved since (a retried "Lag utkast"), never a
# file a person has edited, and never learns its own wording back as an office example.
DRAFT_CATEGORY = "Utkast fra anskaffelsesassistenten"
DRAFT_AUTHOR = "Anskaffelsesassistenten"


def mail_fingerprint(html: str, bcc: Iterable[str] = ()) -> str:
    """The text of a mail body and its Bcc as a short hash, blind to the markup Exchange
    rewrites: kept in the attached .docx, so a later click can tell the draft is as it
    was made (a colleague who edits the text or adds a supplier changes it)."""
    from skills.documents.text import html_to_text

    text = " ".join(html_to_text(html).split())
    recipients = ",".join(sorted({a.strip().lower() for a in bcc}))
    return "mail:" + hashlib.sha256(f"{text}|{recipients}".encode()).hexdigest()[:32]


def render_invitation(brief: Brief, schedule: Schedule, prose: Prose, mail_html: str = "") -> bytes:
    """The invitation .docx; with `mail_html`, it carries the fingerprint of the Outlook
    draft made with it (that body, Bcc to the brief's suppliers)."""
    doc = Document()
    doc.core_properties.title = f"{document_title(brief)} – {brief.title}"
    doc.core_properties.author = brief.contact.name
    doc.core_properties.language = "nb-NO"
    doc.core_properties.category = DRAFT_CATEGORY
    doc.core_properties.identifier = brief.case_folder
    doc.core_properties.last_modified_by = DRAFT_AUTHOR
    doc.core_properties.revision = 1
    doc.core_properties.comments = mail_fingerprint(mail_html, brief.suppliers) if mail_html else ""
    doc.add_heading(document_title(brief), level=0)
    doc.add_paragraph(brief.title)
    doc.add_paragraph(f"{brief.buyer} · Kunngjort på Doffin {nb_date(schedule.publication)}")

    def section(heading: str, paragraphs: list[str]) -> None:
        doc.add_heading(heading, level=1)
        for text in paragraphs:
            doc.add_paragraph(text)

    section("Bakgrunn", _paragraphs(prose.background))
    section("Behov og formål", _paragraphs(prose.need_and_purpose))
    section(
        "Hva vi ønsker innspill på",
        [
            *_paragraphs(prose.input_wanted_intro),
            *(f"{n}. {q}" for n, q in enumerate(brief.questions, start=1)),
        ],
    )
    section("Dialogformer og program", programme(brief, schedule))
    doc.add_heading("Tidsplan", level=1)
    table = doc.add_table(rows=1, cols=3)
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, ("Aktivitet", "Dato", "Ukedag"), strict=True):
        cell.text = text
    for text, day in labelled(schedule.items()):
        cells = table.add_row().cells
        cells[0].text, cells[1].text, cells[2].text = text, nb_date(day), weekday(day)
    doc.add_paragraph("Tidsplanen kan bli endret. Endringer blir kunngjort på Doffin.")
    section("Påmelding", registration(brief, schedule))
    section("Praktisk informasjon", _paragraphs(prose.practical))
    section("Likebehandling og informasjonsdeling", equal_treatment(brief))
    section("Forretningshemmeligheter og innsyn", business_secrets(brief))
    section("Kontakt", [f"{brief.contact.name}, {brief.contact.email}", brief.buyer])
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def made_by_the_assistant(data: bytes) -> bool:
    """A .docx the assistant drafted (edited or not): never an example of the office's
    own wording, or a model's sentence would be copied from case to case."""
    try:
        return bool(Document(io.BytesIO(data)).core_properties.category == DRAFT_CATEGORY)
    except Exception:
        return False


def draft_mail_fingerprint(data: bytes) -> str:
    """The mail fingerprint an attached draft .docx carries ("" when none)."""
    try:
        return str(Document(io.BytesIO(data)).core_properties.comments or "")
    except Exception:
        return ""


def untouched_draft_for(data: bytes, case_folder: str) -> bool:
    """Whether a .docx is the assistant's draft for this case, saved by nobody since."""
    try:
        properties = Document(io.BytesIO(data)).core_properties
    except Exception:
        return False
    return bool(
        properties.category == DRAFT_CATEGORY
        and properties.identifier == case_folder
        and properties.last_modified_by == DRAFT_AUTHOR
        and properties.revision == 1
    )
