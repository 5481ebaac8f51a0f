"""Ingest's fast path against the path it replaced.

Ingest used to build an rdflib Graph of each article, validate that Graph and write it
back out as N-Triples.  It now validates the RDF writer's plain triples
(``shapes.validate_triples``), writes N-Triples straight from them
(``store.common.triples_to_ntriples``), checks storability IRI by IRI instead of
re-parsing the text (``ingest._unstorable``) and names the graph in the N-Quads with one
replace (``ntriples_to_nquads(canonical=True)``).  Each step is compared here with the
old one: the same reports, the same set of triples, the same store contents.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import pytest
from rdflib import BNode, Graph, Literal, URIRef

from bench_modules import load_bench
from newsgraph.converters import Conversion, convert_many
from newsgraph.errors import NewsgraphError
from newsgraph.ingest import Unit, _unstorable, ingest, iter_units, process_unit
from newsgraph.shapes import validate, validate_triples
from newsgraph.store.common import graph_to_ntriples, ntriples_to_nquads, triples_to_ntriples
from newsgraph.store.embedded import EmbeddedStore
from test_shapes import CASES, DATA, Case

ROOT = Path(__file__).resolve().parent
SAMPLES = ROOT.parent / "src" / "newsgraph" / "samples"
HELDOUT = ROOT / "data" / "heldout"
ARTICLES = ROOT / "data" / "articles"
BASE = "http://example.org"


# --------------------------------------------------------------------------- inputs


def _article_files(dev: Path | None) -> list[Path]:
    files = [p for p in sorted(SAMPLES.iterdir()) if p.suffix in (".txt", ".html", ".json", ".jsonl")]
    files += [p for p in sorted(HELDOUT.iterdir()) if p.suffix in (".txt", ".html")]
    files += [p for p in sorted(ARTICLES.rglob("*")) if p.suffix in (".txt", ".html", ".json", ".jsonl")]
    if dev is not None:
        files += sorted(dev.glob("*.txt"))
    return files


def _conversions(files: list[Path], base: str = BASE) -> Iterator[tuple[str, Conversion]]:
    for unit in iter_units([str(f) for f in files]):
        data = unit.data if unit.data is not None else Path(unit.path or "").read_bytes()
        try:
            items = list(convert_many(data, base=base, input_format=unit.input_format, name=unit.name))
        except NewsgraphError:  # a broken fixture: ingest reports it, and so skips it too
            continue
        for item in items:
            if isinstance(item, Conversion):
                yield unit.name, item


@pytest.fixture(scope="module")
def corpus(request: pytest.FixtureRequest) -> list[tuple[str, Conversion]]:
    """Every bundled article, the held-out set, the reader fixtures and (when present) the dev corpus."""
    shared = ROOT.parent.parent / "shared" / "corpus" / "dev"
    items = list(_conversions(_article_files(shared if shared.is_dir() else None)))
    assert len(items) >= 40, "too few articles converted to compare anything"
    return items


def _generated(tmp: Path, n: int) -> Path:
    """A small corpus from the benchmark generator (the 1M-article ingest's input)."""
    module = load_bench("generate", "bench_generate_fastpath")
    module.write_corpus(tmp, n, seed=5)
    return tmp


# --------------------------------------------------------------------------- validation


def _same_report(triples: Sequence[tuple[Any, Any, Any]], graph: Graph) -> None:
    new = validate_triples(triples)
    old = validate(graph)
    assert new.engine == old.engine == "fast"
    assert new.results == old.results
    assert new.conforms is old.conforms
    assert new.text() == old.text()


@pytest.fixture(scope="module")
def complete() -> Graph:
    return Graph().parse(DATA / "valid" / "complete.ttl", format="turtle")


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_triples_entry_reports_what_the_graph_entry_reports(case: Case, complete: Graph) -> None:
    graph = case.graph(complete)
    _same_report(list(graph), graph)


SHAPE_FIXTURES = sorted((DATA / "valid").glob("*.ttl")) + sorted((DATA / "invalid").glob("*.ttl"))


@pytest.mark.parametrize("path", SHAPE_FIXTURES, ids=lambda p: p.stem)
def test_triples_entry_on_the_fixture_files(path: Path) -> None:
    graph = Graph().parse(path)
    _same_report(list(graph), graph)


def test_triples_entry_with_the_reference_engine(complete: Graph) -> None:
    """pySHACL (the fallback) gets a Graph of the triples and gives the same results."""
    broken = next(c for c in CASES if any(sev == "Violation" for _, _, sev, _ in c.expect)).graph(complete)
    reference = validate_triples(list(broken), engine="pyshacl")
    assert reference.engine == "pyshacl" and not reference.conforms
    assert reference.results == validate(broken, engine="pyshacl").results
    assert reference.results == validate_triples(list(broken), engine="fast").results


def test_triples_entry_on_converted_articles(corpus: list[tuple[str, Conversion]]) -> None:
    for _name, conv in corpus:
        _same_report(conv.triples, conv.graph)


# --------------------------------------------------------------------------- N-Triples


def _lines(text: str) -> list[str]:
    return [ln for ln in text.split("\n") if ln]


def test_ntriples_from_triples_are_the_graphs_ntriples(corpus: list[tuple[str, Conversion]]) -> None:
    """The same lines (the Graph gave them in hash order; the list gives writer order)."""
    for name, conv in corpus:
        new = triples_to_ntriples(conv.triples)
        old = graph_to_ntriples(conv.graph)
        assert sorted(_lines(new)) == sorted(_lines(old)), name
        assert len(_lines(new)) == len(conv.graph) == len(conv.triples), name


def test_ntriples_escape_and_type_every_kind_of_term() -> None:
    triples = [
        (URIRef("http://e/s"), URIRef("http://e/p"), Literal('quote " backslash \\ newline \n cr \r tab \t')),
        (URIRef("http://e/s"), URIRef("http://e/p"), Literal("chat", lang="fr")),
        (
            URIRef("http://e/s"),
            URIRef("http://e/p"),
            Literal("2024-01-02", datatype=URIRef("http://www.w3.org/2001/XMLSchema#date")),
        ),
        (
            URIRef("http://e/s"),
            URIRef("http://e/p"),
            Literal("x", datatype=URIRef("http://www.w3.org/2001/XMLSchema#string")),
        ),
        (BNode("b1"), URIRef("http://e/p"), URIRef("http://e/o")),
        (URIRef("http://e/s"), URIRef("http://e/p"), Literal("ünïcödé ✓")),
    ]
    g = Graph()
    for t in triples:
        g.add(t)
    text = triples_to_ntriples(triples)
    assert sorted(_lines(text)) == sorted(_lines(graph_to_ntriples(g)))
    parsed = Graph().parse(data=text, format="nt")
    assert len(parsed) == len(triples)
    assert Literal('quote " backslash \\ newline \n cr \r tab \t') in set(parsed.objects())


def test_canonical_nquads_are_the_line_by_line_nquads(corpus: list[tuple[str, Conversion]]) -> None:
    for name, conv in corpus:
        nt = triples_to_ntriples(conv.triples)
        iri = str(conv.article_iri)
        assert ntriples_to_nquads(iri, nt, canonical=True) == ntriples_to_nquads(iri, nt), name


# --------------------------------------------------------------------------- storability


def _full_parse_verdict(nt: str) -> bool:
    """The check the bulk path used to make: parse the whole text as the store would."""
    try:
        for _ in ox.parse(nt.encode("utf-8"), ox.RdfFormat.N_TRIPLES):
            pass
    except (SyntaxError, UnicodeEncodeError):
        return False
    return True


def test_writer_output_is_storable(corpus: list[tuple[str, Conversion]]) -> None:
    for name, conv in corpus:
        nt = triples_to_ntriples(conv.triples)
        assert _unstorable(conv.triples, str(conv.article_iri), nt) is None, name
        assert _full_parse_verdict(nt), name


@pytest.mark.parametrize(
    "base",
    [
        "http://exa mple.org",  # a space: every IRI is bad
        "http://example.org/%zz",  # a broken percent escape
        "http://example.org/a#b",  # a fragment already: "#char=" makes two
        "http://[example.org",  # a bad host
        "example.org",  # not absolute
        "http://example.org/ü",  # fine: IRIs may hold Unicode
        "urn:example:x",  # fine
    ],
)
def test_iri_check_agrees_with_a_full_parse_for_odd_bases(base: str) -> None:
    sample = SAMPLES / "01-wire-state-visit.txt"
    (_, conv), *_ = list(_conversions([sample], base=base))
    nt = triples_to_ntriples(conv.triples)
    verdict = _unstorable(conv.triples, str(conv.article_iri), nt)
    assert (verdict is None) is _full_parse_verdict(nt), verdict


ART = "http://example.org/id/article/0123456789abcdef"
S, P = URIRef("http://e/s"), URIRef("http://e/p")


def _article(extra: list[tuple[object, object, object]]) -> tuple[list[tuple[object, object, object]], str]:
    art = ART
    triples: list[tuple[object, object, object]] = [
        (URIRef(art), URIRef("http://e/p"), Literal("ok")),
        (URIRef(art + "#char=0,4"), URIRef("http://e/p"), URIRef(art)),
        *extra,
    ]
    return triples, art


@pytest.mark.parametrize(
    "extra",
    [
        [(S, P, Literal("lone \ud800 surrogate"))],
        [(S, P, URIRef("http://e/with space"))],
        [(S, P, Literal("x", datatype=URIRef("not an iri")))],
        [(S, P, Literal("x", datatype=URIRef("http://e/dt")))],
        [(S, P, Literal("x", lang="en-GB"))],
        [(URIRef(ART + "#char=1,2"), P, Literal("x"))],
        [(URIRef(ART + "#a b"), P, Literal("x"))],
        [(URIRef(ART + "#a#b"), P, Literal("x"))],
        [(S, URIRef("relative"), Literal("x"))],
        [(S, P, Literal("x", lang="abcdefghi"))],  # rdflib takes it; BCP 47 allows 8 letters
        [(S, P, Literal("controls \x00 \x0b \x85 \u2028 \ufffe and \t tab"))],
        [(BNode("b1"), P, Literal("x"))],
        [(BNode("b 1"), P, Literal("x"))],
    ],
    ids=[
        "surrogate",
        "space",
        "bad-datatype",
        "datatype",
        "lang",
        "fragment",
        "fragment-space",
        "two-fragments",
        "relative-predicate",
        "long-lang",
        "controls",
        "bnode",
        "bad-bnode",
    ],
)
def test_iri_check_agrees_with_a_full_parse_on_odd_terms(extra: list[tuple[object, object, object]]) -> None:
    triples, art = _article(extra)
    nt = triples_to_ntriples(triples)  # type: ignore[arg-type]
    verdict = _unstorable(triples, art, nt)
    assert (verdict is None) is _full_parse_verdict(nt), verdict
    # asked twice (the second time from the cache of accepted IRIs): the same answer
    assert (_unstorable(triples, art, nt) is None) is (verdict is None)


def test_an_unstorable_article_fails_alone_in_bulk_mode(tmp_path: Path) -> None:
    record = {"url": "https://news.example/a1", "title": "Talks", "text": "Ministers met in Paris on Monday."}
    unit = Unit("bad.json", data=json.dumps(record).encode(), input_format="json")
    (outcome,) = process_unit(unit, "http://exa mple.org", True, 1 << 20, check=True)
    assert outcome.status == "failed" and "cannot take" in outcome.message
    (fine,) = process_unit(unit, BASE, True, 1 << 20, check=True)
    assert fine.status == "ok" and fine.canonical


# --------------------------------------------------------------------------- the store


def _old_path_store(files: list[Path], path: Path) -> EmbeddedStore:
    """What ingest stored before: each conforming article's rdflib Graph, written by put_graph."""
    store = EmbeddedStore(str(path))
    for _name, conv in _conversions(files):
        if validate(conv.graph).conforms:
            store.put_graph(str(conv.article_iri), conv.graph)
    return store


def _quads(store: EmbeddedStore) -> set[tuple[str, str, str, str]]:
    return {(str(q.subject), str(q.predicate), str(q.object), str(q.graph_name)) for q in store.oxigraph}


@pytest.mark.parametrize("bulk", [False, True], ids=["transactional", "bulk"])
def test_ingest_stores_what_the_old_path_stored(tmp_path: Path, bulk: bool) -> None:
    files = _article_files(None) + sorted(_generated(tmp_path / "gen", 60).rglob("*.txt"))
    old = _old_path_store(files, tmp_path / "old")
    new = EmbeddedStore(str(tmp_path / "new"))
    try:
        report = ingest([str(f) for f in files], new, base=BASE, bulk=bulk)
        assert report.written > 60
        assert report.written == len(set(old.graph_names()))
        expected = _quads(old)
        assert len(expected) > 10000
        assert _quads(new) == expected
    finally:
        old.close()
        new.close()


def test_batch_chunks_hold_the_old_paths_quads() -> None:
    """``batch.convert_chunk`` (the Dask task) against the Graph path, quad for quad."""
    from newsgraph.batch import chunked, convert_chunk

    files = _article_files(None)
    (chunk,) = chunked(iter_units([str(f) for f in files]), 10_000)
    result = convert_chunk(0, chunk, BASE, True, 1 << 22)
    expected: set[ox.Quad] = set()
    for _name, conv in _conversions(files):
        if validate(conv.graph).conforms:
            nq = ntriples_to_nquads(str(conv.article_iri), graph_to_ntriples(conv.graph))
            expected.update(ox.parse(nq.encode("utf-8"), ox.RdfFormat.N_QUADS))
    got = set(ox.parse(result.nquads, ox.RdfFormat.N_QUADS))
    assert result.articles > 40 and len(expected) > 10000
    assert got == expected


def test_bulk_load_with_a_default_graph_file_equals_deriving_it(tmp_path: Path) -> None:
    """EmbeddedStore.bulk_load(shard, default_graph=nt) against the shard-only route (batch load)."""
    outcomes = [
        o
        for u in iter_units([str(p) for p in _article_files(None)])
        for o in process_unit(u, BASE, True, 1 << 22)
        if o.status == "ok" and o.graph_iri is not None
    ]
    nq, nt = tmp_path / "shard.nq", tmp_path / "shard.nt"
    nq.write_text(
        "".join(ntriples_to_nquads(o.graph_iri or "", o.ntriples, canonical=True) for o in outcomes),
        encoding="utf-8",
    )
    nt.write_text("".join(o.ntriples for o in outcomes), encoding="utf-8")
    derived, paired = EmbeddedStore(str(tmp_path / "a")), EmbeddedStore(str(tmp_path / "b"))
    try:
        derived.bulk_load(nq)
        paired.bulk_load(nq, default_graph=nt)
        quads = _quads(paired)
        assert any(q[3] == "DEFAULT" for q in quads) and len(quads) > 20000
        assert quads == _quads(derived)
    finally:
        derived.close()
        paired.close()


def test_the_workers_index_triples_are_what_the_shard_reads_back(
    tmp_path: Path, shared_dir: Path | None
) -> None:
    """``Outcome.index`` (made in the worker) stands in for ``summaries.from_nquads`` of the
    shard: per graph, the same triples, repeats included."""
    from newsgraph.store import summaries

    dev = shared_dir / "corpus" / "dev" if shared_dir is not None else None
    files = _article_files(dev) + sorted(_generated(tmp_path / "gen", 30).rglob("*.txt"))
    outcomes = [
        o
        for u in iter_units([str(p) for p in files])
        for o in process_unit(u, BASE, True, 1 << 22, check=True)
        if o.status == "ok"
    ]
    assert len(outcomes) > 60
    shard = tmp_path / "shard.nq"
    shard.write_text(
        "".join(ntriples_to_nquads(o.graph_iri or "", o.ntriples, canonical=True) for o in outcomes),
        encoding="utf-8",
    )
    read_back = {g: sorted(t) for g, t in summaries.from_nquads(str(shard)).items()}
    sent = {o.graph_iri: sorted(o.index or []) for o in outcomes}
    assert sent == read_back
    literals = [obj for ts in sent.values() for _, _, obj, is_iri in ts if not is_iri]
    assert any(not o.isascii() for o in literals) and any('"' in o for o in literals)  # escapes in the text
    # The transactional path has no shard to spare the reading of, and carries none.
    plain = process_unit(Unit("one", path=str(files[0])), BASE, True, 1 << 22)
    assert plain and all(o.index is None for o in plain)


def test_bulk_ingest_keeps_the_index_from_the_workers_triples(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With worker processes, the shards are never read back for the index, and the index
    is still the one a rebuild makes."""
    from newsgraph.store import summaries

    corpus = _generated(tmp_path / "gen", 40)

    def never(path: str) -> None:
        raise AssertionError(f"the shard {path} was read back")

    monkeypatch.setattr(summaries, "from_nquads", never)
    store = EmbeddedStore(str(tmp_path / "store"))
    try:
        for _ in range(2):  # a new store, then every article replaced
            report = ingest([str(corpus)], store, base=BASE, bulk=True, workers=2, shard_bytes=40_000)
            assert report.ok and report.written == 40
        incremental = set(
            store.oxigraph.quads_for_pattern(None, None, None, ox.NamedNode(summaries.INDEX_GRAPH))
        )
        assert len(incremental) > 1000
        store.reindex()
        rebuilt = set(store.oxigraph.quads_for_pattern(None, None, None, ox.NamedNode(summaries.INDEX_GRAPH)))
        assert incremental == rebuilt
    finally:
        store.close()


class _FailingSecondLoad(EmbeddedStore):
    """A real store whose second bulk load fails, as a full disk would."""

    loads = 0

    def bulk_load(self, *args: Any, **kwargs: Any) -> None:
        self.loads += 1
        if self.loads == 2:
            from newsgraph.errors import StoreError

            raise StoreError("no space left on the test device")
        super().bulk_load(*args, **kwargs)


def test_a_shard_that_fails_to_load_stops_the_run_with_its_error(tmp_path: Path) -> None:
    """Shards are stored by a loading thread while the next is written: the failure of one
    reaches the caller as the run's error, the shard stored before it stays whole, and no
    shard file is left behind."""
    from newsgraph.errors import StoreError

    corpus = _generated(tmp_path / "gen", 40)
    shards = tmp_path / "shards"
    shards.mkdir()
    store = _FailingSecondLoad(str(tmp_path / "store"))
    try:
        with pytest.raises(StoreError, match="no space left"):
            ingest(
                [str(corpus)],
                store,
                base=BASE,
                bulk=True,
                workers=2,
                shard_bytes=40_000,
                shard_dir=str(shards),
            )
        assert store.loads == 2
        stored = set(store.graph_names())
        assert stored  # the first shard, loaded before the failure
        for g in stored:  # each stored article complete: the same quads as a converted copy
            assert len(list(store.oxigraph.quads_for_pattern(None, None, None, ox.NamedNode(g)))) > 50
        assert not list(shards.rglob("*.nq")) and not list(shards.rglob("*.nt"))
    finally:
        store.close()
