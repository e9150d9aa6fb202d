"""Deadlines from a register file, for scripts and batch reports:

    python -m skills.contracts deadlines --register FILE --today YYYY-MM-DD \
        [--within DAYS] [--json]

and the register as an OCDS 1.1 release package (JSON on stdout):

    python -m skills.contracts ocds --register FILE [--today YYYY-MM-DD] \
        [--ocid-prefix ocds-xxxxxx] [--publisher NAME]
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from pathlib import Path

from skills.contracts.engine import upcoming
from skills.contracts.ocds import release_package
from skills.contracts.register import read_register_file

KIND_NB = {
    "option_notice": "opsjonsfrist",
    "termination_notice": "oppsigelsesfrist",
    "expiry": "utløp",
    "final_expiry": "endelig utløp",
    "retender_start": "start ny anskaffelse",
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m skills.contracts")
    sub = parser.add_subparsers(dest="command", required=True)
    cmd = sub.add_parser("deadlines", help="list the register's deadlines")
    cmd.add_argument("--register", type=Path, required=True, help=".csv or .xlsx")
    cmd.add_argument("--today", type=date.fromisoformat, default=date.today())
    cmd.add_argument("--within", type=int, default=365, help="days ahead (default 365)")
    cmd.add_argument("--json", action="store_true")
    ocds = sub.add_parser("ocds", help="print the register as an OCDS 1.1 release package")
    ocds.add_argument("--register", type=Path, required=True, help=".csv or .xlsx")
    ocds.add_argument("--today", type=date.fromisoformat, default=date.today())
    ocds.add_argument("--ocid-prefix", default="ocds-local", help="your registered prefix")
    ocds.add_argument("--publisher", default="Anskaffelsesassistenten")
    args = parser.parse_args(argv)
    if args.command == "deadlines" and args.within < 0:
        parser.error("--within must be 0 or more days")
    try:
        register = read_register_file(args.register)
    except (OSError, ValueError) as exc:
        print(f"cannot read the register: {exc}", file=sys.stderr)
        return 2
    if args.command == "ocds":
        for e in register.errors:
            print(f"row {e.row} left out: {e.message}", file=sys.stderr)
        package = release_package(register.contracts, args.today, args.ocid_prefix, args.publisher)
        print(json.dumps(package, ensure_ascii=False, indent=2))
        return 0
    found = upcoming(register.contracts, args.today, args.within)
    if args.json:
        print(
            json.dumps(
                {
                    "today": args.today.isoformat(),
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
                        {"contract_id": w.contract_id, "code": w.code, "message": w.message}
                        for w in register.warnings
                    ],
                    "errors": [{"row": e.row, "message": e.message} for e in register.errors],
                },
                ensure_ascii=False,
                indent=2,
            )
        )
        return 0
    print(f"Frister fra {args.today.isoformat()} og {args.within} dager fram:")
    for d in found:
        left = d.days_left(args.today)
        print(f"  {d.due.isoformat()}  {left:>4} d  {d.contract_id:<12} {KIND_NB[d.kind]}")
    for w in register.warnings:
        print(f"Advarsel {w.contract_id}: {w.message}")
    for e in register.errors:
        print(f"Feil i rad {e.row}: {e.message}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
