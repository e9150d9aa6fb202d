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

_CARDINALS_NO: dict[str, int] = {
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
}
_ORDINALS_NO: dict[str, int] = {
    "første": 1,
    "tredje": 3,
    "fjerde": 4,
    "femte": 5,
    "sjette": 6,
    "sjuende": 7,
    "åttende": 8,
    "niende": 9,
    "tiende": 10,
    "ellevte": 11,
    "tolvte": 12,
    "trettende": 13,
    "fjortende": 14,
    "femtende": 15,
    "sekstende": 16,
    "syttende": 17,
    "attende": 18,
    "nittende": 19,
    "tjuende": 20,
    "tjueførste": 21,
    "tjueandre": 22,
    "tjuetredje": 23,
    "tjuefjerde": 24,
    "tjuefemte": 25,
    "tjuesjette": 26,
    "tjuesjuende": 27,
    "tjueåttende": 28,
    "tjueniende": 29,
    "trettiende": 30,
    "trettiførste": 31,
}
_NUMBER_WORDS_NO = _CARDINALS_NO | _ORDINALS_NO
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
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
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
# Counted things: a number word before one of these states a fact ("tre møter", "sixty
# suppliers"); elsewhere it is usually something else ("møbler i tre", "the second").
_UNITS = frozenset(
    [
        "millioner",
        "mill",
        "mnok",
        "mrd",
        "millionar",
        "million",
        "milliarder",
        "milliardar",
        "milliard",
        "tusen",
        "hundre",
        "kroner",
        "kr",
        "nok",
        "prosent",
        "dager",
        "dagar",
        "uker",
        "veker",
        "måneder",
        "månader",
        "år",
        "timer",
        "timar",
        "minutter",
        "minutt",
        "møter",
        "leverandører",
        "leverandørar",
        "deltakere",
        "deltakarar",
        "plasser",
        "skoler",
        "skular",
        "skoler",
        "delkontrakter",
        "delkontraktar",
        "runder",
        "rundar",
        "gonger",
        "ganger",
        "millions",
        "billion",
        "thousand",
        "hundred",
        "percent",
        "days",
        "weeks",
        "months",
        "years",
        "hours",
        "minutes",
        "meetings",
        "suppliers",
        "participants",
        "places",
        "schools",
        "lots",
        "rounds",
        "times",
        "crowns",
    ]
)
# The parts of a number written as one word ("tjuefem"), taken from the words above.
_TENS_NO = {w: v for w, v in _CARDINALS_NO.items() if v in range(20, 100, 10) and w != "tyve"}
_ONES_NO = {w: v for w, v in _CARDINALS_NO.items() if 2 <= v <= 9} | {
    "en": 1,
    "ein": 1,
}
_DOMAIN = re.compile(
    r"(?<![@\w.])(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,12}\b"
    r"|\b[a-z0-9-]{3,}\s+\.\s+(?:no|com|org|net|eu|se|dk)\b"
    r"|\b[a-z0-9-]{3,}\s+(?:punktum|dot|prikk)\s+(?:no|com|org|net|eu|se|dk)\b",
    re.IGNORECASE,
)
# Not web addresses: file names, and the public sites every invitation may name.
_FILE_SUFFIXES = frozenset(
    [
        "docx",
        "doc",
        "pdf",
        "xlsx",
        "xls",
        "csv",
        "txt",
        "xml",
        "zip",
        "png",
        "jpg",
        "jpeg",
        "pptx",
        "odt",
    ]
)
_PUBLIC_SITES = frozenset(("doffin.no", "anskaffelser.no", "lovdata.no", "ted.europa.eu"))
# "f.eks." and "bl.a." look like domains: labels of one or two letters are abbreviations.
_ABBREVIATION = re.compile(r"^(?:[a-zæøå]{1,3}\.)+[a-zæøå]{1,3}$", re.IGNORECASE)
_DISGUISED_ADDRESS = re.compile(
    r"\w\s*[\(\[\{<]\s*(?:at|krøllalfa|alfakrøll)\s*[\)\]\}>]\s*\w"
    r"|\b\w+\s+(?:krøllalfa|alfakrøll)\s+\w+"
    r"|\b\w+\s+at\s+\w+\s+dot\s+\w+",
    re.IGNORECASE,
)
_PARTICIPANTS = (
    r"(?:deltakere|deltakarar|deltakerne|deltakarane|leverandører\s+som\s+deltar|"
    r"leverandørar\s+som\s+deltek|de\s+som\s+deltar|dei\s+som\s+deltek|"
    r"participants|suppliers\s+who\s+take\s+part|those\s+who\s+take\s+part)"
)
_UNFAIR = re.compile(
    r"""
    \bfortrinn\b | \bfortrinnsrett | \bforsprang | \bbonuspoeng
    | \bstill\w*\s+sterkere\s+i\s+(?:den\s+)?(?:\w+\s+)?konkurransen
    | \bfordel\w*\s+i\s+(?:den\s+)?(?:senere\s+|kommende\s+|påfølgende\s+|seinare\s+)?
        (?:konkurransen|anbudskonkurransen|anskaffelsen|anskaffinga)
    | \bforbeholdt\s+(?:norske|lokale|regionale)
    | \b(?:uten|utan)\s+norsk\s+(?:organisasjonsnummer|org\.?\s*nr)
    | """
    + _PARTICIPANTS
    + r"""\s+(?:\w+\s+){0,4}(?:får|gis|vert\s+gitt|vil\s+få|blir|vert|vil\s+bli)\s+
        (?:en\s+|ein\s+)?(?:fordel|fordelar|fordeler|prioritet|ekstra\s+poeng|prioritert|
        foretrukket|føretrekt|favorisert)
    | (?<!ikke\s)(?<!ikkje\s)\b(?:kun|bare|berre)\s+(?:norske\s+|lokale\s+|regionale\s+)?
        (?:leverandører|leverandørar|tilbydere|tilbydarar|firma|firmaer|bedrifter|selskap|aktører)
    | \bmå\s+(?:være|vere)\s+(?:registrert|etablert|lokalisert)\s+i\s+(?:norge|noreg|fylket)
    | \butenlandske\s+leverandører\s+(?:kan|får)\s+ikke
    | """
    + _PARTICIPANTS
    + r"""\s+(?:\w+\s+){0,4}(?:get|gets|gain|gains|receive|receives|will\s+be\s+given|
        are\s+given|will\s+be)\s+(?:an?\s+|any\s+)?(?:advantage|preference|head\s+start|
        priority|bonus\s+points?|edge|favoured|favored|preferred|prioriti[sz]ed)
    | \b(?:advantage|preference|head\s+start|edge)\s+in\s+the\s+(?:\w+\s+)?
        (?:competition|tender|procurement|award)
    | \bcount\s+in\s+(?:your|their)\s+favou?r
    | \bwithout\s+a\s+norwegian\s+(?:organi[sz]ation|company|business)\s+number
    | \breserved\s+for\s+(?:norwegian|local|regional)
    | \bpreferential\s+treatment
    | \bonly\s+(?:norwegian\s+|local\s+|regional\s+)?(?:suppliers|companies|firms|bidders)\b
    | \b(?:limited|restricted)\s+to\s+(?:norwegian\s+|local\s+)?(?:suppliers|companies|firms)
    | \b(?:must|need\s+to)\s+be\s+(?:registered|established|based|located)\s+in\s+
        (?:norway|the\s+county)
    """,
    re.IGNORECASE | re.VERBOSE,
)


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


def _counted(text: str, table: dict[str, int]) -> set[int]:
    """Values of number words that count something ("femten millioner" gives 15000000,
    "tjuefem dager" 25, "sixty suppliers" 60), and ordinals before a month."""
    tokens = [t.lower() for t in _TOKEN.findall(text)]
    found: set[int] = set()
    for i, token in enumerate(tokens):
        value = table.get(token)
        if value is None and table is _NUMBER_WORDS_NO:
            value = _compound_no(token)
        if value is None:
            continue
        following = tokens[i + 1] if i + 1 < len(tokens) else ""
        if following in _UNITS or following in _MONTHS["no"] or following in _MONTHS["en"]:
            scale = {
                "millioner": 10**6,
                "millionar": 10**6,
                "million": 10**6,
                "millions": 10**6,
                "milliarder": 10**9,
                "milliardar": 10**9,
                "milliard": 10**9,
                "billion": 10**9,
                "tusen": 1000,
                "thousand": 1000,
            }
            if following in scale and value not in (10**6, 10**9, 1000):
                found.add(value * scale[following])
            else:
                found.add(value)
    return found


def _compound_no(token: str) -> int | None:
    """Norwegian numbers written as one word: "tjuefem" is 25."""
    for tens, ten_value in _TENS_NO.items():
        if token.startswith(tens) and token[len(tens) :] in _ONES_NO:
            return ten_value + _ONES_NO[token[len(tens) :]]
    return None


def _dates_in_words(text: str, lang: str) -> set[tuple[int, int]]:
    """(day, month) pairs written with a month name: "1. desember", "første desember"."""
    months = _MONTHS[lang]
    numbers = _NUMBER_WORDS[lang]
    tokens = [t.lower() for t in _TOKEN.findall(text)]
    found: set[tuple[int, int]] = set()
    for i, token in enumerate(tokens[1:], start=1):
        if token in months:
            before = tokens[i - 1]
            day = int(before) if before.isdigit() else numbers.get(before)
            found.add((day or 0, months[token]))
    return found


def _fact_dates(facts: str) -> set[tuple[int, int]]:
    dates = {(int(d), int(m)) for _, m, d in re.findall(r"(\d{4})-(\d{2})-(\d{2})", facts)}
    dates |= {(int(d), int(m)) for d, m in re.findall(r"\b(\d{1,2})\.(\d{1,2})\.", facts)}
    return dates


def meaning_problem(
    text: str, facts: str, language: Detected, facts_language: Detected = "no"
) -> str | None:
    """Why a text in `language` may not be used, given the facts (in `facts_language`)
    it may state, or None."""
    known = facts.lower()
    lang = "en" if language == "en" else "no"
    facts_lang = "en" if facts_language == "en" else "no"
    fact_numbers = _digit_values(facts) | _counted(facts, _NUMBER_WORDS[facts_lang])
    if not _counted(text, _NUMBER_WORDS[lang]) <= fact_numbers:
        return "a number in words that the form does not hold"
    fact_dates = _fact_dates(facts) | _dates_in_words(facts, facts_lang)
    fact_months = {m for _, m in fact_dates}
    for day, month in _dates_in_words(text, lang):
        if (day and (day, month) not in fact_dates) or month not in fact_months:
            return "a date in words that the form does not hold"
    for match in _DOMAIN.finditer(text):
        found_domain = match.group(0).lower()
        if _ABBREVIATION.match(found_domain) or found_domain in _PUBLIC_SITES:
            continue
        if found_domain.rsplit(".", 1)[-1] in _FILE_SUFFIXES:
            continue
        if found_domain not in known and found_domain.replace(" ", "") not in known:
            return "a web address that the form does not hold"
    if _DISGUISED_ADDRESS.search(text):
        return "a disguised e-mail address"
    if _UNFAIR.search(text):
        return "promises an advantage or limits who may take part"
    found = detect(text)
    if found not in ("", language):
        return f"written in the wrong language ({found})"
    return None


def translation_problem(source: str, text: str) -> str | None:
    """A translation identical to its source (beyond a name or a code) is none, nor is
    one with letters English does not use that its source lacks (German ä, ö, ü, ß)."""
    same = " ".join(text.split()).casefold() == " ".join(source.split()).casefold()
    if same and len(_TOKEN.findall(source)) >= 3:
        return "identical to the Norwegian source"
    if set("äöüß") & (set(text.lower()) - set(source.lower())):
        return "written in the wrong language (de)"
    return meaning_problem(text, source, "en", facts_language="no")
