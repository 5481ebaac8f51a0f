"""The summary index: documents built from it equal those built by live queries.

Every check builds the same page twice -- once through the index (``use_index=True``,
and the test asserts the index really answered) and once with live queries only --
and compares the Description field by field and the RDF documents with
``rdflib.compare.isomorphic``.  That is repeated after adding articles, after
replacing and removing some, after a raw update (the index must step aside) and
after ``reindex``, on the embedded store and on a real ``oxigraph serve``.

The index must also never leave a string behind: Oxigraph keeps every IRI and every
literal longer than 15 bytes forever, so the index may only ever have held the strings
a fresh rebuild holds (``test_index_never_holds_a_string_a_rebuild_would_not``).
"""

from __future__ import annotations

import io
import logging
from collections.abc import Iterator
from pathlib import Path

import pytest
from rdflib import XSD, Graph, Literal, URIRef
from rdflib.compare import isomorphic

from ld_fixtures import BASE, Actor, ArticleSpec, EventSpec, all_specs, article_graph, load
from newsgraph.errors import ResourceNotFound
from newsgraph.server import describe as dsc
from newsgraph.server.documents import description_dataset, flatten
from newsgraph.store import Store, open_store, summaries

PAGE = 7
NAMES = ("person", "putin", "country", "organization", "source", "fiji", "rabuka", "hostile_person")


def _split(iri: str) -> tuple[str, str]:
    kind, key = iri.split("/id/", 1)[1].split("/", 1)
    return kind, key


def _document(desc: dsc.Description) -> Graph:
    ds = description_dataset(desc, BASE, lambda n: f"{BASE}/data/x.ttl?page={n}")
    return flatten(ds)


def _pages(store: Store, iri: str, *, expect_index: bool | None) -> int:
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
        if expect_index is not None:
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


def moved(iri: URIRef, g: Graph, day: str) -> Graph:
    """The article graph with every date set to ``day``: its event moves to another bucket."""
    out = Graph(identifier=iri)
    for s, p, o in g:
        if p == dsc.NG.date:
            o = type(o)(day, datatype=o.datatype)
        out.add((s, p, o))
    return out


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
    store.put_graph(str(iri), moved(iri, g, "2021-06-30"))
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


# -- what the index writes ------------------------------------------------------------


def _lasting_strings(store: Store) -> set[str]:
    """The terms of the index graph that Oxigraph puts in its string table, never to free them.

    Inline (not counted): plain strings of at most 15 UTF-8 bytes and xsd:integer.  Any
    other term counts, to be on the safe side.
    """
    rows = store.select(
        f"SELECT DISTINCT ?t WHERE {{ GRAPH <{summaries.INDEX_GRAPH}> "
        "{ { ?t ?p ?o } UNION { ?s ?t ?o } UNION { ?s ?p ?t } } }"
    )
    found = set()
    for row in rows:
        t = row["t"]
        if isinstance(t, Literal):
            if t.datatype == XSD.integer:
                continue
            if t.datatype is None and t.language is None and len(str(t).encode("utf-8")) <= 15:
                continue
        assert isinstance(t, Literal | URIRef)
        found.add(t.n3())
    return found


def test_index_never_holds_a_string_a_rebuild_would_not(store: Store) -> None:
    """Many small writes, rewrites and a remove + re-add: the index never held a string that
    a rebuild of the final data lacks.  (The packed tallies of the old layout, rewritten
    whole on each write, left a new long literal behind every time.)"""
    graphs = [article_graph(BASE, spec) for spec in all_specs(12)]
    ever: set[str] = set()
    for iri, g in graphs:  # one article per transaction
        store.put_graph(str(iri), g)
        ever |= _lasting_strings(store)
    for iri, g in graphs[::2]:  # the same articles again
        store.put_graph(str(iri), g)
        ever |= _lasting_strings(store)
    store.remove_graph(str(graphs[3][0]))
    ever |= _lasting_strings(store)
    store.put_graphs([(str(i), g) for i, g in [graphs[3], *graphs[-5:]]])
    ever |= _lasting_strings(store)
    before = _lasting_strings(store)
    store.reindex()
    after = _lasting_strings(store)
    assert before == after
    assert ever == after, sorted(ever - after)[:5]
    # Every tally is inline: only bucket keys and nodes are lasting, no count.
    counts = store.select(
        f"SELECT ?v WHERE {{ GRAPH <{summaries.INDEX_GRAPH}> {{ ?g <{summaries.COUNT}> ?v }} }}"
    )
    assert counts
    assert all(len(str(r["v"]).encode("utf-8")) <= summaries.INLINE_BYTES for r in counts)


def test_count_literals_stay_inline() -> None:
    for code in ("20240131", "~a", "3f", "kAbC-_12", "AbCdEf-_"):
        for n in (1, 9, 999_999, 1_000_000, 12_345_678, 36**5 - 1):
            text = summaries.count_literal(code, n)
            assert len(text.encode("utf-8")) <= summaries.INLINE_BYTES, text
            assert summaries.parse_count(text) == (code, n)
    # Days name their bucket themselves, both ways; other date texts are hashed.
    assert summaries.code_of(summaries.LINKS, "2024-01-31") == "20240131"
    assert summaries._plain_key(summaries.LINKS, "20240131") == "2024-01-31"
    odd = summaries.code_of(summaries.LINKS, "20240131")
    assert summaries.is_hashed(summaries.LINKS, odd) and len(odd) == 8
    assert summaries.code_of(summaries.LINKS, "~c") == "~c"
    assert summaries.is_hashed(summaries.NEAR, summaries.code_of(summaries.NEAR, "http://x.org/a"))


HUB = Actor("person", "Hub Person")


def _hub_specs() -> list[ArticleSpec]:
    """A person meeting 20 others, 1 to 5 times each: several tie at the 12th place."""
    times = [5, 5, 4, 4, 4, 3, 3, 3, 3, 2, 2, 2, 2, 2, 2, 1, 1, 1, 1, 1]
    specs = []
    for i, n in enumerate(times):
        other = Actor("person", f"Guest Number{i}")
        for j in range(n):
            day = f"2021-{1 + j:02d}-{1 + i:02d}"
            s = f"Hub Person met Guest Number{i} on day {j}."
            specs.append(
                ArticleSpec(
                    url=f"https://example.org/news/hub/{i}/{j}",
                    title=f"Meeting {i}-{j}",
                    published=day,
                    source="Hub Wire",
                    text=s,
                    events=[EventSpec(NG_MEETING, day, s, "met", [HUB, other])],
                )
            )
    return specs


NG_MEETING = dsc.NG.Meeting


def test_top_neighbours_with_ties(store: Store) -> None:
    """Only the top neighbours are named through the index; the page is the live one."""
    store.put_graphs([(str(i), g) for i, g in (article_graph(BASE, s) for s in _hub_specs())])
    hub = str(HUB.iri(BASE))
    _pages(store, hub, expect_index=True)
    summary = summaries.load(store, hub, near=True, near_top=12)
    assert summary is not None
    near = summary.near[str(dsc.NG.participant)]
    assert len(near) == 15  # counts 5..2: the 12th is a 2, and all six 2s are named
    full = summaries.load(store, hub, near=True)
    assert full is not None and len(full.near[str(dsc.NG.participant)]) == 20
    assert {k: v for k, v in full.near[str(dsc.NG.participant)].items() if v >= 2} == near


def test_odd_date_text_is_filed_under_a_hashed_key(loaded: tuple[Store, dict[str, URIRef]]) -> None:
    store, ids = loaded
    iri, g = article_graph(BASE, all_specs(30)[-1])
    odd = Graph(identifier=iri)
    for s, p, o in g:
        if p == dsc.NG.date:
            o = Literal("early 2021")
        odd.add((s, p, o))
    store.put_graph(str(iri), odd)
    fast = summaries.load(store, str(ids["fiji"]))
    assert fast is not None and "early 2021" in fast.links[str(dsc.NG.country)]
    _check_all(store, ids)


@pytest.fixture
def colliding(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Every hashed bucket code the same: what a 48-bit collision does, made certain."""
    summaries.bucket_iri.cache_clear()
    monkeypatch.setattr(summaries, "_short_hash", lambda text, n: "A" * n)
    yield
    summaries.bucket_iri.cache_clear()


def test_colliding_neighbour_hashes_fall_back_to_live(colliding: None, store: Store) -> None:
    ids = load(store, fiji=3)
    # Xi Jinping meets two people: their buckets collide, so his page is built live.
    kind, key = _split(str(ids["person"]))
    assert dsc.describe(store, BASE, kind, key, page=1, page_size=PAGE, near=True).summary is None
    # Without the neighbours (RDF documents) the index still answers, and right.
    assert dsc.describe(store, BASE, kind, key, page=1, page_size=PAGE).summary is not None
    for name in NAMES:
        _pages(store, str(ids[name]), expect_index=None)


def test_index_of_the_old_layout_is_not_used(
    loaded: tuple[Store, dict[str, URIRef]], monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    """An index in the packed layout of older versions: live pages, a log line naming reindex."""
    store, ids = loaded
    monkeypatch.setattr(summaries, "_warned", set())
    monkeypatch.setattr(summaries, "_checked", set())
    fiji = str(ids["fiji"])
    node = summaries.summary_node(fiji)
    store.update(f"DROP GRAPH <{summaries.INDEX_GRAPH}>")
    store.update(
        f"INSERT DATA {{ GRAPH <{summaries.INDEX_GRAPH}> {{ <{node}> <{summaries.LINKS}> "
        f'"{dsc.NG.country}\\n2022-01-01 1\\n2022-01-02 1" }} }}'
    )
    with caplog.at_level(logging.WARNING, logger=summaries.__name__):
        _check_all(store, ids, expect_index=False)
    assert any("newsgraph reindex" in r.getMessage() for r in caplog.records)
    # Writes do not revive it (they mark it stale), reindex does.
    iri, g = article_graph(BASE, all_specs(30)[-1])
    store.put_graph(str(iri), g)
    _check_all(store, ids, expect_index=False)
    stale = f"<{summaries.STATE}> <{summaries.STALE}> ?x"
    assert store.ask(f"ASK {{ GRAPH <{summaries.INDEX_GRAPH}> {{ {stale} }} }}")
    store.reindex()
    _check_all(store, ids)


def _index_triples(store: Store) -> list[tuple[str, str, str]]:
    rows = store.select(f"SELECT ?s ?p ?o WHERE {{ GRAPH <{summaries.INDEX_GRAPH}> {{ ?s ?p ?o }} }}")
    return sorted((str(r["s"]), str(r["p"]), str(r["o"])) for r in rows)


def _bulk_paths_check(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every index write big enough for the bulk path (bulk_extend, the dataset endpoint's
    bulk loader): the same index as the transactional path, the same pages as live."""
    monkeypatch.setattr(summaries, "BULK_STATEMENTS", 1)
    ids = load(store, fiji=30)
    graphs = [article_graph(BASE, spec) for spec in all_specs(30)]
    store.remove_graphs([str(i) for i, _ in graphs[5:12]])
    store.put_graphs([(str(i), g) for i, g in graphs[5:12]])
    _check_all(store, ids)
    bulk = _index_triples(store)
    monkeypatch.setattr(summaries, "BULK_STATEMENTS", 10**9)
    store.reindex()
    assert _index_triples(store) == bulk
    _check_all(store, ids)


def test_bulk_paths_write_the_same_index(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    _bulk_paths_check(store, monkeypatch)


@pytest.mark.remote
def test_bulk_paths_without_a_dataset_endpoint(remote_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """A SPARQL server without a dataset endpoint gets the index's bulk writes as INSERT DATA."""
    store = open_store(remote_url + "?dataset=none", retries=2, timeout=30)
    try:
        _bulk_paths_check(store, monkeypatch)
    finally:
        store.close()


def test_reindex_over_a_current_index_removes_what_no_longer_holds(
    loaded: tuple[Store, dict[str, URIRef]],
) -> None:
    """A reindex keeps the statements that still hold (embedded: no drop) and removes the rest:
    the same index as one built into an empty graph."""
    store, ids = loaded
    fiji = str(ids["fiji"])
    store.update(f"DELETE WHERE {{ ?e <{dsc.NG.country}> <{fiji}> . ?e <{dsc.NG.date}> ?d }}")
    junk = f"<{summaries.summary_node(fiji)}:x> <{summaries.MEMBER}> <http://example.org/nothing>"
    pending = f"<{summaries.STATE}> <{summaries.PENDING}> <http://example.org/crashed>"
    store.update(f"INSERT DATA {{ GRAPH <{summaries.INDEX_GRAPH}> {{ {junk} . {pending} }} }}")
    summaries.mark_stale(store)
    store.reindex()
    kept = _index_triples(store)
    store.update(f"DROP GRAPH <{summaries.INDEX_GRAPH}>")
    store.reindex()
    assert kept == _index_triples(store)
    _check_all(store, ids)


def test_neighbour_chords_match_the_sparql_definition() -> None:
    """The chords are counted in Python from the ego's (event, actor) rows; they must equal
    the aggregate they replace: for two neighbours, the ego's events both took part in."""
    store = open_store(":memory:")
    load(store, BASE)
    checked = 0
    for kind, prop in (("person", dsc.NG.participant), ("country", dsc.NG.country)):
        rows = store.select(f"SELECT DISTINCT ?x WHERE {{ ?e <{prop}> ?x }}")
        for row in rows:
            iri = str(row.get("x"))
            desc = dsc.describe(store, BASE, kind, iri.rsplit("/", 1)[1], page=1, page_size=PAGE)
            found, edges = dsc.neighbours(store, desc)
            values = " ".join(f"<{n.iri}>" for n in found)
            expected: dict[tuple[URIRef, URIRef], int] = {}
            if len(found) > 1:
                for r in store.select(
                    f"SELECT ?a ?b (COUNT(DISTINCT ?e) AS ?n) WHERE {{ ?e <{prop}> <{iri}> . "
                    f"?e <{prop}> ?a . VALUES ?a {{ {values} }} ?e <{prop}> ?b . VALUES ?b {{ {values} }} "
                    "FILTER(?a != ?b) } GROUP BY ?a ?b"
                ):
                    a, b = URIRef(str(r.get("a"))), URIRef(str(r.get("b")))
                    if str(a) < str(b):
                        expected[(a, b)] = int(str(r.get("n")))
            assert edges == expected, iri
            checked += bool(expected)
    assert checked, "the fixtures should give at least one resource with chords"
