"""Answers as suppliers write them: numbered without a label, "Spørsmål N:", and short
questions answered in other inflections of the same word."""

from __future__ import annotations

import pytest

from skills.documents.text import Passage
from skills.supplier_input.extractive import answer_question
from skills.supplier_input.model import SourceDocument
from skills.supplier_input.sections import answer_sections
from skills.supplier_input.text_units import supplier_sentences

QUESTIONS = (
    "Delkontrakter: Hvordan bør avtalen deles i delkontrakter?",
    "Hvilken prismodell anbefaler dere?",
    "Miljøkrav: Hvilke krav til ombruk, reservedeler og emballasje er realistiske?",
)


def _answers(*texts: str) -> list[str | None]:
    passages = tuple(Passage(t, None, n) for n, t in enumerate(texts, start=1))
    documents = [SourceDocument("svar.docx", "", passages)]
    usable = [[True] * len(passages)]
    sections = answer_sections(documents, usable, QUESTIONS)
    found = supplier_sentences(documents, usable)
    answers = [answer_question(n, q, sections, found) for n, q in enumerate(QUESTIONS, start=1)]
    return [a.answer.text if a.answer else None for a in answers]


@pytest.mark.parametrize(
    ("first", "second", "third"),
    [
        ("1. Vi anbefaler to", "2. Fastpris med årlig", "3. Svanemerket er"),
        ("1) Vi anbefaler to", "2) Fastpris med årlig", "3) Svanemerket er"),
        (
            "Spørsmål 1: Vi anbefaler to",
            "Spørsmål 2: Fastpris med årlig",
            "Spørsmål 3: Svanemerket er",
        ),
    ],
)
def test_numbered_answers_without_a_label_answer_their_question(
    first: str, second: str, third: str
) -> None:
    answers = _answers(
        "Takk for invitasjonen til markedsdialog.",
        f"{first} delkontrakter fordelt på geografi, nord og sør.",
        f"{second} indeksregulering passer best for oss.",
        f"{third} et greit nivå for alle produktgruppene.",
    )
    assert answers == [
        "Vi anbefaler to delkontrakter fordelt på geografi, nord og sør.",
        "Fastpris med årlig indeksregulering passer best for oss.",
        "Svanemerket er et greit nivå for alle produktgruppene.",
    ]


def test_a_date_at_the_start_of_a_sentence_is_not_an_answer_number() -> None:
    answers = _answers("1. januar 2027 er en god oppstartsdato for den nye avtalen.")
    assert answers[0] is None


def test_a_short_question_matches_one_strong_shared_word_in_another_inflection() -> None:
    answers = _answers(
        "Vi leverer skolemøbler til hele Vestlandet.",
        "Vi anbefaler også korte avrop for skolene.",  # shares only the question's verb
        "Prismodellen bør være fastpris med årlig indeksregulering.",
    )
    assert answers[1] == "Prismodellen bør være fastpris med årlig indeksregulering."


def test_a_long_question_still_needs_several_shared_words() -> None:
    answers = _answers("Vi har egne krav til leveringstid i alle avtaler.")
    assert answers[2] is None
