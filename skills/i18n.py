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


def recipient_lang(chat_locale: str | None, preferred_language: str | None) -> Lang:
    """The language of a message sent outside any turn (a reminder, a digest).

    The Teams locale stored with the person's chat wins, since it is what they read the
    bot in; without a chat, their Microsoft 365 `preferredLanguage`; bokmål when neither
    is known.
    """
    if chat_locale and chat_locale.strip():
        return lang_from_locale(chat_locale)
    return lang_from_locale(preferred_language)


class BilingualError(ValueError):
    """Bad input, told in both languages; `field` names what was wrong, so a form can
    point at it and a CLI can name it."""

    def __init__(self, field: str, message_nb: str, message_en: str) -> None:
        super().__init__(message_en)
        self.field = field
        self.message_nb = message_nb
        self.message_en = message_en

    def message(self, lang: str) -> str:
        return self.message_en if lang == "en" else self.message_nb


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
