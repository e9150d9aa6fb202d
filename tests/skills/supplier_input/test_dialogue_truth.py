"""The realistic dialogue (tests/skills/supplier_input/dialogue.py) through the CLI,
scored against its hand-written ground truth."""

from __future__ import annotations

import json
import subprocess
import sys
from typing import Any

import pytest
from openpyxl import load_workbook

from tests.skills.supplier_input.dialogue import (
    CONSORTIUM_MEMBERS,
    CORRECTION,
    MISSING_ATTACHMENT,
    QUESTIONS,
    SUPERSEDED_TEXT,
    TRUTH,
    build_dialogue,
)
from tests.support.procs import ROOT


@pytest.fixture(scope="module")
def summary(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    root = tmp_path_factory.mktemp("dialog")
    source = build_dialogue(root)
    result = subprocess.run(
        [sys.executable, "-m", "skills.supplier_input", "summarize", "--source", str(source),
         "--questions", str(root / "sporsmal.txt"), "--json", "--xlsx", str(root / "m.xlsx")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    loaded: dict[str, Any] = json.loads(result.stdout)
    loaded["_xlsx"] = str(root / "m.xlsx")
    return loaded


def test_each_supplier_once_with_its_org_number(summary: dict[str, Any]) -> None:
    found = {(s["name"], s["org_nr"]) for s in summary["suppliers"]}
    assert found == set(TRUTH)
    assert len(summary["suppliers"]) == len(TRUTH)


def test_every_cell_of_the_matrix(summary: dict[str, Any]) -> None:
    wrong = []
    for supplier in summary["suppliers"]:
        expected = TRUTH[(supplier["name"], supplier["org_nr"])]
        for number, (answer, phrase) in enumerate(
            zip(supplier["answers"], expected, strict=True), start=1
        ):
            text = answer["answer"]
            if phrase is None and text is not None:
                wrong.append(f"{supplier['name']} Q{number}: invented “{text}”")
            elif phrase is not None and (text is None or phrase.lower() not in text.lower()):
                wrong.append(f"{supplier['name']} Q{number}: expected “{phrase}”, got “{text}”")
    assert wrong == []


def test_the_invitations_own_questions_never_count_as_supplier_text(
    summary: dict[str, Any],
) -> None:
    said = [
        {**s, "answers": [{k: v for k, v in a.items() if k != "question"} for a in s["answers"]]}
        for s in summary["suppliers"]
    ]
    everything = json.dumps(said, ensure_ascii=False)
    for question in QUESTIONS:
        assert question not in everything
    assert not any(" spør: " in line for line in summary["follow_up"])


def test_the_correction_replaces_the_earlier_answer(summary: dict[str, Any]) -> None:
    fjord = next(s for s in summary["suppliers"] if s["name"] == "Fjordinnreiing AS")
    assert fjord["superseded"] == [{"document": CORRECTION[0], "replaces": CORRECTION[1]}]
    assert SUPERSEDED_TEXT not in json.dumps(fjord, ensure_ascii=False)  # nowhere any more


def test_labels_are_not_part_of_the_points(summary: dict[str, Any]) -> None:
    swedish = next(s for s in summary["suppliers"] if s["name"] == "Svensk Inredning AB")
    points = [p["text"] for p in swedish["summary"]] + [
        a["answer"] for a in swedish["answers"] if a["answer"]
    ]
    assert points and not any(p.startswith(("Question", "(")) for p in points)


def test_a_consortium_lists_every_member(summary: dict[str, Any]) -> None:
    lead = next(s for s in summary["suppliers"] if s["name"] == "Bygg og Bord AS")
    assert [(m["name"], m["org_nr"]) for m in lead["members"]] == CONSORTIUM_MEMBERS


def test_what_could_not_be_read_is_said(summary: dict[str, Any]) -> None:
    assert {"file": MISSING_ATTACHMENT, "reason": "missing_attachment"} in summary["not_read"]
    kyst = next(s for s in summary["suppliers"] if s["name"] == "Kystmøbler AS")
    assert all(src.get("ocr") for a in kyst["answers"] if a["answer"] for src in a["sources"])


def test_follow_up_names_only_who_did_not_answer(summary: dict[str, Any]) -> None:
    for number in range(1, len(QUESTIONS) + 1):
        missing = sorted(name for (name, _), cells in TRUTH.items() if cells[number - 1] is None)
        line = next((f for f in summary["follow_up"] if f.startswith(f"Spørsmål {number} (")), "")
        named = sorted(line.split(": ", 1)[1].rstrip(".").split(", ")) if line else []
        assert named == missing, number


def test_stances_are_counted_from_the_answers_with_negation(summary: dict[str, Any]) -> None:
    lots = next(t for t in summary["themes"] if t["theme"] == "Delkontrakter")
    counted = {s["position"]: sorted(s["suppliers"]) for s in lots["stances"]}
    # By hand: "product groups rather than by region" counts for product groups only.
    assert counted == {
        "geografiske delkontrakter": ["Fjordinnreiing AS", "Kystmøbler AS", "Nordic Kontor AS"],
        "inndeling etter produktgrupper": ["Møbelhuset Vest AS", "Svensk Inredning AB"],
        "én samlet avtale": ["Skolemøbler Nord AS"],
    }
    geography = next(s for s in lots["stances"] if s["position"] == "geografiske delkontrakter")
    assert {src["document"] for src in geography["sources"]} == {
        "fjord.eml",
        "kystmobler-skannet.pdf",
        "nordic.eml",
    }


def test_the_matrix_workbook_has_every_cell(summary: dict[str, Any]) -> None:
    book = load_workbook(summary["_xlsx"], read_only=True)
    rows = list(book["Matrise"].iter_rows(values_only=True))
    assert rows[0][:4] == ("Leverandør", "Org.nr.", "Konsortiemedlemmer", f"1. {QUESTIONS[0]}")
    by_name = {row[0]: row for row in rows[1:]}
    for (name, org_nr), cells in TRUTH.items():
        row = by_name[name]
        assert (row[1] or "") == org_nr
        for phrase, value in zip(cells, row[3:], strict=True):
            if phrase is None:
                assert value == "Ikke besvart", (name, value)
            else:
                assert phrase.lower() in str(value).lower(), (name, phrase, value)
    assert by_name["Bygg og Bord AS"][2] == "Stol og Sete AS (920345670)"
    sources = list(book["Kilder"].iter_rows(values_only=True))
    assert ("Nordic Kontor AS", 1, "nordic.eml") in {r[:3] for r in sources[1:]}
    assert any(r[0] == "Kystmøbler AS" and r[5] == "ja" for r in sources[1:])
    unread = list(book["Ikke lest"].iter_rows(values_only=True))
    assert (MISSING_ATTACHMENT, "e-posten viser til et vedlegg som ikke er med") in unread
    book.close()
