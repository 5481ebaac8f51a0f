"""Dereferencing: 303/200/404/406/304, suffix URLs, HEAD, q-values, paging, provenance.

Driven with Flask's test client over an in-memory Oxigraph store holding the
hand-written article graphs of ld_fixtures.
"""

from __future__ import annotations

import time
from email.utils import format_datetime, parsedate_to_datetime

import pytest
from rdflib import RDF, RDFS, Dataset, Graph, Literal, Namespace, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import FOAF

from ld_fixtures import BASE, CHN, article_graph, fiji_articles, load, path_of
from newsgraph import iris
from newsgraph.ontology.namespace import NG
from newsgraph.server import create_app
from newsgraph.store.embedded import EmbeddedStore

HYDRA = Namespace("http://www.w3.org/ns/hydra/core#")
RDF_FORMATS = {
    "text/turtle": ("ttl", "turtle"),
    "application/ld+json": ("jsonld", "json-ld"),
    "application/rdf+xml": ("rdf", "xml"),
    "application/n-triples": ("nt", "nt"),
    "application/trig": ("trig", "trig"),
    "application/n-quads": ("nq", "nquads"),
}
PAGE_SIZE = 5
FIJI_ARTICLES = 12


@pytest.fixture(scope="module")
def loaded() -> tuple[EmbeddedStore, dict[str, URIRef]]:
    store = EmbeddedStore(None)
    ids = load(store, BASE, fiji=FIJI_ARTICLES)
    return store, ids


@pytest.fixture()
def client(loaded):  # type: ignore[no-untyped-def]
    store, _ = loaded
    app = create_app({"base_uri": BASE, "page_size": PAGE_SIZE}, store=store)
    return app.test_client()


@pytest.fixture(scope="module")
def ids(loaded) -> dict[str, URIRef]:  # type: ignore[no-untyped-def]
    return loaded[1]


def parse(body: bytes, fmt: str, base: str = BASE) -> Graph:
    if fmt in ("trig", "nquads"):
        ds = Dataset()
        ds.parse(data=body, format=fmt, publicID=base)
        g = Graph()
        for s, p, o, _ in ds.quads((None, None, None, None)):
            g.add((s, p, o))
        return g
    g = Graph()
    g.parse(data=body, format=fmt, publicID=base)
    return g


# -- /id: 303 by Accept -------------------------------------------------------------------

ACCEPT_TABLE = [
    # (Accept header, expected target: "doc" or a suffix)
    ("text/html", "doc"),
    ("text/turtle", "ttl"),
    ("application/ld+json", "jsonld"),
    ("application/rdf+xml", "rdf"),
    ("application/n-triples", "nt"),
    ("application/trig", "trig"),
    ("application/n-quads", "nq"),
    (None, "doc"),
    ("*/*", "doc"),
    ("text/*", "doc"),
    ("application/*", "jsonld"),
    ("text/html;q=0.5, text/turtle", "ttl"),
    ("text/turtle;q=0.5, text/html", "doc"),
    ("application/rdf+xml;q=0.3, application/ld+json;q=0.6", "jsonld"),
    ("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", "doc"),
    ("application/json, text/turtle;q=0.1", "ttl"),
    ("image/png, */*;q=0.01", "doc"),
    ("text/turtle;q=0, */*", "doc"),
]


@pytest.mark.parametrize(("accept", "target"), ACCEPT_TABLE)
@pytest.mark.parametrize(
    "kind", ["person", "country", "event", "article", "agreement", "organization", "source"]
)
def test_id_answers_303_by_accept(client, ids, kind, accept, target) -> None:  # type: ignore[no-untyped-def]
    iri = str(ids[kind])
    parsed = iris.parse(BASE, iri)
    assert parsed is not None
    headers = {"Accept": accept} if accept is not None else {}
    r = client.get(path_of(iri), headers=headers)
    assert r.status_code == 303
    location = r.headers["Location"]
    if target == "doc":
        assert location.endswith(iris.doc_path(parsed.kind, parsed.key))
    else:
        assert location.endswith(iris.data_path(parsed.kind, parsed.key, target))
    assert "Accept" in r.headers.get("Vary", "")
    assert 'rel="alternate"' in r.headers["Link"]
    assert r.data == b""
    # The target answers 200 with what was asked for.
    follow = client.get(location, headers=headers)
    assert follow.status_code == 200
    if target == "doc":
        assert follow.mimetype == "text/html"
    else:
        assert follow.mimetype == {v[0]: k for k, v in RDF_FORMATS.items()}[target]


@pytest.mark.parametrize("accept", ["image/png", "application/pdf", "text/turtle;q=0, text/html;q=0"])
def test_nothing_acceptable_is_406_listing_alternatives(client, ids, accept) -> None:  # type: ignore[no-untyped-def]
    r = client.get(path_of(str(ids["person"])), headers={"Accept": accept})
    assert r.status_code == 406
    assert "text/turtle" in r.get_data(as_text=True)
    link = r.headers["Link"]
    assert '/data/person/xi-jinping.ttl>; rel="alternate"; type="text/turtle"' in link
    assert '/doc/person/xi-jinping>; rel="alternate"; type="text/html"' in link


def test_406_body_follows_accept_when_it_can(client, ids) -> None:  # type: ignore[no-untyped-def]
    r = client.get(path_of(str(ids["person"])), headers={"Accept": "application/json;q=0.1, image/png"})
    # application/json is not a representation of the person, but the error can be JSON.
    assert r.status_code == 406
    assert r.mimetype == "application/json"
    assert "text/turtle" in r.get_json()["alternatives"]


@pytest.mark.parametrize(
    "path",
    [
        "/id/person/no-such-person",
        "/id/country/XXX",
        "/id/country/chn",  # keys of countries are upper case
        "/id/country/CHN-no-such-resource-1234",
        "/id/spaceship/enterprise",
        "/id/person/Bad_Key",
        "/doc/person/no-such-person",
        "/data/person/no-such-person.ttl",
        "/data/person/no-such-person",
        "/data/person/xi-jinping.png",
        "/doc/person/xi-jinping.ttl",
        "/id/person/",
    ],
)
def test_unknown_resources_are_404_without_redirect(client, path) -> None:  # type: ignore[no-untyped-def]
    r = client.get(path, headers={"Accept": "text/turtle"})
    assert r.status_code == 404
    assert "Location" not in r.headers


def test_head_follows_the_same_path_without_body(client, ids) -> None:  # type: ignore[no-untyped-def]
    path = path_of(str(ids["country"]))
    g, h = (
        client.get(path, headers={"Accept": "text/turtle"}),
        client.head(path, headers={"Accept": "text/turtle"}),
    )
    assert (
        (g.status_code, g.headers["Location"])
        == (h.status_code, h.headers["Location"])
        == (303, g.headers["Location"])
    )
    gd, hd = client.get(g.headers["Location"]), client.head(g.headers["Location"])
    assert hd.status_code == gd.status_code == 200
    assert hd.data == b""
    assert hd.headers["Content-Type"] == gd.headers["Content-Type"]
    assert hd.headers["ETag"] == gd.headers["ETag"]
    assert client.head("/id/person/nobody").status_code == 404


# -- documents -------------------------------------------------------------------------------


@pytest.mark.parametrize("media_type", list(RDF_FORMATS))
@pytest.mark.parametrize(
    "kind", ["person", "country", "event", "article", "agreement", "organization", "source"]
)
def test_suffix_documents_parse_and_describe_the_thing(client, ids, kind, media_type) -> None:  # type: ignore[no-untyped-def]
    ext, fmt = RDF_FORMATS[media_type]
    parsed = iris.parse(BASE, str(ids[kind]))
    assert parsed is not None
    r = client.get(iris.data_path(parsed.kind, parsed.key, ext))
    assert r.status_code == 200
    assert r.mimetype == media_type
    assert "Vary" not in r.headers or "Accept" not in r.headers["Vary"]
    g = parse(r.data, fmt)
    assert (ids[kind], RDF.type, None) in g
    assert f'<{ids[kind]}>; rel="describes"' in r.headers["Link"]


def test_every_format_carries_the_same_graph(client, ids) -> None:  # type: ignore[no-untyped-def]
    graphs = {}
    doc = URIRef("urn:the-document")
    for media_type, (ext, fmt) in RDF_FORMATS.items():
        r = client.get(f"/data/person/xi-jinping.{ext}")
        # Each document describes itself under its own URL; name them alike to compare the rest.
        own = URIRef(f"{BASE}/data/person/xi-jinping.{ext}")
        g = Graph()
        for t in parse(r.data, fmt):
            g.add(tuple(doc if x == own else x for x in t))  # type: ignore[arg-type]
        graphs[media_type] = g
    reference = graphs.pop("text/turtle")
    assert len(reference) > 20
    for media_type, g in graphs.items():
        assert isomorphic(g, reference), media_type


def test_jsonld_has_an_inline_context(client) -> None:  # type: ignore[no-untyped-def]
    import json

    doc = json.loads(client.get("/data/person/xi-jinping.jsonld").data)
    assert isinstance(doc["@context"], dict)
    assert doc["@context"]["ng"] == iris.NG


def test_negotiated_data_url_names_its_choice(client) -> None:  # type: ignore[no-untyped-def]
    r = client.get("/data/country/CHN", headers={"Accept": "application/rdf+xml"})
    assert r.status_code == 200
    assert r.mimetype == "application/rdf+xml"
    assert r.headers["Content-Location"] == "/data/country/CHN.rdf"
    assert "Accept" in r.headers["Vary"]
    assert client.get("/data/country/CHN", headers={"Accept": "text/html"}).status_code == 406
    default = client.get("/data/country/CHN")
    assert default.mimetype == "text/turtle"


def test_format_parameter_overrides_accept(client) -> None:  # type: ignore[no-untyped-def]
    r = client.get("/id/country/CHN?format=nt", headers={"Accept": "text/html"})
    assert r.status_code == 303
    assert r.headers["Location"].endswith("/data/country/CHN.nt")
    assert client.get("/id/country/CHN?format=html").headers["Location"].endswith("/doc/country/CHN")
    assert client.get("/id/country/CHN?format=docx").status_code == 400


def test_html_document_with_and_without_suffix(client) -> None:  # type: ignore[no-untyped-def]
    a, b = client.get("/doc/country/CHN"), client.get("/doc/country/CHN.html")
    assert a.status_code == b.status_code == 200
    assert a.mimetype == "text/html"
    assert a.data == b.data
    assert client.get("/data/country/CHN.html").data == a.data


def test_description_holds_own_incoming_labels_and_provenance(client, ids) -> None:  # type: ignore[no-untyped-def]
    ds = Dataset()
    ds.parse(data=client.get("/data/person/xi-jinping.trig").data, format="trig")
    xi, chn = ids["person"], ids["country"]
    flat = Graph()
    for s, p, o, _ in ds.quads((None, None, None, None)):
        flat.add((s, p, o))
    # own statements
    assert (xi, NG.name, Literal("Xi Jinping")) in flat
    assert (xi, NG.nationality, chn) in flat
    # incoming links
    assert (ids["event"], NG.participant, xi) in flat
    assert (ids["article"], NG.mentions, xi) in flat
    # labels of what it links to
    assert (chn, NG.name, Literal("China")) in flat
    assert (chn, RDFS.label, Literal("China")) in flat
    # the sentence a mention came from, in the graph of the article it was read from
    mentions = list(flat.objects(xi, NG.denotedBy))
    assert mentions
    for m in mentions:
        article = flat.value(m, NG.inArticle)
        assert article is not None
        assert flat.value(m, NG.sentence) is not None
        assert (m, NG.sentence, None) in ds.graph(URIRef(article))
    # provenance: incoming statements sit in the article graph they came from
    assert (ids["event"], NG.participant, xi) in ds.graph(ids["article"])


def test_article_document_is_its_named_graph(client, ids, loaded) -> None:  # type: ignore[no-untyped-def]
    store, _ = loaded
    named = store.get_graph(str(ids["article"]))
    ds = Dataset()
    ds.parse(
        data=client.get(path_of(str(ids["article"])).replace("/id/", "/data/") + ".trig").data, format="trig"
    )
    served = ds.graph(ids["article"])
    assert isomorphic(Graph() + served, Graph() + named)


# -- paging --------------------------------------------------------------------------------------


def collect_pages(client, kind: str, key: str) -> tuple[list[Graph], list[str]]:  # type: ignore[no-untyped-def]
    """Follow hydra:next from the first page to the end."""
    url = f"{BASE}/data/{kind}/{key}.ttl"
    pages, urls = [], []
    while url:
        r = client.get(url[len(BASE) :])
        assert r.status_code == 200, url
        g = parse(r.data, "turtle")
        pages.append(g)
        urls.append(url)
        nxt = g.value(URIRef(url), HYDRA.next)
        url = str(nxt) if nxt is not None else ""
        assert len(pages) < 50
    return pages, urls


def test_a_big_resource_is_paged_with_hydra_links(client, ids) -> None:  # type: ignore[no-untyped-def]
    fiji = ids["fiji"]
    pages, urls = collect_pages(client, "country", "FJI")
    # Fiji: 13 events + 13 articles mention it + 2 people have its nationality = 28 links;
    # 12 mentions (the hostile article's sentence does not name Fiji).  With 5 per page
    # that is ceil(28 / 5) = 6 pages.
    assert len(pages) == 6
    first = pages[0]
    incoming = URIRef(f"{BASE}/data/country/FJI#incoming")
    assert first.value(incoming, HYDRA.totalItems).toPython() == 28
    assert first.value(URIRef(f"{BASE}/data/country/FJI#mentions"), HYDRA.totalItems).toPython() == 12
    assert first.value(URIRef(urls[0]), HYDRA.last) == URIRef(urls[-1])
    assert (URIRef(urls[0]), RDF.type, HYDRA.PartialCollectionView) in first
    assert first.value(URIRef(urls[1]), HYDRA.previous, None) is None  # only page 2 itself says so
    assert pages[1].value(URIRef(urls[1]), HYDRA.previous) == URIRef(urls[0])
    # Every linking resource appears exactly once across the pages, and each page holds at most 5.
    seen: list[tuple[URIRef, URIRef]] = []
    for g in pages:
        page_links = [(s, p) for s, p in g.subject_predicates(fiji) if p != FOAF.primaryTopic]
        assert len(page_links) <= PAGE_SIZE
        seen.extend(page_links)
    assert len(seen) == len(set(seen)) == 28
    mentions = [m for g in pages for m in g.objects(fiji, NG.denotedBy)]
    assert len(mentions) == len(set(mentions)) == 12
    # The thing's own statements are on every page.
    assert all((fiji, NG.isoAlpha3, Literal("FJI")) in g for g in pages)


def test_events_are_listed_newest_first(client, ids) -> None:  # type: ignore[no-untyped-def]
    # RDF keeps no order inside a page, so check the order across pages.
    pages, _ = collect_pages(client, "country", "FJI")
    per_page = []
    for g in pages:
        dates = [str(g.value(s, NG.date)) for s in g.subjects(NG.country, ids["fiji"])]
        if dates:
            per_page.append(dates)
    assert sum(len(d) for d in per_page) == 13
    assert len(per_page) >= 3
    for newer, older in zip(per_page, per_page[1:], strict=False):
        assert min(newer) >= max(older)


def test_paging_links_in_headers_and_bad_pages(client) -> None:  # type: ignore[no-untyped-def]
    r = client.get("/data/country/FJI.nt?page=2")
    link = r.headers["Link"]
    assert '</data/country/FJI.nt>; rel="prev"' in link
    assert '</data/country/FJI.nt?page=3>; rel="next"' in link
    assert '</data/country/FJI.nt?page=6>; rel="last"' in link
    assert client.get("/data/country/FJI.ttl?page=7").status_code == 404
    for bad in ("0", "-1", "two", "1.5", ""):
        assert client.get(f"/data/country/FJI.ttl?page={bad}").status_code == 400, bad
    assert client.get("/doc/country/FJI?page=9").status_code == 404


def test_a_small_resource_is_one_page(client) -> None:  # type: ignore[no-untyped-def]
    g = parse(client.get("/data/organization/shanghai-cooperation-organisation.ttl").data, "turtle")
    doc = URIRef(f"{BASE}/data/organization/shanghai-cooperation-organisation.ttl")
    assert g.value(doc, HYDRA.next) is None
    assert (doc, RDF.type, HYDRA.PartialCollectionView) not in g
    assert client.get("/data/organization/shanghai-cooperation-organisation.ttl?page=2").status_code == 404


# -- conditional requests ----------------------------------------------------------------------------


def test_etag_revalidation_answers_304(client) -> None:  # type: ignore[no-untyped-def]
    r = client.get("/data/person/xi-jinping.ttl")
    etag = r.headers["ETag"]
    assert etag.startswith('"') and len(etag) > 10
    again = client.get("/data/person/xi-jinping.ttl", headers={"If-None-Match": etag})
    assert again.status_code == 304
    assert again.data == b""
    assert again.headers["ETag"] == etag
    assert client.get("/data/person/xi-jinping.ttl", headers={"If-None-Match": '"other"'}).status_code == 200
    assert (
        client.get("/data/person/xi-jinping.ttl", headers={"If-None-Match": f'"x", W/{etag}'}).status_code
        == 304
    )
    html = client.get("/doc/person/xi-jinping")
    assert (
        client.get("/doc/person/xi-jinping", headers={"If-None-Match": html.headers["ETag"]}).status_code
        == 304
    )
    # Different representations have different tags.
    assert html.headers["ETag"] != etag


def test_etag_changes_when_the_data_does() -> None:
    store = EmbeddedStore(None)
    load(store, BASE)
    app = create_app({"base_uri": BASE}, store=store)
    c = app.test_client()
    before = c.get("/data/country/CHN.ttl").headers["ETag"]
    spec = fiji_articles(1)[0]
    spec.events[0].actors.append(CHN)
    iri, g = article_graph(BASE, spec)
    store.put_graph(str(iri), g)
    r = c.get("/data/country/CHN.ttl", headers={"If-None-Match": before})
    assert r.status_code == 200
    assert r.headers["ETag"] != before


def test_last_modified_from_an_on_disk_store(tmp_path) -> None:  # type: ignore[no-untyped-def]
    store = EmbeddedStore(tmp_path / "store")
    load(store, BASE)
    app = create_app({"base_uri": BASE}, store=store)
    c = app.test_client()
    r = c.get("/data/person/xi-jinping.ttl")
    lm = r.headers["Last-Modified"]
    stamp = parsedate_to_datetime(lm)
    assert c.get("/data/person/xi-jinping.ttl", headers={"If-Modified-Since": lm}).status_code == 304
    earlier = format_datetime(stamp.replace(year=stamp.year - 1), usegmt=True)
    assert c.get("/data/person/xi-jinping.ttl", headers={"If-Modified-Since": earlier}).status_code == 200
    # If-None-Match wins over If-Modified-Since (RFC 9110 13.1.3).
    assert (
        c.get(
            "/data/person/xi-jinping.ttl", headers={"If-Modified-Since": lm, "If-None-Match": '"nope"'}
        ).status_code
        == 200
    )
    assert c.get("/doc/person/xi-jinping", headers={"If-Modified-Since": lm}).status_code == 304
    assert c.get("/data/person/xi-jinping.ttl", headers={"If-Modified-Since": "garbage"}).status_code == 200
    store.close()


def test_a_write_by_another_process_shows_within_the_scan_interval(tmp_path) -> None:  # type: ignore[no-untyped-def]
    # The store directory is looked at once per scan_interval, not per request: a write
    # that did not go through this app (another gunicorn worker) must still show once
    # the interval has passed, and not be hidden for longer by the document cache.
    store = EmbeddedStore(tmp_path / "store")
    load(store, BASE)
    app = create_app({"base_uri": BASE}, store=store)
    app.extensions["newsgraph.freshness"].scan_interval = 0.3
    c = app.test_client()
    before = c.get("/data/country/CHN.ttl")
    spec = fiji_articles(1)[0]
    spec.events[0].actors.append(CHN)
    iri, g = article_graph(BASE, spec)
    time.sleep(1.1)  # Last-Modified has whole seconds: let the write land in a later one
    store.put_graph(str(iri), g)
    time.sleep(0.4)
    after = c.get("/data/country/CHN.ttl")
    assert after.headers["ETag"] != before.headers["ETag"]
    assert str(iri) in after.get_data(as_text=True)
    store.close()


def test_memory_store_sends_no_last_modified(client) -> None:  # type: ignore[no-untyped-def]
    # Nothing cheap says when an in-memory store changed; a wrong date would be worse than none.
    assert "Last-Modified" not in client.get("/data/person/xi-jinping.ttl").headers


# -- base URIs ----------------------------------------------------------------------------------------------


def test_base_with_a_path_prefix() -> None:
    base = "https://example.org/kg"
    store = EmbeddedStore(None)
    load(store, base)
    app = create_app({"base_uri": base}, store=store)
    c = app.test_client()
    r = c.get("/kg/id/person/xi-jinping", headers={"Accept": "text/turtle"})
    assert r.status_code == 303
    assert r.headers["Location"].endswith("/kg/data/person/xi-jinping.ttl")
    doc = c.get("/kg/data/person/xi-jinping.ttl", base_url="https://example.org")
    g = parse(doc.data, "turtle", base)
    assert (URIRef(base + "/id/person/xi-jinping"), RDF.type, NG.Person) in g
    html = c.get("/kg/doc/person/xi-jinping").get_data(as_text=True)
    assert 'href="/kg/doc/country/CHN"' in html
    assert 'href="/kg/static/newsgraph.css"' in html
    # A proxy that strips the prefix and sets SCRIPT_NAME itself works too.
    proxied = c.get(
        "/id/person/xi-jinping", headers={"Accept": "text/turtle"}, environ_overrides={"SCRIPT_NAME": "/kg"}
    )
    assert proxied.status_code == 303
    assert proxied.headers["Location"].endswith("/kg/data/person/xi-jinping.ttl")


def test_uris_of_another_base_are_not_ours() -> None:
    # The store holds http://localhost:8080 URIs; the app was told another base.
    store = EmbeddedStore(None)
    load(store, BASE)
    c = create_app({"base_uri": "https://elsewhere.example"}, store=store).test_client()
    assert c.get("/id/person/xi-jinping").status_code == 404


def test_cors_lets_scripts_read_documents(client) -> None:  # type: ignore[no-untyped-def]
    r = client.get("/data/person/xi-jinping.jsonld", headers={"Origin": "https://app.example"})
    assert r.headers["Access-Control-Allow-Origin"] == "*"
    assert "Link" in r.headers["Access-Control-Expose-Headers"]


def test_turtle_and_jsonld_documents_round_trip_every_kind_of_term() -> None:
    # Turtle and JSON-LD are written without rdflib's serializers (they cost most of a cold
    # build): every term kind must survive, and the same graph must give the same bytes (ETag).
    from rdflib import BNode, Dataset

    from newsgraph import formats
    from newsgraph.server.documents import serialize

    ex = Namespace("http://example.org/")
    ds = Dataset()
    b = BNode()
    g = ds.graph(URIRef("http://example.org/g"))
    g.add((ex.a, RDFS.label, Literal("Xi Jinping", lang="en")))
    g.add((ex.a, ex["count"], Literal(3)))
    g.add((ex.a, ex.day, Literal("2024-01-31", datatype=URIRef("http://www.w3.org/2001/XMLSchema#date"))))
    g.add((ex.a, ex.note, Literal('say "hi"\nback\\slash')))
    g.add((ex.a, ex.knows, b))
    ds.default_graph.add((b, RDF.type, FOAF.Person))
    ds.default_graph.add((ex.a, RDFS.label, Literal("Xi Jinping", lang="en")))  # the same triple twice
    g.add((URIRef(iris.NG + "Thing"), RDF.type, URIRef(iris.NG + "Person")))  # prefixed names
    expected = Graph()
    for s, p, o, _ in ds.quads((None, None, None, None)):
        expected.add((s, p, o))
    for name, parser in (("turtle", "turtle"), ("jsonld", "json-ld")):
        fmt = formats.by_name(name)
        body = serialize(ds, fmt)
        assert isomorphic(Graph().parse(data=body, format=parser), expected), name
        assert serialize(ds, fmt) == body, name
