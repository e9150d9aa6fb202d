"""Which language a user reads: Norwegian bokmål unless Teams says English."""

from __future__ import annotations

import contextvars
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Literal

Lang = Literal["nb", "en"]


def lang_from_locale(locale: str | None) -> Lang:
    """Map a Teams locale (`en-US`, `nb-NO`, `nn-NO`, None) to a product language.

    Only English is offered besides bokmål, so every non-English locale reads bokmål.
    """
    if locale and locale.strip().lower().replace("_", "-").split("-")[0] == "en":
        return "en"
    return "nb"


def pick(lang: Lang, nb: str, en: str) -> str:
    return en if lang == "en" else nb


_turn_lang: contextvars.ContextVar[Lang] = contextvars.ContextVar("turn_lang", default="nb")


def current_lang() -> Lang:
    """The language of the conversation turn being served (bokmål outside a turn)."""
    return _turn_lang.get()


@contextmanager
def speaking(lang: Lang) -> Iterator[None]:
    """Serve everything inside in `lang`; the bot sets it per turn from the locale."""
    token = _turn_lang.set(lang)
    try:
        yield
    finally:
        _turn_lang.reset(token)
