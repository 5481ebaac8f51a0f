"""Hostile input over the HTTP layer (Hypothesis): no 5xx, no crash, nothing stored from a refused request.

Random paths, methods, Accept headers, query strings, malformed SPARQL and RDF
bodies go through the whole WSGI application (Flask's test client).  For every
request a write endpoint refuses, the store must hold exactly what it held
before.  The number of generated requests is printed at the end of each test;
docs/security.md records a run.
"""

from __future__ import annotations

import string
import urllib.parse
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sparql_support import A1, NG, app_with_sample

TOKEN = "fuzz-token"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
COUNTS: dict[str, int] = {}

APP = app_with_sample({"write_token": TOKEN, "result_limit": 50, "query_timeout": 5})
CLIENT = APP.test_client()
STORE = APP.extensions["newsgraph"].store

PATHS = ["/sparql", "/update", "/store", "/store/x/y.ttl", "/api/articles", "/api/articles/abc",
         "/id/article/a1", "/doc/article/a1", "/data/article/a1.ttl", "/", "/.well-known/void",
         "/static/sparql/query.js", "/nope"]
MEDIA = ["text/turtle", "application/n-triples", "application/rdf+xml", "application/ld+json",
         "application/trig", "application/n-quads", "text/html", "application/sparql-results+json",
         "application/sparql-results+xml", "text/csv", "text/tab-separated-values", "*/*", "text/*",
         "application/sparql-query", "application/sparql-update", "application/x-www-form-urlencoded",
         "multipart/form-data", "text/plain", "application/json", "image/png"]
SPARQL_BITS = ["SELECT", "ASK", "CONSTRUCT", "DESCRIBE", "WHERE", "{", "}", "?s", "?p", "?o", ".", "(", ")",
               "GRAPH", f"<{A1}>", "<rel>", "FILTER", "OPTIONAL", "UNION", "LIMIT 3", "ORDER BY ?s", "*",
               "SERVICE", "<http://127.0.0.1:9/sparql>", "FROM", "FROM NAMED", f"PREFIX ng: <{NG}>",
               "ng:title", '"x"', "'y'@en", '"""z"""', "1", "2.5e3", "COUNT(*)", "AS", "?n", "GROUP BY",
               "VALUES ?s { <a> }", "BIND(1 AS ?x)", "#", "\n", "INSERT DATA", "DELETE", "CLEAR ALL",
               "LOAD", "DROP", "WITH", "USING", "\\u0041", "<<", ">>", "_:b", "a", ";", ","]
RDF_BITS = ["<http://x/s>", "<http://x/p>", '"o"', "_:b", ".", ";", ",", "@prefix x: <http://x/> .", "x:a",
            "[", "]", "(", ")", "a", "\n", "<rel>", '"bad', "GRAPH", "{", "}", "<rdf:RDF>", '{"@id":"x"}',
            "@base <http://b/> .", "1", "true", "\\"]

texts = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=60)
header_text = st.text(alphabet=string.printable.replace("\r", "").replace("\n", ""), max_size=60)


def sparql_like() -> st.SearchStrategy[str]:
    return st.lists(st.one_of(st.sampled_from(SPARQL_BITS), texts), max_size=25).map(" ".join)


def rdf_like() -> st.SearchStrategy[str]:
    return st.lists(st.one_of(st.sampled_from(RDF_BITS), texts), max_size=25).map(" ".join)


query_params = st.dictionaries(
    st.one_of(st.sampled_from(["query", "update", "format", "output", "timeout", "default-graph-uri",
                               "named-graph-uri", "graph", "default", "uri", "using-graph-uri"]), texts),
    st.one_of(sparql_like(), texts, st.sampled_from(["json", "xml", "csv", "turtle", "html", "-1", "1e9"])),
    max_size=4,
)


def snapshot() -> list[str]:
    return sorted(str(q) for q in STORE.oxigraph)


def check(resp: Any, kind: str, before: list[str] | None = None) -> None:
    COUNTS[kind] = COUNTS.get(kind, 0) + 1
    assert resp.status_code < 500, (resp.status_code, resp.data[:500])
    if before is not None and resp.status_code >= 400:
        assert snapshot() == before, "a refused request changed the store"


COMMON = settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@COMMON
@given(
    method=st.sampled_from(["GET", "POST", "PUT", "DELETE", "HEAD", "OPTIONS", "PATCH"]),
    path=st.one_of(
        st.sampled_from(PATHS),
        # A leading "//" would be read by the test client as a host name, not a path.
        texts.map(lambda t: "/" + urllib.parse.quote(t, safe="/:@!$&'()*+,;=").lstrip("/")),
        st.tuples(st.sampled_from(PATHS), texts).map(
            lambda p: p[0].rstrip("/") + "/" + urllib.parse.quote(p[1]).lstrip("/")
        ),
    ),
    params=query_params,
    accept=st.one_of(st.none(), st.sampled_from(MEDIA), header_text),
    origin=st.one_of(st.none(), st.just("https://app.example"), header_text),
)
def test_random_requests_never_fail_the_server(method, path, params, accept, origin) -> None:  # type: ignore[no-untyped-def]
    headers = {k: v for k, v in (("Accept", accept), ("Origin", origin)) if v is not None}
    before = snapshot()
    resp = CLIENT.open(path, method=method, query_string=params, headers=headers)
    # Without the token nothing may change, whatever the answer.
    assert snapshot() == before
    check(resp, "random requests")


@COMMON
@given(
    query=sparql_like(),
    how=st.sampled_from(["get", "form", "direct"]),
    accept=st.one_of(st.none(), st.sampled_from(MEDIA)),
    fmt=st.one_of(st.none(), st.sampled_from(["json", "xml", "csv", "tsv", "turtle", "jsonld", "html", "x"])),
)
def test_malformed_sparql_is_a_clean_4xx(query, how, accept, fmt) -> None:  # type: ignore[no-untyped-def]
    headers = {"Accept": accept} if accept else {}
    extra = {"format": fmt} if fmt else {}
    if how == "get":
        resp = CLIENT.get("/sparql", query_string={"query": query, **extra}, headers=headers)
    elif how == "form":
        resp = CLIENT.post("/sparql", data={"query": query, **extra}, headers=headers)
    else:
        resp = CLIENT.post("/sparql", query_string=extra, data=query.encode("utf-8", "surrogatepass"),
                           content_type="application/sparql-query", headers=headers)
    check(resp, "SPARQL queries")


@COMMON
@given(update=sparql_like(), direct=st.booleans(), using=st.one_of(st.none(), texts))
def test_malformed_updates_change_nothing_when_refused(update, direct, using) -> None:  # type: ignore[no-untyped-def]
    before = snapshot()
    qs = {"using-graph-uri": using} if using is not None else {}
    if direct:
        resp = CLIENT.post("/update", query_string=qs, data=update.encode("utf-8", "surrogatepass"),
                           content_type="application/sparql-update", headers=AUTH)
    else:
        resp = CLIENT.post("/update", query_string=qs, data={"update": update}, headers=AUTH)
    check(resp, "SPARQL updates", before)
    if resp.status_code < 400:  # a random update that is valid may write: put the data back
        STORE.update("DROP ALL")
        from sparql_support import SAMPLE_UPDATE

        STORE.update(SAMPLE_UPDATE)
        CLIENT.post("/update", data={"update": "CLEAR SILENT GRAPH <urn:x:refresh>"}, headers=AUTH)


@COMMON
@given(
    body=st.one_of(rdf_like(), st.binary(max_size=200)),
    ctype=st.one_of(st.none(), st.sampled_from(MEDIA), header_text),
    method=st.sampled_from(["PUT", "POST"]),
    target=st.sampled_from([{"graph": "http://fuzz.example/g"}, {"default": ""}, {"graph": A1}, {}]),
)
def test_malformed_rdf_to_the_graph_store(body, ctype, method, target) -> None:  # type: ignore[no-untyped-def]
    before = snapshot()
    data = body.encode("utf-8", "surrogatepass") if isinstance(body, str) else body
    resp = CLIENT.open(
        "/store", method=method, query_string=target, data=data, content_type=ctype, headers=AUTH
    )
    check(resp, "Graph Store bodies", before)
    if resp.status_code < 400:
        STORE.update("DROP ALL")
        from sparql_support import SAMPLE_UPDATE

        STORE.update(SAMPLE_UPDATE)
        CLIENT.post("/update", data={"update": "CLEAR SILENT GRAPH <urn:x:refresh>"}, headers=AUTH)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    body=st.one_of(texts, st.binary(max_size=300), st.sampled_from(["{}", "[]", '{"text": 1}', "<html>",
                                                                      '{"title": "x", "text": ""}'])),
    ctype=st.sampled_from(["text/plain", "text/html", "application/json", "image/png", "text/turtle"]),
)
def test_malformed_articles_are_refused_cleanly(body, ctype) -> None:  # type: ignore[no-untyped-def]
    before = snapshot()
    data = body.encode("utf-8", "surrogatepass") if isinstance(body, str) else body
    resp = CLIENT.post("/api/articles", data=data, content_type=ctype, headers=AUTH)
    check(resp, "article bodies", before)
    if resp.status_code < 400:
        CLIENT.delete("/api/articles", query_string={"uri": resp.headers["Location"]}, headers=AUTH)


@pytest.fixture(scope="module", autouse=True)
def _report() -> Any:
    yield
    total = sum(COUNTS.values())
    print(f"\nfuzzed HTTP requests: {total} ({', '.join(f'{k}: {v}' for k, v in sorted(COUNTS.items()))})")
