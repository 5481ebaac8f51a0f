"""remove, stats, query and export on the command line, on both backends."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from rdflib import Dataset, Graph, URIRef

from fixtures_oxigraph import same_graph, write_articles
from newsgraph import iris
from newsgraph.cli import cli
from newsgraph.converters import convert
from newsgraph.store import open_store

BASE = "http://news.test"
NG = "https://w3id.org/newsgraph/ontology#"


def run(*args: str, input: str | None = None) -> Result:
    return CliRunner().invoke(cli, list(args), input=input, catch_exceptions=False)


@pytest.fixture
def filled(tmp_path: Path, store_location: str) -> tuple[str, dict[str, Graph], list[Path]]:
    """A store with 5 generated articles, the converter's graphs for them, and their files."""
    paths = write_articles(tmp_path / "in", 5)
    r = run("ingest", str(tmp_path / "in"), "--store", store_location, "--base-uri", BASE)
    assert r.exit_code == 0, r.output
    graphs = {}
    for p in paths:
        c = convert(p.read_bytes(), base=BASE)
        graphs[str(c.article_iri)] = c.graph
    return store_location, graphs, paths


def test_stats(filled: tuple[str, dict[str, Graph], list[Path]]) -> None:
    location, graphs, _ = filled
    r = run("stats", "--store", location, "--format", "json")
    assert r.exit_code == 0, r.output
    counts = json.loads(r.output)
    assert counts["articles"] == 5
    assert counts["triples"] == sum(len(g) for g in graphs.values())
    union = Graph()
    for g in graphs.values():
        for t in g:
            union.add(t)
    for kind, cls in [("persons", "Person"), ("countries", "Country"), ("organisations", "Organization"),
                      ("agreements", "Agreement")]:  # fmt: skip
        assert counts[kind] == len(set(union.subjects(predicate=None, object=URIRef(NG + cls)))), kind
    text = run("stats", "--store", location)
    assert text.exit_code == 0
    assert "articles" in text.output and "triples" in text.output


def test_remove_by_uri_url_and_key(filled: tuple[str, dict[str, Graph], list[Path]]) -> None:
    location, graphs, paths = filled
    by_iri = sorted(graphs)
    # 1. by URI
    r = run("remove", by_iri[0], "--store", location, "--base-uri", BASE)
    assert r.exit_code == 0, r.output
    # 2. by the URL the article was published at
    url = convert(paths[1].read_bytes(), base=BASE).document.url
    assert url
    iri_from_url = iris.article(BASE, iris.article_key(url, ""))
    r = run("remove", url, "--store", location, "--base-uri", BASE)
    assert r.exit_code == 0, r.output
    assert iri_from_url in r.output
    # 3. by key
    remaining = [i for i in by_iri if i not in (by_iri[0], iri_from_url)]
    key = remaining[0].rsplit("/", 1)[1]
    r = run("remove", key, "--store", location, "--base-uri", BASE)
    assert r.exit_code == 0, r.output
    store = open_store(location, create=False)
    try:
        assert sorted(store.graph_names()) == sorted(remaining[1:])
    finally:
        store.close()
    # an unknown article is an error, the rest is untouched
    r = run("remove", "https://nowhere.example/x", "--store", location, "--base-uri", BASE)
    assert r.exit_code == 2
    assert "no such article" in r.output
    r = run("remove", "???", "--store", location)
    assert r.exit_code == 2


def test_query_table_and_formats(filled: tuple[str, dict[str, Graph], list[Path]], tmp_path: Path) -> None:
    location, graphs, _ = filled
    q = f"PREFIX ng: <{NG}> SELECT ?a ?t WHERE {{ ?a a ng:Article ; ng:title ?t }} ORDER BY ?t"
    r = run("query", q, "--store", location)
    assert r.exit_code == 0, r.output
    lines = r.output.splitlines()
    assert lines[0].split() == ["a", "t"]
    assert "(5 rows)" in r.output
    r = run("query", q, "--store", location, "--format", "csv")
    rows = list(csv.reader(io.StringIO(r.output)))
    assert rows[0] == ["a", "t"] and len(rows) == 6
    assert {row[0] for row in rows[1:]} == set(graphs)
    r = run("query", q, "--store", location, "--format", "json")
    assert len(json.loads(r.output)["results"]["bindings"]) == 5
    r = run("query", q, "--store", location, "--format", "tsv")
    assert r.output.splitlines()[0] == "?a\t?t"
    # from a file and from stdin
    qf = tmp_path / "q.rq"
    qf.write_text(q)
    assert run("query", f"@{qf}", "--store", location, "--format", "csv").output == run(
        "query", "-", "--store", location, "--format", "csv", input=q
    ).output
    # ASK
    r = run("query", f"ASK {{ ?a a <{NG}Article> }}", "--store", location)
    assert r.output.strip() == "true"


def test_query_construct_gives_rdf(filled: tuple[str, dict[str, Graph], list[Path]]) -> None:
    location, graphs, _ = filled
    iri = sorted(graphs)[0]
    q = f"CONSTRUCT {{ <{iri}> ?p ?o }} WHERE {{ <{iri}> ?p ?o }}"
    r = run("query", q, "--store", location)
    assert r.exit_code == 0
    got = Graph().parse(data=r.output, format="turtle")
    want = Graph()
    for t in graphs[iri].triples((URIRef(iri), None, None)):
        want.add(t)
    assert same_graph(got, want)
    r = run("query", q, "--store", location, "--format", "jsonld")
    assert same_graph(Graph().parse(data=r.output, format="json-ld"), want)
    r = run("query", q, "--store", location, "--format", "csv")
    assert r.exit_code == 2 and "RDF format" in r.output


@pytest.mark.parametrize(
    "query,message",
    [
        ("SELECT ?x WHERE { ?x", "does not parse"),
        ("INSERT DATA { <http://a> <http://b> <http://c> }", "not a SPARQL query"),
        ("", "empty"),
    ],
)
def test_query_errors_are_clear(
    filled: tuple[str, dict[str, Graph], list[Path]], query: str, message: str
) -> None:
    location, _, _ = filled
    r = run("query", query, "--store", location)
    assert r.exit_code == 2
    assert message in r.output
    assert "Traceback" not in r.output


def test_query_missing_file(tmp_path: Path, store_location: str) -> None:
    r = run("query", f"@{tmp_path / 'none.rq'}", "--store", store_location)
    assert r.exit_code == 2 and "cannot read the query file" in r.output


def _graphs(ds: Dataset) -> dict[str, Graph]:
    out: dict[str, Graph] = {}
    for ctx in ds.graphs():
        if len(ctx):
            g = Graph()
            for t in ctx:
                g.add(t)
            out[str(ctx.identifier)] = g
    return out


@pytest.mark.parametrize("fmt,parser", [("nquads", "nquads"), ("trig", "trig"), ("jsonld", "json-ld")])
def test_export_dataset_formats(
    filled: tuple[str, dict[str, Graph], list[Path]], tmp_path: Path, fmt: str, parser: str
) -> None:
    location, graphs, _ = filled
    out = tmp_path / f"dump.{fmt}"
    r = run("export", "--store", location, "--format", fmt, "-o", str(out))
    assert r.exit_code == 0, r.output
    ds = Dataset()
    ds.parse(out, format=parser)
    got = _graphs(ds)
    assert set(got) == set(graphs)
    for iri, g in graphs.items():
        assert same_graph(got[iri], g)
    # to stdout as well
    r = run("export", "--store", location, "--format", fmt)
    ds2 = Dataset()
    ds2.parse(data=r.output, format=parser)
    assert set(_graphs(ds2)) == set(graphs)


def test_export_turtle_needs_union(filled: tuple[str, dict[str, Graph], list[Path]], tmp_path: Path) -> None:
    location, graphs, _ = filled
    out = tmp_path / "dump.ttl"
    r = run("export", "--store", location, "--format", "turtle", "-o", str(out))
    assert r.exit_code == 2
    assert "no named graphs" in r.output and "--union" in r.output
    assert not out.exists()
    r = run("export", "--store", location, "--format", "turtle", "--union", "-o", str(out))
    assert r.exit_code == 0, r.output
    union = Graph()
    for g in graphs.values():
        for t in g:
            union.add(t)
    assert same_graph(Graph().parse(out, format="turtle"), union)


def test_reading_commands_refuse_a_missing_store(tmp_path: Path) -> None:
    missing = str(tmp_path / "no-store-here")
    for args in (["stats"], ["query", "ASK {}"], ["export"], ["remove", "0123456789abcdef"]):
        r = run(*args, "--store", missing)
        assert r.exit_code == 1, args
        assert "no store at" in r.output
    assert not Path(missing).exists()


def test_a_directory_of_other_files_is_not_a_store(tmp_path: Path) -> None:
    d = tmp_path / "docs"
    d.mkdir()
    (d / "notes.txt").write_text("mine")
    write_articles(tmp_path / "in", 1)
    r = run("ingest", str(tmp_path / "in"), "--store", str(d))
    assert r.exit_code == 1
    assert "not a newsgraph store" in r.output
    assert sorted(p.name for p in d.iterdir()) == ["notes.txt"]
