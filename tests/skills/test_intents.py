from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from skills.assistant.intents import classify
from skills.words import edit_distance, normalize


@pytest.mark.parametrize(
    "text",
    ["hjelp", "Hjelp!", "hjlep", "help", "hepl", "hva kan du gjøre?", "What can you do", "hei"],
)
def test_help_phrasings_and_typos(text: str) -> None:
    match = classify(text)
    assert match is not None and (match.plugin, match.function) == ("assistant", "help")


@pytest.mark.parametrize("text", ["status", "statsu", "driftsstatus", "helsesjekk"])
def test_status_phrasings(text: str) -> None:
    match = classify(text)
    assert match is not None and (match.plugin, match.function) == ("diagnostics", "status")


@pytest.mark.parametrize("text", ["", "   ", "blåbærsyltetøy og vafler", "xyz", "ok"])
def test_unrelated_text_is_not_forced_into_an_intent(text: str) -> None:
    assert classify(text) is None


def test_short_words_need_exact_spelling() -> None:
    # "hi" with one typo would match almost anything of two letters.
    assert classify("ho") is None


def test_normalize_keeps_norwegian_letters_and_folds_accents() -> None:
    assert normalize("Kafé på Ærøy — SØK") == ["kafe", "på", "ærøy", "søk"]


@given(st.text(max_size=12), st.text(max_size=12))
def test_edit_distance_is_symmetric_and_zero_only_for_equal(a: str, b: str) -> None:
    d = edit_distance(a, b, 30)
    assert d == edit_distance(b, a, 30)
    assert (d == 0) == (a == b)


@given(st.text(alphabet="abcdeæøå", min_size=1, max_size=10))
def test_one_transposition_costs_one(word: str) -> None:
    if len(word) >= 2 and word[0] != word[1]:
        swapped = word[1] + word[0] + word[2:]
        assert edit_distance(word, swapped, 5) == 1


@pytest.mark.parametrize(
    "text",
    [
        "oppsummer",
        "summarise",
        "oppsummer innspill i markedsdialog 2026-014",
        "summarise the supplier input for case 2026-014",
        "oppsumer innspill skolemøbler",
    ],
)
def test_supplier_input_requests_reach_the_summary_with_the_whole_message(text: str) -> None:
    match = classify(text)
    assert match is not None and (match.plugin, match.function) == ("supplier_input", "summarize")
    assert match.arguments == {"case": text}
    assert match.fallback_topic == "supplier_input"


@pytest.mark.parametrize(
    "text",
    [
        "markedsdialog",
        "lag en invitasjon til markedsdialog om skolemøbler, ca. 12 millioner",
        "draft a market dialogue invitation for school furniture",
        "invitasjon til dialogkonferanse om renhold",
    ],
)
def test_market_dialogue_requests_start_the_form_with_the_whole_message(text: str) -> None:
    match = classify(text)
    assert match is not None and (match.plugin, match.function) == ("market_dialogue", "start")
    assert match.arguments == {"request": text}
    assert match.fallback_topic == "market_dialogue"


@pytest.mark.parametrize(
    ("text", "arguments"),
    [
        ("frister", {}),
        ("frister neste 90 dager", {"within_days": 90}),
        ("mine kontrakter", {"mine": True}),
        ("frister for renhold de neste 6 måneder", {"within_days": 180, "contract": "renhold"}),
        ("kontrakt 2024-017", {"contract": "2024-017"}),
        ("deadlines in the next 2 weeks", {"within_days": 14}),
        ("hva er fristene for skolemøbler?", {"contract": "skolemøbler"}),
    ],
)
def test_deadline_questions_carry_their_arguments(text: str, arguments: dict[str, Any]) -> None:
    match = classify(text)
    assert match is not None and (match.plugin, match.function) == ("contracts", "deadlines")
    assert match.arguments == arguments
    assert match.fallback_topic == "deadlines"


@pytest.mark.parametrize(
    ("text", "arguments"),
    [
        ("frister neste 30 dager", {"within_days": 30}),
        ("frister neste 30 dagar", {"within_days": 30}),
        ("fristr neste 30 dagr", {"within_days": 30}),
        ("kontraktsfrister dei neste 2 vekene", {"within_days": 14}),
        ("frister neste månad for renhold", {"within_days": 30, "contract": "renhold"}),
        ("deadlines next two weeks", {"within_days": 14}),
        ("deadlines in the next 3 months", {"within_days": 90}),
        ("frister neste tre måneder", {"within_days": 90}),
        ("frister neste år", {"within_days": 365}),
        ("kontrakt 2099-999", {"contract": "2099-999"}),
        ("mine kontrakter neste 60 dager", {"mine": True, "within_days": 60}),
        # Abbreviations, number words and units that are not days.
        ("frister neste 14 dg", {"within_days": 14}),
        ("deadlines in 2 wks", {"within_days": 14}),
        ("frister neste tretti dager", {"within_days": 30}),
        ("frister neste kvartal", {"within_days": 91}),
        ("frister neste halvår", {"within_days": 182}),
        ("frister neste 30", {"within_days": 30}),  # a bare number after "neste": days
        ("neste 30 dager", {"within_days": 30}),  # the period alone
        # To the end of a calendar unit, counted by the answering side's own date.
        ("frister i år", {"until": "year"}),
        ("deadlines this week", {"until": "week"}),
        ("frister denne uka", {"until": "week"}),
        ("frister dette kvartalet", {"until": "quarter"}),
        ("hvilke kontrakter utløper i 2027?", {"until": "2027"}),
        # "I", "eg", "my": the asker's own contracts.
        ("kva fristar har eg neste veke", {"within_days": 7, "mine": True}),
        ("hvilke frister har jeg", {"mine": True}),
        ("upcoming deadlines", {}),
        # Ids as people type them; a name that is an owner, not a substring search.
        ("kontrakt 2025/017", {"contract": "2025/017"}),
        ("kontrakt 25-017", {"contract": "25-017"}),
        ("avtale 2025-017", {"contract": "2025-017"}),
        ("hvilke frister har Lars?", {"contract": "lars"}),
    ],
)
def test_periods_in_bokmal_nynorsk_english_and_with_typos(
    text: str, arguments: dict[str, object]
) -> None:
    match = classify(text)
    assert match is not None and match.name == "deadlines"
    assert match.arguments == arguments


@pytest.mark.parametrize(
    ("text", "function", "arguments"),
    [
        ("innkjøpsanalyse 2026", "analyse", {"year": "2026"}),
        ("innkjøpsanalyse 2026 for Østfjord", "analyse", {"year": "2026", "entity": "østfjord"}),
        ("purchasing analysis", "analyse", {}),
        ("hva kjøper vi mest uten avtale?", "without_contract", {}),
        ("kva kjøper vi mest utan avtale i 2025?", "without_contract", {"year": "2025"}),
        ("hva kjøper Østfjord mest uten avtale?", "without_contract", {"entity": "østfjord"}),
        ("avtaledekning IKT 2026", "analyse", {"year": "2026", "entity": "ikt"}),
        ("what do we buy most without a contract?", "without_contract", {}),
        ("avtalelojalitet renhold", "loyalty", {"category": "renhold"}),
        ("contract loyalty for IKT in 2025", "loyalty", {"category": "ikt", "year": "2025"}),
        ("kjøp fra 987 654 325 i 2026", "supplier", {"supplier": "987654325", "year": "2026"}),
        ("purchases from Datahuset AS", "supplier", {"supplier": "datahuset as"}),
    ],
)
def test_purchasing_analysis_questions(text: str, function: str, arguments: dict[str, str]) -> None:
    match = classify(text)
    assert match is not None and (match.plugin, match.function) == ("spend", function)
    assert match.arguments == arguments


@pytest.mark.parametrize(
    "text",
    ["how much did we spend on contracts?", "what did the contracts cost?"],
)
def test_questions_no_capability_answers_go_to_help_saying_so(text: str) -> None:
    match = classify(text)
    assert match is not None and (match.plugin, match.function) == ("assistant", "help")
    assert match.arguments == {"unanswered": text}


def test_buying_words_inside_a_market_dialogue_request_stay_with_it() -> None:
    match = classify("lag en invitasjon til markedsdialog om kjøp av skolemøbler")
    assert match is not None and match.plugin == "market_dialogue"
