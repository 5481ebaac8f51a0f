"""How a store URL names a remote server's endpoints (no server needed), and the union modes on a real one."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.compare import isomorphic

from newsgraph.errors import ConfigError, StoreError
from newsgraph.store import is_remote, open_store
from newsgraph.store.common import query_form
from newsgraph.store.remote import RemoteStore, parse_store_url


@pytest.mark.parametrize(
    "url,query,update,gsp,dataset,union",
    [
        (
            "http://localhost:7878",
            "http://localhost:7878/query",
            "http://localhost:7878/update",
            "http://localhost:7878/store",
            "http://localhost:7878/store",
            "param",
        ),
        (
            "http://h:3030/news?layout=fuseki",
            "http://h:3030/news/sparql",
            "http://h:3030/news/update",
            "http://h:3030/news/data",
            "http://h:3030/news",
            "urn:x-arq:UnionGraph",
        ),
        (
            "http://h:7200/repositories/news?layout=graphdb",
            "http://h:7200/repositories/news",
            "http://h:7200/repositories/news/statements",
            "http://h:7200/repositories/news/rdf-graphs/service",
            "http://h:7200/repositories/news/statements",
            "native",
        ),
        (
            "http://h:8890/?layout=virtuoso&update=sparql-auth&gsp=sparql-graph-crud-auth",
            "http://h:8890/sparql",
            "http://h:8890/sparql-auth",
            "http://h:8890/sparql-graph-crud-auth",
            None,
            "native",
        ),
        ("http://h:7001?layout=qlever", "http://h:7001", "http://h:7001", None, None, "native"),
        (
            "https://h/x/?query=q&update=https://other.example/u&gsp=none&dataset=none&union=native",
            "https://h/x/q",
            "https://other.example/u",
            None,
            None,
            "native",
        ),
    ],
)
def test_layouts(url: str, query: str, update: str, gsp: str | None, dataset: str | None, union: str) -> None:
    # ``union`` was the server's union mode; the default graph is materialised now, so
    # the parameter is accepted (old URLs keep working) and ignored.
    ep = parse_store_url(url)
    assert (ep.query, ep.update, ep.gsp, ep.dataset) == (query, update, gsp, dataset)


def test_credentials_are_used_but_never_shown() -> None:
    ep = parse_store_url("http://alice:s%40cret@h:8890/?layout=virtuoso&auth=digest&token=T0K")
    assert (ep.user, ep.password, ep.auth, ep.token) == ("alice", "s@cret", "digest", "T0K")
    store = RemoteStore("http://alice:s%40cret@h:8890/?layout=virtuoso&token=T0K")
    assert "cret" not in store.location and "T0K" not in store.location and "alice" not in store.location
    store.close()


@pytest.mark.parametrize(
    "url,message",
    [
        ("http://h:1/?querry=x", "unknown parameter 'querry'"),
        ("http://h:1/?layout=blazegraph", "unknown layout"),
        ("http://h:1/?auth=kerberos", "auth must be"),
        ("ftp://h/", "not an http"),
    ],
)
def test_bad_store_urls(url: str, message: str) -> None:
    with pytest.raises(Exception, match=message) as info:
        parse_store_url(url)
    assert isinstance(info.value, ConfigError) or "IRI" in message


def test_is_remote() -> None:
    assert is_remote("http://x") and is_remote("https://x")
    assert not is_remote("./data") and not is_remote(":memory:")


@pytest.mark.parametrize(
    "text,form",
    [
        ("PREFIX ask: <http://x/#select> SELECT * { ?s ?p ?o }", "SELECT"),
        ("# SELECT in a comment\nASK {}", "ASK"),
        ("  construct where { ?s ?p ?o }", "CONSTRUCT"),
        ("BASE <http://x/> DESCRIBE <y>", "DESCRIBE"),
        ('SELECT ?ask { ?ask ?p """CONSTRUCT""" }', "SELECT"),
        ("INSERT DATA { <http://a> <http://b> <http://c> }", None),
        ("PREFIX : <http://x/> DELETE WHERE { :a ?p ?o }", None),
        ("", None),
    ],
)
def test_query_form(text: str, form: str | None) -> None:
    assert query_form(text) == form


@pytest.mark.remote
def test_default_graph_is_materialised_on_a_plain_server(remote_url: str) -> None:
    """No union parameter is sent: the server's own default graph holds each shared triple once."""
    store = open_store(remote_url)
    try:
        nt = '<http://e/s> <http://e/p> "o" .\n'
        store.put_ntriples([("http://example.org/g1", nt), ("http://example.org/g2", nt)])
        assert len(store.select("SELECT ?o WHERE { ?s ?p ?o }")) == 1
        data = json.loads(
            store.query("SELECT ?o WHERE { ?s ?p ?o }", "application/sparql-results+json",
                        default_graph_uris=["http://example.org/g1"])
        )
        assert len(data["results"]["bindings"]) == 1
        store.remove_graph("http://example.org/g1")
        assert len(store.select("SELECT ?o WHERE { ?s ?p ?o }")) == 1
        store.remove_graphs(["http://example.org/g2"])
        assert store.select("SELECT ?o WHERE { ?s ?p ?o }") == []
    finally:
        store.close()


@pytest.mark.remote
def test_old_store_is_refused_until_reindexed(remote_url: str) -> None:
    """Article graphs beside an empty default graph: written by an older newsgraph."""
    store = open_store(remote_url)
    try:
        store.update('INSERT DATA { GRAPH <http://example.org/g> { <http://e/s> <http://e/p> "o" } }')
        with pytest.raises(StoreError, match="newsgraph reindex"):
            store.select("SELECT ?o WHERE { ?s ?p ?o }")
        assert store.reindex() == 1
        assert len(store.select("SELECT ?o WHERE { ?s ?p ?o }")) == 1
    finally:
        store.close()


@pytest.mark.remote
def test_store_without_gsp_or_dataset_endpoint(remote_url: str, tmp_path: Path) -> None:
    """Fallbacks for other servers: CONSTRUCT to read graphs, INSERT DATA to bulk-load, dump per graph."""
    store = RemoteStore(remote_url + "/?gsp=none&dataset=none")
    try:
        g = Graph()
        g.add((URIRef("http://e/s"), URIRef("http://e/p"), Literal('multi\nline "quoted"')))
        store.put_graph("http://example.org/g1", g)
        assert isomorphic(store.get_graph("http://example.org/g1"), g)
        ds = Dataset()
        ds.graph(URIRef("http://example.org/g2")).add(
            (URIRef("http://e/x"), URIRef("http://e/p"), Literal(1))
        )
        tmp = tmp_path / "b.nq"
        tmp.write_bytes(ds.serialize(format="nquads", encoding="utf-8"))
        store.bulk_load(tmp)
        assert sorted(store.graph_names()) == ["http://example.org/g1", "http://example.org/g2"]
        out = io.BytesIO()
        store.dump(out, "application/trig")
        back = Dataset()
        back.parse(data=out.getvalue(), format="trig")
        assert isomorphic(back.graph(URIRef("http://example.org/g1")), g)
        assert len(back.graph(URIRef("http://example.org/g2"))) == 1
    finally:
        store.close()
