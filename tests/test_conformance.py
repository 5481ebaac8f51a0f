"""What the converter writes conforms to the shapes, with no warning the writer could avoid.

Ingest refuses a graph with a violation, so a converted article that does not conform is
an article lost.  Warnings are allowed by the shapes, but only those about facts the
article itself does not give (no headline, no dateline, an event whose day the text does
not fix) are acceptable here: a warning about typing, labels or literal forms is the
writer's fault and fails this test.  Both the bundled samples (always) and the dev corpus
(when ../shared is present) are checked, with the fast engine and with pySHACL.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph

from newsgraph.converters import convert, convert_many
from newsgraph.samples import sample_files
from newsgraph.shapes import NGSH, ValidationReport, validate

BASE = "http://localhost:8080"

#: Warnings about what the text does not say; everything else is the writer's to avoid.
NOT_IN_THE_TEXT = {
    "Article-title-missing",  # the page prints no headline
    "Article-published-missing",  # no dateline with a year
    "Article-source-missing",  # no agency credit or masthead
    "Event-date-missing",  # "talks will continue", "last month": no day to resolve
    "EventActorsShape",  # an event whose parties the extractor could not name
    "Agreement-party-missing",  # "the 1953 armistice", parties unnamed
    "Agreement-title-missing",
}


def _shape(result: object) -> str:
    return str(result.source_shape)[len(str(NGSH)) :]  # type: ignore[attr-defined]


def _problems(name: str, report: ValidationReport) -> list[str]:
    out = [f"{name}: {r.severity.value} {_shape(r)} on {r.focus_node} ({r.value})" for r in report.violations]
    out += [
        f"{name}: avoidable warning {_shape(r)} on {r.focus_node} ({r.value})"
        for r in report.warnings
        if _shape(r) not in NOT_IN_THE_TEXT
    ]
    return out


def _sample_graphs() -> list[tuple[str, Graph]]:
    graphs = []
    for f in sample_files():
        for n, item in enumerate(convert_many(f.read_bytes(), base=BASE, name=f.name), start=1):
            assert not isinstance(item, Exception), f"{f.name}: {item}"
            graphs.append((f"{f.name}#{n}", item.graph))  # type: ignore[union-attr]
    return graphs


@pytest.mark.parametrize("engine", ["fast", "pyshacl"])
def test_every_bundled_sample_conforms_without_avoidable_warnings(engine: str) -> None:
    graphs = _sample_graphs()
    assert len(graphs) >= 8
    problems = [p for name, g in graphs for p in _problems(name, validate(g, engine=engine))]  # type: ignore[arg-type]
    assert not problems, "\n".join(problems)


def test_every_dev_article_conforms_without_avoidable_warnings(dev_corpus: Path) -> None:
    paths = sorted(dev_corpus.glob("*.txt"))
    assert paths
    problems: list[str] = []
    for path in paths:
        graph = convert(path.read_text(encoding="utf-8"), base=BASE, name=path.name).graph
        problems += _problems(path.name, validate(graph))
    assert not problems, "\n".join(problems)


def test_the_dev_corpus_exercises_partial_dates_and_event_typing(dev_corpus: Path) -> None:
    """The three fixes this suite guards are visible in real articles, not only in fixtures:
    partial agreement dates, events typed ng:Event plus a subclass, integer offsets."""
    from rdflib import RDF, XSD

    from newsgraph.ontology import NG

    partial = events = offsets = 0
    for path in sorted(dev_corpus.glob("*.txt")):
        g = convert(path.read_text(encoding="utf-8"), base=BASE, name=path.name).graph
        partial += len(list(g.objects(None, NG.partialDate)))
        events += len(list(g.subjects(RDF.type, NG.Event)))
        offsets += sum(1 for o in g.objects(None, NG.beginIndex) if o.datatype == XSD.integer)  # type: ignore[union-attr]
    assert partial >= 1 and events >= 25 and offsets >= 100
