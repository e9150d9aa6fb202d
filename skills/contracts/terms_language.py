"""Nynorsk and English contract wording brought to the bokmål words the term patterns know.

Offices write contracts in nynorsk, and some suppliers sign English ones; writing every
pattern three times would give three places to keep in step. Instead a sentence is
rewritten word for word into bokmål before it is matched, and the person is shown the
original sentence, never the rewrite. The rewrite only needs to be good enough for the
narrow patterns in `terms.py`; it is not a translation.

English is rewritten only when a sentence reads as English: "to" is the number two in
Norwegian and a preposition in English, so the English rules must never touch a
Norwegian sentence.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

_F = re.IGNORECASE

# (pattern, replacement), applied in order. Word boundaries are explicit because \b
# treats æøå as word characters only in Unicode mode, which is the default for str.
_NYNORSK: Sequence[tuple[str, str]] = (
    (r"\bikkje\b", "ikke"),
    (r"\bavtala\b", "avtalen"),
    (r"\bkontrakta\b", "kontrakten"),
    (r"\brammeavtala\b", "rammeavtalen"),
    (r"\bavtaleperioden?\b", "avtaleperioden"),
    (r"\bgjeld(?=\s+(?:i|frå|fra|for|til|ut|med|same|heilt)\b)", "gjelder"),
    (r"\bt(?:ek|ar)\s+til\s+å\s+gjelde\b", "trer i kraft"),
    (r"\bfrå\b", "fra"),
    (r"\bmånaders\b", "måneders"),
    (r"\bmånader(?:ne)?\b", "måneder"),
    (r"\bmånads\b", "måneds"),
    (r"\bmånad\b", "måned"),
    (r"\bvekers\b", "ukers"),
    (r"\bveker\b", "uker"),
    (r"\bveke\b", "uke"),
    (r"\b(?:arbeids|vyrke|verke|yrke)dagars\b", "virkedagers"),
    (r"\b(?:arbeids|vyrke|verke|yrke)dagar\b", "virkedager"),
    (r"\bdagars\b", "dagers"),
    (r"\bdagar\b", "dager"),
    (r"\beitt\b", "ett"),
    (r"\bein\b", "en"),
    (r"\beit\b", "et"),
    (
        r"\b(?:høve|rett)\s+til\s+(?:å\s+)?(?:forlengje|forlenge|forlenging|forlengjing)\b",
        "opsjon på forlengelse",
    ),
    (r"\bforleng(?:j)?ing(?:a)?\b", "forlengelse"),
    (r"\bforleng(?:j)?ast\b", "forlenges"),
    (r"\bforleng(?:j)?a\b", "forlenget"),
    (r"\bforlengje\b", "forlenge"),
    (r"\bfornyast\b", "fornyes"),
    (r"\bfornya\b", "fornyet"),
    (r"\bfornying(?:a)?\b", "fornyelse"),
    (r"\bvidareførast\b", "videreføres"),
    (r"\bvidareføring\b", "videreføring"),
    (r"\bvert\b", "blir"),
    (r"\bopsjonar\b", "opsjoner"),
    (r"\bopsjonane\b", "opsjonene"),
    (r"\boppseiingstida?\b", "oppsigelsestiden"),
    (r"\boppseiingsfristen?\b", "oppsigelsesfristen"),
    (r"\boppseiinga?\b", "oppsigelse"),
    (r"\bseiast\s+opp\b|\bseiest\s+opp\b|\bblir\s+sagd\s+opp\b", "sies opp"),
    (r"\bseie\s+(\w+\s+)?opp\b", r"si \1opp"),
    (r"\bseier\s+(\w+\s+)?opp\b", r"sier \1opp"),
    (r"\bseinast\b", "senest"),
    (r"\binnan\b", "innen"),
    (r"\butan\b", "uten"),
    (r"\bskriftleg\b", "skriftlig"),
    (r"\bstilltiande\b", "stilltiende"),
    (r"\bgong(?:ar|er)\b", "ganger"),
    (r"\bkvar\s+gong\b", "hver gang"),
    (r"\b(av|om)\s+gongen\b", r"\1 gangen"),
    (r"\bvarigheit(?:a)?\b", "varighet"),
    (r"\bunderskriving\b|\bunderteikning\b", "signering"),
)

_EN_MONTHS = {
    "january": "januar", "february": "februar", "march": "mars", "april": "april",
    "may": "mai", "june": "juni", "july": "juli", "august": "august",
    "september": "september", "october": "oktober", "november": "november",
    "december": "desember",
}  # fmt: skip
_EN_MONTH = "|".join(_EN_MONTHS)
_EN_NUMBERS = {
    "one": "1", "two": "2", "three": "3", "four": "4", "five": "5", "six": "6",
    "seven": "7", "eight": "8", "nine": "9", "ten": "10", "eleven": "11", "twelve": "12",
    "eighteen": "18", "twenty-four": "24", "thirty-six": "36", "forty-eight": "48",
}  # fmt: skip
_EN_NUMBER = "|".join(sorted(_EN_NUMBERS, key=len, reverse=True))
_SUBJECT_EN = r"(?:this|the)\s+(?:framework\s+)?(?:agreement|contract)"

_ENGLISH: Sequence[tuple[str, str]] = (
    (
        r"[“\"]?effective\s+date[”\"]?\s+means\s+the\s+date\s+(?:on\s+which|when)\s+this\s+"
        r"agreement\s+(?:has\s+been|is)\s+signed\s+by\s+both\s+parties",
        "avtalen trer i kraft ved signering",
    ),
    (r"\b(?:an?\s+)?initial\s+(?:term|period)\s+of\b", ""),
    # "24 months from the Commencement Date (1 May 2025)": the date is the start.
    (
        r"\bfrom\s+the\s+(?:commencement|start|effective)\s+date\s*\(\s*"
        r"(\d{1,2}\.\s+[a-zæøå]+\s+\d{4})\s*\)",
        r"fra \1",
    ),
    (r"\b(?:does|shall|will)\s+not\s+apply\b|\bis\s+not\s+applicable\b", "gjelder ikke"),
    (r"\b(\d{1,3})\s+days\s+notice\b", r"\1 dagers varsel"),
    (r"\bno\s+later\s+than\b|\bnot\s+later\s+than\b|\bat\s+the\s+latest\b", "senest"),
    (r"\bat\s+least\b", "minst"),
    (r"\bup\s+to\b|\ba\s+maximum\s+of\b|\bno\s+more\s+than\b", "inntil"),
    (
        r"\bbefore\s+(?:the\s+)?(?:expiry|expiration|end)\b(?:\s+of\s+(?:the\s+)?"
        r"(?:agreement|contract|term|agreement\s+period|contract\s+period))?",
        "før utløp",
    ),
    (r"\bprior\s+to\b", "før"),
    (
        r"\b(?:shall\s+|will\s+)?(?:enters?|comes?|come)\s+into\s+force(?:\s+(?:on|from|as\s+of))?"
        r"|\b(?:shall\s+|will\s+)?takes?\s+effect(?:\s+(?:on|from|as\s+of))?"
        r"|\b(?:shall\s+)?commences?(?:\s+on)?",
        "trer i kraft",
    ),
    (
        r"\bupon\s+(?:the\s+)?signature\b|\bupon\s+signing\b|\bon\s+signing\b"
        r"|\bwhen\s+signed\s+by\s+both\s+parties\b",
        "ved signering",
    ),
    (
        r"\b(?:shall|will)?\s*(?:remains?\s+in\s+force|be\s+valid|is\s+valid|runs?|apply|applies|"
        r"lasts?|continues?)\s+(?:for\s+a\s+(?:period|term)\s+of|for)\b",
        " gjelder i",
    ),
    (
        r"\b(?:shall|will)?\s*(?:remains?\s+in\s+force|be\s+valid|is\s+valid|runs?|apply|applies|"
        r"lasts?|continues?)\s+(?:until|through|up\s+to\s+and\s+including|to\s+and\s+including)\b",
        " gjelder til og med",
    ),
    (r"\b(?:is|shall\s+be)\s+entered\s+into\s+for\b", "inngås for"),
    (r"\b(?:has|shall\s+have|with)\s+a\s+(?:term|duration)\s+of\b", "har en varighet på"),
    (r"\b(?:shall\s+)?expires?(?:\s+on)?\b", "utløper"),
    (
        r"\bfrom\s+and\s+including\b|\bwith\s+effect\s+from\b|\beffective\s+from\b"
        r"|\bas\s+from\b|\bfrom\b",
        "fra",
    ),
    (
        r"\buntil\s+and\s+including\b|\bup\s+to\s+and\s+including\b|\bto\s+and\s+including\b"
        r"|\buntil\b|\bthrough\b",
        "til og med",
    ),
    (r"(?<=\d{4})\s+to\s+(?=\d)", " til og med "),
    (r"\breplaces\b|\bsupersedes\b", "erstatter"),
    (r"\b(?:previous|former|earlier)\s+(agreement|contract)\b", r"tidligere avtale"),
    (
        r"\bnotice\s+of\s+(?:extension|(?:the\s+)?exercise\s+of\s+(?:an?\s+|the\s+)?options?)\b",
        "varsel om bruk av opsjon",
    ),
    (r"\b(?:termination\s+)?notice\s+period\b|\bperiod\s+of\s+notice\b", "oppsigelsestiden"),
    (r"\bwritten\s+notice\b", "skriftlig varsel"),
    (r"\bnotice\b", "varsel"),
    (
        r"\b(?:renewed|extended)\s+automatically\b|\bautomatically\s+(?:renewed|extended)\b"
        r"|\btacitly\s+(?:renewed|extended)\b",
        "fornyes automatisk",
    ),
    (
        r"\b(?:renews?|extends?)\s+automatically\b|\bautomatically\s+(?:renews?|extends?)\b",
        "fornyes automatisk",
    ),
    (r"\bautomatic\s+(?:renewal|extension)\b|\bauto-?renewal\b", "automatisk fornyelse"),
    (r"\b(?:options?\s+to\s+extend|extension\s+options?)\b", "opsjon på forlengelse"),
    (r"\bextend\s+(?:" + _SUBJECT_EN + r"|it)\s+(?:by|for)\b", "opsjon på forlengelse"),
    (
        r"\b(?:additional\s+|further\s+|optional\s+)?(?:periods|extensions|renewals)\s+of\b",
        "opsjoner på",
    ),
    (r"\b(?:additional\s+|further\s+|optional\s+)?(?:period|extension)\s+of\b", "opsjon på"),
    (r"\bextended\b", "forlenget"),
    (r"\bextension\b", "forlengelse"),
    (r"\bextend\b", "forlenge"),
    (r"\boptions\b", "opsjoner"),
    (r"\boption\b", "opsjon"),
    (r"\bterminate\b", "si opp"),
    (r"\bterminated\b", "sagt opp"),
    (r"\btermination\b", "oppsigelse"),
    (r"\bat\s+a\s+time\b|\beach\s+time\b", "av gangen"),
    (r"\btimes\b", "ganger"),
    (_SUBJECT_EN + r"\s+(?:period|term)\b", "avtaleperioden"),
    (r"\bthe\s+term\s+of\s+" + _SUBJECT_EN, "avtaleperioden"),
    (_SUBJECT_EN, "avtalen"),
    (r"\bmonths?['’](?:s)?", "måneders"),
    (r"\bmonths\b", "måneder"),
    (r"\bmonth\b", "måned"),
    (r"\byears?['’](?:s)?", "års"),
    (r"\byears?\b", "år"),
    (r"\bweeks?['’](?:s)?", "ukers"),
    (r"\bweeks\b", "uker"),
    (r"\bweek\b", "uke"),
    (r"\b(?:working|business)\s+days?['’](?:s)?", "virkedagers"),
    (r"\b(?:working|business)\s+days\b", "virkedager"),
    (r"\bdays?['’](?:s)?", "dagers"),
    (r"\bdays\b", "dager"),
    (r"\bshall\b", "skal"),
    (r"\bwill\b", "vil"),
    (r"\bcannot\b", "kan ikke"),
    (r"\bnot\b", "ikke"),
    (r"\bwithout\b", "uten"),
    (r"\bno\b", "ingen"),
    (r"\bmay\b", "kan"),
    (r"\bbe\b", "bli"),
    (r"\band\b", "og"),
    (r"\bwith\b", "med"),
    (r"\bby\b", "med"),
    (r"\beach\b", "hver"),
)

_EN_WORDS = frozenset(
    {
        *("the", "this", "shall", "will", "be", "agreement", "contract", "and", "of", "with"),
        *("may", "by", "any", "either", "party", "parties", "notice", "into", "force"),
        *("years", "months", "is", "are", "from", "until", "which", "there", "no", "not"),
        *("does", "apply", "renewal", "automatic", "term", "days", "written", "effective"),
    }
)
_NB_WORDS = frozenset(
    {
        *("og", "av", "skal", "avtalen", "kontrakten", "med", "er", "til", "fra", "ikke"),
        *("måneder", "år", "som", "den", "det", "på", "i", "gjelder", "ved", "opsjon"),
        *("eller", "senest", "før"),
    }
)
_WORD = re.compile(r"[a-zæøå]+")


def is_english(text: str) -> bool:
    """Whether a sentence reads as English rather than Norwegian."""
    words = _WORD.findall(text.lower())
    english = sum(w in _EN_WORDS for w in words)
    norwegian = sum(w in _NB_WORDS for w in words)
    return english >= 2 and english > norwegian


def english_dates(text: str) -> str:
    """ "3 March 2025" and "March 3, 2025" as Norwegian dates; nothing else changes."""
    text = re.sub(
        rf"\b({_EN_MONTH})\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})\b",
        lambda m: f"{m.group(2)}. {_EN_MONTHS[m.group(1).lower()]} {m.group(3)}",
        text,
        flags=_F,
    )
    return re.sub(
        rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+({_EN_MONTH})\s+(\d{{4}})\b",
        lambda m: f"{m.group(1)}. {_EN_MONTHS[m.group(2).lower()]} {m.group(3)}",
        text,
        flags=_F,
    )


def _apply(rules: Sequence[tuple[str, str]], text: str) -> str:
    for pattern, replacement in rules:
        text = re.sub(pattern, replacement, text, flags=_F)
    return text


def to_bokmal(sentence: str) -> str:
    """The sentence in the bokmål words the term patterns read (for matching only)."""
    if is_english(sentence):
        text = english_dates(sentence)
        text = re.sub(
            rf"\b({_EN_NUMBER})\b", lambda m: _EN_NUMBERS[m.group(1).lower()], text, flags=_F
        )
        return re.sub(r"\s{2,}", " ", _apply(_ENGLISH, text))
    return _apply(_NYNORSK, sentence)
