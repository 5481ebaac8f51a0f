"""Deadlines around SPARQL evaluation: which executor runs a public query.

The evaluation itself is ``newsgraph.queryexec.execute``.  Three executors put
a deadline around it:

* ``workers.WorkerPool`` (an on-disk store): killable processes, the default.
* ``InProcessExecutor`` (an in-memory store, which other processes cannot open):
  a thread; on timeout the client is answered at once but the thread runs on
  until the query ends, so the CPU is *not* freed.  Meant for tests and demos.
* ``DelegatingExecutor`` (any other ``Store``, e.g. a remote SPARQL server): hands the
  query to ``store.query`` and relies on that server's own limits and the
  ``remote_timeout`` setting; no truncation is applied (nothing is cut silently).
"""

from __future__ import annotations

import threading
import traceback
from typing import Any, Protocol

import pyoxigraph as ox

from ..errors import QueryTimeout
from ..queryexec import (
    BOOLEAN_TYPES,
    CSV_RESULTS,
    JSON_RESULTS,
    TABULAR_TYPES,
    TSV_RESULTS,
    XML_RESULTS,
    QueryAnswer,
    QueryJob,
    execute,
    graph_rows,
    rebuild_error,
    short_syntax_error,
)
from ..store import Store

# -- executors ------------------------------------------------------------------


class Executor(Protocol):
    """Something that runs a QueryJob within a deadline."""

    def run(self, job: QueryJob, timeout: float) -> QueryAnswer: ...

    def invalidate(self) -> None:
        """The store has changed: later queries must see the change."""

    def close(self) -> None: ...

    @property
    def cancels(self) -> bool:
        """True when a timed-out query's CPU is really freed."""


def _run_in_thread(fn: Any, timeout: float, what: str) -> Any:
    box: dict[str, Any] = {}

    def target() -> None:
        try:
            box["value"] = fn()
        except BaseException as exc:  # handed back to the request thread
            # pyoxigraph result iterators may only be dropped by the thread that made
            # them; the traceback's frames hold them, so release them here.
            seen: BaseException | None = exc
            while seen is not None:
                if seen.__traceback__ is not None:
                    traceback.clear_frames(seen.__traceback__)
                seen = seen.__context__
            box["error"] = exc

    thread = threading.Thread(target=target, name="newsgraph-query", daemon=True)
    thread.start()
    thread.join(timeout)
    if thread.is_alive():
        raise QueryTimeout(
            f"{what} did not finish within {timeout:g} s; simplify it or add a LIMIT", timeout=timeout
        )
    if "error" in box:
        raise box["error"]
    return box["value"]


class InProcessExecutor:
    """Runs queries in a thread of this process (in-memory stores only)."""

    cancels = False

    def __init__(self, store: ox.Store) -> None:
        self._store = store

    def run(self, job: QueryJob, timeout: float) -> QueryAnswer:
        answer: QueryAnswer = _run_in_thread(lambda: execute(self._store, job), timeout, "the query")
        return answer

    def invalidate(self) -> None:
        pass  # the same store object: every change is visible at once

    def close(self) -> None:
        pass


class DelegatingExecutor:
    """Passes queries to ``Store.query`` (remote stores): no truncation, the store's own limits."""

    cancels = False

    def __init__(self, store: Store) -> None:
        self._store = store

    def run(self, job: QueryJob, timeout: float) -> QueryAnswer:
        def call() -> bytes:
            return self._store.query(
                job.sparql if not job.base_iri else f"BASE <{job.base_iri}>\n{job.sparql}",
                job.media_type,
                default_graph_uris=list(job.default_graphs or []) or None,
                named_graph_uris=list(job.named_graphs or []) or None,
            )

        body: bytes = _run_in_thread(call, timeout, "the query")
        kind = "graph" if job.media_type not in TABULAR_TYPES else "bindings"
        return QueryAnswer(body, job.media_type, kind, False, -1)

    def invalidate(self) -> None:
        pass

    def close(self) -> None:
        pass


__all__ = [
    "BOOLEAN_TYPES",
    "CSV_RESULTS",
    "JSON_RESULTS",
    "TABULAR_TYPES",
    "TSV_RESULTS",
    "XML_RESULTS",
    "DelegatingExecutor",
    "Executor",
    "InProcessExecutor",
    "QueryAnswer",
    "QueryJob",
    "execute",
    "graph_rows",
    "rebuild_error",
    "short_syntax_error",
]
