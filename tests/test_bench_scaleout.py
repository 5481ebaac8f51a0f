"""Several stateless app instances serving one remote SPARQL server (a real ``oxigraph serve``).

This is the scale-out set-up of docs/scaling.md: the apps keep no data of their own,
so any of them can answer any request, and a change made through the shared server is
seen by all of them at once.
"""

from __future__ import annotations

import json
from pathlib import Path
from types import ModuleType
from urllib.parse import urlsplit

import pytest
from flask.testing import FlaskClient
from rdflib import Graph
from rdflib.compare import isomorphic

from bench_modules import load_bench
from newsgraph.ingest import ingest
from newsgraph.server import create_app
from newsgraph.store import open_store

pytestmark = pytest.mark.remote

BASE = "http://news.example.test"
PERSONS = """SELECT ?p (COUNT(DISTINCT ?e) AS ?n) WHERE {
  ?e <https://w3id.org/newsgraph/ontology#participant> ?p } GROUP BY ?p ORDER BY DESC(?n) ?p"""


def _generator() -> ModuleType:
    return load_bench("generate", "bench_generate_for_scaleout")


def _client(url: str) -> FlaskClient:
    app = create_app({"store": url, "base_uri": BASE})
    app.config["TESTING"] = True
    return app.test_client()


def _select(client: FlaskClient, query: str) -> list[dict[str, str]]:
    r = client.get(
        "/sparql", query_string={"query": query}, headers={"Accept": "application/sparql-results+json"}
    )
    assert r.status_code == 200, r.data[:300]
    return [{k: v["value"] for k, v in b.items()} for b in json.loads(r.data)["results"]["bindings"]]


def _document(client: FlaskClient, iri: str, accept: str = "text/turtle") -> Graph:
    r = client.get(urlsplit(iri).path, headers={"Accept": accept})
    assert r.status_code == 303, r.status_code
    doc = client.get(urlsplit(r.headers["Location"]).path, headers={"Accept": accept})
    assert doc.status_code == 200, doc.data[:300]
    return Graph().parse(data=doc.data, format="turtle")


def test_two_apps_on_one_oxigraph_server_answer_the_same(remote_url: str, tmp_path: Path) -> None:
    gen = _generator()
    gen.write_corpus(tmp_path / "first", 8, seed=21, fmt="jsonl")
    store = open_store(remote_url)
    try:
        assert ingest([str(tmp_path / "first")], store, base=BASE).ok
    finally:
        store.close()

    one, two = _client(remote_url), _client(remote_url)
    persons = _select(one, PERSONS)
    assert persons and persons == _select(two, PERSONS)
    busiest = persons[0]["p"]
    assert isomorphic(_document(one, busiest), _document(two, busiest))
    assert len(_document(one, busiest)) > 0

    # A second ingest straight into the shared server (as another machine would do it):
    # both apps see it on the next request, as neither keeps a copy of the data.
    gen.write_corpus(tmp_path / "second", 12, seed=22, fmt="jsonl")
    store = open_store(remote_url)
    try:
        assert ingest([str(tmp_path / "second")], store, base=BASE).ok
    finally:
        store.close()
    after_one, after_two = _select(one, PERSONS), _select(two, PERSONS)
    assert after_one == after_two
    assert sum(int(r["n"]) for r in after_one) > sum(int(r["n"]) for r in persons)
