"""What a purchasing-analysis question names, read without a model.

"innkjøpsanalyse 2026 Østfjord" -> year 2026, entity "østfjord"; "avtalelojalitet
renhold" -> category "renhold"; "kjøp fra 987654325 i 2026" -> supplier "987654325",
year 2026. The words that frame the question are dropped; what is left names the thing.
"""

from __future__ import annotations

import re
from typing import Any

from skills.words import normalize

_YEAR = re.compile(r"\b(20\d\d)\b")
_FRAME = {
    # bokmål and nynorsk
    "innkjøpsanalyse", "innkjøpsanalysen", "analyse", "analysen", "av", "for", "i", "om",
    "avtalelojalitet", "avtalelojaliteten", "lojalitet", "kjøp", "kjøpt", "kjøpte", "innkjøp",
    "fra", "frå", "hva", "kva", "kjøper", "vi", "mest", "uten", "utan", "avtale", "år",
    "leverandør", "leverandøren", "kategori", "kategorien", "hvor", "kor", "mye", "mykje",
    "avtaledekning", "avtaledekninga", "avtaledekningen", "coverage",
    "har", "handlet", "handla", "vis", "alle", "enheter", "einingar",
    # English
    "purchasing", "spend", "analysis", "of", "in", "contract", "loyalty", "purchases",
    "from", "what", "do", "we", "buy", "most", "without", "a", "the", "supplier",
    "category", "how", "much", "did", "bought", "show", "all", "entities", "year",
}  # fmt: skip


def _year(text: str) -> dict[str, Any]:
    found = _YEAR.search(text)
    return {"year": found.group(1)} if found else {}


def _rest(text: str) -> str:
    words = [w for w in normalize(_YEAR.sub(" ", text)) if w not in _FRAME]
    return " ".join(words)


def analysis_arguments(text: str) -> dict[str, Any]:
    rest = _rest(text)
    return {**_year(text), **({"entity": rest} if rest else {})}


def category_arguments(text: str) -> dict[str, Any]:
    rest = _rest(text)
    return {**_year(text), **({"category": rest} if rest else {})}


def supplier_arguments(text: str) -> dict[str, Any]:
    digits = re.sub(r"\s", "", text)
    org = re.search(r"(?<!\d)(\d{9})(?!\d)", digits)
    if org is not None:
        return {**_year(text), "supplier": org.group(1)}
    rest = _rest(text)
    return {**_year(text), **({"supplier": rest} if rest else {})}
