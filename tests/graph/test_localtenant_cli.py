"""The local tenant's command line: start-up faults file and clear refusals."""

from __future__ import annotations

import json
import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from tests.support.procs import ROOT, free_port, terminate, wait_http
from tests.support.tenant import write_tenant


def test_faults_file_applies_from_the_start(tmp_path: Path) -> None:
    data = tmp_path / "tenant"
    data.mkdir()
    write_tenant(data)
    faults = tmp_path / "faults.json"
    faults.write_text(json.dumps([{"path": "^/users", "status": 503, "times": 1}]))
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "graph.localtenant", "--data", str(data), "--port", str(port)]
        + ["--faults", str(faults)],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_http(f"http://127.0.0.1:{port}/_localtenant/health", 60, proc)
        request = urllib.request.Request(
            f"http://127.0.0.1:{port}/v1.0/users",
            headers={"Authorization": "Bearer local-tenant-token"},
        )
        try:
            urllib.request.urlopen(request, timeout=5)
            raise AssertionError("the first call should get the injected 503")
        except urllib.error.HTTPError as error:
            assert error.code == 503
            assert json.load(error)["error"]["code"] == "serviceNotAvailable"
        with urllib.request.urlopen(request, timeout=5) as response:
            assert len(json.load(response)["value"]) == 3
    finally:
        terminate(proc)


@pytest.mark.integration  # starts the CLI as its own process
def test_refuses_a_folder_without_data_and_a_public_address(tmp_path: Path) -> None:
    empty = subprocess.run(
        [sys.executable, "-m", "graph.localtenant", "--data", str(tmp_path), "--port", "1"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert empty.returncode == 2 and "directory.json" in empty.stderr
    public = subprocess.run(
        [sys.executable, "-m", "graph.localtenant", "--data", str(tmp_path), "--host", "0.0.0.0"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert public.returncode == 2 and "loopback" in public.stderr
