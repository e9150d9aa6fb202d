"""The local tenant's data folder: read on demand, written back on every change.

Layout (made by `graph.localtenant.demo`):
  directory.json                          users, sites, mailboxes
  sites/<site id>/lists/<name>.json       list definition and items
  sites/<site id>/drive/root/...          the document library as real files
  mailboxes/<upn>/<folder>/.../<msg id>/  message.json plus attachment files
  calendars/<user id>.json                events created through the API
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from graph.localtenant.odata import not_found

WELL_KNOWN_FOLDERS = {"inbox": "Innboks", "drafts": "Utkast", "sentitems": "Sendte elementer"}


def now_iso() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def stable_id(prefix: str, key: str) -> str:
    return f"{prefix}-{hashlib.sha1(key.encode('utf-8')).hexdigest()[:20]}"


def write_json(path: Path, data: Any) -> None:
    """Write atomically so a crash mid-write never leaves half a file behind."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".json")
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        json.dump(data, handle, ensure_ascii=False, indent=1)
    os.replace(tmp, path)


def read_json(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


@dataclass
class DriveNode:
    id: str
    path: Path  # absolute path on disk
    rel: str  # path inside the library, "" for the root


class TenantData:
    def __init__(self, root: Path) -> None:
        self.root = root
        if not (root / "directory.json").is_file():
            raise FileNotFoundError(f"{root} has no directory.json: generate the demo data first")
        self.directory: dict[str, Any] = read_json(root / "directory.json")
        self.tenant_id: str = self.directory.get("tenantId", "")

    # --- users and sites ---------------------------------------------------------

    def user(self, key: str) -> dict[str, Any]:
        lowered = key.lower()
        for user in self.directory["users"]:
            if lowered in (
                str(user["id"]).lower(),
                str(user.get("mail", "")).lower(),
                str(user.get("userPrincipalName", "")).lower(),
            ):
                return dict(user)
        raise not_found(f"user {key}")

    def users(self) -> list[dict[str, Any]]:
        return [dict(u) for u in self.directory["users"]]

    def site(self, key: str) -> dict[str, Any]:
        """By id, or by `hostname:/path` (with or without a trailing colon)."""
        key = key.rstrip(":")
        for site in self.directory["sites"]:
            address = f"{site['hostname']}:{site['path']}"
            if key in (site["id"], address) or key.rstrip("/") == address.rstrip("/"):
                return dict(site)
        raise not_found(f"site {key}")

    def site_dir(self, site_id: str) -> Path:
        return self.root / "sites" / site_id

    # --- lists -----------------------------------------------------------------------

    def list_paths(self, site_id: str) -> list[Path]:
        return sorted((self.site_dir(site_id) / "lists").glob("*.json"))

    def list_path(self, site_id: str, key: str) -> Path:
        for path in self.list_paths(site_id):
            data = read_json(path)
            if key in (data["id"], data["name"], data.get("displayName")):
                return path
        raise not_found(f"list {key}")

    def load_list(self, path: Path) -> dict[str, Any]:
        data: dict[str, Any] = read_json(path)
        data.setdefault("seq", len(data["items"]))
        for number, item in enumerate(data["items"], start=1):
            item.setdefault("_seq", number)
        return data

    # --- the document library --------------------------------------------------------

    def drive_id(self, site_id: str) -> str:
        return stable_id("b!drv", site_id)

    def drive_root(self, site_id: str) -> Path:
        path = self.site_dir(site_id) / "drive" / "root"
        path.mkdir(parents=True, exist_ok=True)
        return path

    def site_of_drive(self, drive_id: str) -> str:
        for site in self.directory["sites"]:
            if self.drive_id(site["id"]) == drive_id:
                return str(site["id"])
        raise not_found(f"drive {drive_id}")

    def drive_node(self, site_id: str, item: str) -> DriveNode:
        root = self.drive_root(site_id)
        if item == "root":
            return DriveNode("root", root, "")
        if item.startswith("root:"):
            rel = item[len("root:") :].strip(":").strip("/")
            path = root / rel
            if not path.exists() or ".." in Path(rel).parts:
                raise not_found(rel)
            return DriveNode(stable_id("itm", rel), path, rel)
        for path in root.rglob("*"):
            rel = path.relative_to(root).as_posix()
            if stable_id("itm", rel) == item:
                return DriveNode(item, path, rel)
        raise not_found(f"item {item}")

    def child_path(self, parent: DriveNode, name: str) -> DriveNode:
        rel = f"{parent.rel}/{name}".strip("/")
        if ".." in Path(rel).parts or "/" in name.strip("/"):
            raise not_found(name)
        return DriveNode(stable_id("itm", rel), parent.path / name, rel)

    # --- mail --------------------------------------------------------------------------

    def mailbox(self, user_key: str) -> Path:
        user = self.user(user_key)
        path = self.root / "mailboxes" / str(user.get("userPrincipalName") or user["mail"])
        if not path.is_dir():
            raise not_found(f"mailbox of {user_key}")
        return path

    def folder_id(self, rel: str) -> str:
        return stable_id("fld", rel)

    def folder_path(self, mailbox: Path, folder: str) -> Path:
        if folder.lower() in WELL_KNOWN_FOLDERS:
            path = mailbox / WELL_KNOWN_FOLDERS[folder.lower()]
            path.mkdir(exist_ok=True)
            return path
        for path in mailbox.rglob("*"):
            if (
                path.is_dir()
                and not (path / "message.json").exists()
                and self.folder_id(path.relative_to(mailbox).as_posix()) == folder
            ):
                return path
        raise not_found(f"mailFolder {folder}")

    def message_dirs(self, folder: Path) -> list[Path]:
        return sorted(p.parent for p in folder.glob("*/message.json"))

    def subfolders(self, folder: Path) -> list[Path]:
        return sorted(
            p for p in folder.iterdir() if p.is_dir() and not (p / "message.json").exists()
        )

    def message_dir(self, mailbox: Path, message_id: str) -> Path:
        for path in mailbox.rglob("message.json"):
            if read_json(path).get("id") == message_id:
                return path.parent
        raise not_found(f"message {message_id}")

    # --- calendars -------------------------------------------------------------------------

    def calendar_path(self, user_id: str) -> Path:
        return self.root / "calendars" / f"{user_id}.json"

    def events(self, user_id: str) -> list[dict[str, Any]]:
        path = self.calendar_path(user_id)
        return list(read_json(path)) if path.is_file() else []

    def save_events(self, user_id: str, events: list[dict[str, Any]]) -> None:
        write_json(self.calendar_path(user_id), events)
