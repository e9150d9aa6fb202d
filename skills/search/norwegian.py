"""Norwegian text analysis for the local index and supplier answers: words, stop words
and a stemmer.

Searchers type "kontrakter" and the template says "kontrakten"; both must meet, and so
must nynorsk "fristar", "avtalane" and "leverandørane" with bokmål "frister", "avtalene"
and "leverandørene". Snowball's Norwegian stemmer (PyStemmer, in C) strips the endings
of both standards; a light pass after it strips what Snowball leaves on agent nouns
("tilbyderen" -> "tilbyder" -> "tilbyd", as "tilbyder") and drops the unstressed e of
-el words the way their inflected forms do ("møbel" meets "møbler" at "møbl"). Compounds
stay whole ("skolemøblene" -> "skolemøbl"). Words are lower-cased, æ, ø and å are kept
as letters, other accents are folded (kafé -> kafe) because people type them
inconsistently.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import Stemmer

_WORD = re.compile(r"[^\W_]+")
_VOWELS = frozenset("aeiouyæøå")
# Accents are folded; Swedish/German ä and ö are read as æ and ø.
_FOLD = str.maketrans("éèêëáàâäóòôöúùûüíìîï", "eeeeaaaæoooøuuuuiiii")

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


_SNOWBALL = Stemmer.Stemmer("norwegian")


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """Snowball's stem, then one more inflection ending; "møbel" and "møbler" both end
    as "møbl"."""
    if any(char.isdigit() for char in word):
        return word
    word = _SNOWBALL.stemWord(word)
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
