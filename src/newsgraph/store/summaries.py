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
* **tallies** -- the member count of every bucket, read all at once for an entity, so
  the counts, the page boundaries, the timeline and the top neighbours come without
  touching a bucket.  A page then fetches just the one or two buckets it overlaps and
  sorts them (by date, newest first, then by a hash: the order the live queries use).
* **out** -- the predicates X has statements with (other than ``ng:denotedBy``), so the
  resource's own facts are read without walking its 180,000 mention links.

How the tallies are stored, and why.  Oxigraph never frees a string once written: an
IRI, or a literal too long to sit inside the quad, goes to a string table (RocksDB's
``id2str``) that nothing ever deletes from, not even ``optimize``.  A tally that is
rewritten on every write must therefore be a term Oxigraph stores *inline*: plain
strings of at most 15 UTF-8 bytes, ``xsd:integer``, ``xsd:date`` (measured: rewriting
such a value 5,000 times adds nothing to ``id2str``, a 16-byte string or an IRI adds
45 bytes a time; see docs/scaling.md).  So, per entity X with summary node S:

* one **group** node G per (kind, predicate) -- kinds are ``links``, ``mentions`` and
  ``near`` -- with ``S <kind> G``, ``G tag "<tag>"`` and ``G group <predicate>``, written
  when the group gets its first count and removed with its last;
* one **count** statement per bucket, ``G n "<code> <count>"``, at most 15 bytes: the
  code names the bucket within its group (``20240131`` for a day, ``~a`` for an undated
  hash bucket, ``3f`` for a mention hash, a 48-bit hash for a neighbour or an odd date
  text) and the bucket is the node ``G:<code>``.  A write replaces only this statement;
* for a hashed code, a **key** statement on the bucket, ``G:<code> key <Y>`` (the
  neighbour) or ``key "<date text>"``, written once while the bucket lives.

Every IRI and long literal the index holds is thus fixed for the life of its bucket or
group, and a store written incrementally holds the same strings as one built by
``newsgraph reindex``.  Reading X costs one query whose rows are all inline values
(about a microsecond and a half each, no string lookup), then, for the HTML page, one
lookup per neighbour among the top few (``load(near_top=...)``).  An index written by
the older layout (one packed literal per predicate, rewritten whole on each write and
so never freed) has no ``layout`` mark: it is not used, and the log says to run
``newsgraph reindex``.

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
bucket at the same instant can leave its tally one off (each recount reads, then
writes); if they leave two count statements for one bucket, the entity's pages use
live queries until a write touching that bucket or a reindex.  A linking resource
whose date is stated differently by two articles is filed under the newest date.
Two neighbours of one entity whose 48-bit hashes collide make that entity's pages
use live queries (detected when read).
"""

from __future__ import annotations

import base64
import hashlib
import logging
import re
import sys
from collections import OrderedDict, defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from typing import Any

import pyoxigraph as ox
from rdflib import URIRef
from rdflib.term import Node

from ..errors import RDFSyntaxError, StoreError
from ..ontology.namespace import NG
from .base import Store, Triple
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
#: ``<STATE> layout LAYOUT_VERSION``: the index is in the layout this module reads.
LAYOUT = _NS + "layout"
LAYOUT_VERSION = 2
#: Group node -> inline tag / linking predicate; bucket tally; hashed bucket -> its key.
TAG = _NS + "tag"
GROUP = _NS + "group"
COUNT = _NS + "n"
KEY = _NS + "key"
KINDS = (LINKS, MENTIONS, NEAR)
#: Longest string Oxigraph keeps inside the quad (measured; see the module docstring).
INLINE_BYTES = 15

_XSD_INTEGER = "http://www.w3.org/2001/XMLSchema#integer"
log = logging.getLogger(__name__)

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


def _short_hash(text: str, n: int) -> str:
    """n characters of a URL-safe base-64 MD5: 6 bits each, and usable inside an IRI."""
    digest = hashlib.md5(text.encode("utf-8")).digest()  # noqa: S324 - a bucket name, not security
    return base64.urlsafe_b64encode(digest).decode("ascii")[:n]


def group_tag(kind: str, group: str) -> str:
    """The inline tag of a group: its node is ``<summary node>:<tag>``."""
    return md5(f"{kind} {group}")[:12]


def group_node(entity: str, kind: str, group: str) -> str:
    return f"{summary_node(entity)}:{group_tag(kind, group)}"


_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
_DAY_CODE = re.compile(r"\d{8}")


def code_of(kind: str, sub: str) -> str:
    """The name of a bucket within its group: short, inline, and IRI-safe.

    Days and the fixed hash buckets name themselves; a neighbour's IRI or a date text of
    another shape is hashed (48 bits), and its bucket then states the key it stands for.
    """
    if kind == MENTIONS:
        return sub
    if kind == LINKS:
        if _DAY.fullmatch(sub):
            return sub.replace("-", "")
        if len(sub) == 2 and sub[0] == UNDATED:
            return sub
        return "k" + _short_hash(sub, 7)
    return _short_hash(sub, 8)


def is_hashed(kind: str, code: str) -> bool:
    return kind == NEAR or (kind == LINKS and code[0] == "k")


def _plain_key(kind: str, code: str) -> str:
    """The key a self-naming code stands for (the inverse of ``code_of``)."""
    if kind == LINKS and _DAY_CODE.fullmatch(code):
        return f"{code[:4]}-{code[4:6]}-{code[6:]}"
    return code


@lru_cache(maxsize=65536)
def bucket_iri(entity: str, tally: str, key: str) -> str:
    group, sub = _split_key(tally, key)
    return f"{group_node(entity, tally, group)}:{code_of(tally, sub)}"


def _split_key(tally: str, key: str) -> tuple[str, str]:
    """(group, sub-key): links and neighbours are grouped by predicate, mentions are one group."""
    if tally == MENTIONS:
        return "", key
    group, _, sub = key.partition(" ")
    return group, sub


_B36 = "0123456789abcdefghijklmnopqrstuvwxyz"


def count_literal(code: str, n: int) -> str:
    """``"<code> <n>"`` within ``INLINE_BYTES``: decimal, or ``+`` and base 36 when that is too long."""
    room = INLINE_BYTES - len(code) - 1
    text = str(n)
    if len(text) > room:
        digits = ""
        while n:
            n, r = divmod(n, 36)
            digits = _B36[r] + digits
        text = "+" + digits
        if len(text) > room:
            raise StoreError(f"a summary index bucket outgrew its tally ({code})")
    return f"{code} {text}"


def parse_count(value: str) -> tuple[str, int]:
    code, _, text = value.partition(" ")
    return code, int(text[1:], 36) if text.startswith("+") else int(text)


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

    @cached_property
    def bucket(self) -> str:
        # Asked four or five times per entry on the way into the index; kept in the
        # instance dict, which the generated __eq__ and __hash__ never read.
        return bucket_iri(self.entity, self.tally, self.key)


@dataclass
class Entries:
    members: set[Entry] = field(default_factory=set)
    out: set[tuple[str, str]] = field(default_factory=set)


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
    """The index's view of rdflib triples: what ``from_nquads`` reads back once they are written."""
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


_LAYOUT_TRIPLE = f'<{STATE}> <{LAYOUT}> "{LAYOUT_VERSION}"^^<{_XSD_INTEGER}>'


def _index_state(store: Store) -> str:
    """``none`` (no index graph), ``current`` (this layout) or ``old`` (written by an older newsgraph)."""
    rows = _rows(
        store,
        f"SELECT ?any ?cur WHERE {{ BIND(EXISTS {{ GRAPH <{INDEX_GRAPH}> {{ ?s ?p ?o }} }} AS ?any) "
        f"BIND(EXISTS {{ GRAPH <{INDEX_GRAPH}> {{ {_LAYOUT_TRIPLE} }} }} AS ?cur) }}",
        ("any", "cur"),
    )
    found, current = rows[0] if rows else (None, None)
    if current == "true":
        return "current"
    return "old" if found == "true" else "none"


_warned: set[str] = set()


def _warn_old(store: Store) -> None:
    if store.location not in _warned:
        _warned.add(store.location)
        log.warning(
            "the summary index of %s was written by an older newsgraph; hub pages use slow live "
            "queries until `newsgraph reindex --store %s` rebuilds it",
            store.location,
            store.location,
        )


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


def begin(
    store: Store,
    graphs: Iterable[str],
    new: dict[str, list[Triple]] | None = None,
    *,
    _entries: dict[str, Entries] | None = None,
) -> list[str]:
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
    entries = _entries if _entries is not None else {g: entries_of(t) for g, t in (new or {}).items()}
    for g in names:
        if g in old or new is None or (g in entries and entries[g].members):
            marked.append(g)
    if not marked:
        return []
    state = _index_state(store)
    if state == "none":
        if _has_indexed_entities(store):
            # Data written before the index existed (an older newsgraph): the index would
            # only know the new articles, so it stays unused until ``newsgraph reindex``.
            _set_stale(store, True)
        store.update(f"INSERT DATA {{ GRAPH <{INDEX_GRAPH}> {{ {_LAYOUT_TRIPLE} }} }}")
    elif state == "old":
        # An index in the older layout: keeping it up would mix two layouts.  Readers
        # ignore it already (no layout mark); the stale mark says so to every process.
        _warn_old(store)
        _set_stale(store, True)
    _mark_pending(store, marked, True)
    # Memberships chunk by chunk, the counts of all of them at once: a hub's group is
    # then read and rewritten once per call, not once per hundred articles.
    tallies: dict[GroupKey, _Tally] = {}
    for chunk in _chunks(list(old)):
        members = set().union(*(old[g] for g in chunk))
        _tallies_of(_remove(store, members, exclude=list(chunk)), -1, tallies)
    if tallies:
        _store_counts(store, tallies, relative=True)
    return marked


def finish(
    store: Store,
    graphs: Iterable[str],
    given: dict[str, list[Triple]] | None = None,
    *,
    _entries: dict[str, Entries] | None = None,
) -> None:
    """After writing these graphs: add their links as they now are, clear the marks.

    ``given`` holds the triples of graphs the caller has at hand (ingest does), so they
    are not read back from the store.
    """
    names = list(dict.fromkeys(graphs))
    tallies: dict[GroupKey, _Tally] = {}
    seen: set[tuple[str, str]] = set()  # (bucket, member) pairs looked up already
    todo = Entries()  # fresh memberships not written yet: written together, in bulk if many
    # The counts of every group the write touches, read as its entries come: a bucket
    # without a count is empty, so its memberships need no lookup (in a new store, or
    # on a new day, that is most of them).
    current: CountsByNode = {}
    for chunk in _chunks(names):
        have: dict[str, Entries] = {}
        for g in chunk:
            if _entries is not None and g in _entries:
                have[g] = _entries[g]
            elif given is not None and g in given:
                have[g] = entries_of(given[g])
        missing = [g for g in chunk if g not in have]
        if missing:
            have.update((g, entries_of(t)) for g, t in _graph_triples(store, missing).items())
        entries = Entries()
        for e in have.values():
            entries.members |= e.members
            entries.out |= e.out
        unique = {k: e for k, e in _unique(entries.members).items() if k not in seen}
        seen.update(unique)
        split = {k: k[0].rsplit(":", 1) for k in unique}
        current.update(_read_counts(store, list({n for n, _ in split.values() if n not in current})))
        fresh = [e for k, e in unique.items() if split[k][1] not in current[split[k][0]]]
        fresh += _absent(store, {k: e for k, e in unique.items() if split[k][1] in current[split[k][0]]})
        todo.members.update(fresh)
        todo.out |= entries.out
        if len(todo.members) >= 5 * BULK_STATEMENTS:
            _add(store, todo)
            todo = Entries()
        _tallies_of(fresh, +1, tallies)
        # A fresh membership states the keys of all the entries behind it, not only of
        # the one kept: two keys whose hashes collide in one bucket can share a member,
        # and stating both is what lets a reader see the collision.
        pairs = {(e.bucket, e.member) for e in fresh}
        _tallies_of((e for e in entries.members if (e.bucket, e.member) in pairs), 0, tallies)
    if todo.members or todo.out:
        _add(store, todo)
    if tallies:
        _store_counts(store, tallies, relative=True, current=current)
    _mark_pending(store, names, False)


#: Index statements written at once beyond which the store's bulk path is used: RocksDB
#: files made directly (embedded ``bulk_extend``) or Oxigraph's bulk loader behind the
#: dataset endpoint (remote).  Not one transaction, so only where the pending marks
#: already cover a partial write: a crash leaves the entities live until reindex.
BULK_STATEMENTS = 20_000


def _add(store: Store, entries: Entries, *, bulk: bool = False) -> None:
    """Write memberships and out statements; through the bulk path when many (or ``bulk``)."""
    raw = getattr(store, "oxigraph", None)
    many = bulk or len(entries.members) + len(entries.out) >= BULK_STATEMENTS
    if isinstance(raw, ox.Store):
        # Straight into pyoxigraph, without writing and parsing SPARQL.
        graph = ox.NamedNode(INDEX_GRAPH)
        member, out = ox.NamedNode(MEMBER), ox.NamedNode(OUT)
        quads = [
            ox.Quad(ox.NamedNode(e.bucket), member, ox.NamedNode(e.member), graph) for e in entries.members
        ]
        quads += [ox.Quad(ox.NamedNode(summary_node(x)), out, ox.NamedNode(p), graph) for x, p in entries.out]
        try:
            if many:
                raw.bulk_extend(quads)
            else:
                raw.extend(quads)
        except OSError as exc:
            raise StoreError(f"cannot write the summary index of {store.location}: {exc}") from None
        return
    lines = [f"<{e.bucket}> <{MEMBER}> <{e.member}> ." for e in entries.members]
    lines += [f"<{summary_node(x)}> <{OUT}> <{p}> ." for x, p in entries.out]
    _insert_lines(store, lines, bulk=many)


def _unique(members: Iterable[Entry]) -> dict[tuple[str, str], Entry]:
    """One entry per (bucket, member): that pair is one index statement."""
    return {(e.bucket, e.member): e for e in members}


def _absent(store: Store, unique: dict[tuple[str, str], Entry]) -> list[Entry]:
    """The entries (one per (bucket, member)) not yet in the index: only they change a tally.

    Looked up one statement each (embedded), or one VALUES join per two thousand
    (remote, answering row numbers only): the cost follows the articles written, not
    the size of the buckets they fall in.
    """
    raw = getattr(store, "oxigraph", None)
    if isinstance(raw, ox.Store):
        graph, member = ox.NamedNode(INDEX_GRAPH), ox.NamedNode(MEMBER)
        # A member no bucket holds yet (the event or mention of an article being added)
        # makes all its memberships fresh: one lookup per member, not one per bucket.
        held: dict[str, bool] = {}
        absent: list[Entry] = []
        for (b, m), e in unique.items():
            known = held.get(m)
            if known is None:
                node = ox.NamedNode(m)
                known = held[m] = next(raw.quads_for_pattern(None, member, node, graph), None) is not None
            if not known or ox.Quad(ox.NamedNode(b), member, ox.NamedNode(m), graph) not in raw:
                absent.append(e)
        return absent
    items = list(unique.items())
    fresh: list[Entry] = []
    for i in range(0, len(items), 2000):
        chunk = items[i : i + 2000]
        rows = " ".join(f"({j} <{b}> <{m}>)" for j, ((b, m), _) in enumerate(chunk))
        present = {
            int(j)
            for (j,) in _rows(
                store,
                f"SELECT ?i WHERE {{ VALUES (?i ?b ?m) {{ {rows} }} "
                f"GRAPH <{INDEX_GRAPH}> {{ ?b <{MEMBER}> ?m }} }}",
                ("i",),
            )
            if j is not None
        }
        fresh += [e for j, (_, e) in enumerate(chunk) if j not in present]
    return fresh


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


def _value(term: object) -> str:
    if isinstance(term, ox.NamedNode | ox.Literal | ox.BlankNode):
        return term.value
    return str(term)


_PLAIN_TERMS = frozenset((ox.NamedNode, ox.Literal, ox.BlankNode))


def _rows(store: Store, query: str, names: Sequence[str]) -> list[tuple[str | None, ...]]:
    """The values of a SELECT, as text; on an embedded store straight from pyoxigraph.

    Making rdflib terms of a hub's few thousand tallies would cost more than reading them.
    """
    raw = getattr(store, "oxigraph", None)
    if isinstance(raw, ox.Store):
        try:
            solutions = raw.query(query)
            if not isinstance(solutions, ox.QuerySolutions):
                raise StoreError("the summary index query is not a SELECT")
            # Millions of rows in a large ingest: terms fetched by position (by name costs
            # a lookup each), a list per row rather than a generator, the usual terms' text
            # read directly: 2-3x less CPU per row.
            order = [v.value for v in solutions.variables]
            at = [order.index(n) for n in names]
            plain = _PLAIN_TERMS
            return [
                tuple(
                    [
                        None if t is None else t.value if type(t) in plain else _value(t)
                        for t in map(sol.__getitem__, at)
                    ]
                )
                for sol in solutions
            ]
        except OSError as exc:
            raise StoreError(f"cannot read the summary index of {store.location}: {exc}") from None
    select_values = getattr(store, "select_values", None)
    if select_values is not None:
        found: list[tuple[str | None, ...]] = select_values(query, names)
        return found
    rows = store.select(query)
    return [tuple(None if (v := row.get(n)) is None else str(v) for n in names) for row in rows]


GroupKey = tuple[str, str, str]  # entity, kind, group


@dataclass
class _Tally:
    """Changes to one group's counts, and the keys its hashed buckets stand for."""

    deltas: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    keys: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))  # code -> N-Triples terms


def _key_term(kind: str, sub: str) -> str:
    return f"<{sub}>" if kind == NEAR else _lit(sub)


def _tallies_of(
    changed: Iterable[Entry], sign: int, into: dict[GroupKey, _Tally] | None = None
) -> dict[GroupKey, _Tally]:
    out = into if into is not None else {}
    for e in changed:
        group, sub = _split_key(e.tally, e.key)
        tally = out.get((e.entity, e.tally, group))
        if tally is None:
            tally = out[(e.entity, e.tally, group)] = _Tally()
        code = code_of(e.tally, sub)
        tally.deltas[code] += sign
        if is_hashed(e.tally, code):
            tally.keys[code].add(_key_term(e.tally, sub))
    return out


class _Counts(Mapping[str, list[str]]):
    """A cached group's counts in the shape ``_query_counts`` returns, spelled on access.

    A write looks at the few buckets it changes, not at the thousands a hub's group holds,
    so handing out the cache's own table behind this view keeps a cached read O(1).
    """

    __slots__ = ("n",)

    def __init__(self, n: dict[str, int]) -> None:
        self.n = n

    def __getitem__(self, code: str) -> list[str]:
        return [count_literal(code, self.n[code])]

    def get(self, code: str, default: Any = None) -> Any:  # Mapping's goes through KeyError
        n = self.n.get(code)
        return default if n is None else [count_literal(code, n)]

    def __contains__(self, code: object) -> bool:
        return code in self.n

    def __iter__(self) -> Iterator[str]:
        return iter(self.n)

    def __len__(self) -> int:
        return len(self.n)


CountsByNode = dict[str, Mapping[str, list[str]]]


class CountCache:
    """The bucket counts of group nodes, as last read or written by the one process writing.

    Reading a hub's counts is most of what keeping the index costs a large ingest: a
    shard of two thousand articles touches a few thousand groups holding a million count
    statements, and in a store written for a while each of them is slow to read (every
    rewrite of a count leaves a tombstone that reads skip until RocksDB compacts).  A
    writer that holds the store alone (``newsgraph ingest`` on an embedded store: RocksDB
    locks the directory, and the ingest loop writes from one thread) sets one on the
    store as ``count_cache``, so each group is read once per run and then followed
    through its own writes, at a cost in the buckets a write changes.  Never used where
    another process or thread could write the same counts between two calls: the cache
    would then hide their writes.

    Only groups whose every bucket has one count statement in this module's own
    spelling are kept, so the statements to delete can be spelled again from the
    numbers; a group with a race's second statement is read afresh, and the write that
    touches it repairs it.  At most ``max_codes`` buckets are held (codes interned, about
    70 bytes each); the least recently used groups go first.
    """

    def __init__(self, max_codes: int = 3_000_000) -> None:
        self.max_codes = max_codes
        self._groups: OrderedDict[str, dict[str, int]] = OrderedDict()
        self._size = 0
        self.hits = 0
        self.misses = 0

    def __len__(self) -> int:
        return self._size

    def clear(self) -> None:
        self._groups.clear()
        self._size = 0

    def lookup(self, nodes: Sequence[str]) -> tuple[CountsByNode, list[str]]:
        """Views of the counts of the nodes held; and the nodes not held."""
        found: CountsByNode = {}
        missing: list[str] = []
        groups = self._groups
        for node in nodes:
            counts = groups.get(node)
            if counts is None:
                missing.append(node)
                continue
            groups.move_to_end(node)
            found[node] = _Counts(counts)
        self.hits += len(found)
        self.misses += len(missing)
        return found, missing

    def remember(self, read: dict[str, dict[str, list[str]]]) -> CountsByNode:
        """Keep what was read from the store; returns it, as views where kept."""
        out: CountsByNode = {}
        for node, codes in read.items():
            counts: dict[str, int] = {}
            for code, values in codes.items():
                if len(values) != 1:
                    break
                n = parse_count(values[0])[1]
                if count_literal(code, n) != values[0]:
                    break
                counts[sys.intern(code)] = n
            else:
                out[node] = _Counts(self._put(node, counts))
                continue
            self._drop(node)
            out[node] = codes
        self._trim()
        return out

    def wrote(self, node: str, have: Mapping[str, list[str]], changed: dict[str, int]) -> None:
        """Follow a successful write of one group: ``have`` is what the writer read, ``changed``
        the new count of every bucket it rewrote (0: the statement is gone)."""
        if isinstance(have, _Counts) and self._groups.get(node) is have.n:
            counts = have.n
            self._groups.move_to_end(node)
        else:
            # Read from the store, not through here (or evicted since): nothing to update.
            return
        for code, n in changed.items():
            if n > 0:
                if code not in counts:
                    self._size += 1
                counts[sys.intern(code)] = n
            elif counts.pop(code, None) is not None:
                self._size -= 1
        self._trim()

    def _put(self, node: str, counts: dict[str, int]) -> dict[str, int]:
        self._drop(node)
        self._groups[node] = counts
        self._size += len(counts)
        return counts

    def _trim(self) -> None:
        while self._size > self.max_codes and self._groups:
            _, gone = self._groups.popitem(last=False)
            self._size -= len(gone)

    def _drop(self, node: str) -> None:
        gone = self._groups.pop(node, None)
        if gone is not None:
            self._size -= len(gone)


def forget_counts(store: Store) -> None:
    """After a write that did not go through this module: cached counts may be wrong."""
    cache: CountCache | None = getattr(store, "count_cache", None)
    if cache is not None:
        cache.clear()


def _read_counts(store: Store, nodes: Sequence[str]) -> CountsByNode:
    """The count statements of these group nodes: node -> code -> values (one, unless a race left two).

    Through the store's ``count_cache`` when its writer keeps one (see ``CountCache``).
    """
    cache: CountCache | None = getattr(store, "count_cache", None)
    if cache is None:
        return dict(_query_counts(store, nodes))
    found, missing = cache.lookup(nodes)
    if missing:
        found.update(cache.remember(_query_counts(store, missing)))
    return found


def _query_counts(store: Store, nodes: Sequence[str]) -> dict[str, dict[str, list[str]]]:
    found: dict[str, dict[str, list[str]]] = {g: {} for g in nodes}
    for i in range(0, len(nodes), 500):
        chunk = nodes[i : i + 500]
        values = " ".join(f"({j} <{g}>)" for j, g in enumerate(chunk))
        query = (
            f"SELECT ?i ?v WHERE {{ VALUES (?i ?g) {{ {values} }} "
            f"GRAPH <{INDEX_GRAPH}> {{ ?g <{COUNT}> ?v }} }}"
        )
        for j, v in _rows(store, query, ("i", "v")):
            if j is not None and v is not None:
                found[chunk[int(j)]].setdefault(parse_count(v)[0], []).append(v)
    return found


def _group_lines(entity: str, kind: str, group: str) -> list[str]:
    node = group_node(entity, kind, group)
    lines = [
        f"<{summary_node(entity)}> <{kind}> <{node}> .",
        f'<{node}> <{TAG}> "{group_tag(kind, group)}" .',
    ]
    if group:
        lines.append(f"<{node}> <{GROUP}> <{group}> .")
    return lines


def _store_counts(
    store: Store,
    tallies: dict[GroupKey, _Tally],
    *,
    relative: bool,
    current: CountsByNode | None = None,
    bulk: bool = False,
    written: set[int] | None = None,
) -> None:
    """Write the counts of these groups: only the changed buckets' count statements are replaced.

    With ``relative`` the deltas are added to the stored counts (read first); otherwise
    they are the counts (a rebuild).  ``current`` holds counts the caller read already;
    ``written`` collects the hashes of the lines inserted (see ``rebuild``).  Nothing written here is a
    fresh string but the inline counts: group statements come and go with the group,
    key statements with their bucket.
    """
    nodes = {gk: group_node(*gk) for gk in tallies}
    current = dict(current or {})
    if relative:
        current.update(_read_counts(store, [n for n in nodes.values() if n not in current]))
    delete: list[str] = []
    insert: list[str] = []
    drop_keys: list[str] = []
    followed: list[tuple[str, Mapping[str, list[str]], dict[str, int]]] = []
    for gk, tally in tallies.items():
        entity, kind, group = gk
        node = nodes[gk]
        have: Mapping[str, list[str]] = current.get(node, {})
        after = len(have)  # buckets with a count once this write is done
        rewritten: dict[str, int] = {}
        for code, delta in tally.deltas.items():
            values = have.get(code, [])
            old = max((parse_count(v)[1] for v in values), default=0)
            new = old + delta if relative else delta
            bucket = f"{node}:{code}"
            if new > 0 and delta >= 0:
                insert += [f"<{bucket}> <{KEY}> {term} ." for term in sorted(tally.keys.get(code, ()))]
            if new == old and len(values) == 1:
                continue
            delete += [f"<{node}> <{COUNT}> {_lit(v)} ." for v in values]
            rewritten[code] = max(new, 0)
            if new > 0:
                insert.append(f"<{node}> <{COUNT}> {_lit(count_literal(code, new))} .")
                after += not values
            else:
                after -= bool(values)
                if is_hashed(kind, code) and values:
                    drop_keys.append(bucket)
        if have and not after:
            delete += _group_lines(entity, kind, group)
        elif after and not have:
            insert += _group_lines(entity, kind, group)
        followed.append((node, have, rewritten))
    ops = [f"DELETE WHERE {{ GRAPH <{INDEX_GRAPH}> {{ <{b}> <{KEY}> ?x }} }}" for b in drop_keys]
    cache: CountCache | None = getattr(store, "count_cache", None)
    try:
        _run_data(store, "DELETE", delete, ops)
        if written is not None:
            written.update(map(_hkey, insert))
        _insert_lines(store, insert, bulk=bulk)
    except BaseException:
        if cache is not None:
            cache.clear()  # written in part, or not at all: read afresh next time
        raise
    if cache is not None:
        for node, have, rewritten in followed:
            cache.wrote(node, have, rewritten)


def _insert_lines(store: Store, lines: Sequence[str], *, bulk: bool = False) -> None:
    """INSERT DATA of these index lines, or the store's bulk path when there are many."""
    if lines and (bulk or len(lines) >= BULK_STATEMENTS):
        raw = getattr(store, "oxigraph", None)
        if isinstance(raw, ox.Store):
            graph = ox.NamedNode(INDEX_GRAPH)
            try:
                raw.bulk_extend(
                    ox.Quad(t.subject, t.predicate, t.object, graph)
                    for t in ox.parse("\n".join(lines), ox.RdfFormat.N_TRIPLES)
                )
            except OSError as exc:
                raise StoreError(f"cannot write the summary index of {store.location}: {exc}") from None
            return
        add_triples = getattr(store, "add_triples", None)
        if add_triples is not None:
            add_triples(INDEX_GRAPH, "\n".join(lines) + "\n")
            return
    _run_data(store, "INSERT", lines, [])


def _run_data(store: Store, verb: str, lines: Sequence[str], ops: Sequence[str]) -> None:
    """``<verb> DATA`` of these index lines, and further operations, in requests of about a megabyte."""
    batch: list[str] = []
    size = 0

    def flush() -> None:
        nonlocal batch, size
        if batch:
            store.update(" ;\n".join(batch))
        batch, size = [], 0

    for i in range(0, len(lines), 5000):
        op = f"{verb} DATA {{ GRAPH <{INDEX_GRAPH}> {{\n" + "\n".join(lines[i : i + 5000]) + "\n} }"
        batch.append(op)
        size += len(op)
        if size > 1_000_000:
            flush()
    for op in ops:
        batch.append(op)
        size += len(op)
        if size > 1_000_000 or len(batch) >= 500:
            flush()
    flush()


def mark_stale(store: Store) -> None:
    """After a write the index cannot follow (a raw SPARQL Update): unused until reindex."""
    forget_counts(store)
    if _has_index(store) or _has_indexed_entities(store):
        _set_stale(store, True)


#: Memberships a rebuild tells apart in memory (about 100 bytes each) to count its
#: buckets itself; beyond that it counts them with one aggregate over the index.
COUNT_IN_MEMORY = 5_000_000
#: Article graphs up to which an embedded rebuild over an index of this layout keeps
#: the statements that stay (remembering an 8-byte hash of each one written, about 60
#: statements an article) instead of dropping the index first.
DIFF_GRAPHS = 100_000


def _hkey(line: str) -> int:
    return int.from_bytes(hashlib.blake2b(line.encode("utf-8"), digest_size=8).digest(), "big")


def _term_text(term: object) -> str:
    """A term as this module writes it into index lines (see ``_lit``, ``_LAYOUT_TRIPLE``)."""
    if isinstance(term, ox.NamedNode):
        return f"<{term.value}>"
    if isinstance(term, ox.Literal):
        if term.language:
            return f"{_lit(term.value)}@{term.language}"
        if term.datatype.value != "http://www.w3.org/2001/XMLSchema#string":
            return f"{_lit(term.value)}^^<{term.datatype.value}>"
        return _lit(term.value)
    return str(term)


def rebuild(
    store: Store,
    graphs: Iterable[str],
    read: Callable[[Sequence[str]], dict[str, list[Triple]]] | None = None,
) -> int:
    """Build the index afresh from these article graphs (``newsgraph reindex``).

    ``read`` gives the triples of a chunk of graphs (default: ``_graph_triples``); the
    embedded store's reindex passes one that fills the default graph from the same
    reading.  Memberships are written chunk by chunk, in bulk; the buckets are counted
    while they are written (each (bucket, member) pair once, however many articles
    state it), so no aggregate over the finished index is needed, up to
    ``COUNT_IN_MEMORY`` pairs.

    Dropping the old index costs a transaction per statement (a third of a reindex at
    10,000 articles), and most of it is written again unchanged.  So an embedded store
    whose index has this layout keeps it: every statement is written again (in bulk,
    overwriting itself), and at the end one scan removes those not written.  Readers
    meanwhile see the stale mark, as they do while an index is dropped and rebuilt.
    """
    names = [g for g in graphs if g != INDEX_GRAPH]
    forget_counts(store)
    raw = getattr(store, "oxigraph", None)
    written: set[int] | None = None
    if isinstance(raw, ox.Store) and len(names) <= DIFF_GRAPHS and _index_state(store) == "current":
        written = {_hkey(_LAYOUT_TRIPLE + " ."), _hkey(f"<{STATE}> <{STALE}> <{STATE}> .")}
    else:
        store.update(f"DROP SILENT GRAPH <{INDEX_GRAPH}>")
    _set_stale(store, True)
    store.update(f"INSERT DATA {{ GRAPH <{INDEX_GRAPH}> {{ {_LAYOUT_TRIPLE} }} }}")
    reader = read if read is not None else (lambda chunk: _graph_triples(store, chunk))
    keys: dict[GroupKey, _Tally] = {}  # the keys of hashed buckets
    counts: dict[GroupKey, _Tally] | None = {}
    pairs: set[tuple[str, str]] = set()
    for chunk in _chunks(names, 500):
        entries = Entries()
        for triples in reader(chunk).values():
            e = entries_of(triples)
            entries.members |= e.members
            entries.out |= e.out
        new = {k: e for k, e in _unique(entries.members).items() if k not in pairs}
        _add(store, Entries(set(new.values()), entries.out), bulk=True)
        if written is not None:
            written.update(_hkey(f"<{b}> <{MEMBER}> <{m}> .") for b, m in new)
            written.update(_hkey(f"<{summary_node(x)}> <{OUT}> <{p}> .") for x, p in entries.out)
        _tallies_of(entries.members, 0, keys)
        if counts is not None:
            pairs.update(new)
            _tallies_of(new.values(), +1, counts)
            if len(pairs) > COUNT_IN_MEMORY:
                counts = None
                pairs.clear()
    tallies = counts if counts is not None else _aggregate_counts(store, keys)
    for gk, tally in tallies.items():
        tally.keys = keys[gk].keys
    _store_counts(store, tallies, relative=False, bulk=True, written=written)
    if written is not None and isinstance(raw, ox.Store):
        gone = [
            line
            for q in raw.quads_for_pattern(None, None, None, ox.NamedNode(INDEX_GRAPH))
            if _hkey(line := f"{_term_text(q.subject)} {_term_text(q.predicate)} {_term_text(q.object)} .")
            not in written
        ]
        _run_data(store, "DELETE", gone, [])
    forget_counts(store)
    _set_stale(store, False)
    return len(names)


def _aggregate_counts(store: Store, keys: dict[GroupKey, _Tally]) -> dict[GroupKey, _Tally]:
    """Every bucket's member count, from one aggregate over the index (a very big rebuild)."""
    buckets: dict[str, tuple[GroupKey, str]] = {}
    for gk, tally in keys.items():
        node = group_node(*gk)
        for code in tally.deltas:
            buckets[f"{node}:{code}"] = (gk, code)
    tallies: dict[GroupKey, _Tally] = {}
    for b, n in _rows(
        store,
        f"SELECT ?b (COUNT(?m) AS ?n) WHERE {{ GRAPH <{INDEX_GRAPH}> {{ ?b <{MEMBER}> ?m }} }} GROUP BY ?b",
        ("b", "n"),
    ):
        found = buckets.get(b or "")
        if found is not None and n is not None:
            gk, code = found
            tallies.setdefault(gk, _Tally()).deltas[code] = int(n)
    return tallies


# -- reading --------------------------------------------------------------------------


@dataclass
class Summary:
    """What the index knows about one entity: its tallies and its own predicates."""

    entity: str
    links: dict[str, dict[str, int]] = field(default_factory=dict)  # predicate -> key -> n
    mentions: dict[str, int] = field(default_factory=dict)  # hash prefix -> n
    #: predicate -> other -> n; with ``load(near_top=k)`` only the neighbours counted at
    #: least as often as the k-th most frequent one (so the top k, ties included).
    near: dict[str, dict[str, int]] = field(default_factory=dict)
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
    """Whether the index may answer for entity: current layout, not stale, no pending write touching it."""
    iri = check_iri(entity)
    return not store.ask(
        f"ASK {{ {{ GRAPH <{INDEX_GRAPH}> {{ <{STATE}> <{STALE}> ?x }} }} UNION "
        f"{{ FILTER NOT EXISTS {{ GRAPH <{INDEX_GRAPH}> {{ {_LAYOUT_TRIPLE} }} }} }} UNION "
        f"{{ GRAPH <{INDEX_GRAPH}> {{ <{STATE}> <{PENDING}> ?a }} "
        f"{{ GRAPH ?a {{ ?s ?p <{iri}> }} }} UNION {{ GRAPH ?a {{ <{iri}> ?p ?o }} }} }} }}"
    )


_checked: set[str] = set()


def load(store: Store, entity: str, *, near: bool = False, near_top: int | None = None) -> Summary | None:
    """The summary of entity, or None when the index cannot answer for it right now.

    None when the index is marked stale or is in an older layout, when a pending write
    touches the entity, or when the entity has no summary at all (then the live queries
    answer).  The neighbour tallies are read only with ``near`` (the HTML page draws
    them, RDF documents do not), and with ``near_top`` only the neighbours the top
    ``near_top`` need are named: each name is a string lookup, a hub has thousands.
    """
    iri = check_iri(entity)
    if not usable_for(store, iri):
        if store.location not in _checked:
            _checked.add(store.location)
            if _index_state(store) == "old":
                _warn_old(store)
        return None
    node = summary_node(iri)
    kinds = " ".join(f"<{k}>" for k in ([LINKS, MENTIONS, NEAR] if near else [LINKS, MENTIONS]))
    # Count rows bind only inline values (?t, ?v): no string lookup per bucket.
    rows = _rows(
        store,
        f"SELECT ?k ?t ?p ?v WHERE {{ GRAPH <{INDEX_GRAPH}> {{ "
        f"{{ VALUES ?k {{ {kinds} }} <{node}> ?k ?g . ?g <{TAG}> ?t OPTIONAL {{ ?g <{GROUP}> ?p }} }} UNION "
        f"{{ VALUES ?k2 {{ {kinds} }} <{node}> ?k2 ?g . ?g <{TAG}> ?t . ?g <{COUNT}> ?v }} UNION "
        f"{{ <{node}> <{OUT}> ?p BIND(<{OUT}> AS ?k) }} }} }}",
        ("k", "t", "p", "v"),
    )
    if not rows:
        return None
    summary = Summary(iri, near_loaded=near)
    groups: dict[str, tuple[str, str]] = {}
    counts: dict[str, dict[str, int]] = defaultdict(dict)
    for k, t, p, v in rows:
        if k == OUT:
            if p is not None:
                summary.out.append(p)
        elif t is None:
            continue
        elif v is None:
            if k is None or groups.setdefault(t, (k, p or "")) != (k, p or ""):
                return None  # two groups under one tag
        else:
            code, n = parse_count(v)
            if code in counts[t]:
                return None  # two counts for one bucket (two writers raced): live queries
            counts[t][code] = n
    wanted: list[tuple[str, str]] = []
    for t, (kind, _) in groups.items():
        found = counts.get(t, {})
        if kind == NEAR:
            if near_top is not None and len(found) > max(1, near_top):
                floor = sorted(found.values(), reverse=True)[max(1, near_top) - 1]
                wanted += [(t, c) for c, n in found.items() if n >= floor]
            else:
                wanted += [(t, c) for c in found]
        elif kind == LINKS:
            wanted += [(t, c) for c in found if is_hashed(kind, c)]
    keys = _resolve(store, node, wanted)
    if keys is None:
        return None
    for t, (kind, group) in groups.items():
        found = counts.get(t, {})
        if kind == MENTIONS:
            summary.mentions.update(found)
        elif kind == LINKS:
            table = summary.links.setdefault(group, {})
            for c, n in found.items():
                table[keys[(t, c)] if is_hashed(kind, c) else _plain_key(kind, c)] = n
        else:
            table = summary.near.setdefault(group, {})
            for c, n in found.items():
                if (t, c) in keys:
                    table[keys[(t, c)]] = n
    summary.out.sort()
    return summary


def _resolve(store: Store, node: str, wanted: Sequence[tuple[str, str]]) -> dict[tuple[str, str], str] | None:
    """The keys of these hashed buckets (tag, code); None if one has none or several (a collision)."""
    keys: dict[tuple[str, str], str] = {}
    for i in range(0, len(wanted), 500):
        chunk = wanted[i : i + 500]
        values = " ".join(f"({j} <{node}:{t}:{c}>)" for j, (t, c) in enumerate(chunk))
        for j, x in _rows(
            store,
            f"SELECT ?i ?x WHERE {{ VALUES (?i ?b) {{ {values} }} "
            f"GRAPH <{INDEX_GRAPH}> {{ ?b <{KEY}> ?x }} }}",
            ("i", "x"),
        ):
            pair = chunk[int(j or 0)]
            if pair in keys or x is None:
                return None
            keys[pair] = x
    return keys if len(keys) == len(wanted) else None


__all__ = [
    "DATE_PROPERTY",
    "INDEX_GRAPH",
    "Summary",
    "Triple",
    "begin",
    "CountCache",
    "entries_of",
    "finish",
    "forget_counts",
    "from_nquads",
    "from_ntriples",
    "load",
    "maintained",
    "mark_stale",
    "usable_for",
    "rebuild",
    "sort_hash",
    "triples_from_rdflib",
]


# -- hooks for the store backends -------------------------------------------------------


@contextmanager
def maintained(
    store: Store, graphs: Iterable[str], given: dict[str, list[Triple]] | None = None
) -> Iterator[None]:
    """Keep the index right around a write of these graphs (see the module docstring)."""
    entries = {g: entries_of(t) for g, t in (given or {}).items()}
    names = begin(store, graphs, given, _entries=entries)
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
        finish(store, names, given, _entries=entries)


@contextmanager
def maintained_bulk(
    store: Store, nquads_path: str, triples: dict[str, list[Triple]] | None = None
) -> Iterator[None]:
    """``maintained`` around a bulk load of an N-Quads file: every backend's bulk path.

    ``triples`` are the file's article graphs as the caller made them (ingest's workers
    send them beside the N-Triples text): reading a shard back was a tenth of the
    ingest process's time at scale, spent rebuilding tuples the workers had.
    """
    given = triples
    if given is None:
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
