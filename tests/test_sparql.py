"""The SPARQL endpoint through Flask's test client: protocol, datasets, formats, errors, pages."""

from __future__ import annotations

import csv
import io
import json
import urllib.parse

import pyoxigraph as ox
import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.query import Result

from newsgraph.server.sparql import EXAMPLES
from sparql_support import A1, A2, BASE, CHN, NG, RUS, XI, app_with_sample

SELECT_TITLES = f"PREFIX ng: <{NG}> SELECT ?a ?t WHERE {{ ?a ng:title ?t }} ORDER BY ?a"


@pytest.fixture
def app():  # type: ignore[no-untyped-def]
    return app_with_sample()


@pytest.fixture
def client(app):  # type: ignore[no-untyped-def]
    return app.test_client()


def bindings(resp) -> list[dict[str, str]]:  # type: ignore[no-untyped-def]
    data = json.loads(resp.data)
    return [{k: v["value"] for k, v in b.items()} for b in data["results"]["bindings"]]


# -- the three ways of asking ---------------------------------------------------------


def test_get_form_post_and_direct_post_give_the_same_answer(client) -> None:  # type: ignore[no-untyped-def]
    by_get = client.get("/sparql", query_string={"query": SELECT_TITLES})
    by_form = client.post("/sparql", data={"query": SELECT_TITLES})
    by_direct = client.post("/sparql", data=SELECT_TITLES.encode(), content_type="application/sparql-query")
    for resp in (by_get, by_form, by_direct):
        assert resp.status_code == 200, resp.data
        assert resp.mimetype == "application/sparql-results+json"
    assert bindings(by_get) == bindings(by_form) == bindings(by_direct)
    assert [b["a"] for b in bindings(by_get)] == [A1, A2]


def test_default_graph_is_the_union_of_the_article_graphs(client) -> None:  # type: ignore[no-untyped-def]
    q = f"PREFIX ng: <{NG}> SELECT ?c WHERE {{ ?a ng:mentions ?c . ?c a ng:Country }} ORDER BY ?c"
    assert [b["c"] for b in bindings(client.get("/sparql", query_string={"query": q}))] == [CHN, RUS]


def test_graph_clause_tells_which_article_says_what(client) -> None:  # type: ignore[no-untyped-def]
    q = f'PREFIX ng: <{NG}> SELECT ?g WHERE {{ GRAPH ?g {{ ?c ng:isoAlpha3 "RUS" }} }}'
    assert bindings(client.get("/sparql", query_string={"query": q})) == [{"g": A2}]


def test_from_in_the_query_is_honoured(client) -> None:  # type: ignore[no-untyped-def]
    q = f"PREFIX ng: <{NG}> SELECT ?t FROM <{A2}> WHERE {{ ?a ng:title ?t }}"
    rows = bindings(client.get("/sparql", query_string={"query": q}))
    assert len(rows) == 1 and rows[0]["t"].startswith("<script>")


def test_protocol_dataset_replaces_the_query_dataset(client) -> None:  # type: ignore[no-untyped-def]
    q = f"PREFIX ng: <{NG}> SELECT ?a FROM <{A2}> WHERE {{ ?a a ng:Article }}"
    resp = client.get("/sparql", query_string={"query": q, "default-graph-uri": A1})
    assert bindings(resp) == [{"a": A1}]
    named = client.get(
        "/sparql",
        query_string={"query": "SELECT ?g ?s WHERE { GRAPH ?g { ?s a ?t } }", "named-graph-uri": A1},
    )
    assert {b["g"] for b in bindings(named)} == {A1}
    only_named = client.get("/sparql", query_string={"query": "ASK { ?s ?p ?o }", "named-graph-uri": A1})
    assert json.loads(only_named.data)["boolean"] is False  # the default graph is then empty


def test_relative_iris_resolve_against_the_endpoint(client) -> None:  # type: ignore[no-untyped-def]
    resp = client.get("/sparql", query_string={"query": "SELECT ?x { BIND(<rel> AS ?x) }"})
    assert bindings(resp) == [{"x": "http://localhost/rel"}]


# -- result formats --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("accept", "media_type", "rdflib_format"),
    [
        ("application/sparql-results+json", "application/sparql-results+json", "json"),
        ("application/sparql-results+xml", "application/sparql-results+xml", "xml"),
        ("text/csv", "text/csv", "csv"),
        ("text/tab-separated-values", "text/tab-separated-values", "tsv"),
        ("application/json", "application/sparql-results+json", "json"),
    ],
)
def test_select_formats_parse_back_to_the_same_rows(  # type: ignore[no-untyped-def]
    client, accept: str, media_type: str, rdflib_format: str
) -> None:
    q = f"PREFIX ng: <{NG}> SELECT ?s ?name ?role WHERE {{ ?s ng:name ?name "
    q += "OPTIONAL { ?s ng:role ?role } }"
    resp = client.get("/sparql", query_string={"query": q}, headers={"Accept": accept})
    assert resp.status_code == 200
    assert resp.mimetype == media_type
    assert resp.headers["Vary"] == "Accept"
    result = Result.parse(io.BytesIO(resp.data), format=rdflib_format)
    names = {str(row["name"]) for row in result}  # type: ignore[index]
    assert names == {"Xi Jinping", "China", "Russia"}
    if rdflib_format != "csv":  # CSV drops language tags by design
        roles = {row["role"] for row in result if row["role"] is not None}  # type: ignore[index]
        assert roles == {Literal("President", lang="en")}


def test_awkward_literals_survive_every_tabular_format(client) -> None:  # type: ignore[no-untyped-def]
    q = f"PREFIX ng: <{NG}> SELECT ?t WHERE {{ <{A2}> ng:title ?t }}"
    expected = "<script>alert('x')</script> \"quoted\", with comma\tand tab\nand newline"
    js = client.get("/sparql", query_string={"query": q, "format": "json"})
    assert bindings(js) == [{"t": expected}]
    xml = client.get("/sparql", query_string={"query": q, "format": "xml"})
    assert str(next(iter(Result.parse(io.BytesIO(xml.data), format="xml")))[0]) == expected  # type: ignore[index]
    raw_csv = client.get("/sparql", query_string={"query": q, "format": "csv"}).data.decode()
    rows = list(csv.reader(io.StringIO(raw_csv, newline="")))
    assert rows == [["t"], [expected]]
    tsv = client.get("/sparql", query_string={"query": q, "format": "tsv"}).data.decode()
    lines = tsv.split("\n")
    assert lines[0] == "?t" and "\t" not in lines[1] and len([ln for ln in lines if ln]) == 2
    parsed = ox.parse_query_results(tsv.encode(), ox.QueryResultsFormat.TSV)
    assert next(iter(parsed))["t"].value == expected  # type: ignore[index]


def test_ask_answers_json_or_xml(client) -> None:  # type: ignore[no-untyped-def]
    q = f"ASK {{ <{XI}> ?p ?o }}"
    js = client.get("/sparql", query_string={"query": q})
    assert js.mimetype == "application/sparql-results+json" and json.loads(js.data)["boolean"] is True
    xml = client.get(
        "/sparql", query_string={"query": q}, headers={"Accept": "application/sparql-results+xml"}
    )
    assert Result.parse(io.BytesIO(xml.data), format="xml").askAnswer is True
    # CSV has no boolean form: a client asking for it gets the default, JSON.
    csv_resp = client.get("/sparql", query_string={"query": q}, headers={"Accept": "text/csv"})
    assert csv_resp.mimetype == "application/sparql-results+json"
    assert client.get("/sparql", query_string={"query": q, "format": "csv"}).status_code == 406


@pytest.mark.parametrize(
    ("name", "media_type", "rdflib_format"),
    [
        ("turtle", "text/turtle", "turtle"),
        ("nt", "application/n-triples", "nt"),
        ("rdfxml", "application/rdf+xml", "xml"),
        ("jsonld", "application/ld+json", "json-ld"),
        ("trig", "application/trig", "trig"),
        ("nquads", "application/n-quads", "nquads"),
    ],
)
def test_construct_in_every_rdf_format(  # type: ignore[no-untyped-def]
    client, name: str, media_type: str, rdflib_format: str
) -> None:
    q = f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{A1}> {{ ?s ?p ?o }} }}"
    expected = Graph()
    expected.parse(data=client.get("/sparql", query_string={"query": q, "format": "nt"}).data, format="nt")
    assert len(expected) == 11
    by_accept = client.get("/sparql", query_string={"query": q}, headers={"Accept": media_type})
    by_name = client.get("/sparql", query_string={"query": q, "format": name})
    for resp in (by_accept, by_name):
        assert resp.status_code == 200 and resp.mimetype == media_type
        if rdflib_format in ("trig", "nquads"):
            from rdflib import Dataset

            ds = Dataset()
            ds.parse(data=resp.data, format=rdflib_format)
            got = Graph()
            for s, p, o, _ in ds.quads((None, None, None, None)):
                got.add((s, p, o))
        else:
            got = Graph().parse(data=resp.data, format=rdflib_format)
        assert isomorphic(got, expected)


def test_describe_defaults_to_turtle(client) -> None:  # type: ignore[no-untyped-def]
    resp = client.get("/sparql", query_string={"query": f"DESCRIBE <{XI}>"})
    assert resp.mimetype == "text/turtle"
    g = Graph().parse(data=resp.data, format="turtle")
    assert (URIRef(XI), URIRef(NG + "name"), Literal("Xi Jinping")) in g


def test_unacceptable_type_is_406_with_the_alternatives(client) -> None:  # type: ignore[no-untyped-def]
    resp = client.get("/sparql", query_string={"query": SELECT_TITLES}, headers={"Accept": "image/png"})
    assert resp.status_code == 406
    resp = client.get(
        "/sparql",
        query_string={"query": SELECT_TITLES, "format": "turtle"},
        headers={"Accept": "application/json"},
    )
    assert resp.status_code == 406 and b"text/csv" in resp.data
    # A SPARQL client asking for the other kind of answer gets this query's default.
    construct = client.get(
        "/sparql",
        query_string={"query": "CONSTRUCT WHERE { ?s ?p ?o }"},
        headers={"Accept": "application/sparql-results+json"},
    )
    assert construct.status_code == 200 and construct.mimetype == "text/turtle"


# -- errors ----------------------------------------------------------------------------------


def test_bad_query_is_400_with_the_position(client) -> None:  # type: ignore[no-untyped-def]
    resp = client.get(
        "/sparql", query_string={"query": "SELECT * WHERE { ?s ?p "}, headers={"Accept": "application/json"}
    )
    assert resp.status_code == 400
    body = json.loads(resp.data)
    assert "does not parse" in body["message"] and "1:" in body["message"]
    assert len(body["message"]) < 500


@pytest.mark.parametrize(
    ("kwargs", "status"),
    [
        ({"method": "GET", "query_string": "query=ASK%7B%7D&query=ASK%7B%7D"}, 400),
        ({"method": "POST", "data": b"ASK {}", "content_type": "text/plain"}, 415),
        ({"method": "POST", "data": b"query=ASK%20%7B%7D"}, 415),
        (
            {
                "method": "POST",
                "data": "ASK {}".encode("utf-16"),
                "content_type": "application/sparql-query; charset=UTF-16",
            },
            415,
        ),
        ({"method": "POST", "data": b"ASK { \xff }", "content_type": "application/sparql-query"}, 400),
        ({"method": "POST", "data": b"CLEAR ALL", "content_type": "application/sparql-update"}, 415),
        ({"method": "POST", "data": {"update": "CLEAR ALL"}}, 400),
        ({"method": "GET", "query_string": "update=CLEAR%20ALL"}, 400),
        ({"method": "PUT", "query_string": "query=ASK%7B%7D"}, 405),
        ({"method": "POST", "data": {"other": "x"}}, 400),
        ({"method": "GET", "query_string": "query=ASK%7B%7D&timeout=abc"}, 400),
        ({"method": "GET", "query_string": "query=ASK%7B%7D&default-graph-uri=not%20an%20iri"}, 400),
    ],
)
def test_protocol_errors_are_4xx(client, kwargs, status: int) -> None:  # type: ignore[no-untyped-def]
    before = client.get(
        "/sparql", query_string={"query": "SELECT (COUNT(*) AS ?n) { GRAPH ?g { ?s ?p ?o } }"}
    )
    resp = client.open("/sparql", **kwargs)
    assert resp.status_code == status, resp.data
    after = client.get("/sparql", query_string={"query": "SELECT (COUNT(*) AS ?n) { GRAPH ?g { ?s ?p ?o } }"})
    assert bindings(before) == bindings(after)  # nothing changed, nothing cleared


def test_query_over_the_size_cap_is_413(app) -> None:  # type: ignore[no-untyped-def]
    small = app_with_sample({"max_query_bytes": 100})
    resp = small.test_client().post("/sparql", data={"query": "ASK {}" + " " * 200})
    assert resp.status_code == 413


# -- truncation --------------------------------------------------------------------------------


def test_a_cut_answer_says_so() -> None:
    client = app_with_sample({"result_limit": 2}).test_client()
    q = f"PREFIX ng: <{NG}> SELECT ?n WHERE {{ ?s ng:name ?n }}"
    resp = client.get("/sparql", query_string={"query": q})
    assert resp.headers["X-Newsgraph-Truncated"] == "true"
    assert len(bindings(resp)) == 2
    page = client.get("/sparql", query_string={"query": q}, headers={"Accept": "text/html"})
    assert page.headers["X-Newsgraph-Truncated"] == "true"
    assert b'id="truncated"' in page.data
    graph = client.get("/sparql", query_string={"query": "CONSTRUCT WHERE { ?s ?p ?o }", "format": "nt"})
    assert graph.headers["X-Newsgraph-Truncated"] == "true"
    assert len([ln for ln in graph.data.decode().splitlines() if ln.strip()]) == 2


def test_an_answer_exactly_at_the_limit_is_not_marked() -> None:
    client = app_with_sample({"result_limit": 3}).test_client()
    q = f"PREFIX ng: <{NG}> SELECT ?n WHERE {{ ?s ng:name ?n }}"
    resp = client.get("/sparql", query_string={"query": q})
    assert len(bindings(resp)) == 3
    assert "X-Newsgraph-Truncated" not in resp.headers


# -- service description and pages ------------------------------------------------------------


def test_service_description_by_negotiation(client) -> None:  # type: ignore[no-untyped-def]
    sd = "http://www.w3.org/ns/sparql-service-description#"
    for accept, fmt in (("text/turtle", "turtle"), ("application/rdf+xml", "xml"), ("", "turtle")):
        resp = client.get("/sparql", headers={"Accept": accept} if accept else {})
        assert resp.status_code == 200
        g = Graph().parse(data=resp.data, format=fmt)
        assert (None, URIRef(sd + "endpoint"), URIRef("http://localhost/sparql")) in g
        assert (None, URIRef(sd + "feature"), URIRef(sd + "UnionDefaultGraph")) in g


def test_query_page_for_a_browser(client) -> None:  # type: ignore[no-untyped-def]
    resp = client.get("/sparql", headers={"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"})
    assert resp.status_code == 200 and resp.mimetype == "text/html"
    assert b'<textarea id="query" name="query"' in resp.data
    assert b'<form id="query-form" method="get"' in resp.data
    assert "script-src 'self'" in resp.headers["Content-Security-Policy"]
    for title, _ in EXAMPLES:
        assert title.encode() in resp.data


def test_results_table_escapes_everything(client) -> None:  # type: ignore[no-untyped-def]
    q = f"PREFIX ng: <{NG}> SELECT ?a ?t WHERE {{ ?a ng:title ?t }}"
    resp = client.get("/sparql", query_string={"query": q}, headers={"Accept": "text/html"})
    page = resp.data.decode()
    assert "<script>alert" not in page
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" in page
    assert f'<a href="{A1}">' in page
    assert "2 rows" in page


def test_javascript_iris_are_not_links(client) -> None:  # type: ignore[no-untyped-def]
    q = 'SELECT ?x { BIND(IRI("javascript:alert(1)") AS ?x) }'
    page = client.get("/sparql", query_string={"query": q}, headers={"Accept": "text/html"}).data.decode()
    assert "javascript:alert(1)" in page and 'href="javascript:' not in page


def test_bad_query_in_the_browser_shows_the_editor_with_the_message(client) -> None:  # type: ignore[no-untyped-def]
    resp = client.get("/sparql", query_string={"query": "SELECT <oops"}, headers={"Accept": "text/html"})
    assert resp.status_code == 400
    assert b'id="error"' in resp.data and b"SELECT &lt;oops" in resp.data


@pytest.mark.parametrize(("title", "query"), EXAMPLES)
def test_example_queries_run(client, title: str, query: str) -> None:  # type: ignore[no-untyped-def]
    resp = client.get("/sparql", query_string={"query": query})
    assert resp.status_code == 200, (title, resp.data)


def test_example_links_carry_the_query(client) -> None:  # type: ignore[no-untyped-def]
    import html
    import re

    page = client.get("/sparql", headers={"Accept": "text/html"}).data.decode()
    hrefs = [html.unescape(h) for h in re.findall(r'class="run-example" href="([^"]+)"', page)]
    queries = [urllib.parse.parse_qs(urllib.parse.urlsplit(h).query)["query"][0] for h in hrefs]
    assert queries == [q for _, q in EXAMPLES]


def test_static_assets_are_served(client) -> None:  # type: ignore[no-untyped-def]
    assert client.get("/static/sparql/query.js").status_code == 200
    assert client.get("/static/sparql/query.css").status_code == 200


# -- CORS ----------------------------------------------------------------------------------------


def test_cors_wildcard_never_with_credentials(client) -> None:  # type: ignore[no-untyped-def]
    resp = client.get("/sparql", query_string={"query": "ASK {}"}, headers={"Origin": "https://app.example"})
    assert resp.headers["Access-Control-Allow-Origin"] == "*"
    assert "Access-Control-Allow-Credentials" not in resp.headers
    pre = client.options(
        "/sparql",
        headers={
            "Origin": "https://app.example",
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "Content-Type",
        },
    )
    assert pre.status_code == 200
    assert "POST" in pre.headers["Access-Control-Allow-Methods"]
    assert "Content-Type" in pre.headers["Access-Control-Allow-Headers"]
    assert "Access-Control-Allow-Credentials" not in pre.headers


def test_cors_with_a_list_of_origins() -> None:
    client = app_with_sample({"cors_origins": "https://a.example, https://b.example"}).test_client()
    ok = client.get("/sparql", query_string={"query": "ASK {}"}, headers={"Origin": "https://b.example"})
    assert ok.headers["Access-Control-Allow-Origin"] == "https://b.example"
    assert "Origin" in ok.headers["Vary"]
    other = client.get(
        "/sparql", query_string={"query": "ASK {}"}, headers={"Origin": "https://evil.example"}
    )
    assert "Access-Control-Allow-Origin" not in other.headers


def test_example_data_is_what_the_tests_think(client) -> None:  # type: ignore[no-untyped-def]
    # Guards the fixture itself: the counts above rely on two graphs and no default-graph data.
    # (The server's own summary index graph, urn:x-newsgraph:index, is not example data.)
    q = ("SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } FILTER (?g != <urn:x-newsgraph:index>) } "
         "GROUP BY ?g ORDER BY ?g")
    assert bindings(client.get("/sparql", query_string={"query": q})) == [
        {"g": A1, "n": "11"},
        {"g": A2, "n": "6"},
    ]
    assert BASE in A1
