"""The validation report: what ``newsgraph.shapes.validate`` returns, whichever engine ran.

Non-conformance is data, not an error: the report says what is wrong, where, and how
badly, and the caller decides whether to refuse (ingest raises ``ValidationFailed``
carrying this object) or only to print it (``newsgraph validate``).
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cached_property
from typing import Any

from rdflib import RDF, BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import NamespaceManager
from rdflib.paths import InvPath, Path
from rdflib.term import Node

SH = Namespace("http://www.w3.org/ns/shacl#")
#: Namespace of the newsgraph shapes themselves (``ngsh:Person-name`` ...).
NGSH = Namespace("https://w3id.org/newsgraph/shapes#")

#: Prefixes used when a report is shown to a person.
PREFIXES = {
    "ng": "https://w3id.org/newsgraph/ontology#",
    "ngsh": str(NGSH),
    "sh": str(SH),
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "owl": "http://www.w3.org/2002/07/owl#",
}

ResultPath = URIRef | Path


class Severity(StrEnum):
    """SHACL severities; only VIOLATION makes data non-conforming here."""

    VIOLATION = "Violation"
    WARNING = "Warning"
    INFO = "Info"

    @property
    def iri(self) -> URIRef:
        return SH[self.value]

    @classmethod
    def from_iri(cls, iri: Node | None) -> Severity:
        for member in cls:
            if iri == member.iri:
                return member
        # SHACL allows custom severities; treat them as the strictest known one.
        return cls.VIOLATION


@dataclass(frozen=True)
class ValidationResult:
    """One SHACL validation result, in plain Python terms."""

    focus_node: Node
    path: ResultPath | None
    value: Node | None
    severity: Severity
    message: str
    source_shape: Node
    constraint: URIRef | None = None  #: sh:sourceConstraintComponent
    graph: URIRef | None = None  #: the named graph the focus node was validated in

    def sort_key(self) -> tuple[str, ...]:
        order = {Severity.VIOLATION: "0", Severity.WARNING: "1", Severity.INFO: "2"}
        return (
            str(self.graph or ""),
            order[self.severity],
            str(self.focus_node),
            path_text(self.path),
            str(self.source_shape),
            term_text(self.value) if self.value is not None else "",
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "severity": self.severity.value,
            "focus_node": term_text(self.focus_node),
            "path": path_text(self.path) if self.path is not None else None,
            "value": term_text(self.value) if self.value is not None else None,
            "message": self.message,
            "source_shape": term_text(self.source_shape),
            "constraint": str(self.constraint) if self.constraint is not None else None,
            "graph": str(self.graph) if self.graph is not None else None,
        }


def term_text(node: Node) -> str:
    """IRIs bare, blank nodes as ``_:id``, literals in N-Triples form: unambiguous in JSON."""
    if isinstance(node, URIRef):
        return str(node)
    if isinstance(node, BNode | Literal):
        return node.n3()
    return str(node)


def path_text(path: ResultPath | None, nm: NamespaceManager | None = None) -> str:
    """A SPARQL property path for the result path (``^ng:reports`` for an inverse)."""
    if path is None:
        return ""
    if isinstance(path, URIRef):
        return path.n3(nm)
    return path.n3(nm)


def _namespace_manager() -> NamespaceManager:
    nm = NamespaceManager(Graph(bind_namespaces="none"))
    for prefix, ns in PREFIXES.items():
        nm.bind(prefix, ns)
    return nm


@dataclass
class ValidationReport:
    """The outcome of validating one graph or dataset against the newsgraph shapes.

    ``conforms`` is True when no result has Violation severity: warnings flag data that
    is legal but incomplete and never make a graph non-conforming.
    """

    results: list[ValidationResult] = field(default_factory=list)
    engine: str = "fast"  #: "fast" (compiled shapes) or "pyshacl" (the reference engine)

    def __post_init__(self) -> None:
        self.results = sorted(self.results, key=ValidationResult.sort_key)

    @property
    def conforms(self) -> bool:
        return not any(r.severity is Severity.VIOLATION for r in self.results)

    @property
    def violations(self) -> list[ValidationResult]:
        return [r for r in self.results if r.severity is Severity.VIOLATION]

    @property
    def warnings(self) -> list[ValidationResult]:
        return [r for r in self.results if r.severity is Severity.WARNING]

    def counts(self) -> dict[str, int]:
        tally = Counter(r.severity.value for r in self.results)
        return {s.value: tally.get(s.value, 0) for s in Severity}

    @cached_property
    def graph(self) -> Graph:
        """The report as a SHACL validation report graph (sh:ValidationReport)."""
        g = Graph()
        for prefix, ns in PREFIXES.items():
            g.bind(prefix, ns)
        report = BNode()
        g.add((report, RDF.type, SH.ValidationReport))
        g.add((report, SH.conforms, Literal(self.conforms)))
        for r in self.results:
            node = BNode()
            g.add((report, SH.result, node))
            g.add((node, RDF.type, SH.ValidationResult))
            g.add((node, SH.focusNode, r.focus_node))
            if r.path is not None:
                g.add((node, SH.resultPath, _path_node(g, r.path)))
            if r.value is not None:
                g.add((node, SH.value, r.value))
            g.add((node, SH.resultSeverity, r.severity.iri))
            g.add((node, SH.resultMessage, Literal(r.message)))
            g.add((node, SH.sourceShape, r.source_shape))
            if r.constraint is not None:
                g.add((node, SH.sourceConstraintComponent, r.constraint))
        return g

    def to_dict(self) -> dict[str, Any]:
        counts = self.counts()
        return {
            "conforms": self.conforms,
            "violations": counts["Violation"],
            "warnings": counts["Warning"],
            "infos": counts["Info"],
            "results": [r.to_dict() for r in self.results],
        }

    def to_json(self, indent: int | None = 2) -> str:
        return json.dumps(self.to_dict(), indent=indent, ensure_ascii=False)

    def text(self) -> str:
        """A report a data publisher can read: one block per result, worst first."""
        nm = _namespace_manager()
        counts = self.counts()
        summary = f"{counts['Violation']} violation(s), {counts['Warning']} warning(s)"
        if counts["Info"]:
            summary += f", {counts['Info']} info(s)"
        lines = [f"Conforms: {'yes' if self.conforms else 'no'} ({summary})"]
        for r in self.results:
            lines.append("")
            head = f"{r.severity.value}: {r.focus_node.n3(nm)}"
            if r.graph is not None:
                head += f"  (graph {r.graph.n3(nm)})"
            lines.append(head)
            if r.path is not None:
                lines.append(f"  path:    {path_text(r.path, nm)}")
            if r.value is not None:
                lines.append(f"  value:   {_short_value(r.value, nm)}")
            lines.append(f"  message: {r.message}")
            lines.append(f"  shape:   {r.source_shape.n3(nm)}")
        return "\n".join(lines) + "\n"


def _short_value(node: Node, nm: NamespaceManager) -> str:
    text = node.n3(nm)
    return text if len(text) <= 200 else text[:197] + "..."


def _path_node(g: Graph, path: ResultPath) -> Node:
    if isinstance(path, URIRef):
        return path
    if isinstance(path, InvPath) and isinstance(path.arg, URIRef):
        node = BNode()
        g.add((node, SH.inversePath, path.arg))
        return node
    raise ValueError(f"cannot write path {path!r} as SHACL")


__all__ = [
    "NGSH",
    "PREFIXES",
    "SH",
    "ResultPath",
    "Severity",
    "ValidationReport",
    "ValidationResult",
    "path_text",
    "term_text",
]
