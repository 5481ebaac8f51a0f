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
from newsgraph.samples import sample_bytes

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
    old = URIRef("http://kg.test/id/agreement/5db8ac78a5c0771b-2")
    assert g.value(old, NG.date) == Literal("1953", datatype=XSD.gYear)


@pytest.mark.parametrize(
    ("published", "datatype"),
    [("2024-05-13", XSD.date), ("2024-05-13T10:08:06", XSD.dateTime),
     ("2024-05-13T10:08:06+08:00", XSD.dateTime), ("13 May", None)],
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
