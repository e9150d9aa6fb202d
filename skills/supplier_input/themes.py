"""Themes across suppliers by key phrases, and where suppliers agree and differ.

The themes and the positions inside them are data: the usual questions of a goods
framework agreement (lots, sustainability, pricing, delivery, duration, contract terms).
A position counts for a supplier only in a clause that does not speak against it
("ikke geografi", "vi er imot rabatt på listepris").
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from skills.i18n import N_, Lang, Phrase, tr
from skills.supplier_input.model import SourceRef, Stance, Theme
from skills.supplier_input.text_units import Sentence


@dataclass(frozen=True)
class Position:
    name: str  # a message id
    pattern: re.Pattern[str]


@dataclass(frozen=True)
class ThemeRule:
    key: str
    name: str  # a message id
    pattern: re.Pattern[str]
    positions: tuple[Position, ...] = ()


def _re(text: str) -> re.Pattern[str]:
    return re.compile(text, re.IGNORECASE)


THEMES = (
    ThemeRule(
        "lots",
        N_("Lots"),
        _re(
            r"delkontrakt|produktgrupp|product group|geografi|geograph|\bregion|\blots?\b|"
            r"saml(?:et|a) (?:avtale|kontrakt)|\bdelast\b|deles i"
        ),
        (
            Position(
                N_("lots by product group"),
                _re(r"produktgrupp|product group|varegrupp"),
            ),
            Position(
                N_("geographical lots"),
                _re(r"geografi|geograph|\bregion|nord og sør|by area|landsdel"),
            ),
            Position(
                N_("one single agreement"),
                _re(
                    r"saml(?:et|a) (?:avtale|kontrakt)|uten delkontrakt|"
                    r"one single (?:contract|lot)"
                ),
            ),
            Position(
                N_("a separate lot for special rooms"),
                _re(r"delkontrakt\w* for (?:\w+ og )?spesialrom|spesialrom bør skilles ut"),
            ),
            Position(
                N_("a separate lot for storage"),
                _re(r"delkontrakt\w* for oppbevaring"),
            ),
        ),
    ),
    ThemeRule(
        "sustainability",
        N_("Sustainability and reuse"),
        _re(r"ombruk|miljø|svanemerk|möbelfakta|reservedel|reparasjon|repareres|klima|sirkulær"),
        (
            Position(
                N_("reuse as a minimum requirement"),
                _re(r"ombruk.*minstekrav"),
            ),
            Position(
                N_("reuse as an award criterion"),
                _re(r"ombruk.*tildelingskriteri"),
            ),
            Position(
                N_("eco-labels 'or equivalent' (Möbelfakta, Nordic Swan)"),
                _re(r"möbelfakta|svanemerk"),
            ),
            Position(
                N_("spare parts for ten years"),
                _re(r"reservedel\w* i (?:minst )?ti år"),
            ),
        ),
    ),
    ThemeRule(
        "pricing",
        N_("Pricing model"),
        _re(r"prismodell|listepris|faste? \w*pris|fastpris|timepris|indeks|rabatt|frakt|price"),
        (
            Position(
                N_("fixed prices"),
                _re(r"\bfaste? (?:enhets)?pris|fastpris|fixed (?:unit )?prices?"),
            ),
            Position(
                N_("discount on list price"),
                _re(r"rabatt på \w*\s*\w*\s*listepris"),
            ),
            Position(N_("index-linked adjustment"), _re(r"indeks|index")),
            Position(
                N_("hourly rates"),
                _re(r"timepris\w*|per time\b|hourly rate"),
            ),
        ),
    ),
    ThemeRule(
        "delivery",
        N_("Delivery and assembly"),
        _re(r"leveringstid|levering|montering|montør|avrop|skolestart"),
        (
            Position(
                N_("assembly included in the price"),
                _re(r"montering (?:er )?inkludert|inkludert i prisen"),
            ),
        ),
    ),
    ThemeRule(
        "duration",
        N_("Duration and options"),
        _re(r"\d\s*\+\s*\d|varighet|opsjon|avtaleperiode"),
        (
            Position(N_("2 + 1 + 1 years"), _re(r"2\s*\+\s*1\s*\+\s*1")),
            Position(N_("3 + 1 years"), _re(r"(?<![+\d] )3\s*\+\s*1(?!\s*\+)")),
            Position(N_("2 + 2 years"), _re(r"2\s*\+\s*2")),
        ),
    ),
    ThemeRule(
        "contract_terms",
        N_("Contract terms"),
        _re(r"dagmulkt|reklamasjon|garanti|utgåtte produkt|erstatte\w* utgåtte"),
    ),
)

_AGAINST = _re(
    r"\b(ikke|ikkje|imot|mot|mindre viktig|dårlig|urealistisk|favoriserer|vanskelig\w*|"
    r"utestenge\w*|utelukke\w*|høyere priser|øke prisene|risikopåslag|i praksis bare|for strengt|"
    r"urimelig|smalt utvalg|alene|liten gevinst|lite å vinne|ingen gevinst|frarår\w*|"
    r"unødvendig|lite hensiktsmessig|ser ikke behov|uheldig|ingen grunn|skeptisk\w*|"
    r"økte kostnader|dyrere|fordyr\w*|not|against|no benefit|"
    r"little benefit|discourage\w*)\b"
)
_CLAUSES = re.compile(r",|;|\bmen\b|\bmens\b|\bbut\b")
# "A rather than B": a clause against B.
_INSTEAD = re.compile(
    r"\s+(?:i stedet for|istedenfor|fremfor|framfor|heller enn|snarere enn|rather than|"
    r"instead of)\s+",
    re.IGNORECASE,
)
_LEAD_TIME = re.compile(r"(\d+\s*[–-]\s*\d+|\d+)\s+(?:ukers?|uker|weeks?)", re.IGNORECASE)


def _clauses(text: str) -> list[str]:
    return [c for c in _CLAUSES.split(_INSTEAD.sub(", ikke ", text)) if c.strip()]


def held_positions(rule: ThemeRule, sentence: str) -> set[int]:
    """The positions a sentence speaks for."""
    held: set[int] = set()
    for clause in _clauses(sentence):
        if _AGAINST.search(clause):
            continue
        held.update(i for i, p in enumerate(rule.positions) if p.pattern.search(clause))
    return held


def _names(names: Sequence[str]) -> str:
    return ", ".join(names)


def find_themes(
    per_supplier: Sequence[tuple[str, Sequence[Sentence]]],
    lang: Lang,
    answered: Sequence[Mapping[str, Sequence[Sentence]]] = (),
) -> list[Theme]:
    """Themes that at least one supplier raises, most-mentioned first.

    Stances are counted from a supplier's answer to the question about the theme when it
    answered one (`answered[i][theme key]`), else from all its sentences; a supplier is
    counted once per position, with the sentence that says it."""
    themes: list[tuple[int, int, Theme]] = []
    for order, rule in enumerate(THEMES):
        suppliers: list[str] = []
        sources: list[SourceRef] = []
        holders: list[list[tuple[str, SourceRef]]] = [[] for _ in rule.positions]
        lead_times: list[str] = []
        for index, (name, found) in enumerate(per_supplier):
            hits = [s for s in found if rule.pattern.search(s.text)]
            if not hits:
                continue
            suppliers.append(name)
            sources.extend(dict.fromkeys(s.ref for s in hits[:2]))
            own = answered[index].get(rule.key) if index < len(answered) else None
            said: dict[int, SourceRef] = {}
            for sentence in own or hits:
                for position in sorted(held_positions(rule, sentence.text)):
                    said.setdefault(position, sentence.ref)
            for position, ref in said.items():
                holders[position].append((name, ref))
            if rule.key == "delivery":
                times = [m.group(1) for s in hits for m in _LEAD_TIME.finditer(s.text)]
                if times:
                    lead_times.append(f"{name}: {times[0]} " + tr(lang, "weeks"))
        if not suppliers:
            continue
        label = tr(lang, rule.name)
        stances = tuple(
            Stance(tr(lang, p.name), tuple(h))
            for p, h in zip(rule.positions, holders, strict=True)
            if h
        )
        agree = [
            tr(
                lang,
                "{n} suppliers favour {position}: {names}",
                n=len(h),
                position=Phrase(p.name),
                names=_names([n for n, _ in h]),
            )
            for p, h in zip(rule.positions, holders, strict=True)
            if len(h) >= 2
        ]
        held_by = [(p, h) for p, h in zip(rule.positions, holders, strict=True) if h]
        differ = []
        if len(held_by) >= 2 and rule.key in {"lots", "pricing", "duration"}:
            sides = [f"{tr(lang, p.name)} ({_names([n for n, _ in h])})" for p, h in held_by]
            differ.append(tr(lang, "Different views: ") + tr(lang, " versus ").join(sides))
        if len(set(lead_times)) >= 2:
            differ.append(tr(lang, "Stated lead times: ") + "; ".join(lead_times))
        theme = Theme(
            label,
            tuple(suppliers),
            tuple(dict.fromkeys(sources)),
            tuple(agree),
            tuple(differ),
            stances,
        )
        themes.append((-len(suppliers), order, theme))
    return [t for _, _, t in sorted(themes, key=lambda item: (item[0], item[1]))]


def theme_of_question(question: str) -> str:
    """The theme a question asks about ("Prismodell: …" -> "pricing"), or ""."""
    for rule in THEMES:
        if rule.pattern.search(question):
            return rule.key
    return ""
