"""Purchasing analysis from files, for analysts and scheduled reports:

    python -m skills.spend --register REGISTER.xlsx [--db var/spend.duckdb] \
        [--load ENTITY=FILE ...] [--categories MAPPING.xlsx] [--year 2026] [--entity NAME] \
        [--without-contract | --category NAME | --supplier ORGNR_OR_NAME] \
        [--json] [--xlsx OUT.xlsx] [--chart OUT.png] [--today YYYY-MM-DD] [--lang nb|nn|en]

`--load` adds a ledger extract (.csv, .xlsx), a SAF-T file or an EHF invoice (.xml) for
an entity to the DuckDB file; a file already loaded is not counted twice, so a scheduled
run can name every file each time. Without a question the overview is printed: spend,
contract coverage, the largest categories and possible threshold risks. Exit codes: 0
done, 2 a file or a name could not be used, with the reason on stderr in `--lang`.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from pathlib import Path

from skills.contracts.register_files import read_register_file
from skills.i18n import LANGS, InputError, Lang, tr
from skills.market_dialogue.thresholds import BUNDLED, load_thresholds
from skills.spend.analysis import Period, SpendAnalysis
from skills.spend.answers import (
    SpendAnswer,
    Thresholds,
    category_answer,
    find_entity,
    overview_answer,
    supplier_answer,
    without_contract_answer,
)
from skills.spend.report import render_chart, render_workbook
from skills.spend.rules import load_rules
from skills.spend.sources import load_file
from skills.spend.store import SpendStore


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m skills.spend")
    parser.add_argument("--register", type=Path, required=True, help=".csv or .xlsx")
    parser.add_argument("--db", type=Path, default=Path("var/spend.duckdb"))
    parser.add_argument("--load", action="append", default=[], metavar="ENTITY=FILE")
    parser.add_argument("--categories", type=Path, help="the office's category mapping")
    parser.add_argument("--year", type=int)
    parser.add_argument("--entity")
    question = parser.add_mutually_exclusive_group()
    question.add_argument("--without-contract", action="store_true")
    question.add_argument("--category")
    question.add_argument("--supplier")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--xlsx", type=Path, help="write the workbook here")
    parser.add_argument("--chart", type=Path, help="write the chart (PNG) here")
    parser.add_argument("--today", type=date.fromisoformat, default=date.today())
    parser.add_argument("--lang", choices=LANGS, default="nb", help="language of answers")
    return parser


def _answer(args: argparse.Namespace, analysis: SpendAnalysis, period: Period,
            limits: Thresholds, lang: Lang) -> SpendAnswer:  # fmt: skip
    if args.without_contract:
        return without_contract_answer(analysis, period, lang, args.entity)
    if args.category:
        return category_answer(analysis, args.category, period, lang, args.entity)
    if args.supplier:
        return supplier_answer(analysis, args.supplier, period, lang, args.entity)
    return overview_answer(analysis, period, limits, lang, args.entity)


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    lang: Lang = args.lang
    store = SpendStore(args.db)
    try:
        for item in args.load:
            entity, _, name = item.partition("=")
            if not name or not entity.strip():
                print(tr(lang, "Give each file as ENTITY=FILE, e.g. Østfjord=hovedbok.csv."),
                      file=sys.stderr)  # fmt: skip
                return 2
            result = load_file(store, Path(name), entity.strip())
            print(result.describe(lang), file=sys.stderr)
        register = read_register_file(args.register)
        rules = load_rules(args.categories)
        analysis = SpendAnalysis(store, register.contracts, rules)
        year = args.year or args.today.year
        period = Period.year(year)
        limits = Thresholds.from_table(load_thresholds(BUNDLED), min(period.end, args.today))
        args.entity = find_entity(analysis, args.entity)
        answer = _answer(args, analysis, period, limits, lang)
        if args.xlsx:
            args.xlsx.write_bytes(render_workbook(analysis, period, limits, lang, args.entity))
        if args.chart and answer.bars:
            args.chart.write_bytes(render_chart(answer.bars, lang))
        analysis.close()
    except InputError as exc:
        print(exc.message(lang), file=sys.stderr)
        return 2
    except OSError as exc:
        print(tr(lang, "Could not read {name}: {reason}", name=exc.filename or "",
                 reason=exc.strerror or type(exc).__name__), file=sys.stderr)  # fmt: skip
        return 2
    finally:
        store.close()
    if args.json:
        json.dump({"kind": answer.kind, **answer.data}, sys.stdout, ensure_ascii=False, indent=2)
        print()
    else:
        print(answer.text())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
