"""`python -m skills.spend`: the same questions as Teams, with --json and --xlsx, on the
hand-summed fixture of test_analysis.py (Østfjord's files only here)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from openpyxl import load_workbook

from skills.spend.__main__ import main

FIXTURES = Path(__file__).parents[2] / "fixtures" / "spend" / "analysis"


def _args(tmp_path: Path, *extra: str) -> list[str]:
    return [
        "--register", str(FIXTURES / "kontraktsregister.csv"),
        "--db", str(tmp_path / "spend.duckdb"),
        "--load", f"Østfjord={FIXTURES / 'ostfjord_2026.csv'}",
        "--load", f"Østfjord={FIXTURES / 'ostfjord_tidligere.csv'}",
        "--categories", str(FIXTURES / "kategorier.csv"),
        "--year", "2026", "--today", "2026-12-31",
        *extra,
    ]  # fmt: skip


def test_overview_as_json_and_workbook(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    book_path = tmp_path / "analyse.xlsx"
    assert main(_args(tmp_path, "--json", "--xlsx", str(book_path))) == 0
    out = json.loads(capsys.readouterr().out)
    # Østfjord 2026: 2 370 500 less Nordvik's 730 000 = 1 640 500; covered 922 000 less
    # Nordvik's 230 000 = 692 000 (see test_analysis.py for the sums).
    assert out["kind"] == "overview"
    assert (out["total"]["spend"], out["total"]["covered"]) == ("1640500.00", "692000.00")
    assert out["unclassified"] == "60000.00"
    [risk] = out["threshold_risks"]
    assert (risk["entity"], risk["category"], risk["spend_48_months"]) == (
        "Østfjord", "konsulenttjenester", "1350000.00",
    )  # fmt: skip
    assert [line["voucher"] for line in risk["lines"]] == ["900", "1009", "1010"]
    assert out["thresholds"]["national"] == 1_300_000

    book = load_workbook(book_path)
    assert book.sheetnames == [
        "Sammendrag", "Kategorier", "Leverandører", "Enheter", "Kategori per enhet", "Uten avtale",
        "Terskelverdirisiko", "Rammeavtaler",
    ]  # fmt: skip
    categories = {row[0]: row for row in book["Kategorier"].iter_rows(min_row=2, values_only=True)}
    # Renhold in Østfjord: 100 000 + 100 000 - 20 000 + 50 000; 180 000 under 2025-001.
    assert categories["Renhold"][2:5] == (230000, 180000, 50000)
    per_entity = {
        (row[0], row[1]): row
        for row in book["Kategori per enhet"].iter_rows(min_row=2, values_only=True)
    }
    # Østfjord's cleaning: 230 000 bought, 180 000 under 2025-001, loyalty 180 000/230 000.
    renhold = per_entity[("Østfjord", "Renhold")]
    assert renhold[3:6] == (230000, 180000, 50000)
    assert renhold[8] == pytest.approx(180000 / 230000)
    frameworks = list(book["Rammeavtaler"].iter_rows(min_row=2, values_only=True))
    # 2024-002: 200 000 of 500 000; 2025-001: Østfjord's 180 000 of the maximum 2 000 000.
    assert [(r[0], r[3], r[4]) for r in frameworks] == [
        ("2024-002", 200000, 500000), ("2025-001", 180000, 2000000),
    ]  # fmt: skip
    risk_rows = list(book["Terskelverdirisiko"].iter_rows(min_row=2, values_only=True))
    assert [r[6] for r in risk_rows[1:]] == ["900", "1009", "1010"]
    assert [r[11] for r in risk_rows[1:]] == [2, 11, 12]  # the lines as the files number them


def test_loyalty_in_nynorsk(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(_args(tmp_path, "--category", "renhold", "--lang", "nn")) == 0
    text = capsys.readouterr().out
    assert text.startswith("Avtalelojalitet for Renhold, 2026")
    # 180 000 of the 230 000 bought while 2025-001 was in force: 78,3 %.
    assert "Avtalelojalitet  78,3\u00a0%" in text


def test_unknown_names_get_a_clear_answer(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(_args(tmp_path, "--category", "reinhald")) == 2
    said = capsys.readouterr().err
    assert "Finner ingen kategori «reinhald». Kategorier i analysen:" in said
    assert "Renhold" in said and "konsulenttjenester" in said
    assert main(_args(tmp_path, "--supplier", "999999999")) == 2
    assert "Finner ingen kjøp fra «999999999» i regnskapet." in capsys.readouterr().err
    assert main(_args(tmp_path, "--entity", "Nordvik", "--year", "2026")) == 2
    assert "Finner ingen enhet «Nordvik» i regnskapet. Enheter: Østfjord." in (
        capsys.readouterr().err
    )
    # As people type it: the case does not matter.
    assert main(_args(tmp_path, "--entity", "østfjord", "--json")) == 0
    assert json.loads(capsys.readouterr().out)["entity"] == "Østfjord"
    # A year before the threshold table begins still answers (values marked unconfirmed).
    assert main(_args(tmp_path, "--year", "2022", "--json")) == 0
    old = json.loads(capsys.readouterr().out)
    assert (old["total"]["spend"], old["thresholds"]["confirmed"]) == ("700000.00", False)


def test_a_broken_file_is_refused_and_nothing_of_it_kept(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    broken = tmp_path / "feil.csv"
    broken.write_text("Bilagsdato;Leverandør;Konto;Beløp\n01.02.2026;A AS;2600;12,5\n"
                      "02.02.2026;B AS;2600;tolv\n", encoding="utf-8")  # fmt: skip
    args = ["--register", str(FIXTURES / "kontraktsregister.csv"),
            "--db", str(tmp_path / "spend.duckdb"), "--load", f"Vestvik={broken}"]  # fmt: skip
    assert main(args) == 2
    said = capsys.readouterr().err
    assert "feil.csv" in said and "linje 3" in said and "«tolv»" in said
    # The database holds nothing from it: a later question finds no purchases at all.
    assert main([*args[:4], "--year", "2026"]) == 2
    assert "Finner ingen innkjøp i 2026." in capsys.readouterr().err
