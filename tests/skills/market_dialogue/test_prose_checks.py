"""The meaning checks on a model's invitation prose and translation, against the facts
of the example brief (12 000 000 kr, a conference on 13 January 2027): sentences an
office writes must pass; facts the form does not hold, unfair promises and other
languages must not."""

from __future__ import annotations

import json
from datetime import date

import pytest

from skills.market_dialogue.brief import brief_as_json, parse_brief
from skills.market_dialogue.prose import Example, reusable_sentences
from skills.market_dialogue.prose_checks import meaning_problem, translation_problem
from skills.market_dialogue.schedule import format_day, label, propose_schedule
from tests.skills.market_dialogue.helpers import example_data


def _facts() -> str:
    brief = parse_brief(example_data())
    schedule = propose_schedule(brief.formats, date(2026, 11, 25), brief.dates)
    dates = " ".join(f"{format_day(d)} {d.day}.{d.month}. {label(f)}" for f, d in schedule.items())
    return f"{json.dumps(brief_as_json(brief), ensure_ascii=False)} {dates}"


FACTS = _facts()

PASS = [
    "Skolene trenger møbler i tre og metall.",
    "Vi ønsker innspill på (a) delkontrakter og (b) miljøkrav.",
    "Miljøkrav vil bli prioritert i kravspesifikasjonen.",
    "Delkontrakter gir fordeler for både skolene og leverandørene.",
    "Avtalen har en verdi på tolv millioner kroner.",
    "Konferansen er 13. januar.",
    "Vi ønsker innspill, f.eks. om prismodell, bl.a. frakt.",
    "Me ønskjer innspel frå leverandørane før konkurransegrunnlaget er ferdig.",
    "Vi ønsker fortrinnsvis korte svar.",
    "Vi vil høre fra ikke bare leverandører som har levert før, men også nye.",
    "Kunngjøringen ligger på Doffin.no.",
    "Se vedlegget Innspill.docx.",
    "Leverandøren er meget opptatt av kvalitet, og meget fornøyd.",
]
REFUSE = [
    "Verdien er atten millioner kroner.",
    "Verdien er tjuefem millioner kroner.",
    "Avtalen starter første desember.",
    "Fristen er tjuende januar.",
    "Se skolemobler.shop for mer.",
    "Se skolemobler . no for mer.",
    "Skriv til ingrid alfakrøll innkjop punktum no.",
    "Deltakere vil stille sterkere i konkurransen.",
    "Bare lokale leverandører kan delta.",
    "Kun norske firma kan delta.",
    "Presentasjonene varer femten minutter.",
    "Deltakere i dialogen får fortrinn i konkurransen.",
    "We want to hear from the market before the tender documents are finished.",
    "Deltakelse i markedsdialogen gir en fordel i den senere konkurransen.",
    "Leverandører som deltar, stiller sterkere i konkurransen.",
    "Dialogen er forbeholdt norske leverandører.",
    "Leverandører uten norsk organisasjonsnummer kan ikke delta.",
    "Verdien er femten mill. kroner.",
    "Verdien er tjue MNOK.",
    "Les mer på stolbord punktum no.",
    "Nous voulons des retours des fournisseurs avant de finaliser les documents.",
]


@pytest.mark.parametrize("text", PASS)
def test_what_an_office_writes_passes(text: str) -> None:
    assert meaning_problem(text, FACTS, "no") is None


@pytest.mark.parametrize("text", REFUSE)
def test_what_must_not_be_written_is_refused(text: str) -> None:
    assert meaning_problem(text, FACTS, "no") is not None


SOURCE = "Hvordan bør det andre møtet organiseres, og hvilke krav bør prioriteres først?"


@pytest.mark.parametrize(
    "english",
    [
        "How should the second meeting be organised, and which requirements should be "
        "given priority first?",
        "The meeting is held at the town hall, and we want to reduce costs at schools.",
    ],
)
def test_a_faithful_translation_passes(english: str) -> None:
    assert translation_problem(SOURCE, english) is None


@pytest.mark.parametrize(
    "english",
    [
        "Participation is limited to suppliers registered in Norway.",
        "Only local suppliers may take part.",
        "Participants get an edge in the tender.",
        "We will divide the agreement into thirteen lots.",
        "We invite sixty suppliers.",
        "Rahmenvertrag für Schulmöbel",
        "Taking part gives an advantage in the later tender.",
        "Taking part will count in your favour.",
        "Suppliers without a Norwegian organisation number cannot take part.",
        "Queremos recibir comentarios de los proveedores para que el pliego sea realista.",
        SOURCE,
    ],
)
def test_a_translation_that_is_none_is_refused(english: str) -> None:
    assert translation_problem(SOURCE, english) is not None


def test_an_examples_unfair_or_specific_sentences_are_never_reused() -> None:
    example = Example(
        "Invitasjon til markedsdialog - Skolemøbler 2022",
        "",
        "Praktisk informasjon\n"
        "Deltakelse i markedsdialogen er frivillig og gir ingen forpliktelser. "
        "Deltakere i dialogen får fortrinn i konkurransen som kommer. "
        "Les mer om saken på skolemobler-anbud.no før dere svarer. "
        "Hver presentasjon varer femten minutter.",
    )
    assert reusable_sentences(example, "Praktisk informasjon") == [
        "Deltakelse i markedsdialogen er frivillig og gir ingen forpliktelser."
    ]
