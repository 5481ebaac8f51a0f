"""Discovery: home page figures, VoID, dumps, ontology and shapes documents, health."""

from __future__ import annotations

import gzip
import re

import pytest
from rdflib import RDF, Dataset, Graph, Literal, Namespace, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import OWL, VOID

from ld_fixtures import BASE, all_specs, load
from newsgraph import iris
from newsgraph.ontology import load_ontology
from newsgraph.ontology.namespace import NG
from newsgraph.server import create_app
from newsgraph.shapes import load_shapes
from newsgraph.store.embedded import EmbeddedStore

SH = Namespace("http://www.w3.org/ns/shacl#")
FIJI = 6


@pytest.fixture(scope="module")
def store():  # type: ignore[no-untyped-def]
    s = EmbeddedStore(None)
    load(s, BASE, fiji=FIJI)
    return s


@pytest.fixture()
def client(store):  # type: ignore[no-untyped-def]
    return create_app({"base_uri": BASE}, store=store).test_client()


def void_graph(client, accept: str = "text/turtle", fmt: str = "turtle") -> Graph:  # type: ignore[no-untyped-def]
    r = client.get("/.well-known/void", headers={"Accept": accept})
    assert r.status_code == 200
    return Graph().parse(data=r.data, format=fmt)


# -- home -------------------------------------------------------------------------------


def test_home_page_shows_the_counts_and_links(client, store) -> None:  # type: ignore[no-untyped-def]
    text = client.get("/").get_data(as_text=True)
    articles = len(all_specs(FIJI))
    # Each figure is rendered as <span class="figure">N</span> <span class="figure-label" ...>label</span>.
    figures = dict(
        (label, int(n.replace(",", "")))
        for n, label in re.findall(
            r'<span class="figure">([\d,]+)</span> <span class="figure-label"[^>]*>(\w+)', text
        )
    )
    assert figures["articles"] == articles
    assert figures["events"] == 3 + 1 + FIJI  # talks, signing, summit; the hostile meeting; Fiji
    assert figures["people"] == 5
    assert figures["countries"] == 4
    assert figures["organisations"] == 1
    assert figures["agreements"] == 1
    assert figures["statements"] == store.count()
    for href in (
        "/.well-known/void",
        "/dumps/newsgraph.nq.gz",
        "/dumps/newsgraph.trig",
        "/ontology.html",
        "/shapes.html",
        "/sparql",
    ):
        assert f'href="{href}"' in text, href
    # Example queries link to the endpoint with the query in the URL.
    assert re.search(r'href="/sparql\?query=PREFIX%20ng%3A', text)
    # Recent events, newest first.
    assert text.index("Summit on 2024-07-04") < text.index("Talks on 2024-05-16")


def test_home_figures_are_cached_until_the_store_changes(tmp_path) -> None:  # type: ignore[no-untyped-def]
    store = EmbeddedStore(tmp_path / "s")
    load(store, BASE)
    app = create_app({"base_uri": BASE}, store=store)
    # A write that bypasses the app is noticed at the next look at the store directory,
    # at most scan_interval later (tested in test_server_deref); look every time here.
    app.extensions["newsgraph.freshness"].scan_interval = 0.0
    c = app.test_client()
    first = c.get("/").get_data(as_text=True)
    assert '<span class="figure">3</span> <span class="figure-label"' in first
    from ld_fixtures import article_graph, fiji_articles

    iri, g = article_graph(BASE, fiji_articles(1)[0])
    import os
    import time

    store.put_graph(str(iri), g)
    # The directory's newest file time moves on a write; make sure it does even on coarse clocks.
    later = time.time() + 5
    for entry in os.scandir(tmp_path / "s"):
        if entry.is_file():
            os.utime(entry.path, (later, later))
            break
    again = c.get("/").get_data(as_text=True)
    assert '<span class="figure">4</span> <span class="figure-label" title="' + str(NG.Article) in again
    store.close()


# -- VoID ---------------------------------------------------------------------------------


def test_void_describes_endpoint_dumps_uri_space_and_counts(client, store) -> None:  # type: ignore[no-untyped-def]
    g = void_graph(client)
    ds = URIRef(BASE + "/.well-known/void#dataset")
    assert (ds, RDF.type, VOID.Dataset) in g
    assert g.value(ds, VOID.sparqlEndpoint) == URIRef(BASE + "/sparql")
    dumps = set(g.objects(ds, VOID.dataDump))
    assert dumps == {URIRef(BASE + "/dumps/newsgraph.nq.gz"), URIRef(BASE + "/dumps/newsgraph.trig")}
    assert g.value(ds, VOID.uriSpace) == Literal(BASE + "/id/")
    assert URIRef(iris.NG) in set(g.objects(ds, VOID.vocabulary))
    assert g.value(ds, VOID.triples).toPython() == store.count()
    partitions = {
        g.value(p, VOID["class"]): g.value(p, VOID.entities).toPython()
        for p in g.objects(ds, VOID.classPartition)
    }
    assert partitions[NG.Person] == 5
    assert partitions[NG.Country] == 4
    assert partitions[NG.Article] == len(all_specs(FIJI))
    assert partitions[NG.Event] == 3 + 1 + FIJI
    assert g.value(ds, VOID.entities).toPython() == sum(
        partitions[c]
        for c in (NG.Article, NG.Event, NG.Person, NG.Country, NG.Organization, NG.Agreement, NG.Source)
    )
    # Example resources dereference.
    examples = list(g.objects(ds, VOID.exampleResource))
    assert examples
    for e in examples:
        assert client.get(str(e)[len(BASE) :]).status_code == 303


@pytest.mark.parametrize(
    ("accept", "media_type", "fmt"),
    [
        ("application/ld+json", "application/ld+json", "json-ld"),
        ("application/rdf+xml", "application/rdf+xml", "xml"),
        ("application/n-triples", "application/n-triples", "nt"),
        ("*/*", "text/turtle", "turtle"),
        (None, "text/turtle", "turtle"),
    ],
)
def test_void_negotiates(client, accept, media_type, fmt) -> None:  # type: ignore[no-untyped-def]
    r = client.get("/.well-known/void", headers={"Accept": accept} if accept else {})
    assert r.status_code == 200
    assert r.mimetype == media_type
    assert "Accept" in r.headers["Vary"]
    g = Graph().parse(data=r.data, format=fmt)
    assert (URIRef(BASE + "/.well-known/void#dataset"), RDF.type, VOID.Dataset) in g


def test_void_refuses_what_it_cannot_give(client) -> None:  # type: ignore[no-untyped-def]
    assert client.get("/.well-known/void", headers={"Accept": "image/png"}).status_code == 406


# -- dumps ------------------------------------------------------------------------------------


def _store_dataset(store: EmbeddedStore) -> Dataset:
    ds = Dataset()
    for name in store.graph_names():
        g = ds.graph(URIRef(name))
        for t in store.get_graph(name):
            g.add(t)
    return ds


def _same_quads(a: Dataset, b: Dataset) -> None:
    names_a = {g.identifier for g in a.graphs() if len(g)}
    names_b = {g.identifier for g in b.graphs() if len(g)}
    assert names_a == names_b
    for name in names_a:
        assert isomorphic(a.graph(name), b.graph(name)), name


def test_nquads_dump_is_gzip_of_every_graph(client, store) -> None:  # type: ignore[no-untyped-def]
    r = client.get("/dumps/newsgraph.nq.gz")
    assert r.status_code == 200
    assert r.mimetype == "application/gzip"
    assert 'filename="newsgraph.nq.gz"' in r.headers["Content-Disposition"]
    assert r.is_streamed
    data = gzip.decompress(r.data)
    ds = Dataset()
    ds.parse(data=data, format="nquads")
    _same_quads(ds, _store_dataset(store))


def test_trig_dump_is_every_graph(client, store) -> None:  # type: ignore[no-untyped-def]
    r = client.get("/dumps/newsgraph.trig")
    assert r.status_code == 200
    assert r.mimetype == "application/trig"
    ds = Dataset()
    ds.parse(data=r.data, format="trig")
    _same_quads(ds, _store_dataset(store))


def test_dump_streams_in_chunks_and_stops_when_the_client_leaves(store) -> None:  # type: ignore[no-untyped-def]
    from newsgraph.server.discovery import stream_dump

    chunks = stream_dump(store, "application/n-quads", False)
    first = next(chunks)
    assert first
    chunks.close()  # what the server does when the client disconnects; must not hang
    whole = b"".join(stream_dump(store, "application/n-quads", False))
    assert whole.count(b"\n") == store.count()


def test_head_of_a_dump_does_not_run_it(client) -> None:  # type: ignore[no-untyped-def]
    r = client.head("/dumps/newsgraph.nq.gz")
    assert r.status_code == 200
    assert r.data == b""
    assert client.get("/dumps/newsgraph.zip").status_code == 404


# -- ontology and shapes --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("accept", "suffix"),
    [
        ("text/html", "html"),
        ("text/turtle", "ttl"),
        ("application/ld+json", "jsonld"),
        ("application/rdf+xml", "rdf"),
        ("application/n-triples", "nt"),
        ("*/*", "html"),
    ],
)
def test_ontology_303_by_accept(client, accept, suffix) -> None:  # type: ignore[no-untyped-def]
    r = client.get("/ontology", headers={"Accept": accept})
    assert r.status_code == 303
    assert r.headers["Location"].endswith(f"/ontology.{suffix}")
    assert "Accept" in r.headers["Vary"]
    assert client.get(r.headers["Location"]).status_code == 200


@pytest.mark.parametrize(
    ("suffix", "fmt"), [("ttl", "turtle"), ("jsonld", "json-ld"), ("rdf", "xml"), ("nt", "nt")]
)
def test_ontology_documents_hold_the_ontology(client, suffix, fmt) -> None:  # type: ignore[no-untyped-def]
    g = Graph().parse(data=client.get(f"/ontology.{suffix}").data, format=fmt)
    # This server's /ontology URL names the same ontology (so it can be dereferenced locally).
    alias = (URIRef(BASE + "/ontology"), OWL.sameAs, URIRef(iris.ONTOLOGY_IRI))
    assert alias in g
    g.remove(alias)
    assert isomorphic(g, load_ontology())


def test_ontology_turtle_is_the_shipped_file(client) -> None:  # type: ignore[no-untyped-def]
    from newsgraph.ontology import ontology_text

    body = client.get("/ontology.ttl").get_data(as_text=True)
    assert body.startswith(ontology_text())
    assert client.get("/ontology.docx").status_code == 404
    assert client.get("/ontology", headers={"Accept": "image/png"}).status_code == 406


def test_shapes_are_served_as_turtle_and_html(client) -> None:  # type: ignore[no-untyped-def]
    r = client.get("/shapes", headers={"Accept": "text/turtle"})
    assert r.status_code == 200
    assert r.mimetype == "text/turtle"
    assert r.headers["Content-Location"] == "/shapes.ttl"
    assert "Accept" in r.headers["Vary"]
    g = Graph().parse(data=r.data, format="turtle")
    assert isomorphic(g, load_shapes())
    assert any(g.subjects(RDF.type, SH.NodeShape))
    default = client.get("/shapes")
    assert default.mimetype == "text/turtle"
    html = client.get("/shapes", headers={"Accept": "text/html"})
    assert html.mimetype == "text/html"
    assert html.headers["Content-Location"] == "/shapes.html"


# -- health -------------------------------------------------------------------------------------------


def test_health(client) -> None:  # type: ignore[no-untyped-def]
    r = client.get("/health")
    assert r.status_code == 200
    body = r.get_json()
    assert body["status"] == "ok"
    assert body["store"] == "ok"
    assert r.headers["Cache-Control"] == "no-store"


def test_health_reports_a_failing_store() -> None:
    class Broken(EmbeddedStore):
        def ask(self, sparql: str) -> bool:
            from newsgraph.errors import StoreError

            raise StoreError("the disk is on fire")

    c = create_app({"base_uri": BASE}, store=Broken(None)).test_client()
    r = c.get("/health")
    assert r.status_code == 503
    assert r.get_json()["message"] == "the disk is on fire"
