"""`python -m skills.supplier_input summarize` over a folder of real files, as a subprocess."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.skills.supplier_input.files import supplier_folder

ROOT = Path(__file__).parents[3]


def run(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "skills.supplier_input", "summarize", *map(str, args)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


@pytest.mark.integration  # starts the CLI as its own process
def test_json_output_has_the_issue_shape(tmp_path: Path) -> None:
    source = supplier_folder(tmp_path)
    done = run("--source", source, "--questions", tmp_path / "sporsmal.txt", "--json")
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert set(data) >= {"suppliers", "themes", "not_read"}
    names = [s["name"] for s in data["suppliers"]]
    assert names == ["Møbelhjelpen AS", "Pult Partner AS", "Stol og Bord AS"]
    stol = data["suppliers"][2]
    assert stol["org_nr"] == "974760673"
    assert set(stol) >= {
        "name", "org_nr", "summary", "answers", "concerns", "confidential",
        "injection_flags", "sources",
    }  # fmt: skip
    questions = [a["question"] for a in stol["answers"]]
    assert questions == [
        "Delkontrakter: Hvordan bør avtalen deles inn?",
        "Prismodell: Hvilken prismodell?",
        "Garanti: Hvilken garantitid er vanlig?",
    ]
    assert "produktgrupper" in stol["answers"][0]["answer"]
    assert stol["answers"][0]["sources"][0]["document"] == "Innspill Stol og Bord.docx"
    assert stol["answers"][2]["answer"] is None and stol["answers"][2]["sources"] == []
    assert len(stol["confidential"]) == 1 and "11 prosent" not in done.stdout
    pult = data["suppliers"][1]
    assert len(pult["injection_flags"]) == 1 and "høyest score" not in done.stdout
    assert "geografiske" in pult["answers"][0]["answer"]
    assert {t["theme"] for t in data["themes"]} >= {"Delkontrakter", "Prismodell"}
    assert all({"theme", "suppliers", "sources"} <= set(t) for t in data["themes"])
    not_read = {(n["file"], n["reason"]) for n in data["not_read"]}
    assert not_read == {
        ("prisliste.xlsx", "unsupported"),
        ("skadet.pdf", "broken"),
        ("tom.docx", "empty"),
    }


@pytest.mark.integration  # starts the CLI as its own process
def test_readable_text_without_json(tmp_path: Path) -> None:
    source = supplier_folder(tmp_path)
    done = run("--source", source)
    assert done.returncode == 0, done.stderr
    assert "ikke en evaluering" in done.stdout
    assert "== Stol og Bord AS (org.nr. 974760673)" in done.stdout
    assert "skadet.pdf: filen er skadet" in done.stdout
    assert "11 prosent" not in done.stdout


@pytest.mark.integration  # starts the CLI as its own process
def test_a_missing_folder_is_a_clear_error(tmp_path: Path) -> None:
    done = run("--source", tmp_path / "finnes-ikke", "--json")
    assert done.returncode == 2
    assert "Fant ikke mappen" in done.stderr


@pytest.mark.integration  # starts the CLI as its own process
def test_the_offline_command_line_never_loads_semantic_kernel() -> None:
    """Semantic Kernel takes seconds to import; without a model nothing needs it."""
    import subprocess
    import sys

    from tests.support.procs import ROOT

    probe = (
        "import sys, skills.supplier_input.__main__ as cli; "
        "cli.main(['summarize', '--source', '.', '--json']) if False else None; "
        "print('semantic_kernel' in sys.modules)"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert result.stdout.strip() == "False", result.stderr


@pytest.mark.integration  # starts the CLI as its own process
def test_the_text_is_in_the_language_asked_for(tmp_path: Path) -> None:
    source = supplier_folder(tmp_path)
    questions = tmp_path / "sporsmal.txt"
    nynorsk = run("--source", source, "--questions", questions, "--lang", "nn")
    assert nynorsk.returncode == 0, nynorsk.stderr
    assert nynorsk.stdout.startswith("Støtte til sakshandsamarane si eiga vurdering")
    assert "Spørsmål 1: " in nynorsk.stdout and "avsn. " in nynorsk.stdout
    english = run("--source", source, "--questions", questions, "--lang", "en")
    assert english.stdout.startswith("Support for the officers' own assessment")
    assert "Question 1: " in english.stdout and "para. " in english.stdout
    missing = run("--source", tmp_path / "nowhere", "--lang", "nn")
    assert missing.returncode == 2 and "Fann ikkje mappa" in missing.stderr
