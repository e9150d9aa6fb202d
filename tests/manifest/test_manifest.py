"""The Teams app package: what `make manifest` writes, and what it refuses to write."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from manifest import icons
from manifest.package import (
    LOCAL_APP_ID,
    LOCAL_DOMAIN,
    ManifestError,
    PackageInputs,
    check_domain,
    package_files,
    render_manifest,
    validate_manifest,
    validate_package,
)
from manifest.schema import SchemaError, check_offline

ROOT = Path(__file__).resolve().parents[2]
APP_ID = "6f1c2d3e-4a5b-4c6d-8e9f-0a1b2c3d4e5f"
DOMAIN = "anskaffelse.example.no"
PACKAGE_NAMES = {"manifest.json", "color.png", "outline.png", "en.json", "nn.json"}


@pytest.fixture(autouse=True)
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """Validation must work offline; any connection attempt in-process fails the test."""

    def refuse(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("the manifest build tried to open a network connection")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)


def run_manifest(cwd: Path, env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if k not in ("MicrosoftAppId", "BOT_DOMAIN")}
    clean["PYTHONPATH"] = str(ROOT)
    return subprocess.run(
        [sys.executable, "-m", "manifest", *args],
        cwd=cwd,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def walk_strings(node: Any) -> Iterator[str]:
    if isinstance(node, dict):
        for key, value in node.items():
            yield key
            yield from walk_strings(value)
    elif isinstance(node, list):
        for value in node:
            yield from walk_strings(value)
    elif isinstance(node, str):
        yield node


@pytest.fixture
def manifest() -> dict[str, Any]:
    return render_manifest(APP_ID, DOMAIN)


def problems_of(manifest: dict[str, Any]) -> str:
    with pytest.raises(ManifestError) as caught:
        validate_manifest(manifest)
    return str(caught.value)


@pytest.mark.integration  # starts the CLI as its own process
def test_cli_writes_a_complete_package(tmp_path: Path) -> None:
    result = run_manifest(
        tmp_path, {"MicrosoftAppId": APP_ID, "BOT_DOMAIN": DOMAIN}, "--out", "out/app.zip"
    )
    assert result.returncode == 0, result.stderr
    out = tmp_path / "out" / "app.zip"
    assert "out/app.zip" in result.stdout
    assert APP_ID in result.stdout
    assert "warning" not in result.stderr

    with zipfile.ZipFile(out) as archive:
        assert set(archive.namelist()) == PACKAGE_NAMES
        data = {name: archive.read(name) for name in PACKAGE_NAMES}

    manifest = json.loads(data["manifest.json"])
    localization = json.loads(data["en.json"])
    assert manifest["id"] == APP_ID
    assert manifest["bots"][0]["botId"] == APP_ID
    assert manifest["webApplicationInfo"] == {"id": APP_ID, "resource": f"api://botid-{APP_ID}"}
    assert manifest["validDomains"] == [DOMAIN]
    for key in ("websiteUrl", "privacyUrl", "termsOfUseUrl"):
        assert manifest["developer"][key].startswith(f"https://{DOMAIN}/")
    for text in [*walk_strings(manifest), *walk_strings(localization)]:
        assert "${{" not in text and "}}" not in text

    bot = manifest["bots"][0]
    assert sorted(bot["scopes"]) == ["groupChat", "personal", "team"]
    assert bot["supportsFiles"] is False and bot["isNotificationOnly"] is False
    assert [lst["scopes"] for lst in bot["commandLists"]] == [[s] for s in bot["scopes"]]
    for command_list in bot["commandLists"]:
        titles = [command["title"] for command in command_list["commands"]]
        assert titles == ["hjelp", "status", "frister", "markedsdialog", "oppsummer"]
    assert manifest["localizationInfo"]["defaultLanguageTag"] == "nb-no"
    assert manifest["localizationInfo"]["additionalLanguages"] == [
        {"languageTag": "en", "file": "en.json"},
        {"languageTag": "nn-no", "file": "nn.json"},
    ]
    assert localization["bots[0].commandLists[2].commands[0].title"] == "help"
    nynorsk = json.loads(data["nn.json"])
    assert nynorsk["bots[0].commandLists[0].commands[2].title"] == "fristar"
    assert "hva " not in nynorsk["description.full"] and "kva " in nynorsk["description.full"]

    assert icons.png_size(data["color.png"]) == (192, 192)
    assert icons.png_size(data["outline.png"]) == (32, 32)
    outline = icons.decode_png(data["outline.png"])
    visible = [pixel for pixel in outline.pixels if pixel[3] > 0]
    assert visible, "the outline icon is empty"
    assert all(pixel[:3] == (255, 255, 255) for pixel in visible)
    color = icons.decode_png(data["color.png"])
    assert any(pixel[:3] == icons.BRAND_BLUE[:3] for pixel in color.pixels)


@pytest.mark.integration  # starts the CLI as its own process
def test_cli_defaults_to_build_dir_in_cwd_with_placeholders_and_warnings(tmp_path: Path) -> None:
    result = run_manifest(tmp_path, {})
    assert result.returncode == 0, result.stderr
    assert "MicrosoftAppId is not set" in result.stderr
    assert "BOT_DOMAIN is not set" in result.stderr
    assert "local validation only" in result.stderr
    with zipfile.ZipFile(tmp_path / "build" / "appPackage.zip") as archive:
        manifest = json.loads(archive.read("manifest.json"))
    assert manifest["id"] == LOCAL_APP_ID
    assert manifest["validDomains"] == [LOCAL_DOMAIN]


@pytest.mark.integration  # starts the CLI as its own process
def test_cli_rejects_an_app_id_that_is_not_a_guid(tmp_path: Path) -> None:
    result = run_manifest(tmp_path, {"MicrosoftAppId": "procurement-bot", "BOT_DOMAIN": DOMAIN})
    assert result.returncode == 1
    assert "MicrosoftAppId must be a GUID" in result.stderr
    assert "'procurement-bot'" in result.stderr
    assert not (tmp_path / "build").exists()


def test_settings_come_from_env_file_and_environment_wins(tmp_path: Path) -> None:
    env_file = tmp_path / ".env"
    env_file.write_text(f"MicrosoftAppId={APP_ID}\nBOT_DOMAIN=fra-fil.example.no\n", "utf-8")
    inputs = PackageInputs.from_env({"BOT_DOMAIN": DOMAIN}, env_file)
    assert (inputs.app_id, inputs.domain, inputs.warnings) == (APP_ID, DOMAIN, ())


@pytest.mark.parametrize(
    "raw",
    [
        "https://anskaffelse.example.no",
        "anskaffelse.example.no/api/messages",
        "localhost",
        "host.example.no:443",
        "10.0.0.1",
        "under_score.example.no",
        "-bad.example.no",
    ],
)
def test_domain_must_be_a_bare_dns_name(raw: str) -> None:
    with pytest.raises(ManifestError, match="BOT_DOMAIN"):
        check_domain(raw)


def test_domain_is_normalised_to_ascii() -> None:
    assert check_domain(" Innkjøp.Example.NO. ") == "xn--innkjp-fya.example.no"


def test_rendered_manifest_passes(manifest: dict[str, Any]) -> None:
    validate_manifest(manifest)


def test_the_bot_is_also_a_custom_engine_agent_for_microsoft_365_copilot(
    manifest: dict[str, Any],
) -> None:
    (agent,) = manifest["copilotAgents"]["customEngineAgents"]
    assert agent["type"] == "bot" and agent["id"] == manifest["bots"][0]["botId"] == APP_ID
    assert "personal" in manifest["bots"][0]["scopes"]
    assert len(agent["disclaimer"]["text"]) <= 500


@pytest.mark.parametrize(
    ("change", "field"),
    [
        (lambda m: m["name"].update(short="A" * 31), "name.short"),
        (lambda m: m.update(version="1.0"), "version"),
        (lambda m: m.update(version="1.0.0-beta"), "version"),
        (lambda m: m.update(id="procurement-bot"), "id"),
        (lambda m: m["bots"][0].update(botId="not-a-guid"), "bots[0].botId"),
        (lambda m: m.update(manifestVersion="1.99"), "manifestVersion"),
        (lambda m: m["description"].update(short="x" * 81), "description.short"),
        (lambda m: m["developer"].update(privacyUrl="http://example.no/p"), "developer.privacyUrl"),
        (lambda m: m.update(validDomains=["https://example.no"]), "validDomains[0]"),
        (lambda m: m.update(accentColor="blue"), "accentColor"),
        (lambda m: m["bots"][0].update(scopes=["personal", "meeting"]), "bots[0].scopes[1]"),
        (lambda m: m.update(id="${{BOT_APP_ID}}"), "id: placeholder"),
        (
            lambda m: m["copilotAgents"]["customEngineAgents"][0].update(
                id="00000000-0000-4000-8000-000000000000"
            ),
            "copilotAgents.customEngineAgents[0].id: must be the botId",
        ),
        (
            lambda m: m["bots"][0].update(scopes=["team"]),
            "copilotAgents.customEngineAgents[0].id: the bot must have the personal scope",
        ),
        (
            lambda m: m["copilotAgents"]["customEngineAgents"][0].update(type="plugin"),
            "copilotAgents.customEngineAgents[0].type",
        ),
    ],
)
def test_broken_manifest_is_rejected_naming_the_field(
    manifest: dict[str, Any], change: Any, field: str
) -> None:
    change(manifest)
    assert f"manifest.json: {field}" in problems_of(manifest)


def test_every_problem_is_reported_at_once(manifest: dict[str, Any]) -> None:
    manifest.update(id="x", version="x")
    message = problems_of(manifest)
    assert "manifest.json: id:" in message and "manifest.json: version:" in message


def package() -> tuple[dict[str, Any], dict[str, bytes]]:
    return package_files(PackageInputs(app_id=APP_ID, domain=DOMAIN))


def rejected(manifest: dict[str, Any], files: dict[str, bytes]) -> str:
    with pytest.raises(ManifestError) as caught:
        validate_package(manifest, files)
    return str(caught.value)


def test_package_files_pass() -> None:
    manifest, files = package()
    validate_package(manifest, files)


def test_localization_is_checked_against_its_schema() -> None:
    manifest, files = package()
    english = json.loads(files["en.json"])
    english["name.short"] = "The Public Procurement Assistant"  # 32 > 30
    english["bots[0].commandLists[0].commands[7].title"] = "no such command"
    english["unexpected"] = "x"
    files["en.json"] = json.dumps(english).encode()
    message = rejected(manifest, files)
    assert "en.json: name.short: is 32 characters long" in message
    assert "en.json: bots[0].commandLists[0].commands[7].title: no such text" in message
    assert "en.json: (top level): unknown field(s) 'unexpected'" in message


def test_icons_must_have_teams_sizes() -> None:
    manifest, files = package()
    files["color.png"] = files["outline.png"]
    del files["outline.png"]
    message = rejected(manifest, files)
    assert "color.png (icons.color): must be 192x192 pixels, is 32x32" in message
    assert "icons.outline: outline.png is not in the package" in message


def test_outline_icon_must_be_white_on_transparent() -> None:
    manifest, files = package()
    pixels = [(255, 255, 255, 0)] * (32 * 32)
    pixels[5 * 32 + 3] = (0x1F, 0x4E, 0x8C, 255)
    files["outline.png"] = icons.encode_png(32, 32, pixels)
    message = rejected(manifest, files)
    assert "outline.png (icons.outline): must be white on a transparent background" in message
    assert "first at x=3, y=5" in message


def test_remote_schema_references_are_refused_not_fetched() -> None:
    with pytest.raises(SchemaError, match="https://example.com/other.json"):
        check_offline({"properties": {"a": {"$ref": "https://example.com/other.json"}}}, "test")


def test_committed_icons_match_the_generator() -> None:
    for name, render in (("color.png", icons.render_color), ("outline.png", icons.render_outline)):
        committed = icons.decode_png((icons.ICON_DIR / name).read_bytes())
        assert committed == icons.decode_png(render()), f"run `python -m manifest.icons` ({name})"


def test_png_round_trip_covers_every_filter() -> None:
    pixels = [
        ((x * 37) % 256, (y * 11) % 256, (x * y) % 256, 255 - x) for y in range(9) for x in range(7)
    ]
    data = icons.encode_png(7, 9, pixels)
    image = icons.decode_png(data)
    assert (image.width, image.height, list(image.pixels)) == (7, 9, pixels)


def test_damaged_png_is_a_value_error() -> None:
    data = icons.render_outline()
    with pytest.raises(ValueError, match="PNG"):
        icons.decode_png(data[:60])
