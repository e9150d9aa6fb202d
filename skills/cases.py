"""Case folders under Saker/ ("2026-014 Skolemøbler") named in a request: one matching
rule for every skill, so the market dialogue files an invitation in the folder where a
later "oppsummer innspill skolemøbler" looks for the answers."""

from __future__ import annotations

import re
from collections.abc import Sequence

from skills.words import edit_distance, word_matches

_CASE_ID = re.compile(r"\b\d{4}-\d{2,4}\b")
_WORD = re.compile(r"[a-zæøå0-9]+")
_STOP = {
    "oppsummer",
    "oppsummering",
    "summarise",
    "summarize",
    "innspill",
    "input",
    "supplier",
    "suppliers",
    "leverandør",
    "leverandører",
    "leverandørinnspill",
    "fra",
    "i",
    "til",
    "om",
    "for",
    "av",
    "the",
    "from",
    "in",
    "of",
    "on",
    "rammeavtale",
    "rammeavtaler",
    "avtale",
    "kontrakt",
    "anskaffelse",
    "innkjøp",
    "kjøp",
    "levering",
    "markedsdialog",
    "markedsdialogen",
    "market",
    "dialogue",
    "sak",
    "saken",
    "case",
    "lag",
    "en",
    "et",
    "please",
    "vennligst",
}


def _words(text: str) -> set[str]:
    return set(_WORD.findall(text.lower()))


def match_cases(request: str, folders: Sequence[str]) -> list[str]:
    """Case folders the request names: by case number, else by all its other words."""
    ids = _CASE_ID.findall(request)
    if ids:
        return [f for f in folders if any(f.startswith(i) or i in f for i in ids)]
    wanted = {w for w in _words(request) if w not in _STOP and len(w) > 2}
    if not wanted:
        return []
    found = []
    for folder in folders:
        words = _words(folder)
        if all(any(w in fw or fw in w for fw in words if len(fw) > 2) for w in wanted):
            found.append(folder)
    return found


def nearest_cases(request: str, folders: Sequence[str], limit: int = 5) -> list[str]:
    """Cases a person may have meant when the request names none: a case number one or
    two keystrokes away, or folders sharing a word (typos allowed), best first."""
    ids = _CASE_ID.findall(request)
    scored: list[tuple[int, str]] = []
    if ids:
        for folder in folders:
            found = _CASE_ID.findall(folder)
            if found and (distance := edit_distance(ids[0], found[0], 2)) <= 2:
                scored.append((distance, folder))
    else:
        wanted = [w for w in _words(request) if w not in _STOP and len(w) > 3]
        for folder in folders:
            words = [w for w in _words(folder) if len(w) > 3]
            hits = sum(any(word_matches(w, fw) or fw.startswith(w) for fw in words) for w in wanted)
            if hits:
                scored.append((-hits, folder))
    scored.sort()
    return [folder for _, folder in scored[:limit]]
