"""What the terms card would propose for a set of contract files, as plain data, so the
extraction can be checked (and scripted) without Teams or SharePoint.

Files are taken in the order given, a later file counting as newer; a file whose name
says it is signed ("… signert.pdf") counts as signed, as in the SharePoint library.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from skills.contracts.contract_documents import is_signed_name
from skills.contracts.terms import FIELDS, extract_terms
from skills.contracts.terms_review import Choice, DocumentTerms, choose_findings, resolve
from skills.documents.text import UnreadableDocument, read_document
from skills.i18n import Lang


def read_files(
    files: Sequence[tuple[str, bytes]], lang: Lang = "nb"
) -> tuple[list[DocumentTerms], list[str]]:
    """The terms each readable file states, and "name: reason" for the others."""
    documents: list[DocumentTerms] = []
    unread: list[str] = []
    for order, (name, data) in enumerate(files):
        try:
            text = read_document(name, data)
        except UnreadableDocument as exc:
            unread.append(exc.message(lang))
            continue
        proposal = extract_terms(text.passages, name)
        documents.append(DocumentTerms(name, None, is_signed_name(name), proposal, order))
    return documents, unread


def _field(choice: Choice) -> dict[str, Any]:
    found = choice.finding
    return {
        "value": found.value,
        "how": found.how,
        "stated": found.stated,
        "checks": list(found.checks),
        "quote": found.evidence.quote,
        "document": found.evidence.document,
        "page": found.evidence.page,
        "paragraph": found.evidence.paragraph,
        "section": found.evidence.section,
        "conflicts": [
            {
                "document": c.document,
                "value": c.value,
                "quote": c.evidence.quote if c.evidence else "",
                "paragraph": c.evidence.paragraph if c.evidence else None,
            }
            for c in choice.conflicts
        ],
        "superseded": [{"document": c.document, "value": c.value} for c in choice.superseded],
    }


def report_files(files: Sequence[tuple[str, bytes]], lang: Lang = "nb") -> dict[str, Any]:
    """JSON-ready: the documents read, those not read, and per field the proposal."""
    documents, unread = read_files(files, lang)
    used = [d for d in documents if d.has_say]
    resolved = resolve(choose_findings(used)) if used else {}
    return {
        "documents": [
            {"name": d.name, "kind": d.proposal.kind, "signed": d.signed} for d in documents
        ],
        "unread": unread,
        "fields": {f: _field(resolved[f]) for f in FIELDS if f in resolved},
    }
