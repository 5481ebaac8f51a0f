"""Compaction (`newsgraph compact`, the end of `ingest --bulk`): every quad kept, clear refusals."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
from click.testing import CliRunner, Result

from newsgraph.cli import cli

SAMPLES = Path(__file__).resolve().parents[1] / "src" / "newsgraph" / "samples"


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def quads(store: Path) -> set[ox.Quad]:
    s = ox.Store.read_only(str(store))
    try:
        return set(s.quads_for_pattern(None, None, None, None))
    finally:
        del s


def disk(store: Path) -> int:
    return sum(f.stat().st_size for f in store.rglob("*") if f.is_file())


def test_bulk_ingest_compacts_and_keeps_every_quad(tmp_path: Path) -> None:
    plain, compacted = tmp_path / "plain", tmp_path / "compacted"
    r1 = run("ingest", str(SAMPLES), "--store", str(plain), "--bulk", "--no-compact", "-q", "--workers", "1")
    r2 = run("ingest", str(SAMPLES), "--store", str(compacted), "--bulk", "-q", "--workers", "1")
    assert r1.exit_code == 0, r1.output
    assert r2.exit_code == 0, r2.output
    assert quads(plain) == quads(compacted)
    assert len(quads(plain)) > 1000
    # The repeated entity triples of separate bulk files are merged: never larger.
    assert disk(compacted) <= disk(plain)


def test_compact_command_keeps_the_data(tmp_path: Path) -> None:
    store = tmp_path / "store"
    assert run("ingest", str(SAMPLES), "--store", str(store), "--bulk", "--no-compact", "-q").exit_code == 0
    before = quads(store)
    r = run("compact", "--store", str(store))
    assert r.exit_code == 0, r.output
    assert r.output.startswith(f"compacted {store}")
    assert "MiB ->" in r.output
    assert quads(store) == before
    stats = run("stats", "--store", str(store), "--format", "json")
    assert stats.exit_code == 0 and '"articles"' in stats.output


def test_compact_refuses_a_missing_store_and_a_server(tmp_path: Path) -> None:
    missing = run("compact", "--store", str(tmp_path / "nothing-here"))
    assert missing.exit_code == 1  # the same StoreError as every reading command
    assert "no store at" in missing.output and "Traceback" not in missing.output
    remote = run("compact", "--store", "http://127.0.0.1:9/sparql")
    assert remote.exit_code == 2
    assert "oxigraph optimize" in remote.output
