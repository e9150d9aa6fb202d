"""`python -m skills.contracts terms` on files that cannot be read, and in English."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from graph.localtenant.docxwrite import render_docx

ROOT = Path(__file__).resolve().parents[3]
META: dict[str, Any] = {
    "title": "Avtale",
    "author": "Innkjøp",
    "created": datetime(2025, 2, 1, tzinfo=UTC),
}


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "skills.contracts", "terms", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


@pytest.mark.integration  # starts the CLI as its own process
def test_a_missing_file_is_named_and_nothing_is_printed(tmp_path: Path) -> None:
    result = run("--file", str(tmp_path / "finnes-ikke.docx"))
    assert result.returncode == 2
    assert result.stdout == ""
    assert f"Kan ikke åpne {tmp_path / 'finnes-ikke.docx'}" in result.stderr


@pytest.mark.integration  # starts the CLI as its own process
def test_a_broken_file_is_listed_as_not_read_and_the_others_are_read(tmp_path: Path) -> None:
    broken = tmp_path / "Rammeavtale skadet.docx"
    broken.write_bytes(b"PK\x03\x04 not really a zip")
    good = tmp_path / "Rammeavtale.docx"
    good.write_bytes(
        render_docx([("p", "Avtalen gjelder i to år med opsjon på forlengelse 1 + 1 år.")], **META)
    )
    result = run("--file", str(broken), "--file", str(good), "--json")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["unread"] == ["Rammeavtale skadet.docx: filen er skadet og kan ikke åpnes"]
    assert report["fields"]["opsjoner"]["value"] == "1+1"
    only_broken = run("--file", str(broken), "--lang", "en")
    assert only_broken.returncode == 2
    assert "Not read: Rammeavtale skadet.docx: the file is damaged" in only_broken.stderr


@pytest.mark.integration  # starts the CLI as its own process
def test_text_output_in_english_names_how_and_what_to_check(tmp_path: Path) -> None:
    contract = tmp_path / "Avtale.docx"
    contract.write_bytes(
        render_docx(
            [
                ("p", "Avtalen gjelder fra 1. mars 2025 og løper i tre år."),
                ("p", "Avtalen kan sies opp med 8 ukers skriftlig varsel."),
            ],
            **META,
        )
    )
    result = run("--file", str(contract), "--lang", "en")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert "End date: 2028-02-29" in lines
    assert "    Check: computed from start and term" in lines
    assert "Termination notice (months): 2 (8 ukers)" in lines
    assert "    Check: rounded up to whole months" in lines
