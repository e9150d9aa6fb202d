"""A small data folder for the local tenant, and the tenant as a real child process."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import urllib.request
from datetime import date
from pathlib import Path
from typing import Any

from tests.support.procs import ROOT, free_port, terminate, wait_http

SITE_ID = (
    "innkjop.example.no,11111111-aaaa-4bbb-8ccc-000000000001,22222222-aaaa-4bbb-8ccc-000000000001"
)
MAILBOX = "postmottak-innkjop@innkjop.example.no"
TOKEN = "test-token"
# The "today" that demo-tenant tests generate their data for and run the bot at.
DEMO_TODAY = date(2026, 11, 25)


def write_tenant(root: Path, items: int = 25) -> dict[str, Any]:
    """A site with a register of `items` rows, a library folder and one mail folder."""
    directory = {
        "tenantId": "6f1c2d3e-4b5a-4c7d-8e9f-0a1b2c3d4e5f",
        "users": [
            {
                "id": "0b1e8a52-3c4d-4e5f-8a9b-100000000001",
                "displayName": "Ingrid Haugen",
                "mail": "ingrid.haugen@innkjop.example.no",
                "userPrincipalName": "ingrid.haugen@innkjop.example.no",
            },
            {
                "id": "0b1e8a52-3c4d-4e5f-8a9b-100000000002",
                "displayName": "Lars Berg",
                "mail": "lars.berg@innkjop.example.no",
                "userPrincipalName": "lars.berg@ad.innkjop.example.no",
            },
            {
                "id": "0b1e8a52-3c4d-4e5f-8a9b-1000000000ff",
                "displayName": "Postmottak innkjøp",
                "mail": MAILBOX,
                "userPrincipalName": MAILBOX,
            },
        ],
        "sites": [
            {
                "id": SITE_ID,
                "hostname": "innkjop.example.no",
                "path": "/sites/innkjop",
                "name": "innkjop",
                "displayName": "Felles innkjøp",
                "webUrl": "https://innkjop.example.no/sites/innkjop",
            }
        ],
        "mailboxes": [MAILBOX],
    }
    (root / "directory.json").write_text(json.dumps(directory), encoding="utf-8")
    lists = root / "sites" / SITE_ID / "lists"
    lists.mkdir(parents=True)
    register = {
        "id": "33333333-aaaa-4bbb-8ccc-000000000001",
        "name": "kontraktsregister",
        "displayName": "Kontraktsregister",
        "columns": ["kontrakt_id", "tittel", "slutt", "eier"],
        "items": [
            {
                "id": str(n),
                "createdDateTime": "2026-01-01T08:00:00Z",
                "lastModifiedDateTime": "2026-01-01T08:00:00Z",
                "fields": {
                    "Title": f"Kontrakt {n}",
                    "kontrakt_id": f"2026-{n:05d}",
                    "tittel": f"Kontrakt {n}",
                    "slutt": "2027-06-30",
                    "eier": "ingrid.haugen@innkjop.example.no",
                },
            }
            for n in range(1, items + 1)
        ],
    }
    (lists / "kontraktsregister.json").write_text(json.dumps(register), encoding="utf-8")
    case = root / "sites" / SITE_ID / "drive" / "root" / "Saker" / "2026-014 Skolemøbler"
    case.mkdir(parents=True)
    (case / "Notat.txt").write_text("Behov: skolemøbler til 40 skoler.", encoding="utf-8")
    folder = root / "mailboxes" / MAILBOX / "Innboks" / "Markedsdialog" / "2026-014 Skolemøbler"
    message = folder / "msg-1"
    message.mkdir(parents=True)
    (root / "mailboxes" / MAILBOX / "Utkast").mkdir()
    binary = bytes(range(256)) * 41 + b"\x00\xff"
    (message / "Innspill.pdf").write_bytes(binary)
    (message / "message.json").write_text(
        json.dumps(
            {
                "id": "msg-1",
                "subject": "Innspill til markedsdialog",
                "from": {"name": "Kari", "address": "kari@kontormobel-nord.example"},
                "toRecipients": [{"name": "Postmottak", "address": MAILBOX}],
                "receivedDateTime": "2026-11-20T09:30:00Z",
                "bodyContentType": "text",
                "body": "Hei, vedlagt er vårt innspill.",
                "isDraft": False,
                "attachments": [
                    {
                        "id": "att-1",
                        "name": "Innspill.pdf",
                        "contentType": "application/pdf",
                        "file": "Innspill.pdf",
                    }
                ],
            }
        ),
        encoding="utf-8",
    )
    return {"attachment": binary}


class TenantProcess:
    def __init__(self, data: Path, *options: str) -> None:
        self.data = data
        self.options = options
        self.port = free_port()
        self.proc: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> TenantProcess:
        with (self.data.parent / f"tenant-{self.port}.log").open("ab") as log:
            self.proc = subprocess.Popen(
                [
                    sys.executable,
                    *("-m", "graph.localtenant", "--data", str(self.data)),
                    *("--port", str(self.port), "--token", TOKEN),
                    *self.options,
                ],
                cwd=ROOT,
                env={**os.environ, "PYTHONPATH": str(ROOT)},
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        wait_http(f"{self.url}/_localtenant/health", 60, self.proc)
        return self

    def stop(self) -> None:
        terminate(self.proc)
        self.proc = None

    def admin(self, method: str, path: str, body: Any = None) -> Any:
        data = json.dumps(body).encode() if body is not None else None
        request = urllib.request.Request(
            f"{self.url}/_localtenant/{path}",
            data=data,
            method=method,
            headers={"Content-Type": "application/json"},
        )
        with urllib.request.urlopen(request, timeout=10) as response:
            return json.load(response)

    def requests_made(self) -> int:
        return int(self.admin("GET", "stats")["requests"])


def tenant_env(tenant: TenantProcess, **extra: str) -> dict[str, str]:
    """The bot's environment for the local tenant on DEMO_TODAY, plus `extra`."""
    return {
        "GRAPH_LOCAL_URL": tenant.url,
        "GRAPH_LOCAL_TOKEN": TOKEN,
        "ASSISTANT_TODAY": DEMO_TODAY.isoformat(),
        **extra,
    }
