"""Contract terms read from contracts as public buyers write them: the product's
extractor beside a naive keyword baseline, on the test corpora whose expected values
were written by hand (tests/skills/contracts/contract_corpus*.py).

- product: `report_files`, what the Teams card and the `terms` CLI propose;
- baseline: what a quick regex pass does, the way terms are often pulled into a sheet:
  for each field, the first number-and-unit (or date) after the field's keyword in the
  document's text, and "ja" for automatic renewal when the words appear.

Printed per engine: values found right, expected values missed, wrong values shown
without a check mark (the product marks doubtful values; the baseline cannot), and the
time per document beside the bare text extraction (`read_document`) that both need.

    .venv/bin/python -m bench.contract_terms [--repeat 3]
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from skills.contracts.terms_report import report_files  # noqa: E402
from skills.documents.text import read_document  # noqa: E402
from tests.skills.contracts.contract_corpus import CASES, FIELDS, Case  # noqa: E402

_NUM = r"(\d{1,3})\s*(år|måneder|mnd|months|years|månader)"
_DATE = r"(\d{1,2})\.(\d{1,2})\.(\d{4})"
_KEYWORDS = {
    "varighet_mnd": r"varighet|gjelder|løpetid|avtaleperiode|term",
    "opsjon_varsel_mnd": r"varsel",
    "oppsigelse_mnd": r"oppsigelse|oppseiing|terminat",
}


def _cases() -> list[Case]:
    from tests.skills.contracts.contract_corpus_blind import CASES as BLIND
    from tests.skills.contracts.contract_corpus_heldout import HELDOUT

    return [*CASES, *HELDOUT, *BLIND]


def _months(amount: str, unit: str) -> str:
    return str(int(amount) * (12 if unit.startswith(("år", "year")) else 1))


def baseline(files: Sequence[tuple[str, bytes]]) -> dict[str, dict[str, Any]]:
    """The naive pass, over the text of all files in order."""
    text = "\n".join(read_document(n, d).text for n, d in files).lower()
    found: dict[str, str] = {}
    dates = re.findall(_DATE, text)
    if len(dates) >= 2:
        (d1, m1, y1), (d2, m2, y2) = dates[0], dates[1]
        found["start"] = f"{y1}-{int(m1):02d}-{int(d1):02d}"
        found["slutt"] = f"{y2}-{int(m2):02d}-{int(d2):02d}"
    for field, keyword in _KEYWORDS.items():
        match = re.search(rf"(?:{keyword}).{{0,80}}?{_NUM}", text, re.DOTALL)
        if match:
            found[field] = _months(match.group(1), match.group(2))
    options = re.search(r"opsjon.{0,60}?(\d)\s*\+\s*(\d)", text, re.DOTALL)
    if options:
        found["opsjoner"] = f"{options.group(1)}+{options.group(2)}"
    if "automatisk" in text or "automatically" in text:
        found["fornyes_automatisk"] = "ja"
    return {f: {"value": v, "checks": []} for f, v in found.items()}


def product(files: Sequence[tuple[str, bytes]]) -> dict[str, dict[str, Any]]:
    fields: dict[str, dict[str, Any]] = report_files(files)["fields"]
    return fields


def _score(cases: list[Case], engine: Callable[..., dict[str, dict[str, Any]]]) -> list[int]:
    hits = misses = wrong = checked = 0
    for case in cases:
        fields = engine(case.files())
        for name in FIELDS:
            expected, found = case.expected[name], fields.get(name)
            if found is None:
                misses += expected is not None
            elif found["value"] == expected:
                hits += 1
            elif found["checks"]:
                checked += 1
            else:
                wrong += 1
    return [hits, misses, wrong, checked]


def _seconds(
    cases: list[Case], run: Callable[[Sequence[tuple[str, bytes]]], object], repeat: int
) -> float:
    best = float("inf")
    files = [case.files() for case in cases]
    for _ in range(repeat):
        began = time.perf_counter()
        for each in files:
            run(each)
        best = min(best, time.perf_counter() - began)
    return best


def bench_contract_terms(repeat: int = 3) -> None:
    cases = _cases()
    documents = sum(len(case.files()) for case in cases)
    expected = sum(1 for case in cases for f in FIELDS if case.expected[f] is not None)
    print(f"contract terms: {len(cases)} cases, {documents} documents, {expected} values")
    for name, engine in (("product", product), ("baseline", baseline)):
        hits, misses, wrong, checked = _score(cases, engine)
        print(
            f"  {name:<8} right {hits}/{expected} ({hits / expected:.0%}), missed {misses}, "
            f"wrong without a check {wrong}, wrong with a check {checked}"
        )

    def read_only(files: Sequence[tuple[str, bytes]]) -> object:
        return [read_document(n, d) for n, d in files]

    text = _seconds(cases, read_only, repeat)
    terms = _seconds(cases, product, repeat)
    print(
        f"  time per document: product {terms / documents * 1000:.1f} ms, bare text "
        f"extraction {text / documents * 1000:.1f} ms, ratio {terms / text:.2f}x "
        f"(best of {repeat})"
    )


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.contract_terms", description=__doc__)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    bench_contract_terms(args.repeat)


if __name__ == "__main__":
    main()
