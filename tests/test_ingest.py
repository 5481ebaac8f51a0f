"""Ingest end to end: the real converter, the real shapes and each store backend."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Dataset, Graph, URIRef

from fixtures_oxigraph import make_article, same_graph, write_articles
from newsgraph.cli import cli
from newsgraph.converters import convert
from newsgraph.ingest import Unit, ingest, iter_units
from newsgraph.store import open_store

BASE = "http://news.test"
NG = "https://w3id.org/newsgraph/ontology#"


def run(*args: str, input: str | bytes | None = None) -> object:
    result = CliRunner().invoke(cli, list(args), input=input, catch_exceptions=False)
    return result


def expected_graphs(paths: list[Path]) -> dict[str, Graph]:
    """What the converter makes of each file: the reference every stored graph must equal."""
    out: dict[str, Graph] = {}
    for p in paths:
        c = convert(p.read_bytes(), base=BASE, name=str(p))
        out[str(c.article_iri)] = c.graph
    return out


def stored_graphs(location: str) -> dict[str, Graph]:
    store = open_store(location, create=False)
    try:
        return {name: store.get_graph(name) for name in store.graph_names()}
    finally:
        store.close()


def assert_same_graphs(location: str, expected: dict[str, Graph]) -> None:
    stored = stored_graphs(location)
    assert set(stored) == set(expected)
    for iri, g in expected.items():
        assert same_graph(stored[iri], g), f"graph {iri} differs from the converter's output"


def dump_nquads(location: str) -> set[str]:
    store = open_store(location, create=False)
    try:
        out = io.BytesIO()
        store.dump(out, "application/n-quads")
    finally:
        store.close()
    return {line for line in out.getvalue().decode("utf-8").splitlines() if line.strip()}


def test_ingest_folder_stores_each_article_as_converted(tmp_path: Path, store_location: str) -> None:
    paths = write_articles(tmp_path / "in", 12)
    result = run("ingest", str(tmp_path / "in"), "--store", store_location, "--base-uri", BASE)
    assert result.exit_code == 0, result.output
    assert "12 written, 0 rejected, 0 failed" in result.output
    assert_same_graphs(store_location, expected_graphs(paths))


def test_reingest_leaves_the_same_triples(tmp_path: Path, store_location: str) -> None:
    write_articles(tmp_path / "in", 8)
    args = ("ingest", str(tmp_path / "in"), "--store", store_location, "--base-uri", BASE)
    assert run(*args).exit_code == 0
    first = dump_nquads(store_location)
    assert run(*args).exit_code == 0
    assert dump_nquads(store_location) == first
    # An article edited at its source replaces its old version, nothing of the old stays.
    (tmp_path / "in" / "article-00003.txt").write_text(
        make_article(3).replace("(report 3)", "(report 3, updated)"), encoding="utf-8"
    )
    assert run(*args).exit_code == 0
    after = dump_nquads(store_location)
    assert after != first
    assert not any("(report 3)" in line for line in after)
    assert any("(report 3, updated)" in line for line in after)
    assert len(after) == len(first)


def test_shared_entities_are_one_resource_and_removal_is_per_article(
    tmp_path: Path, store_location: str
) -> None:
    paths = write_articles(tmp_path / "in", 6)
    assert run("ingest", str(tmp_path / "in"), "--store", store_location, "--base-uri", BASE).exit_code == 0
    store = open_store(store_location, create=False)
    try:
        shared = store.select(
            f"""PREFIX ng: <{NG}>
            SELECT ?x (COUNT(DISTINCT ?g) AS ?n) WHERE {{
              VALUES ?cls {{ ng:Source ng:Person ng:Country ng:Organization }}
              GRAPH ?g {{ ?x a ?cls }}
            }} GROUP BY ?x HAVING (COUNT(DISTINCT ?g) > 1)"""
        )
        assert shared, "no entity is shared between articles"
        source = URIRef(f"{BASE}/id/source/example-wire")
        assert any(r["x"] == source and int(str(r["n"])) == 6 for r in shared)
        # Every entity of any kind the converter made is one URI across articles.
        expected = expected_graphs(paths)
        removed_iri = next(iter(expected))
        kept = {k: v for k, v in expected.items() if k != removed_iri}
    finally:
        store.close()
    result = run("remove", removed_iri, "--store", store_location, "--base-uri", BASE)
    assert result.exit_code == 0, result.output
    assert_same_graphs(store_location, kept)
    store = open_store(store_location, create=False)
    try:
        assert not store.ask(f"ASK {{ <{removed_iri}> ?p ?o }}")
        assert store.ask(f"ASK {{ <{source}> a <{NG}Source> }}")
    finally:
        store.close()


def test_rejected_article_is_reported_and_not_written(tmp_path: Path, store_location: str) -> None:
    folder = tmp_path / "in"
    good = write_articles(folder, 3)
    # A record whose url is not an address: converts, but the shapes refuse it.
    bad = folder / "bad.json"
    bad.write_text(json.dumps({"title": "T", "text": "Body of a short story.", "url": "not a url"}))
    result = run("ingest", str(folder), "--store", store_location, "--base-uri", BASE)
    assert result.exit_code == 1
    assert "rejected" in result.output and "bad.json" in result.output
    assert "ng:url" in result.output  # the SHACL message itself is shown
    assert "3 written, 1 rejected" in result.output
    assert_same_graphs(store_location, expected_graphs(good))


def test_unreadable_input_fails_alone(tmp_path: Path, store_location: str) -> None:
    folder = tmp_path / "in"
    good = write_articles(folder, 2)
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 4)
    (folder / "empty.txt").write_text("")
    (folder / "README.md").write_text("not an article, skipped by suffix")
    result = run("ingest", str(folder), "--store", store_location, "--base-uri", BASE)
    assert result.exit_code == 1
    assert "binary.txt" in result.output and "empty.txt" in result.output
    assert "2 written, 0 rejected, 2 failed" in result.output
    assert "Traceback" not in result.output
    assert_same_graphs(store_location, expected_graphs(good))


def test_stdin_and_jsonl(tmp_path: Path, store_location: str) -> None:
    text = make_article(1)
    result = run("ingest", "-", "--store", store_location, "--base-uri", BASE, input=text)
    assert result.exit_code == 0, result.output
    records = [{"title": f"Record {i}", "text": make_article(i + 40), "url": f"https://x.example/{i}"}
               for i in range(3)]  # fmt: skip
    jl = tmp_path / "records.jsonl"
    jl.write_text("\n".join(json.dumps(r) for r in records) + "\n")
    result = run("ingest", str(jl), "--store", store_location, "--base-uri", BASE)
    assert result.exit_code == 0, result.output
    assert "3 written" in result.output
    assert len(stored_graphs(store_location)) == 4


def test_missing_path_is_an_error_and_creates_nothing(tmp_path: Path) -> None:
    store_dir = tmp_path / "store"
    result = run("ingest", str(tmp_path / "nope"), "--store", str(store_dir))
    assert result.exit_code == 2
    assert "no such file or directory" in result.output
    assert not store_dir.exists()


def test_workers_and_bulk_give_the_same_store(tmp_path: Path, store_location: str) -> None:
    """Parallel conversion and the bulk path store exactly what the plain path stores."""
    paths = write_articles(tmp_path / "in", 30)
    expected = expected_graphs(paths)
    ref = str(tmp_path / "reference")
    assert run("ingest", str(tmp_path / "in"), "--store", ref, "--base-uri", BASE).exit_code == 0
    reference = dump_nquads(ref)
    r = run("ingest", str(tmp_path / "in"), "--store", store_location, "--base-uri", BASE, "--workers", "2")
    assert r.exit_code == 0, r.output
    assert dump_nquads(store_location) == reference
    # bulk over the same articles (replacing them), then once more: still the same
    for _ in range(2):
        r = run("ingest", str(tmp_path / "in"), "--store", store_location, "--base-uri", BASE, "--bulk")
        assert r.exit_code == 0, r.output
        assert "30 written" in r.output
    assert_same_graphs(store_location, expected)


def test_bulk_shards_are_bounded_and_replace(tmp_path: Path, store: object) -> None:
    """Small shards force many bulk loads; a duplicate article inside one run still wins last."""
    paths = write_articles(tmp_path / "in", 20)
    units = list(iter_units([str(tmp_path / "in")]))
    edited = make_article(5).replace("(report 5)", "(report 5, v2)")
    units.append(Unit("edited", data=edited.encode(), input_format="text"))
    report = ingest(units, store, base=BASE, bulk=True, shard_bytes=2000)  # type: ignore[arg-type]
    assert report.written == 21 and report.ok
    names = set(store.graph_names())  # type: ignore[attr-defined]
    expected = expected_graphs(paths)
    assert names == set(expected)
    v2 = convert(edited, base=BASE)
    assert same_graph(store.get_graph(str(v2.article_iri)), v2.graph)  # type: ignore[attr-defined]


def test_progress_line_when_asked(tmp_path: Path) -> None:
    write_articles(tmp_path / "in", 3)
    result = run("ingest", str(tmp_path / "in"), "--store", str(tmp_path / "s"), "--progress")
    assert result.exit_code == 0
    assert "/s" in result.output and "written 3" in result.output


def test_python_api_report(tmp_path: Path, store: object) -> None:
    write_articles(tmp_path / "in", 4)
    report = ingest([str(tmp_path / "in")], store, base=BASE)  # type: ignore[arg-type]
    assert (report.articles, report.written, report.rejected, report.failed) == (4, 4, 0, 0)
    assert report.triples == store.count()  # type: ignore[attr-defined]
    assert "4 written" in report.summary()


def test_dataset_export_of_ingested_articles_round_trips(tmp_path: Path, store_location: str) -> None:
    paths = write_articles(tmp_path / "in", 5)
    assert run("ingest", str(tmp_path / "in"), "--store", store_location, "--base-uri", BASE).exit_code == 0
    out = tmp_path / "dump.trig"
    r = run("export", "--store", store_location, "--format", "trig", "-o", str(out))
    assert r.exit_code == 0, r.output
    ds = Dataset()
    ds.parse(out, format="trig")
    for iri, g in expected_graphs(paths).items():
        got = Graph()
        for t in ds.graph(URIRef(iri)):
            got.add(t)
        assert same_graph(got, g)


@pytest.mark.parametrize("bad_store", ["/dev/null/x", "{file}/sub"])
def test_unwritable_store_location(tmp_path: Path, bad_store: str) -> None:
    write_articles(tmp_path / "in", 1)
    f = tmp_path / "a-file"
    f.write_text("x")
    location = bad_store.format(file=f)
    result = run("ingest", str(tmp_path / "in"), "--store", location)
    assert result.exit_code == 1
    assert "cannot create the store directory" in result.output
    assert "Traceback" not in result.output


def test_a_graph_the_store_refuses_fails_alone(store: object) -> None:
    """One unstorable graph in a batch: the others are written, that one is reported."""
    from newsgraph.ingest import IngestReport, Outcome, _BatchWriter

    good = [
        Outcome(
            f"g{i}", "ok", f"http://example.org/id/article/{i}", f'<http://e/s{i}> <http://e/p> "{i}" .\n', 1
        )
        for i in range(3)
    ]
    bad = Outcome("bad", "ok", "http://example.org/id/article/bad", '<http://e/a b> <http://e/p> "x" .\n', 1)
    report = IngestReport()
    problems: list[Outcome] = []
    writer = _BatchWriter(store, 10, report, problems.append)  # type: ignore[arg-type]
    for o in [good[0], bad, good[1], good[2]]:
        writer.add(o)
    writer.close()
    assert report.written == 3 and report.failed == 1
    assert [p.name for p in problems] == ["bad"]
    assert sorted(store.graph_names()) == sorted(o.graph_iri for o in good)  # type: ignore[attr-defined]
