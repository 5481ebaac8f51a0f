"""Batch conversion on a Dask cluster: articles in, N-Quads shards out, shards into a store.

One machine converts a few hundred articles a second per core; a corpus of tens of
millions wants more cores than one machine has.  Conversion is embarrassingly parallel
(each article becomes its own named graph), so the work splits into chunks that any
Dask worker can convert, and the results are plain N-Quads files that the store's bulk
loader (or a remote SPARQL server) takes in one pass.

The client reads the inputs and ships their bytes to the workers, so workers need
newsgraph installed but not the input files; it writes each chunk's shard itself, so
workers need no shared file system either.  Shards are named after their chunk, which
makes the output the same whatever order the workers finish in.
"""

from __future__ import annotations

import importlib
import json
import os
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from .errors import InputError, NewsgraphError, StoreError
from .store.base import Store

#: File name endings read as articles; anything else in a directory is skipped.
ARTICLE_SUFFIXES = (".txt", ".html", ".htm", ".json", ".jsonl")
MANIFEST = "manifest.json"
SHARD_GLOB = "part-*.nq"


@dataclass(frozen=True)
class Unit:
    """One article to convert: where it came from (for messages) and its raw bytes."""

    name: str
    data: bytes
    suffix: str  #: ".txt", ".html", ".json" (one JSON record, also a JSONL line)


@dataclass
class ChunkResult:
    index: int
    nquads: bytes
    articles: int
    failures: list[tuple[str, str]] = field(default_factory=list)
    graphs: list[str] = field(default_factory=list)


@dataclass
class BatchReport:
    shards_dir: str
    articles: int = 0
    failed: int = 0
    shards: int = 0
    seconds: float = 0.0
    workers: int = 0
    scheduler: str = ""
    failures: list[tuple[str, str]] = field(default_factory=list)

    @property
    def rate(self) -> float:
        return self.articles / self.seconds if self.seconds else 0.0


# -- reading inputs --------------------------------------------------------------


def iter_units(inputs: Sequence[str | os.PathLike[str]]) -> Iterator[Unit]:
    """Every article in the given files and directories, JSONL files split into records.

    Directories are walked in sorted order so chunk numbers, and with them shard
    names, are the same on every run; hidden files and directories are skipped.
    """
    for item in inputs:
        path = Path(item)
        if path.is_dir():
            files = sorted(
                p
                for p in path.rglob("*")
                if p.is_file()
                and p.suffix.lower() in ARTICLE_SUFFIXES
                and not any(part.startswith(".") for part in p.relative_to(path).parts)
            )
        elif path.is_file():
            files = [path]
        else:
            raise InputError(f"no such file or directory: {path}")
        for f in files:
            yield from _units_of(f)


def _units_of(path: Path) -> Iterator[Unit]:
    suffix = path.suffix.lower()
    try:
        if suffix == ".jsonl":
            with path.open("rb") as fh:
                for lineno, line in enumerate(fh, 1):
                    if line.strip():
                        yield Unit(f"{path}:{lineno}", line, ".json")
            return
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read {path}: {exc.strerror or exc}") from None
    yield Unit(str(path), data, suffix if suffix in ARTICLE_SUFFIXES else ".txt")


def chunked(units: Iterable[Unit], size: int) -> Iterator[list[Unit]]:
    chunk: list[Unit] = []
    for u in units:
        chunk.append(u)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


# -- the work a Dask task does ---------------------------------------------------


def convert_unit(unit: Unit, base_uri: str, max_article_bytes: int) -> tuple[str, str]:
    """(graph IRI, N-Triples) for one article; raises NewsgraphError for bad input."""
    from .converters import convert
    from .store.common import graph_to_ntriples

    conversion = convert(
        unit.data,
        base=base_uri,
        input_format=_FORMATS[unit.suffix],
        name=unit.name,
        max_article_bytes=max_article_bytes,
    )
    return str(conversion.article_iri), graph_to_ntriples(conversion.graph)


_FORMATS = {".txt": "text", ".html": "html", ".htm": "html", ".json": "json"}


def convert_chunk(index: int, units: list[Unit], base_uri: str, max_article_bytes: int) -> ChunkResult:
    """Convert a chunk; an article that fails is reported by name and the rest go on."""
    from .store.common import ntriples_to_nquads

    parts: list[str] = []
    result = ChunkResult(index=index, nquads=b"", articles=0)
    for unit in units:
        try:
            iri, nt = convert_unit(unit, base_uri, max_article_bytes)
            parts.append(ntriples_to_nquads(iri, nt))
        except NewsgraphError as exc:
            result.failures.append((unit.name, exc.message))
            continue
        except Exception as exc:  # noqa: BLE001 - one odd article must not sink a whole chunk
            result.failures.append((unit.name, f"{type(exc).__name__}: {exc}"))
            continue
        result.articles += 1
        result.graphs.append(iri)
    result.nquads = "".join(parts).encode("utf-8")
    return result


# -- running on a cluster ----------------------------------------------------------


def shard_name(index: int) -> str:
    return f"part-{index:06d}.nq"


def run_convert(
    inputs: Sequence[str | os.PathLike[str]],
    shards_dir: str | os.PathLike[str],
    *,
    base_uri: str,
    scheduler: str | None = None,
    workers: int | None = None,
    threads_per_worker: int = 1,
    processes: bool = True,
    chunk_size: int = 200,
    max_article_bytes: int = 4 * 1024 * 1024,
    connect_timeout: float = 20.0,
    progress: Callable[[BatchReport], None] | None = None,
) -> BatchReport:
    """Convert every input on a Dask cluster and write one N-Quads shard per chunk.

    With ``scheduler`` the work goes to that cluster; without it a LocalCluster with
    ``workers`` processes (default: one per core) is started and stopped here.
    """
    try:
        # Typed as Any: distributed's own annotations are partial and strict mypy
        # would flag every call into it.
        dist: Any = importlib.import_module("distributed")
    except ImportError:  # pragma: no cover - depends on the installed extras
        raise NewsgraphError("batch conversion needs Dask: pip install 'newsgraph[dask]'") from None
    if chunk_size < 1:
        raise InputError("chunk size must be at least 1")
    out = Path(shards_dir)
    out.mkdir(parents=True, exist_ok=True)
    for old in [*out.glob(SHARD_GLOB), *out.glob("part-*.graphs")]:
        old.unlink()  # a rerun must not leave shards of an earlier, larger run
    units = iter_units(inputs)
    first = next(units, None)
    if first is None:
        raise InputError("no articles found in the inputs (looked for " + ", ".join(ARTICLE_SUFFIXES) + ")")

    def all_units() -> Iterator[Unit]:
        yield first
        yield from units

    report = BatchReport(shards_dir=str(out))
    cluster: Any = None
    t0 = time.perf_counter()
    try:
        if scheduler:
            client = dist.Client(scheduler, timeout=connect_timeout)
        else:
            cluster = dist.LocalCluster(
                n_workers=workers or os.cpu_count() or 1,
                threads_per_worker=threads_per_worker,
                processes=processes,
                dashboard_address=None,
                silence_logs=40,
            )
            client = dist.Client(cluster)
    except OSError as exc:
        raise StoreError(f"cannot reach the Dask scheduler {scheduler}: {exc}") from None
    try:
        report.scheduler = scheduler or "local"
        report.workers = len(client.scheduler_info().get("workers", {})) or (workers or 0)
        # Keep a bounded number of chunks in flight: the client never holds the whole
        # corpus, and every worker always has the next chunk waiting.
        window = max(2, 3 * sum(client.nthreads().values()))
        chunks = enumerate(chunked(all_units(), chunk_size))
        pending = dist.as_completed()
        for index, chunk in chunks:
            pending.add(client.submit(convert_chunk, index, chunk, base_uri, max_article_bytes, pure=False))
            if pending.count() >= window:
                _collect(next(pending), out, report, progress)
        for fut in pending:
            _collect(fut, out, report, progress)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
    report.seconds = time.perf_counter() - t0
    _write_manifest(out, report)
    return report


def _collect(
    fut: Any, out: Path, report: BatchReport, progress: Callable[[BatchReport], None] | None
) -> None:
    res: ChunkResult = fut.result()
    fut.release()
    if res.articles:
        shard = out / shard_name(res.index)
        shard.with_suffix(".graphs").write_text("".join(g + "\n" for g in res.graphs), encoding="utf-8")
        tmp = shard.with_suffix(".tmp")
        tmp.write_bytes(res.nquads)
        tmp.replace(shard)  # a shard exists only when complete
        report.shards += 1
    report.articles += res.articles
    report.failed += len(res.failures)
    report.failures.extend(res.failures)
    if progress:
        progress(report)


def _write_manifest(out: Path, report: BatchReport) -> None:
    data = asdict(report)
    data["rate"] = round(report.rate, 1)
    data["failures"] = [{"input": n, "error": m} for n, m in report.failures]
    (out / MANIFEST).write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


# -- loading shards ----------------------------------------------------------------


@dataclass
class LoadReport:
    shards: int = 0
    graphs: int = 0
    seconds: float = 0.0


def shard_files(shards_dir: str | os.PathLike[str]) -> list[Path]:
    d = Path(shards_dir)
    if not d.is_dir():
        raise InputError(f"no such shards directory: {d}")
    files = sorted(d.glob(SHARD_GLOB))
    if not files:
        raise InputError(f"{d} holds no N-Quads shards ({SHARD_GLOB}); run `newsgraph batch convert` first")
    return files


def graphs_in_shard(path: Path) -> list[str]:
    """The graph names of a shard: from its ``.graphs`` list, or by parsing it when absent."""
    listing = path.with_suffix(".graphs")
    if listing.is_file():
        return [line for line in listing.read_text(encoding="utf-8").splitlines() if line]
    import pyoxigraph as ox

    seen: dict[str, None] = {}
    try:
        with path.open("rb") as fh:
            for quad in ox.parse(fh, ox.RdfFormat.N_QUADS):
                if isinstance(quad.graph_name, ox.NamedNode):
                    seen.setdefault(quad.graph_name.value, None)
    except SyntaxError as exc:
        raise InputError(f"{path} is not valid N-Quads: {exc}") from None
    return list(seen)


def load_shards(
    shards_dir: str | os.PathLike[str],
    store: Store,
    progress: Callable[[LoadReport], None] | None = None,
) -> LoadReport:
    """Bulk-load every shard into store (embedded or remote).

    Each article's graph that is already in the store is dropped first, so loading a
    newer conversion of the same articles replaces them rather than mixing versions,
    and loading the same shards twice changes nothing.
    """
    report = LoadReport()
    t0 = time.perf_counter()
    for path in shard_files(shards_dir):
        graphs = graphs_in_shard(path)
        store.remove_graphs(graphs)
        store.bulk_load(path)
        report.shards += 1
        report.graphs += len(graphs)
        if progress:
            progress(report)
    report.seconds = time.perf_counter() - t0
    return report


__all__ = [
    "BatchReport",
    "LoadReport",
    "Unit",
    "convert_chunk",
    "iter_units",
    "load_shards",
    "run_convert",
    "shard_files",
]
