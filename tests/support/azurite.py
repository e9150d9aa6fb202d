"""Azurite's Table service as a real child process (npm `azurite`)."""

from __future__ import annotations

import socket
import subprocess
import time
from pathlib import Path

from tests.support.procs import ROOT, free_port, terminate

# Azurite's documented development account; not a secret.
ACCOUNT = "devstoreaccount1"
KEY = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=="


class AzuriteTable:
    def __init__(self, workdir: Path) -> None:
        self.port = free_port()
        self.workdir = workdir
        self.proc: subprocess.Popen[bytes] | None = None

    @property
    def connection_string(self) -> str:
        return (
            f"DefaultEndpointsProtocol=http;AccountName={ACCOUNT};AccountKey={KEY};"
            f"TableEndpoint=http://127.0.0.1:{self.port}/{ACCOUNT};"
        )

    def start(self) -> AzuriteTable:
        self.proc = subprocess.Popen(
            [
                str(ROOT / "node_modules" / ".bin" / "azurite-table"),
                *("--tableHost", "127.0.0.1", "--tablePort", str(self.port)),
                *("--inMemoryPersistence", "--silent"),
                "--disableTelemetry",
            ],
            cwd=self.workdir,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError("azurite-table exited at start")
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.5):
                    return self
            except OSError:
                time.sleep(0.1)
        raise TimeoutError("azurite-table did not start")

    def stop(self) -> None:
        terminate(self.proc)
        self.proc = None
