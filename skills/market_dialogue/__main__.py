"""Draft a market-dialogue invitation from a brief, for scripts and review:

    python -m skills.market_dialogue draft --brief BRIEF.json --today YYYY-MM-DD --out DIR \
        [--example FILE.txt ...] [--thresholds FILE.json]

Writes DIR/invitation.docx and DIR/doffin.json and prints the schedule it used.
Exit code 2: the brief, a date or the threshold table cannot be used (message says why).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import sys
from datetime import date
from pathlib import Path
from typing import Any

from skills.market_dialogue.brief import BriefError, parse_brief
from skills.market_dialogue.cpv import cpv_list
from skills.market_dialogue.draft import build_draft
from skills.market_dialogue.eforms import buyer_profile_from_env
from skills.market_dialogue.holiday_periods import HolidayPeriodError, load_holiday_periods
from skills.market_dialogue.prose import Example
from skills.market_dialogue.schedule import (
    ScheduleError,
    format_day,
    labelled,
    schedule_defaults_from_env,
)
from skills.market_dialogue.thresholds import ThresholdError, load_thresholds


def _fail(message: str) -> int:
    print(message, file=sys.stderr)
    return 2


def _read_brief(path: Path) -> Any:
    text = path.read_text(encoding="utf-8")
    return json.loads(text)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m skills.market_dialogue")
    sub = parser.add_subparsers(dest="command", required=True)
    cmd = sub.add_parser("draft", help="draft the invitation and the Doffin text")
    cmd.add_argument("--brief", type=Path, required=True, help="the brief as JSON")
    cmd.add_argument("--today", type=date.fromisoformat, default=date.today())
    cmd.add_argument("--out", type=Path, required=True, help="folder for the files")
    cmd.add_argument(
        "--example", type=Path, action="append", default=[], help="an earlier invitation (.txt)"
    )
    cmd.add_argument("--thresholds", type=Path, help="another threshold table (.json)")
    cmd.add_argument(
        "--holidays", type=Path, help="other holiday periods (.json, as data/holiday_periods.json)"
    )
    args = parser.parse_args(argv)
    try:
        data = _read_brief(args.brief)
        examples = [
            Example(name=p.stem, url=p.resolve().as_uri(), text=p.read_text(encoding="utf-8"))
            for p in args.example
        ]
    except (OSError, UnicodeDecodeError) as exc:
        return _fail(f"Kan ikke lese filen / cannot read the file: {exc}")
    except json.JSONDecodeError as exc:
        return _fail(
            f"{args.brief} er ikke gyldig JSON (linje {exc.lineno}, kolonne {exc.colno}): "
            f"{exc.msg}\n{args.brief} is not valid JSON (line {exc.lineno}, column "
            f"{exc.colno}): {exc.msg}"
        )
    try:
        defaults = schedule_defaults_from_env(os.environ)
        buyer = buyer_profile_from_env(os.environ)
    except ValueError as exc:  # a MARKET_DIALOGUE_* or BUYER_* setting that cannot be used
        return _fail(f"Innstillingen kan ikke brukes / setting: {exc}")
    try:
        brief = parse_brief(data)
        table = load_thresholds(args.thresholds or _env_path("MARKET_DIALOGUE_THRESHOLDS"))
        holidays = load_holiday_periods(
            args.holidays or _env_path("MARKET_DIALOGUE_HOLIDAY_PERIODS")
        )
        draft = asyncio.run(
            build_draft(
                brief,
                args.today,
                examples=examples,
                thresholds=table,
                holidays=holidays,
                defaults=defaults,
                buyer=buyer,
            )
        )
    except (BriefError, ScheduleError) as exc:
        return _fail(f"{exc.message('nb')}\n{exc.message('en')}")
    except ThresholdError as exc:
        return _fail(f"Terskelverditabellen kan ikke brukes / threshold table: {exc}")
    except HolidayPeriodError as exc:
        return _fail(f"Ferieperiodene kan ikke brukes / holiday periods: {exc}")
    try:
        args.out.mkdir(parents=True, exist_ok=True)
        (args.out / "invitation.docx").write_bytes(draft.docx)
        doffin = draft.doffin.as_json()
        if draft.eforms is not None:
            doffin["eforms"] = draft.eforms.as_json()
            if draft.eforms.xml is not None:
                (args.out / "notice-eforms.xml").write_bytes(draft.eforms.xml)
        (args.out / "doffin.json").write_text(
            json.dumps(doffin, ensure_ascii=False, indent=2) + "\n",
            encoding="utf-8",
        )
    except OSError as exc:
        return _fail(f"Kan ikke skrive filene / cannot write the files: {exc}")
    print(f"Tidsplan for «{brief.title}»:")
    for text, day in labelled(draft.schedule.items()):
        print(f"  {format_day(day):<20} {text}")
    for note in draft.schedule.note_texts():
        print(f"Merk: {note}")
    for reason in draft.doffin.reasons:
        print(reason)
    if not brief.cpv_main:
        suggested = cpv_list().suggest(brief.title, brief.need)
        if suggested:
            listed = "; ".join(f"{c.code} {c.name_nb}" for c in suggested)
            print(f"Forslag til CPV-kode (cpv_main): {listed}")
    if draft.eforms is not None:
        print(f"eForms: undertype {draft.eforms.subtype}")
        for problem in draft.eforms.problems:
            print(f"- {problem.label('nb')}: {problem.problem('nb')}")
        for remark in draft.eforms.notes:
            print(f"- {remark.say('nb')}")
        if draft.eforms.xml is not None:
            print(f"Skrev {args.out / 'notice-eforms.xml'}")
    print(f"Skrev {args.out / 'invitation.docx'} og {args.out / 'doffin.json'}")
    return 0


def _env_path(name: str) -> Path | None:
    """The command line reads the same variables as the bot when no option is given."""
    value = os.environ.get(name, "").strip()
    return Path(value) if value else None


if __name__ == "__main__":
    raise SystemExit(main())
