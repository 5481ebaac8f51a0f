"""SHACL shapes for newsgraph data, and validation that returns a report.

The shapes (``*.ttl`` here, shipped as package data) say what a well-formed article
graph looks like: sh:Violation for wrong data, sh:Warning for data that is legal but
incomplete.  ``validate`` never raises for non-conforming data; it returns a
:class:`ValidationReport` and leaves the decision to the caller.

Two engines give the same results (a test runs both over every fixture):

* ``"fast"``: the shapes compiled once into Python (``engine.py``); a typical article
  graph validates in well under a millisecond, which ingest needs.
* ``"pyshacl"``: the reference implementation, about 20 ms per article graph.

``engine="auto"`` (the default) uses the fast engine unless the shapes use a feature it
does not implement, in which case pySHACL runs instead.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from functools import lru_cache
from importlib.resources import files
from typing import Literal as TypingLiteral

from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.paths import InvPath, SequencePath
from rdflib.term import BNode, Node

from .engine import CompiledShapes, Triple, UnsupportedShapes
from .report import NGSH, SH, ResultPath, Severity, ValidationReport, ValidationResult

Engine = TypingLiteral["auto", "fast", "pyshacl"]

log = logging.getLogger(__name__)


def shape_files() -> list[str]:
    """Names of the Turtle files that make up the shapes graph, in load order."""
    return sorted(
        entry.name for entry in files(__package__).iterdir() if entry.name.endswith(".ttl")
    )


@lru_cache(maxsize=1)
def _shapes() -> Graph:
    g = Graph()
    for name in shape_files():
        g.parse(data=files(__package__).joinpath(name).read_text(encoding="utf-8"), format="turtle")
    return g


def load_shapes() -> Graph:
    """A fresh copy of the shapes graph (callers may add to it without affecting validation)."""
    g = Graph()
    for prefix, ns in _shapes().namespaces():
        g.bind(prefix, ns)
    for t in _shapes():
        g.add(t)
    return g


@lru_cache(maxsize=1)
def _compiled() -> CompiledShapes | None:
    try:
        return CompiledShapes(_shapes())
    except UnsupportedShapes as exc:
        log.warning("fast SHACL engine unavailable (%s); validating with pySHACL", exc)
        return None


def _units(data: Graph) -> list[tuple[URIRef | None, list[Graph]]]:
    """What to validate separately: each named graph (with the default graph's triples).

    A dataset holds one graph per article; a person may carry a different name in two
    articles, so validating the union would report conflicts that are not errors.  The
    default graph, if any, is shared reference data and is added to every named graph.
    """
    if not isinstance(data, Dataset):
        return [(None, [data])]
    default: Graph | None = None
    named: list[Graph] = []
    for g in data.graphs():
        if g.identifier == DATASET_DEFAULT_GRAPH_ID:
            default = g
        elif len(g):
            named.append(g)
    shared = [default] if default is not None and len(default) else []
    if not named:
        return [(None, shared)]
    return [
        (g.identifier if isinstance(g.identifier, URIRef) else None, [g, *shared])
        for g in sorted(named, key=lambda g: str(g.identifier))
    ]


def validate(data: Graph | Dataset, *, engine: Engine = "auto") -> ValidationReport:
    """Validate a graph, or every named graph of a dataset, against the newsgraph shapes."""
    compiled = _compiled() if engine in ("auto", "fast") else None
    if engine == "fast" and compiled is None:
        raise RuntimeError("the fast SHACL engine cannot run these shapes; use engine='pyshacl'")
    results: list[ValidationResult] = []
    for name, graphs in _units(data):
        if compiled is not None:
            results.extend(compiled.validate(graphs, name))
        else:
            results.extend(_pyshacl_results(graphs, name))
    return ValidationReport(results, engine="fast" if compiled is not None else "pyshacl")


def validate_triples(triples: Iterable[Triple], *, engine: Engine = "auto") -> ValidationReport:
    """Validate one graph given as plain (s, p, o) terms: the report ``validate`` gives
    for a Graph holding them.

    Ingest has the RDF writer's triple list already; indexing it directly costs a
    fraction of building an rdflib Graph only to iterate it again.  Each triple must
    come once (the writer's list is de-duplicated like a Graph).  pySHACL, when it
    has to run, still gets a Graph.
    """
    compiled = _compiled() if engine in ("auto", "fast") else None
    if engine == "fast" and compiled is None:
        raise RuntimeError("the fast SHACL engine cannot run these shapes; use engine='pyshacl'")
    if compiled is not None:
        return ValidationReport(compiled.validate([triples]), engine="fast")
    g = Graph()
    for t in triples:
        g.add(t)
    return ValidationReport(_pyshacl_results([g], None), engine="pyshacl")


# --------------------------------------------------------------------------- reference engine


def _pyshacl_results(graphs: Iterable[Graph], name: URIRef | None) -> list[ValidationResult]:
    import pyshacl

    graphs = list(graphs)
    if len(graphs) == 1:
        data = graphs[0]
    else:
        data = Graph()
        for g in graphs:
            for t in g:
                data.add(t)
    _, report_graph, _ = pyshacl.validate(
        data,
        shacl_graph=load_shapes(),
        inference="none",
        advanced=False,
        allow_warnings=True,
        allow_infos=True,
    )
    return results_from_report_graph(report_graph, name)


def results_from_report_graph(report: Graph, graph_name: URIRef | None = None) -> list[ValidationResult]:
    """Read the results of a SHACL validation report graph into ValidationResult objects."""
    out: list[ValidationResult] = []
    for node in report.objects(None, SH.result):
        focus = report.value(node, SH.focusNode)
        shape = report.value(node, SH.sourceShape)
        if focus is None or shape is None:
            continue
        messages = [m for m in report.objects(node, SH.resultMessage) if isinstance(m, Literal)]
        english = [m for m in messages if m.language in (None, "en")]
        constraint = report.value(node, SH.sourceConstraintComponent)
        out.append(
            ValidationResult(
                focus_node=focus,
                path=_read_path(report, report.value(node, SH.resultPath)),
                value=report.value(node, SH.value),
                severity=Severity.from_iri(report.value(node, SH.resultSeverity)),
                message=str((english or messages)[0]) if messages else "",
                source_shape=shape,
                constraint=constraint if isinstance(constraint, URIRef) else None,
                graph=graph_name,
            )
        )
    return out


def _read_path(g: Graph, node: Node | None) -> ResultPath | None:
    if node is None:
        return None
    if isinstance(node, URIRef):
        return node
    inverse = g.value(node, SH.inversePath)
    if isinstance(inverse, URIRef):
        return InvPath(inverse)
    if isinstance(node, BNode) and g.value(node, SH.alternativePath) is None:
        items = [i for i in Collection(g, node) if isinstance(i, URIRef)]
        if items and len(items) == len(Collection(g, node)):
            return SequencePath(*items)
    raise ValueError(f"unsupported result path {node!r}")


__all__ = [
    "NGSH",
    "Engine",
    "Severity",
    "ValidationReport",
    "ValidationResult",
    "load_shapes",
    "results_from_report_graph",
    "shape_files",
    "validate",
    "validate_triples",
]
