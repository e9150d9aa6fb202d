"""Deadlines from a register file, for scripts and batch reports:

    python -m skills.contracts deadlines --register FILE --today YYYY-MM-DD \
        [--within DAYS] [--json] [--columns MAPPING] [--lang nb|nn|en]

the terms the Teams card would propose from contract documents (a later file is newer;
"signert" in a name marks it signed):

    python -m skills.contracts terms --file CONTRACT.docx [--file AMENDMENT.pdf …] [--json]

and the register as an OCDS 1.1 release package (JSON on stdout):

    python -m skills.contracts ocds --register FILE [--today YYYY-MM-DD] \
        [--ocid-prefix ocds-xxxxxx] [--publisher NAME] [--buyer NAME] [--buyer-org-nr N]

`--columns` names the office's own columns once: `kontrakt_id=Avtalenr; slutt=Utløper`,
or a file holding such lines (or a JSON object). Exit codes: 0 done, 2 the register
(or the mapping) could not be read, with the reason on stderr in `--lang`.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from pathlib import Path

from skills.contracts.columns import parse_mapping
from skills.contracts.engine import upcoming
from skills.contracts.model import RowProblem
from skills.contracts.ocds import Buyer, release_package
from skills.contracts.queries import kind_text
from skills.contracts.register_files import read_register_file
from skills.contracts.terms_cli import print_terms
from skills.i18n import LANGS, DateText, InputError, Lang, tr


def _common(cmd: argparse.ArgumentParser) -> None:
    cmd.add_argument("--register", type=Path, required=True, help=".csv or .xlsx")
    cmd.add_argument("--today", type=date.fromisoformat, default=date.today())
    cmd.add_argument(
        "--columns", default="", help="your own column names: 'kontrakt_id=Avtalenr; slutt=Utløper'"
    )
    cmd.add_argument("--lang", choices=LANGS, default="nb", help="language of messages")


def _problem_json(problem: RowProblem, lang: Lang) -> dict[str, object]:
    return {
        "row": problem.row,
        "column": problem.column,
        "value": problem.value,
        "contract_id": problem.contract_id,
        "sheet": problem.sheet,
        "message": problem.reason.say(lang),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m skills.contracts")
    sub = parser.add_subparsers(dest="command", required=True)
    cmd = sub.add_parser("deadlines", help="list the register's deadlines")
    _common(cmd)
    cmd.add_argument("--within", type=int, default=365, help="days ahead (default 365)")
    cmd.add_argument("--json", action="store_true")
    ocds = sub.add_parser("ocds", help="print the register as an OCDS 1.1 release package")
    _common(ocds)
    ocds.add_argument("--ocid-prefix", default="ocds-local", help="your registered prefix")
    ocds.add_argument("--publisher", default="Anskaffelsesassistenten")
    ocds.add_argument("--buyer", default="Felles innkjøp for fylkeskommunene")
    ocds.add_argument("--buyer-org-nr", default="", help="the buyer's organisation number")
    terms = sub.add_parser("terms", help="read contract terms from .docx/.pdf files")
    terms.add_argument(
        "--file", type=Path, action="append", required=True, help="repeat; later = newer"
    )
    terms.add_argument("--json", action="store_true")
    terms.add_argument("--lang", choices=LANGS, default="nb", help="language of messages")
    args = parser.parse_args(argv)
    lang: Lang = args.lang
    if args.command == "terms":
        return print_terms(args.file, args.json, lang)
    if args.command == "deadlines" and args.within < 0:
        parser.error("--within must be 0 or more days")
    try:
        register = read_register_file(args.register, parse_mapping(args.columns))
    except InputError as exc:
        print(exc.message(lang), file=sys.stderr)
        return 2
    except OSError as exc:
        print(
            tr(
                lang,
                "Cannot open {file}: {reason}",
                file=args.register,
                reason=exc.strerror or exc,
            ),
            file=sys.stderr,
        )
        return 2
    if args.command == "ocds":
        for problem in register.problems:
            print(problem.text(lang), file=sys.stderr)
        for note in register.column_notes(lang):
            print(note, file=sys.stderr)
        if not register.contracts:
            print(
                tr(lang, "No contract could be read, so there is nothing to export."),
                file=sys.stderr,
            )
            return 2
        package = release_package(
            register.contracts,
            args.today,
            args.ocid_prefix,
            args.publisher,
            Buyer(args.buyer, args.buyer_org_nr),
        )
        print(json.dumps(package, ensure_ascii=False, indent=2))
        return 0
    found = upcoming(register.contracts, args.today, args.within)
    if args.json:
        print(
            json.dumps(
                {
                    "today": args.today.isoformat(),
                    "source": register.source,
                    "contracts": len(register.contracts),
                    "deadlines": [
                        {
                            "contract_id": d.contract_id,
                            "kind": d.kind.value,
                            "due": d.due.isoformat(),
                            "days_left": d.days_left(args.today),
                        }
                        for d in found
                    ],
                    "warnings": [
                        {"contract_id": w.contract_id, "code": w.code, "message": w.text(lang)}
                        for w in register.warnings
                    ],
                    "errors": [_problem_json(p, lang) for p in register.errors],
                    "unread": [_problem_json(p, lang) for p in register.unread],
                    "columns": {
                        "read": dict(register.columns.headers),
                        "not_read": list(register.columns.unused),
                        "notes": register.column_notes(lang),
                    },
                },
                ensure_ascii=False,
                indent=2,
            )
        )
        return 0
    print(
        tr(
            lang,
            "{source}: {n} contracts read. Deadlines from {today} and {within} days ahead:",
            source=register.source,
            n=len(register.contracts),
            today=DateText(args.today),
            within=args.within,
        )
    )
    for d in found:
        left = d.days_left(args.today)
        kind = kind_text(d.kind, lang).lower()
        print(f"  {d.due.isoformat()}  {left:>4} d  {d.contract_id:<12} {kind}")
    if not found:
        print(tr(lang, "  (none)"))
    for w in register.warnings:
        print(tr(lang, "Warning") + f" {w.contract_id}: {w.text(lang)}")
    for problem in register.problems:
        marker = (tr(lang, "left out")) if problem.left_out else ""
        print(f"{problem.text(lang)}{f' [{marker}]' if marker else ''}")
    for note in register.column_notes(lang):
        print(note)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
