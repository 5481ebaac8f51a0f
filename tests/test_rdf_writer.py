"""The RDF writer: golden graph, every output format round-trips, output is deterministic."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.compare import graph_diff, isomorphic, to_isomorphic
from rdflib.namespace import RDF, XSD

from newsgraph import __version__
from newsgraph.converters import convert, convert_many, rdf
from newsgraph.converters.model import (
    AgreementX,
    CountryX,
    Document,
    EventX,
    Extraction,
    OrganizationX,
    PersonX,
    Span,
)
from newsgraph.formats import RDF_FORMATS, by_name
from newsgraph.ontology.namespace import NG
from newsgraph.samples import sample_bytes, sample_files

EXPECTED = Path(__file__).resolve().parent / "data" / "articles" / "expected"
BASE = "http://kg.test"
TEXT = (
    "Leaders meet in Beijing\n\nBEIJING, May 13 (Wire) -- Chinese President Li Wei met Portuguese Premier "
    "Ana Costa. They signed the Beijing Plan. The UN welcomed it."
)
OUTPUT_FORMATS = ["trig", "nquads", "turtle", "nt", "jsonld"]


def span(word: str, after: int = 0) -> Span:
    start = TEXT.index(word, after)
    return Span(start, start + len(word))


def small_extraction() -> Extraction:
    doc = Document(
        text=TEXT, title="Leaders meet in Beijing", url="https://news.example.org/a/1",
        published="2024-05-13",
        source="Wire", editors=["Kim"], photographers=["Lee Photo"], bylines=["Sam Writer"],
        title_span=Span(0, 23), body_span=Span(25, len(TEXT)),
    )
    met = TEXT.index(" met ") + 1
    return Extraction(
        document=doc,
        persons=[
            PersonX("Li Wei", aliases=["Li"], roles=["President"], nationality="CHN",
                    mentions=[span("Li Wei")]),
            PersonX("Ana Costa", roles=["Premier"], nationality="PRT", mentions=[span("Ana Costa")]),
        ],
        countries=[
            CountryX("CHN", aliases=["Chinese"], mentions=[span("Chinese")]),
            CountryX("PRT", aliases=["Portuguese"], mentions=[span("Portuguese")]),
        ],
        organizations=[OrganizationX("United Nations", aliases=["UN"], mentions=[span("UN", 140)])],
        # listed signing first: the writer numbers events in text order, not list order
        events=[
            EventX("Signing", date="2024-05-13", countries=["CHN", "PRT"], location="Beijing", cameo="057",
                   mentions=[span("signed")]),
            EventX("Meeting", date="2024-05-13", participants=["Li Wei", "Ana Costa"],
                   countries=["CHN", "PRT"], location="Beijing", cameo="040", mentions=[Span(met, met + 3)]),
        ],
        agreements=[
            AgreementX("Beijing Plan", parties=["CHN", "PRT", "United Nations"], date="2024-05",
                       signed_at=0,
                       mentions=[span("the Beijing Plan")]),
        ],
    )


def expected_graph() -> Graph:
    text = (EXPECTED / "small-extraction.ttl").read_text(encoding="utf-8").replace("{version}", __version__)
    return Graph().parse(data=text, format="turtle")


def assert_isomorphic(got: Graph, want: Graph) -> None:
    if not isomorphic(got, want):
        _, only_got, only_want = graph_diff(to_isomorphic(got), to_isomorphic(want))
        extra = "\n".join(sorted(f"{s.n3()} {p.n3()} {o.n3()}" for s, p, o in only_got))
        missing = "\n".join(sorted(f"{s.n3()} {p.n3()} {o.n3()}" for s, p, o in only_want))
        pytest.fail(f"graphs differ\n--- unexpected:\n{extra}\n--- missing:\n{missing}")


def test_golden_graph() -> None:
    g = rdf.build_graph(small_extraction(), BASE)
    assert g.identifier == URIRef("http://kg.test/id/article/5db8ac78a5c0771b")
    assert_isomorphic(g, expected_graph())


def test_base_with_trailing_slash_gives_the_same_graph() -> None:
    g1 = rdf.build_graph(small_extraction(), BASE)
    g2 = rdf.build_graph(small_extraction(), BASE + "/")
    assert g1.identifier == g2.identifier
    assert set(g1) == set(g2)


def test_no_blank_nodes_and_anchors_match_the_text() -> None:
    conv = convert(sample_bytes("01-wire-state-visit.txt"), base=BASE)
    for g in (rdf.build_graph(small_extraction(), BASE), conv.graph):
        text = TEXT if g.identifier.endswith("5db8ac78a5c0771b") else conv.document.text
        assert not any(isinstance(term, BNode) for t in g for term in t)
        for m in g.subjects(RDF.type, NG.Mention):
            begin = int(g.value(m, NG.beginIndex))  # type: ignore[arg-type]
            end = int(g.value(m, NG.endIndex))  # type: ignore[arg-type]
            assert str(g.value(m, NG.anchorOf)) == text[begin:end]
            assert text[begin:end] in str(g.value(m, NG.sentence))
            assert str(m).endswith(f"#char={begin},{end}")


def test_bad_spans_unknown_codes_and_types_are_tolerated() -> None:
    x = small_extraction()
    x.persons[0].mentions.append(Span(150, 400))  # past the end of the text
    x.persons[0].mentions.append(Span(10, 10))  # empty
    x.countries.append(CountryX("ZZZ"))  # no such country
    x.events.append(EventX("Other", participants=["Someone Else"], countries=["zzz"], date="May 2024"))
    x.agreements.append(AgreementX("Old Accord", date="1953"))
    g = rdf.build_graph(x, BASE)
    assert len(set(g.subjects(RDF.type, NG.Mention))) == 8
    assert (None, NG.isoAlpha3, Literal("ZZZ")) not in g
    # an unlisted participant still gets a name; the vague date is left out; no mention -> last in order
    last = URIRef("http://kg.test/id/event/5db8ac78a5c0771b-3")
    assert (last, RDF.type, NG.Event) in g
    assert g.value(last, NG.date) is None
    person = g.value(last, NG.participant)
    assert person is not None and str(g.value(person, NG.name)) == "Someone Else"
    assert set(g.objects(last, RDF.type)) == {NG.Event}  # an unknown type is plain ng:Event
    old = URIRef("http://kg.test/id/agreement/5db8ac78a5c0771b-2")
    assert g.value(old, NG.date) is None
    assert g.value(old, NG.partialDate) == Literal("1953", datatype=XSD.gYear)


@pytest.mark.parametrize(
    ("value", "predicate", "literal"),
    [
        ("2024-05-13", NG.date, Literal("2024-05-13", datatype=XSD.date)),
        ("2024-02-29", NG.date, Literal("2024-02-29", datatype=XSD.date)),
        ("2024-05", NG.partialDate, Literal("2024-05", datatype=XSD.gYearMonth)),
        ("1953", NG.partialDate, Literal("1953", datatype=XSD.gYear)),
        ("2023-02-29", None, None),  # no such day
        ("2024-13", None, None),  # no such month
        ("0000", None, None),
        ("May 2024", None, None),
        ("2024-05-13T10:00:00", None, None),  # a time is not a day
    ],
)
def test_event_and_agreement_dates(value: str, predicate: URIRef | None, literal: Literal | None) -> None:
    """ng:date only for a real day (the contract's xsd:date); a year or a month goes to
    ng:partialDate; anything else is left out, never written as an ill-typed literal."""
    x = small_extraction()
    x.events[1].date = value  # the meeting, event 1
    x.agreements[0].date = value
    g = rdf.build_graph(x, BASE)
    for node in (URIRef("http://kg.test/id/event/5db8ac78a5c0771b-1"),
                 URIRef("http://kg.test/id/agreement/5db8ac78a5c0771b-1")):
        dates = {(p, o) for p in (NG.date, NG.partialDate) for o in g.objects(node, p)}
        assert dates == ({(predicate, literal)} if predicate is not None else set()), node


def test_every_event_is_typed_ng_event_and_at_most_one_subclass() -> None:
    """Oxigraph does no inference: '?e a ng:Event' must find every event as written."""
    subclasses = set(rdf.EVENT_CLASSES.values())
    graphs = sample_graphs()
    events = 0
    for g in graphs:
        for e in set(g.objects(g.identifier, NG.reports)):  # type: ignore[arg-type]
            types = set(g.objects(e, RDF.type))
            assert NG.Event in types, e
            assert len(types & subclasses) <= 1, e
            assert types <= subclasses | {NG.Event}, e
            events += 1
    # ten since the samples' background "EPA, signed in March 2007", plan "He travels to
    # Tonga on Friday" and headline "leaders meet" are no longer events of their own
    assert events >= 10


def test_offsets_are_plain_integers() -> None:
    g = rdf.build_graph(small_extraction(), BASE)
    offsets = [o for p in (NG.beginIndex, NG.endIndex) for o in g.objects(None, p)]
    assert offsets and all(isinstance(o, Literal) and o.datatype == XSD.integer for o in offsets)
    assert all(int(o) >= 0 for o in offsets)  # type: ignore[call-overload]


@pytest.mark.parametrize(
    ("published", "datatype"),
    [("2024-05-13", XSD.date), ("2024-05-13T10:08:06", XSD.dateTime),
     ("2024-05-13T10:08:06+08:00", XSD.dateTime), ("2024-05-13T10:08:06.25Z", XSD.dateTime),
     ("13 May", None), ("2024-02-30", None), ("2024-05-13T25:08:00", None),
     ("2024-05-13T10:08:06+15:00", None)],
)
def test_published_typing(published: str, datatype: URIRef | None) -> None:
    x = small_extraction()
    x.document.published = published
    g = rdf.build_graph(x, BASE)
    value = g.value(g.identifier, NG.published)  # type: ignore[arg-type]
    if datatype is None:
        assert value is None
    else:
        assert value == Literal(published, datatype=datatype)
        assert isinstance(value, Literal) and not value.ill_typed


def test_published_time_without_seconds_gets_them() -> None:
    """xsd:dateTime requires seconds; "10:08" alone would be an ill-typed literal."""
    x = small_extraction()
    x.document.published = "2024-05-13T10:08+08:00"
    g = rdf.build_graph(x, BASE)
    value = g.value(g.identifier, NG.published)  # type: ignore[arg-type]
    assert value == Literal("2024-05-13T10:08:00+08:00", datatype=XSD.dateTime)


def test_article_without_url_is_keyed_by_its_content() -> None:
    x = small_extraction()
    x.document.url = None
    g1 = rdf.build_graph(x, BASE)
    x2 = small_extraction()
    x2.document.url = None
    x2.document.text = TEXT + " Another sentence."
    g2 = rdf.build_graph(x2, BASE)
    assert g1.identifier != g2.identifier
    assert (g1.identifier, NG.url, None) not in g1


# --------------------------------------------------------------------------- serialisation


def sample_graphs() -> list[Graph]:
    graphs = [rdf.build_graph(small_extraction(), BASE)]
    for item in convert_many(sample_bytes("07-batch.jsonl"), base=BASE):
        assert not isinstance(item, Exception)
        graphs.append(item.graph)  # type: ignore[union-attr]
    return graphs


@pytest.mark.parametrize("fmt", OUTPUT_FORMATS)
def test_every_format_round_trips(fmt: str) -> None:
    graphs = sample_graphs()
    rf = by_name(fmt)
    text = rdf.serialize(graphs, rf)
    if rf.quads:
        ds = Dataset()
        ds.parse(data=text, format=rf.rdflib)
        for g in graphs:
            assert_isomorphic(ds.graph(g.identifier), g)
        named = {c.identifier for c in ds.graphs() if len(c)}
        assert named == {g.identifier for g in graphs}
    else:
        merged = Graph()
        for g in graphs:
            for t in g:
                merged.add(t)
        assert_isomorphic(Graph().parse(data=text, format=rf.rdflib), merged)


@pytest.mark.parametrize("fmt", OUTPUT_FORMATS)
def test_serialisation_is_deterministic_in_process(fmt: str) -> None:
    rf = by_name(fmt)
    first = rdf.serialize(sample_graphs(), rf)
    second = rdf.serialize(list(reversed(sample_graphs())), rf)
    assert first == second


def test_nquads_lines_are_sorted_and_unique() -> None:
    text = rdf.serialize(sample_graphs(), by_name("nquads"))
    lines = text.splitlines()
    assert lines == sorted(set(lines))
    assert text.endswith("\n")



def test_nquads_writes_a_line_once_when_two_graphs_share_a_name_or_terms_print_alike() -> None:
    g = URIRef("http://kg.test/id/article/x")
    s, p = URIRef("http://kg.test/id/person/a"), URIRef("http://kg.test/p")
    # a plain literal and an xsd:string one are two rdflib terms with one N-Quads form
    triples = [(s, p, Literal("A")), (s, p, Literal("A", datatype=XSD.string)), (s, p, URIRef("http://b"))]
    text = rdf.serialize_triples([(g, triples), (g, triples[:1])], by_name("nquads"))
    lines = text.splitlines()
    assert len(lines) == 2 and lines == sorted(set(lines))
    assert rdf.serialize_triples([(g, triples[2:])], by_name("nquads")).count("\n") == 1



def _fields(lit: Literal) -> tuple[object, ...]:
    return (type(lit), str(lit), *((type(getattr(lit, f)), getattr(lit, f)) for f in Literal.__slots__))


@pytest.mark.parametrize(
    "value",
    ["2022-02-14", "2024-02-29", "1999-12-31", "0001-01-01", "2023-02-29", "2022-13-01", "2022-00-10",
     "2022-1-05", "２０２２-０２-１４", "2022-02-14T10:00:00", ""],
)
def test_date_literals_made_field_by_field_are_what_rdflib_makes(value: str) -> None:
    from datetime import date

    got = rdf._xsd_date(value)
    try:
        date.fromisoformat(value)
    except ValueError:
        assert got is None
    else:
        assert got is not None and _fields(got) == _fields(Literal(value, datatype=XSD.date))


@pytest.mark.parametrize("url", ["https://news.example/20220205/c_1310.htm", "http://x y", "not a url", "é"])
def test_any_uri_literals_made_field_by_field_are_what_rdflib_makes(url: str) -> None:
    assert _fields(rdf._any_uri(url)) == _fields(Literal(url, datatype=XSD.anyURI))


_HASH_SCRIPT = """
import hashlib, sys
from newsgraph.converters import convert_many, rdf
from newsgraph.formats import by_name
from newsgraph.samples import sample_bytes, sample_files
graphs = []
for f in sample_files():
    for item in convert_many(f.read_bytes(), base="http://kg.test", name=f.name):
        graphs.append(item.graph)
for fmt in sys.argv[1:]:
    print(fmt, hashlib.sha256(rdf.serialize(graphs, by_name(fmt)).encode()).hexdigest())
"""


def test_bytes_do_not_depend_on_hash_seed() -> None:
    """Python salts str hashes per process; set order must never leak into the output."""
    outputs = []
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        proc = subprocess.run([sys.executable, "-c", _HASH_SCRIPT, *OUTPUT_FORMATS], capture_output=True,
                              text=True, env=env, timeout=300, check=True)
        outputs.append(proc.stdout)
    assert outputs[0] == outputs[1]
    assert len(outputs[0].splitlines()) == len(OUTPUT_FORMATS)


def test_output_formats_are_in_the_format_table() -> None:
    names = {f.name for f in RDF_FORMATS}
    assert set(OUTPUT_FORMATS) <= names


# --------------------------------------------------------------------------- through the store


def _through_oxigraph(graphs: list[Graph]) -> Dataset:
    """Load the writer's N-Quads into a pyoxigraph Store and read its own dump back."""
    import pyoxigraph as ox

    store = ox.Store()
    store.load(rdf.serialize(graphs, by_name("nquads")).encode("utf-8"), ox.RdfFormat.N_QUADS)
    dumped = store.dump(format=ox.RdfFormat.N_QUADS)
    assert dumped is not None
    ds = Dataset()
    ds.parse(data=dumped.decode("utf-8"), format="nquads")
    return ds


def _assert_store_gives_back(graphs: list[Graph]) -> None:
    from newsgraph.store.embedded import EmbeddedStore

    back = _through_oxigraph(graphs)
    store = EmbeddedStore(None)
    try:
        # the ingest path: the writer's N-Triples per graph, read back as the server reads it
        store.put_ntriples((str(g.identifier), rdf.serialize([g], by_name("nt"))) for g in graphs)
        for g in graphs:
            assert_isomorphic(back.graph(g.identifier), g)
            assert_isomorphic(store.get_graph(str(g.identifier)), g)
    finally:
        store.close()


def test_what_the_converter_writes_is_what_the_store_gives_back() -> None:
    """Oxigraph keeps literals by value (xsd:nonNegativeInteger comes back as xsd:integer,
    "+00:00" as "Z"); every literal the writer makes must survive that unchanged, or a
    graph read from the store is not the graph that was converted."""
    x = small_extraction()
    x.document.published = "2024-05-13T10:08:06.500+00:00"
    graphs = [rdf.build_graph(small_extraction(), BASE), rdf.build_graph(x, "http://other.test")]
    for f in sample_files():
        for item in convert_many(f.read_bytes(), base=BASE, name=f.name):
            assert not isinstance(item, Exception)
            graphs.append(item.graph)  # type: ignore[union-attr]
    _assert_store_gives_back(graphs)


def test_what_the_converter_writes_for_dev_articles_is_what_the_store_gives_back(dev_corpus: Path) -> None:
    graphs = [
        convert(path.read_text(encoding="utf-8"), base=BASE, name=path.name).graph
        for path in sorted(dev_corpus.glob("*.txt"))
    ]
    assert graphs
    _assert_store_gives_back(graphs)
