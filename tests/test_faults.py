"""Failures: a killed ingest, a locked, missing or unwritable store, a remote server down or erring.

Remote faults are produced for real: a server that is stopped, or a small HTTP proxy
in front of a real ``oxigraph serve`` that answers the first requests with 503, 429,
500, 401 or a dropped connection and then forwards the rest untouched.
"""

from __future__ import annotations

import http.client
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.compare import isomorphic

from fixtures_oxigraph import same_graph, write_articles
from newsgraph.converters import convert
from newsgraph.errors import BadQuery, StoreError
from newsgraph.store import open_store
from newsgraph.store.embedded import EmbeddedStore
from newsgraph.store.remote import RemoteStore
from oxigraph_server import OxigraphServer

BASE = "http://news.test"
NEWSGRAPH = str(Path(sys.executable).parent / "newsgraph")
EX = "http://example.org/"


def cli(
    *args: str, env: dict[str, str] | None = None, timeout: float = 120
) -> subprocess.CompletedProcess[str]:
    full_env = {k: v for k, v in os.environ.items() if not k.startswith("NEWSGRAPH_")}
    full_env.update(env or {})
    return subprocess.run(
        [NEWSGRAPH, *args], capture_output=True, text=True, timeout=timeout, env=full_env, check=False
    )


def small_graph(i: int) -> Graph:
    g = Graph()
    g.add((URIRef(f"{EX}s{i}"), URIRef(f"{EX}p"), Literal(f"value {i}")))
    return g


# -- a killed ingest ------------------------------------------------------------------


def _expected(paths: list[Path]) -> dict[str, Graph]:
    out = {}
    for p in paths:
        c = convert(p.read_bytes(), base=BASE, name=str(p))
        out[str(c.article_iri)] = c.graph
    return out


@pytest.mark.slow
def test_sigkill_mid_ingest_leaves_whole_articles(tmp_path: Path, store_location: str) -> None:
    paths = write_articles(tmp_path / "in", 200)
    args = ["ingest", str(tmp_path / "in"), "--store", store_location, "--base-uri", BASE]
    proc = subprocess.Popen(
        [NEWSGRAPH, *args, "--batch-size", "4", "--progress"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env={k: v for k, v in os.environ.items() if not k.startswith("NEWSGRAPH_")},
    )
    assert proc.stderr is not None
    # Kill it once some batches are written, by the progress line it prints.
    seen = b""
    deadline = time.monotonic() + 120
    written = 0
    while time.monotonic() < deadline and proc.poll() is None:
        chunk = os.read(proc.stderr.fileno(), 4096)
        if not chunk:
            break
        seen += chunk
        last = seen.rsplit(b"\r", 1)[-1]
        if b"written " in last:
            written = int(last.split(b"written ", 1)[1].split()[0])
            if written >= 20:
                break
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL, "the ingest finished before it could be killed"
    assert 0 < written < 200

    expected = _expected(paths)
    store = open_store(store_location, create=False)  # opens: no stale lock, no corruption
    try:
        names = list(store.graph_names())
        assert written <= len(names) < 200
        for name in names:
            stored = store.get_graph(name)
            assert same_graph(stored, expected[name]), (
                f"{name}: {len(stored)} triples stored, {len(expected[name])} expected"
            )
    finally:
        store.close()

    result = cli(*args)
    assert result.returncode == 0, result.stderr
    store = open_store(store_location, create=False)
    try:
        assert set(store.graph_names()) == set(expected)
        for name, g in expected.items():
            assert same_graph(store.get_graph(name), g)
    finally:
        store.close()


# -- embedded store faults ----------------------------------------------------------


def test_locked_store_says_in_use(tmp_path: Path) -> None:
    location = tmp_path / "store"
    holder = EmbeddedStore(location)
    holder.put_graph(f"{EX}g", small_graph(1))
    holder._ox.flush()
    try:
        write_articles(tmp_path / "in", 1)
        for args in (["stats"], ["ingest", str(tmp_path / "in")], ["export"]):
            result = cli(*args, "--store", str(location))
            assert result.returncode == 1, args
            assert "store in use" in result.stderr
            assert "Traceback" not in result.stderr
    finally:
        holder.close()
    # nothing lost: the holder's data is all there once the lock is gone
    store = EmbeddedStore(location, create=False)
    try:
        assert isomorphic(store.get_graph(f"{EX}g"), small_graph(1))
    finally:
        store.close()


def test_missing_store_for_reading_commands(tmp_path: Path) -> None:
    result = cli("stats", "--store", str(tmp_path / "nothing"))
    assert result.returncode == 1
    assert "no store at" in result.stderr


def test_unwritable_store_under_a_file(tmp_path: Path) -> None:
    """Root ignores permissions, so the unwritable place is a path below a regular file."""
    f = tmp_path / "plain-file"
    f.write_text("x")
    write_articles(tmp_path / "in", 1)
    result = cli("ingest", str(tmp_path / "in"), "--store", str(f / "store"))
    assert result.returncode == 1
    assert "cannot create the store directory" in result.stderr
    assert "Traceback" not in result.stderr


# -- remote server down ---------------------------------------------------------------


@pytest.mark.remote
def test_remote_down_is_clear_and_loses_nothing(own_oxigraph: OxigraphServer, tmp_path: Path) -> None:
    url = own_oxigraph.url
    store = RemoteStore(url)
    store.put_graph(f"{EX}g", small_graph(1))
    store.close()
    own_oxigraph.stop()
    write_articles(tmp_path / "in", 2)
    env = {"NEWSGRAPH_REMOTE_RETRIES": "2"}
    for args in (["stats"], ["ingest", str(tmp_path / "in")], ["query", "ASK {}"], ["export"]):
        result = cli(*args, "--store", url, env=env)
        assert result.returncode == 1, (args, result.stderr)
        assert "connection refused" in result.stderr, result.stderr
        assert "after 2 attempts" in result.stderr
        assert "Traceback" not in result.stderr
    own_oxigraph.restart()
    store = RemoteStore(url)
    try:
        assert list(store.graph_names()) == [f"{EX}g"]
        assert isomorphic(store.get_graph(f"{EX}g"), small_graph(1))
    finally:
        store.close()


@pytest.mark.remote
def test_remote_wrong_layout_is_a_clear_error(remote_url: str) -> None:
    result = cli("stats", "--store", remote_url + "/?query=no-such-endpoint")
    assert result.returncode == 1
    assert "no SPARQL query endpoint" in result.stderr and "/no-such-endpoint" in result.stderr
    result = cli("stats", "--store", remote_url + "/?layout=nonsense")
    assert result.returncode == 1 and "unknown layout" in result.stderr


# -- remote server erring: a fault-injecting proxy -------------------------------------


class FaultProxy:
    """Forwards to a real server, after answering the first requests from a fault plan."""

    def __init__(self, upstream: str, plan: list[str]) -> None:
        self.upstream = urlsplit(upstream)
        self.plan = list(plan)
        self.requests: list[tuple[str, str, str]] = []  # (method, path, what was done)
        self.lock = threading.Lock()
        proxy = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: object) -> None:  # noqa: A002
                pass

            def _handle(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                with proxy.lock:
                    action = proxy.plan.pop(0) if proxy.plan else "forward"
                    proxy.requests.append((self.command, self.path, action))
                if action == "reset":
                    self.close_connection = True
                    self.connection.shutdown(2)
                    return
                if action != "forward":
                    status = int(action)
                    payload = f"injected {status}".encode()
                    self.send_response(status)
                    if status == 429:
                        self.send_header("Retry-After", "0")
                    self.send_header("Content-Type", "text/plain")
                    self.send_header("Content-Length", str(len(payload)))
                    self.end_headers()
                    self.wfile.write(payload)
                    return
                conn = http.client.HTTPConnection(proxy.upstream.hostname, proxy.upstream.port, timeout=60)
                headers = {k: v for k, v in self.headers.items() if k.lower() not in ("host", "connection")}
                conn.request(self.command, self.path, body=body, headers=headers)
                resp = conn.getresponse()
                data = resp.read()
                self.send_response(resp.status)
                for k, v in resp.getheaders():
                    if k.lower() not in ("transfer-encoding", "connection", "content-length"):
                        self.send_header(k, v)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)
                conn.close()

            do_GET = do_POST = do_PUT = do_DELETE = _handle  # noqa: N815

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def __enter__(self) -> FaultProxy:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()

    def actions(self) -> list[str]:
        return [a for _m, _p, a in self.requests]


@pytest.fixture
def proxy_for(remote_url: str) -> Iterator[object]:
    proxies: list[FaultProxy] = []

    def make(plan: list[str]) -> FaultProxy:
        p = FaultProxy(remote_url, plan).__enter__()
        proxies.append(p)
        return p

    yield make
    for p in proxies:
        p.__exit__()


@pytest.mark.remote
@pytest.mark.parametrize("plan", [["503"], ["429"], ["reset"], ["502", "reset", "500"]])
def test_transient_failures_are_retried(proxy_for, plan: list[str], remote_url: str) -> None:  # type: ignore[no-untyped-def]
    proxy = proxy_for(plan)
    store = RemoteStore(proxy.url, retries=4, backoff=0.01)
    try:
        # The store-format check (a query), the summary index's read of the graph's old
        # version (a query), the update.
        store.put_graph(f"{EX}g", small_graph(7))
        assert proxy.actions() == [*plan, "forward", "forward", "forward"]
        proxy.plan.extend(plan)
        store.put_graph(f"{EX}g", small_graph(7))  # the format is checked once: the read, the update
        assert proxy.actions()[-len(plan) - 2 :] == [*plan, "forward", "forward"]
        proxy.plan.extend(plan)
        assert isomorphic(store.get_graph(f"{EX}g"), small_graph(7))  # a GSP read
        proxy.plan.extend(plan)
        assert store.ask(f"ASK {{ <{EX}s7> ?p ?o }}")  # a query through SPARQLWrapper
    finally:
        store.close()


@pytest.mark.remote
def test_retries_are_bounded_and_the_message_says_why(proxy_for, remote_url: str) -> None:  # type: ignore[no-untyped-def]
    proxy = proxy_for(["503"] * 10)
    store = RemoteStore(proxy.url, retries=3, backoff=0.01)
    try:
        with pytest.raises(StoreError, match=r"after 3 attempts.*HTTP 503"):
            store.put_graph(f"{EX}g", small_graph(1))
        assert proxy.actions() == ["503"] * 3
        with pytest.raises(StoreError, match=r"after 3 attempts.*HTTP 503"):
            store.select("SELECT * WHERE { ?s ?p ?o }")
        assert len(proxy.requests) == 6
    finally:
        store.close()


@pytest.mark.remote
def test_user_update_not_retried_after_it_may_have_run(proxy_for, remote_url: str) -> None:  # type: ignore[no-untyped-def]
    proxy = proxy_for(["reset"])
    store = RemoteStore(proxy.url, retries=3, backoff=0.01)
    try:
        with pytest.raises(StoreError, match="reset"):
            store.update(f'INSERT DATA {{ GRAPH <{EX}g> {{ <{EX}a> <{EX}b> "c" }} }}')
        assert proxy.actions() == ["reset"]
        # 429 and 503 mean the server did not run it: those are retried
        proxy.plan.extend(["429", "503"])
        store.update(f'INSERT DATA {{ GRAPH <{EX}g> {{ <{EX}a> <{EX}b> "c" }} }}')
        assert proxy.actions() == ["reset", "429", "503", "forward"]
    finally:
        store.close()


@pytest.mark.remote
def test_client_errors_are_not_retried(proxy_for, remote_url: str) -> None:  # type: ignore[no-untyped-def]
    proxy = proxy_for([])
    store = RemoteStore(proxy.url, retries=3, backoff=0.01)
    try:
        with pytest.raises(BadQuery):
            store.select("SELECT ?x WHERE { ?x")
        assert proxy.actions() == ["forward", "forward"]  # the store-format check, the query
        proxy.plan.append("401")
        with pytest.raises(StoreError, match="credentials"):
            store.put_graph(f"{EX}g", small_graph(1))
        assert proxy.actions() == ["forward", "forward", "401"]
    finally:
        store.close()


@pytest.mark.remote
def test_ingest_through_a_failing_server_keeps_what_was_stored(
    proxy_for, remote_url: str, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    first = write_articles(tmp_path / "first", 3)
    result = cli("ingest", str(tmp_path / "first"), "--store", remote_url, "--base-uri", BASE)
    assert result.returncode == 0, result.stderr
    proxy = proxy_for(["500"] * 50)
    write_articles(tmp_path / "second", 3, start=100)
    result = cli(
        "ingest", str(tmp_path / "second"), "--store", proxy.url, "--base-uri", BASE,
        env={"NEWSGRAPH_REMOTE_RETRIES": "2"},
    )  # fmt: skip
    assert result.returncode == 1
    assert "HTTP 500" in result.stderr and "after 2 attempts" in result.stderr
    assert "Traceback" not in result.stderr
    store = RemoteStore(remote_url)
    try:
        expected = _expected(first)
        assert set(store.graph_names()) == set(expected)
        for name, g in expected.items():
            assert same_graph(store.get_graph(name), g)
    finally:
        store.close()
