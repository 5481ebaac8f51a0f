"""The description of one resource, read from the store with a handful of bounded queries.

A hub such as a country can sit in millions of statements, so nothing here fetches
"everything about X".  A description is built from:

* the resource's own statements, distinct over all article graphs and capped
  (``CORE_LIMIT``), with one article graph each statement was read from;
* one page of the statements that point at it (``?s ?p X``), ordered by a fixed rank
  of the predicate (events first), then newest first, paged with LIMIT/OFFSET;
* one page of its mentions (``X ng:denotedBy ?m``) with their sentences and articles;
* counts for both lists, in one aggregate query;
* a "card" (label, types, date) for every other resource the page shows, in one query.

An article is different: its named graph *is* its description (the facts read from it),
and that graph is bounded by the article's length, so it is read whole.

The HTML page also wants two pictures (who met whom, and a timeline); ``neighbours``
and ``timeline`` run those queries only when the page is HTML.

For a person, country, organisation or source every one of those lists, counts and
pictures would touch all of the entity's statements -- 180,000 events for the busiest
person at a million articles.  When the store's summary index (``store.summaries``)
can answer for the entity, the counts, the timeline and the neighbours come from its
tallies and a page of links or mentions from the one or two buckets the page overlaps,
so a cold build costs one page.  Otherwise (an old store not yet reindexed, a write
in flight, a raw SPARQL update since the last reindex) the live queries below run;
both routes order every list the same way, so they build the same documents.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from rdflib import RDF, RDFS, Literal, URIRef
from rdflib.term import Node

from .. import iris
from ..errors import InputError, ResourceNotFound
from ..ontology.namespace import NG
from ..store import summaries
from ..store.base import Store
from ..store.summaries import Summary, sort_hash

#: Most distinct (predicate, object) pairs of one resource that a document carries.
#: A person quoted with a thousand spellings is an extraction problem, not a page.
CORE_LIMIT = 2000

#: Resources drawn around a person, country or organisation in the "who met whom" picture.
NEIGHBOUR_LIMIT = 12

#: Events beyond which the network picture leaves out the chords between neighbours.
CHORD_EVENT_LIMIT = 2000

#: Order of the incoming-link groups on a page: what a reader looks for first.
INCOMING_RANK: tuple[URIRef, ...] = (
    NG.participant,
    NG.country,
    NG.organization,
    NG.party,
    NG.signedAt,
    NG.reports,
    NG.source,
    NG.nationality,
    NG.mentions,
)

#: Properties a card (the short form of a linked resource) is built from.
CARD_PROPERTIES: tuple[URIRef, ...] = (
    RDFS.label,
    NG.name,
    NG.title,
    RDF.type,
    NG.date,
    NG.published,
    NG.location,
)

#: Per kind, the predicate by which events (or articles) point at the resource; it drives
#: the timeline and the neighbour network.
ACTIVITY_PREDICATE: dict[str, URIRef] = {
    "person": NG.participant,
    "country": NG.country,
    "organization": NG.organization,
    "source": NG.source,
}

_UNSAFE_IRI = re.compile(r'[\x00-\x20<>"{}|^`\\]')


def sparql_iri(iri: str) -> str:
    """``<iri>`` for a query; refuses characters that could end the IRI early."""
    if _UNSAFE_IRI.search(iri):
        raise InputError(f"cannot use {iri!r} in a query")
    return f"<{iri}>"


def _values(terms: Iterable[str]) -> str:
    return " ".join(sparql_iri(t) for t in terms if not _UNSAFE_IRI.search(t))


PREFIXES = (
    f"PREFIX ng: <{iris.NG}>\n"
    "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
    "PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>\n"
)


@dataclass(frozen=True)
class Statement:
    """One (predicate, object) of the resource, with an article graph that states it."""

    predicate: URIRef
    object: Node
    graph: URIRef | None


@dataclass(frozen=True)
class Link:
    """A resource that points at the described one: ``subject predicate X``."""

    subject: URIRef
    predicate: URIRef
    graph: URIRef | None
    date: Literal | None


@dataclass
class Mention:
    """A span of an article's text that names the resource, with what is known about it."""

    iri: URIRef
    graph: URIRef | None
    anchor: str | None = None
    sentence: str | None = None
    article: URIRef | None = None
    begin: int | None = None
    properties: list[tuple[URIRef, Node]] = field(default_factory=list)


@dataclass
class Card:
    """Enough about a linked resource to name it on a page or in an RDF document."""

    iri: URIRef
    values: dict[URIRef, list[Node]] = field(default_factory=dict)

    def first(self, prop: URIRef) -> Node | None:
        vals = self.values.get(prop)
        return vals[0] if vals else None

    @property
    def types(self) -> list[URIRef]:
        return [t for t in self.values.get(RDF.type, []) if isinstance(t, URIRef)]

    @property
    def label(self) -> str | None:
        for prop in (RDFS.label, NG.name, NG.title):
            v = self.first(prop)
            if v is not None:
                return str(v)
        return None

    @property
    def date(self) -> str | None:
        v = self.first(NG.date) or self.first(NG.published)
        return str(v) if v is not None else None


@dataclass
class Neighbour:
    iri: URIRef
    weight: int


@dataclass
class Description:
    iri: URIRef
    kind: str
    key: str
    page: int
    page_size: int
    statements: list[Statement]
    core_truncated: bool
    links: list[Link]
    link_counts: dict[URIRef, int]
    mentions: list[Mention]
    mention_count: int
    cards: dict[URIRef, Card]
    #: For an article: every triple of its named graph (the description itself).
    article_triples: list[tuple[Node, Node, Node]] = field(default_factory=list)
    #: The summary the description was read from, or None when live queries built it.
    summary: Summary | None = None

    @property
    def link_total(self) -> int:
        return sum(self.link_counts.values())

    @property
    def last_page(self) -> int:
        size = max(self.page_size, 1)
        return max(1, math.ceil(self.link_total / size), math.ceil(self.mention_count / size))

    @property
    def paged(self) -> bool:
        return self.last_page > 1

    def card(self, iri: Node) -> Card | None:
        return self.cards.get(iri) if isinstance(iri, URIRef) else None

    def values(self, prop: URIRef) -> list[Node]:
        seen: list[Node] = []
        for st in self.statements:
            if st.predicate == prop and st.object not in seen:
                seen.append(st.object)
        return seen

    @property
    def types(self) -> list[URIRef]:
        return [t for t in self.values(RDF.type) if isinstance(t, URIRef)]

    @property
    def label(self) -> str:
        for prop in (RDFS.label, NG.name, NG.title):
            vals = self.values(prop)
            if vals:
                return str(vals[0])
        return self.key


def _int(value: object) -> int:
    try:
        return int(str(value))
    except ValueError:
        return 0


def _neg(text: str) -> tuple[int, ...]:
    """A sort key that orders strings descending inside an ascending sort."""
    return tuple(-ord(c) for c in text) + (1,)


def _uri(value: object) -> URIRef | None:
    return value if isinstance(value, URIRef) else None


def _stable_key(var: str) -> str:
    """An ORDER BY key that is total and cheap in Oxigraph.

    Ordering by an IRI makes Oxigraph look its string up on every comparison, which for a
    hub of 40,000 events took minutes.  Fifteen hex digits of its MD5 are an inline
    literal (no lookup when compared) and a total order in practice (60 bits).
    """
    return f"(SUBSTR(MD5(STR({var})), 1, 15))"


def _group_order(p: URIRef) -> tuple[int, str]:
    try:
        return (INCOMING_RANK.index(p), "")
    except ValueError:
        return (len(INCOMING_RANK), str(p))


def describe(
    store: Store,
    base: str,
    kind: str,
    key: str,
    *,
    page: int,
    page_size: int,
    with_graphs: bool = False,
    use_index: bool = True,
    near: bool = False,
) -> Description:
    """Read one page of the description of ``{base}/id/{kind}/{key}``.

    ``with_graphs`` also finds an article graph for every statement (for TriG and
    N-Quads); it costs a scan over every graph that repeats a statement, so the other
    formats skip it.  ``use_index=False`` forces the live queries (the tests compare
    both routes); ``near`` also loads the neighbour tallies the HTML page draws.
    Raises ResourceNotFound when the store says nothing about the
    resource, or when ``page`` lies beyond the last page.
    """
    if page < 1:
        raise InputError("page numbers start at 1")
    iri = URIRef(iris.entity(base, kind, key))
    ref = sparql_iri(str(iri))
    desc = Description(
        iri=iri,
        kind=kind,
        key=key,
        page=page,
        page_size=page_size,
        statements=[],
        core_truncated=False,
        links=[],
        link_counts={},
        mentions=[],
        mention_count=0,
        cards={},
    )
    if kind == "article":
        graph = store.get_graph(str(iri))
        desc.article_triples = list(graph)
        for subj, pred, obj in desc.article_triples:
            if subj == iri and isinstance(pred, URIRef):
                desc.statements.append(Statement(pred, obj, iri))
    else:
        if use_index and kind in INDEXED_KINDS:
            desc.summary = summaries.load(store, str(iri), near=near, near_top=NEIGHBOUR_LIMIT)
        # With the index, the resource's own predicates are known, and each is read by
        # index lookup instead of walking past its (many) ng:denotedBy statements.
        pattern = f"{ref} ?p ?o FILTER(?p != ng:denotedBy)"
        if desc.summary is not None:
            pattern = f"VALUES ?p {{ {_values(desc.summary.out)} }} {ref} ?p ?o"
        if with_graphs:
            query = (
                f"SELECT ?p ?o (SAMPLE(?g) AS ?graph) WHERE {{ GRAPH ?g {{ {pattern} }} }} "
                f"GROUP BY ?p ?o LIMIT {CORE_LIMIT + 1}"
            )
        else:
            query = f"SELECT DISTINCT ?p ?o WHERE {{ {pattern} }} LIMIT {CORE_LIMIT + 1}"
        rows = store.select(PREFIXES + query)
        desc.core_truncated = len(rows) > CORE_LIMIT
        for row in rows[:CORE_LIMIT]:
            p = _uri(row.get("p"))
            o = row.get("o")
            if p is not None and isinstance(o, Node):
                desc.statements.append(Statement(p, o, _uri(row.get("graph"))))
        desc.statements.sort(key=lambda st: (str(st.predicate), str(st.object)))
    if not desc.statements:
        raise ResourceNotFound(f"nothing is known about <{iri}>")

    if desc.summary is not None:
        desc.link_counts = {URIRef(p): n for p, n in desc.summary.link_counts().items()}
        desc.mention_count = desc.summary.mention_count
    else:
        _live_counts(store, desc, ref)
    if page > desc.last_page:
        raise ResourceNotFound(f"<{iri}> has {desc.last_page} page(s); there is no page {page}")
    offset = (page - 1) * page_size
    _page_links(store, desc, ref, offset, page_size, with_graphs)
    _page_mentions(store, desc, ref, offset, page_size)
    return desc


#: The date a linking resource is ordered by, per linking predicate (the index files
#: links by the same table).
DATE_PROPERTY: dict[URIRef, URIRef] = {URIRef(p): URIRef(d) for p, d in summaries.DATE_PROPERTY.items()}

#: Kinds whose pages the summary index serves (the others have bounded descriptions).
INDEXED_KINDS = ("person", "country", "organization", "source")


def _live_counts(store: Store, desc: Description, ref: str) -> None:
    """Counts of both paged lists in one aggregate over every link (no index)."""
    for row in store.select(
        PREFIXES + "SELECT ?dir ?p (COUNT(DISTINCT ?x) AS ?n) WHERE { "
        f'{{ ?x ?p {ref} BIND("in" AS ?dir) }} UNION '
        f'{{ {ref} ng:denotedBy ?x BIND(ng:denotedBy AS ?p) BIND("mention" AS ?dir) }} '
        "} GROUP BY ?dir ?p"
    ):
        p = _uri(row.get("p"))
        if p is None:
            continue
        if str(row.get("dir")) == "mention":
            desc.mention_count = _int(row.get("n"))
        else:
            desc.link_counts[p] = _int(row.get("n"))


def _link_order(subject: URIRef, key: str | None) -> tuple[int, tuple[int, ...], str]:
    """Newest first (by the date's text), undated last, then the stable hash."""
    if key is None:
        return (1, (), sort_hash(str(subject)))
    return (0, _neg(key), sort_hash(str(subject)))


def _key_order(key: str) -> tuple[int, tuple[int, ...]]:
    """Order of a predicate's buckets: days newest first, then the undated hash buckets."""
    if key.startswith(summaries.UNDATED):
        return (1, tuple(ord(c) for c in key))
    return (0, _neg(key))


def _indexed_links(
    store: Store, desc: Description, p: URIRef, start: int, stop: int
) -> list[tuple[URIRef, Literal | None]]:
    """Links start..stop of predicate p's group, from the buckets that window overlaps."""
    assert desc.summary is not None
    buckets = desc.summary.links.get(str(p), {})
    pos = 0
    wanted: list[str] = []
    first = 0
    for key in sorted(buckets, key=_key_order):
        n = buckets[key]
        if pos + n > start and pos < stop:
            if not wanted:
                first = pos
            wanted.append(desc.summary.bucket(summaries.LINKS, f"{p} {key}"))
        pos += n
        if pos >= stop:
            break
    if not wanted:
        return []
    date_prop = DATE_PROPERTY.get(p)
    optional = f"OPTIONAL {{ ?s <{date_prop}> ?d }}" if date_prop is not None else ""
    dates: dict[URIRef, list[Literal]] = {}
    for row in store.select(
        f"SELECT ?s ?d WHERE {{ VALUES ?b {{ {_values(wanted)} }} "
        f"GRAPH <{summaries.INDEX_GRAPH}> {{ ?b <{summaries.MEMBER}> ?s }} {optional} }}"
    ):
        s, d = _uri(row.get("s")), row.get("d")
        if s is None:
            continue
        found = dates.setdefault(s, [])
        if isinstance(d, Literal):
            found.append(d)
    ordered = []
    for s, ds in dates.items():
        best = max(ds, key=str) if ds else None
        ordered.append((_link_order(s, str(best) if best is not None else None), s, best))
    ordered.sort(key=lambda t: t[0])
    return [(s, d) for _, s, d in ordered[start - first : stop - first]]


def _page_links(store: Store, desc: Description, ref: str, offset: int, size: int, with_graphs: bool) -> None:
    """The links of one page: groups in a fixed order, each newest first.

    The page's window is cut out of the groups with the counts already known, so each
    query sorts one predicate's subjects only (deduplicated first: the same statement
    repeated by a thousand articles is one link).
    """
    pos = 0
    for p, n in sorted(desc.link_counts.items(), key=lambda kv: _group_order(kv[0])):
        lo, hi = pos, pos + n
        pos = hi
        a, b = max(lo, offset), min(hi, offset + size)
        if a >= b:
            continue
        if desc.summary is not None:
            for subject, when in _indexed_links(store, desc, p, a - lo, b - lo):
                desc.links.append(Link(subject, p, None, when))
            continue
        prop = sparql_iri(str(p))
        date_prop = DATE_PROPERTY.get(p)
        inner = f"{{ SELECT DISTINCT ?s WHERE {{ ?s {prop} {ref} }} }}"
        if date_prop is not None:
            # Ordered by the date's text, as the index orders its buckets.
            query = (
                f"SELECT ?s (MAX(?d0) AS ?date) (MAX(STR(?d0)) AS ?key) WHERE {{ {inner} "
                f"OPTIONAL {{ ?s <{date_prop}> ?d0 }} }} "
                f"GROUP BY ?s ORDER BY DESC(?key) {_stable_key('?s')} LIMIT {b - a} OFFSET {a - lo}"
            )
        else:
            query = f"SELECT ?s WHERE {inner} ORDER BY {_stable_key('?s')} LIMIT {b - a} OFFSET {a - lo}"
        for row in store.select(query):
            s = _uri(row.get("s"))
            d = row.get("date")
            if s is not None:
                desc.links.append(Link(s, p, None, d if isinstance(d, Literal) else None))
    if with_graphs and desc.links:
        pairs = " ".join(
            f"({sparql_iri(str(lk.subject))} {sparql_iri(str(lk.predicate))})" for lk in desc.links
        )
        graphs: dict[tuple[URIRef, URIRef], URIRef] = {}
        for row in store.select(
            f"SELECT ?s ?p (SAMPLE(?g) AS ?graph) WHERE {{ VALUES (?s ?p) {{ {pairs} }} "
            f"GRAPH ?g {{ ?s ?p {ref} }} }} GROUP BY ?s ?p"
        ):
            gs, gp, gg = _uri(row.get("s")), _uri(row.get("p")), _uri(row.get("graph"))
            if gs is not None and gp is not None and gg is not None:
                graphs[(gs, gp)] = gg
        desc.links = [
            Link(lk.subject, lk.predicate, graphs.get((lk.subject, lk.predicate)), lk.date)
            for lk in desc.links
        ]


def _page_mentions(store: Store, desc: Description, ref: str, offset: int, size: int) -> None:
    """One page of mentions, with their properties; newest article first within the page.

    Across pages the order is a stable hash order: ordering every mention of a hub by
    its article's date would cost a join per mention on every page.
    """
    if desc.mention_count <= offset:
        return
    if desc.summary is not None:
        page = _indexed_mentions(store, desc.summary, offset, offset + size)
    else:
        rows = store.select(
            PREFIXES + f"SELECT DISTINCT ?m WHERE {{ {ref} ng:denotedBy ?m }} ORDER BY {_stable_key('?m')} "
            f"LIMIT {size} OFFSET {offset}"
        )
        page = [m for r in rows if (m := _uri(r.get("m"))) is not None]
    if not page:
        return
    by_iri = {m: Mention(m, None) for m in page}
    published: dict[URIRef, str] = {}
    for row in store.select(
        PREFIXES + f"SELECT ?m ?mp ?mo ?pub WHERE {{ VALUES ?m {{ {_values(str(m) for m in page)} }} "
        "{ ?m ?mp ?mo } UNION { ?m ng:inArticle ?a . ?a ng:published ?pub } }"
    ):
        m = _uri(row.get("m"))
        if m is None or m not in by_iri:
            continue
        if row.get("pub") is not None:
            published[m] = str(row.get("pub"))
            continue
        mp, mo = _uri(row.get("mp")), row.get("mo")
        if mp is None or not isinstance(mo, Node):
            continue
        mention = by_iri[m]
        if (mp, mo) in mention.properties:
            continue
        mention.properties.append((mp, mo))
        if mp == NG.anchorOf:
            mention.anchor = str(mo)
        elif mp == NG.sentence:
            mention.sentence = str(mo)
        elif mp == NG.inArticle and isinstance(mo, URIRef):
            mention.article = mo
            # A mention node lives in its article's graph, by the vocabulary contract.
            mention.graph = mo
        elif mp == NG.beginIndex:
            mention.begin = _int(mo)
    desc.mentions = sorted(
        by_iri.values(),
        key=lambda mn: (_neg(published.get(mn.iri, "")), str(mn.article), mn.begin or 0, str(mn.iri)),
    )


def _indexed_mentions(store: Store, summary: Summary, start: int, stop: int) -> list[URIRef]:
    """Mentions start..stop in hash order, from the hash buckets that window overlaps."""
    pos = 0
    first = 0
    wanted: list[str] = []
    for key in sorted(summary.mentions):
        n = summary.mentions[key]
        if pos + n > start and pos < stop:
            if not wanted:
                first = pos
            wanted.append(summary.bucket(summaries.MENTIONS, key))
        pos += n
        if pos >= stop:
            break
    if not wanted:
        return []
    rows = store.select(
        f"SELECT ?m WHERE {{ VALUES ?b {{ {_values(wanted)} }} "
        f"GRAPH <{summaries.INDEX_GRAPH}> {{ ?b <{summaries.MEMBER}> ?m }} }}"
    )
    members = {m for r in rows if (m := _uri(r.get("m"))) is not None}
    found = sorted(members, key=lambda m: (sort_hash(str(m)), str(m)))
    return found[start - first : stop - first]


def load_cards(store: Store, desc: Description, extra: Sequence[URIRef] = ()) -> None:
    """Fill ``desc.cards`` for every resource the description links to, in one query."""
    wanted: list[URIRef] = []

    def want(node: Node | None) -> None:
        if isinstance(node, URIRef) and node != desc.iri and node not in wanted:
            wanted.append(node)

    if desc.kind != "article":
        for st in desc.statements:
            if st.predicate != RDF.type:
                want(st.object)
    else:
        # The article graph already holds its actors' names; look up only what it lacks.
        named = {s for s, p, _ in desc.article_triples if p in (RDFS.label, NG.name, NG.title)}
        for _, p, o in desc.article_triples:
            if p != RDF.type and isinstance(o, URIRef) and o not in named:
                want(o)
    for link in desc.links:
        want(link.subject)
    for m in desc.mentions:
        want(m.article)
    for x in extra:
        want(x)
    cards = {x: Card(x) for x in wanted}
    if desc.kind == "article":
        for s, p, o in desc.article_triples:
            if isinstance(s, URIRef) and p in CARD_PROPERTIES and isinstance(p, URIRef):
                card = cards.setdefault(s, Card(s))
                if o not in card.values.setdefault(p, []):
                    card.values[p].append(o)
    todo = [x for x in wanted if not cards[x].values]
    cards.update(fetch_cards(store, todo))
    desc.cards.update(cards)


def fetch_cards(store: Store, wanted: Sequence[URIRef]) -> dict[URIRef, Card]:
    """Cards for these resources: one query per 200 of them."""
    cards: dict[URIRef, Card] = {}
    # One UNION branch per property, each driven by the VALUES: Oxigraph then looks the
    # subjects up by index.  (``VALUES ?p {...} ?x ?p ?v`` scanned the whole store.)
    branches = " UNION ".join(f"{{ ?x <{p}> ?v BIND(<{p}> AS ?p) }}" for p in CARD_PROPERTIES)
    for start in range(0, len(wanted), 200):
        values = _values(wanted[start : start + 200])
        if not values:
            continue
        for row in store.select(f"SELECT DISTINCT ?x ?p ?v WHERE {{ VALUES ?x {{ {values} }} {branches} }}"):
            x, p, v = _uri(row.get("x")), _uri(row.get("p")), row.get("v")
            if x is None or p is None or not isinstance(v, Node):
                continue
            card = cards.setdefault(x, Card(x))
            if v not in card.values.setdefault(p, []):
                card.values[p].append(v)
    return cards


def neighbours(store: Store, desc: Description) -> tuple[list[Neighbour], dict[tuple[URIRef, URIRef], int]]:
    """The resources most often sharing an event with this one, and how often they meet each other.

    For a person: the people they met; for a country: the countries in the same events;
    for an organisation: the other organisations.  The chords between neighbours count
    only the events this resource took part in (an ego network), which keeps both
    aggregate queries bounded by this resource's events.
    """
    prop = ACTIVITY_PREDICATE.get(desc.kind)
    if prop is None or desc.kind == "source":
        return [], {}
    ref = sparql_iri(str(desc.iri))
    p = sparql_iri(str(prop))
    if desc.summary is not None and desc.summary.near_loaded:
        counts = desc.summary.near.get(str(prop), {})
        top = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:NEIGHBOUR_LIMIT]
        found = [Neighbour(URIRef(o), n) for o, n in top if n > 0]
    else:
        rows = store.select(
            f"SELECT ?o (COUNT(DISTINCT ?e) AS ?n) WHERE {{ ?e {p} {ref} . ?e {p} ?o . "
            f"FILTER(?o != {ref}) }} GROUP BY ?o ORDER BY DESC(?n) ?o LIMIT {NEIGHBOUR_LIMIT}"
        )
        found = [Neighbour(o, _int(r.get("n"))) for r in rows if (o := _uri(r.get("o"))) is not None]
    edges: dict[tuple[URIRef, URIRef], int] = {}
    # The chords are decoration; for a hub they would cost seconds, so a hub gets none.
    # The pairs are counted here from the ego's own (event, actor) rows.  Asked as one
    # SPARQL aggregate with the neighbours in VALUES, Oxigraph started from the
    # neighbours' events -- hubs' tens of thousands -- and took 1.2 s at 100k articles
    # for a person with 40 events; these rows take 2 ms.
    if len(found) > 1 and desc.link_counts.get(prop, 0) <= CHORD_EVENT_LIMIT:
        near = {n.iri for n in found}
        actors: dict[URIRef, set[URIRef]] = {}
        for row in store.select(
            f"SELECT DISTINCT ?e ?o WHERE {{ ?e {p} {ref} . ?e {p} ?o . FILTER(?o != {ref}) }}"
        ):
            e, o = _uri(row.get("e")), _uri(row.get("o"))
            if e is not None and o is not None and o in near:
                actors.setdefault(e, set()).add(o)
        for present in actors.values():
            ordered = sorted(present, key=str)
            for i, a in enumerate(ordered):
                for b in ordered[i + 1 :]:
                    edges[(a, b)] = edges.get((a, b), 0) + 1
    return found, edges


def timeline(store: Store, desc: Description) -> list[tuple[str, int]]:
    """(day, number of events or articles) for the resource, oldest first."""
    prop = ACTIVITY_PREDICATE.get(desc.kind)
    if prop is None:
        return []
    if desc.summary is not None:
        per_key = desc.summary.links.get(str(prop), {})
        counted = [(k, n) for k, n in per_key.items() if re.fullmatch(r"\d{4}-\d{2}-\d{2}", k) and n]
        return sorted(counted)
    date_prop = DATE_PROPERTY.get(prop, NG.date)
    ref = sparql_iri(str(desc.iri))
    rows = store.select(
        f"SELECT ?d (COUNT(?e) AS ?n) WHERE {{ "
        f"{{ SELECT DISTINCT ?e WHERE {{ ?e {sparql_iri(str(prop))} {ref} }} }} "
        f"?e <{date_prop}> ?d }} GROUP BY ?d"
    )
    days: dict[str, int] = {}
    for row in rows:
        day = str(row.get("d", ""))[:10]
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", day):
            days[day] = days.get(day, 0) + _int(row.get("n"))
    return sorted(days.items())


__all__ = [
    "CARD_PROPERTIES",
    "CORE_LIMIT",
    "INDEXED_KINDS",
    "Card",
    "Description",
    "Link",
    "Mention",
    "Neighbour",
    "Statement",
    "describe",
    "fetch_cards",
    "load_cards",
    "neighbours",
    "sparql_iri",
    "timeline",
]
