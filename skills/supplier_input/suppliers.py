"""Which supplier sent each document, so several documents from one supplier become one.

A supplier is known by its organisation number (mod-11 checked) and company name as
written in the text or signature, else by the sender's mail domain. A free-mail domain
(gmail.com, online.no ...) is shared by thousands of small firms, so there the whole sender
address is the key instead; and two valid organisation numbers that differ are always two
suppliers, whatever their names. The office's own meeting notes ("Referat en-til-en-møte -
<supplier>") belong to the supplier they are about.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from skills.contracts.orgnr import is_valid_orgnr, normalize_orgnr
from skills.supplier_input.model import SourceDocument

_ORGNR = re.compile(
    r"(?:org(?:anisasjons)?\.?\s*(?:nr|nummer)\.?|organi[sz]ation\s+number)\s*[:.]?\s*"
    r"((?:NO\s*)?\d{3}\s?\d{3}\s?\d{3})(?:\s*MVA)?",
    re.IGNORECASE,
)
# "NO 982 525 608 MVA" on its own, as invoices and signatures print it.
_VAT_NUMBER = re.compile(r"\bNO\s?(\d{3}\s?\d{3}\s?\d{3})\s?MVA\b")
_WORD = r"(?:[A-ZÆØÅÄÖ][\wæøåÆØÅäöÄÖé&'\-]*|og|&|of|and)"
# Words of a name on one line: a company name never runs across a line break.
_COMPANY = re.compile(
    rf"\b({_WORD}(?:[ \t]+{_WORD}){{0,5}}[ \t]+(?:AS|ASA|SA|ANS|DA|ENK|NUF|AB|Oy|GmbH|Ltd))\b"
)
_CONSORTIUM = re.compile(
    r"\b(konsorti\w*|sammenslutning\w*|samarbeid mellom|felles innspill|felles svar|"
    r"consorti\w*|joint (?:response|answer|submission))\b",
    re.IGNORECASE,
)
# An organisation number after these is someone else's: a customer, a reference, a
# subcontractor, a public body.
_SOMEONE_ELSE = re.compile(
    r"\b(kommune|fylkeskommune|kunde\w*|referanse\w*|oppdragsgiver\w*|underleverandør\w*|"
    r"sammen med|i samarbeid med|leverer til|customer\w*|client\w*|reference\w*|"
    r"subcontractor\w*|helseforetak|etaten|direktorat\w*)\b",
    re.IGNORECASE,
)
_MEETING_NOTES = re.compile(r"referat\b.*?\s[-–]\s+(.+?)\s*(?:\.(?:docx|pdf|txt))?$", re.IGNORECASE)
_ASCII = str.maketrans({"æ": "ae", "ø": "o", "å": "a", "ä": "a", "ö": "o", "é": "e"})
# Mail providers anyone can sign up to: their domain says nothing about the sender's firm.
FREE_MAIL_DOMAINS = frozenset(
    [
        "gmail.com",
        "googlemail.com",
        "outlook.com",
        "outlook.no",
        "hotmail.com",
        "hotmail.no",
        "live.com",
        "live.no",
        "msn.com",
        "yahoo.com",
        "yahoo.no",
        "ymail.com",
        "icloud.com",
        "me.com",
        "mac.com",
        "proton.me",
        "protonmail.com",
        "pm.me",
        "online.no",
        "frisurf.no",
        "start.no",
        "broadpark.no",
        "getmail.no",
        "c2i.net",
        "lyse.net",
        "altibox.no",
        "aol.com",
        "gmx.com",
        "gmx.net",
        "mail.com",
        "zoho.com",
        "yandex.com",
    ]
)
_LEADING = {
    "fra",
    "from",
    "til",
    "to",
    "hei",
    "hilsen",
    "mvh",
    "takk",
    "vedlagt",
    "med",
    "se",
    "innspill",
}


@dataclass(frozen=True)
class Identity:
    name: str
    org_nr: str
    domain: str  # the sender's company mail domain; the whole address for free mail
    # A consortium's other members, (name, org. no.), the lead being `name`.
    members: tuple[tuple[str, str], ...] = ()


def fold(name: str) -> str:
    """A name as a key: lower case, ASCII letters and digits only ("Møbelhuset Vest AS" ->
    "mobelhusetvestas")."""
    text = unicodedata.normalize("NFC", name).lower().translate(_ASCII)
    return "".join(ch for ch in text if ch.isalnum())


def sender_key(sender: str) -> str:
    """What identifies a sender: its mail domain, or the whole address at a free-mail
    provider (`ola@gmail.com` is not the same firm as `kari@gmail.com`)."""
    if "@" not in sender:
        return ""
    address = sender.strip().strip("<>").lower()
    domain = address.rpartition("@")[2]
    return address if domain in FREE_MAIL_DOMAINS else domain


def _candidates(text: str) -> list[str]:
    """Company names in `text`, each with the words a sentence may put before it removed."""
    found = []
    for match in _COMPANY.finditer(text):
        words = match.group(1).split()
        while len(words) > 2 and words[0].lower() in _LEADING:
            words = words[1:]
        while len(words) > 2 and words[0].lower() in ("og", "and", "&", "of"):
            words = words[1:]
        found.append(" ".join(words))
    return found


def _best_name(candidates: Sequence[str], text: str, domain: str) -> str:
    """The candidate (or a shorter tail of one) that the text repeats most; one that matches
    the sender's domain wins."""
    forms: set[str] = set()
    for candidate in candidates:
        words = candidate.split()
        forms.update(" ".join(words[i:]) for i in range(len(words) - 1))
    if not forms:
        return ""
    key = fold(domain.split(".")[0]) if domain and "@" not in domain else ""

    def score(form: str) -> tuple[int, int, int]:
        core = fold(form.rsplit(" ", 1)[0])
        matches_domain = int(bool(key) and bool(core) and (core in key or key in core))
        return matches_domain, text.count(form), len(form)

    return max(sorted(forms), key=score)


def identify(documents: Sequence[SourceDocument]) -> Identity:
    """The identity of documents known to come from one sender (a mail and its attachments)."""
    texts = [p.text for d in documents for p in d.passages]
    text = "\n".join(texts)
    domain = next((sender_key(d.sender) for d in documents if d.sender), "")
    for document in documents:
        notes = _MEETING_NOTES.search(document.name.rsplit("/", 1)[-1])
        if notes:
            about = notes.group(1).strip()
            return Identity(about, _org_nr(text, about), "")
    numbered = _sender_first(_numbered_companies(text), domain)
    org_nr = numbered[0][1] if numbered else ""
    near_orgnr = [name for name, _ in numbered if name]
    # The name printed right before the org. no. is the name, whole ("KB Renhold og
    # Service AS"); without one, the name the text repeats most.
    name = near_orgnr[0] if near_orgnr else _best_name(_candidates(text), text, domain)
    members: tuple[tuple[str, str], ...] = ()
    distinct = list(dict.fromkeys((n, o) for n, o in numbered if n))
    if _CONSORTIUM.search(text) and len({o for _, o in distinct}) > 1:
        lead = next((pair for pair in distinct if pair[0] == name), distinct[0])
        name, org_nr = lead
        members = tuple(pair for pair in distinct if pair[1] != lead[1])
    fallback = documents[0].group or documents[0].name
    return Identity(name or domain or fallback, org_nr, domain, members)


def _sender_first(found: list[tuple[str, str]], domain: str) -> list[tuple[str, str]]:
    """The company that matches the sender's mail domain first: it is the one writing."""
    key = fold(domain.split(".")[0]) if domain and "@" not in domain else ""
    if not key:
        return found

    def matches(name: str) -> bool:
        core = fold(name.rsplit(" ", 1)[0])
        return bool(core) and (core in key or key in core)

    return sorted(found, key=lambda pair: not matches(pair[0]))


def _numbered_companies(text: str) -> list[tuple[str, str]]:
    """(company named just before, valid org. no.) for every organisation number in the
    text, in order: "Org.nr: 987 654 325", "org.nr. 987654325", "NO 987654325 MVA"."""
    found: list[tuple[int, str, str]] = []
    seen: set[int] = set()
    for pattern in (_ORGNR, _VAT_NUMBER):
        for match in pattern.finditer(text):
            if any(abs(match.start() - s) < 20 for s in seen):
                continue
            digits = normalize_orgnr(match.group(1)).removeprefix("NO")
            if not is_valid_orgnr(digits):
                continue
            seen.add(match.start())
            before = text[max(0, match.start() - 80) : match.start()]
            names = _candidates(before)
            # Only the clause the number stands in says whose it is ("… Bergen kommune
            # (org.nr. …)"); a word inside the company's own name ("Referanse Rens AS")
            # does not count.
            clause = re.split(r"[.;!?]\s|\n", before)[-1]
            if names and clause.rstrip(" ,:(–-").endswith(names[-1]):
                clause = clause[: clause.rfind(names[-1])]
            if _SOMEONE_ELSE.search(clause) and not _CONSORTIUM.search(before):
                continue
            found.append((match.start(), names[-1] if names else "", digits))
    return [(name, digits) for _, name, digits in sorted(found)]


def _org_nr(text: str, name: str) -> str:
    """The valid organisation number printed right after `name`, if any."""
    for match in _ORGNR.finditer(text):
        digits = normalize_orgnr(match.group(1)).removeprefix("NO")
        before = text[max(0, match.start() - 80) : match.start()]
        if is_valid_orgnr(digits) and fold(name) in fold(before):
            return digits
    return ""


def group_by_supplier(
    documents: Sequence[SourceDocument],
) -> list[tuple[Identity, list[SourceDocument]]]:
    """Documents per supplier, in the order each supplier first appears."""
    units: list[list[SourceDocument]] = []
    by_group: dict[str, list[SourceDocument]] = {}
    for document in documents:
        if document.group:
            if document.group not in by_group:
                by_group[document.group] = []
                units.append(by_group[document.group])
            by_group[document.group].append(document)
        else:
            units.append([document])
    merged: list[tuple[Identity, list[SourceDocument]]] = []
    keys: dict[str, int] = {}
    for unit in units:
        identity = identify(unit)
        # The org. no. first, then the name, then the sender (a correction from the same
        # address is the same supplier, even if it names no company).
        unit_keys = [k for k in (identity.org_nr, fold(identity.name), identity.domain) if k]
        index = next(
            (
                keys[k]
                for k in unit_keys
                if k in keys and _same_or_unknown(merged[keys[k]][0].org_nr, identity.org_nr)
            ),
            None,
        )
        if index is None:
            index = len(merged)
            merged.append((identity, []))
        else:
            known = merged[index][0]
            # A name read from the text beats the sender's domain used for want of one.
            named = (
                identity.name
                if known.name == known.domain and identity.name != identity.domain
                else known.name
            )
            merged[index] = (
                Identity(
                    named,
                    known.org_nr or identity.org_nr,
                    known.domain,
                    known.members or identity.members,
                ),
                merged[index][1],
            )
        merged[index][1].extend(unit)
        for key in unit_keys:
            keys.setdefault(key, index)
    return merged


def _same_or_unknown(org_nr: str, other: str) -> bool:
    return not org_nr or not other or org_nr == other
