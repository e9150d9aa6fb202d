"""Reading a 100,000-row register from .csv and .xlsx, beside a bare read of the same file.

The files are written the way offices write them: Excel's Norwegian CSV export
(semicolons, Windows-1252, title row, Norwegian headers, values such as `2x1 år`,
`3 mnd`, `NO 987 654 325 MVA`, `31.12.26`) and a workbook with a cover sheet, title
rows and date cells. Each measurement runs in a fresh process so its peak memory is
its own:

- product: `read_register_file` (header search, every cell read, problems collected);
- baselines: `csv.reader` over the decoded file (and `csv.DictReader`, which builds
  a mapping per row as a register reader must), or an openpyxl read-only pass over
  every row of the same sheet, keeping nothing.

    .venv/bin/python -m bench.register_files [--rows 100000] [--repeat 3]

Each CSV figure is the best of `--repeat` runs, the product's and the baselines' alike.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from datetime import date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

HEADERS = [
    "Kontrakt-ID", "Avtalenavn", "Leverandør", "Org.nr.", "Kontraktseier", "Kategori",
    "Avtaletype", "Startdato", "Sluttdato", "Opsjoner", "Varsel opsjon (mnd)",
    "Automatisk fornyelse", "Oppsigelsestid", "Ledetid (mnd)", "Status", "Verdi",
]  # fmt: skip
_OPTIONS = ["1+1", "2x1 år", "ingen", "-", "opsjon 1+1+1", "6+6 mnd", "", "inntil 2 år", "Nei"]
_ORGS = ["NO 987 654 325 MVA", "974760673", "982 525 608", ""]
_TYPES = ["Rammeavtale", "Enkeltkontrakt", "Tjenestekontrakt", "rammeavtale", "Kontrakt"]


def _row(n: int, rng: random.Random, today: date) -> list[object]:
    end = today + timedelta(days=rng.randint(-200, 1500))
    start = end - timedelta(days=rng.choice([730, 1095, 1461]))
    renews = rng.random() < 0.2
    return [
        f"K-{n:06d}",
        f"Avtale nummer {n}",
        f"Leverandør {n % 997} AS",
        rng.choice(_ORGS),
        f"eier{n % 50}@innkjop.example.no",
        rng.choice(["IKT", "Renhold", "Møbler", "Mat og drikke"]),
        rng.choice(_TYPES),
        start,
        end,
        "" if renews else rng.choice(_OPTIONS),
        rng.choice([3, "3 mnd", "", "2 måneder"]),
        "Ja" if renews else rng.choice(["Nei", "", "N"]),
        rng.choice(["3 mnd", "6", "90 dager"]) if renews else "",
        rng.choice(["", 12, 6]),
        rng.choice(["Aktiv", "", "aktiv"]),
        rng.choice(["kr 1 200 000,-", "", "350 000", "2,5 MNOK"]),
    ]


def _csv_cell(value: object, short_year: bool) -> str:
    if isinstance(value, date):
        return value.strftime("%d.%m.%y" if short_year else "%d.%m.%Y")
    return str(value)


def write_files(folder: Path, rows: int) -> tuple[Path, Path]:
    from openpyxl import Workbook

    today = date(2026, 12, 1)
    rng = random.Random(42)
    data = [_row(n, rng, today) for n in range(rows)]
    csv_path = folder / "register.csv"
    text = io.StringIO()
    text.write("Kontraktsregister;" + ";" * (len(HEADERS) - 2) + "\r\n")
    writer = csv.writer(text, delimiter=";", lineterminator="\r\n")
    writer.writerow(HEADERS)
    for n, row in enumerate(data):
        writer.writerow([_csv_cell(v, n % 4 == 0) for v in row])
    csv_path.write_bytes(text.getvalue().encode("cp1252"))
    xlsx_path = folder / "register.xlsx"
    book = Workbook(write_only=True)
    cover = book.create_sheet("Forside")
    cover.append(["Kontraktsregister – les meg"])
    sheet = book.create_sheet("Kontrakter")
    sheet.append(["Kontraktsregister"])
    sheet.append([])
    sheet.append(HEADERS)
    for row in data:
        sheet.append([datetime(v.year, v.month, v.day) if isinstance(v, date) else v for v in row])
    book.save(xlsx_path)
    return csv_path, xlsx_path


def _measure(kind: str, path: Path) -> dict[str, float]:
    # Modules are imported before the clock starts, for every kind alike.
    from openpyxl import load_workbook

    from skills.contracts.register_files import read_register_file

    began = time.perf_counter()
    count = 0
    if kind == "product":
        register = read_register_file(path)
        count = len(register.contracts) + len(register.errors)
    elif path.suffix == ".csv":
        text = path.read_bytes().decode("cp1252")
        lines = io.StringIO(text, newline="")
        rows = (
            csv.DictReader(lines, delimiter=";")
            if kind == "dicts"
            else csv.reader(lines, delimiter=";")
        )
        for _ in rows:
            count += 1
    else:
        book = load_workbook(path, read_only=True, data_only=True)
        for _ in book["Kontrakter"].iter_rows(values_only=True):
            count += 1
        book.close()
    seconds = time.perf_counter() - began
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB -> MiB
    return {"seconds": seconds, "peak_mib": peak, "rows": count}


def _child(kind: str, path: Path, repeat: int) -> dict[str, float]:
    """The best of `repeat` runs, each in a fresh process: a one-second measurement on a
    shared machine varies by a third from run to run, the best run much less."""
    runs = []
    for _ in range(repeat):
        result = subprocess.run(
            [sys.executable, "-m", "bench.register_files", "--one", kind, str(path)],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        )
        runs.append(json.loads(result.stdout))
    best: dict[str, float] = min(runs, key=lambda run: run["seconds"])
    return best


def _cli(path: Path) -> tuple[float, float]:
    """The command line the issue measured: seconds and the child's own peak memory."""
    import os

    began = time.perf_counter()
    child = subprocess.Popen(
        [sys.executable, "-m", "skills.contracts", "deadlines", "--register", str(path),
         "--today", "2026-12-01", "--within", "365", "--json"],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )  # fmt: skip
    _, _, usage = os.wait4(child.pid, 0)
    return time.perf_counter() - began, usage.ru_maxrss / 1024


def bench_register_files(rows: int = 100_000, repeat: int = 3) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        began = time.perf_counter()
        paths = write_files(Path(tmp), rows)
        print(f"register files: {rows:,} rows written in {time.perf_counter() - began:.1f}s")
        for path in paths:
            # The workbook takes half a minute a run, where the noise is small beside it.
            runs = repeat if path.suffix == ".csv" else 1
            product = _child("product", path, runs)
            print(
                f"register {path.suffix}: product {product['seconds']:.2f}s, "
                f"peak {product['peak_mib']:.0f} MiB, {product['rows']:,.0f} rows"
            )
            seconds, peak = _cli(path)
            print(f"  command line (deadlines --json): {seconds:.2f}s, peak {peak:.0f} MiB")
            bares = ["baseline", "dicts"] if path.suffix == ".csv" else ["baseline"]
            for kind in bares:
                baseline = _child(kind, path, runs)
                bare = {"baseline": "csv.reader", "dicts": "csv.DictReader"}[kind]
                if path.suffix != ".csv":
                    bare = "openpyxl read-only pass"
                print(
                    f"  bare {bare}: {baseline['seconds']:.2f}s, "
                    f"peak {baseline['peak_mib']:.0f} MiB; ratio "
                    f"{product['seconds'] / baseline['seconds']:.1f}x time, "
                    f"{product['peak_mib'] / baseline['peak_mib']:.1f}x memory"
                )


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.register_files")
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3, help="CSV runs; the best counts")
    parser.add_argument("--one", nargs=2, metavar=("KIND", "PATH"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(_measure(args.one[0], Path(args.one[1]))))
        return
    bench_register_files(args.rows, args.repeat)


if __name__ == "__main__":
    main()
