"""Reading the environment one way: typed getters that name the variable when it is wrong.

A getter returns None when the variable is unset or blank, so the section's dataclass
default applies: each default is written once, on its field.
"""

from __future__ import annotations

import ipaddress
import os
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit


class SettingsError(ValueError):
    """A configuration problem, with the variable to fix in the message."""


def read_env_file(path: Path) -> dict[str, str]:
    """Parse KEY=VALUE lines; the environment always wins over the file."""
    values: dict[str, str] = {}
    if not path.is_file():
        return values
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("export "):
            line = line[len("export ") :]
        key, sep, value = line.partition("=")
        if not sep or not key.strip():
            raise SettingsError(f"{path}:{number}: expected KEY=VALUE, got {raw!r}")
        value = value.strip()
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
            value = value[1:-1]
        values[key.strip()] = value
    return values


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def given(**values: Any) -> dict[str, Any]:
    """The keyword arguments that were set, so a dataclass keeps its own defaults."""
    return {name: value for name, value in values.items() if value is not None}


class Env:
    """The variables of one start: `.env` first, the process environment over it."""

    def __init__(self, values: Mapping[str, str]) -> None:
        self.values = dict(values)

    @classmethod
    def load(cls, environ: Mapping[str, str] | None, env_file: Path | None) -> Env:
        merged: dict[str, str] = {}
        if env_file is not None:
            merged.update(read_env_file(env_file))
        merged.update(os.environ if environ is None else environ)
        return cls(merged)

    def text(self, name: str) -> str | None:
        value = self.values.get(name, "").strip()
        return value or None

    def raw(self, name: str) -> str:
        """The value as written, "" when unset: for settings whose blank means something."""
        return self.values.get(name, "").strip()

    def integer(self, name: str, low: int, high: int) -> int | None:
        raw = self.text(name)
        if raw is None:
            return None
        try:
            value = int(raw)
        except ValueError:
            raise SettingsError(f"{name} must be a whole number, got {raw!r}") from None
        if not low <= value <= high:
            raise SettingsError(f"{name} must be between {low} and {high}, got {value}")
        return value

    def choice(self, name: str, options: Iterable[str]) -> str | None:
        """One of `options`, matched without regard to case; the option's own spelling."""
        raw = self.text(name)
        if raw is None:
            return None
        known = {option.lower(): option for option in options}
        if raw.lower() not in known:
            raise SettingsError(f"{name} must be one of {', '.join(known.values())}, got {raw!r}")
        return known[raw.lower()]

    def flag(self, name: str) -> bool | None:
        raw = self.text(name)
        if raw is None:
            return None
        if raw.lower() in ("ja", "yes", "true", "1"):
            return True
        if raw.lower() in ("nei", "no", "false", "0"):
            return False
        raise SettingsError(f"{name} must be ja or nei, got {raw!r}")

    def path(self, name: str) -> Path | None:
        raw = self.text(name)
        return Path(raw) if raw else None

    def folder(self, name: str) -> str | None:
        """A folder path as people type it: slashes at either end do not count."""
        raw = self.text(name)
        return raw.strip("/") or None if raw else None

    def https_url(self, name: str) -> str | None:
        """Service endpoints carry keys or tokens: only https, except on loopback for tests."""
        raw = self.text(name)
        if raw is None:
            return None
        return https_url(raw, name)


def https_url(raw: str, name: str) -> str:
    parts = urlsplit(raw)
    if parts.scheme == "https" or (parts.scheme == "http" and is_loopback(parts.hostname or "")):
        return raw.rstrip("/")
    raise SettingsError(f"{name} must be an https:// URL, got {raw!r}")
