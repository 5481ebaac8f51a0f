"""Evaluating one SPARQL query against a pyoxigraph store: dataset, result limit, serialisation.

This module is what the query worker processes import, so it stays light: no
Flask, no rdflib, only pyoxigraph and newsgraph's errors (a worker started while
runaway queries hold the CPUs must be ready quickly).  ``execute(store, job)``
serialises results itself rather than through pyoxigraph because an answer must
stop at ``result_limit`` rows and *say* that it stopped (``QueryAnswer.truncated``);
pyoxigraph only serialises a whole result.  The deadlines around it live in
``newsgraph.server.querying`` and ``newsgraph.server.workers``.
"""

from __future__ import annotations

import io
import json
import multiprocessing.connection
import os
import signal
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any
from xml.sax.saxutils import escape, quoteattr

import pyoxigraph as ox

from . import errors
from .errors import BadQuery, NewsgraphError, StoreError

JSON_RESULTS = "application/sparql-results+json"
XML_RESULTS = "application/sparql-results+xml"
CSV_RESULTS = "text/csv"
TSV_RESULTS = "text/tab-separated-values"
TABULAR_TYPES = (JSON_RESULTS, XML_RESULTS, CSV_RESULTS, TSV_RESULTS)
BOOLEAN_TYPES = (JSON_RESULTS, XML_RESULTS)

_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"

#: Prefixes written into Turtle, TriG, N3 and RDF/XML answers so they read well.
PREFIXES = {
    "ng": "https://w3id.org/newsgraph/ontology#",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "schema": "https://schema.org/",
    "prov": "http://www.w3.org/ns/prov#",
}


@dataclass(frozen=True)
class QueryJob:
    """Everything a worker needs to evaluate one query; plain data, so it pickles."""

    sparql: str
    base_iri: str | None
    union_default: bool  #: no dataset given anywhere: the (materialised union) default graph
    default_graphs: tuple[str, ...] | None  #: protocol dataset (None: not given)
    named_graphs: tuple[str, ...] | None
    media_type: str  #: for SELECT/ASK a results type, for CONSTRUCT/DESCRIBE an RDF type
    graph_media_type: str  #: used when a query turns out to return triples
    limit: int


@dataclass(frozen=True)
class QueryAnswer:
    body: bytes
    media_type: str
    kind: str  #: "bindings", "boolean" or "graph"
    truncated: bool
    count: int  #: rows or triples in the answer (after truncation)


# -- evaluation ------------------------------------------------------------


def _dataset_options(job: QueryJob) -> dict[str, Any]:
    if job.default_graphs is not None or job.named_graphs is not None:
        # A protocol dataset replaces the query's own (SPARQL 1.1 Protocol 2.1.4).
        return {
            "default_graph": [ox.NamedNode(g) for g in job.default_graphs or ()],
            "named_graphs": [ox.NamedNode(g) for g in job.named_graphs or ()],
        }
    # Otherwise the store's real default graph, which newsgraph keeps as the set-union
    # of the article graphs (Oxigraph's own union flag would repeat shared triples).
    return {}


def execute(store: ox.Store, job: QueryJob) -> QueryAnswer:
    """Run the query and serialise at most ``job.limit`` rows or triples."""
    try:
        result = store.query(job.sparql, base_iri=job.base_iri, **_dataset_options(job))
        if isinstance(result, ox.QueryBoolean):
            return _boolean(bool(result), job.media_type)
        if isinstance(result, ox.QuerySolutions):
            variables = [v.value for v in result.variables]
            rows, truncated = _take(result, job.limit)
            return _bindings(variables, rows, truncated, job.media_type)
        triples, truncated = _take(result, job.limit)
        return _graph(triples, truncated, job.graph_media_type)
    except SyntaxError as exc:
        raise BadQuery(f"the query does not parse: {short_syntax_error(exc)}") from None
    except ValueError as exc:
        raise BadQuery(f"the query cannot be evaluated: {exc}") from None
    except OSError as exc:
        raise StoreError(f"the store failed while answering the query: {exc}") from None


def short_syntax_error(exc: BaseException) -> str:
    """Oxigraph lists every expected token; a person needs the position and the gist."""
    text = str(exc)
    first = text.split("\n", 1)[0]
    if len(first) > 300:
        first = first[:300] + "..."
    return first


def _take(items: Iterable[Any], limit: int) -> tuple[list[Any], bool]:
    out: list[Any] = []
    for item in items:
        if len(out) == limit:
            return out, True
        out.append(item)
    return out, False


# -- SPARQL results serialisation ---------------------------------------------


def _boolean(value: bool, media_type: str) -> QueryAnswer:
    if media_type == XML_RESULTS:
        body = (
            '<?xml version="1.0" encoding="utf-8"?>\n'
            '<sparql xmlns="http://www.w3.org/2005/sparql-results#"><head/>'
            f"<boolean>{'true' if value else 'false'}</boolean></sparql>\n"
        )
    elif media_type == JSON_RESULTS:
        body = json.dumps({"head": {}, "boolean": value})
    else:
        raise errors.NotAcceptable(
            f"an ASK answer is available as {', '.join(BOOLEAN_TYPES)}",
            alternatives=list(BOOLEAN_TYPES),
        )
    return QueryAnswer(body.encode("utf-8"), media_type, "boolean", False, 1)


def _bindings(variables: list[str], rows: list[Any], truncated: bool, media_type: str) -> QueryAnswer:
    writer = {
        JSON_RESULTS: _json_rows,
        XML_RESULTS: _xml_rows,
        CSV_RESULTS: _csv_rows,
        TSV_RESULTS: _tsv_rows,
    }.get(media_type)
    if writer is None:
        raise errors.NotAcceptable(
            f"SELECT results are available as {', '.join(TABULAR_TYPES)}", alternatives=list(TABULAR_TYPES)
        )
    buf = io.StringIO()
    writer(buf, variables, rows)
    return QueryAnswer(buf.getvalue().encode("utf-8"), media_type, "bindings", truncated, len(rows))


def _json_term(term: Any) -> dict[str, Any]:
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Literal):
        out: dict[str, Any] = {"type": "literal", "value": term.value}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype.value != _XSD_STRING:
            out["datatype"] = term.datatype.value
        return out
    if isinstance(term, ox.Triple):
        return {
            "type": "triple",
            "value": {
                "subject": _json_term(term.subject),
                "predicate": _json_term(term.predicate),
                "object": _json_term(term.object),
            },
        }
    raise StoreError(f"cannot serialise the term {term!r}")


def _json_rows(out: io.StringIO, variables: list[str], rows: list[Any]) -> None:
    out.write('{"head":{"vars":' + json.dumps(variables) + '},"results":{"bindings":[')
    for n, row in enumerate(rows):
        binding = {v: _json_term(row[v]) for v in variables if row[v] is not None}
        out.write(("," if n else "") + json.dumps(binding, ensure_ascii=False))
    out.write("]}}\n")


def _xml_text(text: str) -> str:
    # XML 1.0 cannot carry most C0 controls at all, not even as references.
    cleaned = "".join(c if c in "\t\n\r" or ord(c) >= 0x20 else "\ufffd" for c in text)
    return escape(cleaned)


def _xml_term(term: Any) -> str:
    if isinstance(term, ox.NamedNode):
        return f"<uri>{_xml_text(term.value)}</uri>"
    if isinstance(term, ox.BlankNode):
        return f"<bnode>{_xml_text(term.value)}</bnode>"
    if isinstance(term, ox.Literal):
        if term.language:
            return f"<literal xml:lang={quoteattr(term.language)}>{_xml_text(term.value)}</literal>"
        if term.datatype.value != _XSD_STRING:
            return f"<literal datatype={quoteattr(term.datatype.value)}>{_xml_text(term.value)}</literal>"
        return f"<literal>{_xml_text(term.value)}</literal>"
    if isinstance(term, ox.Triple):
        return (
            f"<triple><subject>{_xml_term(term.subject)}</subject>"
            f"<predicate>{_xml_term(term.predicate)}</predicate>"
            f"<object>{_xml_term(term.object)}</object></triple>"
        )
    raise StoreError(f"cannot serialise the term {term!r}")


def _xml_rows(out: io.StringIO, variables: list[str], rows: list[Any]) -> None:
    out.write('<?xml version="1.0" encoding="utf-8"?>\n')
    out.write('<sparql xmlns="http://www.w3.org/2005/sparql-results#"><head>')
    for v in variables:
        out.write(f"<variable name={quoteattr(v)}/>")
    out.write("</head><results>\n")
    for row in rows:
        out.write("<result>")
        for v in variables:
            term = row[v]
            if term is not None:
                out.write(f"<binding name={quoteattr(v)}>{_xml_term(term)}</binding>")
        out.write("</result>\n")
    out.write("</results></sparql>\n")


def _csv_field(term: Any) -> str:
    if term is None:
        return ""
    if isinstance(term, ox.NamedNode | ox.Literal):
        text = term.value
    elif isinstance(term, ox.BlankNode):
        text = "_:" + term.value
    else:
        text = str(term)
    if any(c in text for c in ',"\r\n'):
        return '"' + text.replace('"', '""') + '"'
    return text


def _csv_rows(out: io.StringIO, variables: list[str], rows: list[Any]) -> None:
    out.write(",".join(_csv_field(ox.Literal(v)) for v in variables) + "\r\n")
    for row in rows:
        out.write(",".join(_csv_field(row[v]) for v in variables) + "\r\n")


def _tsv_rows(out: io.StringIO, variables: list[str], rows: list[Any]) -> None:
    out.write("\t".join("?" + v for v in variables) + "\n")
    for row in rows:
        # pyoxigraph prints terms in N-Triples syntax, which escapes tabs and newlines.
        out.write("\t".join("" if row[v] is None else str(row[v]) for v in variables) + "\n")


# -- graph results ----------------------------------------------------------------


def _graph(triples: list[Any], truncated: bool, media_type: str) -> QueryAnswer:
    fmt = ox.RdfFormat.from_media_type(media_type)
    if fmt is None:
        raise errors.NotAcceptable(f"cannot write a graph as {media_type}")
    items: list[Any] = triples
    if fmt.supports_datasets:
        items = [ox.Quad(t.subject, t.predicate, t.object, ox.DefaultGraph()) for t in triples]
    prefixes = PREFIXES if fmt in (ox.RdfFormat.TURTLE, ox.RdfFormat.TRIG, ox.RdfFormat.N3,
                                   ox.RdfFormat.RDF_XML) else None
    body = ox.serialize(items, None, fmt, prefixes=prefixes)
    return QueryAnswer(body or b"", media_type, "graph", truncated, len(triples))


def graph_rows(answer_body: bytes, media_type: str) -> Iterator[tuple[Any, Any, Any]]:
    """Triples of a serialised graph answer, for the HTML table."""
    fmt = ox.RdfFormat.from_media_type(media_type)
    for q in ox.parse(answer_body, fmt):
        yield q.subject, q.predicate, q.object


def rebuild_error(name: str, message: str) -> NewsgraphError:
    """An error sent back by a worker process, as the exception class it named."""
    cls = getattr(errors, name, None)
    if isinstance(cls, type) and issubclass(cls, NewsgraphError):
        return cls(message)
    return StoreError(message)


# -- the worker process ------------------------------------------------------------------


def _worker_main(conn: multiprocessing.connection.Connection) -> None:
    """Loop of one worker: (snapshot path, job) in, ("ok", answer) or ("error", ...) out."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent decides when we stop
    try:
        os.nice(5)  # the web process (dereferencing, pages) keeps priority over query evaluation
    except OSError:
        pass
    store: Any = None
    opened: str | None = None
    while True:
        try:
            snapshot, job = conn.recv()
        except (EOFError, OSError):
            return  # the server went away
        try:
            if snapshot != opened:
                store = None
                store = ox.Store.read_only(snapshot)
                opened = snapshot
            answer = execute(store, job)
            reply: tuple[Any, ...] = ("ok", answer)
        except NewsgraphError as exc:
            reply = ("error", type(exc).__name__, exc.message)
        except OSError as exc:
            reply = ("error", "StoreError", f"cannot read the store snapshot: {exc}")
        except Exception as exc:  # noqa: BLE001 - reported to the parent, never lost
            reply = ("error", "StoreError", f"the query failed: {type(exc).__name__}: {exc}")
        try:
            conn.send(reply)
        except (OSError, ValueError):
            return


def child_main(fd: int) -> None:
    """Entry point of a worker process: ``python -c "...; child_main(FD)"`` with a socket FD."""
    _worker_main(multiprocessing.connection.Connection(fd))


__all__ = [
    "BOOLEAN_TYPES",
    "CSV_RESULTS",
    "JSON_RESULTS",
    "TABULAR_TYPES",
    "TSV_RESULTS",
    "XML_RESULTS",
    "QueryAnswer",
    "QueryJob",
    "child_main",
    "execute",
    "graph_rows",
    "rebuild_error",
    "short_syntax_error",
]
