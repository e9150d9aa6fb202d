"""Rule-based flags on supplier text: passages marked as business secrets, and passages that
try to instruct an AI. Both are decided by these rules alone, whatever engine summarises,
so no model can talk its way past them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from skills.documents.text import Passage
from skills.i18n import Lang, tr
from skills.supplier_input.model import Point, SourceDocument

# Marks a supplier puts on a business secret, as people write them. Left out on purpose:
# "fortrolig med" (familiar with), "deles opp/i" (splitting a contract into lots),
# "sensitive personopplysninger" (a requirement about pupils' data, not a mark) and
# "ikke offentlig" inside a sentence ("ikke offentlig eid").
CONFIDENTIAL = re.compile(
    r"forretningshemmelig|konfidensiel|\bfortrolig\w*\b(?!\s+med\b)|"
    r"unnt(?:att|as|ak\w*)\s+(?:fra\s+)?(?:offentlighet|innsyn)|"
    r"(?:offentleglova|offl\.?|forvaltningsloven|fvl\.?)\s*§\s*13\b|"
    r"taushetsbelag|taushetsplikt|underlagt\s+taushet|hemmelighold|"
    r"\bikke\s+(?:bli\s+)?deles\s+med\b|"
    r"\bikke\s+(?:bli\s+)?(?:videreformidle|videresend|offentliggjør|publiser)\w*|"
    r"\bikke\s+(?:for|til)\s+(?:offentliggjøring|publisering|videreformidling)|"
    r"^\W*ikke\s+offentlig\b|"
    r"\bsensitive\s+(?:forretnings)?opplysninger\b(?!\s+om\b)|forretningssensitiv|"
    r"\bconfidential\b|business\s+secret|trade\s+secret|commercially\s+sensitive|"
    r"\b(?:do\s+)?not\s+(?:to\s+be\s+)?(?:disclose|publish|share|distribute)|"
    r"\bnot\s+for\s+(?:publication|disclosure|distribution)|exempt\s+from\s+(?:public\s+)?disclosure",
    re.IGNORECASE,
)
# A mark that points back at the passage before it ("Opplysningene ovenfor er ...").
_POINTS_BACK = re.compile(
    r"\b(?:ovenfor|ovennevnte|foregående|forrige\s+avsnitt|(?:avsnitt(?:et|ene)?|"
    r"opplysningene|informasjonen|tallene|punkt(?:et|ene)?|setning(?:en|ene)?|avsnitta|"
    r"opplysningane)\s+(?:over|ovanfor|her\s+over)|above|preceding|previous)\b",
    re.IGNORECASE,
)
# How many passages back such a mark reaches: "de to avsnittene over" is two; a plural
# without a number is taken as the whole run of passages since the last heading.
_HOW_MANY = re.compile(
    r"\b(?:de\s+|dei\s+|the\s+)?(to|tre|fire|fem|two|three|four|five|\d)\s+"
    r"(?:avsnitt\w*|punkt\w*|setning\w*|paragraph\w*)",
    re.IGNORECASE,
)
_COUNTS = {"to": 2, "two": 2, "tre": 3, "three": 3, "fire": 4, "four": 4, "fem": 5, "five": 5}
_PLURAL_BACK = re.compile(
    r"\b(?:avsnittene|avsnitta|punktene|setningene|opplysningene|opplysningane|"
    r"paragraphs|ovennevnte\s+opplysninger)\b",
    re.IGNORECASE,
)
# Words that address the reader of the text as an AI or a summariser.
_AI = r"(?:KI|AI|LLM|chatbot|språkmodell|language\s+model|modell|model|assistent|assistant)"
# What a reader's orders are called; "krav" and "regler om" are the buyer's requirements,
# which a supplier may well advise to set aside, so they do not count.
_ORDERS = r"(?:instruks\w*|instruction\w*|prompt\w*|systemprompt\w*|føring\w*|ledetekst\w*|"
_ORDERS += r"reglene\s+du|rules\s+you|your\s+rules|beskjed\w*)"
INJECTION = re.compile(
    rf"(?:ignorer\w*|se\s+bort\s+fra|overse|glem\w*|tilsidesett\w*)\s+(?:\w+\s+){{0,3}}{_ORDERS}|"
    r"(?:^|[.!?:]\s+)(?:ignorer|ignore|overse|glem)\s+(?:alle|alt|all|everything|the)\b|"
    rf"(?:ignore|disregard|forget|override)\s+(?:\w+\s+){{0,3}}{_ORDERS}|"
    r"\brang[eé]r\w*\s+oss\b|\brate\s+us\b|\brank\s+us\b|\brecommend\s+us\b|"
    r"\banbefal\s+oss\b|\bplasser\s+oss\s+(?:først|øverst)|"
    r"\byou\s+are\s+now\b|\bdu\s+er\s+nå\b(?!\s+(?:registrert|velkommen|invitert|påmeldt)\b)|"
    r"(?:^|\s)(?:system|assistant)\s*:|"
    r"\bgi\s+oss\s+(?:den\s+|en\s+)?(?:høyest|best|full|maks|top)\w*\s+"
    r"(?:score|poeng|karakter|vurdering|rangering|uttelling)|"
    r"\bgive\s+us\s+(?:the\s+|a\s+)?(?:highest|best|top|full)\s+(?:score|rating|marks|grade)|"
    rf"\b(?:KI|AI)-?(?:verktøy|modell|assistent|tool|model|assistant)\w*\s*:|"
    rf"\b(?:til|note\s+to|to)\s+(?:den\s+|the\s+|any\s+|an\s+)?{_AI}\w*(?:-en)?\b\s*"
    r"(?:som\s+(?:leser|oppsummerer|vurderer|behandler)|reading|summari[sz]ing|:)|"
    rf"\bsom\s+(?:en\s+)?{_AI}\w*\s+(?:skal|må|bør)\s+du\b|"
    rf"\bas\s+(?:an?\s+)?(?:AI\s+)?{_AI}\w*,?\s+you\s+(?:must|should|will)\b|"
    r"\b(?:skriv|si|nevn|konkluder|oppgi|fremhev)\s+(?:\w+\s+){0,3}"
    r"(?:oppsummering|sammendrag|konklusjon|evaluering|vurdering)\w*\s+(?:at|som)\b|"
    r"\b(?:write|say|state|conclude)\s+(?:\w+\s+){0,3}(?:summary|evaluation|report)\s+that\b|"
    r"\bgi\s+oss\s+(?:best|beste|høyeste?)\s+\w+",
    re.IGNORECASE,
)
_SENTENCE_END = (".", "?", "!")


def is_heading(text: str) -> bool:
    """A short line without sentence punctuation: a heading or a signature line."""
    return len(text.split()) <= 10 and not text.rstrip().endswith((*_SENTENCE_END, ":"))


@dataclass(frozen=True)
class PassageFlags:
    confidential: frozenset[int]  # indexes into the document's passages
    injection: frozenset[int]

    def usable(self, index: int) -> bool:
        return index not in self.confidential and index not in self.injection


def flag_document(document: SourceDocument) -> PassageFlags:
    """Marked passages, and the passages of a section whose heading (or lead-in ending
    with a colon) carries the mark."""
    confidential: set[int] = set()
    injection: set[int] = set()
    in_marked_section = False
    for index, passage in enumerate(document.passages):
        text = passage.text
        marked = bool(CONFIDENTIAL.search(text))
        heading = is_heading(text)
        if heading and not marked:
            in_marked_section = False
        if marked or in_marked_section:
            confidential.add(index)
        if marked and (heading or text.rstrip().endswith(":")):
            in_marked_section = True
        points_back = marked and index > 0 and bool(_POINTS_BACK.search(text))
        if points_back:
            confidential.update(_marked_back(document, index, text))
        if INJECTION.search(text):
            injection.add(index)
    return PassageFlags(frozenset(confidential), frozenset(injection))


def _marked_back(document: SourceDocument, index: int, text: str) -> set[int]:
    """The passages a backward mark covers: one, the number it names ("de to avsnittene
    over"), or, for a plural without a number, every passage back to the last heading.
    When in doubt more is withheld, never less."""
    counted = _HOW_MANY.search(text)
    if counted:
        word = counted.group(1).lower()
        reach = int(word) if word.isdigit() else _COUNTS.get(word, 2)
    elif _PLURAL_BACK.search(text):
        reach = index
    else:
        reach = 1
    covered: set[int] = set()
    for back in range(index - 1, max(-1, index - 1 - reach), -1):
        if is_heading(document.passages[back].text):
            break
        covered.add(back)
    return covered


def confidential_note(lang: Lang) -> str:
    return tr(
        lang, "Marked as a business secret or confidential – the text is kept out of the summary"
    )


def injection_note(lang: Lang) -> str:
    return tr(
        lang, "The text tries to instruct an AI or the summariser – not followed and not reproduced"
    )


def flag_points(
    documents: list[SourceDocument], flags: list[PassageFlags], lang: Lang
) -> tuple[tuple[Point, ...], tuple[Point, ...]]:
    """One note per flagged passage, with its source; never the passage's text."""
    confidential: list[Point] = []
    injection: list[Point] = []
    for document, found in zip(documents, flags, strict=True):
        for index in sorted(found.confidential):
            ref = document.ref(document.passages[index])
            confidential.append(Point(confidential_note(lang), (ref,)))
        for index in sorted(found.injection):
            ref = document.ref(document.passages[index])
            injection.append(Point(injection_note(lang), (ref,)))
    return tuple(confidential), tuple(injection)


def passage_exists(document: SourceDocument, page: int | None, paragraph: int) -> Passage | None:
    return next((p for p in document.passages if p.page == page and p.paragraph == paragraph), None)
