"""The message catalogues: complete in every language, in step with the code, and used.

Each catalogue must hold every message the code says, translated, with the same
placeholders; the compiled `.mo` files the product reads must be what the `.po` files
give. A text added to the code without a bokmål and a nynorsk translation fails here.
"""

from __future__ import annotations

import gettext
import re

import pytest

from skills.assistant.capabilities import CAPABILITIES
from skills.assistant.intents import classify
from skills.i18n import (
    DOMAIN,
    LANGS,
    LOCALE_DIR,
    InputError,
    Lang,
    Phrase,
    lang_from_locale,
    recipient_lang,
    tr,
    tr_n,
)
from skills.locale import build

PLACEHOLDER = re.compile(r"(?<!\{)\{(\w+)")


def _catalogue(lang: str) -> dict[object, str]:
    with (LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.mo").open("rb") as handle:
        found: dict[object, str] = gettext.GNUTranslations(handle)._catalog  # type: ignore[attr-defined]
    return {key: value for key, value in found.items() if key != ""}


def test_the_catalogues_are_complete_and_in_step_with_the_code(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert build.main(["--check"]) == 0, capsys.readouterr().err


def test_every_catalogue_has_every_message_the_others_have() -> None:
    ids = {lang: set(_catalogue(lang)) for lang in LANGS}
    assert len(ids["nb"]) > 500
    assert ids["nb"] == ids["nn"] == ids["en"]


def test_translations_keep_the_placeholders() -> None:
    for lang in ("nb", "nn"):
        for key, text in _catalogue(lang).items():
            source = key[0] if isinstance(key, tuple) else key
            assert isinstance(source, str)
            wanted = set(PLACEHOLDER.findall(source)) - {"n"}
            assert wanted <= set(PLACEHOLDER.findall(text)), (lang, source, text)


def test_nynorsk_is_its_own_written_standard_not_a_copy_of_bokmal() -> None:
    nb, nn = _catalogue("nb"), _catalogue("nn")
    sentences = [key for key, text in nb.items() if len(text.split()) >= 6]
    differ = [key for key in sentences if nn[key] != nb[key]]
    assert len(differ) > 0.9 * len(sentences)
    words = " ".join(nn.values())
    for bokmal in (" jeg ", " ikke ", " hva ", " fra ", " hvis "):
        assert bokmal not in f" {words} ", bokmal


@pytest.mark.parametrize(
    "locale, lang",
    [
        ("nb-NO", "nb"),
        ("nn-NO", "nn"),
        ("nn", "nn"),
        ("NN_no", "nn"),
        ("no-NY", "nn"),  # the older tag for nynorsk
        ("no", "nb"),
        ("en-US", "en"),
        ("en-GB", "en"),
        ("se-NO", "nb"),  # Northern Sámi is not offered: the default
        ("de-DE", "nb"),
        ("", "nb"),
        (None, "nb"),
    ],
)
def test_locales_map_to_the_three_languages(locale: str | None, lang: str) -> None:
    assert lang_from_locale(locale) == lang


def test_a_chat_locale_wins_over_the_directory_language() -> None:
    assert recipient_lang("nn-NO", "en-US") == "nn"
    assert recipient_lang(None, "nn-NO") == "nn"


def test_texts_are_said_in_each_language() -> None:
    assert tr("nb", "What I can help with") == "Dette kan jeg hjelpe med"
    assert tr("nn", "What I can help with") == "Dette kan eg hjelpe med"
    assert tr("en", "What I can help with") == "What I can help with"
    assert tr("nn", "in {days} days", days=3) == "om 3 dagar"
    assert tr_n("nn", "{n} day", "{n} days", 1) == "1 dag"
    assert tr_n("nn", "{n} day", "{n} days", 7) == "7 dagar"
    assert tr_n("nb", "{n} day", "{n} days", 7) == "7 dager"


def test_an_error_carries_its_message_id_and_says_it_in_each_language() -> None:
    error = InputError(
        "columns", "The column file is not valid JSON ({msg}, line {lineno}).", msg="x", lineno=3
    )
    assert error.message_id.startswith("The column file")
    assert error.message("nb") == "Kolonnefilen er ikke gyldig JSON (x, linje 3)."
    assert error.message("nn") == "Kolonnefila er ikkje gyldig JSON (x, linje 3)."
    assert str(error) == "The column file is not valid JSON (x, line 3)."
    assert error.named("avtaler.json").message("en").startswith("avtaler.json: The column")


def test_a_phrase_inside_a_text_is_said_in_the_same_language() -> None:
    reason = Phrase("the contract id is missing, so the row is left out")
    said = tr("nn", "The register row would become invalid: {problem}.", problem=reason)
    assert said.startswith("Registerrada") or "ikkje" in said, said
    assert "kontrakt-ID" in said and "mangler" not in said


def test_a_message_id_missing_from_the_catalogues_fails_loudly_in_tests() -> None:
    with pytest.raises(LookupError, match="not in the message catalogue"):
        tr("nb", "A sentence nobody translated")


# What each capability's example commands may run: the terms reader is part of the
# contract-deadline capability.
_PLUGINS = {
    "deadlines": {"contracts", "terms"},
    "market_dialogue": {"market_dialogue"},
    "supplier_input": {"supplier_input"},
    "spend": {"spend"},
    "plan": {"plan"},
    "status": {"diagnostics"},
}


@pytest.mark.parametrize("lang", LANGS)
def test_every_help_example_is_a_command_the_router_understands(lang: Lang) -> None:
    for capability in CAPABILITIES:
        for example in capability.examples(lang):
            match = classify(example)
            assert match is not None, (lang, example)
            assert match.plugin in _PLUGINS[capability.key], (lang, example, match.plugin)


def test_nynorsk_commands_people_type_are_understood() -> None:
    for text, plugin in (
        ("kva kan du gjere", "assistant"),
        ("fristar dei neste 30 dagane", "contracts"),
        ("mine kontraktar", "contracts"),
        ("hent vilkår frå kontrakt 2025-017", "terms"),
        ("oppsummer innspela i sak 2026-014", "supplier_input"),
        ("lag ein invitasjon til marknadsdialog om reinhald", "market_dialogue"),
        ("kva kjøper vi mest utan avtale?", "spend"),
        ("kjøp frå 987654325 i 2026", "spend"),
    ):
        match = classify(text)
        assert match is not None and match.plugin == plugin, (text, match)
