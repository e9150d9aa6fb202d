"""The CPV list (Common Procurement Vocabulary, 2008) with bokmål and English names, the
codes of the special regime for social and other specific services, and suggestions of
a main code from the brief's own words.

Data in `data/` (see data/README.md for sources and licence): `cpv.csv` (9,454 codes),
`cpv_special_regime.txt` (Annex XIV codes), `nuts_no.csv` (Norway's NUTS-3 regions).
"""

from __future__ import annotations

import csv
import math
import re
from collections import Counter
from dataclasses import dataclass
from functools import cache
from pathlib import Path

DATA = Path(__file__).parent / "data"
_CODE = re.compile(r"^\s*(\d{8})(?:\s*-\s*\d)?\s*$")
_WORD = re.compile(r"[a-zæøåäöüé]+")
# Words that say nothing about what is bought.
_STOP = frozenset(
    [
        "og",
        "i",
        "av",
        "for",
        "til",
        "med",
        "på",
        "om",
        "en",
        "et",
        "ei",
        "den",
        "det",
        "de",
        "som",
        "er",
        "å",
        "fra",
        "ved",
        "eller",
        "the",
        "of",
        "and",
        "for",
        "to",
        "in",
        "on",
        "with",
        "by",
        "a",
        "an",
        "services",
        "tjenester",
        "tjeneste",
        "behov",
        "vi",
        "skal",
        "ny",
        "nye",
        "nytt",
        "kjøp",
        "anskaffelse",
        "anskaffelser",
        "avtale",
        "rammeavtale",
        "levering",
        "leveranse",
        "relaterte",
        "related",
    ]
)


@dataclass(frozen=True)
class CpvCode:
    code: str
    name_nb: str
    name_en: str

    def name(self, lang: str = "nb") -> str:
        return self.name_en if lang == "en" else self.name_nb


def normalise_code(text: str) -> str | None:
    """`60130000`, `60130000-8` or `6013 0000` -> `60130000`; None if not a CPV code form."""
    match = _CODE.match(text.replace(" ", "") if len(text) <= 12 else text)
    return match.group(1) if match else None


def _words(text: str) -> list[str]:
    return [w for w in _WORD.findall(text.lower()) if w not in _STOP and len(w) > 2]


def _related(query: str, word: str) -> bool:
    """Norwegian compounds: `renhold` finds `renholdstjenester`, `transport` finds
    `persontransport`; short words only match whole."""
    if query == word:
        return True
    if min(len(query), len(word)) < 5:
        return False
    return word.startswith(query) or word.endswith(query)


class CpvList:
    def __init__(self, codes: list[CpvCode], special: frozenset[str]) -> None:
        self._codes = {c.code: c for c in codes}
        self._special = special
        self._words = [(c, set(_words(f"{c.name_nb} {c.name_en}"))) for c in codes]
        counts: Counter[str] = Counter()
        for _, words in self._words:
            counts.update(words)
        self._idf = {w: math.log(len(codes) / n) for w, n in counts.items()}

    def __len__(self) -> int:
        return len(self._codes)

    def get(self, text: str) -> CpvCode | None:
        code = normalise_code(text)
        return self._codes.get(code) if code else None

    def is_special_regime(self, code: str) -> bool:
        """Health, social and other specific services (Annex XIV): their own threshold."""
        return code in self._special

    def suggest(self, title: str, need: str = "", limit: int = 3) -> list[CpvCode]:
        """The codes whose names share the most telling words with the title (counted
        twice) and the need. Nothing shared, nothing suggested: no plausible guess."""
        wanted: Counter[str] = Counter()
        for word in _words(title):
            wanted[word] += 2
        for word in _words(need):
            wanted[word] += 1
        if not wanted:
            return []
        scored: list[tuple[float, str, CpvCode]] = []
        for code, words in self._words:
            score = 0.0
            for query, weight in wanted.items():
                # A whole word counts fully, part of a compound less.
                best = max(
                    (
                        self._idf[w] * (1.0 if w == query else 0.7)
                        for w in words
                        if _related(query, w)
                    ),
                    default=0.0,
                )
                score += weight * best
            if score > 0:
                # Among equals, the more general code (fewer significant digits) first.
                scored.append((score / (1 + 0.05 * len(words)), code.code, code))
        scored.sort(key=lambda item: (-item[0], len(item[1].rstrip("0")), item[1]))
        return [code for _, _, code in scored[:limit]]


@cache
def cpv_list() -> CpvList:
    with (DATA / "cpv.csv").open(encoding="utf-8", newline="") as handle:
        codes = [
            CpvCode(r["code"], r["name_nb"].strip(), r["name_en"].strip())
            for r in csv.DictReader(handle)
        ]
    special = frozenset((DATA / "cpv_special_regime.txt").read_text(encoding="utf-8").split())
    return CpvList(codes, special)


@cache
def nuts_regions() -> dict[str, str]:
    """Norway's NUTS-3 codes and names (place of performance, BT-5071)."""
    with (DATA / "nuts_no.csv").open(encoding="utf-8", newline="") as handle:
        return {row["code"]: row["name"] for row in csv.DictReader(handle)}
