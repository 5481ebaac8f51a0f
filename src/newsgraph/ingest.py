"""Ingest: convert articles, validate each graph with the shapes, write the good ones to the store.

The pipeline is three steps behind three small functions, so each can change alone:
``_convert`` (``newsgraph.converters.convert_many``), ``_validate``
(``newsgraph.shapes.validate``) and the store's ``put_ntriples``.  Converting and
validating happen in worker processes and end in N-Triples text; only the writing
happens in the calling process, which owns the store.

Each article is its own named graph (the article URI), and every write replaces
whole graphs inside one store transaction, so:

* ingesting the same article again replaces it: the same input twice leaves the same
  triples;
* a process killed mid-ingest leaves each article complete or absent, and running
  the same ingest again completes the rest;
* an article whose graph does not conform to the shapes is never written; it is
  reported with the SHACL messages.

The bulk path (``bulk=True``) trades per-article atomicity for speed on large
corpora: accepted graphs go to N-Quads shard files on disk, and each full shard is
handed to the store's bulk loader (pyoxigraph ``bulk_load``, or one POST of the
shard to a remote server's dataset endpoint).  Memory stays bounded by the shard
size and the number of articles in flight, whatever the corpus size.
"""

from __future__ import annotations

import contextlib
import os
import re
import sys
import tempfile
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, Literal

from .errors import InputError, NewsgraphError, RDFSyntaxError
from .store import counts_followed
from .store.base import Store, Triple
from .store.common import ntriples_to_nquads

#: File name endings read as articles when a directory is walked; a file named on the
#: command line is read whatever its name (the converter sniffs its format).
#: None lets the converter tell text from JSON by the content.
ARTICLE_SUFFIXES: dict[str, str | None] = {
    ".txt": None,
    ".text": None,
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".json": None,
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
}

#: Articles written per store transaction.  Bigger batches amortise the commit; each
#: article stays atomic whatever the size, since the whole batch is one transaction.
DEFAULT_BATCH = 128
#: Articles per task sent to a worker process: enough to hide the cost of the hop.
TASK_SIZE = 8
#: Bytes of N-Quads per shard in bulk mode before it is loaded and deleted.
SHARD_BYTES = 64 * 1024 * 1024


@dataclass(frozen=True)
class Unit:
    """One input to convert: a file the worker reads, or bytes read already (stdin, a JSONL line)."""

    name: str
    path: str | None = None
    data: bytes | None = None
    input_format: str | None = None


@dataclass
class Outcome:
    """What happened to one article (or to an input that held none)."""

    name: str
    status: Literal["ok", "rejected", "failed"]
    graph_iri: str | None = None
    ntriples: str = ""
    message: str = ""
    triples: int = 0
    #: ntriples was written by ``store.common.triples_to_ntriples`` (see ``ntriples_to_nquads``)
    canonical: bool = False
    #: The same triples as the summary index reads them (bulk mode only): the worker has
    #: them at hand, and the writing process would otherwise parse the shard back.
    index: list[Triple] | None = None


@dataclass
class IngestReport:
    articles: int = 0  #: articles (or unreadable inputs) processed
    written: int = 0
    rejected: int = 0  #: did not conform to the shapes
    failed: int = 0  #: could not be read or converted
    triples: int = 0
    seconds: float = 0.0
    problems: list[Outcome] = field(default_factory=list)

    @property
    def rate(self) -> float:
        return self.articles / self.seconds if self.seconds > 0 else 0.0

    @property
    def ok(self) -> bool:
        return not (self.rejected or self.failed)

    def summary(self) -> str:
        return (
            f"{self.articles} article{'s' if self.articles != 1 else ''} in {self.seconds:.1f} s "
            f"({self.rate:.1f}/s): {self.written} written, {self.rejected} rejected, "
            f"{self.failed} failed, {self.triples} triples"
        )


# -- inputs ---------------------------------------------------------------------


def iter_units(inputs: Sequence[str], stdin: IO[bytes] | None = None) -> Iterator[Unit]:
    """Units for files, directories (walked in sorted order) and ``-`` (standard input).

    JSON Lines files are split into one unit per line here, so a million-record file
    spreads over the workers and never sits in memory whole.
    """
    for item in inputs:
        if item == "-":
            stream = stdin if stdin is not None else sys.stdin.buffer
            yield Unit("<stdin>", data=stream.read())
            continue
        path = Path(item)
        if path.is_dir():
            files = sorted(
                p
                for p in path.rglob("*")
                if p.is_file()
                and p.suffix.lower() in ARTICLE_SUFFIXES
                and not any(part.startswith(".") for part in p.relative_to(path).parts)
            )
            if not files:
                raise InputError(f"{path} holds no article files ({', '.join(sorted(ARTICLE_SUFFIXES))})")
        elif path.is_file():
            files = [path]
        elif path.exists():
            raise InputError(f"{path} is neither a file nor a directory")
        else:
            raise InputError(f"no such file or directory: {path}")
        for f in files:
            fmt = ARTICLE_SUFFIXES.get(f.suffix.lower())
            if fmt == "jsonl":
                yield from _jsonl_units(f)
            else:
                yield Unit(str(f), path=str(f), input_format=fmt)


def _jsonl_units(path: Path) -> Iterator[Unit]:
    try:
        with path.open("rb") as fh:
            for lineno, line in enumerate(fh, 1):
                if line.strip():
                    yield Unit(f"{path}:{lineno}", data=line, input_format="json")
    except OSError as exc:
        raise InputError(f"cannot read {path}: {exc.strerror or exc}") from None


# -- the work of one worker ---------------------------------------------------------


def _convert(data: bytes, unit: Unit, base: str, max_article_bytes: int) -> Iterator[Any]:
    """Conversions and Failures for one input: the converter area's batch entry point."""
    from .converters import convert_many

    return convert_many(
        data, base=base, input_format=unit.input_format, name=unit.name, max_article_bytes=max_article_bytes
    )


def _validate(triples: Any) -> tuple[bool, str]:
    """(conforms, SHACL report text) from the shapes area's validator.

    It reads the writer's plain triples: the report is the one a Graph of them would
    get, without the cost of building that Graph.
    """
    from .shapes import validate_triples

    report = validate_triples(triples)
    return bool(report.conforms), "" if report.conforms else str(report.text())


def process_unit(
    unit: Unit, base: str, validate: bool, max_article_bytes: int, check: bool = False
) -> list[Outcome]:
    """Convert and validate every article of one input; never raises for bad input.

    ``check`` parses each graph's N-Triples the way the store will: the bulk path needs
    that, because a bulk load cannot leave one bad graph out; the transactional path
    finds a refused graph by retrying its batch article by article instead.  The bulk
    path also gets each graph's triples in the summary index's form (``Outcome.index``).
    """
    from .converters import Failure
    from .store.common import triples_to_ntriples
    from .store.summaries import triples_from_rdflib

    try:
        if unit.data is not None:
            data = unit.data
        else:
            assert unit.path is not None
            with open(unit.path, "rb") as fh:
                data = fh.read()
    except OSError as exc:
        return [Outcome(unit.name, "failed", message=f"cannot read {unit.name}: {exc.strerror or exc}")]
    outcomes: list[Outcome] = []
    try:
        for item in _convert(data, unit, base, max_article_bytes):
            if isinstance(item, Failure):
                outcomes.append(Outcome(unit.name, "failed", message=item.message))
                continue
            iri = str(item.article_iri)
            # The writer's triple list, never an rdflib Graph: building one (and reading
            # it back) was most of the cost of an article after extraction.
            triples = item.triples
            if validate:
                conforms, text = _validate(triples)
                if not conforms:
                    outcomes.append(Outcome(unit.name, "rejected", graph_iri=iri, message=text))
                    continue
            nt = triples_to_ntriples(triples)
            problem = _unstorable(triples, iri, nt) if check else None
            if problem:
                outcomes.append(Outcome(unit.name, "failed", graph_iri=iri, message=problem))
                continue
            index = list(triples_from_rdflib(triples)) if check else None
            outcomes.append(
                Outcome(
                    unit.name,
                    "ok",
                    graph_iri=iri,
                    ntriples=nt,
                    triples=len(triples),
                    canonical=True,
                    index=index,
                )
            )
    except NewsgraphError as exc:
        outcomes.append(Outcome(unit.name, "failed", message=exc.message))
    except Exception as exc:  # noqa: BLE001 - one odd article must not stop a corpus
        outcomes.append(Outcome(unit.name, "failed", message=f"{type(exc).__name__}: {exc}"))
    return outcomes


#: IRIs the store has accepted in this process: persons, countries, vocabulary terms
#: recur across articles and need checking once.  Cleared when full, to bound memory.
_GOOD_IRIS: set[str] = set()
_GOOD_IRIS_MAX = 1 << 17
#: What the writer appends to an article IRI to name its parts ("#char=12,20",
#: "#conversion"): characters that are legal in any IRI's fragment.
_SAFE_FRAGMENT = re.compile(r"[A-Za-z0-9=,]*")


def _unstorable(triples: Iterable[tuple[Any, Any, Any]], article_iri: str, ntriples: str) -> str | None:
    """Why the store would refuse this graph (an IRI with a space...), or None.

    Checked here, in the worker, so that one bad graph is reported as that article's
    failure instead of failing the whole bulk load it would have joined.  The store
    refuses a graph from the writer for two reasons only: an IRI that is not an IRI
    (the writer joins the configured base with slugs, codes and gazetteer ids) and a
    literal holding a lone surrogate, which has no UTF-8 form and so cannot be
    written to a shard at all.  Each distinct IRI is parsed by pyoxigraph itself, as
    its N-Triples parser would parse it; those seen in earlier articles are skipped,
    and so are the article IRI's own parts (``#char=12,20``, ``#conversion``): safe
    characters after the "#" of an IRI that had no fragment make a valid IRI.  That
    costs a fraction of parsing the whole N-Triples text, with the same verdict
    (``tests/test_ingest_fastpath.py`` compares the two).
    """
    import pyoxigraph as ox
    from rdflib import Literal as RdfLiteral
    from rdflib import URIRef

    problem = "the converter made RDF the store cannot take: "
    if not ntriples.isascii():
        try:
            ntriples.encode("utf-8")
        except UnicodeEncodeError as exc:
            bad = exc.object[max(0, exc.start - 30) : exc.end + 30]
            return f"{problem}{bad!r} has no UTF-8 form"
    good = _GOOD_IRIS
    if len(good) > _GOOD_IRIS_MAX:
        good.clear()
    own = article_iri + "#" if "#" not in article_iri else None
    try:
        ox.NamedNode(article_iri)
    except ValueError as exc:
        return f"{problem}{exc} in <{article_iri}>"
    safe = _SAFE_FRAGMENT.fullmatch
    seen: set[str] = set()
    for triple in triples:
        for term in triple:
            if type(term) is URIRef:
                iri = str(term)  # a plain str: set lookups then compare in C
            elif type(term) is RdfLiteral:
                if term.language:
                    try:
                        ox.Literal("", language=term.language)
                    except ValueError as exc:
                        return f"{problem}{exc}"
                if term.datatype is None:
                    continue
                iri = str(term.datatype)
            else:
                # Blank nodes, subclasses of rdflib's terms: never from the writer, and
                # not worth a rule each; the store's own parser decides.
                return _parse_problem(ntriples)
            if iri in seen or iri in good:
                continue
            seen.add(iri)
            if own is not None and iri.startswith(own) and safe(iri, len(own)):
                continue
            try:
                ox.NamedNode(iri)
            except ValueError as exc:
                return f"{problem}{exc} in <{iri}>"
            good.add(iri)
    return None


def _parse_problem(ntriples: str) -> str | None:
    """Why the store's N-Triples parser refuses this text, or None: the thorough check."""
    import pyoxigraph as ox

    try:
        for _ in ox.parse(ntriples.encode("utf-8", "surrogatepass"), ox.RdfFormat.N_TRIPLES):
            pass
    except SyntaxError as exc:
        return f"the converter made RDF the store cannot take: {exc}"
    return None


def _process_task(
    units: list[Unit], base: str, validate: bool, max_article_bytes: int, check: bool
) -> list[Outcome]:
    out: list[Outcome] = []
    for unit in units:
        out.extend(process_unit(unit, base, validate, max_article_bytes, check))
    return out


def _warm_up() -> None:
    """Import the converter and the shapes once per worker, before the first task."""
    from . import converters  # noqa: F401

    with contextlib.suppress(ImportError):
        from . import shapes  # noqa: F401


def _tasks(units: Iterable[Unit], size: int) -> Iterator[list[Unit]]:
    task: list[Unit] = []
    for u in units:
        task.append(u)
        if len(task) >= size:
            yield task
            task = []
    if task:
        yield task


def _outcomes(
    units: Iterable[Unit], *, base: str, workers: int, validate: bool, max_article_bytes: int, check: bool
) -> Iterator[Outcome]:
    """Outcomes in input order; at most a few tasks per worker are in flight at once.

    ``Pool.imap`` would read the whole input ahead of the workers; this window keeps
    memory bounded on a corpus of any size.
    """
    if workers <= 1:
        for unit in units:
            yield from process_unit(unit, base, validate, max_article_bytes, check)
        return
    import multiprocessing

    # spawn, not fork: the parent may hold an open RocksDB store and its threads.
    ctx = multiprocessing.get_context("spawn")
    window: deque[Future[list[Outcome]]] = deque()
    with ProcessPoolExecutor(max_workers=workers, mp_context=ctx, initializer=_warm_up) as pool:
        try:
            for task in _tasks(units, TASK_SIZE):
                window.append(pool.submit(_process_task, task, base, validate, max_article_bytes, check))
                if len(window) >= workers * 4:
                    yield from window.popleft().result()
            while window:
                yield from window.popleft().result()
        except BaseException:
            for fut in window:
                fut.cancel()
            raise


# -- writing --------------------------------------------------------------------


class _BatchWriter:
    """Groups accepted articles into store transactions."""

    def __init__(
        self, store: Store, batch: int, report: IngestReport, problem: Callable[[Outcome], None]
    ) -> None:
        self.store = store
        self.batch = batch
        self.report = report
        self.problem = problem
        self.pending: list[Outcome] = []
        self.pending_bytes = 0

    def add(self, outcome: Outcome) -> None:
        self.pending.append(outcome)
        self.pending_bytes += len(outcome.ntriples)
        if len(self.pending) >= self.batch or self.pending_bytes > 16 * 1024 * 1024:
            self.flush()

    def _write(self, outcomes: list[Outcome]) -> None:
        self.store.put_ntriples([(o.graph_iri or "", o.ntriples) for o in outcomes])
        self.report.written += len(outcomes)
        self.report.triples += sum(o.triples for o in outcomes)

    def flush(self) -> None:
        if not self.pending:
            return
        pending, self.pending, self.pending_bytes = self.pending, [], 0
        try:
            self._write(pending)
        except (RDFSyntaxError, InputError):
            # The store refused something in the batch: write the articles one by one so
            # only the culprit is left out, and report it.
            for outcome in pending:
                try:
                    self._write([outcome])
                except (RDFSyntaxError, InputError) as exc:
                    self.report.failed += 1
                    self.problem(Outcome(outcome.name, "failed", outcome.graph_iri, message=exc.message))

    def close(self) -> None:
        self.flush()


class _ShardWriter:
    """Bulk mode: accepted articles to N-Quads shard files, each loaded when full, then deleted."""

    def __init__(self, store: Store, report: IngestReport, shard_dir: str | None, shard_bytes: int) -> None:
        self.store = store
        self.report = report
        self.shard_bytes = shard_bytes
        self._tmp = tempfile.TemporaryDirectory(prefix="newsgraph-shards-", dir=shard_dir)
        from .store.embedded import EmbeddedStore

        self._embedded = isinstance(store, EmbeddedStore)
        self.n = 0
        #: One thread stores the shards, in order, while this one writes the next.
        self._loader = ThreadPoolExecutor(max_workers=1, thread_name_prefix="newsgraph-load")
        self._pending: Future[None] | None = None
        self._open_shard()

    def _open_shard(self) -> None:
        self.n += 1
        self.path = Path(self._tmp.name) / f"shard-{self.n:06d}.nq"
        self.fh = open(self.path, "w", encoding="utf-8")  # noqa: SIM115 - closed in _load
        # The same triples without graph names, for the default graph (the union of the
        # article graphs): an embedded store loads them natively instead of re-reading
        # the shard quad by quad.  Other stores derive them from the shard.
        self.default_path = self.path.with_suffix(".nt") if self._embedded else None
        self.default_fh = (
            open(self.default_path, "w", encoding="utf-8")  # noqa: SIM115 - closed in _load
            if self.default_path is not None
            else None
        )
        self.graphs: dict[str, None] = {}
        #: Each graph's triples for the summary index, while every outcome brought them.
        self.index: dict[str, list[Triple]] | None = {}
        self.size = 0
        self.triples = 0

    def add(self, outcome: Outcome) -> None:
        assert outcome.graph_iri is not None
        if outcome.graph_iri in self.graphs:
            # The same article twice: load what came first so the later one replaces it.
            self._load()
            self._open_shard()
        text = ntriples_to_nquads(outcome.graph_iri, outcome.ntriples, canonical=outcome.canonical)
        self.fh.write(text)
        if self.default_fh is not None:
            nt = outcome.ntriples
            self.default_fh.write(nt if nt.endswith("\n") or not nt else nt + "\n")
        self.graphs[outcome.graph_iri] = None
        if self.index is not None:
            if outcome.index is None:
                self.index = None
            else:
                self.index[outcome.graph_iri] = outcome.index
        self.size += len(text)
        self.triples += outcome.triples
        if self.size >= self.shard_bytes:
            self._load()
            self._open_shard()

    def _load(self) -> None:
        """Hand the full shard to the loading thread, once the shard before it is stored.

        Loading a shard (the summary index's upkeep, then Oxigraph's bulk loader) took
        about 40% of a 2,000-article run, and the conversion workers sat idle through
        it: their results had nowhere to go.  One shard loads while the next is written;
        never more, so memory holds at most two shards' index triples, and shards are
        stored in the order they were written (a later copy of an article still wins).
        """
        self._close_files()
        shard = _Shard(self.path, self.default_path, self.graphs, self.index, self.triples)
        self._wait()
        self._pending = self._loader.submit(self._store, shard)

    def _wait(self) -> None:
        """Block until the shard in flight is stored; its error, if any, is raised here."""
        pending, self._pending = self._pending, None
        if pending is not None:
            pending.result()

    def _store(self, shard: _Shard) -> None:
        try:
            if shard.graphs:
                self.store.remove_graphs(shard.graphs)
                if shard.default_path is not None:
                    from .store.embedded import EmbeddedStore

                    assert isinstance(self.store, EmbeddedStore)
                    self.store.bulk_load(shard.path, default_graph=shard.default_path, triples=shard.index)
                else:
                    self.store.bulk_load(shard.path, triples=shard.index)
                self.report.written += len(shard.graphs)
                self.report.triples += shard.triples
        finally:
            shard.path.unlink(missing_ok=True)
            if shard.default_path is not None:
                shard.default_path.unlink(missing_ok=True)

    def _close_files(self) -> None:
        self.fh.close()
        if self.default_fh is not None:
            self.default_fh.close()

    def close(self) -> None:
        try:
            self._load()
            self._wait()
        finally:
            self._loader.shutdown(wait=True)
            self._tmp.cleanup()

    def abort(self) -> None:
        """After a failure: the shard in flight still finishes (a bulk write cannot be cut
        short, and the store must not be closed under it); its own error, if any, is
        dropped for the one being raised."""
        self._close_files()
        pending, self._pending = self._pending, None
        if pending is not None:
            with contextlib.suppress(Exception):
                pending.result()
        self._loader.shutdown(wait=True)
        self._tmp.cleanup()


@dataclass
class _Shard:
    """A written shard on its way to the store."""

    path: Path
    default_path: Path | None
    graphs: dict[str, None]
    index: dict[str, list[Triple]] | None
    triples: int


# -- the pipeline ---------------------------------------------------------------


def ingest(
    inputs: Sequence[str] | Iterable[Unit],
    store: Store,
    *,
    base: str,
    workers: int = 1,
    validate: bool = True,
    bulk: bool = False,
    batch: int = DEFAULT_BATCH,
    max_article_bytes: int = 4 * 1024 * 1024,
    shard_dir: str | None = None,
    shard_bytes: int = SHARD_BYTES,
    progress: Callable[[IngestReport], None] | None = None,
    on_problem: Callable[[Outcome], None] | None = None,
    stdin: IO[bytes] | None = None,
) -> IngestReport:
    """Convert, validate and store every article of inputs; returns the counts.

    ``inputs`` are paths (files, directories, ``-``) or ready-made Units.  Problems are
    passed to ``on_problem`` as they happen (and kept in the report when it is None).
    """
    report = IngestReport()
    units: Iterable[Unit]
    if isinstance(inputs, list | tuple) and all(isinstance(i, str) for i in inputs):
        units = iter_units([str(i) for i in inputs], stdin=stdin)
    else:
        units = inputs  # type: ignore[assignment]

    def problem(outcome: Outcome) -> None:
        if on_problem is not None:
            on_problem(outcome)
        else:
            report.problems.append(outcome)

    # An embedded store is this run's alone (RocksDB locks its directory, and one thread
    # writes: this loop, or in bulk mode the shard writer's loading thread): the summary
    # index's counts are followed in memory instead of being read back for every shard
    # (store/summaries.py, CountCache).
    with counts_followed(store):
        writer: _BatchWriter | _ShardWriter
        writer = (
            _ShardWriter(store, report, shard_dir, shard_bytes)
            if bulk
            else _BatchWriter(store, batch, report, problem)
        )
        t0 = time.perf_counter()
        last = 0.0
        try:
            for outcome in _outcomes(
                units,
                base=base,
                workers=workers,
                validate=validate,
                max_article_bytes=max_article_bytes,
                check=bulk,
            ):
                report.articles += 1
                if outcome.status == "ok":
                    writer.add(outcome)
                else:
                    if outcome.status == "rejected":
                        report.rejected += 1
                    else:
                        report.failed += 1
                    problem(outcome)
                if progress is not None:
                    now = time.perf_counter()
                    if now - last >= 0.2:
                        report.seconds = now - t0
                        progress(report)
                        last = now
            writer.close()
        except BaseException:
            if isinstance(writer, _ShardWriter):
                writer.abort()
            raise
        finally:
            report.seconds = time.perf_counter() - t0
    if progress is not None:
        progress(report)
    return report


def default_workers() -> int:
    return max(1, (os.cpu_count() or 1))


__all__ = [
    "ARTICLE_SUFFIXES",
    "IngestReport",
    "Outcome",
    "Unit",
    "default_workers",
    "ingest",
    "iter_units",
    "process_unit",
]
