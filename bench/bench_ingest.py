"""Ingest speed: convert + validate + store, articles per second, on the generated corpus.

    python bench/bench_ingest.py --n 2000                 # embedded store, 1 and 2 workers, bulk
    python bench/bench_ingest.py --n 2000 --remote        # also a real `oxigraph serve`
    python bench/bench_ingest.py --n 1000000 --modes bulk --workers 2 --no-export

Each run is the real command (``newsgraph ingest``) in a fresh store, timed from the
outside, with the peak resident memory of its whole process tree (workers included).
After the runs, ``newsgraph export`` of the last store in N-Quads and JSON-LD shows
whether dumping stays flat in memory as the store grows.  Figures go to
bench/results.json and the "Ingest" section of docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import benchlib  # noqa: E402

SUMMARY = re.compile(
    r"ingested (\d+) articles? in ([\d.]+) s \(([\d.]+)/s\): (\d+) written, (\d+) rejected, "
    r"(\d+) failed, (\d+) triples"
)


def ingest_run(corpus: Path, store: str, workers: int, bulk: bool, log: Path) -> dict[str, Any]:
    cmd = [benchlib.tool("newsgraph"), "ingest", str(corpus), "--store", store, "--workers", str(workers)]
    if bulk:
        cmd.append("--bulk")
    before = log.stat().st_size if log.exists() else 0
    load_before = os.getloadavg()[0]
    cpu0 = _children_cpu()
    m = benchlib.run_measured(cmd, log=log)
    cpu = _children_cpu() - cpu0
    text = log.read_text(encoding="utf-8", errors="replace")[before:]
    found = SUMMARY.findall(text)
    if not found:
        raise SystemExit(f"bench: no summary from {' '.join(cmd)}; see {log}")
    articles, _secs, _rate, written, rejected, failed, triples = found[-1]
    return {
        "mode": "bulk" if bulk else "transactional",
        "workers": workers,
        "articles": int(articles),
        "written": int(written),
        "rejected": int(rejected),
        "failed": int(failed),
        "triples": int(triples),
        "seconds": round(m["seconds"], 2),
        "rate": round(int(articles) / m["seconds"], 1),
        "peak_rss": m["peak_rss"],
        "rc": m["returncode"],
        # CPU seconds of the command and its workers: unlike the wall time, this barely
        # depends on what else the machine is running.
        "cpu_ms_per_article": round(cpu / max(1, int(articles)) * 1000, 2),
        "load_before": round(load_before, 1),
    }


def _children_cpu() -> float:
    """User + system seconds of every finished child process (and theirs, once waited for)."""
    ru = resource.getrusage(resource.RUSAGE_CHILDREN)
    return ru.ru_utime + ru.ru_stime


def export_run(store: str, fmt: str, log: Path) -> dict[str, Any]:
    out = Path(tempfile.mkdtemp(prefix="ng-export-")) / f"dump.{fmt}"
    cmd = [benchlib.tool("newsgraph"), "export", "--store", store, "--format", fmt, "-o", str(out)]
    m = benchlib.run_measured(cmd, log=log)
    size = out.stat().st_size if out.exists() else 0
    shutil.rmtree(out.parent, ignore_errors=True)
    return {"format": fmt, "seconds": round(m["seconds"], 2), "peak_rss": m["peak_rss"], "bytes": size}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--n", type=int, default=2000, help="articles in the generated corpus")
    ap.add_argument("--workers", default="1,2", help="comma-separated worker counts")
    ap.add_argument("--modes", default="transactional,bulk", help="transactional,bulk")
    ap.add_argument("--remote", action="store_true", help="also ingest into a real oxigraph serve")
    ap.add_argument("--no-export", action="store_true", help="skip the export memory runs")
    ap.add_argument(
        "--keep-other-sizes",
        action="store_true",
        help="keep earlier figures for other corpus sizes (by default a run replaces them all, "
        "so the table never mixes figures from different code)",
    )
    args = ap.parse_args(argv)

    corpus = benchlib.ensure_corpus(args.n)
    benchlib.OUT.mkdir(parents=True, exist_ok=True)
    log = benchlib.OUT / f"ingest-{args.n}.log"
    work = Path(tempfile.mkdtemp(prefix="ng-bench-ingest-"))
    runs: list[dict[str, Any]] = []
    exports: list[dict[str, Any]] = []
    try:
        last_store = ""
        for mode in args.modes.split(","):
            for w in (int(x) for x in args.workers.split(",")):
                store = str(work / f"store-{mode}-{w}")
                r = ingest_run(corpus, store, w, mode == "bulk", log)
                r["store"] = "embedded"
                r["disk"] = benchlib.du(Path(store))
                runs.append(r)
                print(r, flush=True)
                last_store = store
        if args.remote:
            port = benchlib.free_port()
            url = f"http://127.0.0.1:{port}"
            cmd = [
                benchlib.tool("oxigraph"),
                "serve",
                "--location",
                str(work / "ox"),
                "--bind",
                f"127.0.0.1:{port}",
            ]
            with benchlib.server(cmd, f"{url}/query?query=ASK%7B%7D", log=log):
                for mode in args.modes.split(","):
                    w = max(int(x) for x in args.workers.split(","))
                    if mode == "bulk":
                        import urllib.request

                        req = urllib.request.Request(
                            f"{url}/update", data=b"DROP ALL", method="POST",
                            headers={"Content-Type": "application/sparql-update"},
                        )  # fmt: skip
                        urllib.request.urlopen(req).read()
                    r = ingest_run(corpus, url, w, mode == "bulk", log)
                    r["store"] = "oxigraph serve"
                    runs.append(r)
                    print(r, flush=True)
        if last_store and not args.no_export:
            for fmt in ("nquads", "jsonld"):
                e = export_run(last_store, fmt, log)
                exports.append(e)
                print(e, flush=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)

    benchlib.record("ingest", args.n, {"runs": runs, "exports": exports}, replace=not args.keep_other_sizes)
    write_doc()
    return 0


def write_doc() -> None:
    results = benchlib.results_for("ingest")
    rows = []
    for n in sorted(results):
        entry = results[n]
        for r in entry["runs"]:
            rows.append(
                [
                    benchlib.size_label(n),
                    r["store"],
                    r["mode"],
                    r["workers"],
                    f"{r['rate']:.0f}",
                    f"{r.get('cpu_ms_per_article', float('nan')):.1f}",
                    f"{2000 / r['cpu_ms_per_article']:.0f}" if r.get("cpu_ms_per_article") else "",
                    f"{r.get('load_before', float('nan')):.1f}",
                    f"{r['seconds']:.1f}",
                    f"{r['triples']:,}",
                    benchlib.mib(r["peak_rss"]),
                    f"{r['written']}/{r['rejected']}/{r['failed']}",
                    entry.get("commit", "?"),
                ]
            )
    export_rows = []
    for n in sorted(results):
        for e in results[n].get("exports", []):
            export_rows.append(
                [benchlib.size_label(n), e["format"], f"{e['seconds']:.1f}", benchlib.mib(e["peak_rss"]),
                 benchlib.mib(e["bytes"])]
            )  # fmt: skip
    machines = sorted({f"{results[n]['machine']} ({results[n]['date']})" for n in results})
    body = [
        "`bench/bench_ingest.py` runs the real `newsgraph ingest` (read, convert, validate with the "
        "shapes, store) over the generated corpus (`bench/generate.py`, seed 1) into a fresh store, "
        "timed from outside; memory is the peak RSS of the whole process tree, workers included. "
        "*Transactional* writes batches of 128 articles per store transaction (each article complete "
        "or absent after a crash); *bulk* writes N-Quads shards and hands them to the bulk loader.",
        "",
        "Measured on: " + "; ".join(machines),
        "",
        benchlib.table(
            [
                "corpus",
                "store",
                "mode",
                "workers",
                "articles/s",
                "CPU ms/article",
                "2 idle cores*",
                "load",
                "seconds",
                "triples",
                "peak RSS",
                "written/rejected/failed",
                "commit",
            ],
            rows,
        ),  # fmt: skip
    ]
    body += [
        "",
        "*articles/s* is wall-clock and depends on what else the machine runs (*load* is the 1-minute "
        "load average when the run started). *CPU ms/article* is the CPU time of the command and its "
        "workers per article; *2 idle cores* = 2000 / that figure, the rate two otherwise idle cores "
        "could sustain if the work spread perfectly (an upper bound for `--workers 2`). For "
        "*oxigraph serve* rows the server's own CPU is not counted. The machine is shared with other "
        "jobs, so `--workers 2` only beats one worker when the second core happens to be free; "
        "compare runs by CPU per article.",
        "",
        "The VM's speed drifts through the day, so compare code alternately, not across tables: on "
        "28 November at 18:25 (quiet machine, 2k bulk, 2 workers, `newsgraph ingest` timed whole) "
        "58c6a7b took 26.2 and 27.1 s where 8887c89 took 22.2 s (40b58c7: 21.8 and 23.3 s against "
        "21.3 and 21.0 s for 8887c89). The same 58c6a7b had read 113 articles/s (17.7 s) that "
        "morning. A profile of this run: the writing process is busy about 10 of the 21 s (8 s "
        "loading shards: summary index upkeep 4.9 s, Oxigraph's bulk load 3.1 s) and waits for the "
        "converters the rest; the workers wait while a shard loads. Since a521fc1 a loading thread "
        "stores each full shard while the next is written: the table's 105 articles/s against 95 "
        "for 8887c89 an hour earlier (alternated by hand: 22.1/22.8 s before, 20.5/22.2 s after).",
    ]
    if export_rows:
        body += [
            "",
            "Export of the last store (`newsgraph export -o FILE`), streamed by Oxigraph's writers:",
            "",
            benchlib.table(["corpus", "format", "seconds", "peak RSS", "size"], export_rows),
        ]
    body += [
        "",
        "Reproduce: `python bench/bench_ingest.py --n 2000 --remote` (add `--n 100000 --modes bulk` "
        "for the large corpus).",
    ]
    benchlib.write_section("Ingest", "\n".join(body))


if __name__ == "__main__":
    t0 = time.perf_counter()
    rc = main()
    print(f"bench_ingest: {time.perf_counter() - t0:.0f} s", file=sys.stderr)
    raise SystemExit(rc)
