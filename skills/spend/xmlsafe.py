"""What the SAF-T and EHF readers share: a parser that never reaches out, and one refusal.

Files come from users' uploads, so nothing in them may open a connection, read a local
file or expand an entity: entities are left unresolved, DTDs are not loaded and the
network is off. `huge_tree` lifts libxml2's limits on text and depth only, which a
county's year of ledger lines can exceed.
"""

from __future__ import annotations

from typing import Any

from lxml import etree

from skills.spend.store import LedgerFileError

PARSER_OPTIONS: dict[str, bool] = {
    "resolve_entities": False,
    "no_network": True,
    "load_dtd": False,
    "huge_tree": True,
}
_MAX_REASON = 160  # libxml2 messages name whole namespaces; the user needs the start


def shorten(text: str) -> str:
    """A parser message made readable: namespaces dropped, cut to a sentence's length."""
    for namespace in ("{urn:StandardAuditFile-Taxation-Financial:NO}",):
        text = text.replace(namespace, "")
    text = " ".join(text.split())
    return text if len(text) <= _MAX_REASON else text[: _MAX_REASON - 1] + "…"


def not_xml(name: str, error: etree.XMLSyntaxError) -> LedgerFileError:
    return LedgerFileError(
        "ledger",
        "{name} is not well-formed XML (line {line}): {reason}",
        name=name,
        line=error.lineno or 1,
        reason=shorten(str(error.msg or error)),
    )


def text(element: Any, path: str, namespaces: dict[str, str]) -> str:
    """The stripped text at `path` under `element`, or "" when it is absent."""
    found = element.findtext(path, default="", namespaces=namespaces)
    return str(found).strip()
