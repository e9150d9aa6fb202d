"""Norwegian bokmål text analysis for the local index: words, stop words and a light stemmer.

Searchers type "kontrakter" and the template says "kontrakten"; both must meet. A light
stemmer that strips inflection endings (definite, plural, genitive, participle) is
enough for that and keeps compounds intact ("skolemøbler" and "skolemøblene" meet at
"skolemøbl"). Words are lower-cased, æ, ø and å are kept as letters, other accents
are folded (kafé -> kafe) because people type them inconsistently.
"""

from __future__ import annotations

import re
import unicodedata

_WORD = re.compile(r"[^\W_]+")
_VOWELS = frozenset("aeiouyæøå")
# Accents are folded; Swedish/German ä and ö are read as æ and ø.
_FOLD = str.maketrans("éèêëáàâäóòôöúùûüíìîï", "eeeeaaaæoooøuuuuiiii")

# Longest first: the first ending that leaves a long enough stem wins.
_ENDINGS = (
    "endes",
    "enes",
    "ende",
    "edes",
    "ene",
    "ens",
    "ets",
    "ers",
    "ede",
    "ete",
    "er",
    "en",
    "et",
    "a",
    "e",
)
_MIN_STEM = 3

# Function words that say nothing about a document's subject.
_STOP_WORD_LIST = """
    alle andre at av bare begge ble bli blir blitt både da de deg dem den denne der deres
    det dette din disse ditt du eller en enn er et ett etter for fordi fra før ha hadde han
    hans har henne hennes her hun hva hvem hver hvilke hvilken hvis hvor hvordan hvorfor i
    ikke ingen inn ja jeg kan kun kunne man mange med meg mellom men mens mer min mine mitt
    mot mye må ned nei noe noen nå når og også om opp oss over på samme seg selv sin sine
    sitt skal skulle slik som så til uten ut var vi vil ville vår være vært å
"""
STOP_WORDS = frozenset(_STOP_WORD_LIST.split())


def words(text: str) -> list[str]:
    """Lower-cased words and numbers, æøå kept, other accents folded."""
    normal = unicodedata.normalize("NFC", text).lower().translate(_FOLD)
    return _WORD.findall(normal)


def _has_vowel(stem: str) -> bool:
    return any(char in _VOWELS for char in stem)


def stem(word: str) -> str:
    """Strip one inflection ending; "møbel" and "møbler" both end as "møbl"."""
    if any(char.isdigit() for char in word):
        return word
    for ending in _ENDINGS:
        if word.endswith(ending):
            base = word[: -len(ending)]
            if ending == "et" and base.endswith("h"):
                continue  # -het is a suffix of its own: sikkerhet, sikkerheten
            if len(base) >= _MIN_STEM and _has_vowel(base):
                word = base
                break
    # An unstressed -el drops its e when inflected (møbel/møbler, regel/regler, enkel/enkle),
    # so the uninflected form drops it too.
    if (
        len(word) >= 5
        and word.endswith("el")
        and word[-3] not in _VOWELS
        and word[-3] != "l"
        and _has_vowel(word[:-2])
    ):
        word = word[:-2] + "l"
    return word


def terms(text: str) -> list[str]:
    """The stems of every word that is not a stop word, in text order."""
    return [stem(word) for word in words(text) if word not in STOP_WORDS]
