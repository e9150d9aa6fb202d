"""Find a contract's terms in its own Norwegian wording, and say where each was found.

Contract text is data: it is only matched against fixed patterns, never followed.
The patterns are deliberately narrow (a number must sit next to the words that give
it meaning: "avtalen gjelder i", "opsjon på", "senest … før", "oppsigelsestid"), so
that a payment term of 30 days or a two-year warranty is never read as the contract
period. Every value keeps the sentence it came from and its page/paragraph, because a
person confirms each value against the document before the register changes.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from datetime import date
from typing import Protocol

from skills.contracts.calendar import add_months

# Register columns the extractor can propose, plus the term length, which the register
# has no column for (it shows as the end date once a start date is known).
FIELDS = (
    "start",
    "slutt",
    "varighet_mnd",
    "opsjoner",
    "opsjon_varsel_mnd",
    "fornyes_automatisk",
    "oppsigelse_mnd",
)
REGISTER_FIELDS = tuple(f for f in FIELDS if f != "varighet_mnd")


class PassageLike(Protocol):
    @property
    def text(self) -> str: ...

    @property
    def page(self) -> int | None: ...

    @property
    def paragraph(self) -> int: ...


@dataclass(frozen=True)
class Evidence:
    quote: str
    page: int | None
    paragraph: int
    document: str = ""


@dataclass(frozen=True)
class Finding:
    field: str
    value: str  # in the register's syntax: ISO date, "1+1", "6m+6m", "3", "ja"; "" = none
    evidence: Evidence


@dataclass(frozen=True)
class TermProposal:
    findings: tuple[Finding, ...] = ()

    def get(self, field: str) -> Finding | None:
        return next((f for f in self.findings if f.field == field), None)

    def value(self, field: str) -> str | None:
        found = self.get(field)
        return None if found is None else found.value

    def in_document(self, name: str) -> TermProposal:
        return TermProposal(
            tuple(replace(f, evidence=replace(f.evidence, document=name)) for f in self.findings)
        )


# --- numbers, units and dates --------------------------------------------------------------

_WORDS = {
    "én": 1, "en": 1, "ett": 1, "et": 1, "to": 2, "tre": 3, "fire": 4, "fem": 5,
    "seks": 6, "sju": 7, "syv": 7, "åtte": 8, "ni": 9, "ti": 10, "elleve": 11, "tolv": 12,
    "atten": 18, "tjuefire": 24, "tjue": 20, "trettiseks": 36, "tretti": 30,
    "førtiåtte": 48,
}  # fmt: skip
_WORD_ALT = "|".join(sorted(_WORDS, key=len, reverse=True))
# "to (2)" is common in contracts; the digits in brackets are what counts.
NUM = rf"(?:\d{{1,3}}|\b(?:{_WORD_ALT})\b)(?:\s*\(\s*\d{{1,3}}\s*\))?"
_YEAR = r"år(?:s|et)?"
_MONTH = r"(?:måned(?:er|ers|s)?|mnd\.?|md\.?)"
UNIT = rf"(?:{_YEAR}|{_MONTH})(?![a-zæøå])"
UNIT_ANY = rf"(?:{_YEAR}|{_MONTH}|dag(?:er|ers|s)?|uke(?:r|rs|s)?)(?![a-zæøå])"
_MONTHS = [
    *("januar", "februar", "mars", "april", "mai", "juni"),
    *("juli", "august", "september", "oktober", "november", "desember"),
]
DATE = (
    r"(?:\d{1,2}\.\s?\d{1,2}\.\s?\d{4}|\d{4}-\d{2}-\d{2}|"
    rf"\d{{1,2}}\.?\s+(?:{'|'.join(_MONTHS)})\s+\d{{4}})"
)


def number(text: str) -> int:
    """`3`, `tre`, `tre (3)` -> 3."""
    bracket = re.search(r"\(\s*(\d{1,3})\s*\)", text)
    if bracket:
        return int(bracket.group(1))
    raw = text.strip().lower()
    return int(raw) if raw.isdigit() else _WORDS[raw]


def months_of(amount: int, unit: str) -> int | None:
    """A length in months; days and weeks only when they are whole months (90 days)."""
    u = unit.lower()
    if u.startswith("år"):
        return amount * 12
    if u.startswith(("mån", "mnd", "md")):
        return amount
    days = amount * (7 if u.startswith("uke") else 1)
    return days // 30 if days % 30 == 0 else None


def parse_text_date(text: str) -> date | None:
    raw = text.strip().lower()
    iso = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", raw)
    dotted = re.fullmatch(r"(\d{1,2})\.\s?(\d{1,2})\.\s?(\d{4})", raw)
    named = re.fullmatch(r"(\d{1,2})\.?\s+([a-zæøå]+)\s+(\d{4})", raw)
    try:
        if iso:
            return date(int(iso.group(1)), int(iso.group(2)), int(iso.group(3)))
        if dotted:
            return date(int(dotted.group(3)), int(dotted.group(2)), int(dotted.group(1)))
        if named and named.group(2) in _MONTHS:
            month = _MONTHS.index(named.group(2)) + 1
            return date(int(named.group(3)), month, int(named.group(1)))
    except ValueError:
        return None
    return None


def format_options(months: Iterable[int]) -> str:
    """Option lengths in the register's syntax: whole years as `1+1`, else `6m+6m`."""
    values = tuple(months)
    if all(m % 12 == 0 for m in values):
        return "+".join(str(m // 12) for m in values)
    return "+".join(f"{m}m" for m in values)


def end_from_term(start: date, months: int) -> date:
    """A period of N months from a start date ends the day before the same date N months on."""
    return date.fromordinal(add_months(start, months).toordinal() - 1)


# --- sentences -------------------------------------------------------------------------------

_ABBREVIATIONS = {"nr", "jf", "ca", "pkt", "kap", "mv", "dvs", "evt", "inkl", "ekskl", "iht"}
_BREAK = re.compile(r"(?<=[.!?;])\s+")


def sentences(text: str) -> Iterator[str]:
    """Split at sentence ends, but not after known abbreviations ("org.nr.", "jf.") or
    before a lower-case word (an ordinal as in "1. mars", or an unknown abbreviation)."""
    current = ""
    for chunk in _BREAK.split(text):
        if current:
            last = current.rstrip(".!?;").split()[-1].lower() if current.split() else ""
            tail = last.split(".")[-1]
            if tail in _ABBREVIATIONS or chunk[:1].islower():
                current = f"{current} {chunk}"
                continue
            yield current.strip()
        current = chunk
    if current.strip():
        yield current.strip()


# --- patterns --------------------------------------------------------------------------------

_F = re.IGNORECASE
_SUBJECT = (
    r"(?:ramme)?(?:avtale(?:n|ns|perioden|periode|tiden|tid)?|"
    r"kontrakt(?:en|ens|sperioden|speriode|stiden|stid)?)"
)
_VERB = (
    r"(?:gjelder|varer|løper|inngås|inngått|er|"
    r"har\s+en\s+(?:varighet|løpetid)\s+på|(?:varighet|løpetid)(?:en)?\s+(?:er|på))"
)
_FILLER = r"(?:i|for|på|en|periode|et|tidsrom|inntil|totalt|fast|med|varighet)"
_TERM = re.compile(
    rf"(?<![a-zæøå])(?P<subj>{_SUBJECT})\b(?:\s+[a-zæøå]+){{0,2}}?\s+{_VERB}"
    rf"(?:\s+{_FILLER})*\s+(?P<n>{NUM})\s*(?P<u>{UNIT})(?!\s+(?:før|etter|varsel))",
    _F,
)
# "tolv måneders varighet", "en varighet på 24 måneder" after the subject.
_TERM_BEFORE = re.compile(
    rf"(?<![a-zæøå]){_SUBJECT}\b(?:\s+[a-zæøå]+){{0,2}}?\s+(?:en\s+)?(?P<n>{NUM})\s*"
    rf"(?P<u>{UNIT})s?\s+(?:varighet|løpetid)",
    _F,
)
_PREPOSITIONS = {"for", "av", "i", "om", "etter", "ved", "til", "under"}
_PERIOD_CONTEXT = re.compile(rf"(?<![a-zæøå]){_SUBJECT}\b|trer\s+i\s+kraft|ikrafttred", _F)
_RANGE = re.compile(
    rf"(?:fra(?:\s+og\s+med)?\s+)?(?P<a>{DATE})\s*(?:til(?:\s+og\s+med)?|t\.o\.m\.|[–—-])\s*"
    rf"(?P<b>{DATE})",
    _F,
)
_START = re.compile(
    rf"(?:fra(?:\s+og\s+med)?|f\.o\.m\.|trer\s+i\s+kraft(?:\s+(?:den|fra))?|"
    rf"med\s+virkning\s+fra|ikrafttredelse(?:sdato)?(?:\s+er)?)\s+(?P<a>{DATE})",
    _F,
)
_END = re.compile(
    rf"(?:til\s+og\s+med|t\.o\.m\.|utløper(?:\s+den)?|opphører(?:\s+den)?|"
    rf"avsluttes(?:\s+den)?|frem\s+til)\s+(?P<b>{DATE})",
    _F,
)
_OPTION_KEY = re.compile(
    r"opsjon(?:er|en|ene)?\b|forleng(?:else|es|e)\b|videreføring|prolongering", _F
)
_SEQUENCE = re.compile(
    rf"(?P<seq>{NUM}(?:\s*{UNIT})?(?:\s*(?:\+|pluss)\s*{NUM}(?:\s*{UNIT})?)*)", _F
)
_PART = re.compile(rf"(?P<n>{NUM})\s*(?P<u>{UNIT})?", _F)
_TIMES = re.compile(rf"^(?P<k>{NUM})\s*(?:x|×|ganger)\s*(?P<n>{NUM})\s*(?P<u>{UNIT})", _F)
_COUNT = re.compile(
    rf"(?P<k>{NUM})\s+(?:opsjoner|forlengelser)\s+(?:på|à|a|av)\s+(?P<n>{NUM})\s*(?P<u>{UNIT})",
    _F,
)
_REPEAT = re.compile(
    rf"(?P<n>{NUM})\s*(?P<u>{UNIT})\s+(?:av|om|hver)\s+gang(?:en)?\b.*?"
    rf"(?:maksimalt|inntil|opptil|høyst|totalt)\s+(?P<k>{NUM})\s+ganger",
    _F,
)
_OPTION_SKIP = (
    r"(?:\s+(?:på|i|er|med|om|inntil|opptil|ytterligere|videre|for|av|forlengelse|"
    r"avtalen|kontrakten|rammeavtalen|perioder|periode|en|til\s+sammen|samlet|maksimalt)\b)*\s*"
)
_TACIT = r"(?:automatisk|stilltiende)"
# "forlenges ikke automatisk" denies only the automatic renewal, not every extension.
_NO_OPTIONS = re.compile(
    rf"(?:kan\s+ikke\s+forlenges|forlenges\s+ikke)(?!\s+{_TACIT})|uten\s+opsjon|"
    r"ingen\s+opsjon|ikke\s+(?:adgang|mulighet|rett)\s+til\s+(?:å\s+)?forlenge",
    _F,
)
_RENEWS = r"(?:fornyes|forlenges|videreføres|fornyet|forlenget|videreført|løper\s+videre)"
_AUTO = re.compile(
    rf"{_RENEWS}(?P<mid>(?:\s+[a-zæøå]+){{0,2}}?)\s+{_TACIT}|"
    rf"{_TACIT}\s+(?:fornyelse|forlengelse|videreføring|{_RENEWS})|"
    r"fornyes\s+(?:ikke|aldri)\b",
    _F,
)
# A negation right before the renewal phrase ("skal ikke fornyes automatisk", "vil ikke
# bli fornyet", "uten automatisk fornyelse"); a later "om den ikke sies opp" is a
# condition of a renewal, not a denial of it.
_NEGATED_BEFORE = re.compile(
    r"(?<![a-zæøå])(?:ikke|aldri|uten|ingen)(?:\s+(?:bli|blir|vil|skal|kan|noen|være))?\s*$",
    _F,
)
_NEGATION = re.compile(r"(?<![a-zæøå])(?:ikke|aldri)(?![a-zæøå])", _F)
_NOTICE = re.compile(
    rf"(?:senest|innen|minst|ikke\s+senere\s+enn)\s+(?P<n>{NUM})\s*(?P<u>{UNIT_ANY})\s+"
    rf"(?:før|forut\s+for)|(?P<n2>{NUM})\s*(?P<u2>{UNIT_ANY})\s+(?:skriftlig\s+)?"
    rf"(?:varsel|varsling|forvarsel|oppsigelse)|varslingsfrist(?:en)?\s+(?:er\s+|på\s+)?"
    rf"(?P<n3>{NUM})\s*(?P<u3>{UNIT_ANY})",
    _F,
)
_TERMINATION_TIME = re.compile(
    rf"oppsigelses(?:tid|frist)(?:en)?\s+(?:er\s+|på\s+|av\s+)?(?:[a-zæøå]+\s+){{0,3}}?"
    rf"(?P<n>{NUM})\s*(?P<u>{UNIT_ANY})",
    _F,
)
_TERMINATION = re.compile(r"oppsig|oppsagt|\b(?:sies|si|sier)\s+(?:[a-zæøå]+\s+)?opp\b", _F)


@dataclass
class _Collector:
    found: dict[str, Finding]
    renewal_notice: bool = False

    def add(self, field: str, value: str, evidence: Evidence) -> None:
        self.found.setdefault(field, Finding(field, value, evidence))


def _term(sentence: str) -> int | None:
    matches = [*_TERM.finditer(sentence), *_TERM_BEFORE.finditer(sentence)]
    for match in sorted(matches, key=lambda m: m.start()):
        before = sentence[: match.start()].split()
        if before and before[-1].lower() in _PREPOSITIONS:
            continue  # "oppsigelsestiden for avtalen er 3 måneder" is not the term
        months = months_of(number(match.group("n")), match.group("u"))
        if months:
            return months
    return None


def _option_lengths(window: str) -> tuple[int, ...] | None:
    """Option lengths at the start of `window` (the text right after "opsjon på" …)."""
    skip = re.match(_OPTION_SKIP, window, _F)
    rest = window[skip.end() if skip else 0 :]
    times = _TIMES.match(rest)
    if times:
        length = months_of(number(times.group("n")), times.group("u"))
        count = number(times.group("k"))
        return (length,) * count if length and 0 < count <= 10 else None
    sequence = _SEQUENCE.match(rest)
    if sequence is None:
        return None
    after = rest[sequence.end() :].lstrip().lower()
    if after.startswith(("før", "etter", "varsel")):
        return None
    parts = list(_PART.finditer(sequence.group("seq")))
    unit = parts[-1].group("u") if parts else None
    if not unit:
        return None
    lengths = [months_of(number(p.group("n")), p.group("u") or unit) for p in parts]
    if any(not length for length in lengths):
        return None
    return tuple(length for length in lengths if length)


def _options(sentence: str) -> tuple[int, ...] | None:
    if _NO_OPTIONS.search(sentence):
        return ()
    for pattern in (_COUNT, _REPEAT):
        match = pattern.search(sentence)
        if match:
            length = months_of(number(match.group("n")), match.group("u"))
            count = number(match.group("k"))
            if length and 0 < count <= 10:
                return (length,) * count
    for key in _OPTION_KEY.finditer(sentence):
        preceding = sentence[max(0, key.start() - 12) : key.start()].lower()
        if "bruk av" in preceding:
            continue  # "varsel om bruk av opsjon senest 3 måneder før" is the notice
        lengths = _option_lengths(sentence[key.end() : key.end() + 80])
        if lengths:
            return lengths
    return None


def _notice_months(sentence: str) -> int | None:
    match = _NOTICE.search(sentence) or _TERMINATION_TIME.search(sentence)
    if match is None:
        return None
    groups = match.groupdict()
    for n, u in (("n", "u"), ("n2", "u2"), ("n3", "u3")):
        if groups.get(n):
            return months_of(number(groups[n]), groups[u])
    return None


def _dates(sentence: str, evidence: Evidence, out: _Collector) -> None:
    if not _PERIOD_CONTEXT.search(sentence):
        return
    found = _RANGE.search(sentence)
    start = parse_text_date(found.group("a")) if found else None
    end = parse_text_date(found.group("b")) if found else None
    if start is None and (match := _START.search(sentence)):
        start = parse_text_date(match.group("a"))
    if end is None and (match := _END.search(sentence)):
        end = parse_text_date(match.group("b"))
    if start is not None and end is not None and start >= end:
        return
    if start is not None:
        out.add("start", start.isoformat(), evidence)
    if end is not None:
        out.add("slutt", end.isoformat(), evidence)


def _auto_renewal(sentence: str) -> bool | None:
    """True when the sentence says the contract renews by itself, False when it says it
    does not, None when it says neither."""
    match = _AUTO.search(sentence)
    if match is None:
        return None
    denied = _NEGATED_BEFORE.search(sentence[: match.start()]) or _NEGATION.search(match.group(0))
    return not denied


def _read_sentence(sentence: str, option_context: bool, ev: Evidence, out: _Collector) -> None:
    _dates(sentence, ev, out)
    renewal = _auto_renewal(sentence)
    if renewal is not None:
        out.add("fornyes_automatisk", "ja" if renewal else "nei", ev)
    # A renewal's own length ("fornyes automatisk med ett år") is neither the term nor an
    # option, so only a sentence without one is read for those.
    auto = bool(renewal)
    if not auto:
        term = _term(sentence)
        if term:
            out.add("varighet_mnd", str(term), ev)
        options = _options(sentence)
        if options is not None:
            out.add("opsjoner", format_options(options), ev)
    notice = _notice_months(sentence)
    if notice is None:
        return
    if _TERMINATION.search(sentence):
        if auto and not out.renewal_notice:
            # The notice that stops an automatic renewal is what the register column
            # means; it wins over a general termination clause found earlier.
            out.found["oppsigelse_mnd"] = Finding("oppsigelse_mnd", str(notice), ev)
            out.renewal_notice = True
        else:
            out.add("oppsigelse_mnd", str(notice), ev)
    elif auto:
        return
    elif _OPTION_KEY.search(sentence) or option_context:
        out.add("opsjon_varsel_mnd", str(notice), ev)


def extract_terms(passages: Iterable[PassageLike], document: str = "") -> TermProposal:
    """The contract terms stated in `passages`, the first statement of each winning."""
    out = _Collector({})
    for passage in passages:
        option_context = False
        for sentence in sentences(passage.text):
            evidence = Evidence(sentence, passage.page, passage.paragraph, document)
            _read_sentence(sentence, option_context, evidence, out)
            option_context = bool(_OPTION_KEY.search(sentence)) and not _auto_renewal(sentence)
    return TermProposal(tuple(out.found[f] for f in FIELDS if f in out.found))
