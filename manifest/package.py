"""Fill in the manifest template, check it the way Teams will, and zip the app package.

Teams reports a bad package only at upload, tersely ("manifest parsing has
failed"), and far from the build that made it. Everything Teams is known to
check is checked here first, against the official schema and a few rules the
schema cannot express, and every problem names the field or setting to fix.
"""

from __future__ import annotations

import io
import json
import os
import re
import uuid
import zipfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from bot.settings import SettingsError, read_env_file
from manifest.icons import COLOR_SIZE, OUTLINE_SIZE, decode_png, png_size
from manifest.schema import (
    LOCALIZATION_SCHEMA,
    MANIFEST_SCHEMA,
    SchemaError,
    field_path,
    load_schema,
    schema_errors,
    schema_url,
)

SCHEMA_VERSION = "1.24"
SOURCE_DIR = Path(__file__).resolve().parent
TEMPLATE = SOURCE_DIR / "manifest.template.json"
DEFAULT_OUT = Path("build") / "appPackage.zip"

# No real app has this id: it is derived from a fixed name, so local packages
# are stable from build to build but never collide with a registered bot.
LOCAL_APP_ID = str(uuid.uuid5(uuid.NAMESPACE_URL, "urn:procurement-assistant:teams-app:local"))
# `.example` is reserved (RFC 2606): it cannot point at anyone's server by accident.
LOCAL_DOMAIN = "bot.localtest.example"

ICON_SIZES = {"color": COLOR_SIZE, "outline": OUTLINE_SIZE}
PLACEHOLDER = re.compile(r"\$\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}")
GUID = re.compile(r"^[0-9a-fA-F]{8}-(?:[0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$")
SEMVER = re.compile(r"^(?:0|[1-9][0-9]*)\.(?:0|[1-9][0-9]*)\.(?:0|[1-9][0-9]*)$")
_LABEL = re.compile(r"^(?!-)[a-z0-9-]{1,63}(?<!-)$")
_KEY_PART = re.compile(r"([A-Za-z_][A-Za-z0-9_]*)|\[([0-9]+)\]|\.")
# Keys a localization file may carry that are not paths into the manifest.
_LOCALIZATION_META = {"$schema", "localizationKeys"}

Json = dict[str, Any]


class ManifestError(Exception):
    """The package cannot be built; `problems` lists each thing to fix."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("\n".join(problems))


@dataclass(frozen=True)
class PackageInputs:
    app_id: str
    domain: str
    warnings: tuple[str, ...] = ()

    @classmethod
    def from_env(
        cls, environ: Mapping[str, str] | None = None, env_file: Path | None = Path(".env")
    ) -> PackageInputs:
        """Read what the bot reads (environment first, then `.env`): one file serves both."""
        env: dict[str, str] = {}
        if env_file is not None:
            try:
                env.update(read_env_file(env_file))
            except SettingsError as error:
                raise ManifestError([str(error)]) from None
        env.update(os.environ if environ is None else environ)
        raw_id = env.get("MicrosoftAppId", "").strip()
        raw_domain = env.get("BOT_DOMAIN", "").strip()
        warnings = []
        problems = []
        app_id = LOCAL_APP_ID
        if raw_id:
            try:
                app_id = check_app_id(raw_id)
            except ManifestError as error:
                problems += error.problems
        else:
            warnings.append(
                f"MicrosoftAppId is not set: using the placeholder id {LOCAL_APP_ID}. "
                "The package is for local validation only; Teams cannot reach a bot with this id."
            )
        domain = LOCAL_DOMAIN
        if raw_domain:
            try:
                domain = check_domain(raw_domain)
            except ManifestError as error:
                problems += error.problems
        else:
            warnings.append(
                f"BOT_DOMAIN is not set: using the placeholder domain {LOCAL_DOMAIN}. "
                "Set it to the public host name of the messaging endpoint for a real package."
            )
        if problems:
            raise ManifestError(problems)
        return cls(app_id=app_id, domain=domain, warnings=tuple(warnings))


def check_app_id(raw: str) -> str:
    value = raw.strip()
    if not GUID.match(value):
        raise ManifestError(
            [
                "MicrosoftAppId must be a GUID (the Application (client) ID of the bot's Entra "
                f"app registration, in the form xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx), got {raw!r}"
            ]
        )
    return value


def check_domain(raw: str) -> str:
    """A bare host name in ASCII (IDNA), since validDomains and the https URLs need one."""
    value = raw.strip().rstrip(".").lower()
    hint = "BOT_DOMAIN must be the public host name of the messaging endpoint"
    if "://" in value or "/" in value or ":" in value:
        raise ManifestError(
            [f"{hint}, without scheme, port or path (like assistant.example.no), got {raw!r}"]
        )
    try:
        ascii_name = value.encode("idna").decode("ascii")
    except UnicodeError:
        raise ManifestError([f"{hint}; {raw!r} is not a valid host name"]) from None
    labels = ascii_name.split(".")
    if len(labels) < 2 or not all(_LABEL.match(label) for label in labels) or len(ascii_name) > 253:
        raise ManifestError(
            [f"{hint}: a DNS name with at least one dot, like assistant.example.no, got {raw!r}"]
        )
    if labels[-1].isdigit():
        raise ManifestError([f"{hint}; Teams needs a DNS name, not an IP address, got {raw!r}"])
    return ascii_name


def fill(document: Any, values: Mapping[str, str]) -> Any:
    """Replace `${{NAME}}` in every string; JSON-level so values never need escaping."""
    if isinstance(document, dict):
        return {key: fill(value, values) for key, value in document.items()}
    if isinstance(document, list):
        return [fill(value, values) for value in document]
    if isinstance(document, str):

        def replace(match: re.Match[str]) -> str:
            name = match.group(1)
            if name not in values:
                raise ManifestError([f"unknown placeholder ${{{{{name}}}}} in the template"])
            return values[name]

        return PLACEHOLDER.sub(replace, document)
    return document


def _placeholders(document: Any, path: list[object]) -> list[str]:
    if isinstance(document, dict):
        return [p for key, value in document.items() for p in _placeholders(value, [*path, key])]
    if isinstance(document, list):
        return [p for i, value in enumerate(document) for p in _placeholders(value, [*path, i])]
    if isinstance(document, str) and "${{" in document:
        return [field_path(path)]
    return []


def _read_json(path: Path) -> Json:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise ManifestError([f"{path}: cannot read JSON: {error}"]) from None
    if not isinstance(data, dict):
        raise ManifestError([f"{path}: expected a JSON object"])
    return data


def placeholder_values(app_id: str, domain: str) -> dict[str, str]:
    return {"BOT_APP_ID": app_id, "BOT_DOMAIN": domain}


def render_manifest(app_id: str, domain: str, template: Path = TEMPLATE) -> Json:
    manifest: Json = fill(_read_json(template), placeholder_values(app_id, domain))
    return manifest


def localization_files(manifest: Json) -> list[str]:
    info = manifest.get("localizationInfo")
    if not isinstance(info, dict):
        return []
    files = (
        [info["defaultLanguageFile"]] if isinstance(info.get("defaultLanguageFile"), str) else []
    )
    for language in info.get("additionalLanguages") or []:
        if isinstance(language, dict) and isinstance(language.get("file"), str):
            files.append(language["file"])
    return files


def _https_problem(where: str, url: object) -> str | None:
    if not isinstance(url, str):
        return None
    parts = urlsplit(url)
    if parts.scheme != "https" or not parts.hostname:
        return f"manifest.json: {where}: must be an https:// URL with a host name, got {url!r}"
    return None


def _domain_problem(where: str, domain: object) -> str | None:
    if not isinstance(domain, str):
        return None
    name = domain.removeprefix("*.")
    labels = name.split(".")
    if len(labels) < 2 or not all(_LABEL.match(label) for label in labels):
        return (
            f"manifest.json: {where}: must be a host name like assistant.example.no "
            f"(optionally starting with *.), without scheme or path, got {domain!r}"
        )
    return None


def manifest_problems(manifest: Json) -> list[str]:
    """Schema violations plus the rules Teams enforces that the schema does not express."""
    problems = [
        f"manifest.json: {where}: placeholder was not filled in"
        for where in _placeholders(manifest, [])
    ]
    problems += schema_errors(
        manifest, load_schema(SCHEMA_VERSION, MANIFEST_SCHEMA), "manifest.json"
    )
    version = manifest.get("version")
    if isinstance(version, str) and not SEMVER.match(version):
        problems.append(
            f"manifest.json: version: {version!r} is not a MAJOR.MINOR.PATCH version "
            "(digits only, as Teams requires); raise it for every change to the package"
        )
    expected_schema = schema_url(SCHEMA_VERSION)
    if manifest.get("$schema") != expected_schema:
        problems.append(
            f"manifest.json: $schema: expected {expected_schema!r} for manifestVersion "
            f"{SCHEMA_VERSION}, got {manifest.get('$schema')!r}"
        )
    developer = manifest.get("developer")
    if isinstance(developer, dict):
        for key in ("websiteUrl", "privacyUrl", "termsOfUseUrl"):
            problem = _https_problem(f"developer.{key}", developer.get(key))
            if problem:
                problems.append(problem)
    for index, domain in enumerate(manifest.get("validDomains") or []):
        problem = _domain_problem(f"validDomains[{index}]", domain)
        if problem:
            problems.append(problem)
    return problems + _copilot_agent_problems(manifest)


def _copilot_agent_problems(manifest: Json) -> list[str]:
    """A custom engine agent for Microsoft 365 Copilot must be this app's bot, in
    personal scope (the schema says so in prose only)."""
    agents = (manifest.get("copilotAgents") or {}).get("customEngineAgents") or []
    bots = {str(b.get("botId")): b for b in manifest.get("bots") or [] if isinstance(b, dict)}
    problems = []
    for index, agent in enumerate(agents):
        where = f"manifest.json: copilotAgents.customEngineAgents[{index}].id"
        bot = bots.get(str(agent.get("id"))) if isinstance(agent, dict) else None
        if bot is None:
            problems.append(f"{where}: must be the botId of a bot in this manifest")
        elif "personal" not in (bot.get("scopes") or []):
            problems.append(f"{where}: the bot must have the personal scope")
    return problems


def validate_manifest(manifest: Json) -> None:
    problems = _schema_guarded(manifest_problems, manifest)
    if problems:
        raise ManifestError(problems)


def _schema_guarded(check: Callable[..., list[str]], *args: Any) -> list[str]:
    """A missing schema is one clear problem, not a traceback."""
    try:
        problems = check(*args)
    except SchemaError as error:
        raise ManifestError([str(error)]) from None
    return problems


def _resolves(manifest: Json, key: str) -> bool:
    """Whether a localization key like `bots[0].commandLists[1].commands[2].title` exists."""
    node: Any = manifest
    position = 0
    while position < len(key):
        match = _KEY_PART.match(key, position)
        if match is None:
            return False
        name, index = match.group(1), match.group(2)
        if name is not None:
            if not isinstance(node, dict) or name not in node:
                return False
            node = node[name]
        elif index is not None:
            if not isinstance(node, list) or int(index) >= len(node):
                return False
            node = node[int(index)]
        position = match.end()
    return isinstance(node, str)


def localization_problems(name: str, localization: Any, manifest: Json) -> list[str]:
    if not isinstance(localization, dict):
        return [f"{name}: expected a JSON object"]
    problems = [
        f"{name}: {where}: placeholder was not filled in"
        for where in _placeholders(localization, [])
    ]
    problems += schema_errors(localization, load_schema(SCHEMA_VERSION, LOCALIZATION_SCHEMA), name)
    expected_schema = schema_url(SCHEMA_VERSION, LOCALIZATION_SCHEMA)
    if localization.get("$schema") != expected_schema:
        problems.append(
            f"{name}: $schema: expected {expected_schema!r}, got {localization.get('$schema')!r}"
        )
    for key in localization:
        if key not in _LOCALIZATION_META and not _resolves(manifest, key):
            problems.append(f"{name}: {key}: no such text in manifest.json to translate")
    return problems


def _icon_problems(manifest: Json, files: Mapping[str, bytes]) -> list[str]:
    icons = manifest.get("icons")
    if not isinstance(icons, dict):
        return []
    problems = []
    for kind, size in ICON_SIZES.items():
        name = icons.get(kind)
        if not isinstance(name, str):
            continue
        data = files.get(name)
        if data is None:
            problems.append(f"icons.{kind}: {name} is not in the package")
            continue
        try:
            width, height = png_size(data)
        except ValueError as error:
            problems.append(f"{name} (icons.{kind}): {error}")
            continue
        if (width, height) != (size, size):
            problems.append(
                f"{name} (icons.{kind}): must be {size}x{size} pixels, is {width}x{height}"
            )
            continue
        if kind == "outline":
            problems += _outline_problems(name, data)
    return problems


def _outline_problems(name: str, data: bytes) -> list[str]:
    """Teams shows the outline icon tinted on its own backgrounds: white on transparent only."""
    try:
        image = decode_png(data)
    except ValueError as error:
        return [f"{name} (icons.outline): cannot read the pixels: {error}"]
    coloured = [
        (index % image.width, index // image.width)
        for index, (r, g, b, a) in enumerate(image.pixels)
        if a > 0 and (r, g, b) != (255, 255, 255)
    ]
    if coloured:
        x, y = coloured[0]
        return [
            f"{name} (icons.outline): must be white on a transparent background; "
            f"{len(coloured)} visible pixels are not white (first at x={x}, y={y})"
        ]
    if all(a == 0 for *_rgb, a in image.pixels):
        return [f"{name} (icons.outline): is fully transparent"]
    return []


def validate_package(manifest: Json, files: Mapping[str, bytes]) -> None:
    """Check the manifest and every file it refers to, reporting all problems at once."""
    problems = _schema_guarded(manifest_problems, manifest)
    problems += _icon_problems(manifest, files)
    for name in localization_files(manifest):
        data = files.get(name)
        if data is None:
            problems.append(f"localizationInfo: {name} is not in the package")
            continue
        try:
            localization = json.loads(data.decode("utf-8"))
        except ValueError as error:
            problems.append(f"{name}: not valid UTF-8 JSON: {error}")
            continue
        problems += _schema_guarded(localization_problems, name, localization, manifest)
    if problems:
        raise ManifestError(problems)


def _json_bytes(document: Any) -> bytes:
    return (json.dumps(document, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


def package_files(
    inputs: PackageInputs, source_dir: Path = SOURCE_DIR
) -> tuple[Json, dict[str, bytes]]:
    """The filled manifest and every file of the package, keyed by name at the zip root."""
    values = placeholder_values(inputs.app_id, inputs.domain)
    manifest = render_manifest(inputs.app_id, inputs.domain, source_dir / TEMPLATE.name)
    files = {"manifest.json": _json_bytes(manifest)}
    problems = []
    icons = manifest.get("icons")
    icon_files = list(icons.values()) if isinstance(icons, dict) else []
    for name in [*icon_files, *localization_files(manifest)]:
        if not isinstance(name, str):
            continue
        path = source_dir / name
        if not path.is_file():
            problems.append(f"{name}: referenced by the manifest but missing from {source_dir}")
        elif name.endswith(".json"):
            files[name] = _json_bytes(fill(_read_json(path), values))
        else:
            files[name] = path.read_bytes()
    if problems:
        raise ManifestError(problems)
    return manifest, files


def write_zip(files: Mapping[str, bytes], out: Path) -> Path:
    """A reproducible zip (fixed timestamps, sorted names), replaced atomically."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name in sorted(files):
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, files[name])
    out.parent.mkdir(parents=True, exist_ok=True)
    partial = out.with_name(out.name + ".partial")
    partial.write_bytes(buffer.getvalue())
    os.replace(partial, out)
    return out


def build_package(inputs: PackageInputs, out: Path = DEFAULT_OUT) -> Path:
    manifest, files = package_files(inputs)
    validate_package(manifest, files)
    return write_zip(files, out)
