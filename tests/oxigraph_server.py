"""A real ``oxigraph serve`` process on a free loopback port, for the remote-store tests.

The server is started with ``--bind 127.0.0.1:0`` so the kernel picks the port (no
race with the other test runs on the machine); the port is then read from
``/proc/net/tcp`` by the socket the process listens on.  It is started *without*
``--union-default-graph``: newsgraph's remote backend must ask for the union itself.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path


def oxigraph_binary() -> str | None:
    local = Path(sys.executable).parent / "oxigraph"
    if local.is_file():
        return str(local)
    return shutil.which("oxigraph")


def _socket_inodes(pid: int) -> set[str]:
    inodes = set()
    fd_dir = Path(f"/proc/{pid}/fd")
    try:
        for fd in fd_dir.iterdir():
            try:
                target = os.readlink(fd)
            except OSError:
                continue
            if target.startswith("socket:["):
                inodes.add(target[8:-1])
    except OSError:
        pass
    return inodes


def _listening_port(pid: int) -> int | None:
    inodes = _socket_inodes(pid)
    if not inodes:
        return None
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            lines = Path(table).read_text().splitlines()[1:]
        except OSError:
            continue
        for line in lines:
            cols = line.split()
            if len(cols) > 9 and cols[3] == "0A" and cols[9] in inodes:
                return int(cols[1].rsplit(":", 1)[1], 16)
    return None


class OxigraphServer:
    """Start, probe and stop one ``oxigraph serve``."""

    def __init__(self, location: Path, *, union_default_graph: bool = False) -> None:
        self.location = location
        self.union_default_graph = union_default_graph
        self.proc: subprocess.Popen[bytes] | None = None
        self.port: int | None = None
        self.log = location.parent / f"{location.name}.log"

    @property
    def url(self) -> str:
        assert self.port is not None
        return f"http://127.0.0.1:{self.port}"

    def start(self, port: int = 0, timeout: float = 20.0) -> OxigraphServer:
        binary = oxigraph_binary()
        if binary is None:
            raise RuntimeError("the oxigraph binary (PyPI package oxigraph) is not installed")
        args = [binary, "serve", "--location", str(self.location), "--bind", f"127.0.0.1:{port}"]
        if self.union_default_graph:
            args.append("--union-default-graph")
        with open(self.log, "ab") as log:
            self.proc = subprocess.Popen(args, stdout=log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"oxigraph serve exited: {self.log.read_text(errors='replace')[-2000:]}")
            found = port or _listening_port(self.proc.pid)
            if found and self._answers(found):
                self.port = found
                return self
            time.sleep(0.05)
        self.stop()
        raise RuntimeError("oxigraph serve did not start listening in time")

    @staticmethod
    def _answers(port: int) -> bool:
        req = urllib.request.Request(
            f"http://127.0.0.1:{port}/query?query=ASK%7B%7D",
            headers={"Accept": "application/sparql-results+json"},
        )
        try:
            with urllib.request.urlopen(req, timeout=2) as resp:
                return bool(resp.status == 200)
        except (urllib.error.URLError, OSError):
            return False

    def clear(self) -> None:
        req = urllib.request.Request(
            f"{self.url}/update",
            data=b"DROP ALL",
            headers={"Content-Type": "application/sparql-update"},
            method="POST",
        )
        with urllib.request.urlopen(req, timeout=30):
            pass

    def stop(self) -> None:
        """Stop the process this object started (by its pid), and wait for it."""
        if self.proc is None:
            return
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=10)
        self.proc = None

    def restart(self) -> None:
        """Stop and start again on the same port (the data directory persists)."""
        port = self.port or 0
        self.stop()
        self.start(port=port)
