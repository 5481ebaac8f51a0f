"""Load: 32 concurrent clients mixing dereferencing, HTML pages and SPARQL against gunicorn.

    python bench/load_test.py [--articles 1000] [--duration 60] [--clients 32] [--write-doc]

Builds a store from the synthetic corpus (bench/generate.py, ``newsgraph ingest``),
serves it with gunicorn on a free loopback port (``bench/ng_wsgi.py``: two gthread
workers sharing the store read-only, the way the other benchmarks serve it), and
runs the clients for a bounded time.  Each client loops over a weighted mix:

* dereferencing an entity URI in every RDF format and as HTML (the 303 is followed),
* HTML pages (entity pages, the home page, the query page),
* SPARQL queries from bench/queries.py's mix (JSON and CSV answers) plus small
  lookups with varying text, so both cached repeats and fresh evaluations occur.

Any status >= 400 or failed request counts as an error; the run must have none.
Latency percentiles and throughput go to stdout and, with --write-doc, to the
"Load" section of docs/benchmarks.md.  Loopback only; nothing leaves the machine.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from collections import defaultdict
from pathlib import Path
from typing import Any

import requests

sys.path.insert(0, str(Path(__file__).resolve().parent))

import benchlib as bl  # noqa: E402
import queries as qmix  # noqa: E402

RDF_ACCEPTS = {
    "turtle": "text/turtle",
    "jsonld": "application/ld+json",
    "rdfxml": "application/rdf+xml",
    "ntriples": "application/n-triples",
    "trig": "application/trig",
    "nquads": "application/n-quads",
}
NG = qmix.NG


def build_store(articles: int, work: Path) -> Path:
    corpus = work / "corpus.jsonl"
    subprocess.run(
        [
            sys.executable,
            str(bl.BENCH / "generate.py"),
            "--n",
            str(articles),
            "--out",
            str(corpus),
            "--format",
            "jsonl",
            "--quiet",
        ],
        check=True,
    )
    store = work / "store"
    subprocess.run(
        [
            bl.tool("newsgraph"),
            "ingest",
            str(corpus),
            "--store",
            str(store),
            "--base-uri",
            bl.BASE_URI,
            "-q",
            "--no-progress",
        ],
        check=True,
    )
    return store


def sparql_select(url: str, text: str) -> list[dict[str, str]]:
    r = requests.get(
        f"{url}/sparql",
        params={"query": text},
        headers={"Accept": "application/sparql-results+json"},
        timeout=120,
    )
    r.raise_for_status()
    return [{k: v["value"] for k, v in b.items()} for b in r.json()["results"]["bindings"]]


def local_path(iri: str) -> str:
    return urllib.parse.urlsplit(iri).path


def plan(url: str) -> dict[str, Any]:
    """Entities and queries the clients draw from, chosen from the data."""
    persons = [r["p"] for r in sparql_select(url, qmix.PARAM_QUERIES["persons"])]
    rows = sparql_select(
        url,
        f"PREFIX ng: <{NG}> SELECT ?a ?c ?e WHERE {{ {{ ?a a ng:Article }} UNION "
        "{ ?c a ng:Country } UNION { ?e a ng:Event } } LIMIT 600",
    )
    entities = persons + [v for r in rows for v in r.values()]
    params = qmix.pick_parameters(lambda text: sparql_select(url, text))
    mix = [q for q in qmix.mix(params)]
    return {"entities": [local_path(e) for e in entities], "queries": mix, "persons": persons}


class Recorder:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.latency: dict[str, list[float]] = defaultdict(list)
        self.errors: list[str] = []
        self.truncated = 0

    def add(self, kind: str, seconds: float) -> None:
        with self.lock:
            self.latency[kind].append(seconds)

    def error(self, what: str) -> None:
        with self.lock:
            if len(self.errors) < 50:
                self.errors.append(what)
            else:
                self.errors.append("")


def client(url: str, work: dict[str, Any], until: float, rec: Recorder, seed: int) -> None:
    rnd = random.Random(seed)
    session = requests.Session()
    entities: list[str] = work["entities"]
    queries = work["queries"]
    n = 0
    while time.monotonic() < until:
        n += 1
        roll = rnd.random()
        if roll < 0.45:
            fmt = rnd.choice([*RDF_ACCEPTS, "html"])
            kind, path = f"deref {fmt}", rnd.choice(entities)
            headers = {"Accept": RDF_ACCEPTS.get(fmt, "text/html")}
            params: dict[str, str] = {}
        elif roll < 0.65:
            kind = "html page"
            path = rnd.choice([rnd.choice(entities).replace("/id/", "/doc/", 1), "/", "/sparql"])
            headers, params = {"Accept": "text/html"}, {}
        elif roll < 0.85:
            q = rnd.choice(queries)
            kind, path = "sparql mix", "/sparql"
            accept = "text/turtle" if q.graph else rnd.choice(["application/sparql-results+json", "text/csv"])
            headers, params = {"Accept": accept}, {"query": q.text}
        else:
            person = rnd.choice(work["persons"])
            kind, path = "sparql lookup", "/sparql"
            text = (
                f"PREFIX ng: <{NG}> SELECT ?e ?date WHERE {{ ?e ng:participant <{person}> ; ng:date ?date }} "
                f"ORDER BY DESC(?date) LIMIT {rnd.randint(5, 50)}"
            )
            headers, params = {"Accept": "application/sparql-results+json"}, {"query": text}
        t0 = time.monotonic()
        try:
            r = session.get(url + path, params=params, headers=headers, timeout=120)
            elapsed = time.monotonic() - t0
            body_ok = r.status_code < 400
            if body_ok and r.headers.get("X-Newsgraph-Truncated"):
                with rec.lock:
                    rec.truncated += 1
        except requests.RequestException as exc:
            rec.error(f"{kind} {path}: {type(exc).__name__}: {exc}")
            continue
        if not body_ok:
            rec.error(f"{kind} {path} -> {r.status_code}: {r.text[:120]}")
            continue
        rec.add(kind, elapsed)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--articles", type=int, default=1000)
    ap.add_argument("--duration", type=float, default=60.0, help="seconds of load (bounded)")
    ap.add_argument("--clients", type=int, default=32)
    ap.add_argument("--store", type=Path, help="use this store instead of building one")
    ap.add_argument("--write-doc", action="store_true", help="write the Load section of docs/benchmarks.md")
    args = ap.parse_args()
    duration = min(args.duration, 300.0)

    with tempfile.TemporaryDirectory(prefix="newsgraph-load-") as tmp:
        work_dir = Path(tmp)
        store = args.store or build_store(args.articles, work_dir)
        port = bl.free_port()
        url = f"http://127.0.0.1:{port}"
        cmd = [
            bl.tool("gunicorn"),
            "-w",
            "2",
            "-k",
            "gthread",
            "--threads",
            "16",
            "-b",
            f"127.0.0.1:{port}",
            "--timeout",
            "120",
            "--log-level",
            "warning",
            "--chdir",
            str(bl.BENCH),
            "ng_wsgi:app",
        ]
        env = {
            "NEWSGRAPH_STORE": str(store),
            "NEWSGRAPH_BASE_URI": bl.BASE_URI,
            "NEWSGRAPH_MAX_QUERIES_PER_CLIENT": str(args.clients * 2),
        }
        with bl.server(cmd, f"{url}/sparql?query=ASK%7B%7D", env=env, log=work_dir / "gunicorn.log"):
            work = plan(url)
            rec = Recorder()
            load_before = os.getloadavg()[0]
            until = time.monotonic() + duration
            started = time.monotonic()
            threads = [
                threading.Thread(target=client, args=(url, work, until, rec, i)) for i in range(args.clients)
            ]
            for t in threads:
                t.start()
            for t in threads:
                t.join()
            wall = time.monotonic() - started
            load_after = os.getloadavg()[0]

    all_lat = [x for v in rec.latency.values() for x in v]
    total = len(all_lat) + len(rec.errors)
    rows = []
    for kind in sorted(rec.latency):
        v = rec.latency[kind]
        rows.append(
            [
                kind,
                len(v),
                f"{bl.percentile(v, 0.5) * 1000:.0f}",
                f"{bl.percentile(v, 0.95) * 1000:.0f}",
                f"{bl.percentile(v, 0.99) * 1000:.0f}",
                f"{max(v) * 1000:.0f}",
            ]
        )
    rows.append(
        [
            "**all**",
            len(all_lat),
            f"{bl.percentile(all_lat, 0.5) * 1000:.0f}",
            f"{bl.percentile(all_lat, 0.95) * 1000:.0f}",
            f"{bl.percentile(all_lat, 0.99) * 1000:.0f}",
            f"{max(all_lat) * 1000:.0f}" if all_lat else "-",
        ]
    )
    summary = {
        "requests": total,
        "errors": len(rec.errors),
        "seconds": round(wall, 1),
        "throughput_rps": round(len(all_lat) / wall, 1),
        "clients": args.clients,
        "articles": args.articles,
        "truncated_answers": rec.truncated,
        "load_average": [round(load_before, 1), round(load_after, 1)],
    }
    print(json.dumps(summary))
    print(bl.table(["request", "count", "p50 ms", "p95 ms", "p99 ms", "max ms"], rows))
    for e in rec.errors[:10]:
        print("ERROR", e)
    if args.write_doc:
        command = (
            f"python bench/load_test.py --articles {args.articles} --duration {duration:g} "
            f"--clients {args.clients} --write-doc"
        )
        body = (
            f"`{command}` — {bl.machine()}, {time.strftime('%Y-%m-%d')}.\n\n"
            f"{args.clients} concurrent clients (Python threads on the same machine) "
            f"for {wall:.0f} s against gunicorn (2 gthread workers × 16 threads, store read-only, "
            f"{args.articles} synthetic articles), "
            "loopback only. Mix per request: 45 % dereferencing an entity URI (303 followed) in one of "
            "Turtle, JSON-LD, RDF/XML, N-Triples, TriG, N-Quads or HTML; 20 % HTML pages (entity page, home, "
            "query page); 20 % the SPARQL research mix of bench/queries.py (JSON, CSV or Turtle answers); "
            "15 % small SPARQL lookups with varying text.\n\n"
            f"**{summary['requests']} requests, {summary['errors']} errors, "
            f"{summary['throughput_rps']} requests/s.**\n\n"
            + bl.table(["request", "count", "p50 ms", "p95 ms", "p99 ms", "max ms"], rows)
            + "\n\nThe clients share the two cores with the server, so these figures are a floor for the "
            f"server alone. Machine load average (1 min) at start and end of the run: {load_before:.1f}, "
            f"{load_after:.1f}; other work running on the machine at the same time inflates the latencies."
        )
        bl.write_section("Load", body)
    return 1 if rec.errors else 0


if __name__ == "__main__":
    raise SystemExit(main())
