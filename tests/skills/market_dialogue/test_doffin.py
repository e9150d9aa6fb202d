"""The Doffin advisory-notice text: titles, description, and English when needed."""

from __future__ import annotations

from datetime import date

from skills.market_dialogue.brief import Brief, parse_brief
from skills.market_dialogue.doffin import DoffinNotice, doffin_notice, source_texts
from skills.market_dialogue.schedule import Schedule, propose_schedule
from skills.market_dialogue.thresholds import load_thresholds
from tests.skills.market_dialogue.helpers import example_data

TODAY = date(2026, 11, 25)


def notice_for(**changes: object) -> tuple[Brief, Schedule, DoffinNotice]:
    brief = parse_brief(example_data(**changes))
    schedule = propose_schedule(brief.formats, TODAY, brief.dates)
    return brief, schedule, doffin_notice(brief, schedule, TODAY, load_thresholds())


def test_above_the_threshold_in_both_languages() -> None:
    brief, schedule, notice = notice_for()
    assert notice.title_nb == "Markedsdialog – Rammeavtale for skolemøbler"
    assert notice.title_en == "Market dialogue – Rammeavtale for skolemøbler"
    for part in (brief.need, brief.purpose, *brief.questions, brief.contact.email):
        assert part in notice.description_nb
        assert notice.description_en is not None and part in notice.description_en
    assert "dialogkonferanse og en-til-en-møter" in notice.description_nb
    assert "onsdag 13.01.2027" in notice.description_nb
    assert "Wednesday 13.01.2027" in (notice.description_en or "")
    assert "mandag 14.12.2026" in notice.description_nb  # registration deadline
    assert "forplikter ikke oppdragsgiver til å gjennomføre en konkurranse" in (
        notice.description_nb
    )
    assert "does not oblige the buyer to run a competition" in (notice.description_en or "")
    assert "quoted in Norwegian" in (notice.description_en or "")
    assert notice.reasons[0].startswith("Anslått verdi 12 000 000 kr er over")
    assert set(notice.as_json()) == {
        "title_nb",
        "description_nb",
        "title_en",
        "description_en",
        "reasons",
        "translated",
    }
    assert schedule.publication.isoformat() not in notice.description_nb
    # Without a translation the English text quotes Norwegian and the officer is told.
    assert notice.translated is False and notice.as_json()["translated"] is False
    assert notice.reasons[-1] == (
        "Den engelske kunngjøringen siterer norsk tekst (tittel, behov, formål, spørsmål 1, "
        "spørsmål 2, spørsmål 3, spørsmål 4): oversett disse delene før kunngjøring"
    )


def test_below_the_threshold_only_norwegian() -> None:
    _, _, notice = notice_for(estimated_value_nok=1_500_000, formats=["written"], dates={})
    assert notice.title_en is None and notice.description_en is None
    assert notice.translated is False
    assert not any("oversett" in reason for reason in notice.reasons)  # nothing to translate
    assert notice.as_json()["title_en"] is None
    assert "er under" in notice.reasons[0] and "norsk kunngjøring er nok" in notice.reasons[0]
    assert "Dialogform: skriftlige innspill." in notice.description_nb


def test_consultation_only_has_its_own_title() -> None:
    _, _, notice = notice_for(formats=["consultation"], dates={})
    assert notice.title_nb == "Høring av konkurransegrunnlag – Rammeavtale for skolemøbler"
    assert notice.title_en == (
        "Consultation on draft tender documents – Rammeavtale for skolemøbler"
    )
    _, _, mixed = notice_for(formats=["consultation", "written"], dates={})
    assert mixed.title_nb.startswith("Markedsdialog – ")


def test_accepted_translations_replace_the_quoted_norwegian() -> None:
    brief = parse_brief(example_data())
    schedule = propose_schedule(brief.formats, TODAY, brief.dates)
    english = {key: f"EN {key}" for key in source_texts(brief)}
    full = doffin_notice(brief, schedule, TODAY, load_thresholds(), "en", english)
    assert full.translated is True
    assert full.title_en == "Market dialogue – EN title"
    text = full.description_en or ""
    assert "Need: EN need" in text and "Purpose of the dialogue: EN purpose" in text
    assert "Input wanted: 1) EN question_1 2) EN question_2" in text
    assert "in Norwegian" not in text and brief.need not in text
    assert "does not oblige the buyer to run a competition" in text
    assert brief.contact.email in text and "Wednesday 13.01.2027" in text
    assert full.reasons[0].startswith("Estimated value NOK")
    assert not any("translate" in reason for reason in full.reasons)

    del english["purpose"], english["question_2"]
    part = doffin_notice(brief, schedule, TODAY, load_thresholds(), "en", english)
    text = part.description_en or ""
    assert part.translated is False
    assert f"Purpose of the dialogue (in Norwegian): {brief.purpose}" in text
    assert f"2) (in Norwegian) {brief.questions[1]}" in text and "1) EN question_1" in text
    assert 'Parts marked "in Norwegian" are quoted' in text
    assert part.reasons[-1] == (
        "The English notice quotes the buyer's Norwegian text (purpose, question 2): "
        "translate these parts before publishing"
    )
