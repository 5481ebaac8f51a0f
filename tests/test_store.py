"""The store contract, run on every backend: in memory, on disk, and a real Oxigraph server."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from rdflib import BNode, Dataset, Graph, Literal, Namespace, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import RDF, XSD

from newsgraph.errors import BadQuery, InputError
from newsgraph.store import Store

EX = Namespace("http://example.org/")
NG = Namespace("https://w3id.org/newsgraph/ontology#")
A1 = "http://example.org/id/article/a1"
A2 = "http://example.org/id/article/a2"
CHN = EX["id/country/CHN"]


def article_graph(iri: str, title: str, *, extra: list[tuple] | None = None) -> Graph:
    g = Graph(identifier=URIRef(iri))
    a = URIRef(iri)
    g.add((a, RDF.type, NG.Article))
    g.add((a, NG.title, Literal(title)))
    g.add((a, NG.mentions, CHN))
    g.add((CHN, RDF.type, NG.Country))
    g.add((CHN, NG.name, Literal("China")))
    for t in extra or []:
        g.add(t)
    return g


def tricky_graph(iri: str) -> Graph:
    """Literals that break naive serialisation: quotes, newlines, unicode, tags, datatypes, a bnode."""
    g = Graph(identifier=URIRef(iri))
    s = URIRef(iri)
    g.add((s, EX.q, Literal('He said "no" } ; . <x>')))
    g.add((s, EX.nl, Literal("line one\nline two\r\n\ttabbed \\ backslash")))
    g.add((s, EX.uni, Literal("Erdoğan · 习近平 · 🙂")))
    g.add((s, EX.lang, Literal("Pékin", lang="fr")))
    g.add((s, EX.date, Literal("2016-03-21", datatype=XSD.date)))
    g.add((s, EX.n, Literal(42)))
    b = BNode()
    g.add((s, EX.blank, b))
    g.add((b, EX.label, Literal("inside a blank node")))
    return g


def test_put_then_get_is_the_same_graph(store: Store) -> None:
    g = article_graph(A1, "First")
    store.put_graph(A1, g)
    assert store.has_graph(A1)
    assert not store.has_graph(A2)
    assert isomorphic(store.get_graph(A1), g)
    assert list(store.graph_names()) == [A1]


def test_tricky_literals_and_blank_nodes_survive(store: Store) -> None:
    g = tricky_graph(A1)
    store.put_graph(A1, g)
    assert isomorphic(store.get_graph(A1), g)
    # and again through the replacing path (the graph exists now)
    store.put_graph(A1, g)
    assert isomorphic(store.get_graph(A1), g)


def test_put_replaces_the_whole_graph(store: Store) -> None:
    store.put_graph(A1, article_graph(A1, "Old title", extra=[(EX.s, EX.p, Literal("only in old"))]))
    new = article_graph(A1, "New title")
    store.put_graph(A1, new)
    assert isomorphic(store.get_graph(A1), new)
    assert not store.ask('ASK { ?s ?p "only in old" }')


def test_put_graphs_batch_last_version_wins(store: Store) -> None:
    first = article_graph(A1, "v1")
    second = article_graph(A1, "v2")
    other = article_graph(A2, "other")
    store.put_graphs([(A1, first), (A2, other), (A1, second)])
    assert isomorphic(store.get_graph(A1), second)
    assert isomorphic(store.get_graph(A2), other)
    assert sorted(store.graph_names()) == [A1, A2]


def test_put_ntriples_mixes_new_and_replaced(store: Store) -> None:
    store.put_graph(A1, article_graph(A1, "v1"))
    g1 = article_graph(A1, "v2")
    g2 = article_graph(A2, "fresh")
    store.put_ntriples([(A1, g1.serialize(format="nt")), (A2, g2.serialize(format="nt"))])
    assert isomorphic(store.get_graph(A1), g1)
    assert isomorphic(store.get_graph(A2), g2)


def test_remove_keeps_what_other_articles_say(store: Store) -> None:
    store.put_graph(A1, article_graph(A1, "one"))
    store.put_graph(A2, article_graph(A2, "two"))
    # China is one resource mentioned by both
    rows = store.select(f"SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE {{ ?a <{NG.mentions}> <{CHN}> }}")
    assert int(str(rows[0]["n"])) == 2
    assert store.remove_graph(A1) is True
    assert store.remove_graph(A1) is False
    assert not store.has_graph(A1)
    assert store.ask(f'ASK {{ <{CHN}> <{NG.name}> "China" }}')
    assert not store.ask(f"ASK {{ <{A1}> ?p ?o }}")
    assert isomorphic(store.get_graph(A2), article_graph(A2, "two"))


def test_remove_graphs(store: Store) -> None:
    for iri in (A1, A2):
        store.put_graph(iri, article_graph(iri, iri))
    store.remove_graphs([A1, "http://example.org/id/article/never-there"])
    assert list(store.graph_names()) == [A2]


def test_queries_see_the_union_of_graphs(store: Store) -> None:
    # A join whose two halves are in different graphs only matches over the union.
    g1 = Graph()
    g1.add((EX.x, EX.knows, EX.y))
    g2 = Graph()
    g2.add((EX.y, EX.name, Literal("Y")))
    store.put_graphs([(A1, g1), (A2, g2)])
    rows = store.select(f"SELECT ?name WHERE {{ <{EX.x}> <{EX.knows}> ?who . ?who <{EX.name}> ?name }}")
    assert [str(r["name"]) for r in rows] == ["Y"]
    assert store.ask(f"ASK {{ <{EX.x}> <{EX.knows}> ?w . ?w <{EX.name}> ?n }}")
    g = store.construct("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }")
    assert len(g) == 2


def test_dataset_given_by_protocol(store: Store) -> None:
    g1 = Graph()
    g1.add((EX.a, EX.p, Literal("in one")))
    g2 = Graph()
    g2.add((EX.a, EX.p, Literal("in two")))
    store.put_graphs([(A1, g1), (A2, g2)])
    q = f"SELECT ?o WHERE {{ <{EX.a}> <{EX.p}> ?o }}"
    data = json.loads(store.query(q, "application/sparql-results+json", default_graph_uris=[A2]))
    assert [b["o"]["value"] for b in data["results"]["bindings"]] == ["in two"]
    q2 = f"SELECT ?g ?o WHERE {{ GRAPH ?g {{ <{EX.a}> <{EX.p}> ?o }} }}"
    data = json.loads(store.query(q2, "application/sparql-results+json", named_graph_uris=[A1]))
    assert [(b["g"]["value"], b["o"]["value"]) for b in data["results"]["bindings"]] == [(A1, "in one")]


@pytest.mark.parametrize(
    "media_type",
    [
        "application/sparql-results+json",
        "application/sparql-results+xml",
        "text/csv",
        "text/tab-separated-values",
    ],
)
def test_select_result_formats(store: Store, media_type: str) -> None:
    store.put_graph(A1, article_graph(A1, "Title, with a comma"))
    body = store.query(f"SELECT ?t WHERE {{ ?a <{NG.title}> ?t }}", media_type)
    if media_type == "text/csv":
        rows = list(csv.reader(io.StringIO(body.decode("utf-8"))))
        assert rows == [["t"], ["Title, with a comma"]]
    elif media_type.endswith("json"):
        assert json.loads(body)["results"]["bindings"][0]["t"]["value"] == "Title, with a comma"
    elif media_type.endswith("xml"):
        assert b"<sparql" in body and b"Title, with a comma" in body
    else:
        assert body.decode("utf-8").splitlines() == ["?t", '"Title, with a comma"']


@pytest.mark.parametrize("media_type,fmt", [("text/turtle", "turtle"), ("application/n-triples", "nt")])
def test_construct_serialised(store: Store, media_type: str, fmt: str) -> None:
    g = article_graph(A1, "T")
    store.put_graph(A1, g)
    body = store.query("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", media_type)
    assert isomorphic(Graph().parse(data=body, format=fmt), g)


def test_ask_and_describe(store: Store) -> None:
    store.put_graph(A1, article_graph(A1, "one"))
    store.put_graph(A2, article_graph(A2, "two"))
    assert store.ask(f"ASK {{ <{A1}> a <{NG.Article}> }}")
    assert not store.ask('ASK { ?s ?p "nothing like this" }')
    d = store.describe(str(CHN))
    assert set(d.predicates()) == {RDF.type, NG.name}
    assert len(d) == 2  # the same statements from two articles are one triple of the union


def test_bad_query_is_bad_query(store: Store) -> None:
    with pytest.raises(BadQuery):
        store.query("SELECT ?x WHERE { ?x ", "application/sparql-results+json")
    with pytest.raises(BadQuery):
        store.select("SELEKT * WHERE { ?s ?p ?o }")
    with pytest.raises(BadQuery):
        store.update("INSERT DATA { <a> }")


def test_update_and_count(store: Store) -> None:
    assert store.count() == 0
    store.put_graph(A1, article_graph(A1, "one"))
    store.put_graph(A2, article_graph(A2, "two"))
    assert store.count() == 10  # 5 statements in each article graph
    store.update(f'INSERT DATA {{ GRAPH <{A1}> {{ <{A1}> <{EX.extra}> "x" }} }}')
    assert store.count() == 11
    # A raw update changes the dataset as written: the graph has the triple, and the
    # default graph (the union) gets it when it is re-derived.
    assert store.ask(f'ASK {{ GRAPH <{A1}> {{ <{A1}> <{EX.extra}> "x" }} }}')
    assert not store.ask(f'ASK {{ <{A1}> <{EX.extra}> "x" }}')
    assert store.reindex() == 2
    assert store.ask(f'ASK {{ <{A1}> <{EX.extra}> "x" }}')
    assert store.count() == 11


def test_default_graph_has_set_semantics(store: Store) -> None:
    shared = '<http://example.org/p> <http://example.org/name> "x" .\n'
    store.put_ntriples([("http://example.org/g1", shared), ("http://example.org/g2", shared)])
    assert len(store.select("SELECT * { ?s ?p ?o }")) == 1
    count = store.select(
        "SELECT (COUNT(?p) AS ?n) { ?p <http://example.org/name> ?o }"
    )[0]["n"]
    assert int(str(count)) == 1
    # Provenance stays per graph.
    assert len(store.select("SELECT ?g { GRAPH ?g { ?s ?p ?o } }")) == 2
    # Replacing one keeps set semantics; removing one of two keeps the triple.
    store.put_ntriples([("http://example.org/g1", shared)])
    assert len(store.select("SELECT * { ?s ?p ?o }")) == 1
    assert store.remove_graph("http://example.org/g1")
    assert store.ask('ASK { <http://example.org/p> <http://example.org/name> "x" }')
    other = '<http://example.org/q> <http://example.org/name> "y" .\n'
    store.put_ntriples([("http://example.org/g2", other)])
    assert not store.ask('ASK { <http://example.org/p> <http://example.org/name> "x" }')
    assert len(store.select("SELECT * { ?s ?p ?o }")) == 1
    store.remove_graphs(["http://example.org/g2"])
    assert store.select("SELECT * { ?s ?p ?o }") == []
    assert list(store.graph_names()) == []


def test_persons_shared_by_two_articles_count_once(store: Store) -> None:
    store.put_graph(A1, article_graph(A1, "one"))
    store.put_graph(A2, article_graph(A2, "two"))
    rows = store.select(f"SELECT (COUNT(?o) AS ?n) {{ ?s <{RDF.type}> ?o }}")
    graphs = (article_graph(A1, "one"), article_graph(A2, "two"))
    typed = {(s, o) for g in graphs for s, o in g.subject_objects(RDF.type)}
    assert int(str(rows[0]["n"])) == len(typed)


def test_graph_names_must_be_iris(store: Store) -> None:
    with pytest.raises(InputError):
        store.put_graph("http://example.org/g> } ; DROP ALL ; INSERT DATA { GRAPH <http://x", Graph())
    with pytest.raises(InputError):
        store.has_graph("not an iri")


def _expected_dataset(*pairs: tuple[str, Graph]) -> Dataset:
    ds = Dataset()
    for iri, g in pairs:
        target = ds.graph(URIRef(iri))
        for t in g:
            target.add(t)
    return ds


def _graphs_of(ds: Dataset) -> dict[str, Graph]:
    out: dict[str, Graph] = {}
    for ctx in ds.graphs():
        if len(ctx) and str(ctx.identifier) != "urn:x-rdflib:default":
            g = Graph()
            for t in ctx:
                g.add(t)
            out[str(ctx.identifier)] = g
    return out


@pytest.mark.parametrize(
    "media_type,fmt",
    [("application/n-quads", "nquads"), ("application/trig", "trig"), ("application/ld+json", "json-ld")],
)
def test_dump_dataset_formats_keep_graphs(store: Store, media_type: str, fmt: str) -> None:
    g1, g2 = article_graph(A1, "one"), tricky_graph(A2)
    store.put_graphs([(A1, g1), (A2, g2)])
    out = io.BytesIO()
    store.dump(out, media_type)
    ds = Dataset()
    ds.parse(data=out.getvalue(), format=fmt)
    graphs = _graphs_of(ds)
    assert set(graphs) == {A1, A2}
    assert isomorphic(graphs[A1], g1)
    assert isomorphic(graphs[A2], g2)


def test_dump_triple_format_is_the_union(store: Store) -> None:
    g1, g2 = article_graph(A1, "one"), article_graph(A2, "two")
    store.put_graphs([(A1, g1), (A2, g2)])
    out = io.BytesIO()
    store.dump(out, "text/turtle")
    union = Graph().parse(data=out.getvalue(), format="turtle")
    expected = Graph()
    for t in list(g1) + list(g2):
        expected.add(t)
    assert isomorphic(union, expected)


def test_bulk_load_nquads(store: Store, tmp_path: Path) -> None:
    g1, g2 = article_graph(A1, "one"), article_graph(A2, "two")
    path = tmp_path / "shard.nq"
    path.write_bytes(_expected_dataset((A1, g1), (A2, g2)).serialize(format="nquads", encoding="utf-8"))
    store.bulk_load(path)
    assert sorted(store.graph_names()) == [A1, A2]
    assert isomorphic(store.get_graph(A1), g1)
    assert isomorphic(store.get_graph(A2), g2)


def test_empty_store_answers(store: Store) -> None:
    assert list(store.graph_names()) == []
    assert store.select("SELECT * WHERE { ?s ?p ?o }") == []
    assert len(store.get_graph(A1)) == 0
    out = io.BytesIO()
    store.dump(out, "application/n-quads")
    assert out.getvalue().strip() == b""


def test_backends_implement_the_whole_protocol(store: Store) -> None:
    assert isinstance(store, Store)
    assert store.location


def test_own_ntriples_writer_matches_rdflib() -> None:
    from newsgraph.store.common import graph_to_ntriples

    g = tricky_graph(A1)
    g.add((URIRef(A1), EX.tab, Literal("a\tb 'single' \u00e9 \U0001f600")))
    ours = graph_to_ntriples(g)
    assert isomorphic(Graph().parse(data=ours, format="nt"), g)
    theirs = g.serialize(format="nt")
    assert sorted(ours.splitlines()) == sorted(line for line in theirs.splitlines() if line)
    # RDF 1.1: a literal typed xsd:string is the plain literal
    typed = Graph()
    typed.add((URIRef(A1), EX.typed, Literal("x", datatype=XSD.string)))
    assert graph_to_ntriples(typed) == f'<{A1}> <{EX.typed}> "x" .\n'


def test_old_embedded_store_asks_for_reindex(tmp_path: Path) -> None:
    """A directory store with article graphs but no format file predates materialisation."""
    import pyoxigraph as ox

    from newsgraph.errors import StoreError
    from newsgraph.store.embedded import EmbeddedStore

    raw = ox.Store(str(tmp_path / "old"))
    raw.update('INSERT DATA { GRAPH <http://example.org/g> { <http://e/s> <http://e/p> "o" } }')
    del raw
    store = EmbeddedStore(tmp_path / "old")
    with pytest.raises(StoreError, match="newsgraph reindex"):
        store.select("SELECT * { ?s ?p ?o }")
    assert store.reindex() == 1
    assert len(store.select("SELECT * { ?s ?p ?o }")) == 1
    store.close()
    again = EmbeddedStore(tmp_path / "old")
    assert len(again.select("SELECT * { ?s ?p ?o }")) == 1
    again.close()
