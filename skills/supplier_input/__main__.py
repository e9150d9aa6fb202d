"""`python -m skills.supplier_input summarize --source DIR [--questions FILE] [--json]`:
summarise a folder of supplier answers with the deterministic engine."""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
from pathlib import Path

from skills.documents.text import reason_text
from skills.supplier_input.model import InputSummary, Point
from skills.supplier_input.sources import load_folder, questions_from_text
from skills.supplier_input.summarize import summarize_input
from skills.supplier_input.workbook import render_workbook


def _line(point: Point) -> str:
    return f"{point.text} [{'; '.join(ref.label() for ref in point.sources)}]"


def as_text(summary: InputSummary) -> str:
    """A readable text in bokmål for a terminal."""
    lines = [
        "Støtte til saksbehandlernes egen vurdering – ikke en evaluering.",
        "",
    ]
    for theme in summary.themes:
        lines.append(f"Tema: {theme.theme} ({', '.join(theme.suppliers)})")
        for stance in theme.stances:
            who = ", ".join(name for name, _ in stance.holders)
            lines.append(f"  {stance.position}: {len(stance.holders)} ({who})")
        lines += [f"  enighet: {a}" for a in theme.agree]
        lines += [f"  ulikt syn: {d}" for d in theme.differ]
    lines += [f"Betydning: {i}" for i in summary.implications]
    lines += [f"Følg opp: {f}" for f in summary.follow_up]
    for supplier in summary.suppliers:
        org = f" (org.nr. {supplier.org_nr})" if supplier.org_nr else ""
        lines += ["", f"== {supplier.name}{org}"]
        lines += [
            f"  Konsortiemedlem: {name}" + (f" (org.nr. {o})" if o else "")
            for name, o in supplier.members
        ]
        lines += [f"  «{new}» erstatter svarene i «{old}»" for new, old in supplier.superseded]
        lines += [f"  - {_line(p)}" for p in supplier.summary]
        for number, answer in enumerate(supplier.answers, start=1):
            text = _line(answer.answer) if answer.answer else "Ikke besvart"
            if answer.answer and answer.matched_by == "content":
                text += " (funnet etter innhold)"
            lines.append(f"  Spørsmål {number}: {text}")
        lines += [f"  Bekymring: {_line(p)}" for p in supplier.concerns]
        lines += [f"  Konfidensielt: {_line(p)}" for p in supplier.confidential]
        lines += [f"  KI-instruks: {_line(p)}" for p in supplier.injection_flags]
    if summary.not_read:
        lines += ["", "Ikke lest:"]
        lines += [f"  {n.file}: {reason_text(n.reason, 'nb')}" for n in summary.not_read]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m skills.supplier_input")
    commands = parser.add_subparsers(dest="command", required=True)
    summarize = commands.add_parser("summarize", help="summarise a folder of supplier answers")
    summarize.add_argument("--source", type=Path, required=True, help="folder of answers")
    summarize.add_argument("--questions", type=Path, help="plain text, one question a line")
    summarize.add_argument("--json", action="store_true", help="print JSON")
    summarize.add_argument(
        "--xlsx", type=Path, help="also write the supplier × question matrix as .xlsx"
    )
    args = parser.parse_args(argv)
    source: Path = args.source
    if not source.is_dir():
        print(f"Fant ikke mappen {source}.", file=sys.stderr)
        return 2
    questions: list[str] = []
    if args.questions:
        try:
            questions = questions_from_text(args.questions.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError) as exc:
            print(f"Kunne ikke lese spørsmålsfilen {args.questions}: {exc}", file=sys.stderr)
            return 2
    documents, not_read = load_folder(source)
    summary = asyncio.run(summarize_input(documents, questions, not_read=not_read))
    if args.xlsx:
        try:
            args.xlsx.write_bytes(render_workbook(summary, questions, "nb"))
        except OSError as exc:
            print(f"Kunne ikke skrive {args.xlsx}: {exc.strerror or exc}", file=sys.stderr)
            return 2
    if args.json:
        print(json.dumps(summary.as_json(), ensure_ascii=False, indent=2))
    else:
        print(as_text(summary))
    return 0


if __name__ == "__main__":
    sys.exit(main())
