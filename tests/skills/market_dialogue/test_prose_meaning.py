"""A model's invitation prose and translation are checked for what they say, not only
their form. Each bad field is replaced (the template's text, or the Norwegian quoted)
and the others are kept; the docx and the notice are read back to see it."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from datetime import date
from typing import Any

import pytest
from openai import AsyncOpenAI
from semantic_kernel.connectors.ai.open_ai import OpenAIChatCompletion

from skills.market_dialogue.brief import parse_brief
from skills.market_dialogue.draft import build_draft
from skills.market_dialogue.prose import ModelProse
from skills.market_dialogue.translation import ModelTranslator, accepted_translation
from tests.skills.market_dialogue.helpers import all_text, example_data, sections
from tests.skills.market_dialogue.test_model_translation import ENGLISH
from tests.support.fake_openai import FakeOpenAI, answer

TODAY = date(2026, 11, 25)
GOOD_PRACTICAL = "Deltakelse er frivillig, og vi dekker ikke kostnader."
INTRO = "Vi setter pris på korte svar på spørsmålene."


def reply(data: dict[str, Any]) -> dict[str, Any]:
    return answer(json.dumps(data, ensure_ascii=False))


@pytest.fixture
async def chat() -> AsyncIterator[tuple[FakeOpenAI, OpenAIChatCompletion]]:
    async with FakeOpenAI([]) as fake:
        client = AsyncOpenAI(base_url=fake.base_url, api_key="test", max_retries=0)
        try:
            yield fake, OpenAIChatCompletion(ai_model_id="m", async_client=client)
        finally:
            await client.close()


BAD_BACKGROUND = {
    # The brief says 12 000 000: fifteen million in words is a new fact.
    "amount in words": "Felles innkjøp skal kjøpe møbler for femten millioner kroner.",
    "date in words": "Avtalen skal gjelde fra første august, og konferansen er i mars.",
    "bare domain": "Les mer om anskaffelsen på skolemobler-anbud.no før dere svarer.",
    "disguised address": "Spørsmål kan sendes til ingrid (at) innkjop punktum no i dag.",
    "advantage": "Deltakere i dialogen får fortrinn i konkurransen som kommer etterpå.",
    "restriction": "Bare leverandører som er registrert i Norge, kan delta i dialogen.",
    "english": "The joint procurement office is preparing a new framework agreement.",
    "german": "Die Schulen brauchen neue Möbel, und wir wollen mit dem Markt sprechen.",
}


@pytest.mark.parametrize("kind", sorted(BAD_BACKGROUND))
async def test_prose_that_says_what_it_must_not_is_replaced_by_the_template(
    chat: tuple[FakeOpenAI, OpenAIChatCompletion], kind: str
) -> None:
    fake, service = chat
    written = {
        "background": BAD_BACKGROUND[kind],
        "need_and_purpose": "Skolene trenger gode møbler.",
        "input_wanted_intro": INTRO,
        "practical": GOOD_PRACTICAL,
    }
    fake.script[:] = [500, reply(written)]  # the English notice first (fails), then prose
    brief = parse_brief(example_data())
    draft = await build_draft(brief, TODAY, writer=ModelProse(service))
    found = sections(draft.docx)
    assert BAD_BACKGROUND[kind] not in all_text(draft.docx), kind
    assert found["Bakgrunn"].startswith("Felles innkjøp forbereder en anskaffelse av varer")
    assert found["Praktisk informasjon"] == GOOD_PRACTICAL  # the good fields are kept
    assert found["Hva vi ønsker innspill på"].startswith(INTRO)


async def test_prose_with_the_forms_own_facts_in_words_is_kept(
    chat: tuple[FakeOpenAI, OpenAIChatCompletion],
) -> None:
    """Twelve million is the brief's value; January is the conference month."""
    fake, service = chat
    background = (
        "Avtalen har en anslått verdi på tolv millioner kroner, og konferansen er i januar."
    )
    written = {
        "background": background,
        "need_and_purpose": "Skolene trenger gode møbler.",
        "input_wanted_intro": INTRO,
        "practical": GOOD_PRACTICAL,
    }
    fake.script[:] = [500, reply(written)]
    draft = await build_draft(parse_brief(example_data()), TODAY, writer=ModelProse(service))
    assert sections(draft.docx)["Bakgrunn"] == background


BAD_TRANSLATION = {
    "identical": ("purpose", None),  # filled in below: the Norwegian source itself
    "german": ("purpose", "Wir möchten Rückmeldungen, bevor wir die Unterlagen fertigstellen."),
    "restriction": (
        "purpose",
        "We want input before we finish the tender documents. Only suppliers registered "
        "in Norway may take part.",
    ),
    "norwegian": ("need", "Skolene trenger møbler til klasserom, og vi vil ha en ny avtale."),
    "number in words": ("need", "The schools need furniture for about two hundred schools."),
}


@pytest.mark.parametrize("kind", sorted(BAD_TRANSLATION))
async def test_a_translation_that_is_none_is_quoted_in_norwegian(
    chat: tuple[FakeOpenAI, OpenAIChatCompletion], kind: str
) -> None:
    fake, service = chat
    brief = parse_brief(example_data())
    key, bad = BAD_TRANSLATION[kind]
    source = {"need": brief.need, "purpose": brief.purpose}[key]
    fake.script[:] = [reply({**ENGLISH, key: bad if bad is not None else source})]
    draft = await build_draft(brief, TODAY, translator=ModelTranslator(service))
    text = draft.doffin.description_en or ""
    label = {"need": "Need", "purpose": "Purpose of the dialogue"}[key]
    assert f"{label} (in Norwegian): {source}" in text, kind
    if bad is not None:
        assert bad not in text
    assert f"1) {ENGLISH['question_1']}" in text  # the other fields are kept
    assert draft.doffin.translated is False


def test_a_short_name_may_stay_as_it_is() -> None:
    assert accepted_translation("Oslo kommune", "Oslo kommune") == "Oslo kommune"
