"""The SPARQL benchmark's judgement of answers: a query cut off at the server's timeout is
reported as such (on a real ``oxigraph serve-read-only``), and the verdict and report
treat a baseline that timed out as slower than any finished answer."""

from __future__ import annotations

from pathlib import Path
from types import ModuleType
from typing import Any

import pyoxigraph as ox
import pytest

from bench_modules import load_bench
from oxigraph_server import oxigraph_binary


@pytest.fixture(scope="module")
def bs() -> ModuleType:
    return load_bench("bench_sparql", "bench_sparql_for_tests")


def test_complete_tells_cut_off_bodies(bs: ModuleType) -> None:
    select = bs.qm.Query("q", "", "SELECT * {}")
    graph = bs.qm.Query("g", "", "CONSTRUCT {} WHERE {}", graph=True)
    assert bs.complete(select, b'{"head":{"vars":["n"]},"results":{"bindings":[]}}')
    assert not bs.complete(
        select, b'{"head":{"vars":["n"]},"results":{"bindings":[The SPARQL operation has been'
    )
    assert not bs.complete(select, b'{"head":{"vars":["n"]},"results":{"bindings":[{"n":{"type":"literal"')
    assert not bs.complete(select, b'{"head":{}}The SPARQL operation has been cancelled')
    assert bs.complete(select, b'{"head":{},"boolean":true}\n')
    assert bs.complete(graph, b"<http://a> <http://b> <http://c> .\n")
    assert bs.complete(graph, b"")
    assert not bs.complete(
        graph, b"<http://a> <http://b> <http://c> .\nThe SPARQL operation has been cancelled"
    )


def _lat(median: float | None) -> dict[str, Any]:
    return {
        "first_ms": median,
        "median_ms": median,
        "p95_ms": median,
        "runs": 3,
        "size": None if median is None else 1,
    }


def _server(latency: dict[str, Any], qps: float) -> dict[str, Any]:
    return {"latency": latency, "throughput": {"qps": qps, "queries": 1, "timed_out": 0}, "rss": 0}


def test_verdict_with_timeouts(bs: ModuleType) -> None:
    r = {
        "oxigraph": _server({"slow": _lat(None), "fast": _lat(3.0), "mid": _lat(40.0)}, 2.0),
        "newsgraph": _server({"slow": _lat(900.0), "fast": _lat(4.0), "mid": _lat(None)}, 5.0),
    }
    v = bs.verdict(r)
    assert v["queries"]["slow"]["ok"] and v["queries"]["slow"]["baseline_timed_out"]
    assert v["queries"]["fast"]["ok"]
    assert not v["queries"]["mid"]["ok"] and v["queries"]["mid"]["timed_out"]
    assert v["throughput_ok"] and not v["all_ok"]
    assert bs._ms(None, 60.0) == "> 60 s" and bs._ms(12.345, 60.0) == "12.3"
    assert bs._target(v["queries"]["slow"]) == "baseline timed out"


def test_a_query_past_the_timeout_is_reported_not_raised(bs: ModuleType, tmp_path: Path) -> None:
    """A real Oxigraph server with a 1 s timeout: a cross product it cannot finish in time
    streams a 200 that stops mid-answer, and the endpoint reports QueryTimedOut."""
    if oxigraph_binary() is None:
        pytest.skip("the oxigraph server binary (PyPI package oxigraph) is not installed")
    store = ox.Store(str(tmp_path / "oxi"))
    ex = "http://example.org/"
    store.extend(
        ox.Quad(ox.NamedNode(f"{ex}s{i}"), ox.NamedNode(f"{ex}p"), ox.Literal(i), ox.DefaultGraph())
        for i in range(3000)
    )
    store.flush()
    del store
    port = bs.bl.free_port()
    cmd = bs.oxigraph_cmd(tmp_path / "oxi", port, 1, union=False)
    ep = bs.Endpoint("oxigraph", port, "/query", 1.0)
    heavy = bs.qm.Query("heavy", "", "SELECT (COUNT(*) AS ?n) { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }")
    light = bs.qm.Query("light", "", "SELECT (COUNT(*) AS ?n) { ?a ?b ?c }")
    with bs.bl.server(cmd, f"http://127.0.0.1:{port}/query?query=ASK%7B%7D"):
        with pytest.raises(bs.QueryTimedOut):
            ep.ask(heavy)
        assert bs.answer_size(light, ep.ask(light)) == 1  # the endpoint goes on after a timeout
        out = bs.latencies(ep, [heavy, light], reps=3, budget=1.0)
    assert out["heavy"]["median_ms"] is None and out["heavy"]["timeout_s"] == 1.0
    assert out["light"]["size"] == 1 and out["light"]["runs"] == 3


def test_oxigraph_server_reads_newsgraphs_own_store(bs: ModuleType, tmp_path: Path) -> None:
    """``--same-store``: ``oxigraph serve-read-only`` opens the directory newsgraph wrote and
    answers over the default graph newsgraph keeps with the same rows as newsgraph's store
    itself, so the comparison needs no export or copy."""
    if oxigraph_binary() is None:
        pytest.skip("the oxigraph server binary (PyPI package oxigraph) is not installed")
    import json

    from newsgraph import samples
    from newsgraph.ingest import ingest
    from newsgraph.store.embedded import EmbeddedStore

    location = tmp_path / "store"
    store = EmbeddedStore(str(location))
    report = ingest([str(Path(samples.__file__).parent)], store, base="http://kg.test", bulk=True)
    assert report.written >= 5 and report.ok
    pairs = bs.qm.Query("pairs", "", "SELECT ?s ?o WHERE { ?s a ?o } ORDER BY ?s ?o")
    ours = json.loads(store.query(pairs.text, "application/sparql-results+json"))["results"]["bindings"]
    store.close()
    assert len(ours) > 50
    port = bs.bl.free_port()
    ep = bs.Endpoint("oxigraph", port, "/query", 30.0)
    cmd = bs.oxigraph_cmd(location, port, 30, union=False)
    with bs.bl.server(cmd, f"http://127.0.0.1:{port}/query?query=ASK%7B%7D"):
        theirs = json.loads(ep.ask(pairs))["results"]["bindings"]
    assert theirs == ours
