"""The public endpoint under pressure: runaway queries, federation, per-client limits, caps, CORS.

These run a real server (werkzeug, threaded) over an on-disk store, so queries
go to killable worker processes as in production.  Latencies are printed, not
asserted: speed belongs to bench/.
"""

from __future__ import annotations

import json
import os
import socket
import statistics
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import requests

from newsgraph.server import create_app
from newsgraph.server.workers import cpu_seconds
from sparql_support import A1, SAMPLE_UPDATE, app_with_sample, live_server

TOKEN = "tok"
#: 300 triples make this a cross product of 8.1e9 rows: it never ends on its own.
FILLER = "INSERT DATA { " + " ".join(f"<http://x/s{i}> <http://x/p> {i} ." for i in range(300)) + " }"
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"


def disk_app(tmp_path: Path, **settings: Any) -> Any:
    app = create_app({"store": str(tmp_path / "store"), "base_uri": "http://localhost:8080", **settings})
    store = app.extensions["newsgraph"].store
    store.update(SAMPLE_UPDATE)
    store.reindex()  # raw Update leaves the default graph (the union) to be derived
    store.update(FILLER)
    return app


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return cpu_seconds(pid) is not None


@pytest.mark.slow
def test_runaway_queries_are_stopped_and_others_keep_being_answered(tmp_path: Path) -> None:
    app = disk_app(tmp_path, query_timeout=30, query_workers=2, max_queries_per_client=16)
    runtime = app.extensions["newsgraph.sparql"]

    def pool() -> Any:
        executor = runtime.executor
        return getattr(executor, "inner", executor)  # under the result cache, if any

    with live_server(app) as url:
        assert requests.get(f"{url}/sparql", params={"query": "ASK {}"}, timeout=30).status_code == 200
        outcomes: list[tuple[int, float, str]] = []

        def runaway() -> None:
            t0 = time.monotonic()
            r = requests.get(
                f"{url}/sparql",
                params={"query": RUNAWAY, "timeout": "4"},
                timeout=60,
                headers={"Accept": "application/json"},
            )
            outcomes.append((r.status_code, time.monotonic() - t0, r.text))

        threads = [threading.Thread(target=runaway) for _ in range(4)]
        for t in threads:
            t.start()
        time.sleep(1.0)
        busy = set(pool().pids)
        assert len(busy) >= 4, busy  # the pool grew: four runaway queries, and room for more
        latencies: dict[str, list[float]] = {"sparql": [], "dereference": []}
        statuses: list[int] = []
        n = 0
        while any(t.is_alive() for t in threads):
            n += 1  # a different query text each time: no answer comes from the result cache
            for kind, path, params, headers in (
                ("sparql", "/sparql", {"query": f"ASK {{ <{A1}> ?p ?o FILTER(?o != {n}) }}"}, {}),
                ("dereference", "/id/article/a1", {}, {"Accept": "text/turtle"}),
            ):
                t0 = time.monotonic()
                r = requests.get(
                    url + path, params=params, headers=headers, timeout=30, allow_redirects=False
                )
                latencies[kind].append(time.monotonic() - t0)
                statuses.append(r.status_code)
            time.sleep(0.05)
        for t in threads:
            t.join()
        stopped_at = time.monotonic()
        for kind, values in latencies.items():
            print(
                f"{kind}: {len(values)} requests during the runaway queries, median "
                f"{statistics.median(values) * 1000:.0f} ms, max {max(values) * 1000:.0f} ms"
            )
        print("runaway answers:", [(s, round(d, 2)) for s, d, _ in outcomes])
        assert [s for s, _, _ in outcomes] == [503] * 4
        for _, elapsed, text in outcomes:
            assert "did not finish within 4 s" in json.loads(text)["message"]
            assert elapsed < 4 + 3
        assert statuses and all(s < 500 for s in statuses), statuses
        assert len(latencies["sparql"]) >= 3
        # The killed workers are gone (CPU freed) within a second of the answers.
        killed = busy - set(pool().pids)
        assert len(killed) >= 4
        while any(_alive(p) for p in killed) and time.monotonic() - stopped_at < 1.0:
            time.sleep(0.05)
        assert not any(_alive(p) for p in killed)
        # And the endpoint still answers normally.
        after = requests.get(f"{url}/sparql", params={"query": f"ASK {{ <{A1}> ?p ?o }}"}, timeout=30)
        assert after.status_code == 200 and after.json()["boolean"] is True


@pytest.mark.slow
def test_a_client_over_its_share_gets_429_with_retry_after(tmp_path: Path) -> None:
    app = disk_app(tmp_path, max_queries_per_client=1)
    with live_server(app) as url:
        requests.get(f"{url}/sparql", params={"query": "ASK {}"}, timeout=30)
        first: list[int] = []
        t = threading.Thread(
            target=lambda: first.append(
                requests.get(
                    f"{url}/sparql", params={"query": RUNAWAY, "timeout": "3"}, timeout=60
                ).status_code
            )
        )
        t.start()
        time.sleep(0.8)
        second = requests.get(
            f"{url}/sparql", params={"query": "ASK {}"}, timeout=30, headers={"Accept": "application/json"}
        )
        t.join()
        assert second.status_code == 429
        assert int(second.headers["Retry-After"]) >= 1
        assert "at most 1" in second.json()["message"]
        assert first == [503]
        assert requests.get(f"{url}/sparql", params={"query": "ASK {}"}, timeout=30).status_code == 200


# -- federation ------------------------------------------------------------------------------------


@pytest.fixture
def listener() -> Iterator[tuple[int, list[bytes]]]:
    """A loopback socket that records every connection made to it."""
    srv = socket.socket()
    srv.bind(("127.0.0.1", 0))
    srv.listen(8)
    srv.settimeout(0.2)
    seen: list[bytes] = []
    stop = threading.Event()

    def accept() -> None:
        while not stop.is_set():
            try:
                conn, _ = srv.accept()
            except (TimeoutError, OSError):
                continue
            conn.settimeout(1)
            try:
                seen.append(conn.recv(4096) or b"<connected>")
            except OSError:
                seen.append(b"<connected>")
            conn.close()

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    try:
        yield srv.getsockname()[1], seen
    finally:
        stop.set()
        thread.join(2)
        srv.close()


def _service_queries(port: int) -> list[str]:
    ep = f"http://127.0.0.1:{port}/sparql"
    return [
        f"SELECT * WHERE {{ SERVICE <{ep}> {{ ?s ?p ?o }} }}",
        f"select * where {{ service silent <{ep}> {{ ?s ?p ?o }} }}",
        f"PREFIX r: <http://127.0.0.1:{port}/> SELECT * WHERE {{ SERVICE r:sparql {{ ?s ?p ?o }} }}",
        f"SELECT * WHERE {{ BIND(<{ep}> AS ?e) SERVICE ?e {{ ?s ?p ?o }} }}",
        f"SELECT * WHERE {{ {{ SELECT ?s WHERE {{ SERVICE <{ep}> {{ ?s ?p ?o }} }} }} }}",
        f"ASK {{ OPTIONAL {{ SERVICE <{ep}> {{ ?s ?p ?o }} }} }}",
        f"BASE <http://127.0.0.1:{port}/> SELECT * WHERE {{ SERVICE <sparql> {{ ?s ?p ?o }} }}",
    ]


@pytest.mark.parametrize("store_kind", ["memory", "disk"])
def test_service_to_loopback_is_refused_without_any_connection(  # type: ignore[no-untyped-def]
    listener, tmp_path: Path, store_kind: str
) -> None:
    port, seen = listener
    settings = {"write_token": TOKEN}
    app = disk_app(tmp_path, **settings) if store_kind == "disk" else app_with_sample(settings)
    with live_server(app) as url:
        for q in _service_queries(port):
            for method in ("GET", "POST"):
                if method == "GET":
                    r = requests.get(f"{url}/sparql", params={"query": q}, timeout=30)
                else:
                    r = requests.post(
                        f"{url}/sparql",
                        data=q.encode(),
                        timeout=30,
                        headers={"Content-Type": "application/sparql-query"},
                    )
                assert r.status_code == 403, (q, r.text)
        upd = requests.post(
            f"{url}/update",
            timeout=30,
            headers={"Authorization": f"Bearer {TOKEN}"},
            data={"update": f"LOAD <http://127.0.0.1:{port}/data.ttl>"},
        )
        assert upd.status_code == 403
        upd2 = requests.post(
            f"{url}/update",
            timeout=30,
            headers={"Authorization": f"Bearer {TOKEN}"},
            data={
                "update": f"INSERT {{ ?s ?p ?o }} WHERE {{ SERVICE <http://127.0.0.1:{port}/> "
                "{ ?s ?p ?o } }"
            },
        )
        assert upd2.status_code == 403
    time.sleep(0.5)
    assert seen == []


def test_allow_listed_service_is_called(listener) -> None:  # type: ignore[no-untyped-def]
    """The control for the test above: with the endpoint allow-listed, the store does connect."""
    port, seen = listener
    ep = f"http://127.0.0.1:{port}/sparql"
    app = app_with_sample({"service_allowlist": ep})
    with live_server(app) as url:
        r = requests.get(
            f"{url}/sparql",
            params={"query": f"SELECT * WHERE {{ SERVICE <{ep}> {{ ?s ?p ?o }} }}"},
            timeout=30,
        )
    assert r.status_code >= 400  # our listener is no SPARQL server
    assert r.status_code < 600
    deadline = time.monotonic() + 2
    while not seen and time.monotonic() < deadline:
        time.sleep(0.05)
    assert seen and seen[0].startswith(b"POST /sparql")


# -- size caps and CORS on writes --------------------------------------------------------------------


def test_body_over_the_cap_is_413_and_nothing_is_stored() -> None:
    app = app_with_sample({"write_token": TOKEN, "max_body_bytes": 1000})
    client = app.test_client()
    big = '<http://x/a> <http://x/p> "' + "y" * 2000 + '" .\n'
    resp = client.put(
        "/store?graph=http://x/g",
        data=big,
        content_type="application/n-triples",
        headers={"Authorization": f"Bearer {TOKEN}"},
    )
    assert resp.status_code == 413
    assert not app.extensions["newsgraph"].store.has_graph("http://x/g")
    form = client.post("/sparql", data={"query": "ASK {}" + " " * 2000})
    assert form.status_code == 413


def test_write_endpoints_get_cors_only_for_named_origins() -> None:
    wildcard = app_with_sample({"write_token": TOKEN}).test_client()
    pre = wildcard.options(
        "/update", headers={"Origin": "https://app.example", "Access-Control-Request-Method": "POST"}
    )
    assert "Access-Control-Allow-Origin" not in pre.headers
    named = app_with_sample({"write_token": TOKEN, "cors_origins": "https://app.example"}).test_client()
    pre = named.options(
        "/update",
        headers={
            "Origin": "https://app.example",
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "Authorization, Content-Type",
        },
    )
    assert pre.headers["Access-Control-Allow-Origin"] == "https://app.example"
    assert "Authorization" in pre.headers["Access-Control-Allow-Headers"]
    assert "Access-Control-Allow-Credentials" not in pre.headers
