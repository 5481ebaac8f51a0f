"""Per-article SHACL validation time: the compiled engine against pySHACL.

Converts the dev corpus articles (../shared/corpus/dev, when present) or else uses the
shape test fixture, then times ``newsgraph.shapes.validate`` on each article graph with
both engines.  Reports the best of several repeats of process CPU time (the least disturbed by
other load on the machine) in milliseconds per article, plus the graph sizes.

    python bench/bench_validate.py [--repeat 5] [--number 20]
"""

from __future__ import annotations

import argparse
import statistics
import time
import timeit
from pathlib import Path

from rdflib import Graph

from newsgraph.shapes import validate

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus" / "dev"


def article_graphs() -> list[tuple[str, Graph]]:
    graphs: list[tuple[str, Graph]] = []
    if CORPUS.is_dir():
        from newsgraph.converters import convert

        for path in sorted(CORPUS.glob("*.txt")):
            try:
                conv = convert(path.read_text(encoding="utf-8"), base="http://localhost:8080", name=path.name)
            except Exception as exc:  # a converter bug must not stop the benchmark
                print(f"skip {path.name}: {exc}")
                continue
            graphs.append((path.name, conv.graph))
    if not graphs:
        fixture = ROOT / "tests" / "data" / "shapes" / "valid" / "complete.ttl"
        graphs.append((fixture.name, Graph().parse(fixture)))
    return graphs


def best_ms(stmt: object, repeat: int, number: int) -> float:
    """Best-of-repeat CPU time: on a machine shared with other jobs, wall time measures them too."""
    times = timeit.repeat(stmt, repeat=repeat, number=number, timer=time.process_time)  # type: ignore[arg-type]
    return min(times) / number * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--number", type=int, default=20)
    args = parser.parse_args()
    graphs = article_graphs()
    fast: list[float] = []
    reference: list[float] = []
    for _, g in graphs:
        validate(g)  # compile the shapes once, outside the timing
        fast.append(best_ms(lambda g=g: validate(g, engine="fast"), args.repeat, args.number))
        reference.append(best_ms(lambda g=g: validate(g, engine="pyshacl"), max(2, args.repeat // 2), 1))
    sizes = [len(g) for _, g in graphs]
    print(
        f"articles: {len(graphs)}; triples per graph: median {statistics.median(sizes):.0f}, max {max(sizes)}"
    )
    print(f"fast engine CPU ms/article:    median {statistics.median(fast):.2f}, max {max(fast):.2f}")
    print(f"pySHACL CPU ms/article:     median {statistics.median(reference):.1f}, max {max(reference):.1f}")
    print(f"speed-up (median):         {statistics.median(reference) / statistics.median(fast):.0f}x")


if __name__ == "__main__":
    main()
