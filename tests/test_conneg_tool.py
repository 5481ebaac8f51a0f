"""Conformance against a real server process: shared/tools/ld_conneg_check.py over HTTP.

``newsgraph serve`` runs as a subprocess on a free port with a store directory holding
the fixture articles, minted under that server's address; the checker then
dereferences one resource of every kind, and the ontology.  The same machinery checks
that ``serve`` defaults the base URI to its own address and that ``demo`` serves the
bundled samples.
"""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests

from ld_fixtures import load
from newsgraph.store.embedded import EmbeddedStore

NEWSGRAPH = [sys.executable, "-m", "newsgraph"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


class Server:
    """A ``newsgraph`` server subprocess, stopped (by its pid) when the test is done."""

    def __init__(self, args: list[str], env: dict[str, str] | None = None) -> None:
        self.proc = subprocess.Popen(
            [*NEWSGRAPH, *args],
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            env={**os.environ, **(env or {})},
        )
        self.output: list[str] = []
        self.url = ""
        deadline = time.monotonic() + 60
        assert self.proc.stdout is not None
        while time.monotonic() < deadline:
            line = self.proc.stdout.readline()
            if not line:
                break
            self.output.append(line)
            m = re.search(r"(http://\S+?):(\d+)/", line)
            if m and not self.url:
                self.url = f"{m.group(1)}:{m.group(2)}"
            if "Ctrl+C" in line:
                break
        if not self.url or self.proc.poll() is not None:
            self.stop()
            raise AssertionError("the server did not start:\n" + "".join(self.output))

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGINT)
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        if self.proc.stdout is not None:
            self.proc.stdout.close()


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, dict[str, str]]]:
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    store_dir = tmp_path_factory.mktemp("conneg") / "store"
    store = EmbeddedStore(store_dir)
    ids = {k: str(v) for k, v in load(store, base, fiji=3).items()}
    store.close()
    del store
    srv = Server(
        ["serve", "--host", "127.0.0.1", "--port", str(port), "--store", str(store_dir), "--base", base]
    )
    try:
        yield base, ids
    finally:
        srv.stop()


@pytest.mark.slow
@pytest.mark.parametrize(
    "name", ["person", "country", "organization", "event", "agreement", "article", "source", "ontology"]
)
def test_ld_conneg_check_passes(server, shared_dir: Path, name: str) -> None:  # type: ignore[no-untyped-def]
    base, ids = server
    tool = shared_dir / "tools" / "ld_conneg_check.py"
    if not tool.is_file():
        pytest.skip("ld_conneg_check.py is not in ../shared/tools")
    uri = base + "/ontology" if name == "ontology" else ids[name]
    done = subprocess.run([sys.executable, str(tool), uri], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    assert re.search(r"^\d+ passed, 0 failed, 0 skipped$", done.stdout, re.M), done.stdout
    assert "FAIL" not in done.stdout


@pytest.mark.slow
def test_serve_defaults_the_base_to_its_own_address(tmp_path: Path) -> None:
    srv = Server(["serve", "--port", "0", "--store", str(tmp_path / "empty")])
    try:
        assert srv.url.startswith("http://localhost:")
        health = requests.get(srv.url + "/health", timeout=30).json()
        assert health["base_uri"] == srv.url
        assert health["status"] == "ok"
    finally:
        srv.stop()
    # An explicit setting wins over the listening address.
    srv = Server(
        ["serve", "--port", "0", "--store", str(tmp_path / "empty")],
        env={"NEWSGRAPH_BASE_URI": "https://example.org/kg"},
    )
    try:
        assert requests.get(srv.url + "/kg/health", timeout=30).json()["base_uri"] == "https://example.org/kg"
    finally:
        srv.stop()


@pytest.mark.slow
def test_serve_warns_when_the_store_was_minted_under_another_base(tmp_path: Path) -> None:
    store = EmbeddedStore(tmp_path / "s")
    load(store, "http://data.example.org")
    store.close()
    del store
    srv = Server(["serve", "--port", "0", "--store", str(tmp_path / "s")])
    try:
        assert any("http://data.example.org/id/" in line and "warning" in line for line in srv.output)
    finally:
        srv.stop()


def test_serve_reports_a_busy_port_cleanly(tmp_path: Path) -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        s.listen(1)
        port = s.getsockname()[1]
        done = subprocess.run(
            [*NEWSGRAPH, "serve", "--port", str(port), "--store", str(tmp_path / "x")],
            capture_output=True,
            text=True,
            timeout=60,
        )
    assert done.returncode != 0
    assert "in use" in done.stderr
    assert "Traceback" not in done.stderr


@pytest.mark.slow
def test_demo_builds_and_serves_the_samples(tmp_path: Path) -> None:
    srv = Server(["demo", "--port", "0", "--store", str(tmp_path / "demo")])
    try:
        text = "".join(srv.output)
        assert "written" in text
        home = requests.get(srv.url + "/", timeout=30)
        assert home.status_code == 200
        figures = re.search(
            r'<span class="figure">([\d,]+)</span> <span class="figure-label"[^>]*>articles', home.text
        )
        assert figures and int(figures.group(1).replace(",", "")) > 0
        # Every article of the demo dereferences under the server's own address.
        void = requests.get(srv.url + "/.well-known/void", timeout=30).text
        assert f'"{srv.url}/id/"' in void
        example = re.search(r"an entity:\s+(\S+)", text)
        if example:
            assert requests.get(example.group(1), timeout=30).status_code == 200
    finally:
        srv.stop()
