"""The summary index: documents built from it equal those built by live queries.

Every check builds the same page twice -- once through the index (``use_index=True``,
and the test asserts the index really answered) and once with live queries only --
and compares the Description field by field and the RDF documents with
``rdflib.compare.isomorphic``.  That is repeated after adding articles, after
replacing and removing some, after a raw update (the index must step aside) and
after ``reindex``, on the embedded store and on a real ``oxigraph serve``.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from rdflib import Graph, URIRef
from rdflib.compare import isomorphic

from ld_fixtures import BASE, all_specs, article_graph, load
from newsgraph.errors import ResourceNotFound
from newsgraph.server import describe as dsc
from newsgraph.server.documents import description_dataset, flatten
from newsgraph.store import Store, summaries

PAGE = 7
NAMES = ("person", "putin", "country", "organization", "source", "fiji", "rabuka", "hostile_person")


def _split(iri: str) -> tuple[str, str]:
    kind, key = iri.split("/id/", 1)[1].split("/", 1)
    return kind, key


def _document(desc: dsc.Description) -> Graph:
    ds = description_dataset(desc, BASE, lambda n: f"{BASE}/data/x.ttl?page={n}")
    return flatten(ds)


def _pages(store: Store, iri: str, *, expect_index: bool) -> int:
    """Compare every page of iri's description built both ways; returns the page count."""
    kind, key = _split(iri)
    page = 1
    while True:
        try:
            live = dsc.describe(store, BASE, kind, key, page=page, page_size=PAGE, use_index=False)
        except ResourceNotFound:
            # Gone with the articles that named it: gone through the index too.
            with pytest.raises(ResourceNotFound):
                dsc.describe(store, BASE, kind, key, page=page, page_size=PAGE)
            return 0
        fast = dsc.describe(store, BASE, kind, key, page=page, page_size=PAGE, near=True)
        assert (fast.summary is not None) == expect_index, (iri, page)
        assert fast.link_counts == live.link_counts, iri
        assert fast.mention_count == live.mention_count, iri
        assert [(lk.subject, lk.predicate, lk.date) for lk in fast.links] == [
            (lk.subject, lk.predicate, lk.date) for lk in live.links
        ], (iri, page)
        assert [m.iri for m in fast.mentions] == [m.iri for m in live.mentions], (iri, page)
        assert fast.statements == live.statements, iri
        assert dsc.timeline(store, fast) == dsc.timeline(store, live), iri
        assert dsc.neighbours(store, fast) == dsc.neighbours(store, live), iri
        dsc.load_cards(store, fast)
        dsc.load_cards(store, live)
        assert isomorphic(_document(fast), _document(live)), (iri, page)
        if page >= live.last_page:
            return page
        page += 1


def _check_all(store: Store, ids: dict[str, URIRef], *, expect_index: bool = True) -> None:
    for name in NAMES:
        _pages(store, str(ids[name]), expect_index=expect_index)


@pytest.fixture
def loaded(store: Store) -> tuple[Store, dict[str, URIRef]]:
    ids = load(store, fiji=30)
    return store, ids


def test_index_pages_equal_live_pages(loaded: tuple[Store, dict[str, URIRef]]) -> None:
    store, ids = loaded
    _check_all(store, ids)
    # The paged hubs really are paged, so windows that span buckets are compared.
    assert _pages(store, str(ids["fiji"]), expect_index=True) > 3


def test_index_follows_replace_and_remove(loaded: tuple[Store, dict[str, URIRef]]) -> None:
    store, ids = loaded
    specs = all_specs(30)
    graphs = [article_graph(BASE, spec) for spec in specs]
    fiji = [(iri, g) for iri, g in graphs if "fiji" in str(g.value(iri, URIRef(str(dsc.NG.url))) or "")]
    assert len(fiji) == 30
    # Remove a third of the Fiji articles, one by one and as a batch.
    assert store.remove_graph(str(fiji[0][0]))
    store.remove_graphs([str(iri) for iri, _ in fiji[1:14]])
    _check_all(store, ids)
    # Replace one with a version whose event moved to another day (another bucket).
    iri, g = fiji[20]
    moved = Graph(identifier=iri)
    for s, p, o in g:
        if p == dsc.NG.date:
            o = type(o)("2021-06-30", datatype=o.datatype)
        moved.add((s, p, o))
    store.put_graph(str(iri), moved)
    _check_all(store, ids)
    # Put the removed ones back in one batch.
    store.put_graphs([(str(i), gr) for i, gr in fiji[:14]])
    _check_all(store, ids)


def test_shared_link_stays_while_another_article_states_it(loaded: tuple[Store, dict[str, URIRef]]) -> None:
    """A person's nationality is stated by many articles; removing one keeps the link."""
    store, ids = loaded
    country = str(ids["country"])
    kind, key = _split(country)
    before = dsc.describe(store, BASE, kind, key, page=1, page_size=50).link_counts
    first = str(ids["article"])
    store.remove_graph(first)
    _check_all(store, ids)
    after = dsc.describe(store, BASE, kind, key, page=1, page_size=50).link_counts
    assert after.get(dsc.NG.nationality) == before.get(dsc.NG.nationality)


def test_raw_update_makes_pages_live_until_reindex(loaded: tuple[Store, dict[str, URIRef]]) -> None:
    store, ids = loaded
    fiji = str(ids["fiji"])
    store.update(f"DELETE WHERE {{ ?e <{dsc.NG.country}> <{fiji}> . ?e <{dsc.NG.date}> ?d }}")
    summaries.mark_stale(store)
    _check_all(store, ids, expect_index=False)
    store.reindex()
    _check_all(store, ids)


def test_pending_write_makes_the_entity_live(loaded: tuple[Store, dict[str, URIRef]]) -> None:
    """A write caught between its steps (as a crash would leave it) never shows half an index."""
    store, ids = loaded
    specs = all_specs(30)
    iri, g = article_graph(BASE, specs[-1])  # a Fiji article
    marked = summaries.begin(store, [str(iri)], {str(iri): list(summaries.triples_from_rdflib(g))})
    assert marked == [str(iri)]
    # Its old links are out of the index but the article is still stored: Fiji goes live,
    # and Xi Jinping, whom the article does not name, still reads the index.
    _pages(store, str(ids["fiji"]), expect_index=False)
    _pages(store, str(ids["person"]), expect_index=True)
    summaries.finish(store, marked)
    _check_all(store, ids)


def test_reindex_rebuilds_the_same_index(loaded: tuple[Store, dict[str, URIRef]]) -> None:
    store, ids = loaded
    before = store.select(f"SELECT ?s ?p ?o WHERE {{ GRAPH <{summaries.INDEX_GRAPH}> {{ ?s ?p ?o }} }}")
    store.reindex()
    after = store.select(f"SELECT ?s ?p ?o WHERE {{ GRAPH <{summaries.INDEX_GRAPH}> {{ ?s ?p ?o }} }}")
    key = lambda r: (str(r["s"]), str(r["p"]), str(r["o"]))  # noqa: E731
    assert sorted(map(key, before)) == sorted(map(key, after))
    _check_all(store, ids)


def test_index_graph_stays_out_of_the_public_data(loaded: tuple[Store, dict[str, URIRef]]) -> None:
    store, _ = loaded
    assert summaries.INDEX_GRAPH not in set(store.graph_names())
    assert store.ask(f"ASK {{ GRAPH <{summaries.INDEX_GRAPH}> {{ ?s ?p ?o }} }}")
    # Nothing of it in the default graph.
    assert not store.ask(f"ASK {{ ?b <{summaries.MEMBER}> ?m }}")
    out = io.BytesIO()
    store.dump(out, "application/n-quads")
    assert summaries.INDEX_GRAPH not in out.getvalue().decode("utf-8")
    quads = store.select("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } "
                         f"FILTER (?g != <{summaries.INDEX_GRAPH}>) }}")
    assert store.count() == int(str(quads[0]["n"]))


def test_store_of_other_data_gets_no_index(store: Store) -> None:
    g = Graph()
    g.add((URIRef("http://example.org/a"), URIRef("http://example.org/p"), URIRef("http://example.org/b")))
    store.put_graph("http://example.org/g1", g)
    store.remove_graph("http://example.org/g1")
    store.put_graph("http://example.org/g2", g)
    assert not store.ask(f"ASK {{ GRAPH <{summaries.INDEX_GRAPH}> {{ ?s ?p ?o }} }}")


def test_old_store_without_index_stays_live_until_reindex(store: Store, tmp_path: Path) -> None:
    """Articles stored before the index existed: new writes must not make a partial index count."""
    graphs = [article_graph(BASE, spec) for spec in all_specs(10)]
    store.put_graphs([(str(i), g) for i, g in graphs[:-3]])
    store.update(f"DROP GRAPH <{summaries.INDEX_GRAPH}>")  # as an older newsgraph left it
    store.put_graphs([(str(i), g) for i, g in graphs[-3:]])
    fiji = next(o for s, p, o in graphs[-1][1] if p == dsc.NG.country)
    kind, key = _split(str(fiji))
    assert dsc.describe(store, BASE, kind, key, page=1, page_size=PAGE).summary is None
    store.reindex()
    assert dsc.describe(store, BASE, kind, key, page=1, page_size=PAGE).summary is not None
