"""Amendments in the register column `endringer`, and the OCDS 1.1 export."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from skills.contracts.amendments import append_amendment, format_amendment, parse_amendments
from skills.contracts.model import Amendment
from skills.contracts.ocds import release_package, to_ocds
from skills.contracts.register_files import read_csv_text
from tests.support.procs import ROOT

OPTION = Amendment(
    date(2026, 11, 25), "opsjon brukt", date(2027, 3, 31), date(2028, 3, 31), "Ingrid Haugen"
)
LINE = "2026-11-25; opsjon brukt; slutt 2027-03-31 -> 2028-03-31; av Ingrid Haugen"


def test_format_and_parse_round_trip() -> None:
    assert format_amendment(OPTION) == LINE
    assert parse_amendments(LINE) == ((OPTION,), [])
    plain = Amendment(date(2025, 2, 1), "ny kontaktperson")
    assert format_amendment(plain) == "2025-02-01; ny kontaktperson"
    assert parse_amendments(format_amendment(plain))[0] == (plain,)


def test_parse_accepts_norwegian_dates_any_order_and_blank_lines() -> None:
    text = (
        "\n01.02.2025; prisjustering\n\n"
        "25.11.2026; opsjon brukt; av Lars Berg; slutt 31.03.2027 -> 31.03.2028\n"
    )
    found, problems = parse_amendments(text)
    assert problems == []
    assert found == (
        Amendment(date(2025, 2, 1), "prisjustering"),
        Amendment(
            date(2026, 11, 25), "opsjon brukt", date(2027, 3, 31), date(2028, 3, 31), "Lars Berg"
        ),
    )


@pytest.mark.parametrize(
    "line, reason",
    [
        ("opsjon brukt", "date; what changed"),
        ("2026-13-01; opsjon brukt", "impossible date"),
        ("2026-11-25; ", "date; what changed"),
        ("2026-11-25; opsjon brukt; slutt 2027-03-31 -> snart", "unknown date"),
        ("2026-11-25; opsjon brukt; kanskje", "unknown part"),
    ],
)
def test_a_bad_line_is_reported_and_the_rest_kept(line: str, reason: str) -> None:
    found, problems = parse_amendments(f"{LINE}\n{line}")
    assert found == (OPTION,)
    assert len(problems) == 1
    nb, en = problems[0].say("nb"), problems[0].say("en")
    assert "line 2" in en and reason in en and nb.startswith("linje 2 «")


def test_append_keeps_what_was_there_and_cleans_the_new_line() -> None:
    odd = "2024-01-01; skrevet for hånd; ukjent format"  # not ours to rewrite
    by_hand = Amendment(date(2026, 11, 25), "opsjon; brukt\nnå", by="Ola; Nordmann")
    text = append_amendment(odd + "\n", by_hand)
    assert text.splitlines() == [odd, "2026-11-25; opsjon, brukt nå; av Ola, Nordmann"]
    assert append_amendment("", OPTION) == LINE


HEADER = (
    "kontrakt_id;tittel;leverandor;org_nr;avtaletype;start;slutt;opsjoner;"
    "fornyes_automatisk;oppsigelse_mnd;status;endringer"
)
CSV = f"""{HEADER}
2024-001;Renhold;Rent AS;974760673;rammeavtale;2024-04-01;2028-03-31;1;nei;;;"{LINE}"
2024-002;Kaffe;Bønne AS;;kontrakt;2025-01-01;2026-12-31;;ja;3;;
2023-003;Papir;Ark AS;;kontrakt;;2025-12-31;;nei;;avsluttet;"2025-01-01; forlenget
ikke en dato; feil"
"""


def test_register_reads_amendments_and_warns_about_bad_lines() -> None:
    register = read_csv_text(CSV)
    assert not register.errors
    by_id = {c.contract_id: c for c in register.contracts}
    assert by_id["2024-001"].amendments == (OPTION,)
    assert by_id["2024-002"].amendments == ()
    assert by_id["2023-003"].amendments == (Amendment(date(2025, 1, 1), "forlenget"),)
    bad = [p for p in register.unread if p.column == "endringer"]
    assert [p.contract_id for p in bad] == ["2023-003"] and "line 2" in bad[0].reason.say("en")


def test_to_ocds_is_a_straight_mapping() -> None:
    contracts = {c.contract_id: c for c in read_csv_text(CSV).contracts}
    framework = to_ocds(contracts["2024-001"])
    assert framework == {
        "id": "2024-001",
        "awardID": "2024-001",
        "title": "Renhold",
        "status": "active",
        "period": {
            # Oslo time: summer time (+02:00) from the last Sunday of March.
            "startDate": "2024-04-01T00:00:00+02:00",
            "endDate": "2028-03-31T23:59:59+02:00",
            "maxExtentDate": "2029-03-31T23:59:59+02:00",
            # 2024-04-01 .. 2028-03-31 both included: four years with one leap day (2028).
            "durationInDays": 1461,
        },
        "hasRenewal": True,
        "renewal": {
            "maximumRenewals": 1,
            "period": {
                "startDate": "2028-04-01T00:00:00+02:00",
                "endDate": "2029-03-31T23:59:59+02:00",
                "durationInDays": 365,
            },
        },
        "amendments": [
            {
                "id": "1",
                "date": "2026-11-25T00:00:00+01:00",
                "rationale": "opsjon brukt",
                "description": "End date moved from 2027-03-31 to 2028-03-31. "
                "Recorded by Ingrid Haugen.",
            }
        ],
    }
    auto = to_ocds(contracts["2024-002"])
    assert auto["hasRenewal"] is True and "maximumRenewals" not in auto["renewal"]
    # It renews itself: there is no latest end to state.
    assert auto["period"]["endDate"] == "2026-12-31T23:59:59+01:00"
    assert "maxExtentDate" not in auto["period"]
    ended = to_ocds(contracts["2023-003"])
    assert ended["status"] == "terminated" and ended["hasRenewal"] is False
    assert "startDate" not in ended["period"] and "durationInDays" not in ended["period"]
    assert ended["amendments"] == [
        {"id": "1", "date": "2025-01-01T00:00:00+01:00", "rationale": "forlenget"}
    ]


def test_release_package_has_one_contract_release_per_row() -> None:
    contracts = read_csv_text(CSV).contracts
    package = release_package(contracts, date(2026, 11, 25), "ocds-abc123", "Felles innkjøp")
    assert package["version"] == "1.1" and package["publisher"] == {"name": "Felles innkjøp"}
    assert package["publishedDate"] == "2026-11-25T00:00:00+01:00"
    assert [r["ocid"] for r in package["releases"]] == [
        "ocds-abc123-2024-001",
        "ocds-abc123-2024-002",
        "ocds-abc123-2023-003",
    ]
    first = package["releases"][0]
    assert first["tag"] == ["contract"] and first["contracts"] == [to_ocds(contracts[0])]
    assert first["awards"] == [
        {"id": "2024-001", "suppliers": [{"name": "Rent AS", "id": "NO-BRC-974760673"}]}
    ]
    supplier = next(p for p in first["parties"] if p["roles"] == ["supplier"])
    assert supplier["identifier"] == {"scheme": "NO-BRC", "id": "974760673", "legalName": "Rent AS"}
    assert first["buyer"]["id"] in {p["id"] for p in first["parties"] if p["roles"] == ["buyer"]}
    assert len({r["id"] for r in package["releases"]}) == 3


@pytest.mark.integration  # starts the CLI as its own process
def test_cli_prints_the_release_package(tmp_path: Path) -> None:
    register = tmp_path / "register.csv"
    register.write_text(CSV + "2024-009;Uten slutt;;;;;;;;;;\n", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "skills.contracts", "ocds", "--register", str(register)]
        + ["--today", "2026-11-25", "--ocid-prefix", "ocds-abc123"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    package = json.loads(result.stdout)
    assert [r["contracts"][0]["id"] for r in package["releases"]] == [
        "2024-001",
        "2024-002",
        "2023-003",
    ]
    assert package["releases"][0]["contracts"][0]["amendments"][0]["rationale"] == "opsjon brukt"
    # The bad row is named, not hidden.
    assert "Rad 5 (2024-009), «slutt»: sluttdato mangler" in result.stderr


@pytest.mark.integration  # starts the CLI as its own process
def test_cli_refuses_an_unreadable_register(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "skills.contracts", "ocds", "--register", str(tmp_path / "x.txt")],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
    )
    assert result.returncode == 2 and "Kan ikke åpne" in result.stderr and "x.txt" in result.stderr
