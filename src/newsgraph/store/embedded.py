"""The default store: pyoxigraph, on disk in a directory or in memory.

Atomicity comes from Oxigraph itself: ``Store.load`` and ``Store.update`` each run
in one RocksDB transaction, so a process killed in the middle of either leaves the
store as it was before the call.  Writing a batch of articles is therefore two such
calls at most: one ``load`` of N-Quads for articles the store has not seen (the
fastest transactional path) and one ``update`` that drops and re-inserts the
articles it already holds.

The default graph is kept as the set-union of the article graphs (see ``base``): the
load carries each new triple twice, once in its article's graph and once without a
graph name, and the update deletes from the default graph what only the old version
of an article stated before inserting the new one.  Queries then read the default
graph as it is, with SPARQL's set semantics, instead of asking Oxigraph for a union
that repeats a triple once per article stating it.
"""

from __future__ import annotations

import errno
import gc
import io
import itertools
import threading
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, BinaryIO

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Node

from ..errors import BadQuery, NotAcceptable, RDFSyntaxError, StoreError, StoreLocked
from . import summaries
from .common import (
    FORMAT_FILE,
    STORE_FORMAT,
    check_iri,
    graph_to_ntriples,
    last_wins,
    ntriples_to_nquads,
    old_format_message,
    remove_graph_update,
    replace_graphs_update,
)

_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
_RESULT_FORMATS = {
    "application/sparql-results+json": ox.QueryResultsFormat.JSON,
    "application/json": ox.QueryResultsFormat.JSON,
    "application/sparql-results+xml": ox.QueryResultsFormat.XML,
    "application/xml": ox.QueryResultsFormat.XML,
    "text/csv": ox.QueryResultsFormat.CSV,
    "text/tab-separated-values": ox.QueryResultsFormat.TSV,
}


def to_rdflib(term: object) -> Node:
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        if term.datatype.value == _XSD_STRING:
            return Literal(term.value)
        return Literal(term.value, datatype=URIRef(term.datatype.value))
    raise TypeError(f"unsupported term {term!r}")


def rdf_format(media_type: str) -> ox.RdfFormat:
    fmt = ox.RdfFormat.from_media_type(media_type.split(";")[0].strip())
    if fmt is None:
        raise NotAcceptable(f"cannot write RDF as {media_type}")
    return fmt


#: Quads written between explicit flushes.  RocksDB keeps writes in memory tables until
#: they fill, which lets a long ingest grow to about 2 GB; flushing every quarter million
#: quads keeps it to a few hundred MB for a small cost in write time.
FLUSH_EVERY_QUADS = 250_000


def _write_fault(location: str, exc: OSError) -> str:
    """A message for a write the disk refused, naming the cause an operator can fix.

    RocksDB reports file-system errors as text ("IO error: ... No space left on
    device"), not always with an errno, so both are looked at.
    """
    text = str(exc)
    low = text.lower()
    if exc.errno == errno.ENOSPC or "no space left" in low:
        cause = "the disk holding it is full; free some space"
    elif exc.errno == errno.EROFS or "read-only file system" in low:
        cause = "its file system is mounted read-only; remount it read-write"
    elif exc.errno in (errno.EPERM, errno.EACCES) or "not permitted" in low or "permission denied" in low:
        cause = "the operating system refuses to modify its files (permissions or immutable flag)"
    else:
        cause = f"the disk reported an error ({text})"
    return (
        f"cannot write to the store {location}: {cause}. Nothing was changed and everything "
        "already stored can still be read; writing resumes by itself once the disk accepts writes"
    )


def _is_oxigraph_dir(path: Path) -> bool:
    return (path / "CURRENT").is_file() or any(path.glob("OPTIONS-*"))


class EmbeddedStore:
    """A pyoxigraph Store; ``path=None`` keeps everything in memory.

    With ``create=False`` a missing directory is an error rather than a new empty
    store: reading commands use that, so a mistyped ``--store`` does not silently
    answer every query with nothing.
    """

    def __init__(
        self, path: str | Path | None = None, *, read_only: bool = False, create: bool = True
    ) -> None:
        self.path = Path(path) if path is not None else None
        self.location = str(self.path) if self.path is not None else ":memory:"
        self.read_only = read_only
        self._unflushed = 0
        self._format_ok = False
        # After a write the disk refused, RocksDB refuses every later write too, even
        # once the disk is fine again; the store is reopened before the next write.
        self._needs_reopen = False
        self._reopen_lock = threading.Lock()
        #: Set by a writer that is the only one for a while (ingest); see summaries.CountCache.
        self.count_cache: summaries.CountCache | None = None
        if self.path is None:
            self._store: ox.Store | None = ox.Store()
            return
        self._check_directory(self.path, create=create and not read_only)
        try:
            if read_only:
                self._store = ox.Store.read_only(str(self.path))
            else:
                self._store = ox.Store(str(self.path))
        except OSError as exc:
            text = str(exc)
            if "lock" in text.lower():
                raise StoreLocked(
                    f"store in use: {self.path} is open in another process (a running "
                    "`newsgraph serve` or ingest?); stop it, or use that process's SPARQL "
                    "endpoint as --store URL"
                ) from None
            raise StoreError(f"cannot open the store in {self.path}: {text}") from None
        if not read_only and not (self.path / FORMAT_FILE).is_file():
            # A new (or empty) store is in the current format from the start, whatever
            # is written into it later and by which route.
            if next(iter(self._ox.named_graphs()), None) is None:
                self._mark()

    @staticmethod
    def _check_directory(path: Path, *, create: bool) -> None:
        if path.exists() and not path.is_dir():
            raise StoreError(f"cannot use {path} as a store: it is a file, not a directory")
        if path.is_dir():
            if any(path.iterdir()) and not _is_oxigraph_dir(path):
                raise StoreError(
                    f"{path} is not a newsgraph store (it holds other files); "
                    "choose a new or empty directory for --store"
                )
            if not _is_oxigraph_dir(path) and not create:
                raise StoreError(f"no store in {path} yet (ingest something first, or check --store)")
            return
        if not create:
            raise StoreError(f"no store at {path} (ingest something first, or check --store)")
        try:
            path.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(f"cannot create the store directory {path}: {exc.strerror or exc}") from None

    @property
    def _ox(self) -> ox.Store:
        if self._store is None:
            raise StoreError(f"the store {self.location} is closed")
        return self._store

    def _writable(self) -> ox.Store:
        """The store to write to, reopened first if an earlier write failed on the disk."""
        if self._needs_reopen:
            self._reopen()
        return self._ox

    def _reopen(self) -> None:
        with self._reopen_lock:
            if not self._needs_reopen or self.path is None:
                return
            old, self._store = self._store, None
            if old is not None:
                try:
                    old.flush()
                except (OSError, RuntimeError):  # a full disk, or the read-only fallback handle
                    pass
            del old
            gc.collect()  # the directory lock goes with the last reference
            try:
                self._store = ox.Store(str(self.path))
            except OSError as exc:
                # Still failing (or another reference keeps the lock): keep reading
                # through a read-only handle and try again at the next write.
                try:
                    self._store = ox.Store.read_only(str(self.path))
                except OSError:
                    self._store = None
                raise StoreError(_write_fault(self.location, exc)) from None
            self._needs_reopen = False

    @contextmanager
    def counts_followed(self) -> Iterator[None]:
        """Around a run of writes from one thread that is the store's only writer meanwhile
        (an ingest, a ``batch load``): the summary index's counts are followed in memory
        (``summaries.CountCache``) rather than read back at every write.  The process holds
        RocksDB's lock on the directory, so no other process writes; the caller promises
        no other thread of it does either."""
        if self.read_only or self.count_cache is not None:
            yield
            return
        self.count_cache = summaries.CountCache()
        try:
            yield
        finally:
            self.count_cache = None

    def _failed(self, exc: OSError) -> StoreError:
        """Note a write the disk refused; the StoreError (503) to raise for it."""
        if self.count_cache is not None:
            self.count_cache.clear()  # a write the disk refused may have landed in part
        if self.path is not None and not self.read_only:
            self._needs_reopen = True
        return StoreError(_write_fault(self.location, exc))

    def compact(self) -> None:
        """Merge RocksDB's files into one sorted run per level (Oxigraph's ``optimize``).

        Bulk loads add sorted files side by side; the triples every article repeats
        (country labels, a person's name) then sit in many of them, and so does every
        default-graph copy. Measured on the synthetic corpus, compacting after a bulk load
        shrinks the store by about a third and it costs a full rewrite of the store, so it
        runs when asked (``newsgraph compact``, the end of ``ingest --bulk``), never per write.
        """
        if self.path is None:
            return
        try:
            self._writable().optimize()
            self._writable().flush()
        except OSError as exc:
            raise self._failed(exc) from None

    def backup(self, target: str) -> None:
        """A RocksDB checkpoint of the current handle (the query workers' snapshots)."""
        self._ox.backup(target)

    @property
    def oxigraph(self) -> ox.Store:
        """The pyoxigraph store itself, for the SPARQL endpoint (result limits, snapshots)."""
        self.check_format()
        return self._ox

    # -- store format -------------------------------------------------------
    def check_format(self) -> None:
        """Raise StoreError when the store predates the materialised default graph.

        Such a store answers default-graph queries with nothing, which would look like
        an empty store; the message names the command that fixes it.
        """
        if self._format_ok or self.path is None:
            return
        marker = self.path / FORMAT_FILE
        if not marker.is_file():
            store = self._ox
            if next(iter(store.named_graphs()), None) is not None:
                raise StoreError(old_format_message(self.location))
            self._mark()
        elif marker.read_text(encoding="utf-8").strip() != str(STORE_FORMAT):
            raise StoreError(old_format_message(self.location))
        self._format_ok = True

    def _mark(self) -> None:
        if self.path is None or self.read_only:
            return
        try:
            (self.path / FORMAT_FILE).write_text(f"{STORE_FORMAT}\n", encoding="utf-8")
        except OSError as exc:
            raise StoreError(f"cannot write to the store {self.location}: {exc}") from None

    def reindex(self) -> int:
        """Rebuild the default graph and the summary index from the article graphs.

        One pass over the article graphs, a few hundred at a time (memory stays bounded
        however big the store is): each graph's quads, read once through pyoxigraph,
        go into the default graph by ``bulk_extend`` and, as text, to the summary index.
        (Re-deriving the default graph by SPARQL ``INSERT ... WHERE`` cost a transaction
        per quad: two thirds of a reindex.)
        """
        store = self._writable()
        names = list(self.graph_names())

        named, triple, quad = ox.NamedNode, ox.Triple, ox.Quad

        def read(chunk: Sequence[str]) -> dict[str, list[summaries.Triple]]:
            found: dict[str, list[summaries.Triple]] = {}
            default: list[ox.Quad] = []
            add = default.append
            for g in chunk:
                rows: list[summaries.Triple] = []
                row = rows.append
                for s, p, o, _ in store.quads_for_pattern(None, None, None, named(g)):
                    add(quad(s, p, o))
                    if type(s) is named and type(o) is not triple:
                        row((s.value, p.value, o.value, type(o) is named))
                if rows:
                    found[g] = rows
            store.bulk_extend(default)
            return found

        # In this process the store counts as current from here (the index reads through
        # ``oxigraph``); on disk it is marked so only once the default graph is whole.
        self._format_ok = True
        try:
            store.clear_graph(ox.DefaultGraph())
            summaries.rebuild(self, names, read)
            if self.path is not None:
                store.flush()
        except OSError as exc:
            self._format_ok = False
            raise self._failed(exc) from None
        except BaseException:
            self._format_ok = False
            raise
        self._mark()
        return len(names)

    # -- writing ----------------------------------------------------------
    def put_graph(self, graph_iri: str, graph: Graph) -> None:
        self.put_ntriples([(graph_iri, graph_to_ntriples(graph))])

    def put_graphs(self, items: Iterable[tuple[str, Graph]]) -> None:
        self.put_ntriples((g, graph_to_ntriples(graph)) for g, graph in items)

    def put_ntriples(self, items: Iterable[tuple[str, str]]) -> None:
        self.check_format()
        items = last_wins(items)
        with summaries.maintained(self, [g for g, _ in items], summaries.from_ntriples(items)):
            self._put_ntriples(items)

    def _put_ntriples(self, items: list[tuple[str, str]]) -> None:
        store = self._writable()
        fresh: list[str] = []
        replaced: list[tuple[str, str]] = []
        for graph_iri, nt in items:
            if store.contains_named_graph(ox.NamedNode(graph_iri)) or not nt.strip():
                replaced.append((graph_iri, nt))
            else:
                fresh.append(ntriples_to_nquads(graph_iri, nt))
                # The same lines without a graph name go to the default graph.
                fresh.append(nt if nt.endswith("\n") else nt + "\n")
        try:
            if fresh:
                # One load is one transaction: every new graph of the batch or none.
                store.load("".join(fresh), ox.RdfFormat.N_QUADS)
            if replaced:
                store.update(replace_graphs_update(replaced))

            self._unflushed += sum(nq.count("\n") for nq in fresh) + sum(nt.count("\n") for _, nt in replaced)
            if self._unflushed >= FLUSH_EVERY_QUADS and self.path is not None:
                store.flush()
                self._unflushed = 0
        except SyntaxError as exc:
            raise RDFSyntaxError(f"cannot store the graphs: {exc}") from None
        except OSError as exc:
            raise self._failed(exc) from None

    def bulk_load(
        self,
        nquads_path: Path,
        default_graph: Path | None = None,
        *,
        triples: dict[str, list[summaries.Triple]] | None = None,
    ) -> None:
        """Bulk-load an N-Quads file, and each of its named-graph triples into the default graph.

        ``default_graph`` is an N-Triples file holding exactly those triples, when the
        caller wrote one beside the shard (ingest's bulk path does): oxigraph then
        loads it in one native pass, three times faster than reading the shard back
        quad by quad through Python to drop the graph names.
        """
        self.check_format()
        with summaries.maintained_bulk(self, str(nquads_path), triples):
            self._bulk_load(nquads_path, default_graph)

    def _bulk_load(self, nquads_path: Path, default_graph: Path | None = None) -> None:
        store = self._writable()
        try:
            store.bulk_load(path=str(nquads_path), format=ox.RdfFormat.N_QUADS)
            # Each triple also without a graph name: the default graph is their set-union.
            if default_graph is not None:
                store.bulk_load(
                    path=str(default_graph), format=ox.RdfFormat.N_TRIPLES, to_graph=ox.DefaultGraph()
                )
            else:
                store.bulk_extend(
                    ox.Quad(q.subject, q.predicate, q.object)
                    for q in ox.parse(path=str(nquads_path), format=ox.RdfFormat.N_QUADS)
                    if isinstance(q.graph_name, ox.NamedNode)
                )

        except SyntaxError as exc:
            raise RDFSyntaxError(f"cannot load {nquads_path}: {exc}") from None
        except OSError as exc:
            raise self._failed(exc) from None

    def remove_graph(self, graph_iri: str) -> bool:
        node = ox.NamedNode(check_iri(graph_iri))
        self.check_format()
        if not self._ox.contains_named_graph(node):
            return False
        self.remove_graphs([graph_iri])
        return True

    def remove_graphs(self, graph_iris: Iterable[str]) -> None:
        self.check_format()
        store = self._writable()
        present = [
            g for g in dict.fromkeys(graph_iris) if store.contains_named_graph(ox.NamedNode(check_iri(g)))
        ]
        with summaries.maintained(self, present, {}):
            self._remove_graphs(present)

    def _remove_graphs(self, present: list[str]) -> None:
        store = self._writable()
        try:
            # A few hundred graphs per update: each is one transaction, and each graph
            # leaves with its default-graph share in the same transaction.
            for i in range(0, len(present), 200):
                store.update(" ;\n".join(remove_graph_update(g) for g in present[i : i + 200]))
        except OSError as exc:
            raise self._failed(exc) from None

    def update(self, sparql: str) -> None:
        try:
            self._writable().update(sparql)
        except SyntaxError as exc:
            raise BadQuery(f"the update does not parse: {exc}") from None
        except OSError as exc:
            raise self._failed(exc) from None

    # -- reading ----------------------------------------------------------
    def has_graph(self, graph_iri: str) -> bool:
        return bool(self._ox.contains_named_graph(ox.NamedNode(check_iri(graph_iri))))

    def graph_names(self) -> Iterator[str]:
        for g in self._ox.named_graphs():
            if isinstance(g, ox.NamedNode) and g.value != summaries.INDEX_GRAPH:
                yield g.value

    def get_graph(self, graph_iri: str) -> Graph:
        g = Graph(identifier=URIRef(graph_iri))
        for q in self._ox.quads_for_pattern(None, None, None, ox.NamedNode(check_iri(graph_iri))):
            g.add((to_rdflib(q.subject), to_rdflib(q.predicate), to_rdflib(q.object)))
        return g

    def describe(self, iri: str) -> Graph:
        g = Graph()
        self.check_format()
        for q in self._ox.quads_for_pattern(ox.NamedNode(check_iri(iri)), None, None, ox.DefaultGraph()):
            g.add((to_rdflib(q.subject), to_rdflib(q.predicate), to_rdflib(q.object)))
        return g

    def _run(self, sparql: str, **kw: Any) -> Any:
        self.check_format()
        try:
            return self._ox.query(sparql, **kw)
        except SyntaxError as exc:
            raise BadQuery(f"the query does not parse: {exc}") from None
        except OSError as exc:
            raise StoreError(str(exc)) from None

    def query(
        self,
        sparql: str,
        result_media_type: str,
        *,
        default_graph_uris: list[str] | None = None,
        named_graph_uris: list[str] | None = None,
    ) -> bytes:
        kw: dict[str, Any] = {}
        if default_graph_uris or named_graph_uris:
            # A dataset given with the request replaces the query's own.
            kw["default_graph"] = [ox.NamedNode(check_iri(u)) for u in default_graph_uris or []]
        if named_graph_uris:
            kw["named_graphs"] = [ox.NamedNode(check_iri(u)) for u in named_graph_uris]
        media_type = result_media_type.split(";")[0].strip().lower()
        result = self._run(sparql, **kw)
        buf = io.BytesIO()
        try:
            if isinstance(result, ox.QueryTriples):
                result.serialize(buf, rdf_format(media_type))
            else:
                rfmt = _RESULT_FORMATS.get(media_type)
                if rfmt is None:
                    raise NotAcceptable(f"cannot write query results as {result_media_type}")
                result.serialize(buf, rfmt)
        except OSError as exc:
            raise StoreError(str(exc)) from None
        return buf.getvalue()

    def select(self, sparql: str) -> list[dict[str, object]]:
        result = self._run(sparql)
        if not isinstance(result, ox.QuerySolutions):
            raise BadQuery("not a SELECT query")
        names = [v.value for v in result.variables]
        rows = []
        for sol in result:
            row: dict[str, object] = {}
            for n in names:
                t = sol[n]
                if t is not None:
                    row[n] = to_rdflib(t)
            rows.append(row)
        return rows

    def construct(self, sparql: str) -> Graph:
        result = self._run(sparql)
        if not isinstance(result, ox.QueryTriples):
            raise BadQuery("not a CONSTRUCT or DESCRIBE query")
        g = Graph()
        for t in result:
            g.add((to_rdflib(t.subject), to_rdflib(t.predicate), to_rdflib(t.object)))
        return g

    def ask(self, sparql: str) -> bool:
        result = self._run(sparql)
        if not isinstance(result, ox.QueryBoolean):
            raise BadQuery("not an ASK query")
        return bool(result)

    def count(self) -> int:
        store = self._ox
        in_default = sum(1 for _ in store.quads_for_pattern(None, None, None, ox.DefaultGraph()))
        index = ox.NamedNode(summaries.INDEX_GRAPH)
        in_index = sum(1 for _ in store.quads_for_pattern(None, None, None, index))
        return len(store) - in_default - in_index

    def dump(self, out: BinaryIO, media_type: str) -> None:
        fmt = rdf_format(media_type)
        store = self._ox
        self.check_format()
        try:
            if fmt.supports_datasets:
                # The article graphs: the default graph is derived from them.  Graph by
                # graph, so the default graph and the index (more quads than the articles
                # together) are never read: 2.3x faster than filtering every quad.
                graphs = [
                    g
                    for g in store.named_graphs()
                    if isinstance(g, ox.NamedNode) and g.value != summaries.INDEX_GRAPH
                ]
                graphs.sort(key=lambda g: g.value)
                quads = itertools.chain.from_iterable(
                    store.quads_for_pattern(None, None, None, g) for g in graphs
                )
                ox.serialize(quads, out, fmt)
            else:
                triples = (q.triple for q in store.quads_for_pattern(None, None, None, ox.DefaultGraph()))
                ox.serialize(triples, out, fmt)
        except OSError as exc:
            raise StoreError(f"cannot dump the store: {exc}") from None

    def close(self) -> None:
        if self._store is None:
            return
        try:
            self._store.flush()
        except (OSError, RuntimeError):  # RuntimeError: a read-only handle has nothing to flush
            pass
        # Dropping the last reference releases the directory lock, so the same
        # process (a test, the server's reloader) can open the store again.
        self._store = None
