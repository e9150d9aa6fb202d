"""The register's OCDS export against the official OCDS 1.1 schemas (tests/support/ocds)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT4

from skills.contracts.ocds import RENEWAL_EXTENSION
from tests.skills.contracts.test_register_real import _workbook
from tests.support.procs import ROOT

SCHEMAS = Path(__file__).parents[2] / "support" / "ocds"


def _load(name: str) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads((SCHEMAS / name).read_text(encoding="utf-8"))
    return loaded


def merge_patch(target: Any, patch: Any) -> Any:
    """RFC 7386, as OCDS applies an extension to the release schema."""
    if not isinstance(patch, dict):
        return patch
    result = dict(target) if isinstance(target, dict) else {}
    for key, value in patch.items():
        if value is None:
            result.pop(key, None)
        else:
            result[key] = merge_patch(result.get(key), value)
    return result


def _validator() -> jsonschema.Draft4Validator:
    release = merge_patch(
        _load("release-schema.json"), _load("renewal-extension-release-schema.json")
    )
    package = _load("release-package-schema.json")
    registry: Registry[Any] = Registry().with_resource(
        release["id"], Resource.from_contents(release, default_specification=DRAFT4)
    )
    return jsonschema.Draft4Validator(
        package, registry=registry, format_checker=jsonschema.Draft4Validator.FORMAT_CHECKER
    )


def _ocds(path: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "skills.contracts", "ocds", "--register", str(path),
         "--today", "2026-12-01", "--ocid-prefix", "ocds-abc123", *extra],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )  # fmt: skip


@pytest.mark.integration  # starts the CLI as its own process
def test_the_export_of_a_real_register_validates(tmp_path: Path) -> None:
    result = _ocds(_workbook(tmp_path / "register.xlsx"), "--buyer-org-nr", "974760673")
    assert result.returncode == 0, result.stderr
    package = json.loads(result.stdout)
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in _validator().iter_errors(package)]
    assert errors == []
    assert package["extensions"] == [RENEWAL_EXTENSION]
    assert "Rad 12 på arket «Kontrakter» (2025-205)" in result.stderr  # named, not hidden
    by_id = {r["contracts"][0]["id"]: r for r in package["releases"]}
    release = by_id["2024-101"]
    contract = release["contracts"][0]
    # Worked by hand: 01.03.2024 (winter time) to 28.02.2027 inclusive is 1095 days.
    assert contract["period"] == {
        "startDate": "2024-03-01T00:00:00+01:00",
        "endDate": "2027-02-28T23:59:59+01:00",
        "maxExtentDate": "2029-02-28T23:59:59+01:00",
        "durationInDays": 1095,
    }
    assert contract["renewal"]["maximumRenewals"] == 2
    assert contract["renewal"]["period"]["startDate"] == "2027-03-01T00:00:00+01:00"
    assert contract["value"] == {"amount": 4800000.0, "currency": "NOK"}
    parties = {p["roles"][0]: p for p in release["parties"]}
    assert parties["supplier"]["identifier"] == {
        "scheme": "NO-BRC",
        "id": "987654325",
        "legalName": "Kontormøbel Nord AS",
    }
    assert release["awards"][0]["suppliers"] == [
        {"id": "NO-BRC-987654325", "name": "Kontormøbel Nord AS"}
    ]
    assert release["buyer"] == {"id": "NO-BRC-974760673", "name": parties["buyer"]["name"]}


@pytest.mark.integration  # starts the CLI as its own process
def test_the_validator_catches_renewal_fields_without_the_extension(tmp_path: Path) -> None:
    result = _ocds(_workbook(tmp_path / "register.xlsx"))
    package = json.loads(result.stdout)
    package["releases"][0]["contracts"][0]["renewal"] = {}  # minProperties 1 in the extension
    package["releases"][1]["contracts"][0]["period"]["endDate"] = "2027-02-28"  # not a date-time
    messages = [e.message for e in _validator().iter_errors(package)]
    assert len(messages) == 2


@pytest.mark.integration  # starts the CLI as its own process
@pytest.mark.parametrize("lang", ["nb", "en"])
def test_a_register_with_no_readable_contract_is_refused(tmp_path: Path, lang: str) -> None:
    path = tmp_path / "register.csv"
    path.write_bytes("Kontrakt-ID;Sluttdato\r\nK-1;snart\r\n".encode("cp1252"))
    result = _ocds(path, "--lang", lang)
    assert result.returncode == 2 and result.stdout == ""
    assert ("nothing to export" if lang == "en" else "ingenting å eksportere") in result.stderr
