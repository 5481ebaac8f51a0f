"""A compiled SHACL Core evaluator for the newsgraph shapes, fast enough for ingest.

pySHACL is the reference engine, but it spends about 20 ms on a 200-triple article
graph, which alone would cap ingest below 50 articles per second.  The shapes use a
small part of SHACL Core, so this module compiles them once into Python objects and
evaluates an article graph from a one-pass index of its triples (well under a
millisecond per article).

The compiler refuses any shape feature it does not implement (``UnsupportedShapes``),
and ``newsgraph.shapes.validate`` then falls back to pySHACL, so editing the shapes can
never silently weaken validation.  ``tests/test_shapes.py`` runs both engines on every
fixture and requires identical results.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time
from decimal import Decimal
from typing import Any

from rdflib import RDF, RDFS, XSD, BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.paths import InvPath
from rdflib.term import Node

from .report import SH, ResultPath, Severity, ValidationResult


class UnsupportedShapes(Exception):
    """The shapes use a SHACL feature this evaluator does not implement."""


#: Predicates a shape may carry that do not constrain anything.
_INERT = {
    RDF.type, RDFS.label, RDFS.comment, RDFS.seeAlso, RDFS.isDefinedBy,
    SH.name, SH.description, SH.order, SH.group, SH.message, SH.severity, SH.deactivated,
    SH.defaultValue,
}
_TARGETS = {SH.targetClass, SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf}
_TARGET_NAMES = {
    SH.targetClass: "class", SH.targetNode: "node", SH.targetSubjectsOf: "subjectsOf",
    SH.targetObjectsOf: "objectsOf",
}
_STRUCTURE = {SH.property, SH.path}
_CONSTRAINTS = {
    SH["class"], SH.datatype, SH.nodeKind, SH.pattern, SH.flags, SH.minLength, SH.maxLength,
    SH.minCount, SH.maxCount, SH["in"], SH.hasValue, SH["or"], SH["and"], SH["not"], SH.node,
    SH.equals, SH.disjoint, SH.lessThan, SH.qualifiedValueShape, SH.qualifiedMinCount,
    SH.qualifiedMaxCount, SH.qualifiedValueShapesDisjoint, SH.minInclusive, SH.minExclusive,
}
_KNOWN = _INERT | _TARGETS | _STRUCTURE | _CONSTRAINTS


# --------------------------------------------------------------------------- data index

# Namespace attribute lookups are slow in rdflib; the hot paths use these constants.
# Predicates are keyed by plain str in the index: dict lookups then compare in C instead
# of through rdflib's Python-level Identifier.__eq__, which dominated the profile.
_TYPE = str(RDF.type)
_EMPTY: list[Node] = []
_SUBCLASS = str(RDFS.subClassOf)


#: One statement as the engine reads it: an rdflib Graph yields these, and so does the
#: RDF writer's plain triple list, which ingest validates without building a Graph.
Triple = tuple[Node, Node, Node]


class Index:
    """Every triple of the data graph(s) in dicts, built in one pass.

    ``graphs`` are rdflib Graphs or any other iterables of (s, p, o) terms; only
    iteration is used.  Triples repeated within one iterable are indexed as many
    times as they come, so a plain list must hold each triple once, as a Graph does.
    """

    __slots__ = ("out", "inv", "_supers", "_class_cache", "_instances")

    def __init__(self, graphs: Iterable[Iterable[Triple]]) -> None:
        out: dict[Node, dict[str, list[Node]]] = {}
        inv: dict[Node, dict[str, list[Node]]] = {}
        supers: dict[Node, set[Node]] = {}
        graphs = list(graphs)
        seen: set[tuple[Node, Node, Node]] | None = set() if len(graphs) > 1 else None
        for g in graphs:
            for triple in g:
                if seen is not None:
                    # The same triple in two merged graphs must count once.
                    if triple in seen:
                        continue
                    seen.add(triple)
                s, pred, o = triple
                p = str(pred)
                by_p = out.get(s)
                if by_p is None:
                    by_p = out[s] = {}
                objs = by_p.get(p)
                if objs is None:
                    by_p[p] = [o]
                else:
                    objs.append(o)
                by_p = inv.get(o)
                if by_p is None:
                    by_p = inv[o] = {}
                subs = by_p.get(p)
                if subs is None:
                    by_p[p] = [s]
                else:
                    subs.append(s)
        # Looked up once here: comparing rdflib terms with == in the loop is slow.
        for s, by_p in out.items():
            supers_of = by_p.get(_SUBCLASS)
            if supers_of:
                supers[s] = set(supers_of)
        self.out = out
        self.inv = inv
        self._supers = supers
        self._class_cache: dict[Node, frozenset[Node]] = {}
        self._instances: dict[Node, list[Node]] | None = None

    def objects(self, s: Node, p: str) -> list[Node]:
        by_p = self.out.get(s)
        return by_p.get(p, _EMPTY) if by_p is not None else _EMPTY

    def subjects(self, p: str, o: Node) -> list[Node]:
        by_p = self.inv.get(o)
        return by_p.get(p, _EMPTY) if by_p is not None else _EMPTY

    def _with_superclasses(self, cls: Node) -> frozenset[Node]:
        cached = self._class_cache.get(cls)
        if cached is None:
            seen = {cls}
            todo = [cls]
            while todo:
                for sup in self._supers.get(todo.pop(), ()):
                    if sup not in seen:
                        seen.add(sup)
                        todo.append(sup)
            cached = self._class_cache[cls] = frozenset(seen)
        return cached

    def is_instance(self, node: Node, cls: Node) -> bool:
        """SHACL instance: rdf:type/rdfs:subClassOf* in the data graph."""
        for t in self.objects(node, _TYPE):
            if t is cls or cls in self._with_superclasses(t):  # the set holds t itself
                return True
        return False

    def instances(self, cls: Node) -> list[Node]:
        """Nodes typed cls or a subclass of it (in the data graph)."""
        if self._instances is None:
            by_class: dict[Node, dict[Node, None]] = {}
            for o, preds in self.inv.items():
                subjects = preds.get(_TYPE)
                if subjects:
                    for c in self._with_superclasses(o):
                        bucket = by_class.setdefault(c, {})
                        for s in subjects:
                            bucket[s] = None
            self._instances = {c: list(b) for c, b in by_class.items()}
        return self._instances.get(cls, [])


# --------------------------------------------------------------------------- paths


@dataclass(frozen=True)
class _Path:
    predicate: URIRef
    inverse: bool

    def __post_init__(self) -> None:
        object.__setattr__(self, "key", str(self.predicate))

    def values(self, idx: Index, focus: Node) -> list[Node]:
        if self.inverse:
            return idx.subjects(self.key, focus)  # type: ignore[attr-defined]
        return idx.objects(focus, self.key)  # type: ignore[attr-defined]

    @property
    def result_path(self) -> ResultPath:
        return InvPath(self.predicate) if self.inverse else self.predicate


# --------------------------------------------------------------------------- constraints

#: A failure: the value node the result is about, or None when it is about the set.
Failure = Node | None


class Constraint:
    component: URIRef

    def failures(self, idx: Index, focus: Node, values: list[Node]) -> Sequence[Failure]:
        raise NotImplementedError


class _PerValue(Constraint):
    def ok(self, idx: Index, v: Node) -> bool:
        raise NotImplementedError

    def failures(self, idx: Index, focus: Node, values: list[Node]) -> Sequence[Failure]:
        ok = self.ok
        for v in values:
            if not ok(idx, v):
                return [v for v in values if not ok(idx, v)]
        return ()  # the usual answer, without building a list


class ClassC(_PerValue):
    component = SH.ClassConstraintComponent

    def __init__(self, cls: Node) -> None:
        self.cls = cls

    def ok(self, idx: Index, v: Node) -> bool:
        return not isinstance(v, Literal) and idx.is_instance(v, self.cls)


_PY_TYPES: dict[URIRef, type | tuple[type, ...]] = {
    XSD.string: (str, bytes),
    RDF.langString: (str, bytes),
    XSD.integer: int,
    XSD.float: float,
    XSD.decimal: Decimal,
    XSD.boolean: bool,
    XSD.date: date,
    XSD.time: time,
    XSD.dateTime: datetime,
}


class DatatypeC(_PerValue):
    """Same reading as pySHACL: right datatype IRI, well-formed lexical form."""

    component = SH.DatatypeConstraintComponent

    def __init__(self, datatype: URIRef) -> None:
        self.datatype = datatype
        self.pytype = _PY_TYPES.get(datatype)
        self.any_literal = datatype == RDFS.Literal
        self.any_typed = datatype == RDFS.Datatype
        self.is_string = datatype == XSD.string
        self.is_lang = datatype == RDF.langString
        self.is_date = datatype == XSD.date

    def ok(self, idx: Index, v: Node) -> bool:
        if not isinstance(v, Literal):
            return False
        dt = v.datatype
        # A Literal's datatype is a URIRef or None: comparing the characters is the
        # same test as URIRef ==, without rdflib's Python-level __eq__.
        if dt is not None and str.__eq__(dt, self.datatype):
            if getattr(v, "ill_typed", None) is True:
                return False
        elif self.any_literal or (self.any_typed and v.datatype is not None):
            return True
        elif not (
            (self.is_string and v.datatype is None and v.language is None) or (self.is_lang and v.language)
        ):
            return False
        if self.pytype is None:
            return True
        value = v.value
        if self.is_date:
            # A datetime is a date to Python, not to XSD.
            return isinstance(value, date) and not isinstance(value, datetime)
        return isinstance(value, self.pytype)


class NodeKindC(_PerValue):
    component = SH.NodeKindConstraintComponent
    _ALLOWED = {
        SH.IRI: (URIRef,),
        SH.BlankNode: (BNode,),
        SH.Literal: (Literal,),
        SH.BlankNodeOrIRI: (URIRef, BNode),
        SH.BlankNodeOrLiteral: (BNode, Literal),
        SH.IRIOrLiteral: (URIRef, Literal),
    }

    def __init__(self, kind: Node) -> None:
        if not isinstance(kind, URIRef) or kind not in self._ALLOWED:
            raise UnsupportedShapes(f"unknown sh:nodeKind {kind}")
        self.kinds = self._ALLOWED[kind]

    def ok(self, idx: Index, v: Node) -> bool:
        return isinstance(v, self.kinds)


class PatternC(_PerValue):
    component = SH.PatternConstraintComponent

    def __init__(self, pattern: str, flags: str) -> None:
        bits = 0
        for flag in flags:
            bits |= {"i": re.I, "m": re.M, "s": re.S, "x": re.X}.get(flag, 0)
        self.regex = re.compile(pattern, bits)

    def ok(self, idx: Index, v: Node) -> bool:
        return not isinstance(v, BNode) and self.regex.search(str(v)) is not None


class MinLengthC(_PerValue):
    component = SH.MinLengthConstraintComponent

    def __init__(self, n: int) -> None:
        self.n = n

    def ok(self, idx: Index, v: Node) -> bool:
        return not isinstance(v, BNode) and len(str(v)) >= self.n


class MaxLengthC(_PerValue):
    component = SH.MaxLengthConstraintComponent

    def __init__(self, n: int) -> None:
        self.n = n

    def ok(self, idx: Index, v: Node) -> bool:
        return not isinstance(v, BNode) and len(str(v)) <= self.n


class InC(_PerValue):
    component = SH.InConstraintComponent

    def __init__(self, members: list[Node]) -> None:
        self.members = set(members)

    def ok(self, idx: Index, v: Node) -> bool:
        return v in self.members


class OrC(_PerValue):
    component = SH.OrConstraintComponent

    def __init__(self, shapes: list[CompiledShape]) -> None:
        self.shapes = shapes

    def ok(self, idx: Index, v: Node) -> bool:
        return any(s.conforms(idx, v) for s in self.shapes)


class AndC(_PerValue):
    component = SH.AndConstraintComponent

    def __init__(self, shapes: list[CompiledShape]) -> None:
        self.shapes = shapes

    def ok(self, idx: Index, v: Node) -> bool:
        return all(s.conforms(idx, v) for s in self.shapes)


class NotC(_PerValue):
    component = SH.NotConstraintComponent

    def __init__(self, shape: CompiledShape) -> None:
        self.shape = shape

    def ok(self, idx: Index, v: Node) -> bool:
        return not self.shape.conforms(idx, v)


class NodeC(_PerValue):
    component = SH.NodeConstraintComponent

    def __init__(self, shape: CompiledShape) -> None:
        self.shape = shape

    def ok(self, idx: Index, v: Node) -> bool:
        return self.shape.conforms(idx, v)


class LowerBoundC(_PerValue):
    """sh:minInclusive / sh:minExclusive: the value must be comparable with the bound and
    not below it.

    As in SPARQL, a comparison that is an error fails: an IRI, a blank node, an ill-typed
    literal, a string against a number, a boolean against anything else.  pySHACL
    gives the same answers for these two components except on ill-typed literals
    ("-1"^^xsd:nonNegativeInteger), some of which it lets pass; the shapes
    pair every bound with an sh:datatype that rejects those anyway.  pySHACL's sh:max*
    components let incomparable values pass, so the compiler refuses them and leaves
    them to pySHACL.
    """

    def __init__(self, bound: Node, exclusive: bool) -> None:
        if not isinstance(bound, Literal) or bound.value is None:
            raise UnsupportedShapes(f"bound {bound!r}")
        self.bound = bound.value
        self.exclusive = exclusive
        self.component = (
            SH.MinExclusiveConstraintComponent if exclusive else SH.MinInclusiveConstraintComponent
        )

    def ok(self, idx: Index, v: Node) -> bool:
        if not isinstance(v, Literal) or getattr(v, "ill_typed", None) is True:
            return False
        value: Any = v.value
        bound: Any = self.bound
        if value is None or isinstance(value, str) != isinstance(bound, str):
            return False
        if isinstance(value, bool) != isinstance(bound, bool):
            return False
        try:
            return bool(value > bound) if self.exclusive else bool(value >= bound)
        except TypeError:
            return False


class MinCountC(Constraint):
    component = SH.MinCountConstraintComponent

    def __init__(self, n: int) -> None:
        self.n = n

    def failures(self, idx: Index, focus: Node, values: list[Node]) -> Sequence[Failure]:
        return [None] if len(values) < self.n else []


class MaxCountC(Constraint):
    component = SH.MaxCountConstraintComponent

    def __init__(self, n: int) -> None:
        self.n = n

    def failures(self, idx: Index, focus: Node, values: list[Node]) -> Sequence[Failure]:
        return [None] if len(values) > self.n else []


class HasValueC(Constraint):
    component = SH.HasValueConstraintComponent

    def __init__(self, value: Node) -> None:
        self.value = value

    def failures(self, idx: Index, focus: Node, values: list[Node]) -> Sequence[Failure]:
        return [None] if self.value not in values else []


class EqualsC(Constraint):
    component = SH.EqualsConstraintComponent

    def __init__(self, predicate: Node) -> None:
        self.predicate = str(predicate)  # an index key

    def failures(self, idx: Index, focus: Node, values: list[Node]) -> Sequence[Failure]:
        other = idx.objects(focus, self.predicate)
        return [v for v in values if v not in other] + [o for o in other if o not in values]


class DisjointC(Constraint):
    component = SH.DisjointConstraintComponent

    def __init__(self, predicate: Node) -> None:
        self.predicate = str(predicate)  # an index key

    def failures(self, idx: Index, focus: Node, values: list[Node]) -> Sequence[Failure]:
        other = idx.objects(focus, self.predicate)
        return [v for v in values if v in other]


class LessThanC(Constraint):
    component = SH.LessThanConstraintComponent

    def __init__(self, predicate: Node) -> None:
        self.predicate = str(predicate)  # an index key

    def failures(self, idx: Index, focus: Node, values: list[Node]) -> Sequence[Failure]:
        # One result per pair that is not in order, as pySHACL reports them.
        others = idx.objects(focus, self.predicate)
        return [v for v in values for o in others if not _less(v, o)]


def _is_string(node: Node) -> bool:
    return isinstance(node, URIRef) or (isinstance(node, Literal) and isinstance(node.value, str))


_XSD_INTEGER = str(XSD.integer)


def _integer(lit: Literal) -> bool:
    """Typed xsd:integer (the characters compared: rdflib's URIRef == runs in Python)."""
    dt = lit.datatype
    return dt is not None and str.__eq__(dt, _XSD_INTEGER) is True


def _less(a: Node, b: Node) -> bool:
    """SPARQL-style a < b: strings only against strings; incomparable pairs fail."""
    if isinstance(a, Literal) and isinstance(b, Literal) and _integer(a) and _integer(b):
        # Two well-typed xsd:integer literals (every mention's offsets): rdflib's
        # Literal < compares their values, and so does this, without its dispatch.
        va, vb = a.value, b.value
        if type(va) is int and type(vb) is int:
            return va < vb
    if isinstance(a, BNode) or isinstance(b, BNode) or _is_string(a) != _is_string(b):
        return False
    try:
        if _is_string(a):
            left = a.value if isinstance(a, Literal) else str(a)
            right = b.value if isinstance(b, Literal) else str(b)
            return bool(left < right)
        return bool(a < b)  # type: ignore[operator]
    except TypeError:
        return False


# --------------------------------------------------------------------------- shapes


@dataclass
class CompiledShape:
    node: Node
    path: _Path | None = None
    severity: Severity = Severity.VIOLATION
    message: str | None = None
    deactivated: bool = False
    targets: list[tuple[str, Node]] = field(default_factory=list)  #: ("class", ng:Event) ...
    constraints: list[Constraint] = field(default_factory=list)
    properties: list[CompiledShape] = field(default_factory=list)

    def focus_nodes(self, idx: Index) -> list[Node]:
        found: list[Node] = []
        seen: set[Node] = set()

        def add(nodes: Iterable[Node]) -> None:
            for n in nodes:
                if n not in seen:
                    seen.add(n)
                    found.append(n)

        for kind, arg in self.targets:
            if kind == "class":
                add(idx.instances(arg))
            elif kind == "node":
                add([arg])
            elif kind == "subjectsOf":
                add(s for s, preds in idx.out.items() if str(arg) in preds)
            elif kind == "objectsOf":
                add(o for o, preds in idx.inv.items() if str(arg) in preds)
        return found

    def evaluate(self, idx: Index, focus: Node) -> list[ValidationResult]:
        if self.deactivated:
            return []
        values = self.path.values(idx, focus) if self.path is not None else [focus]
        # Almost every node conforms, so the loops build nothing until a failure comes.
        results: list[ValidationResult] = []
        for c in self.constraints:
            failures = c.failures(idx, focus, values)
            if failures:
                results.extend(self._result(focus, failure, c) for failure in failures)
        for prop in self.properties:
            found = prop.evaluate(idx, focus)
            if found:
                results.extend(found)
        return results

    def conforms(self, idx: Index, focus: Node) -> bool:
        """Whether the node conforms (any severity counts), stopping at the first failure."""
        if self.deactivated:
            return True
        values = self.path.values(idx, focus) if self.path is not None else [focus]
        for c in self.constraints:
            if c.failures(idx, focus, values):
                return False
        return all(prop.conforms(idx, focus) for prop in self.properties)

    def _result(self, focus: Node, failure: Failure, c: Constraint) -> ValidationResult:
        if self.path is None and failure is None:
            failure = focus
        return ValidationResult(
            focus_node=focus,
            path=self.path.result_path if self.path is not None else None,
            value=failure,
            severity=self.severity,
            message=self.message or _default_message(c),
            source_shape=self.node,
            constraint=c.component,
        )


def _default_message(c: Constraint) -> str:
    name = str(c.component).rsplit("#", 1)[-1].removesuffix("ConstraintComponent")
    return f"{name} constraint not satisfied"


class CompiledShapes:
    """The shapes graph compiled once; ``validate`` runs it over one data graph."""

    def __init__(self, shapes_graph: Graph) -> None:
        self._g = shapes_graph
        self._compiled: dict[Node, CompiledShape] = {}
        roots: list[Node] = []
        for kind in _TARGETS:
            for s in shapes_graph.subjects(kind, None):
                if s not in roots:
                    roots.append(s)
        for cls in (RDFS.Class, URIRef("http://www.w3.org/2002/07/owl#Class")):
            for s in shapes_graph.subjects(RDF.type, cls):
                if (s, RDF.type, SH.NodeShape) in shapes_graph:
                    raise UnsupportedShapes(f"implicit class target on {s}")
        self.roots = [self._compile(s) for s in roots]

    def _compile(self, node: Node) -> CompiledShape:
        if node in self._compiled:
            return self._compiled[node]
        g = self._g
        shape = CompiledShape(node=node)
        self._compiled[node] = shape  # before recursing, so cycles terminate
        for p in set(g.predicates(node, None)):
            if p not in _KNOWN:
                raise UnsupportedShapes(f"{p} on shape {node}")
        path = g.value(node, SH.path)
        if path is not None:
            shape.path = self._path(path)
        severity = g.value(node, SH.severity)
        shape.severity = Severity.from_iri(severity) if severity is not None else Severity.VIOLATION
        messages = [m for m in g.objects(node, SH.message) if isinstance(m, Literal)]
        if messages:
            english = [m for m in messages if m.language in (None, "en")]
            shape.message = str((english or messages)[0])
        deactivated = g.value(node, SH.deactivated)
        shape.deactivated = isinstance(deactivated, Literal) and deactivated.toPython() is True
        for kind in _TARGETS:
            for arg in g.objects(node, kind):
                shape.targets.append((_TARGET_NAMES[kind], arg))
        shape.constraints = self._constraints(node)
        shape.properties = [self._compile(p) for p in g.objects(node, SH.property)]
        return shape

    def _path(self, path: Node) -> _Path:
        if isinstance(path, URIRef):
            return _Path(path, False)
        inverse = self._g.value(path, SH.inversePath)
        if isinstance(inverse, URIRef) and len(set(self._g.predicate_objects(path))) == 1:
            return _Path(inverse, True)
        raise UnsupportedShapes(f"property path {path!r}")

    def _list(self, head: Node) -> list[Node]:
        return list(Collection(self._g, head))

    def _int(self, node: Node) -> int:
        if isinstance(node, Literal) and isinstance(node.toPython(), int):
            return int(node.toPython())
        raise UnsupportedShapes(f"not an integer: {node!r}")

    def _constraints(self, node: Node) -> list[Constraint]:
        g = self._g
        out: list[Constraint] = []
        for o in g.objects(node, SH["class"]):
            out.append(ClassC(o))
        for o in g.objects(node, SH.datatype):
            if not isinstance(o, URIRef):
                raise UnsupportedShapes(f"sh:datatype {o!r}")
            out.append(DatatypeC(o))
        for o in g.objects(node, SH.nodeKind):
            out.append(NodeKindC(o))
        flags = g.value(node, SH.flags)
        for o in g.objects(node, SH.pattern):
            out.append(PatternC(str(o), str(flags or "")))
        for o in g.objects(node, SH.minLength):
            out.append(MinLengthC(self._int(o)))
        for o in g.objects(node, SH.maxLength):
            out.append(MaxLengthC(self._int(o)))
        for o in g.objects(node, SH.minInclusive):
            out.append(LowerBoundC(o, exclusive=False))
        for o in g.objects(node, SH.minExclusive):
            out.append(LowerBoundC(o, exclusive=True))
        for o in g.objects(node, SH.minCount):
            out.append(MinCountC(self._int(o)))
        for o in g.objects(node, SH.maxCount):
            out.append(MaxCountC(self._int(o)))
        for o in g.objects(node, SH["in"]):
            out.append(InC(self._list(o)))
        for o in g.objects(node, SH.hasValue):
            out.append(HasValueC(o))
        for o in g.objects(node, SH["or"]):
            out.append(OrC([self._compile(m) for m in self._list(o)]))
        for o in g.objects(node, SH["and"]):
            out.append(AndC([self._compile(m) for m in self._list(o)]))
        for o in g.objects(node, SH["not"]):
            out.append(NotC(self._compile(o)))
        for o in g.objects(node, SH.node):
            out.append(NodeC(self._compile(o)))
        for o in g.objects(node, SH.equals):
            out.append(EqualsC(o))
        for o in g.objects(node, SH.disjoint):
            out.append(DisjointC(o))
        for o in g.objects(node, SH.lessThan):
            out.append(LessThanC(o))
        for o in g.objects(node, SH.qualifiedValueShape):
            disjoint = g.value(node, SH.qualifiedValueShapesDisjoint)
            if isinstance(disjoint, Literal) and disjoint.toPython() is True:
                raise UnsupportedShapes("sh:qualifiedValueShapesDisjoint true")
            low = g.value(node, SH.qualifiedMinCount)
            high = g.value(node, SH.qualifiedMaxCount)
            shape = self._compile(o)
            if low is not None:
                out.append(_Qualified(shape, self._int(low), None, SH.QualifiedMinCountConstraintComponent))
            if high is not None:
                out.append(_Qualified(shape, None, self._int(high), SH.QualifiedMaxCountConstraintComponent))
        return out

    def validate(
        self, graphs: Iterable[Iterable[Triple]], graph_name: URIRef | None = None
    ) -> list[ValidationResult]:
        """Results for the union of ``graphs`` (rdflib Graphs or plain triple lists)."""
        idx = Index(graphs)
        results: list[ValidationResult] = []
        for shape in self.roots:
            if shape.deactivated:
                continue
            for focus in shape.focus_nodes(idx):
                results.extend(shape.evaluate(idx, focus))
        if graph_name is not None:
            results = [_in_graph(r, graph_name) for r in results]
        return results


class _Qualified(Constraint):
    def __init__(self, shape: CompiledShape, low: int | None, high: int | None, component: URIRef) -> None:
        self.shape = shape
        self.low = low
        self.high = high
        self.component = component

    def failures(self, idx: Index, focus: Node, values: list[Node]) -> Sequence[Failure]:
        n = sum(1 for v in values if self.shape.conforms(idx, v))
        too_few = self.low is not None and n < self.low
        too_many = self.high is not None and n > self.high
        return [None] if too_few or too_many else []


def _in_graph(r: ValidationResult, graph_name: URIRef) -> ValidationResult:
    return replace(r, graph=graph_name)


__all__ = ["CompiledShapes", "Index", "Triple", "UnsupportedShapes"]
