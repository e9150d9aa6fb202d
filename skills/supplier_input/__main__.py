"""`python -m skills.supplier_input summarize --source DIR [--questions FILE] [--json] [--lang nn]`:
summarise a folder of supplier answers with the deterministic engine."""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
from pathlib import Path

from skills.documents.text import reason_text
from skills.i18n import LANGS, Lang, as_lang, speaking, tr
from skills.supplier_input.model import InputSummary, Point
from skills.supplier_input.sources import load_folder, questions_from_text
from skills.supplier_input.summarize import summarize_input
from skills.supplier_input.workbook import render_workbook


def _line(point: Point, lang: Lang) -> str:
    return f"{point.text} [{'; '.join(ref.label(lang) for ref in point.sources)}]"


def as_text(summary: InputSummary, lang: Lang = "nb") -> str:
    """A readable text for a terminal, in the reader's language."""
    lines = [tr(lang, "Support for the officers' own assessment – not an evaluation."), ""]
    for theme in summary.themes:
        lines.append(
            tr(
                lang,
                "Theme: {theme} ({suppliers})",
                theme=theme.theme,
                suppliers=", ".join(theme.suppliers),
            )
        )
        for stance in theme.stances:
            who = ", ".join(name for name, _ in stance.holders)
            lines.append(f"  {stance.position}: {len(stance.holders)} ({who})")
        lines += ["  " + tr(lang, "agree: {text}", text=a) for a in theme.agree]
        lines += ["  " + tr(lang, "differ: {text}", text=d) for d in theme.differ]
    lines += [tr(lang, "Meaning: {text}", text=i) for i in summary.implications]
    lines += [tr(lang, "Follow up: {text}", text=f) for f in summary.follow_up]
    for supplier in summary.suppliers:
        org = f" (org.nr. {supplier.org_nr})" if supplier.org_nr else ""
        lines += ["", f"== {supplier.name}{org}"]
        lines += [
            "  " + tr(lang, "Consortium member: ") + name + (f" (org.nr. {o})" if o else "")
            for name, o in supplier.members
        ]
        lines += [
            "  " + tr(lang, "{new} replaces the answers in {old}.", new=new, old=old)
            for new, old in supplier.superseded
        ]
        lines += [f"  - {_line(p, lang)}" for p in supplier.summary]
        for number, answer in enumerate(supplier.answers, start=1):
            text = _line(answer.answer, lang) if answer.answer else tr(lang, "Not answered")
            if answer.answer and answer.matched_by == "content":
                text += " " + tr(lang, "(found by content)")
            lines.append("  " + tr(lang, "Question {number}: {text}", number=number, text=text))
        lines += [
            "  " + tr(lang, "Concern: {text}", text=_line(p, lang)) for p in supplier.concerns
        ]
        lines += [
            "  " + tr(lang, "Confidential: {text}", text=_line(p, lang))
            for p in supplier.confidential
        ]
        lines += [
            "  " + tr(lang, "Instruction to an AI: {text}", text=_line(p, lang))
            for p in supplier.injection_flags
        ]
    if summary.not_read:
        lines += ["", tr(lang, "Not read:")]
        lines += [f"  {n.file}: {reason_text(n.reason, lang)}" for n in summary.not_read]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m skills.supplier_input")
    commands = parser.add_subparsers(dest="command", required=True)
    summarize = commands.add_parser("summarize", help="summarise a folder of supplier answers")
    summarize.add_argument("--source", type=Path, required=True, help="folder of answers")
    summarize.add_argument("--questions", type=Path, help="plain text, one question a line")
    summarize.add_argument("--json", action="store_true", help="print JSON")
    summarize.add_argument("--lang", choices=LANGS, default="nb", help="language of the text")
    summarize.add_argument(
        "--xlsx", type=Path, help="also write the supplier × question matrix as .xlsx"
    )
    args = parser.parse_args(argv)
    lang: Lang = as_lang(args.lang)
    source: Path = args.source
    if not source.is_dir():
        print(tr(lang, "Folder {folder} not found.", folder=source), file=sys.stderr)
        return 2
    questions: list[str] = []
    if args.questions:
        try:
            questions = questions_from_text(args.questions.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError) as exc:
            print(
                tr(
                    lang,
                    "Could not read the question file {file}: {reason}",
                    file=args.questions,
                    reason=exc,
                ),
                file=sys.stderr,
            )
            return 2
    documents, not_read = load_folder(source)
    with speaking(lang):
        summary = asyncio.run(summarize_input(documents, questions, not_read=not_read))
    if args.xlsx:
        try:
            args.xlsx.write_bytes(render_workbook(summary, questions, lang))
        except OSError as exc:
            print(
                tr(
                    lang,
                    "Could not write {file}: {reason}",
                    file=args.xlsx,
                    reason=exc.strerror or exc,
                ),
                file=sys.stderr,
            )
            return 2
    if args.json:
        print(json.dumps(summary.as_json(), ensure_ascii=False, indent=2))
    else:
        print(as_text(summary, lang))
    return 0


if __name__ == "__main__":
    sys.exit(main())
