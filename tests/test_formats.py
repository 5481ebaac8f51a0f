from __future__ import annotations

import pytest

from newsgraph import formats
from newsgraph.errors import NotAcceptable, UnsupportedFormat

OFFERED = ("text/html", "text/turtle", "application/ld+json", "application/rdf+xml", "application/n-triples")


@pytest.mark.parametrize(
    ("accept", "expected"),
    [
        (None, "text/html"),
        ("", "text/html"),
        ("*/*", "text/html"),
        ("text/turtle", "text/turtle"),
        ("text/html;q=0.5, text/turtle", "text/turtle"),
        ("text/turtle;q=0.5, text/html", "text/html"),
        ("application/rdf+xml;q=0.3, application/ld+json;q=0.6", "application/ld+json"),
        ("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", "text/html"),
        ("application/*", "application/ld+json"),
        ("text/*;q=0.5, application/n-triples", "application/n-triples"),
        ("application/n-triples; charset=utf-8", "application/n-triples"),
        ("garbage, text/turtle", "text/turtle"),
        ("text/turtle;q=abc, application/ld+json;q=0.1", "application/ld+json"),
    ],
)
def test_negotiate(accept: str | None, expected: str) -> None:
    assert formats.negotiate(accept, OFFERED) == expected


@pytest.mark.parametrize("accept", ["image/png", "text/turtle;q=0", "application/pdf, image/*"])
def test_not_acceptable_lists_alternatives(accept: str) -> None:
    with pytest.raises(NotAcceptable) as info:
        formats.negotiate(accept, OFFERED)
    assert info.value.details["alternatives"] == list(OFFERED)
    assert info.value.status == 406


@pytest.mark.parametrize(
    ("path", "name"),
    [
        ("a.ttl", "turtle"),
        ("a.nt", "nt"),
        ("dump.nq.gz", "nquads"),
        ("x.trig", "trig"),
        ("x.jsonld", "jsonld"),
        ("x.json", "jsonld"),
        ("onto.rdf", "rdfxml"),
        ("onto.owl", "rdfxml"),
    ],
)
def test_by_extension(path: str, name: str) -> None:
    assert formats.by_extension(path).name == name


def test_lookup_errors_are_clear() -> None:
    with pytest.raises(UnsupportedFormat, match="known formats"):
        formats.by_name("docx")
    with pytest.raises(UnsupportedFormat):
        formats.by_extension("notes.txt")
    with pytest.raises(UnsupportedFormat):
        formats.by_media_type("image/png")


@pytest.mark.parametrize("fmt", formats.RDF_FORMATS, ids=lambda f: f.name)
def test_every_format_round_trips_through_rdflib(fmt: formats.RdfFormat) -> None:
    from rdflib import Dataset, Literal, URIRef
    from rdflib.compare import isomorphic

    ds = Dataset()
    g = ds.graph(URIRef("http://kg.test/id/article/1"))
    g.add((URIRef("http://kg.test/id/person/a"), URIRef("http://example.org/p"), Literal("Zoë <b>")))
    data = (g if not fmt.quads else ds).serialize(format=fmt.rdflib)
    if fmt.quads:
        back = Dataset()
        back.parse(data=data, format=fmt.rdflib)
        triples = [t for ctx in back.graphs() for t in ctx]
    else:
        back_g = type(g)()
        back_g.parse(data=data, format=fmt.rdflib)
        triples = list(back_g)
    from rdflib import Graph

    out = Graph()
    for t in triples:
        out.add(t)
    assert isomorphic(out, g)
    assert formats.by_media_type(fmt.media_type) is fmt
    assert formats.by_name(fmt.name) is fmt
