"""Per-entity summaries: what a hub's page needs, precomputed so a cold build costs one page.

A busy person sits in a fifth of all articles: at a million articles that is some
180,000 events.  Counting them, ordering them by date, drawing their timeline and
finding who they meet most would each touch every one of those statements on every
cold page build.  This module keeps, beside the data, an index from which all of that
is read in time proportional to the page instead:

* **buckets** -- the links into an entity X (``?s ?p X``) grouped by predicate and by
  the day of ``?s`` (its ``ng:date`` or ``ng:published``, per ``DATE_PROPERTY``); links
  without a date go to one of 16 buckets by a hash of ``?s``.  X's mentions
  (``X ng:denotedBy ?m``) go to 256 buckets by a hash of ``?m``, and the events X shares
  with another resource Y go to one bucket per (predicate, Y).  A bucket is a node
  with one ``member`` statement per linking resource, so its contents are one index
  lookup.
* **tallies** -- on a summary node per entity, the member count of every bucket,
  packed into one literal per predicate (``"<predicate>\n<day> <count>\n..."``).
  Reading every tally of X is a dozen literals, and from them come the counts, the
  page boundaries, the timeline and the top neighbours.  A page then fetches just the
  one or two buckets it overlaps and sorts them (by date, newest first, then by a
  hash: the order the live queries use).
* **out** -- the predicates X has statements with (other than ``ng:denotedBy``), so the
  resource's own facts are read without walking its 180,000 mention links.

Where it lives: a named graph, ``INDEX_GRAPH``, in the same store, so it works alike
for the embedded store and for several stateless servers in front of one remote
``oxigraph serve``, and it changes in the same requests as the data.  It is kept out
of the public view: the default graph (the union of the article graphs) never
receives it, ``graph_names``, dumps, ``count`` and VoID leave it out.  A raw SPARQL
query with ``GRAPH ?g`` does see it (Oxigraph has no hidden graphs); docs/sparql.md
says so.

Keeping it correct.  Every write newsgraph makes goes through ``begin`` and ``finish``:

1. ``begin`` marks the articles about to change as *pending* (one statement each), then
   takes their current links out of the index (a link stays when another article still
   states it) and recounts the touched buckets;
2. the data is written;
3. ``finish`` adds the links of the articles as they now are, recounts, and clears the
   pending marks.

A reader uses the index for X only when the index is *ready* (``newsgraph reindex``
built it, or the store was empty when first written) and no pending article names X;
otherwise it falls back to the live queries.  So a crash between the steps, or a write
still in flight, costs speed, never correctness; the marks of a crashed write stay
until ``newsgraph reindex``.  A raw SPARQL Update (``/update``) cannot be followed, so it
marks the whole index not ready until the next reindex.

Known limits (docs/scaling.md): two processes writing articles that touch the same
bucket at the same instant can leave its tally one off until the next write touching
it or a reindex (each recount reads, then writes); a linking resource whose date is
stated differently by two articles is filed under the newest date.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field

import pyoxigraph as ox
from rdflib import URIRef
from rdflib.term import Node

from ..errors import RDFSyntaxError, StoreError
from ..ontology.namespace import NG
from .base import Store
from .common import check_iri

#: The named graph holding the index.  A URN, so it can never be an article's URI.
INDEX_GRAPH = "urn:x-newsgraph:index"
_NS = "urn:x-newsgraph:index#"
MEMBER = _NS + "member"
LINKS = _NS + "links"
MENTIONS = _NS + "mentions"
NEAR = _NS + "near"
OUT = _NS + "out"
PENDING = _NS + "pending"
STALE = _NS + "stale"
STATE = _NS + "state"

RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
DENOTED_BY = str(NG.denotedBy)
_DATES = (str(NG.date), str(NG.published))

#: The kinds that can become hubs.  Events, agreements and articles have a bounded
#: number of links (what one article says), so their pages stay on live queries.
INDEXED_TYPES = frozenset(str(t) for t in (NG.Person, NG.Country, NG.Organization, NG.Source))

#: The date a linking resource is ordered by, per linking predicate: events and
#: agreements by the day they happened, articles by publication.
DATE_PROPERTY: dict[str, str] = {
    str(NG.participant): str(NG.date),
    str(NG.country): str(NG.date),
    str(NG.organization): str(NG.date),
    str(NG.party): str(NG.date),
    str(NG.signedAt): str(NG.date),
    str(NG.reportedIn): str(NG.date),
    str(NG.reports): str(NG.published),
    str(NG.source): str(NG.published),
    str(NG.mentions): str(NG.published),
}

#: Predicates by which events tie their actors together (the "who met whom" picture).
ACTIVITY = frozenset(str(p) for p in (NG.participant, NG.country, NG.organization))

#: Mentions are spread over 16**MENTION_DIGITS buckets by the hash of the mention IRI.
MENTION_DIGITS = 2
#: Undated links are spread over 16 buckets by the hash of the linking resource.
UNDATED = "~"


def md5(text: str) -> str:
    return hashlib.md5(text.encode("utf-8")).hexdigest()  # noqa: S324 - an ordering key, not security


def sort_hash(iri: str) -> str:
    """The 15 hex digits the pages order by (the live queries use the same ``MD5`` prefix)."""
    return md5(iri)[:15]


def summary_node(entity: str) -> str:
    return f"urn:x-newsgraph:summary:{md5(entity)}"


def bucket_iri(entity: str, tally: str, key: str) -> str:
    return f"{summary_node(entity)}:{md5(tally + ' ' + key)[:20]}"


def link_key(predicate: str, member: str, date: str | None) -> str:
    """The tally key of one link: predicate and day, or an undated hash bucket."""
    day = date[:10] if date else UNDATED + md5(member)[0]
    return f"{predicate} {day}"


def mention_key(mention: str) -> str:
    return md5(mention)[:MENTION_DIGITS]


def _lit(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")
    return '"' + escaped + '"'


@dataclass(frozen=True)
class Entry:
    """One membership: ``member`` is in the bucket ``(entity, tally, key)``.

    ``needs`` are the triples that justify it; on removal it stays if some other
    article still states all of them.
    """

    entity: str
    tally: str
    key: str
    member: str
    needs: tuple[tuple[str, str, str], ...]

    @property
    def bucket(self) -> str:
        return bucket_iri(self.entity, self.tally, self.key)


@dataclass
class Entries:
    members: set[Entry] = field(default_factory=set)
    out: set[tuple[str, str]] = field(default_factory=set)


Triple = tuple[str, str, str, bool]  # subject, predicate, object, object-is-an-IRI


def entries_of(triples: Iterable[Triple]) -> Entries:
    """The index entries one article graph contributes."""
    types: dict[str, set[str]] = defaultdict(set)
    dates: dict[tuple[str, str], str] = {}
    links: list[tuple[str, str, str]] = []
    denoted: list[tuple[str, str]] = []
    outs: set[tuple[str, str]] = set()
    for s, p, o, is_iri in triples:
        if p == RDF_TYPE:
            types[s].add(o)
            continue
        if not is_iri:
            if p in _DATES:
                old = dates.get((s, p))
                if old is None or o > old:
                    dates[(s, p)] = o
            outs.add((s, p))
            continue
        outs.add((s, p))
        if p == DENOTED_BY:
            denoted.append((s, o))
        else:
            links.append((s, p, o))
    indexed = {x for x, ts in types.items() if ts & INDEXED_TYPES}
    out = Entries()
    out.out = {(x, p) for x, p in outs if x in indexed and p != DENOTED_BY}
    out.out |= {(x, RDF_TYPE) for x in indexed}
    activity: dict[tuple[str, str], set[str]] = defaultdict(set)
    for s, p, o in links:
        if p in ACTIVITY:
            activity[(s, p)].add(o)
        if o not in indexed:
            continue
        date_prop = DATE_PROPERTY.get(p)
        date = dates.get((s, date_prop)) if date_prop else None
        out.members.add(Entry(o, LINKS, link_key(p, s, date), s, ((s, p, o),)))
    for x, m in denoted:
        if x in indexed:
            out.members.add(Entry(x, MENTIONS, mention_key(m), m, ((x, DENOTED_BY, m),)))
    for (e, p), actors in activity.items():
        for a in actors:
            if a not in indexed:
                continue
            for b in actors:
                if b != a:
                    out.members.add(Entry(a, NEAR, f"{p} {b}", e, ((e, p, a), (e, p, b))))
    return out


def triples_from_rdflib(triples: Iterable[tuple[Node, Node, Node]]) -> Iterator[Triple]:
    for s, p, o in triples:
        if isinstance(s, URIRef) and isinstance(p, URIRef):
            yield str(s), str(p), str(o), isinstance(o, URIRef)


def triples_from_ntriples(text: str) -> Iterator[Triple]:
    for t in ox.parse(text, ox.RdfFormat.N_TRIPLES):
        if isinstance(t.subject, ox.NamedNode):
            o = t.object
            yield t.subject.value, t.predicate.value, o.value, isinstance(o, ox.NamedNode)


# -- writing --------------------------------------------------------------------------

#: Articles per index update; each update stays well below a megabyte.
CHUNK = 100


def _chunks(items: Sequence[str], n: int = CHUNK) -> Iterator[Sequence[str]]:
    for i in range(0, len(items), n):
        yield items[i : i + n]


def _graph_triples(store: Store, graphs: Sequence[str]) -> dict[str, list[Triple]]:
    """The triples of those of these article graphs that exist.

    An embedded store is read through pyoxigraph directly (one index seek per graph, no
    rdflib terms); a remote one with one query per chunk, a UNION of one ``GRAPH <g>``
    per graph, which a server answers by index (``VALUES ?g`` joined afterwards made
    Oxigraph scan every graph).
    """
    found: dict[str, list[Triple]] = {}
    raw = getattr(store, "oxigraph", None)
    if isinstance(raw, ox.Store):
        for g in graphs:
            rows = [
                (q.subject.value, q.predicate.value, q.object.value, isinstance(q.object, ox.NamedNode))
                for q in raw.quads_for_pattern(None, None, None, ox.NamedNode(check_iri(g)))
                if isinstance(q.subject, ox.NamedNode) and not isinstance(q.object, ox.Triple)
            ]
            if rows:
                found[g] = rows
        return found
    for chunk in _chunks(graphs):
        branches = " UNION ".join(
            f"{{ GRAPH <{check_iri(g)}> {{ ?s ?p ?o }} BIND(<{g}> AS ?g) }}" for g in chunk
        )
        for row in store.select(f"SELECT ?g ?s ?p ?o WHERE {{ {branches} }}"):
            gn, sn, pn, on = row.get("g"), row.get("s"), row.get("p"), row.get("o")
            if isinstance(gn, URIRef) and isinstance(sn, URIRef) and isinstance(pn, URIRef) and on:
                found.setdefault(str(gn), []).append((str(sn), str(pn), str(on), isinstance(on, URIRef)))
    return found


def _has_index(store: Store) -> bool:
    return store.ask(f"ASK {{ GRAPH <{INDEX_GRAPH}> {{ ?s ?p ?o }} }}")


def _has_indexed_entities(store: Store) -> bool:
    types = " ".join(f"<{t}>" for t in sorted(INDEXED_TYPES))
    return store.ask(f"ASK {{ VALUES ?t {{ {types} }} ?x a ?t }}")


def _set_stale(store: Store, on: bool) -> None:
    verb = "INSERT" if on else "DELETE"
    store.update(f"{verb} DATA {{ GRAPH <{INDEX_GRAPH}> {{ <{STATE}> <{STALE}> <{STATE}> }} }}")


def _mark_pending(store: Store, graphs: Sequence[str], on: bool) -> None:
    for chunk in _chunks(graphs, 500):
        body = " ".join(f"<{STATE}> <{PENDING}> <{check_iri(g)}> ." for g in chunk)
        verb = "INSERT" if on else "DELETE"
        store.update(f"{verb} DATA {{ GRAPH <{INDEX_GRAPH}> {{ {body} }} }}")


def begin(store: Store, graphs: Iterable[str], new: dict[str, list[Triple]] | None = None) -> list[str]:
    """Before writing or removing these article graphs: mark them, take their links out.

    ``new`` holds the triples about to be written, where known; a graph whose old and
    new versions hold nothing the index keeps is left alone (and a store of other data
    never gets an index graph at all).  Returns the graphs marked pending.
    """
    names = list(dict.fromkeys(graphs))
    if not names:
        return []
    marked: list[str] = []
    old: dict[str, set[Entry]] = {}
    for chunk in _chunks(names):
        for g, triples in _graph_triples(store, chunk).items():
            members = entries_of(triples).members
            if members:
                old[g] = members
    for g in names:
        if g in old or new is None or entries_of(new.get(g, [])).members:
            marked.append(g)
    if not marked:
        return []
    if not _has_index(store) and _has_indexed_entities(store):
        # Data written before the index existed (an older newsgraph): the index would
        # only know the new articles, so it stays unused until ``newsgraph reindex``.
        _set_stale(store, True)
    _mark_pending(store, marked, True)
    for chunk in _chunks(list(old)):
        members = set().union(*(old[g] for g in chunk))
        removed = _remove(store, members, exclude=list(chunk))
        _count(store, removed, -1)
    return marked


def finish(store: Store, graphs: Iterable[str], given: dict[str, list[Triple]] | None = None) -> None:
    """After writing these graphs: add their links as they now are, clear the marks.

    ``given`` holds the triples of graphs the caller has at hand (ingest does), so they
    are not read back from the store.
    """
    names = list(dict.fromkeys(graphs))
    for chunk in _chunks(names):
        have = {g: given[g] for g in chunk if given is not None and g in given}
        missing = [g for g in chunk if g not in have]
        if missing:
            have.update(_graph_triples(store, missing))
        entries = Entries()
        for triples in have.values():
            e = entries_of(triples)
            entries.members |= e.members
            entries.out |= e.out
        fresh = _absent(store, entries.members)
        _add(store, Entries(fresh, entries.out))
        _count(store, fresh, +1)
        _mark_pending(store, list(chunk), False)


def _add(store: Store, entries: Entries) -> None:
    raw = getattr(store, "oxigraph", None)
    if isinstance(raw, ox.Store):
        # Straight into pyoxigraph (one transaction), without writing and parsing SPARQL.
        graph = ox.NamedNode(INDEX_GRAPH)
        member, out = ox.NamedNode(MEMBER), ox.NamedNode(OUT)
        quads = [
            ox.Quad(ox.NamedNode(e.bucket), member, ox.NamedNode(e.member), graph) for e in entries.members
        ]
        quads += [ox.Quad(ox.NamedNode(summary_node(x)), out, ox.NamedNode(p), graph) for x, p in entries.out]
        try:
            raw.extend(quads)
        except OSError as exc:
            raise StoreError(f"cannot write the summary index of {store.location}: {exc}") from None
        return
    lines = [f"<{e.bucket}> <{MEMBER}> <{e.member}> ." for e in entries.members]
    lines += [f"<{summary_node(x)}> <{OUT}> <{p}> ." for x, p in entries.out]
    for i in range(0, len(lines), 5000):
        store.update(f"INSERT DATA {{ GRAPH <{INDEX_GRAPH}> {{\n" + "\n".join(lines[i : i + 5000]) + "\n} }")


def _unique(members: Iterable[Entry]) -> dict[tuple[str, str], Entry]:
    """One entry per (bucket, member): that pair is one index statement."""
    return {(e.bucket, e.member): e for e in members}


def _absent(store: Store, members: set[Entry]) -> set[Entry]:
    """The entries not yet in the index: only they change a tally when added.

    Looked up one statement each (embedded), or one VALUES join per thousand (remote):
    the cost follows the articles written, not the size of the buckets they fall in.
    """
    unique = _unique(members)
    raw = getattr(store, "oxigraph", None)
    if isinstance(raw, ox.Store):
        graph, member = ox.NamedNode(INDEX_GRAPH), ox.NamedNode(MEMBER)
        return {
            e
            for (b, m), e in unique.items()
            if ox.Quad(ox.NamedNode(b), member, ox.NamedNode(m), graph) not in raw
        }
    present: set[tuple[str, str]] = set()
    keys = list(unique)
    for i in range(0, len(keys), 1000):
        rows = " ".join(f"(<{b}> <{m}>)" for b, m in keys[i : i + 1000])
        for row in store.select(
            f"SELECT ?b ?m WHERE {{ VALUES (?b ?m) {{ {rows} }} "
            f"GRAPH <{INDEX_GRAPH}> {{ ?b <{MEMBER}> ?m }} }}"
        ):
            present.add((str(row.get("b")), str(row.get("m"))))
    return {e for k, e in unique.items() if k not in present}


def _remove(store: Store, members: set[Entry], exclude: Sequence[str]) -> set[Entry]:
    """Drop the memberships no article outside ``exclude`` still justifies; returns them."""
    unique = _unique(members)
    if not unique:
        return set()
    skip = ", ".join(f"<{g}>" for g in [INDEX_GRAPH, *exclude])
    rows = []
    for e in unique.values():
        (s1, p1, o1) = e.needs[0]
        (s2, p2, o2) = e.needs[-1]
        rows.append(f"(<{e.bucket}> <{e.member}> <{s1}> <{p1}> <{o1}> <{s2}> <{p2}> <{o2}>)")
    gone: set[Entry] = set()
    for i in range(0, len(rows), 1000):
        for row in store.select(
            f"SELECT ?b ?m WHERE {{ VALUES (?b ?m ?s1 ?p1 ?o1 ?s2 ?p2 ?o2) "
            f"{{ {' '.join(rows[i : i + 1000])} }} "
            f"GRAPH <{INDEX_GRAPH}> {{ ?b <{MEMBER}> ?m }} "
            f"FILTER (!(EXISTS {{ GRAPH ?g1 {{ ?s1 ?p1 ?o1 }} FILTER (?g1 NOT IN ({skip})) }} && "
            f"EXISTS {{ GRAPH ?g2 {{ ?s2 ?p2 ?o2 }} FILTER (?g2 NOT IN ({skip})) }})) }}"
        ):
            found = unique.get((str(row.get("b")), str(row.get("m"))))
            if found is not None:
                gone.add(found)
    lines = [f"<{e.bucket}> <{MEMBER}> <{e.member}> ." for e in gone]
    for i in range(0, len(lines), 5000):
        store.update(f"DELETE DATA {{ GRAPH <{INDEX_GRAPH}> {{\n" + "\n".join(lines[i : i + 5000]) + "\n} }")
    return gone


def _count(store: Store, changed: Iterable[Entry], sign: int) -> None:
    """Add sign to the tally of each bucket once per entry that entered or left it."""
    groups: dict[tuple[str, str, str], dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for e in changed:
        group, sub = _split_key(e.tally, e.key)
        groups[(summary_node(e.entity), e.tally, group)][sub] += sign
    if groups:
        _store_tallies(store, groups, relative=True)


def _split_key(tally: str, key: str) -> tuple[str, str]:
    """(group, sub-key): links and neighbours are grouped by predicate, mentions are one group."""
    if tally == MENTIONS:
        return "", key
    group, _, sub = key.partition(" ")
    return group, sub


def _pack(group: str, counts: dict[str, int]) -> str:
    return group + "\n" + "\n".join(f"{k} {n}" for k, n in sorted(counts.items()) if n > 0)


def _unpack(text: str) -> tuple[str, dict[str, int]]:
    group, _, rest = text.partition("\n")
    counts: dict[str, int] = {}
    for line in rest.split("\n"):
        k, _, n = line.rpartition(" ")
        if k and n.isdigit():
            counts[k] = int(n)
    return group, counts


def _store_tallies(
    store: Store, groups: dict[tuple[str, str, str], dict[str, int]], *, relative: bool
) -> None:
    """Write the tallies of these (summary node, kind, predicate) groups.

    An entity's tallies are packed: one literal per (kind, predicate) holding
    ``"<predicate>\n<key> <count>\n..."``.  A busy person has a tally for every day it
    was active; read one literal each they cost a string lookup apiece, so reading the
    summary of a hub would cost as many lookups as it has active days.  Packed, it is a
    dozen.  With ``relative`` the numbers are changes to the stored counts (read first);
    each group is then rewritten whole, old literal out and new in (in one update on a
    remote store).
    """
    current: dict[tuple[str, str, str], dict[str, int]] = {}
    old_text: dict[tuple[str, str, str], list[str]] = defaultdict(list)
    if relative:
        for node, tally in sorted({(node, tally) for node, tally, _ in groups}):
            for _, v in _tallies(store, node, [tally]):
                group, found = _unpack(v)
                current[(node, tally, group)] = found
                old_text[(node, tally, group)].append(v)
    changed: list[tuple[str, str, str, str | None]] = []  # node, tally, group, packed text
    for (node, tally, group), numbers in groups.items():
        before = current.get((node, tally, group), {})
        merged = dict(before)
        for k, n in numbers.items():
            merged[k] = merged.get(k, 0) + n if relative else n
        merged = {k: n for k, n in merged.items() if n > 0}
        if merged != before:
            changed.append((node, tally, group, _pack(group, merged) if merged else None))
    raw = getattr(store, "oxigraph", None)
    if isinstance(raw, ox.Store):
        # Embedded: swap the literals through pyoxigraph.  Not one transaction, but every
        # tally written here belongs to an entity a pending article names (or to a
        # rebuild under the stale mark), so no reader uses it in between.
        graph = ox.NamedNode(INDEX_GRAPH)
        try:
            for node, tally, group, _ in changed:
                for v in old_text.get((node, tally, group), []):
                    raw.remove(ox.Quad(ox.NamedNode(node), ox.NamedNode(tally), ox.Literal(v), graph))
            raw.extend(
                [
                    ox.Quad(ox.NamedNode(node), ox.NamedNode(tally), ox.Literal(packed), graph)
                    for node, tally, _, packed in changed
                    if packed is not None
                ]
            )
        except OSError as exc:
            raise StoreError(f"cannot write the summary index of {store.location}: {exc}") from None
        return
    ops: list[str] = []
    size = 0
    for node, tally, group, packed in changed:
        prefix = _lit(group + "\n")
        op = (
            f"DELETE {{ GRAPH <{INDEX_GRAPH}> {{ <{node}> <{tally}> ?v }} }} WHERE {{ "
            f"GRAPH <{INDEX_GRAPH}> {{ <{node}> <{tally}> ?v }} FILTER (STRSTARTS(?v, {prefix})) }}"
        )
        if packed is not None:
            op += f" ;\nINSERT DATA {{ GRAPH <{INDEX_GRAPH}> {{ <{node}> <{tally}> {_lit(packed)} }} }}"
        ops.append(op)
        size += len(op)
        if size > 1_000_000:
            store.update(" ;\n".join(ops))
            ops, size = [], 0
    if ops:
        store.update(" ;\n".join(ops))


def mark_stale(store: Store) -> None:
    """After a write the index cannot follow (a raw SPARQL Update): unused until reindex."""
    if _has_index(store) or _has_indexed_entities(store):
        _set_stale(store, True)


def rebuild(store: Store, graphs: Iterable[str]) -> int:
    """Build the index afresh from these article graphs (``newsgraph reindex``).

    Memberships are written chunk by chunk; the tallies are counted once at the end,
    by one aggregate over the whole index, instead of per chunk.
    """
    store.update(f"DROP SILENT GRAPH <{INDEX_GRAPH}>")
    names = [g for g in graphs if g != INDEX_GRAPH]
    _set_stale(store, True)
    buckets: dict[str, tuple[str, str, str]] = {}
    for chunk in _chunks(names, 500):
        entries = Entries()
        for triples in _graph_triples(store, chunk).values():
            e = entries_of(triples)
            entries.members |= e.members
            entries.out |= e.out
        _add(store, entries)
        for m in entries.members:
            buckets.setdefault(m.bucket, (summary_node(m.entity), m.tally, m.key))
    groups: dict[tuple[str, str, str], dict[str, int]] = defaultdict(dict)
    for row in store.select(
        f"SELECT ?b (COUNT(?m) AS ?n) WHERE {{ GRAPH <{INDEX_GRAPH}> {{ ?b <{MEMBER}> ?m }} }} GROUP BY ?b"
    ):
        found = buckets.get(str(row.get("b")))
        if found is not None:
            node, tally, key = found
            group, sub = _split_key(tally, key)
            groups[(node, tally, group)][sub] = int(str(row.get("n")))
    _store_tallies(store, groups, relative=False)
    _set_stale(store, False)
    return len(names)


# -- reading --------------------------------------------------------------------------


@dataclass
class Summary:
    """What the index knows about one entity: its tallies and its own predicates."""

    entity: str
    links: dict[str, dict[str, int]] = field(default_factory=dict)  # predicate -> key -> n
    mentions: dict[str, int] = field(default_factory=dict)  # hash prefix -> n
    near: dict[str, dict[str, int]] = field(default_factory=dict)  # predicate -> other -> n
    out: list[str] = field(default_factory=list)
    #: Whether ``near`` was read (only the HTML page asks for it).
    near_loaded: bool = False

    def link_counts(self) -> dict[str, int]:
        return {p: sum(days.values()) for p, days in self.links.items() if sum(days.values())}

    @property
    def mention_count(self) -> int:
        return sum(self.mentions.values())

    def bucket(self, tally: str, key: str) -> str:
        return bucket_iri(self.entity, tally, key)


def usable_for(store: Store, entity: str) -> bool:
    """Whether the index may answer for entity: not stale, and no pending write touches it."""
    iri = check_iri(entity)
    return not store.ask(
        f"ASK {{ {{ GRAPH <{INDEX_GRAPH}> {{ <{STATE}> <{STALE}> ?x }} }} UNION "
        f"{{ GRAPH <{INDEX_GRAPH}> {{ <{STATE}> <{PENDING}> ?a }} "
        f"{{ GRAPH ?a {{ ?s ?p <{iri}> }} }} UNION {{ GRAPH ?a {{ <{iri}> ?p ?o }} }} }} }}"
    )


def _tallies(store: Store, node: str, kinds: Sequence[str]) -> list[tuple[str, str]]:
    """(tally predicate, value) pairs of a summary node: an index scan per predicate."""
    raw = getattr(store, "oxigraph", None)
    if isinstance(raw, ox.Store):
        graph, subject = ox.NamedNode(INDEX_GRAPH), ox.NamedNode(node)
        return [
            (k, q.object.value)
            for k in kinds
            for q in raw.quads_for_pattern(subject, ox.NamedNode(k), None, graph)
            if not isinstance(q.object, ox.Triple)
        ]
    values = " ".join(f"<{k}>" for k in kinds)
    rows = store.select(
        f"SELECT ?k ?v WHERE {{ VALUES ?k {{ {values} }} GRAPH <{INDEX_GRAPH}> {{ <{node}> ?k ?v }} }}"
    )
    return [(str(r.get("k")), str(r.get("v"))) for r in rows]


def load(store: Store, entity: str, *, near: bool = False) -> Summary | None:
    """The summary of entity, or None when the index cannot answer for it right now.

    None when the index is marked stale, when a pending write touches the entity, or
    when the entity has no summary at all (then the live queries answer).  The
    neighbour tallies (one per resource the entity ever shared an event with) are read
    only with ``near``: the HTML page draws them, RDF documents do not.
    """
    iri = check_iri(entity)
    if not usable_for(store, iri):
        return None
    kinds = [LINKS, MENTIONS, OUT] + ([NEAR] if near else [])
    rows = _tallies(store, summary_node(iri), kinds)
    if not rows:
        return None
    summary = Summary(iri, near_loaded=near)
    for k, v in rows:
        if k == OUT:
            summary.out.append(v)
            continue
        group, found = _unpack(v)
        if k == MENTIONS:
            summary.mentions.update(found)
        else:
            table = summary.links if k == LINKS else summary.near
            table.setdefault(group, {}).update(found)
    summary.out.sort()
    return summary


__all__ = [
    "DATE_PROPERTY",
    "INDEX_GRAPH",
    "Summary",
    "begin",
    "entries_of",
    "finish",
    "from_nquads",
    "from_ntriples",
    "load",
    "maintained",
    "mark_stale",
    "usable_for",
    "rebuild",
    "sort_hash",
]


# -- hooks for the store backends -------------------------------------------------------


@contextmanager
def maintained(
    store: Store, graphs: Iterable[str], given: dict[str, list[Triple]] | None = None
) -> Iterator[None]:
    """Keep the index right around a write of these graphs (see the module docstring)."""
    names = begin(store, graphs, given)
    try:
        yield
    except BaseException:
        # The write failed: index what the store holds now (the old version when the
        # write was atomic).  If that fails too, the pending marks stay and the pages
        # of the entities involved use live queries until ``newsgraph reindex``.
        if names:
            try:
                finish(store, names)
            except Exception:  # noqa: BLE001 - the write's own error is the one to report
                pass
        raise
    if names:
        finish(store, names, given)


@contextmanager
def maintained_bulk(store: Store, nquads_path: str) -> Iterator[None]:
    """``maintained`` around a bulk load of an N-Quads file: every backend's bulk path."""
    try:
        given = from_nquads(nquads_path)
    except SyntaxError as exc:
        raise RDFSyntaxError(f"cannot load {nquads_path}: {exc}") from None
    with maintained(store, list(given), given):
        yield


def from_ntriples(items: Iterable[tuple[str, str]]) -> dict[str, list[Triple]]:
    try:
        return {g: list(triples_from_ntriples(nt)) for g, nt in items}
    except SyntaxError as exc:
        raise RDFSyntaxError(f"cannot store the graphs: {exc}") from None


def from_nquads(path: str) -> dict[str, list[Triple]]:
    """The article graphs of an N-Quads file, grouped by graph (for the bulk loaders)."""
    found: dict[str, list[Triple]] = {}
    for q in ox.parse(path=path, format=ox.RdfFormat.N_QUADS):
        g = q.graph_name
        if isinstance(g, ox.NamedNode) and isinstance(q.subject, ox.NamedNode):
            o = q.object
            found.setdefault(g.value, []).append(
                (q.subject.value, q.predicate.value, o.value, isinstance(o, ox.NamedNode))
            )
    return found
