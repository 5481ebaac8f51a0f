"""Ingest the million-article corpus file by file, resumably, and record time, disk and memory.

    python bench/bench_million.py [--size 1000000] [--workers 2] [--max-files N] [--report-only]

A million articles take hours on two cores, longer than one sitting of a shared machine,
so the run is cut into the corpus's own files (10,000 articles each): every file is one
``newsgraph ingest --bulk`` into the same store, and its figures (seconds, CPU, peak RSS of
the whole process tree, articles written, store size after it) go to
``bench/out/million-SIZE.json`` as soon as it finishes. Run the command again and it goes on
with the next file; ingesting a file twice replaces its articles, so a run killed half-way
through a file loses nothing but that file's time.

Recording every file separately is also the evidence that ingest memory does not grow
with the corpus: the peak RSS of the last file, with 990,000 articles already stored, is set
beside the peak RSS of the first. When the last file is in, the totals are recorded as the
``store`` figures for this size (the ones run_all.py reports in "Memory" and "One million
articles"), and the per-decile table is written to the "Ingest at scale" section of
docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import json
import re
import resource
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import benchlib as bl  # noqa: E402

SUMMARY = re.compile(
    r"ingested (\d+) articles .*?: (\d+) written, (\d+) rejected, (\d+) failed, (\d+) triples"
)


def progress_path(size: int) -> Path:
    return bl.OUT / f"million-{size}.json"


def load_progress(size: int) -> dict[str, Any]:
    p = progress_path(size)
    if p.exists():
        return dict(json.loads(p.read_text(encoding="utf-8")))
    return {"size": size, "files": {}}


def save_progress(size: int, data: dict[str, Any]) -> None:
    p = progress_path(size)
    tmp = p.with_suffix(".tmp")
    tmp.write_text(json.dumps(data, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    tmp.replace(p)


def corpus_files(corpus: Path) -> list[Path]:
    return sorted(p for p in corpus.rglob("*") if p.is_file() and not p.name.startswith("."))


def code_at(code: Path | None) -> tuple[dict[str, str], str]:
    """Environment and commit for running newsgraph from a pinned checkout.

    A run of hours must not pick up a half-edited working tree: ``--code DIR`` (a
    ``git worktree`` of this repository) puts DIR/src first on the import path, and
    moving that worktree to a newer commit between files is how a long run takes up a
    change deliberately.
    """
    if code is None:
        return {}, bl.code_version()
    import subprocess

    commit = subprocess.run(
        ["git", "-C", str(code), "rev-parse", "--short", "HEAD"], capture_output=True, text=True, check=True
    ).stdout.strip()
    return {"PYTHONPATH": str(code / "src")}, commit


def ingest_file(path: Path, store: Path, workers: int, log: Path, code: Path | None = None) -> dict[str, Any]:
    cmd = bl.ingest_cmd(path, store, workers, "--no-compact")
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = log.stat().st_size if log.exists() else 0
    env, commit = code_at(code)
    m = bl.run_measured(cmd, log=log, env=env)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    with log.open("rb") as fh:
        fh.seek(start)
        tail = fh.read().decode("utf-8", "replace")
    found = SUMMARY.findall(tail)
    if not found or m["returncode"] not in (0, 1):
        raise RuntimeError(f"ingest of {path} failed (exit {m['returncode']}); see {log}")
    articles, written, rejected, failed, triples = (int(x) for x in found[-1])
    return {
        **m,
        "cpu_seconds": round(cpu, 2),
        "articles": articles,
        "written": written,
        "rejected": rejected,
        "failed": failed,
        "triples": triples,
        "store_bytes": bl.du(store),
        "workers": workers,
        "commit": commit,
        "finished": time.strftime("%Y-%m-%dT%H:%M:%S"),
    }


def compact(store: Path, log: Path, code: Path | None) -> dict[str, Any]:
    """`newsgraph compact` between files: without it the bulk files' repeated triples grow the store ~40%."""
    env, commit = code_at(code)
    before = bl.du(store)
    m = bl.run_measured([bl.tool("newsgraph"), "compact", "--store", str(store)], log=log, env=env)
    if m["returncode"] != 0:
        raise RuntimeError(f"compaction failed (exit {m['returncode']}); see {log}")
    return {**m, "before": before, "after": bl.du(store), "commit": commit}


def final_disk(runs: list[dict[str, Any]], compactions: list[dict[str, Any]]) -> int:
    if compactions and compactions[-1]["files"] == len(runs):
        return int(compactions[-1]["after"])
    return int(runs[-1]["store_bytes"]) if runs else 0


def totals(progress: dict[str, Any]) -> dict[str, Any]:
    runs = list(progress["files"].values())
    compactions = progress.get("compactions", [])
    seconds = sum(r["seconds"] for r in runs) + sum(c["seconds"] for c in compactions)
    written = sum(r["written"] for r in runs)
    return {
        "compaction_seconds": sum(c["seconds"] for c in compactions),
        "seconds": seconds,
        "peak_rss": max((r["peak_rss"] for r in runs), default=0),
        "returncode": 0 if all(r["returncode"] == 0 for r in runs) else 1,
        "store_bytes": final_disk(runs, compactions),
        "peak_store_bytes": max((r["store_bytes"] for r in runs), default=0),
        "workers": max((r["workers"] for r in runs), default=0),
        "rate": written / seconds if seconds else 0.0,
        "cpu_ms_per_article": 1000 * sum(r["cpu_seconds"] for r in runs) / written if written else 0.0,
        "written": written,
        "rejected": sum(r["rejected"] for r in runs),
        "failed": sum(r["failed"] for r in runs),
        "triples": sum(r["triples"] for r in runs),
        "commits": sorted({r["commit"] for r in runs}),
    }


#: What changed in the code between files of the run, by the first commit it ran at, for
#: reading the table (each file records the commit it ran).
CODE_CHANGES = {
    "92098df": "ingest follows the summary index's counts in memory for the run (`CountCache`) instead "
    "of reading every touched group back for each shard",
    "00d1532": "an index membership is looked up only when its member is already in some bucket",
    "0cfd65a": "an embedded store's bucket counts read by position (2.6x less CPU per count)",
    "e14f437": "the conversion workers send each graph's triples in the index's form, so the writing "
    "process no longer parses every shard back for the index (was ~15% of its samples)",
    "8d4bf14": "an index entry's bucket IRI is computed once per entry",
    "a521fc1": "a loading thread stores each full shard while the next is written (the conversion "
    "workers no longer wait through every load)",
}


def render(progress: dict[str, Any], total_files: int) -> str:
    """The per-decile table: rate, CPU, peak RSS and disk as the store fills."""
    runs = [progress["files"][k] for k in sorted(progress["files"])]
    if not runs:
        return "Not run yet: `python bench/bench_million.py`."
    groups = max(1, len(runs) // 10)
    rows = []
    loaded = 0
    for i in range(0, len(runs), groups):
        part = runs[i : i + groups]
        written = sum(r["written"] for r in part)
        seconds = sum(r["seconds"] for r in part)
        cpu = sum(r["cpu_seconds"] for r in part)
        loaded += written
        rows.append(
            [
                f"{(loaded - written):,} - {loaded:,}",
                f"{written / seconds:.0f}" if seconds else "",
                f"{1000 * cpu / written:.1f}" if written else "",
                bl.mib(max(r["peak_rss"] for r in part)),
                bl.mib(part[-1]["store_bytes"]),
                f"{part[-1]['store_bytes'] / loaded / 1024:.1f}" if loaded else "",
                ", ".join(sorted({r["commit"] for r in part})),
            ]
        )
    t = totals(progress)
    done = len(runs)
    head = (
        f"`python bench/bench_million.py --size {progress['size']}` ingests the generated corpus "
        f"({total_files} JSON Lines files of 10,000 articles) file by file with `newsgraph ingest --bulk "
        f"--workers {t['workers']}` into one embedded store, recording each file as it finishes, so the run "
        "can be resumed and memory can be followed as the store grows. "
        f"Files done: {done} of {total_files}; {t['written']:,} articles written, {t['rejected']} rejected, "
        f"{t['failed']} failed; {t['triples']:,} triples; ingest time {t['seconds'] / 3600:.2f} h "
        f"({t['rate']:.0f} articles/s wall, {t['cpu_ms_per_article']:.1f} CPU ms per article); "
        f"peak RSS {bl.mib(t['peak_rss'])}; store {t['store_bytes'] / 2**30:.1f} GiB on disk. "
        f"`newsgraph compact` ran every {progress.get('compact_every', 10)} files "
        f"({t['compaction_seconds'] / 60:.0f} min in all, included in the ingest time): "
        + "; ".join(
            f"after {c['files']} files {bl.mib(c['before'])} -> {bl.mib(c['after'])} in {c['seconds']:.0f} s"
            for c in progress.get("compactions", [])
        )
        + "."
    )
    machine = f"Machine: {bl.machine()}."
    table = bl.table(
        ["articles already stored", "articles/s", "CPU ms/article", "peak RSS", "store after", "KiB/article",
         "commit"],
        rows,
    )  # fmt: skip
    note = (
        "Peak RSS is the whole `newsgraph ingest` process tree (workers included) sampled every 0.25 s; "
        "it does not follow the store's size, because ingest holds a bounded number of articles in "
        "flight and one N-Quads shard, never the store's contents."
    )
    changes = [f"- {c}: {text}." for c, text in CODE_CHANGES.items()]
    parts = [head, machine, table, note]
    if changes:
        head2 = "Code changes that bear on ingest, by commit (see the table's last column):"
        parts.append(head2 + "\n\n" + "\n".join(changes))
    return "\n\n".join(parts)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--size", type=int, default=1_000_000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--max-files", type=int, default=0, help="stop after this many files (0: all)")
    ap.add_argument("--report-only", action="store_true", help="only rewrite the docs from what is recorded")
    ap.add_argument("--compact-every", type=int, default=10, help="compact the store after every N files")
    ap.add_argument("--code", type=Path, help="run newsgraph from this git worktree (pinned code)")
    ap.add_argument("--fresh", action="store_true", help="forget the progress and start a new store")
    args = ap.parse_args(argv)

    corpus = bl.ensure_corpus(args.size, args.seed)
    files = corpus_files(corpus)
    store = bl.OUT / f"store-{args.size}"
    log = bl.OUT / f"million-{args.size}.log"
    progress = load_progress(args.size)
    if args.fresh:
        import shutil

        shutil.rmtree(store, ignore_errors=True)
        progress = {"size": args.size, "files": {}}
        save_progress(args.size, progress)
    progress["compact_every"] = args.compact_every
    if not args.report_only:
        todo = [f for f in files if f.name not in progress["files"]]
        if args.max_files:
            todo = todo[: args.max_files]
        for f in todo:
            r = ingest_file(f, store, args.workers, log, args.code)
            progress["files"][f.name] = r
            save_progress(args.size, progress)
            print(
                f"{f.name}: {r['written']} written in {r['seconds']:.0f} s, "
                f"peak RSS {bl.mib(r['peak_rss'])}, store {bl.mib(r['store_bytes'])}; "
                f"{len(progress['files'])}/{len(files)} files",
                flush=True,
            )
            done = len(progress["files"])
            if done % args.compact_every == 0 or done == len(files):
                c = compact(store, log, args.code)
                c["files"] = done
                progress.setdefault("compactions", []).append(c)
                save_progress(args.size, progress)
                print(f"compacted after {done} files in {c['seconds']:.0f} s: "
                      f"{bl.mib(c['before'])} -> {bl.mib(c['after'])}", flush=True)  # fmt: skip
    if len(progress["files"]) == len(files):
        bl.record("store", args.size, totals(progress))
    bl.write_section("Ingest at scale", render(progress, len(files)))
    import run_all  # its "Memory" and "One million articles" sections read these figures

    run_all.write_owned_sections()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
