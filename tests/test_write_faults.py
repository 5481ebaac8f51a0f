"""The write path under faults: the server SIGKILLed mid-write, a remote store that goes and returns."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
import requests
from rdflib import Graph, Literal
from rdflib.compare import isomorphic
from rdflib.namespace import XSD

from newsgraph.converters import convert
from newsgraph.server import create_app
from newsgraph.store.embedded import EmbeddedStore
from sparql_support import live_server

TOKEN = "fault-token"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
BASE = "http://news.test"
SERVER = """
import sys
from werkzeug.serving import make_server
from newsgraph.server import create_app
app = create_app({"store": sys.argv[1], "write_token": sys.argv[2], "base_uri": sys.argv[3]})
srv = make_server("127.0.0.1", 0, app, threaded=True)
print(srv.server_port, flush=True)
srv.serve_forever()
"""
CAPITALS = ["Beijing", "Moscow", "Hanoi", "Cairo", "Lima", "Oslo", "Accra", "Quito", "Minsk", "Doha"]


def article(i: int) -> str:
    place = CAPITALS[i % len(CAPITALS)]
    return (f"{place.upper()}, May {1 + i % 28} (Xinhua) -- Chinese President Xi Jinping held talks with "
            f"Russian President Vladimir Putin in {place} on Thursday, the {i}th round of talks this year. "
            "The two heads of state signed a joint statement on trade.")


def gsp_graph(i: int, size: int = 300) -> str:
    return "".join(f'<http://x/g{i}/s{k}> <http://x/p> "{k}" .\n' for k in range(size)) + (
        f'<http://x/g{i}> <http://x/size> "{size}" .\n')


def _integers(graph: Graph) -> Graph:
    out = Graph()
    for s, p, o in graph:
        if isinstance(o, Literal) and o.datatype in (XSD.nonNegativeInteger, XSD.positiveInteger):
            o = Literal(str(o), datatype=XSD.integer)
        out.add((s, p, o))
    return out


@pytest.mark.slow
def test_sigkill_during_api_writes_leaves_every_article_whole_or_absent(tmp_path: Path) -> None:
    store_dir = tmp_path / "store"
    proc = subprocess.Popen([sys.executable, "-c", SERVER, str(store_dir), TOKEN, BASE],
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    assert proc.stdout is not None
    url = f"http://127.0.0.1:{proc.stdout.readline().strip()}"
    expected = {}
    for i in range(60):
        conv = convert(article(i), base=BASE, input_format="text", name="the request body")
        expected[str(conv.article_iri)] = (i, conv.graph)
    acknowledged: set[str] = set()
    stop = threading.Event()

    def post_articles(start: int) -> None:
        session = requests.Session()
        for i in range(start, 60, 2):
            if stop.is_set():
                return
            try:
                r = session.post(f"{url}/api/articles", data=article(i).encode(), timeout=30,
                                 headers={**AUTH, "Content-Type": "text/plain"})
            except requests.RequestException:
                return
            if r.status_code in (200, 201):
                acknowledged.add(r.headers["Location"])

    def put_graphs(start: int) -> None:
        session = requests.Session()
        for i in range(start, 10_000, 2):
            if stop.is_set():
                return
            try:
                r = session.put(
                    f"{url}/store", params={"graph": f"http://x/g{i}"}, data=gsp_graph(i).encode(),
                    headers={**AUTH, "Content-Type": "application/n-triples"}, timeout=30,
                )
            except requests.RequestException:
                return
            if r.status_code in (201, 204):
                acknowledged.add(f"http://x/g{i}")

    writers = [threading.Thread(target=post_articles, args=(k,)) for k in (0, 1)]
    writers += [threading.Thread(target=put_graphs, args=(k,)) for k in (0, 1)]
    for w in writers:
        w.start()
    time.sleep(3.0)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(10)
    stop.set()
    for w in writers:
        w.join(30)

    store = EmbeddedStore(store_dir)  # opens again after the kill
    try:
        names = set(store.graph_names())
        articles = {n for n in names if n in expected}
        graphs = {n for n in names if n.startswith("http://x/g")}
        print(f"after SIGKILL: {len(articles)} articles and {len(graphs)} graphs stored, "
              f"{len(acknowledged)} writes acknowledged")
        assert articles and graphs, "the kill came before any write; the test proved nothing"
        assert acknowledged <= names, "an acknowledged write was lost"
        for iri in articles:
            assert isomorphic(_integers(store.get_graph(iri)), _integers(expected[iri][1])), iri
        for name in graphs:
            g = store.get_graph(name)
            assert len(g) == 301, (name, len(g))  # complete: 300 triples and the size marker
        assert names <= set(expected) | graphs
    finally:
        store.close()


@pytest.mark.remote
@pytest.mark.slow
def test_remote_store_down_is_503_and_recovers_without_restart(tmp_path: Path) -> None:
    from oxigraph_server import OxigraphServer, oxigraph_binary

    if oxigraph_binary() is None:
        pytest.skip("the oxigraph server binary is not installed")
    oxigraph = OxigraphServer(tmp_path / "remote").start()
    try:
        app = create_app({"store": oxigraph.url, "write_token": TOKEN, "remote_retries": 1,
                          "remote_timeout": 5, "query_cache_bytes": 1})
        with live_server(app) as url:
            insert = 'INSERT DATA { <http://x/a> <http://x/p> "1" }'
            ok = requests.post(f"{url}/update", data={"update": insert}, headers=AUTH, timeout=30)
            assert ok.status_code == 204, ok.text
            ask = {"query": 'ASK { <http://x/a> <http://x/p> "1" }'}
            assert requests.get(f"{url}/sparql", params=ask, timeout=30).json()["boolean"] is True
            oxigraph.stop()
            as_json = {"Accept": "application/json"}
            down = requests.get(f"{url}/sparql", params=ask, timeout=60, headers=as_json)
            assert down.status_code == 503, down.text
            assert "connection refused" in down.json()["message"].lower()
            insert2 = "INSERT DATA { <http://x/b> <http://x/p> 2 }"
            write = requests.post(
                f"{url}/update", data={"update": insert2}, headers={**AUTH, **as_json}, timeout=60
            )
            assert write.status_code == 503, write.text
            oxigraph.restart()
            back = requests.get(f"{url}/sparql", params=ask, timeout=30)
            assert back.status_code == 200 and back.json()["boolean"] is True
            print("remote down:", json.dumps(down.json())[:200])
    finally:
        oxigraph.stop()
