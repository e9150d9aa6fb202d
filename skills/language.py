"""Which language a short text is written in, from its function words.

Model output is checked before anyone reads it: a summary point must be in the user's
language, an invitation in Norwegian, its translation in English. Function words (the
small words every sentence needs) tell Norwegian, English and German apart well in a
sentence or two, with no model and no data files. Bokmål and nynorsk count as one:
both are Norwegian to the reader, and the office writes both.
"""

from __future__ import annotations

import re
from typing import Literal

Detected = Literal["no", "en", "de", "da", "sv", "fr", "es", ""]

# Words only Danish or Swedish use (Norwegian shares most of their function words):
# two of them decide, whatever the shared words say.
_ONLY: dict[str, frozenset[str]] = {
    "da": frozenset(
        (
            "af",
            "nogle",
            "bliver",
            "blive",
            "efter",
            "mig",
            "dig",
            "hvad",
            "vores",
            "jer",
            "gerne",
            "købe",
            "købt",
            "sådan",
            "nogen",
        )
    ),
    "sv": frozenset(
        (
            "och",
            "inte",
            "är",
            "att",
            "från",
            "också",
            "mycket",
            "även",
            "ska",
            "några",
            "våra",
            "detta",
            "denna",
            "köpa",
        )
    ),
}

_WORDS: dict[str, frozenset[str]] = {
    "no": frozenset(
        [
            "og",
            "i",
            "det",
            "som",
            "er",
            "på",
            "for",
            "til",
            "av",
            "med",
            "ikkje",
            "ikke",
            "en",
            "ei",
            "et",
            "å",
            "har",
            "kan",
            "vil",
            "skal",
            "blir",
            "bli",
            "vert",
            "var",
            "de",
            "dei",
            "vi",
            "eg",
            "jeg",
            "du",
            "han",
            "hun",
            "ho",
            "den",
            "dette",
            "denne",
            "disse",
            "desse",
            "fra",
            "frå",
            "om",
            "ved",
            "eller",
            "men",
            "også",
            "og",
            "så",
            "når",
            "kva",
            "hva",
            "hvor",
            "kor",
            "må",
            "bør",
            "kunne",
            "skulle",
            "etter",
            "mot",
            "sin",
            "sitt",
            "sine",
            "seg",
            "oss",
            "dere",
            "dykk",
            "sammen",
            "saman",
            "enn",
            "hos",
            "under",
            "uten",
            "utan",
            "mellom",
            "gjennom",
            "ingen",
            "inga",
            "noko",
            "noe",
            "mange",
            "fleire",
            "flere",
        ]
    ),
    "en": frozenset(
        [
            "the",
            "and",
            "of",
            "to",
            "is",
            "are",
            "in",
            "for",
            "with",
            "not",
            "a",
            "an",
            "be",
            "will",
            "can",
            "should",
            "this",
            "that",
            "these",
            "those",
            "from",
            "by",
            "on",
            "at",
            "as",
            "it",
            "its",
            "we",
            "they",
            "their",
            "our",
            "you",
            "your",
            "has",
            "have",
            "had",
            "was",
            "were",
            "or",
            "but",
            "also",
            "which",
            "who",
            "what",
            "when",
            "where",
            "would",
            "could",
            "may",
            "must",
            "than",
            "into",
            "about",
            "more",
            "most",
            "other",
            "only",
            "any",
            "each",
            "all",
            "there",
            "here",
            "been",
            "being",
        ]
    ),
    "de": frozenset(
        [
            "der",
            "die",
            "das",
            "und",
            "ist",
            "sind",
            "nicht",
            "mit",
            "für",
            "von",
            "zu",
            "den",
            "dem",
            "des",
            "ein",
            "eine",
            "einen",
            "wir",
            "sie",
            "es",
            "auch",
            "werden",
            "wird",
            "wurde",
            "auf",
            "bei",
            "oder",
            "aber",
            "nur",
            "noch",
            "nach",
            "über",
            "unter",
            "durch",
            "kann",
            "können",
            "soll",
            "sollen",
            "muss",
            "müssen",
            "sich",
            "diese",
            "dieser",
            "dieses",
            "als",
            "wie",
        ]
    ),
}
_WORDS["fr"] = frozenset(
    [
        "les",
        "des",
        "du",
        "et",
        "est",
        "une",
        "pour",
        "que",
        "qui",
        "dans",
        "avec",
        "sur",
        "pas",
        "nous",
        "vous",
        "ils",
        "sont",
        "aux",
        "ces",
        "cette",
        "être",
    ]
)
_WORDS["es"] = frozenset(
    [
        "los",
        "las",
        "del",
        "y",
        "es",
        "una",
        "para",
        "que",
        "con",
        "por",
        "nosotros",
        "son",
        "está",
        "están",
        "como",
        "pero",
        "sus",
        "este",
        "esta",
    ]
)
_TOKEN = re.compile(r"[a-zæøåäöüß]+", re.IGNORECASE)


def detect(text: str, min_hits: int = 2) -> Detected:
    """The language whose function words the text uses clearly most, or "" when the
    text is too short or mixed to say."""
    tokens = [t.lower() for t in _TOKEN.findall(text)]
    for lang, words in _ONLY.items():
        if len({t for t in tokens if t in words}) >= 2:
            return lang  # type: ignore[return-value]
    hits = {lang: sum(1 for t in tokens if t in words) for lang, words in _WORDS.items()}
    ranked = sorted(hits.items(), key=lambda item: item[1], reverse=True)
    (best, top), (_, second) = ranked[0], ranked[1]
    if top < min_hits or top < 2 * second:
        return ""
    return best  # type: ignore[return-value]


def is_language(text: str, wanted: Detected) -> bool:
    """True unless the text is clearly in another language than `wanted` (three function
    words at least: a term like "Software as a Service" in a Norwegian sentence is not
    enough)."""
    found = detect(text, min_hits=3)
    return found in ("", wanted)
