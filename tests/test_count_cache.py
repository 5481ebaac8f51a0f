"""The summary index's count cache (``summaries.CountCache``): a writer that follows the
counts in memory must leave exactly the index that reading them back would have left.

The checks run the same writes (add, remove, replace, re-add) on two embedded stores,
one with a cache far too small for the data (so groups are evicted and read again) and
one without, and compare the index graphs statement by statement; then the cache's
remembered counts against a fresh read of the store; then pages against live queries.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import URIRef

from ld_fixtures import BASE, all_specs, article_graph, load
from newsgraph.ingest import ingest, iter_units
from newsgraph.server import describe as dsc
from newsgraph.store import open_store, summaries
from newsgraph.store.embedded import EmbeddedStore
from test_ingest import write_articles
from test_summaries import _check_all, _index_triples, _pages, moved


def _writes(store: EmbeddedStore) -> dict[str, URIRef]:
    ids = load(store, fiji=30)
    graphs = [article_graph(BASE, spec) for spec in all_specs(30)]
    fiji = [(iri, g) for iri, g in graphs if "fiji" in str(g.value(iri, URIRef(str(dsc.NG.url))) or "")]
    store.remove_graph(str(fiji[0][0]))
    store.remove_graphs([str(iri) for iri, _ in fiji[1:14]])
    iri, g = fiji[20]
    store.put_graph(str(iri), moved(iri, g, "2021-06-30"))
    store.put_graphs([(str(i), gr) for i, gr in fiji[:14]])
    return ids


@pytest.mark.parametrize("max_codes", [25, 10**6])
def test_cached_counts_write_the_same_index(tmp_path: Path, max_codes: int) -> None:
    plain = EmbeddedStore(tmp_path / "plain")
    cached = EmbeddedStore(tmp_path / "cached")
    cache = cached.count_cache = summaries.CountCache(max_codes=max_codes)
    _writes(plain)
    ids = _writes(cached)
    assert cache.hits > 0, "the writes never used what the cache held"
    assert len(cache) <= max_codes
    assert _index_triples(cached) == _index_triples(plain)
    # What the cache holds is what the store holds.
    held = list(cache._groups)
    assert held or max_codes < 100  # a group bigger than the whole cache is not kept
    remembered, missing = cache.lookup(held)
    assert not missing
    assert remembered == summaries._query_counts(cached, held)
    cached.count_cache = None
    _check_all(cached, ids)
    plain.close()
    cached.close()


def test_cache_is_forgotten_by_a_raw_update_and_by_reindex(tmp_path: Path) -> None:
    store = EmbeddedStore(tmp_path / "s")
    cache = store.count_cache = summaries.CountCache()
    load(store, fiji=5)
    assert len(cache) > 0
    summaries.mark_stale(store)
    assert len(cache) == 0
    load(store, fiji=5)
    assert len(cache) > 0
    store.reindex()
    assert len(cache) == 0
    store.close()


def test_a_group_with_two_count_statements_is_read_again(tmp_path: Path) -> None:
    """A race between two writers can leave a bucket two count statements; the cache
    must not hold that group (it could not spell both for deletion), so the next write
    reads it and leaves one."""
    store = EmbeddedStore(tmp_path / "s")
    ids = load(store, fiji=5)
    node, code, value = next(
        (r["g"], *summaries.parse_count(str(r["v"]))[:1], str(r["v"]))
        for r in store.select(
            f"SELECT ?g ?v WHERE {{ GRAPH <{summaries.INDEX_GRAPH}> "
            f"{{ ?g <{summaries.COUNT}> ?v }} }} LIMIT 1"
        )
    )
    n = summaries.parse_count(value)[1]
    extra = summaries.count_literal(code, n + 3)
    store.update(
        f'INSERT DATA {{ GRAPH <{summaries.INDEX_GRAPH}> {{ <{node}> <{summaries.COUNT}> "{extra}" }} }}'
    )
    cache = store.count_cache = summaries.CountCache()
    found = summaries._read_counts(store, [str(node)])
    assert sorted(found[str(node)][code]) == sorted([value, extra])
    assert str(node) not in cache._groups
    store.count_cache = None
    store.close()
    assert ids


def test_bulk_ingest_in_many_shards_keeps_the_index_right(tmp_path: Path) -> None:
    """``ingest`` sets a cache on an embedded store for the run (and takes it off after):
    many small shards, then the same articles again, give the index a rebuild gives."""
    write_articles(tmp_path / "in", 24)
    location = tmp_path / "store"
    store = open_store(str(location))
    assert isinstance(store, EmbeddedStore)
    for _ in range(2):
        units = list(iter_units([str(tmp_path / "in")]))
        report = ingest(units, store, base=BASE, bulk=True, shard_bytes=3000)
        assert report.written == 24 and report.ok
        assert store.count_cache is None
    incremental = _index_triples(store)
    store.reindex()
    assert _index_triples(store) == incremental
    store.close()


def test_counts_followed_only_where_the_process_writes_alone(tmp_path: Path) -> None:
    from newsgraph.store import counts_followed

    store = EmbeddedStore(tmp_path / "s")
    with counts_followed(store):
        outer = store.count_cache
        assert isinstance(outer, summaries.CountCache)
        with counts_followed(store):
            assert store.count_cache is outer  # nested runs share the one cache
        assert store.count_cache is outer
    assert store.count_cache is None
    with pytest.raises(RuntimeError), counts_followed(store):
        raise RuntimeError("a failed run")
    assert store.count_cache is None
    store.close()
    reader = EmbeddedStore(tmp_path / "s", read_only=True)
    with counts_followed(reader):
        assert reader.count_cache is None
    reader.close()
    memory = open_store(":memory:")
    with counts_followed(memory):
        assert isinstance(memory.count_cache, summaries.CountCache)  # type: ignore[attr-defined]


@pytest.mark.parametrize("followed", [False, True])
def test_a_known_member_gains_a_new_bucket(tmp_path: Path, followed: bool) -> None:
    """A person already in the index (as the linking resource of a nationality) stated by a
    new article with another nationality: the new membership must be counted, although
    the member is not new (the index skips the lookup only for members it has never held)."""
    from dataclasses import replace

    from ld_fixtures import KAZ, XI, Actor, EventSpec, fiji_articles

    store = EmbeddedStore(tmp_path / "s")
    ids = load(store, fiji=3)
    # Another Kazakh whose undated link lands in the hash bucket Xi's will: that bucket
    # then has a count, so Xi's new membership is looked up rather than known fresh.
    xi_hash = summaries.md5(str(XI.iri(BASE)))[0]
    other = next(
        Actor("person", name, nationality="KAZ")
        for name in (f"Asel Nurlanova {i}" for i in range(1000))
        if summaries.md5(str(Actor("person", name).iri(BASE)))[0] == xi_hash
    )
    first = replace(
        fiji_articles(1)[0],
        url="https://example.org/news/other-kaz",
        events=[EventSpec(dsc.NG.Meeting, "2023-03-02", "They met.", "met", [other, KAZ])],
    )
    first_iri, first_graph = article_graph(BASE, first)
    store.put_graph(str(first_iri), first_graph)
    kaz = URIRef(KAZ.iri(BASE))
    _, key = kaz.split("/id/", 1)[1].split("/", 1)
    before = dsc.describe(store, BASE, "country", key, page=1, page_size=50).link_counts
    xi_kaz = replace(XI, nationality="KAZ")
    spec = replace(
        fiji_articles(1)[0],
        url="https://example.org/news/xi-kaz",
        events=[EventSpec(dsc.NG.Meeting, "2023-03-03", "Xi met.", "met", [xi_kaz, KAZ])],
    )
    iri, graph = article_graph(BASE, spec)
    if followed:
        store.count_cache = summaries.CountCache()
    store.put_graph(str(iri), graph)
    store.count_cache = None
    after = dsc.describe(store, BASE, "country", key, page=1, page_size=50).link_counts
    assert after.get(dsc.NG.nationality, 0) == before.get(dsc.NG.nationality, 0) + 1
    _check_all(store, {**ids, "kaz": kaz})
    _pages(store, str(kaz), expect_index=True)
    store.close()
