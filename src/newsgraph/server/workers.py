"""Killable worker processes for public SPARQL queries.

pyoxigraph cannot interrupt a running query, and a thread cannot be killed, so a
query that must stop at its deadline runs in a separate process which is killed
(SIGKILL frees its CPU at once) and replaced.

Each worker needs to read the store, but only one process may open a RocksDB
directory for writing, and pyoxigraph calls opening a store read-only while
another process writes it undefined behaviour.  So workers never open the live
store: they open a *snapshot* of it, a RocksDB checkpoint made with
``Store.backup`` (hard links, about ten milliseconds), which nobody writes.
After any change (``invalidate()``, called by the server after every
non-GET request) the next query first takes a fresh snapshot, so a client
always reads its own writes; a worker switches to the new snapshot before its
next job, and snapshots no worker has open any more are deleted.
"""

from __future__ import annotations

import logging
import multiprocessing.connection
import os
import queue
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import weakref
from pathlib import Path
from typing import Any

from ..errors import QueryTimeout, StoreError
from ..queryexec import QueryAnswer, QueryJob, rebuild_error

log = logging.getLogger("newsgraph.server.workers")


class _Worker:
    """One worker: a fresh interpreter joined to us by a socket pair.

    A plain subprocess rather than multiprocessing's spawn, which re-runs the
    parent's ``__main__`` (a user's script, gunicorn's) in every child.
    """

    def __init__(self) -> None:
        parent, child = socket.socketpair()
        code = f"from newsgraph.queryexec import child_main; child_main({child.fileno()})"
        self.process = subprocess.Popen(
            [sys.executable, "-c", code], pass_fds=(child.fileno(),), stdin=subprocess.DEVNULL, close_fds=True
        )
        child.close()
        self.conn = multiprocessing.connection.Connection(parent.detach())
        self.snapshot: str | None = None

    @property
    def pid(self) -> int:
        return self.process.pid

    @property
    def exitcode(self) -> int | None:
        return self.process.poll()

    def kill(self) -> None:
        try:
            self.process.kill()
        except OSError:
            pass
        try:
            self.process.wait(2)
        except subprocess.TimeoutExpired:
            pass
        self.conn.close()


class WorkerPool:
    """Query processes over snapshots of an on-disk store.

    ``size`` workers are kept ready; when all are busy (long queries) up to
    ``max_size`` (default four times ``size``) are started so that a quick query
    is not queued behind slow ones, and the extra ones stop again when idle.

    ``source`` is the live pyoxigraph store (for snapshots) and ``path`` its
    directory; with ``live_is_static`` the directory is not written by anyone
    (a read-only server) and workers open it directly.
    """

    cancels = True

    def __init__(
        self, source: Any, path: Path, size: int, *, live_is_static: bool = False, max_size: int | None = None
    ) -> None:
        self._source = source
        self._path = Path(path)
        self._size = max(1, size)
        self._max_size = max_size if max_size is not None else 4 * self._size
        self._static = live_is_static
        self._lock = threading.Lock()
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._workers: set[_Worker] = set()
        self._started = False
        self._closed = False
        self._generation = 0
        self._snap_generation = -1
        self._snapshot: str | None = str(self._path) if live_is_static else None
        self._root: Path | None = None
        self._serial = 0
        self._finalizer = weakref.finalize(self, WorkerPool._cleanup, self._workers, [self._root])

    # -- lifecycle ----------------------------------------------------------
    def _start(self) -> None:
        with self._lock:
            if self._started or self._closed:
                return
            self._started = True
            for _ in range(self._size):
                self._spawn_locked()

    def _spawn_locked(self) -> None:
        w = _Worker()
        self._workers.add(w)
        self._idle.put(w)

    def _grow(self) -> _Worker | None:
        """A new worker when all are busy, up to ``max_size``: slow queries must not starve quick ones."""
        with self._lock:
            if self._closed or len(self._workers) >= self._max_size:
                return None
            w = _Worker()
            self._workers.add(w)
            return w

    def _keep_spare(self) -> None:
        """Start a worker ahead of need when none is idle.

        A new interpreter takes a second or more to import everything, longer
        when runaway queries hold the CPUs; started now, it is ready when the
        next query comes instead of making that query wait.
        """
        with self._lock:
            if self._closed or self._idle.qsize() > 0 or len(self._workers) >= self._max_size:
                return
            self._spawn_locked()

    def _release(self, worker: _Worker) -> None:
        with self._lock:
            surplus = len(self._workers) > self._size and self._idle.qsize() > self._size
            if surplus:
                self._workers.discard(worker)
        if surplus:
            worker.kill()
        else:
            self._idle.put(worker)

    def _replace(self, dead: _Worker) -> None:
        dead.kill()
        with self._lock:
            self._workers.discard(dead)
            if not self._closed and len(self._workers) < self._size:
                self._spawn_locked()
        self._collect_snapshots()

    def close(self) -> None:
        with self._lock:
            self._closed = True
        self._finalizer()

    @staticmethod
    def _cleanup(workers: set[_Worker], roots: list[Path | None]) -> None:
        for w in list(workers):
            w.kill()
        workers.clear()
        for root in roots:
            if root is not None:
                shutil.rmtree(root, ignore_errors=True)

    # -- snapshots ---------------------------------------------------------------
    def invalidate(self) -> None:
        with self._lock:
            self._generation += 1

    def _current_snapshot(self, worker: _Worker) -> str:
        """The snapshot to read, taken afresh if the store changed; marks it in use by worker."""
        with self._lock:
            if self._static and self._snapshot:
                worker.snapshot = self._snapshot
                return self._snapshot
            if self._snapshot is not None and self._snap_generation == self._generation:
                worker.snapshot = self._snapshot
                return self._snapshot
            generation = self._generation
            if self._root is None:
                self._root = self._make_root()
                self._finalizer.detach()
                self._finalizer = weakref.finalize(self, WorkerPool._cleanup, self._workers, [self._root])
            self._serial += 1
            target = self._root / f"snapshot-{self._serial}"
            try:
                self._source.backup(str(target))
            except OSError as exc:
                raise StoreError(f"cannot snapshot the store for the query workers: {exc}") from None
            self._snapshot = str(target)
            self._snap_generation = generation
            worker.snapshot = self._snapshot
            return self._snapshot

    def _make_root(self) -> Path:
        # Next to the store, so that the checkpoint can hard-link instead of copying.
        prefix = f"{_SNAPSHOT_PREFIX}{os.getpid()}-"
        for parent in (self._path.parent, Path(tempfile.gettempdir())):
            try:
                _sweep_stale(parent)
                return Path(tempfile.mkdtemp(prefix=prefix, dir=parent))
            except OSError:
                continue
        raise StoreError("cannot create a directory for the query workers' store snapshots")

    def _collect_snapshots(self) -> None:
        if self._static:
            return
        with self._lock:
            root, current = self._root, self._snapshot
            in_use = {w.snapshot for w in self._workers}
        if root is None:
            return
        for child in root.iterdir():
            if str(child) != current and str(child) not in in_use:
                shutil.rmtree(child, ignore_errors=True)

    # -- running ------------------------------------------------------------------
    def run(self, job: QueryJob, timeout: float) -> QueryAnswer:
        if self._closed:
            raise StoreError("the query workers have been shut down")
        self._start()
        deadline = time.monotonic() + timeout
        found: _Worker | None
        try:
            found = self._idle.get_nowait()
        except queue.Empty:
            found = self._grow()
        try:
            worker = found if found is not None else self._idle.get(timeout=max(timeout, 0.0))
        except queue.Empty:
            raise QueryTimeout(
                f"all {self._max_size} query workers stayed busy for {timeout:g} s; try again later",
                timeout=timeout,
            ) from None
        self._keep_spare()
        try:
            snapshot = self._current_snapshot(worker)
        except BaseException:
            self._idle.put(worker)
            raise
        try:
            worker.conn.send((snapshot, job))
            remaining = deadline - time.monotonic()
            ready = worker.conn.poll(max(remaining, 0.0))
            if not ready:
                raise _Expired()
            reply = worker.conn.recv()
        except _Expired:
            log.info("query over its %.1f s limit: killing worker %s", timeout, worker.pid)
            self._replace(worker)
            raise QueryTimeout(
                f"the query did not finish within {timeout:g} s and was stopped; "
                "simplify it, add a LIMIT, or ask for a longer ?timeout= (up to the server's limit)",
                timeout=timeout,
            ) from None
        except (EOFError, OSError, BrokenPipeError):
            code = worker.exitcode
            self._replace(worker)
            raise StoreError(f"a query worker died while answering (exit code {code}); try again") from None
        self._release(worker)
        if self._snapshot != snapshot:
            self._collect_snapshots()
        if reply[0] == "ok":
            answer: QueryAnswer = reply[1]
            return answer
        raise rebuild_error(reply[1], reply[2])

    @property
    def pids(self) -> list[int]:
        """Process ids of the live workers (tests watch them being killed)."""
        with self._lock:
            return [w.pid for w in self._workers]


class _Expired(Exception):
    pass


_SNAPSHOT_PREFIX = ".newsgraph-snapshots-"


def _sweep_stale(parent: Path) -> None:
    """Delete snapshot folders left by server processes that no longer run (killed, crashed)."""
    for child in parent.glob(_SNAPSHOT_PREFIX + "*"):
        pid_text = child.name[len(_SNAPSHOT_PREFIX):].split("-", 1)[0]
        if not pid_text.isdigit():
            continue
        try:
            os.kill(int(pid_text), 0)
        except ProcessLookupError:
            shutil.rmtree(child, ignore_errors=True)
        except OSError:
            continue


def cpu_seconds(pid: int) -> float | None:
    """User+system CPU time of a process from /proc (Linux), None when it is gone."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        ticks = os.sysconf("SC_CLK_TCK")
        return (int(fields[11]) + int(fields[12])) / ticks
    except (OSError, IndexError, ValueError):
        return None


__all__ = ["WorkerPool", "cpu_seconds"]
