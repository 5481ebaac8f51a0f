"""Helpers every benchmark script shares: the machine line, results, report sections,
servers on free ports, and peak memory of a process tree.

Results are kept per benchmark and corpus size in ``bench/results.json`` (committed),
so a section of docs/benchmarks.md can show the 10k, 100k and 1M rows side by side even
when they were measured in separate runs; each row carries the machine and date it was
measured on.  ``write_section`` replaces one ``## Title`` section of the document and
leaves every other section, including other people's, as it was.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import platform
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
OUT = BENCH / "out"
DOC = ROOT / "docs" / "benchmarks.md"
RESULTS = BENCH / "results.json"
VENV_BIN = Path(sys.executable).parent
#: Base URI of every benchmark store; servers are started with it so entity paths resolve.
BASE_URI = "http://localhost:8080"


def tool(name: str) -> str:
    """A console script of this venv (newsgraph, gunicorn, oxigraph), else from PATH."""
    local = VENV_BIN / name
    if local.exists():
        return str(local)
    found = shutil.which(name)
    if not found:
        raise SystemExit(f"bench: {name} is not installed")
    return found


# -- the machine -------------------------------------------------------------------


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    mem = ""
    with contextlib.suppress(OSError, ValueError, IndexError):
        kb = int(Path("/proc/meminfo").read_text().split()[1])
        mem = f", {kb / 1024 / 1024:.0f} GiB RAM"
    try:
        import pyoxigraph

        ox = f", pyoxigraph {pyoxigraph.__version__}"
    except ImportError:  # pragma: no cover
        ox = ""
    return f"{cpu}, {os.cpu_count()} cores{mem}, Python {platform.python_version()}{ox}, {platform.system()}"


# -- results and the report --------------------------------------------------------


def load_results() -> dict[str, Any]:
    if RESULTS.exists():
        return dict(json.loads(RESULTS.read_text(encoding="utf-8")))
    return {}


def code_version() -> str:
    """The commit the figures were measured on ("+" when the tree had uncommitted changes).

    A figure outlives the code that produced it; stamping it lets the report show which
    rows predate a change instead of mixing old and new numbers silently.
    """
    try:
        head = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=BENCH, capture_output=True, text=True, check=True
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "status", "--porcelain", "--untracked-files=no", "--", "src"],
            cwd=BENCH, capture_output=True, text=True, check=True,
        ).stdout.strip()  # fmt: skip
    except (OSError, subprocess.CalledProcessError):
        return "unknown"
    return head + ("+" if dirty else "")


def record(bench: str, size: int, data: dict[str, Any], replace: bool = False) -> None:
    """Keep one benchmark's figures for one corpus size, stamped with machine, date and commit.

    ``replace`` forgets the benchmark's figures for every other size: a run that re-measures
    after a change of the code must not leave older sizes' rows standing beside it as if
    they were comparable.
    """
    results = load_results()
    entry = dict(data)
    entry["machine"] = machine()
    entry["date"] = dt.date.today().isoformat()
    entry["commit"] = code_version()
    if replace:
        results[bench] = {}
    # Other work on the machine skews timings; the 1-minute load average says how much.
    entry["load"] = round(os.getloadavg()[0], 1)
    results.setdefault(bench, {})[str(size)] = entry
    RESULTS.write_text(json.dumps(results, indent=1, sort_keys=True) + "\n", encoding="utf-8")


def results_for(bench: str) -> dict[int, dict[str, Any]]:
    return {int(k): v for k, v in sorted(load_results().get(bench, {}).items(), key=lambda kv: int(kv[0]))}


@contextlib.contextmanager
def _locked(doc: Path) -> Iterator[None]:
    """Several benchmark scripts may rewrite the document at once; one at a time keeps every section."""
    import fcntl
    import hashlib
    import tempfile

    doc.parent.mkdir(parents=True, exist_ok=True)
    key = hashlib.sha1(str(doc.resolve()).encode()).hexdigest()[:12]
    with open(Path(tempfile.gettempdir()) / f"newsgraph-bench-{key}.lock", "w") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def write_section(title: str, body: str, doc: Path = DOC) -> None:
    """Replace the ``## title`` section of doc with body (appending it when absent)."""
    with _locked(doc):
        _write_section(title, body, doc)


def _write_section(title: str, body: str, doc: Path) -> None:
    text = doc.read_text(encoding="utf-8") if doc.exists() else "# Benchmarks\n"
    block = f"## {title}\n\n{body.strip()}\n\n"
    pattern = re.compile(rf"^## {re.escape(title)}\n.*?(?=^## |\Z)", re.S | re.M)
    if pattern.search(text):
        text = pattern.sub(lambda _m: block, text, count=1)
    else:
        text = text.rstrip() + "\n\n" + block
    doc.parent.mkdir(parents=True, exist_ok=True)
    doc.write_text(text.rstrip() + "\n", encoding="utf-8")


def order_sections(order: Sequence[str], doc: Path = DOC) -> None:
    """Put the ``## `` sections of doc in this order (others after them), text unchanged."""
    if not doc.exists():
        return
    with _locked(doc):
        _order_sections(order, doc)


def _order_sections(order: Sequence[str], doc: Path) -> None:
    text = doc.read_text(encoding="utf-8")
    head, *blocks = re.split(r"^(?=## )", text, flags=re.M)
    by_title = {b.splitlines()[0][3:].strip(): b.rstrip() + "\n\n" for b in blocks}
    ranked = sorted(by_title, key=lambda t: order.index(t) if t in order else len(order))
    doc.write_text(
        (head.rstrip() + "\n\n" + "".join(by_title[t] for t in ranked)).rstrip() + "\n", encoding="utf-8"
    )


def table(header: Sequence[str], rows: Sequence[Sequence[Any]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
    return "\n".join(lines)


def size_label(n: int) -> str:
    if n >= 1_000_000 and n % 1_000_000 == 0:
        return f"{n // 1_000_000}M"
    if n >= 1000 and n % 1000 == 0:
        return f"{n // 1000}k"
    return str(n)


def percentile(values: Sequence[float], p: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    k = (len(ordered) - 1) * p
    lo, hi = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)


def median(values: Sequence[float]) -> float:
    return statistics.median(values) if values else float("nan")


# -- processes and servers --------------------------------------------------------


def gunicorn_cmd(app: str, port: int, *, timeout: int = 120) -> list[str]:
    """gunicorn as docs/deployment.md recommends for a read-only store: 2 gthread workers
    (one per core), run from bench/ so that ``hello_app:app`` and ``ng_wsgi:app`` import."""
    return [
        tool("gunicorn"), "-w", "2", "-k", "gthread", "--threads", "4",
        "-b", f"127.0.0.1:{port}", "--timeout", str(timeout), "--log-level", "warning",
        "--chdir", str(BENCH), app,
    ]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_http(url: str, timeout: float = 60.0, proc: subprocess.Popen[bytes] | None = None) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc is not None and proc.poll() is not None:
            raise RuntimeError(f"server for {url} exited with {proc.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=5) as r:
                r.read()
                return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"{url} did not answer within {timeout} s")


@contextlib.contextmanager
def server(
    cmd: list[str],
    probe: str,
    env: dict[str, str] | None = None,
    log: Path | None = None,
    timeout: float = 120.0,
) -> Iterator[subprocess.Popen[bytes]]:
    """Run a server in its own process group until the block ends."""
    out = log.open("ab") if log else subprocess.DEVNULL
    proc = subprocess.Popen(
        cmd, env={**os.environ, **(env or {})}, stdout=out, stderr=out, start_new_session=True
    )
    try:
        wait_http(probe, timeout, proc)
        yield proc
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(20)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
        if log:
            out.close()  # type: ignore[union-attr]


def tree_rss(pid: int) -> int:
    """Resident bytes of a process and all its descendants."""
    import psutil

    try:
        root = psutil.Process(pid)
        procs = [root, *root.children(recursive=True)]
    except psutil.NoSuchProcess:
        return 0
    total = 0
    for p in procs:
        with contextlib.suppress(psutil.NoSuchProcess, psutil.AccessDenied):
            total += p.memory_info().rss
    return total


class PeakRss:
    """Samples the RSS of a process tree in a thread; ``peak`` is the largest sum seen."""

    def __init__(self, pid: int, interval: float = 0.25) -> None:
        self.pid, self.interval, self.peak = pid, interval, 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.is_set():
            self.peak = max(self.peak, tree_rss(self.pid))
            self._stop.wait(self.interval)

    def stop(self) -> int:
        self._stop.set()
        self._thread.join()
        return self.peak


def ingest_cmd(source: Path, store: Path, workers: int, *extra: str) -> list[str]:
    """The bulk `newsgraph ingest` every store-building benchmark runs (same flags, same base URI)."""
    return [
        tool("newsgraph"), "ingest", str(source), "--store", str(store), "--bulk", "--base-uri", BASE_URI,
        "--workers", str(workers), "--quiet", "--no-progress", *extra,
    ]  # fmt: skip


def run_measured(
    cmd: list[str], log: Path | None = None, env: dict[str, str] | None = None
) -> dict[str, Any]:
    """Run a command to completion: wall seconds, peak tree RSS, exit code."""
    out = log.open("ab") if log else subprocess.DEVNULL
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=out, stderr=out, env={**os.environ, **(env or {})})
    peak = PeakRss(proc.pid)
    rc = proc.wait()
    seconds = time.perf_counter() - t0
    rss = peak.stop()
    if log:
        out.close()  # type: ignore[union-attr]
    return {"seconds": seconds, "peak_rss": rss, "returncode": rc}


def du(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file()) if path.exists() else 0


def mib(n: float) -> str:
    return f"{n / 1024 / 1024:.0f} MiB"


def corpus_dir(size: int, seed: int = 1) -> Path:
    return OUT / f"corpus-{size}-s{seed}"


def ensure_corpus(size: int, seed: int = 1, fmt: str | None = None) -> Path:
    """Generate the corpus of this size once; JSONL beyond 100k keeps the file count low."""
    d = corpus_dir(size, seed)
    manifest = d / ".corpus.json"
    if manifest.exists() and json.loads(manifest.read_text()).get("n") == size:
        return d
    sys.path.insert(0, str(BENCH))
    import generate

    generate.write_corpus(d, size, seed, fmt or ("jsonl" if size > 100_000 else "txt"), progress=True)
    return d
