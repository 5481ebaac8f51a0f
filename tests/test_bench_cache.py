"""The SPARQL result cache: repeats are answered from memory, never across a change of the store."""

from __future__ import annotations

import json

import pyoxigraph as ox
import pytest

from newsgraph.errors import BadQuery
from newsgraph.server.cache import CachingExecutor, with_cache
from newsgraph.server.querying import JSON_RESULTS, InProcessExecutor, QueryAnswer, QueryJob

EX = "http://example.test/"


def job(sparql: str, media_type: str = JSON_RESULTS, limit: int = 1000) -> QueryJob:
    return QueryJob(
        sparql=sparql,
        base_iri=None,
        union_default=True,
        default_graphs=None,
        named_graphs=None,
        media_type=media_type,
        graph_media_type="text/turtle",
        limit=limit,
    )


COUNT = job("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")


def count_of(answer: QueryAnswer) -> int:
    return int(json.loads(answer.body)["results"]["bindings"][0]["n"]["value"])


def add(store: ox.Store, n: int) -> None:
    g = ox.NamedNode(EX + "g")
    for i in range(n):
        t = (ox.NamedNode(f"{EX}s{i}"), ox.NamedNode(EX + "p"), ox.Literal(str(i)))
        # As the store layer writes: the article graph and the default graph (their union).
        store.add(ox.Quad(*t, g))
        store.add(ox.Quad(*t))


@pytest.fixture
def store() -> ox.Store:
    s = ox.Store()
    add(s, 3)
    return s


def test_repeat_is_a_hit_and_a_change_is_seen(store: ox.Store) -> None:
    cache = CachingExecutor(InProcessExecutor(store), 1 << 20)
    assert count_of(cache.run(COUNT, 5)) == 3
    first = cache.run(COUNT, 5)
    assert (cache.hits, cache.misses) == (1, 1)
    add(store, 10)
    assert cache.run(COUNT, 5) is first  # still cached: nobody said the store changed
    cache.invalidate()
    assert count_of(cache.run(COUNT, 5)) == 10
    assert len(cache) == 1


def test_key_is_the_whole_job(store: ox.Store) -> None:
    cache = CachingExecutor(InProcessExecutor(store), 1 << 20)
    a = cache.run(COUNT, 5)
    b = cache.run(job(COUNT.sparql, media_type="text/csv"), 5)
    c = cache.run(job(COUNT.sparql, limit=1), 5)
    assert a.body != b.body
    assert len(cache) == 3 and cache.hits == 0 and c.media_type == JSON_RESULTS


def test_errors_are_not_cached(store: ox.Store) -> None:
    cache = CachingExecutor(InProcessExecutor(store), 1 << 20)
    bad = job("SELECT WHERE {")
    for _ in range(2):
        with pytest.raises(BadQuery):
            cache.run(bad, 5)
    assert cache.misses == 2 and len(cache) == 0


def test_memory_stays_within_budget_least_recent_first(store: ox.Store) -> None:
    add(store, 50)
    budget = 48 * 1024
    cache = CachingExecutor(InProcessExecutor(store), budget)
    jobs = [job(f"SELECT ?s WHERE {{ ?s ?p ?o }} LIMIT {k}") for k in range(1, 60)]
    for j in jobs:
        cache.run(j, 5)
        assert cache.size_bytes <= budget
    assert 0 < len(cache) < len(jobs)
    hits = cache.hits
    cache.run(jobs[-1], 5)
    assert cache.hits == hits + 1  # the most recent stays
    cache.run(jobs[0], 5)
    assert cache.hits == hits + 1  # the oldest went first


def test_big_answers_are_not_kept(store: ox.Store) -> None:
    add(store, 300)
    cache = CachingExecutor(InProcessExecutor(store), 8 * 1024)
    cache.run(job("SELECT ?s ?o WHERE { ?s ?p ?o }"), 5)
    assert len(cache) == 0


class _WriterDuringQuery(InProcessExecutor):
    """A real executor whose query overlaps a write: the write lands while it runs."""

    cache: CachingExecutor

    def run(self, job: QueryJob, timeout: float) -> QueryAnswer:
        answer = super().run(job, timeout)
        add(self._store, 5)
        self.cache.invalidate()
        return answer


def test_answer_computed_across_a_change_is_not_kept(store: ox.Store) -> None:
    inner = _WriterDuringQuery(store)
    cache = CachingExecutor(inner, 1 << 20)
    inner.cache = cache
    cache.run(COUNT, 5)
    assert len(cache) == 0


def test_tiny_budget_means_no_cache(store: ox.Store) -> None:
    inner = InProcessExecutor(store)
    assert with_cache(inner, 1) is inner
    assert isinstance(with_cache(inner, 1 << 20), CachingExecutor)
