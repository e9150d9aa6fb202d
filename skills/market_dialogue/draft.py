"""One call from a brief to everything the officer finishes: invitation, Doffin text,
schedule and the e-mail for the Outlook draft (never sent by the assistant)."""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from skills.i18n import Lang, current_lang
from skills.market_dialogue.brief import Brief
from skills.market_dialogue.doffin import (
    DoffinNotice,
    above_threshold,
    doffin_notice,
    source_texts,
)
from skills.market_dialogue.eforms import BuyerProfile, EformsNotice, eforms_notice
from skills.market_dialogue.holiday_periods import HolidayPeriods
from skills.market_dialogue.invitation import document_title, render_invitation
from skills.market_dialogue.prose import (
    Example,
    ModelProse,
    ProseWriter,
    TemplateProse,
    settle_prose,
    template_prose,
)
from skills.market_dialogue.schedule import (
    Schedule,
    ScheduleDefaults,
    check_competition,
    format_day,
    labelled,
    propose_schedule,
)
from skills.market_dialogue.thresholds import ThresholdTable, load_thresholds
from skills.market_dialogue.translation import ModelTranslator, Translator, settle_translation


@dataclass(frozen=True)
class Draft:
    docx: bytes
    file_name: str
    doffin: DoffinNotice
    schedule: Schedule
    examples_used: tuple[str, ...]
    mail_subject: str
    mail_html: str
    eforms: EformsNotice | None = None

    @property
    def notice_file_name(self) -> str:
        return self.file_name.removesuffix(".docx") + " - eForms.xml"


_UNSAFE = re.compile(r'[\\/:*?"<>|#%~&{}\x00-\x1f]')


def file_name_for(brief: Brief) -> str:
    """A name SharePoint and OneDrive accept, in the office's naming style."""
    title = " ".join(_UNSAFE.sub(" ", brief.title).split())[:120].strip(" .")
    return f"{document_title(brief)} - {title or 'utkast'}.docx"


def mail_html(brief: Brief, schedule: Schedule) -> str:
    e = html.escape
    dates = "".join(
        f"<li>{e(text)}: {e(format_day(day))}</li>"
        for (field, _), (text, day) in zip(
            schedule.items(), labelled(schedule.items()), strict=True
        )
        if field != "publication"
    )
    return (
        "<p>Hei,</p>"
        f"<p>{e(brief.buyer)} inviterer til markedsdialog om {e(brief.title)}. Invitasjonen "
        "ligger vedlagt, med spørsmålene vi ønsker innspill på.</p>"
        f"<p>Viktige datoer:</p><ul>{dates}</ul>"
        f"<p>Påmelding og spørsmål sendes til {e(brief.contact.email)}.</p>"
        f"<p>Med vennlig hilsen<br>{e(brief.contact.name)}<br>{e(brief.buyer)}</p>"
    )


async def build_draft(
    brief: Brief,
    today: date,
    *,
    examples: Sequence[Example] = (),
    writer: ProseWriter | None = None,
    thresholds: ThresholdTable | None = None,
    defaults: ScheduleDefaults | None = None,
    translator: Translator | None = None,
    lang: Lang | None = None,
    holidays: HolidayPeriods | None = None,
    buyer: BuyerProfile | None = None,
) -> Draft:
    """Raises ScheduleError for a fixed date that cannot be used, ThresholdError for a
    broken threshold table; a writer's or translator's failures only cost their text.

    A model writer brings its chat service as translator unless one is given, so a
    configured model also writes the English notice. `lang` is the language of the
    notice's reasons (the turn's language when not given)."""
    schedule = propose_schedule(brief.formats, today, brief.dates, defaults, holidays)
    check_competition(schedule, brief.competition_planned)
    table = thresholds or load_thresholds()
    reasons_lang = lang or current_lang()
    notice = doffin_notice(brief, schedule, today, table, reasons_lang)
    if translator is None and isinstance(writer, ModelProse):
        translator = ModelTranslator(writer.chat_service)
    if notice.description_en is not None and translator is not None:
        texts = source_texts(brief)
        english = settle_translation(texts, await translator.translate(texts))
        notice = doffin_notice(brief, schedule, today, table, reasons_lang, english)
    on = max(schedule.publication, today)
    above = above_threshold(brief, on, table)
    eforms = eforms_notice(
        brief, notice, schedule, buyer or BuyerProfile(), above, table.national_threshold(on)
    )
    fallback = template_prose(brief, schedule, examples)
    written = await (writer or TemplateProse()).write(brief, schedule, examples)
    prose = settle_prose(written, fallback, brief, schedule)
    return Draft(
        docx=render_invitation(brief, schedule, prose, mail_html(brief, schedule)),
        file_name=file_name_for(brief),
        doffin=notice,
        schedule=schedule,
        examples_used=prose.examples_used,
        mail_subject=f"{document_title(brief)} – {brief.title}",
        mail_html=mail_html(brief, schedule),
        eforms=eforms,
    )
