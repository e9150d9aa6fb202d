"""What a model's invitation prose or translation may not say, checked for meaning.

Digits, e-mail addresses and links are checked in `prose.brings_new_facts`; a model
finds other ways to bring in a fact: numbers and dates in words ("femten millioner",
"første mars"), bare domains ("stolbord.no"), disguised addresses ("ola (at) firma.no").
And some sentences are wrong in any official invitation whatever the facts: promising
participants an advantage in the competition, or limiting who may take part (a market
dialogue must not distort competition or breach equal treatment). Finally the text must
be in the expected language: bokmål or nynorsk for the invitation, English for the
translation, and a translation identical to its source is no translation.
"""

from __future__ import annotations

import re

from skills.language import Detected, detect

_NUMBER_WORDS_NO: dict[str, int] = {
    # bokmål and nynorsk; "en/ett/ei" and "andre" are left out: articles and "others".
    "to": 2,
    "tre": 3,
    "fire": 4,
    "fem": 5,
    "seks": 6,
    "sju": 7,
    "syv": 7,
    "åtte": 8,
    "ni": 9,
    "ti": 10,
    "elleve": 11,
    "tolv": 12,
    "tretten": 13,
    "fjorten": 14,
    "femten": 15,
    "seksten": 16,
    "sytten": 17,
    "atten": 18,
    "nitten": 19,
    "tjue": 20,
    "tyve": 20,
    "tretti": 30,
    "førti": 40,
    "femti": 50,
    "seksti": 60,
    "sytti": 70,
    "åtti": 80,
    "nitti": 90,
    "hundre": 100,
    "tusen": 1000,
    "million": 10**6,
    "millioner": 10**6,
    "millionar": 10**6,
    "milliard": 10**9,
    "milliarder": 10**9,
    "milliardar": 10**9,
    "første": 1,
    "tredje": 3,
    "fjerde": 4,
    "femte": 5,
    "sjette": 6,
    "sjuende": 7,
    "åttende": 8,
    "niende": 9,
    "tiende": 10,
}
_NUMBER_WORDS_EN: dict[str, int] = {
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "fifteen": 15,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "hundred": 100,
    "thousand": 1000,
    "million": 10**6,
    "millions": 10**6,
    "billion": 10**9,
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "fifth": 5,
}
_MONTH_NAMES_NO = (
    "januar februar mars april mai juni juli august september oktober november desember"
)
# "may" is left out: in English it is mostly the verb.
_MONTH_NAMES_EN = (
    "january february march april - june july august september october november december"
)
_MONTHS: dict[str, dict[str, int]] = {
    lang: {name: n for n, name in enumerate(names.split(), start=1) if name != "-"}
    for lang, names in (("no", _MONTH_NAMES_NO), ("en", _MONTH_NAMES_EN))
}
_NUMBER_WORDS = {"no": _NUMBER_WORDS_NO, "en": _NUMBER_WORDS_EN}
_TOKEN = re.compile(r"[a-zæøåäöü]+|\d+", re.IGNORECASE)
_DOMAIN = re.compile(
    r"(?<![@\w.])(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+"
    r"(?:no|com|org|net|eu|se|dk|fi|de|uk|io|info|biz|app|online|as)\b",
    re.IGNORECASE,
)
_DISGUISED_ADDRESS = re.compile(
    r"\w\s*[\(\[\{<]\s*(?:at|krøllalfa|alfakrøll|a)\s*[\)\]\}>]\s*\w"
    r"|\b\w+\s+(?:at|krøllalfa)\s+\w+\s+(?:dot|punktum|prikk)\s+\w+",
    re.IGNORECASE,
)
_UNFAIR = re.compile(
    r"""
    \bfortrinn | \bfortrinnsrett | \bforsprang | \bbonuspoeng
    | \b(?:får|gis|gjev|gir|vil\s+få)\s+(?:en\s+)?
        (?:fordel|fordelar|fordeler|prioritet|ekstra\s+poeng)
    | \b(?:blir|vert|vil\s+bli)\s+(?:prioritert|foretrukket|føretrekt|favorisert)
    | \b(?:kun|bare|berre)\s+(?:norske\s+)?(?:leverandører|leverandørar|leverandører\s+som|
        leverandørar\s+som|tilbydere|selskap)
    | \bmå\s+(?:være|vere)\s+(?:registrert|etablert|lokalisert)\s+i\s+(?:norge|noreg|fylket)
    | \butenlandske\s+leverandører\s+(?:kan|får)\s+ikke
    | \b(?:get|gets|gain|gains|receive|receives|be\s+given|are\s+given)\s+(?:an?\s+|any\s+)?
        (?:advantage|preference|head\s+start|priority|bonus\s+points?)
    | \b(?:advantage|preference|head\s+start)\s+in\s+the\s+(?:competition|tender|procurement)
    | \bpreferential\s+treatment
    | \bonly\s+(?:norwegian\s+)?(?:suppliers|companies|firms|bidders)\b
    | \b(?:must|need\s+to)\s+be\s+(?:registered|established|based|located)\s+in\s+
        (?:norway|the\s+county)
    | \bwill\s+be\s+(?:favoured|favored|preferred|prioritised|prioritized)
    """,
    re.IGNORECASE | re.VERBOSE,
)


def _words(text: str, table: dict[str, int]) -> set[int]:
    return {table[t] for t in _TOKEN.findall(text.lower()) if t in table}


def _digit_values(facts: str) -> set[int]:
    """Every number in the facts, whole and grouped (`12 000 000` gives 12000000, 12 and
    0), and each amount's leading part in millions and thousands, so "12 millioner"
    matches 12000000."""
    values: set[int] = set()
    for match in re.findall(r"\d[\d \u00a0.]*\d|\d", facts):
        whole = re.sub(r"\D", "", match)
        if whole:
            number = int(whole)
            values.add(number)
            for unit in (10**9, 10**6, 1000, 100):
                if number >= unit and number % unit == 0:
                    values.update({number // unit, unit})
        values.update(int(part) for part in re.findall(r"\d+", match))
    return values


def meaning_problem(
    text: str, facts: str, language: Detected, facts_language: Detected = "no"
) -> str | None:
    """Why a text in `language` may not be used, given the facts (in `facts_language`)
    it may state, or None."""
    known = facts.lower()
    lang = "en" if language == "en" else "no"
    fact_numbers = _digit_values(facts) | _words(facts, _NUMBER_WORDS[facts_language or "no"])
    if not _words(text, _NUMBER_WORDS[lang]) <= fact_numbers:
        return "a number in words that the form does not hold"
    fact_months = _words(facts, _MONTHS[facts_language or "no"]) | _month_numbers(facts)
    if not _words(text, _MONTHS[lang]) <= fact_months:
        return "a date in words that the form does not hold"
    for match in _DOMAIN.finditer(text):
        if match.group(0).lower() not in known:
            return "a web address that the form does not hold"
    if _DISGUISED_ADDRESS.search(text):
        return "a disguised e-mail address"
    if _UNFAIR.search(text):
        return "promises an advantage or limits who may take part"
    found = detect(text)
    if found not in ("", language):
        return f"written in the wrong language ({found})"
    return None


def _month_numbers(facts: str) -> set[int]:
    """Months the facts name in digits: `2027-03-01` and `1.3.` both give March."""
    months = {int(m) for m in re.findall(r"\d{4}-(\d{2})-\d{2}", facts)}
    months |= {int(m) for m in re.findall(r"\b\d{1,2}\.(\d{1,2})\.", facts)}
    return {m for m in months if 1 <= m <= 12}


def translation_problem(source: str, text: str) -> str | None:
    """A translation identical to its source (beyond a name or a code) is none."""
    same = " ".join(text.split()).casefold() == " ".join(source.split()).casefold()
    if same and len(_TOKEN.findall(source)) >= 3:
        return "identical to the Norwegian source"
    return meaning_problem(text, source, "en", facts_language="no")
