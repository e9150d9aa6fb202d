"""The Bicep deployment against the app it deploys.

The infra checker runs in its own virtualenv (.venv-infra, made by `make infra-check`
and required by `make pytest`), so these tests call it as a subprocess: they check
that what main.bicep sets is what the bot reads, and that the checker catches what
it exists to catch.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import tomllib
from pathlib import Path
from typing import Any

import pytest
from aiohttp.test_utils import TestClient, TestServer

from bot.app import create_app
from bot.settings import ReminderSettings, Settings, StateSettings

ROOT = Path(__file__).resolve().parents[2]
INFRA = ROOT / "infra"
INFRA_PYTHON = ROOT / ".venv-infra" / "bin" / "python"
FAKE_GUID = "11111111-2222-3333-4444-555555555555"
# Settings that would put a secret into App Service configuration.
SECRET_SETTINGS = {
    "MicrosoftAppPassword",
    "GRAPH_CLIENT_SECRET",
    "GRAPH_CERTIFICATE_PATH",
    "LEDGER_TABLE_CONNECTION_STRING",
    "STATE_TABLE_CONNECTION_STRING",
    "AZURE_SEARCH_KEY",
    "MODEL_API_KEY",
}


def run_checker(*args: str, root: Path = INFRA) -> subprocess.CompletedProcess[str]:
    assert INFRA_PYTHON.is_file(), "run `make infra-check` first: it creates .venv-infra"
    return subprocess.run(
        [str(INFRA_PYTHON), str(INFRA / "check.py"), "--root", str(root), *args],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.fixture(scope="module")
def deployed() -> dict[str, Any]:
    result = run_checker("--dump")
    assert result.returncode == 0, result.stderr
    dumped: dict[str, Any] = json.loads(result.stdout)
    return dumped


def _output_value(expression: dict[str, Any]) -> str:
    """A stand-in for a module output (`identity.outputs.clientId`) by what it names."""
    name = json.dumps(expression)
    if "ConnectionString" in name:  # Application Insights, in the shape Azure gives it
        return (
            f"InstrumentationKey={FAKE_GUID};"
            "IngestionEndpoint=https://norwayeast-0.in.applicationinsights.azure.com/;"
            f"LiveEndpoint=https://norwayeast.livediagnostics.monitor.azure.com/;ApplicationId={FAKE_GUID}"
        )
    if "clientId" in name or "tenantId" in name:
        return FAKE_GUID
    if "ndpoint" in name:
        return "https://service.example.invalid/"
    if "deploymentName" in name:
        return "chat"
    return "stand-in"


def resolve(
    value: Any, parameters: dict[str, Any], defaults: dict[str, Any], variables: dict[str, Any]
) -> str:
    """Turn a pycep value into the string App Service would hold for the test environment."""
    if isinstance(value, dict):
        return _output_value(value)
    text = str(value)
    if text in variables:  # a bare variable reference
        return resolve(variables[text], parameters, defaults, variables)
    if text in defaults:  # a bare parameter reference
        chosen = parameters.get(text, defaults[text])
        return chosen if isinstance(chosen, str) else FAKE_GUID if chosen is None else str(chosen)
    return re.sub(r"\$\{([^}]*)\}", lambda m: _output_value({"ref": m.group(1)}), text)


@pytest.fixture(scope="module")
def test_environment(deployed: dict[str, Any]) -> dict[str, str]:
    document = json.loads((INFRA / "main.test.parameters.json").read_text(encoding="utf-8"))
    parameters = {k: v["value"] for k, v in document["parameters"].items()}
    defaults: dict[str, Any] = deployed["defaults"]
    variables: dict[str, Any] = deployed["variables"]
    return {
        name: resolve(value, parameters, defaults, variables)
        for name, value in deployed["appSettings"].items()
    }


def test_app_settings_start_the_bot_with_the_managed_identity(
    test_environment: dict[str, str],
) -> None:
    settings = Settings.from_env(test_environment, env_file=None)

    assert settings.bot.authenticated
    assert settings.bot.app_type == "UserAssignedMSI"
    assert settings.bot.app_id == FAKE_GUID and settings.bot.app_tenant_id == FAKE_GUID
    assert settings.bot.allowed_tenant_ids  # the deployment tenant, by default
    assert settings.graph.managed_identity_client_id == FAKE_GUID
    assert settings.graph.configured and not settings.graph.local
    assert settings.graph.site_path == "/sites/innkjop-test"
    assert settings.graph.mailbox.startswith("postmottak-innkjop-test@")
    # All state in Table Storage: conversation references and the ledger, for every instance.
    assert settings.state.in_table and settings.state.table_endpoint.startswith("https://")
    assert settings.search.azure_endpoint.startswith("https://") and not settings.search.azure_key
    assert settings.model is not None
    assert settings.model.provider == "azure_openai" and not settings.model.api_key
    assert settings.bot.host == "0.0.0.0"
    assert str(settings.bot.port) == test_environment["WEBSITES_PORT"]
    # /home is the App Service share that outlives restarts and redeployments.
    assert settings.state.db.is_relative_to("/home")
    # Logs and traces go to Application Insights with the identity (local auth is off there).
    assert settings.telemetry.connection_string.startswith("InstrumentationKey=")
    assert settings.telemetry.entra_auth
    assert settings.telemetry.client_id == FAKE_GUID
    # DefaultAzureCredential finds the user-assigned identity only through AZURE_CLIENT_ID.
    assert test_environment["AZURE_CLIENT_ID"] == test_environment["MicrosoftAppId"]


def test_no_secret_is_configured(deployed: dict[str, Any]) -> None:
    names = set(deployed["appSettings"])
    assert not names & SECRET_SETTINGS


def test_every_setting_is_one_the_app_or_the_platform_reads(deployed: dict[str, Any]) -> None:
    read_by_app = (ROOT / "bot" / "settings.py").read_text(encoding="utf-8") + (
        ROOT / "graph" / "settings.py"
    ).read_text(encoding="utf-8")
    platform = ("WEBSITES_", "SCM_", "APPLICATIONINSIGHTS_", "AZURE_CLIENT_ID")
    unread = [
        name
        for name in deployed["appSettings"]
        if not name.startswith(platform) and f'"{name}"' not in read_by_app
    ]
    assert unread == []


def test_production_scales_out_over_shared_state(deployed: dict[str, Any]) -> None:
    document = json.loads((INFRA / "main.prod.parameters.json").read_text(encoding="utf-8"))
    assert document["parameters"]["instanceCount"]["value"] >= 2
    assert "STATE_TABLE_ENDPOINT" in deployed["appSettings"]


def test_host_matches_how_the_bot_starts(deployed: dict[str, Any]) -> None:
    site = deployed["site"]
    assert site["appCommandLine"] == "python -m bot"
    assert (ROOT / "bot" / "__main__.py").is_file()
    requires = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"][
        "requires-python"
    ]
    runtime, version = site["linuxFxVersion"].split("|")
    assert runtime == "PYTHON" and f">={version}" in requires
    assert site["minTlsVersion"] == "1.2" and site["ftpsState"] == "Disabled"
    assert site["alwaysOn"] is True


async def test_health_check_path_answers(deployed: dict[str, Any], tmp_path: Path) -> None:
    settings = Settings(
        state=StateSettings(db=tmp_path / "state.sqlite3"),
        reminders=ReminderSettings(interval_seconds=0),
    )
    client = TestClient(TestServer(create_app(settings), host="127.0.0.1"))
    await client.start_server()
    try:
        response = await client.get(deployed["site"]["healthCheckPath"])
        assert response.status == 200
        assert (await response.json())["status"] == "ok"
    finally:
        await client.close()


@pytest.fixture
def infra_copy(tmp_path: Path) -> Path:
    copy = tmp_path / "infra"
    shutil.copytree(INFRA, copy, ignore=shutil.ignore_patterns("__pycache__"))
    return copy


def test_checker_passes_the_real_files() -> None:
    result = run_checker("--no-checkov")
    assert result.returncode == 0, result.stderr
    assert "main.prod.parameters.json, main.test.parameters.json fit main.bicep" in result.stdout


def test_checker_names_a_file_that_does_not_parse(infra_copy: Path) -> None:
    storage = infra_copy / "modules" / "storage.bicep"
    storage.write_text(storage.read_text(encoding="utf-8") + "\nresource broken = {\n")

    result = run_checker("--no-checkov", root=infra_copy)

    assert result.returncode == 1
    assert "storage.bicep: cannot be parsed as Bicep" in result.stderr


def test_checker_rejects_parameters_modules_and_suppressions_that_do_not_fit(
    infra_copy: Path,
) -> None:
    prod = infra_copy / "main.prod.parameters.json"
    document = json.loads(prod.read_text(encoding="utf-8"))
    del document["parameters"]["procurementMailbox"]
    document["parameters"]["mailbox"] = {"value": "x@example.invalid"}
    document["parameters"]["instanceCount"] = {"value": 0}
    document["parameters"]["environmentName"] = {"value": "staging"}
    prod.write_text(json.dumps(document), encoding="utf-8")
    main = infra_copy / "main.bicep"
    main.write_text(
        main.read_text(encoding="utf-8").replace("    skuName: storageSku\n", "    sku: 'x'\n"),
        encoding="utf-8",
    )
    vault = infra_copy / "modules" / "keyvault.bicep"
    vault.write_text(
        vault.read_text(encoding="utf-8").replace(
            "  name: name\n", "  // checkov:skip=CKV_AZURE_42\n  name: name\n", 1
        ),
        encoding="utf-8",
    )

    result = run_checker("--no-checkov", root=infra_copy)

    assert result.returncode == 1
    for expected in (
        "main.prod.parameters.json: required parameter 'procurementMailbox' is not set",
        "main.prod.parameters.json: unknown parameter 'mailbox'",
        "main.prod.parameters.json: instanceCount=0 is outside 1..10",
        "main.prod.parameters.json: environmentName='staging' is not one of ['test', 'prod']",
        "module 'storage' passes unknown parameter 'sku'",
        "module 'storage' misses required parameter 'skuName'",
        "checkov:skip=CKV_AZURE_42 needs ': reason'",
    ):
        assert expected in result.stderr
    assert "main.test.parameters.json" not in result.stderr
