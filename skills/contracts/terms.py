"""Find a contract's terms in its own wording, and say where and how each was found.

Contract text is data: it is only matched against fixed patterns, never followed.
The patterns are deliberately narrow (a number must sit next to the words that give
it meaning: "avtalen gjelder i", "opsjon på", "senest … før", "oppsigelsestid"), so
that a payment term of 30 days or a two-year warranty is never read as the contract
period. Every value keeps the sentence or table row it came from and its
page/paragraph, because a person confirms each value against the document before the
register changes; values that took a step of reasoning (rounded weeks, a start "ved
signering") say so, so the card can ask for a check.

Buyers write terms in sentences, in key-terms tables ("Automatisk fornyelse | Nei"),
in appendices, and in amendments that repeat the old terms in their background
section. A reference to another contract ("erstatter tidligere rammeavtale …, som
utløper 28. februar 2025") is not this contract's term, and background in an
amendment is not what the amendment changes.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Protocol

from skills.contracts.terms_language import english_dates, to_bokmal
from skills.contracts.terms_wording import (
    DATE,
    NUM,
    UNIT,
    UNIT_ANY,
    format_options,
    months_of,
    notice_months,
    number,
    parse_text_date,
    sentences,
)

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

# How a value was found, and the reasons a person must check it before it is written.
HOW = ("sentence", "table", "amendment", "derived")
CHECKS = (
    "conflict",  # documents disagree
    "derived",  # computed (end from start + term)
    "rounded",  # weeks or days rounded up to whole months
    "signature",  # "ved signering": the start is the signature date found in the document
    "end_before_start",  # never proposed
    "mixed_documents",  # paired with a value from a later amendment
    "background",  # only stated in a background or introduction section
)


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
    # The heading the quote stands under ("2.1 Avtalens varighet"): what a person looks
    # for in the document, where a paragraph count is hard to follow.
    section: str = ""


@dataclass(frozen=True)
class Finding:
    field: str
    value: str  # in the register's syntax: ISO date, "1+1", "6m+6m", "3", "ja"; "" = none
    evidence: Evidence
    how: str = "sentence"
    stated: str = ""  # the value as written when it is not the register's ("8 uker")
    checks: tuple[str, ...] = ()

    def checked(self, *reasons: str) -> Finding:
        return replace(self, checks=tuple(dict.fromkeys((*self.checks, *reasons))))


@dataclass(frozen=True)
class TermProposal:
    findings: tuple[Finding, ...] = ()
    kind: str = "contract"  # or "amendment"
    # Later statements in the same document that say something else than `findings`.
    others: tuple[Finding, ...] = ()

    def get(self, field: str) -> Finding | None:
        return next((f for f in self.findings if f.field == field), None)

    def value(self, field: str) -> str | None:
        found = self.get(field)
        return None if found is None else found.value

    def in_document(self, name: str) -> TermProposal:
        return replace(
            self,
            findings=tuple(
                replace(f, evidence=replace(f.evidence, document=name)) for f in self.findings
            ),
            others=tuple(
                replace(f, evidence=replace(f.evidence, document=name)) for f in self.others
            ),
        )


# --- patterns (matched against bokmål; see terms_language) ---------------------------------

_F = re.IGNORECASE
_SUBJECT = (
    r"(?:(?:ramme)?(?:avtale(?:n|ns|perioden|periode|tiden|tid)?|"
    r"kontrakt(?:en|ens|sperioden|speriode|stiden|stid)?)|oppdraget)"
)
_VERB = (
    r"(?:gjelder|varer|løper|inngås|inngått|er|skal\s+(?:gjelde|vare|løpe)|er\s+gyldig|"
    r"skal\s+ha\s+en\s+(?:varighet|løpetid)\s+på|"
    r"har\s+en\s+(?:varighet|løpetid)\s+på|(?:varighet|løpetid)(?:en)?\s+(?:er|på))"
)
_JOINED_VERB = r"(?:gjelder|varer|løper|har\s+en\s+(?:varighet|løpetid)\s+på)"
_FILLER = r"(?:i|for|på|en|periode|et|tidsrom|inntil|totalt|fast|med|varighet)"
_NOT_NOTICE = r"(?!\s+(?:før|etter|varsel|skriftlig))"
_TERM = re.compile(
    rf"(?<![a-zæøå])(?P<subj>{_SUBJECT})\b(?:,?\s+[a-zæøå]+){{0,3}}?,?\s+{_VERB}"
    rf"(?:\s+{_FILLER})*\s+(?P<n>{NUM})\s*(?P<u>{UNIT}){_NOT_NOTICE}",
    _F,
)
# "trer i kraft ved signering og gjelder i to år", "gjelder fra 1. januar 2025 og løper
# i tre år": the subject is followed by a first clause, then "og" and the term.
_TERM_JOINED = re.compile(
    rf"(?<![a-zæøå])(?P<subj>{_SUBJECT})\b(?:\s+[^\s,;]+){{1,10}}?\s+og\s+"
    rf"(?:{_JOINED_VERB}(?:\s+{_FILLER})*|(?:i|for)(?:\s+{_FILLER})*)\s+(?P<n>{NUM})\s*"
    rf"(?P<u>{UNIT}){_NOT_NOTICE}",
    _F,
)
# "tolv måneders varighet", "en varighet på 24 måneder" after the subject.
_TERM_BEFORE = re.compile(
    rf"(?<![a-zæøå]){_SUBJECT}\b(?:\s+[a-zæøå]+){{0,2}}?\s+(?:en\s+)?(?P<n>{NUM})\s*"
    rf"(?P<u>{UNIT})s?\s+(?:varighet|løpetid)",
    _F,
)
_PREPOSITIONS = {"for", "av", "i", "om", "etter", "ved", "til", "under"}
_PERIOD_CONTEXT = re.compile(
    rf"(?<![a-zæøå]){_SUBJECT}\b|trer\s+i\s+kraft|ikrafttred|(?<![a-zæøå])(?:ny\s+)?"
    r"(?:slutt|utløps)dato",
    _F,
)
_OWNED_PERIOD = re.compile(
    r"\s+(?:varighet|løpetid|periode|gyldighet|oppstart|start|utløp|sluttdato|utløpsdato)", _F
)
_RANGE = re.compile(
    rf"(?:fra(?:\s+og\s+med)?\s+)?(?P<a>{DATE})\s*(?:til(?:\s+og\s+med)?|t\.o\.m\.|[–—-])\s*"
    rf"(?P<b>{DATE})",
    _F,
)
_START = re.compile(
    rf"(?:fra(?:\s+og\s+med)?|f\.o\.m\.|trer\s+i\s+kraft(?:\s+(?:den|fra))?|"
    rf"med\s+virkning\s+fra|ikrafttredelse(?:sdato)?(?:\s+er)?|"
    rf"(?<![a-zæøå])(?:starter|begynner|løper|gjelder)(?:\s+(?:den|fra))?)\s+(?P<a>{DATE})",
    _F,
)
_END = re.compile(
    rf"(?:til\s+og\s+med|t\.o\.m\.|utløper(?:\s+den)?|"
    rf"opphører(?:\s+uten\s+(?:oppsigelse|videre|varsel))?(?:\s+den)?|"
    rf"(?:være\s+)?(?:avsluttet|ferdigstilt|fullført)\s+(?:innen|senest)(?:\s+den)?|"
    rf"avsluttes(?:\s+den)?|frem\s+til|forlenges\s+til(?:\s+og\s+med)?|"
    rf"(?<![a-zæøå])(?:varer|løper|gjelder|går)\s+(?:nå\s+|videre\s+)?(?:frem\s+)?til"
    rf"(?:\s+og\s+med)?|"
    rf"forlenges\s+med\s+[^,.;]{{1,25}},?\s+til(?:\s+og\s+med)?|"
    rf"ikke\s+lenger\s+enn\s+til(?:\s+og\s+med)?|"
    rf"(?:ny\s+)?(?:slutt|utløps)dato(?:en)?(?:\s+for\s+(?:avtalen|kontrakten))?\s+"
    rf"(?:endres\s+til|er|blir|settes\s+til)|"
    rf"(?:slutt|utløps)dato(?:en)?\s+(?:endres\s+til|er|blir))\s+(?P<b>{DATE})",
    _F,
)
_AT_SIGNING = re.compile(
    r"(?:trer\s+i\s+kraft|gjelder|løper|starter|begynner)\s+(?:fra\s+)?(?:ved|fra|etter)\s+"
    r"(?:(?:begge\s+)?(?:parters|partenes)\s+)?(?:signering|underskrift|undertegning|signatur)"
    r"|ved\s+signering",
    _F,
)
# A reference to another contract: what follows it is that contract's terms.
_OTHER_CONTRACT = re.compile(
    r"(?<![a-zæøå])(?:erstatter|avløser|viderefører|(?:tidligere|forrige|gamle|nåværende|"
    r"dagens)\s+(?:ramme)?(?:avtale|kontrakt)|den\s+avtalen\b|"
    r"(?:inngått\s+)?(?:under|i\s+henhold\s+til)\s+(?:ramme)?avtale(?:n)?\s+(?:nr\.?\s*)?\d)",
    _F,
)
# Not this contract either, outside an amendment (where they may mean the contract itself).
_OTHER_CONTRACT_OUTSIDE_AMENDMENTS = re.compile(
    r"(?<![a-zæøå])(?:eksisterende|gjeldende)\s+(?:ramme)?(?:avtale|kontrakt)", _F
)
# A new clause about something else: "…, men prisene gjelder til og med …".
_CLAUSE_BREAK = re.compile(r",\s*(?:men|mens)\s+|;", _F)
_OPTION_KEY = re.compile(
    r"opsjon(?:er|en|ene)?\b|forleng(?:else|es|e)\b|videreføring|prolongering", _F
)
_JOINER = r"(?:\s*(?:\+|pluss)\s*|,?\s+og\s+(?:deretter\s+)?(?:ytterligere|ny|nye)\s+)"
_SEQUENCE = re.compile(rf"(?P<seq>{NUM}(?:\s*{UNIT})?(?:{_JOINER}{NUM}(?:\s*{UNIT})?)*)", _F)
_PART = re.compile(rf"(?P<n>{NUM})\s*(?P<u>{UNIT})?", _F)
_TIMES = re.compile(rf"^(?P<k>{NUM})\s*(?:x|×|ganger)\s*(?P<n>{NUM})\s*(?P<u>{UNIT})", _F)
_COUNT = re.compile(
    rf"(?P<k>{NUM})\s+(?:gjenværende\s+|resterende\s+)?(?:opsjoner|opsjon|forlengelser|"
    rf"perioder|ganger)\s+(?:på|à|a|av|med)\s+(?:inntil\s+)?(?P<n>{NUM})\s*(?P<u>{UNIT})",
    _F,
)
_REPEAT = re.compile(
    rf"(?P<n>{NUM})\s*(?P<u>{UNIT})(?:\s+(?:av|om|hver)\s+gang(?:en)?\b.*?|,?\s+)"
    rf"(?:(?:maksimalt|inntil|opptil|høyst|totalt)\s+)?(?P<k>{NUM})\s+ganger",
    _F,
)
# "ett år av gangen, til sammen maksimalt to år": the total in steps of the length.
# "inntil 2 år, ett år av gangen": the total first.
_TOTAL_THEN_STEP = re.compile(
    rf"(?:inntil|maksimalt|opptil|høyst|til\s+sammen|totalt)\s+(?P<t>{NUM})\s*(?P<tu>{UNIT}),?\s+"
    rf"(?:med\s+)?(?P<n>{NUM})\s*(?P<u>{UNIT})\s+(?:av|om|hver)\s+gang(?:en)?",
    _F,
)
_REPEAT_TOTAL = re.compile(
    rf"(?P<n>{NUM})\s*(?P<u>{UNIT})\s+(?:av|om|hver)\s+gang(?:en)?,?\s+(?:til\s+sammen|totalt|"
    rf"samlet)\s+(?:maksimalt\s+|inntil\s+|opptil\s+|høyst\s+)?(?P<t>{NUM})\s*(?P<tu>{UNIT})",
    _F,
)
_OPTION_SKIP = (
    r"(?:\s*:|\s+(?:på|i|er|med|om|inntil|opptil|ytterligere|videre|for|av|forlengelse|"
    r"avtalen|kontrakten|rammeavtalen|avropet|oppdraget|perioder|periode|en|til\s+sammen|samlet|"
    r"maksimalt)\b)*\s*"
)
_CHANGED_FROM = re.compile(
    r"(?P<verb>endres|endret|økes|økt|reduseres|redusert|forkortes|forkortet|forlenges|"
    r"forlenget|justeres|justert)\s+fra\s+[^.;]+?\s+til\s+",
    _F,
)
# "a) første opsjon: 12 måneder", "2. opsjon: 1 år": options listed one per item.
_OPTION_ITEM = re.compile(
    rf"^(?:[a-z]\)\s*|\d\)\s*|[-–•]\s*)?(?P<ord>første|andre|annen|tredje|fjerde|femte|"
    rf"\d\.)\s+(?:opsjon|forlengelse|opsjonsperiode)(?:en)?\s*(?::|på|er)?\s*"
    rf"(?P<n>{NUM})\s*(?P<u>{UNIT})",
    _F,
)
_LEFT = re.compile(r"gjenstår|gjenværende|resterende|igjen\b", _F)
_TACIT = r"(?:automatisk|stilltiende)"
# "forlenges ikke automatisk" denies only the automatic renewal, not every extension.
_NO_OPTIONS = re.compile(
    rf"(?:kan\s+ikke\s+forlenges|forlenges\s+ikke)(?!\s+{_TACIT}|\s+utover\s+opsjon)|"
    r"uten\s+opsjon|"
    r"(?:ingen|ikke(?:\s+avtalt)?)\s+(?:noen\s+)?(?:gjenværende\s+|flere\s+|ytterligere\s+)?"
    r"opsjon|"
    r"ikke\s+(?:adgang|mulighet|rett)\s+til\s+(?:å\s+)?forlenge",
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
    r"(?<![a-zæøå])(?:ikke|aldri|uten|ingen|verken)(?:\s+(?:bli|blir|vil|skal|kan|noen|være|"
    r"under|omstendighet|omstendigheter|avtalt|bestemmelse|bestemmelser|om|i|tilfelle|lenger|"
    r"adgang|rett|til))*\s*$",
    _F,
)
# "Dersom avtalen fornyes automatisk, skal …" is a condition, not a term.
_CONDITION_BEFORE = re.compile(
    r"(?<![a-zæøå])(?:dersom|hvis|om|når|i\s+tilfelle|ved)(?:\s+[a-zæøå]+){0,3}\s*$", _F
)
# … and right after it: "Automatisk fornyelse av avtalen er ikke aktuelt", "… gjelder ikke".
_CLAUSE_TEXT = r"(?:[^.;]|\.(?=\d)){0,60}?"  # "i SSA-L punkt 2.2 gjelder ikke"
_NEGATED_AFTER = re.compile(
    rf"^{_CLAUSE_TEXT}(?<![a-zæøå])(?:er|blir|gjelder|skjer|forekommer|avtales|kommer)\s+ikke\b|"
    rf"^{_CLAUSE_TEXT}(?<![a-zæøå])ikke\s+(?:aktuelt|avtalt|relevant)|"
    rf"^{_CLAUSE_TEXT}(?<![a-zæøå])(?:er\s+)?(?:uaktuelt|strøket|utgår|fravikes|fraveket)\b",
    _F,
)
_NEGATION = re.compile(r"(?<![a-zæøå])(?:ikke|aldri)(?![a-zæøå])", _F)
_NOTICE = re.compile(
    rf"(?:senest|innen|minst|minimum|ikke\s+senere\s+enn)\s+(?P<n>{NUM})\s*(?P<u>{UNIT_ANY})\s+"
    rf"(?:før|forut\s+for)|(?P<n2>{NUM})\s*(?P<u2>{UNIT_ANY})\s+(?:skriftlig\s+)?"
    rf"(?:gjensidig\s+)?(?:varsel|varsling|forvarsel|oppsigelse)|varslingsfrist(?:en)?\s+(?:er\s+|på\s+)?"
    rf"(?P<n3>{NUM})\s*(?P<u3>{UNIT_ANY})",
    _F,
)
_TERMINATION_TIME = re.compile(
    rf"oppsigelses(?:tid|frist)(?:en)?\s+(?:er\s+|på\s+|av\s+)?(?:[a-zæøå]+\s+){{0,3}}?"
    rf"(?P<n>{NUM})\s*(?P<u>{UNIT_ANY})",
    _F,
)
_TERMINATION = re.compile(r"oppsig|oppsagt|\b(?:sies|si|sier)\s+(?:[a-zæøå]+\s+)?opp\b", _F)
_DURATION = re.compile(rf"(?P<n>{NUM})\s*(?P<u>{UNIT_ANY})", _F)

# --- document structure ----------------------------------------------------------------------

_AMENDMENT_TITLE = re.compile(
    r"tilleggsavtale|endringsavtale|endringsbilag|tillegg\s+nr|endring\s+nr|"
    r"endring\s+av\s+(?:ramme)?avtale|amendment|addendum",
    _F,
)
_BACKGROUND = re.compile(r"bakgrunn|innledning|background|recitals?|preamble|opprinnelig", _F)
# "Med mindre annet er avtalt i del B, …": a default the key terms may override.
_DEFAULT_CLAUSE = re.compile(
    r"med\s+mindre\s+(?:annet|noe\s+annet)\s+(?:er\s+)?(?:avtalt|fremgår|følger|er\s+angitt)|"
    r"(?:dersom|hvis|om)\s+ikke\s+annet\s+(?:er\s+)?(?:avtalt|fremgår|angitt)|"
    r"unless\s+otherwise\s+(?:agreed|stated|specified)",
    _F,
)
# In an amendment, a sentence about how things were is background, wherever it stands.
_PAST = re.compile(
    r"\bble\s+inngått|\bvart\s+inngått|\bopprinnelige?\b|\bhadde\b|\bvar\s+(?:satt|avtalt)|"
    r"\boriginally\b|\bwas\s+entered\b",
    _F,
)
_NUMBERED_HEADING = re.compile(r"^(?:\d{1,2}(?:\.\d{1,2})*\.?|[A-Z]\.)\s+\S")
# Where a signature block begins: a heading or line of its own, not "ved signering" in a
# sentence about the term.
_SIGN_MARK = re.compile(
    r"^(?:\d{1,2}\.?\s+)?(?:underskrift(?:er)?|signatur(?:er)?|signering|signatures?)\s*$|"
    r"\bfor\s+(?:kunden|oppdragsgiver(?:en)?|leverandøren|oppdragstaker(?:en)?|"
    r"oppdragsgjevar(?:en)?|the\s+customer|the\s+supplier)\b|\bon\s+behalf\s+of\b|"
    r"sted\s*(?:/|og)\s*dato|stad\s+og\s+dato|place\s+and\s+date",
    _F,
)
_SIGN_DATE = re.compile(
    rf"(?:sted\s*(?:/|og)\s*dato|stad\s+og\s+dato|place\s+and\s+date|\bdato\b|\bdate\b)"
    rf"\s*:?\s*"
    rf"(?:[A-ZÆØÅ][\w-]+,?\s+)?(?P<d>{DATE})|^[A-ZÆØÅ][a-zæøå-]+(?:\s[A-ZÆØÅ][a-zæøå-]+)?,\s*"
    rf"(?P<d2>{DATE})\s*$",
    _F,
)

_DATE_AT_END = re.compile(rf"(?P<d>{DATE})\s*\.?\s*$", _F)

# --- key-terms tables ------------------------------------------------------------------------

_ROW_LABELS: Sequence[tuple[str, re.Pattern[str]]] = tuple(
    (kind, re.compile(rf"(?:{pattern})", _F))
    for kind, pattern in (
        (
            "option_notice",
            r"(?:frist\s+for\s+)?(?:varsel|varsling)\s+om\s+(?:bruk\s+av\s+|utløsing\s+av\s+)?"
            r"(?:opsjon(?:er)?|forlengelse)|opsjonsvarsel|varslingsfrist(?:\s+for)?\s+opsjon(?:er)?|"
            r"frist\s+for\s+(?:å\s+)?(?:utløse|benytte|varsle\s+om|varsle)\s+"
            r"(?:opsjon(?:en|er)?|forlengelse)|"
            r"option\s+notice|notice\s+of\s+extension",
        ),
        (
            "renewal",
            r"(?:fornyes|forlenges)\s+(?:avtalen|kontrakten)\s+automatisk|"
            r"automatisk\s+(?:fornyelse|forlengelse|fornying|forlenging|videreføring)|"
            r"fornyes\s+automatisk|stilltiende\s+(?:fornyelse|forlengelse)|"
            r"automatic\s+renewal|auto-?renewal",
        ),
        (
            "termination",
            r"(?:gjensidig\s+)?oppsigelse(?:stid|sfrist)?|oppseiing(?:stid|sfrist)?|"
            r"termination(?:\s+notice)?|notice\s+period",
        ),
        (
            "options",
            r"opsjon(?:er|ar)?(?:\s+(?:på|om)\s+forlengelse)?|forlengelsesopsjon(?:er)?|"
            r"forlengelse|mulighet\s+for\s+forlengelse|options?(?:\s+to\s+extend)?|"
            r"extension(?:\s+options?)?|gjenværende\s+opsjon(?:er)?",
        ),
        (
            "start",
            r"oppstart(?:sdato)?|startdato|avtalestart|kontraktsstart|ikrafttredelse(?:sdato)?|"
            r"leiestart|leieperiodens\s+start|"
            r"ikrafttreding|gjelder\s+fra|start(?:\s+date)?|commencement(?:\s+date)?|"
            r"effective\s+date",
        ),
        (
            "end",
            r"sluttdato|utløpsdato|avtalen\s+utløper|utløper|opphørsdato|slutt|end\s+date|"
            r"expiry(?:\s+date)?",
        ),
        (
            "term",
            r"(?:avtalens\s+|kontraktens\s+|avropets\s+|oppdragets\s+)?(?:varighet|varigheit|"
            r"løpetid|avtaletid|avtaleperiode|kontraktsperiode|avropsperiode|periode)|"
            r"leieperiode|leietid|"
            r"duration|term|initial\s+term|contract\s+period|"
            r"agreement\s+period",
        ),
    )
)
_LABEL_PREFIX = re.compile(r"^(?:\d{1,2}(?:\.\d{1,2})*\.?\s+)?")
_NO_VALUE = re.compile(
    r"^(?:nei|ingen|ikke\s+(?:aktuelt|relevant|avtalt)|gjelder\s+ikke|uaktuelt|no|none|n/?a|"
    r"not\s+applicable|[–—-])"
    r"(?![a-zæøå])",
    _F,
)
_YES_VALUE = re.compile(r"^(?:ja|yes)(?![a-zæøå])", _F)
_MAX_LABEL_LINE = 120
# Longer than any public contract term or notice period: a typo or something else.
MAX_TERM_MONTHS = 240
MAX_NOTICE_MONTHS = 36
_OPTION_NOT_TERM = re.compile(r"garanti|kr\.?\s*\d|\bpris|stk\b|lisens|kroner|nok\b", _F)
# "4 år inkludert opsjoner": a total, not the term.
_INCLUDING_OPTIONS = re.compile(
    r"^\s*,?\s*(?:inkludert|inklusive|inkl\.?|medregnet|iberegnet)\s+(?:eventuelle\s+)?"
    r"(?:opsjon|forlengelse)",
    _F,
)
_TOTAL_BEFORE = re.compile(r"(?:samlet|til\s+sammen|totalt|inkludert|maksimal)\S*\s+\S*\s*$", _F)


def row_label(label: str) -> str | None:
    """The kind of term a key-terms table's label names, or None. A "(ja/nei)" hint or
    a question mark after the label does not change what it names."""
    cleaned = re.sub(r"\s*\((?:ja/nei|j/n|yes/no|mnd|måneder|år)\)\s*|\?", " ", label)
    cleaned = _LABEL_PREFIX.sub("", cleaned.strip().rstrip(":").strip())
    for kind, pattern in _ROW_LABELS:
        if pattern.fullmatch(cleaned):
            return kind
    return None


def _label_line(text: str) -> tuple[str, str] | None:
    """A "Varighet: 36 mnd" line (or a PDF table row read as one line), split. A
    sentence that happens to start like a label ("Avtalen utløper 28. februar 2027, med
    mindre …") is read as a sentence."""
    if len(text) > _MAX_LABEL_LINE or len(list(sentences(text))) > 1:
        return None
    cleaned = _LABEL_PREFIX.sub("", text.strip())
    for kind, pattern in _ROW_LABELS:
        match = re.match(rf"(?:{pattern.pattern})(?=\s*[:|]|\s+\S)", cleaned, _F)
        if match is None:
            continue
        separated = bool(re.match(r"\s*[:|]", cleaned[match.end() :]))
        if not separated and (cleaned.endswith(".") or len(cleaned.split()) > 8):
            return None
        value = cleaned[match.end() :].lstrip(" :|\t").strip()
        if re.match(r"\d{1,2}\s*:", value):
            return None  # "Periode 1: 01.01.2025–31.12.2025" is one of several periods
        if value and (
            value[0].isdigit()
            or _NO_VALUE.match(value)
            or _YES_VALUE.match(value)
            or re.match(r"(?:fra|ved|inntil|senest|minst|\d)", value, _F)
        ):
            return kind, value
    return None


# --- reading ---------------------------------------------------------------------------------


@dataclass
class _Collector:
    amendment: bool
    found: dict[str, Finding] = field(default_factory=dict)
    # Every operative statement per field: a document that says two things is marked.
    statements: dict[str, list[Finding]] = field(default_factory=dict)
    background: dict[str, Finding] = field(default_factory=dict)
    renewal_notice: bool = False
    at_signing: Evidence | None = None
    in_background: bool = False
    how: str = "sentence"

    def add(
        self,
        field: str,
        value: str,
        evidence: Evidence,
        stated: str = "",
        checks: tuple[str, ...] = (),
        *,
        replace: bool = False,
    ) -> None:
        """Record a statement; the first one counts unless `replace` (a renewal's own
        notice, which wins over a general termination clause read earlier)."""
        how = "amendment" if self.amendment else self.how
        finding = Finding(field, value, evidence, how, stated, checks)
        if self.in_background:
            if replace:
                self.background[field] = finding
            else:
                self.background.setdefault(field, finding)
        elif replace:
            self.found[field] = finding
            self.statements[field] = [finding]
        else:
            self.found.setdefault(field, finding)
            if not (field == "oppsigelse_mnd" and self.renewal_notice):
                self.statements.setdefault(field, []).append(finding)


def _term(sentence: str) -> int | None:
    matches = [
        *_TERM.finditer(sentence),
        *_TERM_JOINED.finditer(sentence),
        *_TERM_BEFORE.finditer(sentence),
    ]
    for match in sorted(matches, key=lambda m: m.start()):
        before = sentence[: match.start()].split()
        if before and before[-1].lower() in _PREPOSITIONS:
            continue  # "oppsigelsestiden for avtalen er 3 måneder" is not the term
        subject = match.group(0).split()[0].lower() if match.group(0).split() else ""
        if subject.endswith("ens") and not _OWNED_PERIOD.match(
            sentence, match.start() + len(subject)
        ):
            continue  # "Avtalens priser gjelder i 12 måneder"
        if _INCLUDING_OPTIONS.match(sentence[match.end() :]):
            continue  # "løper i 4 år, inkludert opsjon på forlengelse"
        months = months_of(number(match.group("n")), match.group("u"))
        if months and months <= MAX_TERM_MONTHS:
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
    if re.match(r"(?:før|varsel|etter\s+(?:utløp|avtalens|kontraktens|avtaleperiodens))", after):
        return None  # "… 3 måneder før utløp" is a notice, not an option
    if re.match(rf",?\s*og\s+{NUM}\s*{UNIT}", rest[sequence.end() :], _F):
        return None  # "1 år og 6 måneder" is one length, not this reader's to add up
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
    total = _REPEAT_TOTAL.search(sentence) or _TOTAL_THEN_STEP.search(sentence)
    if total:
        step = months_of(number(total.group("n")), total.group("u"))
        whole = months_of(number(total.group("t")), total.group("tu"))
        if step and whole and whole % step == 0 and 0 < whole // step <= 10:
            return (step,) * (whole // step)
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
        if _TOTAL_BEFORE.search(sentence[max(0, key.start() - 30) : key.start()]):
            continue  # "Samlet varighet inkludert opsjoner er maksimalt 4 år" is a total
        lengths = _option_lengths(sentence[key.end() : key.end() + 80])
        if lengths:
            return lengths
    return None


def _notice(text: str) -> tuple[int, str, bool] | None:
    """(months, as written, rounded) of the notice period stated in `text`."""
    match = _NOTICE.search(text) or _TERMINATION_TIME.search(text)
    if match is None:
        return None
    groups = match.groupdict()
    for n, u in (("n", "u"), ("n2", "u2"), ("n3", "u3")):
        if groups.get(n):
            return _duration(groups[n], groups[u])
    return None


def _duration(amount: str, unit: str) -> tuple[int, str, bool] | None:
    """A notice period, or None when it cannot be one (0 days, 999 months)."""
    if number(amount) == 0:
        return None
    months, rounded = notice_months(number(amount), unit)
    if months > MAX_NOTICE_MONTHS:
        return None
    return months, f"{number(amount)} {unit.strip().lower()}", rounded


def _period_part(sentence: str) -> str | None:
    """The sentence from where the contract itself is the subject: "Avtalen gjelder fra
    …", "Kontrakten trer i kraft …". None when the contract only appears after a
    preposition or as an owner ("i samsvar med rammeavtalens punkt 5"), where a date is
    about something else (prices, deliveries)."""
    for match in _PERIOD_CONTEXT.finditer(sentence):
        before = sentence[: match.start()].split()
        word = match.group(0).lower()
        if before and before[-1].lower() in _PREPOSITIONS:
            continue
        if before and before[-1].lower().endswith(("ens", "ers", "nes")):
            continue  # "Leverandørens avtale med underleverandøren utløper …"
        if word.endswith("ens") and not _OWNED_PERIOD.match(sentence, match.end()):
            continue
        part = sentence[match.start() :]
        cut = _CLAUSE_BREAK.search(part)
        return part[: cut.start()] if cut else part
    return None


def _dates(sentence: str, evidence: Evidence, out: _Collector) -> None:
    part = _period_part(sentence)
    if part is None:
        return
    sentence = part
    found = _RANGE.search(sentence)
    start = parse_text_date(found.group("a")) if found else None
    end = parse_text_date(found.group("b")) if found else None
    if start is None and (match := _START.search(sentence)):
        start = parse_text_date(match.group("a"))
    if end is None and (match := _END.search(sentence)):
        end = parse_text_date(match.group("b"))
    if start is not None and end is not None and start >= end:
        return
    # An amendment's own dates ("Endringen gjelder fra 1. september 2025") are when the
    # change applies, not when the contract started.
    if start is not None and not out.amendment:
        out.add("start", start.isoformat(), evidence)
    if end is not None:
        out.add("slutt", end.isoformat(), evidence)


def _auto_renewal(sentence: str) -> bool | None:
    """True when the sentence says the contract renews by itself, False when it says it
    does not, None when it says neither."""
    match = _AUTO.search(sentence)
    if match is None:
        return None
    denied = (
        _NEGATED_BEFORE.search(sentence[: match.start()])
        or _NEGATION.search(match.group(0))
        or _NEGATED_AFTER.search(sentence[match.end() :])
    )
    if denied:
        return False
    if _CONDITION_BEFORE.search(sentence[: match.start()]):
        return None
    return True


def _add_notice(
    notice: tuple[int, str, bool],
    field: str,
    ev: Evidence,
    out: _Collector,
    replace_found: bool = False,
) -> None:
    months, stated, rounded = notice
    checks = ("rounded",) if rounded else ()
    out.add(field, str(months), ev, stated if rounded else "", checks, replace=replace_found)


def _read_sentence(plain: str, option_context: bool, ev: Evidence, out: _Collector) -> None:
    """Read one sentence, already in bokmål words (`to_bokmal`); `ev` quotes the original."""
    # "endres fra 3 måneder til 6 måneder": only the new value is a term.
    sentence = _CHANGED_FROM.sub(r"\g<verb> til ", plain)
    other = _OTHER_CONTRACT.search(sentence) or (
        None if out.amendment else _OTHER_CONTRACT_OUTSIDE_AMENDMENTS.search(sentence)
    )
    if other is not None:
        sentence = sentence[: other.start()]
    if _AT_SIGNING.search(sentence) and out.at_signing is None and not out.in_background:
        out.at_signing = ev
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
        # In an amendment, an extension it makes ("forlenges med ett år") and an option it
        # uses are no options left; only what it says is left (or that none is) counts.
        left = _LEFT.search(sentence) or _NO_OPTIONS.search(sentence)
        options = None if out.amendment and not left else _options(sentence)
        if options is not None:
            out.add("opsjoner", format_options(options), ev)
    notice = _notice(sentence)
    if notice is None:
        return
    if auto or _TERMINATION.search(sentence):
        # In a renewal sentence ("… med mindre en av partene varsler senest 3 måneder før
        # utløp") the notice is what stops the renewal: the termination notice.
        if auto and not out.renewal_notice:
            # The notice that stops an automatic renewal is what the register column
            # means; it wins over a general termination clause found earlier.
            _add_notice(notice, "oppsigelse_mnd", ev, out, replace_found=True)
            out.renewal_notice = True
        else:
            _add_notice(notice, "oppsigelse_mnd", ev, out)
    elif _OPTION_KEY.search(sentence) or option_context:
        _add_notice(notice, "opsjon_varsel_mnd", ev, out)


def _read_row(kind: str, raw_value: str, ev: Evidence, out: _Collector) -> None:
    """One key-terms table row: the label says what the value is."""
    value = to_bokmal(raw_value).strip()
    no, yes = _NO_VALUE.match(value), _YES_VALUE.match(value)
    if kind == "renewal":
        if yes or no:
            out.add("fornyes_automatisk", "ja" if yes else "nei", ev)
        elif (renewal := _auto_renewal(value)) is not None:
            out.add("fornyes_automatisk", "ja" if renewal else "nei", ev)
        notice = _notice(value)
        if notice is not None and yes:
            _add_notice(notice, "oppsigelse_mnd", ev, out)
        return
    if kind in ("option_notice", "termination"):
        duration = _DURATION.search(value)
        notice = _duration(duration.group("n"), duration.group("u")) if duration else None
        if notice is not None and not no:
            target = "opsjon_varsel_mnd" if kind == "option_notice" else "oppsigelse_mnd"
            _add_notice(notice, target, ev, out)
        return
    if kind == "options":
        if no:
            out.add("opsjoner", "", ev)
            return
        if _OPTION_NOT_TERM.search(value):
            return  # "Opsjon | 12 måneder utvidet garanti, kr 4 500" is a priced option
        plain = _YES_VALUE.sub("", value).lstrip(" ,:")
        options = _options(plain) or _option_lengths(plain)
        if options is not None:
            out.add("opsjoner", format_options(options), ev)
        return
    if _AT_SIGNING.search(value) and kind in ("start", "term") and out.at_signing is None:
        out.at_signing = ev
    dates = [d for m in re.finditer(DATE, value, _F) if (d := parse_text_date(m.group(0)))]
    if kind == "start" and dates:
        out.add("start", dates[0].isoformat(), ev)
    elif kind == "end" and dates:
        out.add("slutt", dates[-1].isoformat(), ev)
    elif kind == "term":
        if len(dates) == 2 and dates[0] < dates[1]:
            out.add("start", dates[0].isoformat(), ev)
            out.add("slutt", dates[1].isoformat(), ev)
            stated = re.search(rf"\((?P<n>{NUM})\s*(?P<u>{UNIT})\s*\)", value, _F)
            months = months_of(number(stated.group("n")), stated.group("u")) if stated else None
            if months and months <= MAX_TERM_MONTHS:
                out.add("varighet_mnd", str(months), ev)  # "01.04.2025 – 31.03.2027 (24 mnd.)"
        elif length := re.match(rf"(?:inntil\s+)?(?P<n>{NUM})\s*(?P<u>{UNIT})", value, _F):
            months = months_of(number(length.group("n")), length.group("u"))
            including = _INCLUDING_OPTIONS.match(value[length.end() :])
            if months and months <= MAX_TERM_MONTHS and not including:
                out.add("varighet_mnd", str(months), ev)
            if len(dates) == 1 and re.search(rf"fra\s+{DATE}", value, _F):
                out.add("start", dates[0].isoformat(), ev)  # "36 måneder fra 01.03.2025"
        if _OPTION_KEY.search(value):
            options = _options(value)
            if options is not None:
                out.add("opsjoner", format_options(options), ev)


def _is_heading(passage: PassageLike) -> bool:
    """A heading by style, by Word's list number, by a typed number ("2. Endringer"),
    or a short line of its own without sentence punctuation ("Bakgrunn" in bold)."""
    if getattr(passage, "kind", "") == "heading":
        return True
    if getattr(passage, "kind", "") == "row" or getattr(passage, "cells", ()):
        return False
    text = passage.text.strip()
    if len(text) > 80 or text.endswith((".", ":", ";", ",")):
        return False
    return (
        bool(_NUMBERED_HEADING.match(text))
        or (text.isupper() and len(text) > 3)
        or bool(getattr(passage, "number", ""))
        or (len(text.split()) <= 5 and not any(ch.isdigit() for ch in text))
    )


def _section_name(passage: PassageLike) -> str:
    """A heading's name for a citation, with the number Word shows in front of it; ""
    for a short line that is only probably a heading."""
    text = passage.text.strip()
    number = getattr(passage, "number", "")
    if not (getattr(passage, "kind", "") == "heading" or number or _NUMBERED_HEADING.match(text)):
        return ""
    named = f"{number}. {text}" if number and not text[:1].isdigit() else text
    return named if len(named) <= 70 else named[:69].rstrip() + "…"


def _short(text: str, limit: int = 80) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _cells(passage: PassageLike) -> tuple[str, ...]:
    return tuple(c for c in getattr(passage, "cells", ()) if c)


def is_amendment(document: str, passages: Sequence[PassageLike]) -> bool:
    """A tilleggsavtale or endringsavtale: by its file name or its title."""
    if _AMENDMENT_TITLE.search(document):
        return True
    return any(len(p.text) <= 160 and _AMENDMENT_TITLE.search(p.text) for p in passages[:4])


def signature_date(passages: Sequence[PassageLike]) -> tuple[date, Evidence] | None:
    """The date the contract was signed: the latest date in the signature block ("Sted/
    dato: Bergen, 14.02.2025" under "For Kunden"), since it binds once both have signed."""
    marks = [i for i, p in enumerate(passages) if _SIGN_MARK.search(p.text)]
    first = min([*marks, int(len(passages) * 0.6)]) if passages else 0
    found: list[tuple[date, Evidence]] = []
    for passage in passages[first:]:
        for text in _cells(passage) or (passage.text,):
            plain = english_dates(to_bokmal(text))
            stated = [m.group("d") or m.group("d2") for m in _SIGN_DATE.finditer(plain)]
            if _SIGN_MARK.search(plain) and (last := _DATE_AT_END.search(plain)):
                stated.append(last.group("d"))
            for raw in stated:
                day = parse_text_date(raw)
                if day is not None:
                    found.append((day, Evidence(text, passage.page, passage.paragraph)))
    return max(found, key=lambda pair: pair[0]) if found else None


def extract_terms(passages: Iterable[PassageLike], document: str = "") -> TermProposal:
    """The contract terms stated in `passages`, the first operative statement of each
    winning; background statements count only where nothing else states the field."""
    items = list(passages)
    amendment = is_amendment(document, items)
    out = _Collector(amendment)
    section = ""
    for passage in items:
        if _is_heading(passage):
            out.in_background = bool(_BACKGROUND.search(passage.text))
            section = _section_name(passage) or section
        cells = _cells(passage)
        row = None
        if len(cells) >= 2:
            first = 1 if re.fullmatch(r"[\d.]+", cells[0]) and len(cells) >= 3 else 0
            kind = row_label(cells[first])
            row = (kind, " ".join(cells[first + 1 :])) if kind else None
        elif not cells:
            row = _label_line(passage.text)
        if row is not None:
            out.how = "table"
            _read_row(
                row[0],
                row[1],
                Evidence(passage.text, passage.page, passage.paragraph, document, section),
                out,
            )
            out.how = "sentence"
            continue
        option_context = False
        for text in cells or (passage.text,):
            for sentence in sentences(text):
                evidence = Evidence(sentence, passage.page, passage.paragraph, document, section)
                was = out.in_background
                out.in_background = (
                    was
                    or (amendment and bool(_PAST.search(sentence)))
                    or bool(_DEFAULT_CLAUSE.search(sentence))
                )
                plain = to_bokmal(sentence)
                _read_sentence(plain, option_context, evidence, out)
                out.in_background = was
                option_context = bool(_OPTION_KEY.search(plain)) and not _auto_renewal(plain)
    items_found = [
        (m, passage)
        for passage in items
        if (m := _OPTION_ITEM.match(to_bokmal(passage.text).strip())) is not None
    ]
    lengths = [months_of(number(m.group("n")), m.group("u")) for m, _ in items_found]
    if len(items_found) >= 2 and all(lengths) and not out.in_background:
        item = items_found[0][1]
        listed = Finding(
            "opsjoner",
            format_options(length for length in lengths if length),
            Evidence(
                " / ".join(p.text for _, p in items_found), item.page, item.paragraph, document
            ),
            "amendment" if amendment else "sentence",
        )
        out.found["opsjoner"] = listed
        out.statements["opsjoner"] = [listed]
    found = dict(out.found)
    others = tuple(
        other
        for name, first in out.found.items()
        for other in out.statements.get(name, [])
        if other.value != first.value
    )
    for other in others:
        found[other.field] = found[other.field].checked("conflict")
    if not amendment:
        for name, finding in out.background.items():
            found.setdefault(name, finding.checked("background"))
    if "start" not in found and out.at_signing is not None and not amendment:
        signed = signature_date(items)
        if signed is not None:
            found["start"] = Finding(
                "start",
                signed[0].isoformat(),
                replace(out.at_signing, document=document),
                "amendment" if amendment else "derived",
                f"ved signering; signert: {_short(signed[1].quote)}",
                ("signature",),
            )
    return TermProposal(
        tuple(found[f] for f in FIELDS if f in found),
        "amendment" if amendment else "contract",
        tuple(replace(o, evidence=replace(o.evidence, document=document)) for o in others),
    )
