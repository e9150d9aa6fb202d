"""The Doffin advisory-notice text: field 1 (title) and field 4 (description).

Above the EEA threshold the notice should also reach suppliers abroad, so an English
version is written too, and `reasons` says why in words the officer can check.

The English text's fixed sentences (what an advisory notice means, key dates, contact)
are the product's own. The buyer's free text (title, need, purpose, questions) is used
in English only where an accepted translation is given; anything else is quoted in
Norwegian, labelled as such, and `reasons` asks the officer to translate it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from skills.i18n import N_, Lang, Phrase, tr
from skills.market_dialogue.brief import Brief, DialogueFormat, ProcurementKind, Regime
from skills.market_dialogue.cpv import cpv_list
from skills.market_dialogue.schedule import Schedule, format_day, label
from skills.market_dialogue.thresholds import ThresholdTable

KIND_NB = {
    ProcurementKind.GOODS: "varer",
    ProcurementKind.SERVICES: "tjenester",
    ProcurementKind.WORKS: "bygge- og anleggsarbeider",
}
KIND_EN = {
    ProcurementKind.GOODS: "goods",
    ProcurementKind.SERVICES: "services",
    ProcurementKind.WORKS: "works",
}
FORMAT_NB = {
    DialogueFormat.WRITTEN: "skriftlige innspill",
    DialogueFormat.CONFERENCE: "dialogkonferanse",
    DialogueFormat.ONE_TO_ONE: "en-til-en-møter",
    DialogueFormat.CONSULTATION: "høring av utkast til konkurransegrunnlag",
}
FORMAT_EN = {
    DialogueFormat.WRITTEN: "written input",
    DialogueFormat.CONFERENCE: "a dialogue conference",
    DialogueFormat.ONE_TO_ONE: "one-to-one meetings",
    DialogueFormat.CONSULTATION: "consultation on draft tender documents",
}


def nok(amount: int) -> str:
    """`12 000 000`: Norwegian digit grouping."""
    return f"{amount:,}".replace(",", " ")


@dataclass(frozen=True)
class DoffinNotice:
    title_nb: str
    description_nb: str
    title_en: str | None
    description_en: str | None
    reasons: tuple[str, ...]
    translated: bool = False
    """True when the English text holds no quoted Norwegian: every free text translated."""

    def as_json(self) -> dict[str, Any]:
        return {
            "title_nb": self.title_nb,
            "description_nb": self.description_nb,
            "title_en": self.title_en,
            "description_en": self.description_en,
            "reasons": list(self.reasons),
            "translated": self.translated,
        }


def source_texts(brief: Brief) -> dict[str, str]:
    """The buyer's free text in the notice, keyed as a translation must answer it."""
    texts = {"title": brief.title, "need": brief.need, "purpose": brief.purpose}
    texts.update({f"question_{n}": q for n, q in enumerate(brief.questions, start=1)})
    return texts


_PART_NAMES = {"title": N_("title"), "need": N_("need"), "purpose": N_("purpose")}


def _part_name(key: str, lang: Lang) -> str:
    if key.startswith("question_"):
        return tr(lang, "question") + " " + key.removeprefix("question_")
    return tr(lang, _PART_NAMES[key])


def translation_note(untranslated: list[str], lang: Lang = "nb") -> str:
    """Tells the officer which parts of the English notice are still Norwegian."""
    return tr(
        lang,
        "The English notice quotes the buyer's Norwegian text ({parts}): translate these "
        "parts before publishing",
        parts=", ".join(_part_name(key, lang) for key in untranslated),
    )


def special_regime(brief: Brief) -> bool:
    """Health, social and other specific services, known from the main CPV code."""
    return bool(brief.cpv_main) and cpv_list().is_special_regime(brief.cpv_main)


def regime_name(brief: Brief) -> Phrase:
    """What the threshold is for, for the reasons the officer reads."""
    if brief.kind is ProcurementKind.WORKS:
        what = N_("works")
    elif special_regime(brief):
        what = N_("health, social and other specific services")
    else:
        what = N_("goods and services")
    if brief.regime is Regime.UTILITIES:
        return Phrase("{what} in the utilities sectors", what=Phrase(what))
    return Phrase(what)


def regime_unsettled(brief: Brief, on: date, thresholds: ThresholdTable) -> int | None:
    """The special-regime threshold when services without a main CPV code fall between the
    ordinary and the special-regime threshold: which applies cannot be told yet."""
    if brief.kind is not ProcurementKind.SERVICES or brief.cpv_main:
        return None
    ordinary = thresholds.regime_lookup(brief.kind, brief.regime, False, on).value
    special = thresholds.regime_lookup(brief.kind, brief.regime, True, on).value
    return special if ordinary <= brief.estimated_value_nok < special else None


def english_needed(
    brief: Brief, on: date, thresholds: ThresholdTable, lang: Lang = "nb"
) -> tuple[bool, tuple[str, ...]]:
    """At or above the EEA threshold for the procurement's regime on the publication date,
    or when the officer says foreign suppliers are relevant; and why."""
    special = regime_unsettled(brief, on, thresholds)
    if special is not None:
        reason = tr(
            lang,
            "Without the main CPV code it cannot be told whether these are health, social or "
            "other specific services (EEA threshold NOK {special}) or ordinary services below "
            "which English is not needed: give the CPV code",
            special=nok(special),
        )
        return brief.foreign_suppliers, (reason,)
    found = thresholds.regime_lookup(brief.kind, brief.regime, special_regime(brief), on)
    above = brief.estimated_value_nok >= found.value
    needed = above or brief.foreign_suppliers
    if brief.estimated_value_nok > found.value:
        relation = N_("is above")
    else:
        relation = N_("equals") if above else N_("is below")
    if above:
        verdict = N_("the notice should also be in English")
    elif needed:
        verdict = N_("the notice is also in English because foreign suppliers are relevant")
    else:
        verdict = N_("a Norwegian notice is enough")
    reasons = [
        tr(
            lang,
            "Estimated value NOK {value} {relation} the EEA threshold NOK {limit} for {what} "
            "({years}): {verdict}",
            value=nok(brief.estimated_value_nok),
            relation=Phrase(relation),
            limit=nok(found.value),
            what=regime_name(brief),
            years=found.period.years,
            verdict=Phrase(verdict),
        )
    ]
    if not found.confirmed:
        reasons.append(
            tr(
                lang,
                "The threshold for {year} is not confirmed: check the current value before "
                "publishing",
                year=on.year,
            )
        )
    return needed, tuple(reasons)


def above_threshold(brief: Brief, on: date, thresholds: ThresholdTable) -> bool | None:
    """Whether the EEA rules (and so an EU notice subtype) apply to this procurement;
    None while the main CPV code is needed to tell."""
    if regime_unsettled(brief, on, thresholds) is not None:
        return None
    found = thresholds.regime_lookup(brief.kind, brief.regime, special_regime(brief), on)
    return brief.estimated_value_nok >= found.value


def _is_consultation_only(brief: Brief) -> bool:
    return tuple(brief.formats) == (DialogueFormat.CONSULTATION,)


def _join(items: list[str], last: str) -> str:
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} {last} {items[-1]}"


def _key_dates(schedule: Schedule, lang: Lang) -> str:
    seen: list[str] = []
    lines: list[str] = []
    for field, day in schedule.items():
        if field == "publication" or field in seen:
            continue
        seen.append(field)
        days = [d for f, d in schedule.items() if f == field]
        when = format_day(day, lang)
        if len(days) > 1:
            when = f"{when} – {format_day(days[-1], lang)}"
        lines.append(f"{label(field, lang)}: {when}")
    return "; ".join(lines)


def _description_nb(brief: Brief, schedule: Schedule) -> str:
    questions = " ".join(f"{n}) {q}" for n, q in enumerate(brief.questions, start=1))
    formats = _join([FORMAT_NB[f] for f in brief.formats], "og")
    return "\n\n".join(
        [
            f"{brief.buyer} forbereder en anskaffelse av {KIND_NB[brief.kind]}: {brief.title}. "
            f"Anslått verdi er {nok(brief.estimated_value_nok)} kr ekskl. mva.",
            f"Behov: {brief.need}",
            f"Formålet med dialogen: {brief.purpose}",
            f"Vi ønsker innspill på: {questions}",
            f"Dialogform: {formats}. Viktige datoer: {_key_dates(schedule, 'nb')}. "
            f"Påmelding og spørsmål til {brief.contact.name}, {brief.contact.email}."
            + (
                f" Konkurransen er planlagt kunngjort rundt {brief.competition_planned:%d.%m.%Y}."
                if brief.competition_planned
                else ""
            ),
            "Dette er en veiledende kunngjøring. Den forplikter ikke oppdragsgiver til å "
            "gjennomføre en konkurranse og forkorter ikke senere tilbudsfrister. Deltakelse gir "
            "ingen fordel i en senere konkurranse, og det er ingen ulempe å ikke delta.",
        ]
    )


def _questions_en(brief: Brief, english: Mapping[str, str]) -> str:
    keys = [f"question_{n}" for n in range(1, len(brief.questions) + 1)]
    if not any(key in english for key in keys):
        questions = " ".join(f"{n}) {q}" for n, q in enumerate(brief.questions, start=1))
        return f"Input wanted (questions in Norwegian): {questions}"
    items = [
        f"{n}) {english[key]}" if key in english else f"{n}) (in Norwegian) {question}"
        for n, (key, question) in enumerate(zip(keys, brief.questions, strict=True), start=1)
    ]
    return f"Input wanted: {' '.join(items)}"


def _description_en(brief: Brief, schedule: Schedule, english: Mapping[str, str]) -> str:
    formats = _join([FORMAT_EN[f] for f in brief.formats], "and")
    quoted = [key for key in source_texts(brief) if key not in english]
    if not english:
        quoting = " The buyer's own descriptions below are quoted in Norwegian."
    elif quoted:
        quoting = ' Parts marked "in Norwegian" are quoted from the buyer in Norwegian.'
    else:
        quoting = ""
    need = f"Need: {english['need']}" if "need" in english else f"Need (in Norwegian): {brief.need}"
    purpose = (
        f"Purpose of the dialogue: {english['purpose']}"
        if "purpose" in english
        else f"Purpose of the dialogue (in Norwegian): {brief.purpose}"
    )
    return "\n\n".join(
        [
            f"{brief.buyer} is preparing a procurement of {KIND_EN[brief.kind]}: "
            f"{english.get('title', brief.title)}. The estimated value is NOK "
            f"{nok(brief.estimated_value_nok)} excluding VAT.{quoting}",
            need,
            purpose,
            _questions_en(brief, english),
            f"Dialogue format: {formats}. Key dates: {_key_dates(schedule, 'en')}. "
            f"Registration and questions to {brief.contact.name}, {brief.contact.email}."
            + (
                f" The competition is planned for around {brief.competition_planned:%d.%m.%Y}."
                if brief.competition_planned
                else ""
            ),
            "This is an advisory notice. It does not oblige the buyer to run a competition "
            "and does not shorten later tender deadlines. Taking part gives no advantage in a "
            "later competition, and not taking part is no disadvantage.",
        ]
    )


def doffin_notice(
    brief: Brief,
    schedule: Schedule,
    today: date,
    thresholds: ThresholdTable,
    lang_reasons: Lang = "nb",
    english: Mapping[str, str] | None = None,
) -> DoffinNotice:
    """Thresholds are read on the publication date, which is when the notice counts.

    `english` holds accepted translations keyed as `source_texts`; a key that is
    missing is quoted in Norwegian in the English text."""
    on = max(schedule.publication, today)
    needed, reasons = english_needed(brief, on, thresholds, lang_reasons)
    consultation = _is_consultation_only(brief)
    prefix_nb = "Høring av konkurransegrunnlag" if consultation else "Markedsdialog"
    prefix_en = "Consultation on draft tender documents" if consultation else "Market dialogue"
    title_nb = f"{prefix_nb} – {brief.title}"
    description_nb = _description_nb(brief, schedule)
    if not needed:
        return DoffinNotice(title_nb, description_nb, None, None, reasons)
    english = {key: text for key, text in (english or {}).items() if key in source_texts(brief)}
    untranslated = [key for key in source_texts(brief) if key not in english]
    if untranslated:
        reasons = (*reasons, translation_note(untranslated, lang_reasons))
    return DoffinNotice(
        title_nb=title_nb,
        description_nb=description_nb,
        title_en=f"{prefix_en} – {english.get('title', brief.title)}",
        description_en=_description_en(brief, schedule, english),
        reasons=reasons,
        translated=not untranslated,
    )
