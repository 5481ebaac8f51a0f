"""A result cache for the SPARQL endpoint: the same query on an unchanged store is answered once.

A research workload repeats itself: dashboards and notebooks re-run the same
aggregates (meetings per country pair, the busiest persons) and pages re-ask the same
neighbourhoods.  Those are also the queries that cost seconds on a large graph, so
answering a repeat from memory is where a mix's throughput is won.

Correctness rests on one rule: an answer is only reused while the store is unchanged.
The cache wraps a query executor and shares its notion of change: the endpoint calls
``invalidate()`` after every request that may write, and that both tells the
executor to read a fresh snapshot and empties the cache.  So a cached answer is
exactly the answer the executor's current snapshot would give.  Entries are keyed by
the whole :class:`~newsgraph.server.querying.QueryJob` (query text, dataset, media
type, result limit, base IRI), so two requests share an answer only when every input
that shapes it is the same.

Errors and timeouts are never cached, nor answers bigger than an eighth of the budget
(one huge CONSTRUCT must not evict every cheap aggregate).  Memory is bounded by
``query_cache_bytes`` per server process, least recently used answers going first.
A remote store is not wrapped: other clients may write to it behind our back.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from typing import Any

from .querying import Executor, QueryAnswer, QueryJob

#: Bytes charged per entry on top of the answer body (key, dataclass, dict slot).
_OVERHEAD = 512


class CachingExecutor:
    """An Executor that remembers answers until the next invalidate()."""

    def __init__(self, inner: Executor, max_bytes: int) -> None:
        self.inner = inner
        self.max_bytes = max_bytes
        self.max_entry = max_bytes // 8
        self._entries: OrderedDict[QueryJob, QueryAnswer] = OrderedDict()
        self._bytes = 0
        self._epoch = 0  # bumped by invalidate(); an answer computed across a change is dropped
        self._lock = threading.Lock()
        self.hits = 0
        self.misses = 0

    @property
    def cancels(self) -> bool:
        return self.inner.cancels

    def run(self, job: QueryJob, timeout: float) -> QueryAnswer:
        with self._lock:
            answer = self._entries.get(job)
            if answer is not None:
                self._entries.move_to_end(job)
                self.hits += 1
                return answer
            self.misses += 1
            epoch = self._epoch
        answer = self.inner.run(job, timeout)
        size = len(answer.body) + len(job.sparql) + _OVERHEAD
        if size <= self.max_entry:
            with self._lock:
                if epoch == self._epoch and job not in self._entries:
                    self._entries[job] = answer
                    self._bytes += size
                    while self._bytes > self.max_bytes and self._entries:
                        old_job, old = self._entries.popitem(last=False)
                        self._bytes -= len(old.body) + len(old_job.sparql) + _OVERHEAD
        return answer

    def invalidate(self) -> None:
        with self._lock:
            self._entries.clear()
            self._bytes = 0
            self._epoch += 1
        self.inner.invalidate()

    def close(self) -> None:
        with self._lock:
            self._entries.clear()
            self._bytes = 0
        self.inner.close()

    def __getattr__(self, name: str) -> Any:
        # Anything else (the worker pool's pids, for instance) is the wrapped executor's.
        if name.startswith("__") or name == "inner":
            raise AttributeError(name)
        return getattr(self.inner, name)

    @property
    def size_bytes(self) -> int:
        return self._bytes

    def __len__(self) -> int:
        return len(self._entries)


def with_cache(executor: Executor, max_bytes: int) -> Executor:
    """Wrap executor in a result cache of max_bytes; a budget too small for any entry means no cache."""
    if max_bytes < 8 * (_OVERHEAD + 64):
        return executor
    return CachingExecutor(executor, max_bytes)


__all__ = ["CachingExecutor", "with_cache"]
