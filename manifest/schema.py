"""Validate against the official Teams JSON schemas from node_modules, fully offline.

The schemas ship in @microsoft/app-manifest (installed by `npm ci`), the package
Teams Toolkit validates with, so a package that passes here passes there, and
the build never depends on developer.microsoft.com being reachable.

The schemas declare draft-04 but use `const` (draft-06) and put keywords beside
`$ref`, both of which Ajv (the toolkit's validator) honours. A plain
draft-04 validator would ignore them and accept, for example, a wrong
manifestVersion or a 40-character localized short name, so the validator here
is draft-04 plus `const`, with `$ref` siblings applied.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import referencing
from jsonschema import (
    Draft4Validator,
    Draft6Validator,
    FormatChecker,
    validators,
)

ROOT = Path(__file__).resolve().parent.parent
SCHEMA_ROOT = ROOT / "node_modules" / "@microsoft" / "app-manifest" / "build" / "json-schemas"
MANIFEST_SCHEMA = "MicrosoftTeams.schema.json"
LOCALIZATION_SCHEMA = "MicrosoftTeams.Localization.schema.json"
SCHEMA_URL = "https://developer.microsoft.com/json-schemas/teams/v{version}/{name}"

_MAX_VALUE_CHARS = 60


class SchemaError(Exception):
    """The schema itself is missing or cannot be used offline."""


def _uri(value: object) -> bool:
    if not isinstance(value, str):
        return True
    parts = urlsplit(value)
    return bool(parts.scheme) and not re.search(r"\s", value)


_FORMATS = FormatChecker(formats=())
_FORMATS.checks("uri")(_uri)

_TeamsValidator = validators.create(
    meta_schema=Draft4Validator.META_SCHEMA,
    validators={**Draft4Validator.VALIDATORS, "const": Draft6Validator.VALIDATORS["const"]},
    type_checker=Draft4Validator.TYPE_CHECKER,
    format_checker=_FORMATS,
    id_of=Draft4Validator.ID_OF,
)


def schema_url(version: str, name: str = MANIFEST_SCHEMA) -> str:
    """The `$schema` value Teams expects for this manifest version."""
    return SCHEMA_URL.format(version=version, name=name)


def _refs(node: object) -> Iterator[str]:
    if isinstance(node, dict):
        ref = node.get("$ref")
        if isinstance(ref, str):
            yield ref
        for value in node.values():
            yield from _refs(value)
    elif isinstance(node, list):
        for value in node:
            yield from _refs(value)


def check_offline(schema: dict[str, Any], name: str) -> None:
    """Refuse schemas whose `$ref`s leave the file, instead of fetching them.

    jsonschema still falls back to downloading unknown remote references (with
    a deprecation warning); a build must never depend on that.
    """
    remote = sorted({ref for ref in _refs(schema) if not ref.startswith("#")})
    if remote:
        raise SchemaError(
            f"{name} refers to other documents ({', '.join(remote)}); only references "
            "inside the schema file are supported offline"
        )


@cache
def load_schema(version: str, name: str) -> dict[str, Any]:
    path = SCHEMA_ROOT / "teams" / f"v{version}" / name
    if not path.is_file():
        raise SchemaError(
            f"Teams schema {name} v{version} not found at {path}; "
            "run `make setup` (npm ci) to install @microsoft/app-manifest"
        )
    schema: dict[str, Any] = json.loads(path.read_text(encoding="utf-8-sig"))
    check_offline(schema, f"{name} v{version}")
    return schema


def field_path(parts: Iterable[object]) -> str:
    """`bots[0].commandLists[1].title`: the notation Teams and its docs use."""
    text = ""
    for part in parts:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else str(part)
    return text or "(top level)"


def _describe(error: Any) -> str:
    value = error.instance
    if error.validator == "maxLength" and isinstance(value, str):
        return f"is {len(value)} characters long, at most {error.validator_value} allowed"
    if error.validator == "maxItems" and isinstance(value, list):
        return f"has {len(value)} items, at most {error.validator_value} allowed"
    shown = repr(value)
    if len(shown) > _MAX_VALUE_CHARS:
        shown = shown[: _MAX_VALUE_CHARS - 3] + "..."
    if error.validator == "pattern":
        return f"{shown} does not match the pattern {error.validator_value}"
    if error.validator == "additionalProperties" and isinstance(value, dict):
        # jsonschema's own message lists every allowed pattern: hundreds of characters.
        known = error.schema.get("properties", {})
        patterns = error.schema.get("patternProperties", {})
        unknown = [
            key
            for key in value
            if key not in known and not any(re.search(p, key) for p in patterns)
        ]
        return f"unknown field(s) {', '.join(map(repr, unknown))}; check the spelling"
    if error.validator in ("const", "enum"):
        expected = error.validator_value
        return f"{shown} is not allowed; expected {expected!r}"
    message = str(error.message)
    return message if len(message) <= 300 else message[:297] + "..."


def schema_errors(instance: object, schema: dict[str, Any], document: str) -> list[str]:
    """Every schema violation as "document: field.path: what is wrong", sorted by field."""
    check_offline(schema, f"the schema for {document}")
    # An explicit registry also turns off jsonschema's legacy fallback of downloading
    # unknown references; an empty one can resolve nothing outside the schema.
    registry: referencing.Registry[Any] = referencing.Registry()
    validator = _TeamsValidator(schema, registry=registry, format_checker=_FORMATS)
    problems = {
        f"{document}: {field_path(list(error.absolute_path))}: {_describe(error)}"
        for error in validator.iter_errors(instance)
    }
    return sorted(problems)
