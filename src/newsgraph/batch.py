"""Batch conversion on a Dask cluster: articles in, N-Quads shards out, shards into a store.

One machine converts a few hundred articles a second per core; a corpus of tens of
millions wants more cores than one machine has.  Conversion is embarrassingly parallel
(each article becomes its own named graph), so the work splits into chunks that any
Dask worker can convert, and the results are plain N-Quads files that the store's bulk
loader (or a remote SPARQL server) takes in one pass.

Each article goes through the same steps as ``newsgraph ingest`` (``ingest.process_unit``:
convert, then validate with the shapes), so a shard holds only graphs ingest would
have accepted.  The client reads the inputs and ships their bytes to the workers, so workers need
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
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any

from .errors import InputError, NewsgraphError, StoreError
from .ingest import Unit, iter_units, process_unit
from .store import counts_followed
from .store.base import Store
from .store.common import ntriples_to_nquads

MANIFEST = "manifest.json"
SHARD_GLOB = "part-*.nq"


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


# -- the work a Dask task does ---------------------------------------------------


def _with_bytes(unit: Unit) -> Unit:
    """The unit with its file read here, on the client: workers need no access to the inputs."""
    if unit.data is not None or unit.path is None:
        return unit
    try:
        return replace(unit, data=Path(unit.path).read_bytes(), path=None)
    except OSError as exc:
        raise InputError(f"cannot read {unit.path}: {exc.strerror or exc}") from None


def chunked(units: Iterable[Unit], size: int) -> Iterator[list[Unit]]:
    chunk: list[Unit] = []
    for u in units:
        chunk.append(_with_bytes(u))
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def convert_chunk(
    index: int, units: list[Unit], base_uri: str, validate: bool, max_article_bytes: int
) -> ChunkResult:
    """Convert (and validate) a chunk exactly as ingest does; bad articles are reported, not fatal."""
    parts: list[str] = []
    result = ChunkResult(index=index, nquads=b"", articles=0)
    for unit in units:
        for outcome in process_unit(unit, base_uri, validate, max_article_bytes):
            if outcome.status != "ok" or outcome.graph_iri is None:
                result.failures.append((outcome.name, f"{outcome.status}: {outcome.message}"))
                continue
            parts.append(ntriples_to_nquads(outcome.graph_iri, outcome.ntriples, canonical=outcome.canonical))
            result.articles += 1
            result.graphs.append(outcome.graph_iri)
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
    validate: bool = True,
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
    units = iter_units([str(i) for i in inputs])
    first = next(units, None)
    if first is None:
        raise InputError("no articles found in the inputs")

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
            pending.add(
                client.submit(convert_chunk, index, chunk, base_uri, validate, max_article_bytes, pure=False)
            )
            if pending.count() >= window:
                _collect(next(pending), out, report, progress)
        for fut in pending:
            _collect(fut, out, report, progress)
    except NewsgraphError:
        raise
    except Exception as exc:  # a worker died, the scheduler went away: one line, not a traceback
        raise NewsgraphError(
            f"batch conversion stopped after {report.articles} articles: {type(exc).__name__}: {exc}"
        ) from None
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
    # One thread writes, and an embedded store is this process's alone: the summary
    # index's counts are followed in memory across the shards (summaries.CountCache).
    with counts_followed(store):
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
    "convert_chunk",
    "load_shards",
    "run_convert",
    "shard_files",
]
