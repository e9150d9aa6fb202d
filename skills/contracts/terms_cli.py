"""`python -m skills.contracts terms`: the terms card's proposal on the command line."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from skills.contracts.terms import FIELDS
from skills.contracts.terms_report import report_files
from skills.contracts.terms_review import check_label, field_label, how_label
from skills.i18n import Lang, tr


def _where(found: dict[str, Any], lang: Lang) -> str:
    parts = [str(found["document"])]
    if found["section"]:
        parts.append(tr(lang, "under “{section}”", section=found["section"]))
    if found["page"]:
        parts.append(tr(lang, "p. {page}", page=found["page"]))
    parts.append(tr(lang, "para. {paragraph}", paragraph=found["paragraph"]))
    return ", ".join(parts)


def print_terms(paths: list[Path], as_json: bool, lang: Lang) -> int:
    """Exit 0 when something was read, 2 when no file could be opened or read."""
    files: list[tuple[str, bytes]] = []
    for path in paths:
        try:
            files.append((path.name, path.read_bytes()))
        except OSError as exc:
            print(
                tr(lang, "Cannot open {path}: ", path=path) + str(exc.strerror or exc),
                file=sys.stderr,
            )
            return 2
    report = report_files(files, lang)
    if as_json:
        print(json.dumps(report, ensure_ascii=False, indent=2))
    else:
        _print_text(report, lang)
    return 0 if report["documents"] else 2


def _print_text(report: dict[str, Any], lang: Lang) -> None:
    for document in report["documents"]:
        kind = tr(lang, "amendment") if document["kind"] == "amendment" else ""
        signed = tr(lang, "signed") if document["signed"] else ""
        marks = ", ".join(m for m in (kind, signed) if m)
        print(tr(lang, "Read: ") + document["name"] + (f" ({marks})" if marks else ""))
    for unread in report["unread"]:
        print(tr(lang, "Not read: ") + unread, file=sys.stderr)
    fields = report["fields"]
    if report["documents"] and not fields:
        print(tr(lang, "Found no contract period, options or notice periods."))
    for name in FIELDS:
        found = fields.get(name)
        if found is None:
            continue
        stated = f" ({found['stated']})" if found["stated"] else ""
        print(f"{field_label(name, lang)}: {found['value'] or '–'}{stated}")
        print(f"    {how_label(found['how'], lang)}; {_where(found, lang)}")
        print(f"    «{found['quote']}»")
        for check in found["checks"]:
            print("    " + tr(lang, "Check: ") + check_label(check, lang))
        for other in found["conflicts"]:
            note = tr(lang, "Note: ")
            print(f"    {note}{other['document']}: {other['value']}")
        for old in found["superseded"]:
            print("    " + tr(lang, "Superseded: ") + f"{old['document']}: {old['value']}")
