"""Writes: the article API, the Graph Store Protocol and SPARQL Update, all behind the bearer token."""

from __future__ import annotations

import json

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.compare import isomorphic

from newsgraph.server import create_app
from newsgraph.store import open_store
from sparql_support import A1, A2, BASE, NG, app_with_sample

TOKEN = "s3cret-token"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
ARTICLE = (
    "BEIJING, May 16 (Xinhua) -- Chinese President Xi Jinping held talks with Russian President "
    "Vladimir Putin in Beijing on Thursday. The two heads of state signed a joint statement."
)
PERSON_TTL = """@prefix foaf: <http://xmlns.com/foaf/0.1/> .
<http://example.org/p/1> a foaf:Person ; foaf:name "Ada" ; foaf:knows [ foaf:name "Bob" ] .
"""


@pytest.fixture
def store():  # type: ignore[no-untyped-def]
    return open_store(":memory:")


@pytest.fixture
def client(store):  # type: ignore[no-untyped-def]
    return app_with_sample({"write_token": TOKEN}, store=store).test_client()


def count(store, graph: str | None = None) -> int:  # type: ignore[no-untyped-def]
    return len(store.get_graph(graph)) if graph else sum(1 for _ in store.oxigraph)


# -- authorisation ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("POST", "/update"),
        ("GET", "/update"),
        ("PUT", "/store?default"),
        ("GET", "/store?default"),
        ("POST", "/api/articles"),
        ("DELETE", "/api/articles/abc"),
        ("GET", "/store/x/y"),
    ],
)
def test_without_a_configured_token_the_write_endpoints_do_not_exist(method: str, path: str) -> None:
    client = app_with_sample().test_client()
    resp = client.open(path, method=method, headers=AUTH, data=b"x", content_type="text/plain")
    assert resp.status_code == 404


@pytest.mark.parametrize(
    "headers",
    [
        {},
        {"Authorization": "Bearer wrong"},
        {"Authorization": TOKEN},
        {"Authorization": f"Basic {TOKEN}"},
        {"Authorization": "Bearer "},
    ],
)
def test_missing_or_wrong_token_is_401_and_changes_nothing(client, store, headers) -> None:  # type: ignore[no-untyped-def]
    before = count(store)
    for method, path, body, ctype in [
        ("POST", "/update", b"CLEAR ALL", "application/sparql-update"),
        ("PUT", "/store?default", PERSON_TTL.encode(), "text/turtle"),
        ("DELETE", f"/store?graph={A1}", b"", None),
        ("POST", "/api/articles", ARTICLE.encode(), "text/plain"),
        ("DELETE", "/api/articles/a1", b"", None),
        ("GET", "/store?default", b"", None),
    ]:
        resp = client.open(path, method=method, data=body, content_type=ctype, headers=headers)
        assert resp.status_code == 401, (method, path, resp.data)
        assert resp.headers["WWW-Authenticate"].startswith("Bearer")
    assert count(store) == before


def test_token_comparison_is_constant_time() -> None:
    import inspect

    from newsgraph.server import security

    assert "hmac.compare_digest" in inspect.getsource(security.require_writer)


# -- Graph Store Protocol ---------------------------------------------------------------------


def test_gsp_put_get_post_delete_on_a_named_graph(client) -> None:  # type: ignore[no-untyped-def]
    g = "http://example.org/graphs/people"
    put = client.put(
        "/store", query_string={"graph": g}, data=PERSON_TTL, content_type="text/turtle", headers=AUTH
    )
    assert put.status_code == 201
    again = client.put(
        "/store", query_string={"graph": g}, data=PERSON_TTL, content_type="text/turtle", headers=AUTH
    )
    assert again.status_code == 204
    got = client.get("/store", query_string={"graph": g}, headers={**AUTH, "Accept": "text/turtle"})
    assert got.status_code == 200 and got.mimetype == "text/turtle"
    assert isomorphic(
        Graph().parse(data=got.data, format="turtle"), Graph().parse(data=PERSON_TTL, format="turtle")
    )
    head = client.head("/store", query_string={"graph": g}, headers=AUTH)
    assert head.status_code == 200 and head.mimetype == "text/turtle" and head.data == b""
    post = client.post(
        "/store",
        query_string={"graph": g},
        content_type="application/n-triples",
        data='<http://example.org/p/1> <http://xmlns.com/foaf/0.1/age> "36" .\n',
        headers=AUTH,
    )
    assert post.status_code == 204
    merged = Graph().parse(
        data=client.get("/store", query_string={"graph": g}, headers=AUTH).data, format="turtle"
    )
    assert len(merged) == 5  # four put, one posted
    assert client.delete("/store", query_string={"graph": g}, headers=AUTH).status_code == 204
    assert client.get("/store", query_string={"graph": g}, headers=AUTH).status_code == 404
    assert client.delete("/store", query_string={"graph": g}, headers=AUTH).status_code == 404


def test_gsp_default_graph_is_the_real_default_graph(client, store) -> None:  # type: ignore[no-untyped-def]
    # The real default graph holds the union of the article graphs.
    before = client.get("/store?default", headers={**AUTH, "Accept": "application/n-triples"})
    assert (URIRef(A1), None, None) in Graph().parse(data=before.data, format="nt")
    assert client.put(
        "/store?default", data=PERSON_TTL, content_type="text/turtle", headers=AUTH
    ).status_code in (200, 204)
    got = client.get("/store?default", headers={**AUTH, "Accept": "application/n-triples"})
    assert len(Graph().parse(data=got.data, format="nt")) == 4
    assert count(store, A1) == 11  # article graphs untouched
    # The public endpoint reads the real default graph.
    q = "PREFIX foaf: <http://xmlns.com/foaf/0.1/> SELECT ?n WHERE { ?p foaf:name ?n } ORDER BY ?n"
    rows = json.loads(client.get("/sparql", query_string={"query": q}).data)["results"]["bindings"]
    assert [r["n"]["value"] for r in rows] == ["Ada", "Bob"]
    assert client.delete("/store?default", headers=AUTH).status_code == 204
    assert (
        client.get("/store?default", headers={**AUTH, "Accept": "application/n-triples"}).data.strip() == b""
    )


def test_gsp_direct_identification_and_graph_creation(client) -> None:  # type: ignore[no-untyped-def]
    put = client.put("/store/people/1.ttl", data=PERSON_TTL, content_type="text/turtle", headers=AUTH)
    assert put.status_code == 201
    indirect = client.get(
        "/store", query_string={"graph": "http://localhost/store/people/1.ttl"}, headers=AUTH
    )
    assert indirect.status_code == 200
    created = client.post("/store", data=PERSON_TTL, content_type="text/turtle", headers=AUTH)
    assert created.status_code == 201
    location = created.headers["Location"]
    assert location.startswith("http://localhost/store/")
    assert client.get(location.replace("http://localhost", ""), headers=AUTH).status_code == 200
    assert client.get("/store", query_string={"graph": location}, headers=AUTH).status_code == 200


def test_gsp_multipart_post_merges_every_part(client) -> None:  # type: ignore[no-untyped-def]
    import io

    g = "http://example.org/graphs/multi"
    data = {
        "a": (io.BytesIO(b'<http://x/s> <http://x/p> "1" .\n'), "a.nt", "application/n-triples"),
        "b": (io.BytesIO(b'<http://x/s> <http://x/q> "2" .'), "b.ttl", "application/octet-stream"),
    }
    resp = client.post(
        "/store", query_string={"graph": g}, data=data, content_type="multipart/form-data", headers=AUTH
    )
    assert resp.status_code == 201
    got = Graph().parse(
        data=client.get("/store", query_string={"graph": g}, headers=AUTH).data, format="turtle"
    )
    assert len(got) == 2


def test_gsp_whole_dataset_as_nquads(client) -> None:  # type: ignore[no-untyped-def]
    resp = client.get("/store", headers={**AUTH, "Accept": "application/n-quads"})
    assert resp.status_code == 200 and resp.mimetype == "application/n-quads"
    assert A1.encode() in resp.data and A2.encode() in resp.data


@pytest.mark.parametrize(
    ("kwargs", "status"),
    [
        (
            {
                "method": "PUT",
                "query_string": {"graph": A1},
                "data": "<a> <b> .",
                "content_type": "text/turtle",
            },
            400,
        ),
        ({"method": "PUT", "query_string": {"graph": A1}, "data": "x", "content_type": "image/png"}, 415),
        ({"method": "PUT", "query_string": {"graph": A1}, "data": "x"}, 415),
        (
            {
                "method": "PUT",
                "query_string": {"graph": "not an iri"},
                "data": "",
                "content_type": "text/turtle",
            },
            400,
        ),
        (
            {
                "method": "PUT",
                "query_string": {"graph": A1, "default": ""},
                "data": "",
                "content_type": "text/turtle",
            },
            400,
        ),
        (
            {
                "method": "PUT",
                "query_string": {"graph": A1},
                "content_type": "application/n-quads",
                "data": "<http://a> <http://b> <http://c> <http://g> .",
            },
            400,
        ),
        ({"method": "PUT", "data": "", "content_type": "text/turtle"}, 400),
        ({"method": "DELETE"}, 400),
        (
            {
                "method": "PUT",
                "query_string": {"graph": A1},
                "content_type": "application/rdf+xml",
                "data": "<rdf:RDF xmlns:rdf='http://www.w3.org/1999/02/22-rdf-syntax-ns#'><rdf:Description",
            },
            400,
        ),
    ],
)
def test_gsp_bad_requests_store_nothing(client, store, kwargs, status: int) -> None:  # type: ignore[no-untyped-def]
    before = sorted(str(q) for q in store.oxigraph)
    resp = client.open("/store", headers=AUTH, **kwargs)
    assert resp.status_code == status, resp.data
    assert sorted(str(q) for q in store.oxigraph) == before


# -- SPARQL Update ------------------------------------------------------------------------------


def test_update_by_form_and_direct(client, store) -> None:  # type: ignore[no-untyped-def]
    form = client.post(
        "/update", data={"update": 'INSERT DATA { <http://x/a> <http://x/p> "form" }'}, headers=AUTH
    )
    assert form.status_code == 204
    direct = client.post(
        "/update",
        data='INSERT DATA { GRAPH <http://x/g> { <http://x/a> <http://x/p> "direct" } }',
        content_type="application/sparql-update",
        headers=AUTH,
    )
    assert direct.status_code == 204
    assert count(store, "http://x/g") == 1


def test_update_using_graph_uri_limits_the_where_clause(client, store) -> None:  # type: ignore[no-untyped-def]
    upd = (
        f"PREFIX ng: <{NG}> INSERT {{ GRAPH <http://x/out> {{ ?a a ng:Seen }} }} WHERE {{ ?a a ng:Article }}"
    )
    resp = client.post(
        "/update",
        query_string={"using-graph-uri": A2},
        data=upd,
        content_type="application/sparql-update",
        headers=AUTH,
    )
    assert resp.status_code == 204
    out = store.get_graph("http://x/out")
    assert set(out.subjects()) == {URIRef(A2)}
    delete_where = client.post(
        "/update",
        query_string={"using-named-graph-uri": A1},
        data="DELETE WHERE { GRAPH ?g { ?s <http://nothing> ?o } }",
        content_type="application/sparql-update",
        headers=AUTH,
    )
    assert delete_where.status_code == 204


def test_update_dataset_conflict_and_syntax_errors(client, store) -> None:  # type: ignore[no-untyped-def]
    before = count(store)
    conflict = client.post(
        "/update",
        query_string={"using-graph-uri": A1},
        data=f"WITH <{A1}> DELETE {{ ?s ?p ?o }} WHERE {{ ?s ?p ?o }}",
        content_type="application/sparql-update",
        headers=AUTH,
    )
    assert conflict.status_code == 400
    bad = client.post("/update", data={"update": "CLEAR ALL ; INSERT DATA { <a> }"}, headers=AUTH)
    assert bad.status_code == 400
    message = json.loads(bad.data)["message"]
    assert "1:" in message  # the position is the client's, not shifted by our BASE line
    assert (
        client.post("/update", data={"update": "CLEAR ALL", "query": "ASK {}"}, headers=AUTH).status_code
        == 400
    )
    assert (
        client.post("/update", data=b"CLEAR ALL", content_type="text/plain", headers=AUTH).status_code == 415
    )
    assert client.get("/update", query_string={"update": "CLEAR ALL"}, headers=AUTH).status_code == 405
    assert count(store) == before


def test_update_base_is_the_endpoint(client, store) -> None:  # type: ignore[no-untyped-def]
    client.post(
        "/update", data={"update": "INSERT DATA { GRAPH <http://x/b> { <s> <p> <o> } }"}, headers=AUTH
    )
    ((s, _, _),) = store.get_graph("http://x/b")
    assert str(s) == "http://localhost/s"


def test_load_is_refused_unless_allow_listed(client, store) -> None:  # type: ignore[no-untyped-def]
    resp = client.post("/update", data={"update": "LOAD <http://127.0.0.1:9/data.ttl>"}, headers=AUTH)
    assert resp.status_code == 403
    assert "allow-list" in json.loads(resp.data)["message"]


def test_query_sees_its_own_writes(client) -> None:  # type: ignore[no-untyped-def]
    client.post(
        "/update",
        data={"update": 'INSERT DATA { GRAPH <http://x/new> { <http://x/n> <http://x/p> "v" } }'},
        headers=AUTH,
    )
    resp = client.get(
        "/sparql", query_string={"query": 'ASK { GRAPH <http://x/new> { <http://x/n> <http://x/p> "v" } }'}
    )
    assert json.loads(resp.data)["boolean"] is True
    # /update is low-level: the default graph (the union) is not re-derived by it.
    resp = client.get("/sparql", query_string={"query": 'ASK { <http://x/n> <http://x/p> "v" }'})
    assert json.loads(resp.data)["boolean"] is False


# -- the article API -------------------------------------------------------------------------------


def _integers(graph: Graph) -> Graph:
    from rdflib.namespace import XSD

    subtypes = {XSD.nonNegativeInteger, XSD.positiveInteger, XSD.int, XSD.long, XSD.short}
    out = Graph()
    for s, p, o in graph:
        if isinstance(o, Literal) and o.datatype in subtypes:
            o = Literal(str(o), datatype=XSD.integer)
        out.add((s, p, o))
    return out


def _shapes_available() -> bool:
    try:
        from newsgraph.shapes import validate  # noqa: F401
    except ImportError:
        return False
    return True


needs_shapes = pytest.mark.skipif(not _shapes_available(), reason="newsgraph.shapes.validate not there yet")


@needs_shapes
def test_post_article_stores_its_graph_and_answers_with_its_uri(client, store) -> None:  # type: ignore[no-untyped-def]
    resp = client.post("/api/articles", data=ARTICLE, content_type="text/plain", headers=AUTH)
    assert resp.status_code == 201, resp.data
    iri = resp.headers["Location"]
    assert iri.startswith(f"{BASE}/id/article/")
    body = json.loads(resp.data)
    assert body["article"] == iri and body["triples"] == count(store, iri) > 0
    from newsgraph.converters import convert

    expected = convert(ARTICLE, base=BASE, input_format="text", name="the request body").graph
    # Oxigraph stores xsd:integer subtypes (nonNegativeInteger...) as xsd:integer.
    assert isomorphic(_integers(store.get_graph(iri)), _integers(expected))
    assert (URIRef(iri), None, None) in store.get_graph(iri)
    replaced = client.post("/api/articles", data=ARTICLE, content_type="text/plain", headers=AUTH)
    assert replaced.status_code == 200 and json.loads(replaced.data)["replaced"] is True
    key = iri.rsplit("/", 1)[1]
    assert client.delete(f"/api/articles/{key}", headers=AUTH).status_code == 204
    assert not store.has_graph(iri)
    assert client.delete(f"/api/articles/{key}", headers=AUTH).status_code == 404


@needs_shapes
def test_post_article_as_html_and_json_and_delete_by_uri(client, store) -> None:  # type: ignore[no-untyped-def]
    html_body = (
        f"<html><head><title>Talks</title></head><body><article><p>{ARTICLE}</p></article></body></html>"
    )
    by_html = client.post("/api/articles", data=html_body, content_type="text/html", headers=AUTH)
    assert by_html.status_code in (200, 201), by_html.data
    by_json = client.post(
        "/api/articles",
        data=json.dumps({"title": "Talks", "text": ARTICLE, "url": "https://news.example/a/1"}),
        content_type="application/json",
        headers=AUTH,
    )
    assert by_json.status_code == 201, by_json.data
    iri = by_json.headers["Location"]
    assert client.delete("/api/articles", query_string={"uri": iri}, headers=AUTH).status_code == 204
    assert not store.has_graph(iri)


@pytest.mark.parametrize(
    ("data", "ctype", "status"),
    [
        (b"", "text/plain", 422),
        (b"\x89PNG\r\n", "image/png", 415),
        (b"{not json", "application/json", 422),
        (b"x", None, 415),
    ],
)
def test_post_article_refusals_store_nothing(client, store, data, ctype, status) -> None:  # type: ignore[no-untyped-def]
    before = count(store)
    resp = client.post("/api/articles", data=data, content_type=ctype, headers=AUTH)
    assert resp.status_code == status, resp.data
    assert count(store) == before


def test_delete_article_by_a_foreign_uri_is_404(client) -> None:  # type: ignore[no-untyped-def]
    resp = client.delete(
        "/api/articles", query_string={"uri": "http://elsewhere.example/id/article/x"}, headers=AUTH
    )
    assert resp.status_code == 404
    assert client.delete("/api/articles", headers=AUTH).status_code == 400


@needs_shapes
def test_shacl_report_as_json_from_real_shapes() -> None:
    from newsgraph.server.write import shacl_report_json
    from newsgraph.shapes import validate

    bad = Graph(identifier=URIRef(A1))
    bad.add((URIRef(A1), URIRef("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"), URIRef(NG + "Article")))
    bad.add((URIRef(A1), URIRef(NG + "title"), Literal(42)))
    report = shacl_report_json(validate(bad))
    assert report["conforms"] is False
    assert report["results"], report
    json.dumps(report)


def test_app_without_token_still_serves_queries() -> None:
    app = create_app({"store": ":memory:"})
    assert app.test_client().get("/sparql", query_string={"query": "ASK {}"}).status_code == 200
