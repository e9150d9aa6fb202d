"""The Norwegian stemmer: inflected forms of bokmål and nynorsk meet, compounds and æøå
stay intact."""

from __future__ import annotations

import pytest

from skills.search.norwegian import stem, terms, words


@pytest.mark.parametrize(
    ("forms", "expected"),
    [
        (["kontrakt", "kontrakter", "kontrakten", "kontraktene", "kontraktens"], "kontrakt"),
        (["møbel", "møbler", "møblene"], "møbl"),
        (["skolemøbel", "skolemøbler", "skolemøblene"], "skolemøbl"),
        (["leverandør", "leverandøren", "leverandørene"], "leverandør"),
        (["tilbud", "tilbudet", "tilbudene"], "tilbud"),
        (["sikkerhet", "sikkerheten", "sikkerhetene"], "sikker"),
        (["offentlig", "offentlige"], "offent"),
        (["boka", "bok"], "bok"),
        (["avtale", "avtalen", "avtaler", "avtalene"], "avtal"),
    ],
)
def test_inflected_forms_share_one_stem(forms: list[str], expected: str) -> None:
    assert {stem(form) for form in forms} == {expected}


@pytest.mark.parametrize(
    ("nynorsk", "bokmål"),
    [
        ("fristar", "frister"),
        ("dagar", "dager"),
        ("avtalane", "avtalene"),
        ("leverandørane", "leverandørene"),
        ("kunngjøringar", "kunngjøringer"),
    ],
)
def test_nynorsk_plurals_meet_their_bokmål_forms(nynorsk: str, bokmål: str) -> None:
    assert stem(nynorsk) == stem(bokmål)


def test_adjective_participle_endings() -> None:
    assert stem("godkjente") == stem("godkjent") == "godkjent"
    assert stem("anbefalede") == "anbefal"
    assert stem("kvalifisert") == "kvalifiser"


def test_short_words_and_numbers_are_left_alone() -> None:
    assert stem("året") == "året"  # a stem of two letters would match too much
    assert stem("ene") == "ene"
    assert stem("2026") == "2026"


def test_words_keep_æøå_and_fold_other_accents() -> None:
    assert words("Kafé-møte på Ørland, Ærøy og Åsgårdstrand!") == [
        "kafe",
        "møte",
        "på",
        "ørland",
        "ærøy",
        "og",
        "åsgårdstrand",
    ]
    assert words("Mo\u0308ter") == ["møter"]  # decomposed ö read as ø


def test_terms_drop_stop_words() -> None:
    assert terms("Vi inviterer til en dialogkonferanse om kontraktene i 2027") == [
        "inviter",
        "dialogkonferans",
        "kontrakt",
        "2027",
    ]
