"""Batch conversion on a real (small, local) Dask cluster, and loading its shards into stores."""

from __future__ import annotations

import json
from pathlib import Path
from types import ModuleType

import pytest
from click.testing import CliRunner
from rdflib.compare import isomorphic

pytest.importorskip("distributed")

from bench_modules import load_bench
from newsgraph import batch  # noqa: E402
from newsgraph.cli import cli  # noqa: E402
from newsgraph.errors import InputError, StoreError  # noqa: E402
from newsgraph.ingest import ingest  # noqa: E402
from newsgraph.store.embedded import EmbeddedStore  # noqa: E402

BASE = "http://example.test"


def _generator() -> ModuleType:
    return load_bench("generate", "bench_generate_for_dask")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """30 text pages in one directory plus 12 JSONL records in another."""
    root = tmp_path_factory.mktemp("corpus")
    gen = _generator()
    gen.write_corpus(root / "pages", 30, seed=11, fmt="txt")
    gen.write_corpus(root / "records", 12, seed=12, fmt="jsonl")
    return root


def _ingested(inputs: list[Path], tmp: Path) -> EmbeddedStore:
    """The same articles through plain ``newsgraph ingest`` (no Dask): the reference."""
    store = EmbeddedStore(tmp)
    report = ingest([str(p) for p in inputs], store, base=BASE)
    assert report.ok, report.problems
    return store


def test_local_cluster_shards_load_to_the_same_graphs(corpus: Path, tmp_path: Path) -> None:
    shards = tmp_path / "shards"
    report = batch.run_convert([corpus], shards, base_uri=BASE, workers=2, processes=False, chunk_size=10)
    assert (report.articles, report.failed) == (42, 0)
    assert sorted(p.name for p in shards.glob("part-*.nq")) == [f"part-{i:06d}.nq" for i in range(5)]
    manifest = json.loads((shards / "manifest.json").read_text())
    assert manifest["articles"] == 42 and manifest["failures"] == []

    reference = _ingested([corpus], tmp_path / "reference")
    store = EmbeddedStore(tmp_path / "store")
    try:
        loaded = batch.load_shards(shards, store)
        assert loaded.graphs == 42
        names = set(reference.graph_names())
        assert set(store.graph_names()) == names and len(names) == 42
        for iri in sorted(names):
            assert isomorphic(store.get_graph(iri), reference.get_graph(iri)), iri
        # Loading again replaces rather than duplicates.
        before = store.count()
        batch.load_shards(shards, store)
        assert store.count() == before
    finally:
        store.close()
        reference.close()


def test_bad_articles_are_reported_and_the_rest_converted(corpus: Path, tmp_path: Path) -> None:
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "empty.txt").write_text("   \n")
    (bad / "broken.jsonl").write_text('{"title": "ok", "text": "Fine words here."}\n{not json\n')
    report = batch.run_convert(
        [bad, corpus / "pages" / "shard-00000" / "00000003.txt"],
        tmp_path / "out",
        base_uri=BASE,
        workers=1,
        processes=False,
    )
    assert report.articles == 2
    failed = {name for name, _ in report.failures}
    assert any(n.endswith("empty.txt") for n in failed)
    assert any("broken.jsonl:2" in n for n in failed)
    assert all(message.startswith("failed: ") for _, message in report.failures)
    manifest = json.loads((tmp_path / "out" / "manifest.json").read_text())
    assert len(manifest["failures"]) == 2


def test_no_articles_is_an_input_error(tmp_path: Path) -> None:
    (tmp_path / "notes.md").write_text("not an article")
    with pytest.raises(InputError, match="no article files"):
        batch.run_convert([tmp_path], tmp_path / "out", base_uri=BASE, processes=False, workers=1)


def test_cli_convert_on_two_worker_processes_then_load(corpus: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    shards = tmp_path / "shards"
    res = runner.invoke(
        cli,
        [
            "batch",
            "convert",
            str(corpus / "records"),
            "--out",
            str(shards),
            "--workers",
            "2",
            "--chunk-size",
            "5",
            "--base-uri",
            BASE,
            "--quiet",
        ],
    )
    assert res.exit_code == 0, res.output
    assert "12 articles in 3 shards" in res.output
    res = runner.invoke(cli, ["batch", "load", str(shards), "--store", str(tmp_path / "store"), "--quiet"])
    assert res.exit_code == 0, res.output
    assert "loaded 12 article graphs" in res.output


def test_cli_errors_are_one_line_messages(tmp_path: Path) -> None:
    runner = CliRunner()
    res = runner.invoke(cli, ["batch", "load", str(tmp_path / "nowhere"), "--store", str(tmp_path / "s")])
    assert res.exit_code == 2
    assert "no such shards directory" in res.output and "Traceback" not in res.output
    empty = tmp_path / "empty"
    empty.mkdir()
    res = runner.invoke(cli, ["batch", "load", str(empty), "--store", str(tmp_path / "s")])
    assert res.exit_code == 2 and "no N-Quads shards" in res.output
    res = runner.invoke(cli, ["batch", "convert", str(tmp_path / "nowhere"), "--out", str(tmp_path / "o")])
    assert res.exit_code == 2 and "no such file or directory" in res.output


def test_unreachable_scheduler_is_reported(corpus: Path, tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="cannot reach the Dask scheduler"):
        batch.run_convert(
            [corpus / "records"],
            tmp_path / "o",
            base_uri=BASE,
            scheduler="tcp://127.0.0.1:9",
            connect_timeout=2,
        )


@pytest.mark.remote
def test_shards_post_to_a_remote_sparql_server(corpus: Path, tmp_path: Path, remote_url: str) -> None:
    from newsgraph.store import open_store

    shards = tmp_path / "shards"
    batch.run_convert([corpus / "records"], shards, base_uri=BASE, workers=1, processes=False, chunk_size=4)
    reference = _ingested([corpus / "records"], tmp_path / "reference")
    remote = open_store(remote_url)
    try:
        batch.load_shards(shards, remote)
        names = set(reference.graph_names())
        assert set(remote.graph_names()) == names and len(names) == 12
        for iri in sorted(names)[:3]:
            assert isomorphic(remote.get_graph(iri), reference.get_graph(iri)), iri
    finally:
        remote.close()
        reference.close()
