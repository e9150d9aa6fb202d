"""The register column `endringer`: a contract's amendments, one line each.

    2026-11-25; opsjon brukt; slutt 2027-03-31 -> 2028-03-31; av Ingrid Haugen

Fields are separated by `;`: the date (YYYY-MM-DD or DD.MM.YYYY), what changed, and
optionally `slutt <previous> -> <new>` and `av <name>`. People can write lines by
hand in SharePoint or Excel, so a line that cannot be read is reported and skipped,
never a reason to drop the contract's deadlines.
"""

from __future__ import annotations

from skills.contracts.calendar import DateProblem, parse_date
from skills.contracts.model import Amendment
from skills.contracts.values import ValueProblem
from skills.i18n import Phrase

COLUMN = "endringer"
OPTION_USED = "opsjon brukt"


def _clean(text: str) -> str:
    """A field must not break the line format: no separators, no line breaks."""
    return " ".join(text.replace(";", ",").split())


def format_amendment(amendment: Amendment) -> str:
    parts = [amendment.date.isoformat(), _clean(amendment.description)]
    if amendment.previous_end is not None and amendment.new_end is not None:
        parts.append(
            f"slutt {amendment.previous_end.isoformat()} -> {amendment.new_end.isoformat()}"
        )
    if amendment.by.strip():
        parts.append(f"av {_clean(amendment.by)}")
    return "; ".join(parts)


def append_amendment(existing: str, amendment: Amendment) -> str:
    """The column's new text: what was there, untouched, plus one line."""
    kept = existing.rstrip()
    line = format_amendment(amendment)
    return f"{kept}\n{line}" if kept else line


def _parse_line(line: str) -> Amendment:
    parts = [part.strip() for part in line.split(";")]
    if len(parts) < 2 or not parts[1]:
        raise ValueProblem(
            "write 'date; what changed' (e.g. '2026-11-25; opsjon brukt')",
        )
    when = parse_date(parts[0])
    previous = new = None
    by = ""
    for part in parts[2:]:
        lowered = part.lower()
        if lowered.startswith("slutt ") and "->" in part:
            before, after = part[len("slutt ") :].split("->", 1)
            previous, new = parse_date(before.strip()), parse_date(after.strip())
        elif lowered.startswith("av "):
            by = part[3:].strip()
        elif part:
            raise ValueProblem(
                "unknown part '{part}' (expected 'slutt A -> B' or 'av <name>')", part=part
            )
    return Amendment(when, parts[1], previous, new, by)


def parse_amendments(text: str) -> tuple[tuple[Amendment, ...], list[Phrase]]:
    """(the amendments read, one problem per line that could not be read)."""
    found: list[Amendment] = []
    problems: list[Phrase] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        quoted = line.strip()[:60]
        try:
            found.append(_parse_line(line))
        except (ValueProblem, DateProblem) as exc:
            problems.append(
                Phrase(
                    "line {number} “{line}”: {problem}",
                    number=number,
                    line=quoted,
                    problem=exc.phrase,
                )
            )
    return tuple(found), problems
