"""The default store: pyoxigraph, on disk in a directory or in memory."""

from __future__ import annotations

import io
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Node

from ..errors import BadQuery, StoreError, StoreLocked

_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
_RESULT_FORMATS = {
    "application/sparql-results+json": ox.QueryResultsFormat.JSON,
    "application/sparql-results+xml": ox.QueryResultsFormat.XML,
    "text/csv": ox.QueryResultsFormat.CSV,
    "text/tab-separated-values": ox.QueryResultsFormat.TSV,
}


def to_rdflib(term: object) -> Node:
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        if term.datatype.value == _XSD_STRING:
            return Literal(term.value)
        return Literal(term.value, datatype=URIRef(term.datatype.value))
    raise TypeError(f"unsupported term {term!r}")


def graph_to_ntriples(graph: Graph) -> bytes:
    data = graph.serialize(format="nt", encoding="utf-8")
    return data if isinstance(data, bytes) else data.encode("utf-8")


class EmbeddedStore:
    """A pyoxigraph Store; ``path=None`` keeps everything in memory."""

    def __init__(self, path: str | Path | None = None, *, read_only: bool = False) -> None:
        self.path = Path(path) if path is not None else None
        try:
            if self.path is None:
                self._store = ox.Store()
            elif read_only:
                self._store = ox.Store.read_only(str(self.path))
            else:
                self.path.mkdir(parents=True, exist_ok=True)
                self._store = ox.Store(str(self.path))
        except OSError as exc:
            text = str(exc)
            if "lock" in text.lower():
                raise StoreLocked(
                    f"the store in {self.path} is in use by another process ({text})"
                ) from None
            raise StoreError(f"cannot open the store in {self.path}: {text}") from None

    # -- writing ----------------------------------------------------------
    def put_graph(self, graph_iri: str, graph: Graph) -> None:
        self.put_graphs([(graph_iri, graph)])

    def put_graphs(self, items: Iterable[tuple[str, Graph]]) -> None:
        for graph_iri, graph in items:
            # One update request is one transaction in Oxigraph: the old graph is
            # dropped and the new one inserted together, or neither happens.
            body = graph_to_ntriples(graph).decode("utf-8")
            try:
                self._store.update(
                    f"DROP SILENT GRAPH <{graph_iri}> ; INSERT DATA {{ GRAPH <{graph_iri}> {{ {body} }} }}"
                )
            except (OSError, SyntaxError) as exc:
                raise StoreError(f"cannot write graph {graph_iri}: {exc}") from None

    def remove_graph(self, graph_iri: str) -> bool:
        node = ox.NamedNode(graph_iri)
        if not self._store.contains_named_graph(node):
            return False
        self._store.remove_graph(node)
        return True

    def update(self, sparql: str) -> None:
        try:
            self._store.update(sparql)
        except SyntaxError as exc:
            raise BadQuery(f"the update does not parse: {exc}") from None
        except OSError as exc:
            raise StoreError(str(exc)) from None

    # -- reading ----------------------------------------------------------
    def has_graph(self, graph_iri: str) -> bool:
        return bool(self._store.contains_named_graph(ox.NamedNode(graph_iri)))

    def graph_names(self) -> Iterator[str]:
        for g in self._store.named_graphs():
            if isinstance(g, ox.NamedNode):
                yield g.value

    def get_graph(self, graph_iri: str) -> Graph:
        g = Graph(identifier=URIRef(graph_iri))
        for q in self._store.quads_for_pattern(None, None, None, ox.NamedNode(graph_iri)):
            g.add((to_rdflib(q.subject), to_rdflib(q.predicate), to_rdflib(q.object)))
        return g

    def _run(self, sparql: str, **kw: object) -> object:
        try:
            return self._store.query(sparql, **kw)  # type: ignore[arg-type]
        except SyntaxError as exc:
            raise BadQuery(f"the query does not parse: {exc}") from None
        except OSError as exc:
            raise StoreError(str(exc)) from None

    def query(
        self,
        sparql: str,
        result_media_type: str,
        *,
        default_graph_uris: list[str] | None = None,
        named_graph_uris: list[str] | None = None,
    ) -> bytes:
        kw: dict[str, object] = {}
        if default_graph_uris:
            kw["default_graph"] = [ox.NamedNode(u) for u in default_graph_uris]
        else:
            kw["use_default_graph_as_union"] = True
        if named_graph_uris:
            kw["named_graphs"] = [ox.NamedNode(u) for u in named_graph_uris]
        result = self._run(sparql, **kw)
        buf = io.BytesIO()
        if isinstance(result, ox.QueryTriples):
            fmt = ox.RdfFormat.from_media_type(result_media_type)
            if fmt is None:
                raise BadQuery(f"cannot serialise graph results as {result_media_type}")
            result.serialize(buf, fmt)  # type: ignore[arg-type]
        else:
            rfmt = _RESULT_FORMATS.get(result_media_type)
            if rfmt is None:
                raise BadQuery(f"cannot serialise query results as {result_media_type}")
            result.serialize(buf, rfmt)  # type: ignore[union-attr]
        return buf.getvalue()

    def select(self, sparql: str) -> list[dict[str, object]]:
        result = self._run(sparql, use_default_graph_as_union=True)
        if not isinstance(result, ox.QuerySolutions):
            raise BadQuery("not a SELECT query")
        names = [v.value for v in result.variables]
        rows = []
        for sol in result:
            row: dict[str, object] = {}
            for n in names:
                t = sol[n]
                if t is not None:
                    row[n] = to_rdflib(t)
            rows.append(row)
        return rows

    def construct(self, sparql: str) -> Graph:
        result = self._run(sparql, use_default_graph_as_union=True)
        if not isinstance(result, ox.QueryTriples):
            raise BadQuery("not a CONSTRUCT or DESCRIBE query")
        g = Graph()
        for t in result:
            g.add((to_rdflib(t.subject), to_rdflib(t.predicate), to_rdflib(t.object)))
        return g

    def ask(self, sparql: str) -> bool:
        result = self._run(sparql, use_default_graph_as_union=True)
        return bool(result)

    def count(self) -> int:
        return len(self._store)

    def dump(self, out: BinaryIO, media_type: str) -> None:
        fmt = ox.RdfFormat.from_media_type(media_type)
        if fmt is None:
            raise BadQuery(f"cannot dump as {media_type}")
        if fmt.supports_datasets:
            self._store.dump(out, fmt)
        else:
            self._store.dump(out, fmt, from_graph=ox.DefaultGraph())

    def close(self) -> None:
        try:
            self._store.flush()
        except OSError:
            pass
