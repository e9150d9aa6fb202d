"""Which language a user reads, and the one way to get a text in it.

Every sentence a user reads is written once in the code, in English, as a gettext message
id, and translated in the catalogues under `skills/locale/` (bokmål, nynorsk, English).
Bokmål is the default: public bodies write both Norwegian standards, so a Teams locale or
`preferredLanguage` of nynorsk gets nynorsk, English gets English, anything else bokmål.
"""

from __future__ import annotations

import contextvars
import functools
import gettext
import os
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Literal, Protocol, get_args

Lang = Literal["nb", "nn", "en"]
LANGS: tuple[Lang, ...] = get_args(Lang)
DOMAIN = "assistant"
LOCALE_DIR = Path(__file__).parent / "locale"

# Teams and Microsoft 365 write nynorsk as `nn-NO`; older systems use `no-NY` or `nno`.
_NYNORSK_TAGS = frozenset({"nn", "nno", "no-ny"})


def lang_from_locale(locale: str | None) -> Lang:
    """Map a Teams locale (`en-US`, `nb-NO`, `nn-NO`, None) to a product language."""
    if not locale or not locale.strip():
        return "nb"
    tag = locale.strip().lower().replace("_", "-")
    primary = tag.split("-")[0]
    if tag in _NYNORSK_TAGS or primary in _NYNORSK_TAGS:
        return "nn"
    if primary == "en":
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


def as_lang(value: str | None) -> Lang:
    """A stored or configured language code read back; anything unknown is bokmål."""
    for lang in LANGS:
        if value == lang:
            return lang
    return "nb"


def locale_tag(lang: Lang) -> str:
    """The language tag written into documents the product makes (Word's proofing language)."""
    return {"nb": "nb-NO", "nn": "nn-NO", "en": "en-GB"}[lang]


# How the language is named to a language model, which writes in it.
MODEL_LANGUAGE: dict[Lang, str] = {
    "nb": "Norwegian bokmål",
    "nn": "Norwegian nynorsk (not bokmål)",
    "en": "English",
}


def is_norwegian(lang: str) -> bool:
    """Norwegian conventions (31.12.2026, «quotes», kr) hold for both written standards."""
    return lang != "en"


@functools.cache
def catalogue(lang: Lang) -> gettext.NullTranslations:
    """The compiled catalogue for `lang`; nynorsk falls back to bokmål.

    A missing catalogue is a broken install, so it fails loudly rather than silently
    speaking English to a Norwegian office.
    """
    found = gettext.translation(DOMAIN, LOCALE_DIR, languages=[lang])
    if lang == "nn":
        found.add_fallback(catalogue("nb"))
    return found


class Phrase:
    """A text said later, in the language of whoever reads it: a message id and its values.

    A parser deep in the domain does not know the reader; its problems carry Phrases, and
    `tr` says them when they are shown (a Phrase may be a value of another text).
    """

    __slots__ = ("message", "values")

    def __init__(self, message: str, /, **values: object) -> None:
        self.message = message
        self.values: Mapping[str, object] = values

    def say(self, lang: Lang) -> str:
        return tr(lang, self.message, **self.values)

    def __eq__(self, other: object) -> bool:
        return (
            isinstance(other, Phrase)
            and other.message == self.message
            and other.values == self.values
        )

    def __hash__(self) -> int:
        return hash(self.message)

    def __repr__(self) -> str:
        return f"Phrase({self.message!r}, **{dict(self.values)!r})"


class Sayable(Protocol):
    """A value said differently in each language: a Phrase, a date, a list of Phrases."""

    def say(self, lang: Lang) -> str: ...


@dataclass(frozen=True)
class DateText:
    """A date as the reader writes it: 31.12.2026 in Norwegian, 2026-12-31 in English."""

    day: date

    def say(self, lang: Lang) -> str:
        return self.day.strftime("%d.%m.%Y") if is_norwegian(lang) else self.day.isoformat()


@dataclass(frozen=True)
class Joined:
    """Several texts said one after the other (problems of one row, joined by "; ")."""

    parts: tuple[Sayable | str, ...]
    separator: str = "; "

    def say(self, lang: Lang) -> str:
        return self.separator.join(p if isinstance(p, str) else p.say(lang) for p in self.parts)


class Said:
    """Whatever a function of the language gives: a label looked up, a weekday named."""

    __slots__ = ("_say",)

    def __init__(self, say: Callable[[Lang], str]) -> None:
        self._say = say

    def say(self, lang: Lang) -> str:
        return self._say(lang)


def _said(lang: Lang, values: Mapping[str, object]) -> dict[str, object]:
    return {k: _say(lang, v) for k, v in values.items()}


def _say(lang: Lang, value: object) -> object:
    say = getattr(value, "say", None)
    return say(lang) if callable(say) else value


# Tests set ASSISTANT_STRICT_TEXTS=1: a message id missing from the catalogues then fails
# the turn instead of showing English to a Norwegian reader.
_STRICT = os.environ.get("ASSISTANT_STRICT_TEXTS") == "1"


def _known(message: str) -> bool:
    return message in getattr(catalogue("nb"), "_catalog", {})


def tr(lang: Lang, message: str, /, **values: object) -> str:
    """`message` (an English message id) in `lang`, its `{placeholders}` filled in."""
    if _STRICT and not _known(message):
        raise LookupError(f"not in the message catalogue: {message!r}")
    text = catalogue(lang).gettext(message)
    return text.format(**_said(lang, values)) if values else text


def tr_n(lang: Lang, singular: str, plural: str, n: int, /, **values: object) -> str:
    """Like `tr`, with the singular or plural form for `n` (given to the text as `n`)."""
    if (
        _STRICT
        and not _known(singular)
        and (singular, 0) not in getattr(catalogue("nb"), "_catalog", {})
    ):
        raise LookupError(f"not in the message catalogue: {singular!r}")
    return catalogue(lang).ngettext(singular, plural, n).format(n=n, **_said(lang, values))


def N_(message: str) -> str:
    """Mark a message id kept in a table, for extraction; `tr` it where it is shown."""
    return message


class Problem(ValueError):
    """A value that could not be read; `phrase` says why in the reader's language."""

    def __init__(self, message: str | Sayable, /, **values: object) -> None:
        self.phrase: Sayable = Phrase(message, **values) if isinstance(message, str) else message
        super().__init__(self.phrase.say("en"))


class InputError(ValueError):
    """Bad input, told by a message id and its values so every language can say it;
    `field` names what was wrong, so a form can point at it and a CLI can name it."""

    def __init__(self, field: str, message: str, /, **values: object) -> None:
        super().__init__(Phrase(message, **values).say("en"))
        self.field = field
        self.message_id = message
        self.values = values
        self.source: str | None = None

    def named(self, source: str) -> InputError:
        """The same error, said about the file or list `source`."""
        self.source = source
        return self

    def message(self, lang: Lang) -> str:
        text = tr(lang, self.message_id, **self.values)
        return f"{self.source}: {text}" if self.source else text


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
