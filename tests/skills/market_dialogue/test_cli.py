"""`python -m skills.market_dialogue draft` as a script would run it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from skills.contracts.calendar import is_working_day
from tests.skills.market_dialogue.helpers import (
    EXAMPLE_BRIEF,
    SECTIONS,
    dates_in,
    example_data,
    headings,
    schedule_rows,
    sections,
)

ROOT = Path(__file__).parents[3]


def run(*args: str | Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "skills.market_dialogue", "draft", *map(str, args)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


@pytest.mark.integration  # starts the CLI as its own process
def test_the_example_brief(tmp_path: Path) -> None:
    example = tmp_path / "gammel.txt"
    example.write_text(
        "Praktisk informasjon\nPresentasjonen sendes alle påmeldte etter konferansen.\n",
        encoding="utf-8",
    )
    out = tmp_path / "out"
    result = run(
        "--brief", EXAMPLE_BRIEF, "--today", "2026-11-25", "--out", out, "--example", example
    )
    assert result.returncode == 0, result.stderr
    docx = (out / "invitation.docx").read_bytes()
    assert headings(docx) == SECTIONS
    rows = schedule_rows(docx)
    printed = [line for line in result.stdout.splitlines() if line.startswith("  ")]
    assert len(printed) == len(rows) == 5
    for line, (label, day, weekday) in zip(printed, rows, strict=True):
        assert line.split() == [weekday, day, *label.split()]
    days = [date(*map(int, reversed(day.split(".")))) for _, day, _ in rows]
    assert all(is_working_day(d) for d in days) and days == sorted(days)
    assert days[0] >= date(2026, 11, 25) and days[2] == date(2027, 1, 13)
    for text in sections(docx).values():
        assert all(is_working_day(d) and d >= date(2026, 11, 25) for d in dates_in(text))
    assert "Presentasjonen sendes alle påmeldte" in sections(docx)["Praktisk informasjon"]
    doffin = json.loads((out / "doffin.json").read_text(encoding="utf-8"))
    assert doffin["title_nb"] == "Markedsdialog – Rammeavtale for skolemøbler"
    assert doffin["title_en"] == "Market dialogue – Rammeavtale for skolemøbler"
    assert doffin["reasons"][0] == (
        "Anslått verdi 12 000 000 kr er over EØS-terskelverdien 2 300 000 kr for varer og "
        "tjenester (2024–2026): kunngjøringen bør også være på engelsk"
    )
    assert doffin["reasons"][0] in result.stdout
    # Above the threshold without the buyer's details set: subtype 4, what is missing named.
    assert doffin["eforms"]["subtype"] == "4" and doffin["eforms"]["xml"] is False
    assert "- Organisasjonsnummer: Organisasjonsnummeret mangler (BT-501)." in result.stdout


@pytest.mark.integration  # starts the CLI as its own process
def test_below_the_threshold_english_is_null(tmp_path: Path) -> None:
    brief = tmp_path / "brief.json"
    brief.write_text(
        json.dumps(example_data(estimated_value_nok=900_000, formats=["written"], dates={})),
        encoding="utf-8",
    )
    result = run("--brief", brief, "--today", "2026-11-25", "--out", tmp_path)
    assert result.returncode == 0, result.stderr
    doffin = json.loads((tmp_path / "doffin.json").read_text(encoding="utf-8"))
    assert doffin["title_en"] is None and doffin["description_en"] is None
    assert "Frist for skriftlige innspill" in result.stdout
    # Below the threshold: the national E2 notice, written beside the invitation.
    assert doffin["eforms"]["subtype"] == "E2" and doffin["eforms"]["xml"] is True
    xml = (tmp_path / "notice-eforms.xml").read_text(encoding="utf-8")
    assert '<cbc:SubTypeCode listName="notice-subtype">E2</cbc:SubTypeCode>' in xml
    assert '<cbc:ItemClassificationCode listName="cpv">39160000<' in xml


@pytest.mark.integration  # starts the CLI as its own process
def test_a_missing_required_field_is_named(tmp_path: Path) -> None:
    data = example_data()
    del data["contact"]["email"]
    brief = tmp_path / "brief.json"
    brief.write_text(json.dumps(data), encoding="utf-8")
    result = run("--brief", brief, "--today", "2026-11-25", "--out", tmp_path / "out")
    assert result.returncode == 2
    assert "«contact.email»" in result.stderr and "'contact.email'" in result.stderr
    assert not (tmp_path / "out").exists()


@pytest.mark.integration  # starts the CLI as its own process
def test_broken_json_and_bad_dates_are_clear(tmp_path: Path) -> None:
    brief = tmp_path / "brief.json"
    brief.write_text('{"title": "Skolemøbler",\n  "need": }', encoding="utf-8")
    result = run("--brief", brief, "--today", "2026-11-25", "--out", tmp_path / "out")
    assert result.returncode == 2
    assert "ikke gyldig JSON (linje 2" in result.stderr and "not valid JSON" in result.stderr
    assert "Traceback" not in result.stderr
    brief.write_text(json.dumps(example_data(dates={"conference": "2027-05-17"})), "utf-8")
    result = run("--brief", brief, "--today", "2026-11-25", "--out", tmp_path / "out")
    assert result.returncode == 2 and "ikke en virkedag" in result.stderr


@pytest.mark.integration  # starts the CLI as its own process
def test_the_settings_apply_and_bad_ones_are_named(tmp_path: Path) -> None:
    brief = tmp_path / "brief.json"
    brief.write_text(json.dumps(example_data(formats=["written"], dates={})), encoding="utf-8")
    env = {**os.environ, "MARKET_DIALOGUE_REGISTRATION_DAYS": "20"}
    result = run("--brief", brief, "--today", "2026-11-25", "--out", tmp_path, env=env)
    assert result.returncode == 0, result.stderr
    # 30.11.2026 + 20 effective days: 1-4, 7-11, 14-18 Dec (14), then 4-8 Jan (19) and 11 Jan.
    assert "mandag 11.01.2027    Frist for påmelding" in result.stdout
    # The example brief has its CPV code; without one the CLI suggests codes.
    no_cpv = tmp_path / "no-cpv.json"
    no_cpv.write_text(
        json.dumps(example_data(formats=["written"], dates={}, cpv_main="")), encoding="utf-8"
    )
    result = run("--brief", no_cpv, "--today", "2026-11-25", "--out", tmp_path)
    assert "Forslag til CPV-kode (cpv_main): 39160000 Skolemøbler" in result.stdout
    bad = {**os.environ, "BUYER_NUTS": "XX999"}
    result = run("--brief", brief, "--today", "2026-11-25", "--out", tmp_path, env=bad)
    assert result.returncode == 2
    assert "BUYER_NUTS: 'XX999' is not a Norwegian NUTS-3 code" in result.stderr
