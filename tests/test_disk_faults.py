"""Store writes failing for real on the local disk: a full disk and a write-protected store.

The promise (docs/security.md): a write the disk refuses is a 503 with a message
naming the cause, reads keep answering, nothing stored before is lost, and writes
work again once the fault is gone, without restarting the app.  The faults are
real: a small tmpfs filled to the last byte (ENOSPC) and the immutable flag on the
store directory and its files (the kernel refuses every new or renamed file, as on a read-only
mount).  A read-only remount cannot be used: RocksDB keeps its log open for
writing, so the kernel refuses the remount as busy.  Each test skips with the
reason when the sandbox does not allow mounting or chattr.
"""

from __future__ import annotations

import contextlib
import errno
import json
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient
from rdflib import Graph
from rdflib.compare import isomorphic

from newsgraph.server import create_app

TOKEN = "t"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
BASE = "http://news.test"
PLACES = ["Beijing", "Moscow", "Hanoi", "Cairo", "Lima", "Oslo", "Accra", "Quito", "Minsk", "Doha"]


def article(i: int) -> bytes:
    place = PLACES[i % len(PLACES)]
    return (
        f"{place.upper()}, May {1 + i % 28} (Xinhua) -- Chinese President Xi Jinping held talks with "
        f"Russian President Vladimir Putin in {place} on Thursday, meeting number {i} this year. "
        "The two heads of state signed a joint statement on trade."
    ).encode()


def post(client: FlaskClient, i: int) -> tuple[int, dict[str, object]]:
    resp = client.post("/api/articles", data=article(i), headers={**AUTH, "Content-Type": "text/plain",
                                                                  "Accept": "application/json"})
    return resp.status_code, json.loads(resp.data)


def stored(client: FlaskClient, iri: str) -> Graph:
    resp = client.get("/store", query_string={"graph": iri},
                      headers={**AUTH, "Accept": "application/n-triples"})
    assert resp.status_code == 200, resp.data[:300]
    return Graph().parse(data=resp.data.decode(), format="nt")


def sparql_count(client: FlaskClient) -> int:
    # The article graphs: the server's own summary index graph is not one of them.
    query = "SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g {} FILTER (?g != <urn:x-newsgraph:index>) }"
    resp = client.get("/sparql", query_string={"query": query},
                      headers={"Accept": "application/sparql-results+json"})
    assert resp.status_code == 200, resp.data[:300]
    return int(json.loads(resp.data)["results"]["bindings"][0]["n"]["value"])


@contextlib.contextmanager
def served(store_dir: Path) -> Iterator[tuple[Flask, FlaskClient]]:
    app = create_app({"store": str(store_dir), "write_token": TOKEN, "base_uri": BASE, "query_workers": 1})
    try:
        yield app, app.test_client()
    finally:
        app.extensions["newsgraph.sparql"].close()
        app.extensions["newsgraph"].store.close()


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    mnt = tmp_path / "disk"
    mnt.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=8m", "tmpfs", str(mnt)],
                          capture_output=True, text=True)
    if done.returncode != 0:
        pytest.skip(f"cannot mount a small tmpfs here (needs root/CAP_SYS_ADMIN): {done.stderr.strip()}")
    try:
        yield mnt
    finally:
        if subprocess.run(["umount", str(mnt)], capture_output=True).returncode != 0:
            subprocess.run(["umount", "-l", str(mnt)], capture_output=True)


def fill(disk: Path) -> Path:
    """Take every free byte of the disk with one file; returns it (delete it to free the space)."""
    filler = disk / "filler"
    chunk = b"\0" * (64 * 1024)
    with filler.open("wb", buffering=0) as out:
        try:
            while True:
                out.write(chunk)
        except OSError as exc:
            assert exc.errno == errno.ENOSPC, exc
        try:
            while True:
                out.write(b"\0" * 512)
        except OSError:
            pass
    return filler


def test_full_disk_is_503_reads_go_on_nothing_lost_and_writes_resume(small_disk: Path) -> None:
    with served(small_disk / "store") as (_app, client):
        before = {}
        for i in range(3):
            status, body = post(client, i)
            assert status == 201, body
            before[str(body["article"])] = stored(client, str(body["article"]))
        assert sparql_count(client) == 3

        filler = fill(small_disk)
        failures = []
        for i in range(3, 6):
            status, body = post(client, i)
            failures.append((status, body))
        assert all(s == 503 for s, _ in failures), failures
        message = str(failures[0][1]["message"])
        assert "full" in message and "Traceback" not in message, message
        # A big Graph Store PUT fails the same way.
        big = "".join(f'<http://x/s{k}> <http://x/p> "{"v" * 100}{k}" .\n' for k in range(2000))
        resp = client.put("/store", query_string={"graph": "http://x/big"}, data=big,
                          headers={**AUTH, "Content-Type": "application/n-triples",
                                   "Accept": "application/json"})
        assert resp.status_code == 503, resp.data[:300]

        # Reads on the full disk: every article as stored, and SPARQL.
        for iri, graph in before.items():
            assert isomorphic(stored(client, iri), graph)
        assert sparql_count(client) == 3

        filler.unlink()
        status, body = post(client, 6)
        assert status == 201, body
        resp = client.put("/store", query_string={"graph": "http://x/big"}, data=big,
                          headers={**AUTH, "Content-Type": "application/n-triples"})
        assert resp.status_code in (201, 204), resp.data[:300]
        for iri, graph in before.items():
            assert isomorphic(stored(client, iri), graph)
        assert sparql_count(client) == 5


def test_write_protected_store_is_503_and_writes_resume_once_lifted(tmp_path: Path) -> None:
    store_dir = tmp_path / "store"
    with served(store_dir) as (_app, client):
        status, body = post(client, 0)
        assert status == 201, body
        first = str(body["article"])
        graph = stored(client, first)

        done = subprocess.run(["chattr", "-R", "+i", str(store_dir)], capture_output=True, text=True)
        if done.returncode != 0:
            pytest.skip(f"cannot set the immutable flag here: {done.stderr.strip()}")
        try:
            # RocksDB may take a write or two into files it already holds open before
            # it needs a new one; the first refused write must be a clear 503.
            statuses = []
            for i in range(1, 30):
                status, body = post(client, i)
                statuses.append(status)
                if status != 201:
                    break
            assert statuses[-1] == 503, statuses
            assert "refuses to modify" in str(body["message"]), body
            accepted = len(statuses) - 1
            assert isomorphic(stored(client, first), graph)
            # Still refused: the store does not pretend to have recovered.
            assert post(client, 40)[0] == 503
        finally:
            subprocess.run(["chattr", "-R", "-i", str(store_dir)], capture_output=True)

        status, body = post(client, 41)
        assert status == 201, body
        assert isomorphic(stored(client, first), graph)
        assert sparql_count(client) == 1 + accepted + 1
