"""Real SPARQL clients against the endpoint over HTTP: SPARQLWrapper and rdflib's SPARQLStore."""

from __future__ import annotations

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.plugins.stores.sparqlstore import SPARQLStore
from SPARQLWrapper import CSV, JSON, TURTLE, XML, SPARQLWrapper

from sparql_support import A1, A2, NG, XI, app_with_sample, live_server

TITLES = f"PREFIX ng: <{NG}> SELECT ?a ?t WHERE {{ ?a ng:title ?t }} ORDER BY ?a"


@pytest.fixture(scope="module")
def endpoint():  # type: ignore[no-untyped-def]
    with live_server(app_with_sample()) as url:
        yield f"{url}/sparql"


@pytest.mark.parametrize("method", ["GET", "POST"])
def test_sparqlwrapper_select_json(endpoint: str, method: str) -> None:
    sw = SPARQLWrapper(endpoint)
    sw.setMethod(method)
    sw.setQuery(TITLES)
    sw.setReturnFormat(JSON)
    rows = sw.queryAndConvert()["results"]["bindings"]  # type: ignore[index]
    assert [r["a"]["value"] for r in rows] == [A1, A2]


def test_sparqlwrapper_select_xml_and_csv(endpoint: str) -> None:
    sw = SPARQLWrapper(endpoint)
    sw.setQuery(TITLES)
    sw.setReturnFormat(XML)
    doc = sw.queryAndConvert()
    assert len(doc.getElementsByTagName("result")) == 2  # type: ignore[union-attr]
    sw.setReturnFormat(CSV)
    text = sw.queryAndConvert().decode("utf-8")  # type: ignore[union-attr]
    assert text.splitlines()[0] == "a,t"


def test_sparqlwrapper_ask_and_construct(endpoint: str) -> None:
    sw = SPARQLWrapper(endpoint)
    sw.setQuery(f"ASK {{ <{XI}> ?p ?o }}")
    sw.setReturnFormat(JSON)
    assert sw.queryAndConvert()["boolean"] is True  # type: ignore[index]
    sw.setQuery(f"CONSTRUCT WHERE {{ <{XI}> ?p ?o }}")
    sw.setReturnFormat(TURTLE)
    g = Graph().parse(data=sw.queryAndConvert(), format="turtle")  # type: ignore[arg-type]
    assert (URIRef(XI), URIRef(NG + "name"), Literal("Xi Jinping")) in g
    sw.setReturnFormat(XML)  # SPARQLWrapper's default for CONSTRUCT: RDF/XML
    result = sw.query()
    assert result.response.headers["Content-Type"].startswith("application/rdf+xml")
    g2 = Graph().parse(data=result.response.read(), format="xml")
    assert len(g2) == len(g)


def test_sparqlwrapper_bad_query_raises_a_clear_error(endpoint: str) -> None:
    from SPARQLWrapper.SPARQLExceptions import QueryBadFormed

    sw = SPARQLWrapper(endpoint)
    sw.setQuery("SELECT * WHERE {")
    sw.setReturnFormat(JSON)
    with pytest.raises(QueryBadFormed, match="does not parse"):
        sw.queryAndConvert()


def test_rdflib_sparqlstore(endpoint: str) -> None:
    store = SPARQLStore(endpoint, returnFormat="json")
    g = Graph(store=store)
    rows = list(g.query(TITLES))
    assert [str(r[0]) for r in rows] == [A1, A2]  # type: ignore[index]
    assert (URIRef(XI), URIRef(NG + "name"), Literal("Xi Jinping")) in g
    names = set(g.objects(URIRef(XI), URIRef(NG + "name")))
    assert names == {Literal("Xi Jinping")}
    constructed = g.query(f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{A2}> {{ ?s ?p ?o }} }}").graph
    assert constructed is not None and len(constructed) == 6
    store.close()


def test_rdflib_sparqlstore_xml_results(endpoint: str) -> None:
    g = Graph(store=SPARQLStore(endpoint, returnFormat="xml"))
    assert bool(g.query(f"ASK {{ <{A1}> ?p ?o }}").askAnswer) is True
