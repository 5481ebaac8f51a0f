"""Everything that changes data: the article API, the Graph Store Protocol, SPARQL Update.

* ``POST /api/articles`` takes one article (text, HTML or JSON), converts it,
  validates the graph against the shapes and stores it as the article's named
  graph: 201 with ``Location`` = the article URI, or 422 with the SHACL report.
  ``DELETE /api/articles/<key>`` (or ``?uri=``) removes it.
* ``/store`` is the SPARQL 1.1 Graph Store Protocol: ``?graph=IRI`` or
  ``?default`` (indirect identification), ``/store/<path>`` (direct: the graph
  IRI is the request URL), GET/HEAD/PUT/POST/DELETE, and POST without a graph
  creates a new one (201, ``Location``).  Writing a named graph also keeps the
  default graph the set-union of the named graphs; ``?default`` addresses that real
  default graph as it is.
* ``/update`` runs SPARQL 1.1 Update (form ``update=`` or direct
  ``application/sparql-update``), with ``using-graph-uri`` / ``using-named-graph-uri``.
  It is low-level: it changes the dataset exactly as written and does not maintain
  the default graph (``newsgraph reindex`` re-derives it; see docs/sparql.md).

Every one of them needs ``Authorization: Bearer <write_token>``; with no token
configured they do not exist (404).  Requests are checked completely (token,
media type, syntax, shapes) before anything is written, and each write is one
store transaction, so a refused or failed request leaves the store as it was.
"""

from __future__ import annotations

import json
import re
import uuid
from collections.abc import Iterable
from typing import Any

import pyoxigraph as ox
from flask import Blueprint, Response, request
from rdflib import Graph, URIRef
from werkzeug.exceptions import MethodNotAllowed

from .. import formats, iris
from ..config import Settings
from ..errors import (
    BadQuery,
    ConversionError,
    Forbidden,
    InputError,
    NewsgraphError,
    PayloadTooLarge,
    RDFSyntaxError,
    ResourceNotFound,
    StoreError,
    UnsupportedFormat,
    ValidationFailed,
)
from ..store import Store, summaries
from ..store.common import remove_graph_update, replace_graph_update
from . import security, state
from .sparql import check_remote_calls, read_request
from .sparqltext import analyse, with_using

bp = Blueprint("write", __name__)

_IRI_FORBIDDEN = re.compile(r'[\x00-\x20<>"{}|^`\\]')
_ARTICLE_TYPES = {"text/plain": "text", "text/html": "html", "application/xhtml+xml": "html",
                  "application/json": "json"}


def _settings() -> Settings:
    return state().settings


def _guard() -> Settings:
    settings = _settings()
    security.require_writer(settings)
    return settings


def check_graph_iri(value: str, what: str = "graph") -> str:
    value = value.strip()
    scheme = value.split(":", 1)[0] if ":" in value else ""
    good_scheme = re.fullmatch(r"[A-Za-z][A-Za-z0-9+.-]*", scheme or "-")
    if not value or not good_scheme or _IRI_FORBIDDEN.search(value):
        raise InputError(f"the {what} must be an absolute IRI, not {value!r}")
    return value


# -- the article API -------------------------------------------------------------------


def _convert(body: bytes, input_format: str, settings: Settings, url: str | None) -> Any:
    """Article bytes -> Conversion, through the one converter the CLI also uses."""
    from ..converters import convert

    kwargs: dict[str, Any] = {"base": settings.base, "input_format": input_format, "name": "the request body",
                              "url": url}
    limit = getattr(settings, "max_article_bytes", None)
    if limit:
        kwargs["max_article_bytes"] = limit
    return convert(body, **kwargs)


def shacl_report_json(report: Any) -> dict[str, Any]:
    """A SHACL validation report as JSON: whatever form ``newsgraph.shapes`` returns it in."""
    for attr in ("to_dict", "as_dict", "to_json"):
        fn = getattr(report, attr, None)
        if callable(fn):
            out = fn()
            return json.loads(out) if isinstance(out, str) else dict(out)
    graph = getattr(report, "graph", None) or getattr(report, "results_graph", None)
    if graph is None and isinstance(report, tuple) and len(report) >= 2:
        graph = report[1]
    if graph is None and isinstance(report, Graph):
        graph = report
    results: list[dict[str, Any]] = []
    if isinstance(graph, Graph):
        sh = "http://www.w3.org/ns/shacl#"
        for res in graph.subjects(URIRef(sh + "resultSeverity"), None):
            item: dict[str, Any] = {}
            for key in ("focusNode", "resultPath", "resultMessage", "resultSeverity", "sourceShape", "value"):
                val = graph.value(res, URIRef(sh + key))
                if val is not None:
                    item[key] = str(val)
            results.append(item)
    conforms = getattr(report, "conforms", None)
    if conforms is None and isinstance(report, tuple):
        conforms = bool(report[0])
    return {"conforms": bool(conforms), "results": results}


def _validate(graph: Graph) -> tuple[bool, Any]:
    """(conforms, report) from ``newsgraph.shapes.validate``."""
    try:
        from ..shapes import validate  # type: ignore[attr-defined]
    except ImportError as exc:
        raise StoreError(f"the shapes cannot be loaded, so nothing is accepted: {exc}") from None
    report = validate(graph)
    conforms = getattr(report, "conforms", None)
    if conforms is None and isinstance(report, tuple):
        conforms = report[0]
    return bool(conforms), report


@bp.route("/api/articles", methods=["POST"])
def post_article() -> Response:
    settings = _guard()
    mimetype = request.mimetype
    if mimetype not in _ARTICLE_TYPES:
        raise UnsupportedFormat(
            f"send the article as {', '.join(_ARTICLE_TYPES)} (got {mimetype or 'no Content-Type'})"
        )
    body = request.get_data(cache=False)
    if not body.strip():
        raise ConversionError("the request body is empty: send one article")
    url = request.args.get("url") or None
    conversion = _convert(body, _ARTICLE_TYPES[mimetype], settings, url)
    conforms, report = _validate(conversion.graph)
    if not conforms:
        detail = shacl_report_json(report)
        raise ValidationFailed(
            f"the article's graph does not conform to the shapes ({len(detail['results'])} problems); "
            "nothing was stored",
            report=report,
            shacl=detail,
        )
    iri = str(conversion.article_iri)
    store = state().store
    existed = store.has_graph(iri)
    store.put_graph(iri, conversion.graph)
    payload = {"article": iri, "triples": len(conversion.graph), "replaced": existed}
    resp = Response(json.dumps(payload), status=200 if existed else 201, mimetype="application/json")
    resp.headers["Location"] = iri
    return resp


def _article_iri(settings: Settings, key: str | None) -> str:
    if key is not None:
        if not iris.valid_key("article", key):
            raise ResourceNotFound(f"no article has the key {key!r}")
        return iris.article(settings.base, key)
    uri = request.args.get("uri", "").strip()
    if not uri:
        raise InputError("name the article: DELETE /api/articles/<key> or /api/articles?uri=<article URI>")
    parsed = iris.parse(settings.base, uri)
    if parsed is None or parsed.kind != "article":
        raise ResourceNotFound(f"{uri} is not an article URI of this server")
    return uri


@bp.route("/api/articles", methods=["DELETE"], defaults={"key": None})
@bp.route("/api/articles/<key>", methods=["DELETE"])
def delete_article(key: str | None) -> Response:
    settings = _guard()
    iri = _article_iri(settings, key)
    if not state().store.remove_graph(iri):
        raise ResourceNotFound(f"no article {iri} is stored")
    return Response(status=204)


# -- Graph Store Protocol ---------------------------------------------------------------


class GraphAccess:
    """Graph-level reads and writes over any Store, the default graph included.

    The Store interface speaks of named graphs; the protocol also addresses the
    default graph, reached here through SPARQL Update and, for the embedded
    store, pyoxigraph itself.
    """

    def __init__(self, store: Store) -> None:
        self.store = store
        try:
            self.ox: Any = getattr(store, "oxigraph", None)
        except NewsgraphError:
            self.ox = None

    def exists(self, name: str | None) -> bool:
        return True if name is None else bool(self.store.has_graph(name))

    def triples(self, name: str | None) -> list[ox.Triple]:
        if self.ox is not None:
            graph = ox.DefaultGraph() if name is None else ox.NamedNode(name)
            try:
                return [q.triple for q in self.ox.quads_for_pattern(None, None, None, graph)]
            except OSError as exc:
                raise StoreError(f"cannot read the store: {exc}") from None
        if name is None:
            # union=False is a RemoteStore extra, not part of the Store protocol.
            construct = getattr(self.store, "construct")  # noqa: B009
            try:
                g = construct("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", union=False)
            except TypeError:
                raise StoreError("this store cannot read its default graph on its own") from None
        else:
            g = self.store.get_graph(name)
        data = g.serialize(format="nt", encoding="utf-8")
        return [q.triple for q in ox.parse(data, ox.RdfFormat.N_TRIPLES)]

    @staticmethod
    def _block(name: str | None, ntriples: str) -> str:
        return ntriples if name is None else f"GRAPH <{name}> {{\n{ntriples}\n}}"

    # A named graph changes together with its share of the default graph (the set-union
    # of the named graphs, see store.base), in one update; ``?default`` is the raw graph.
    # Named-graph writes keep the summary index (store.summaries) in step; a write to the
    # raw default graph makes it disagree with the data, so it is marked stale.
    def replace(self, name: str | None, ntriples: str) -> None:
        if name is None:
            self.store.update(f"DROP SILENT DEFAULT ;\nINSERT DATA {{ {ntriples} }}")
            summaries.mark_stale(self.store)
        else:
            with summaries.maintained(self.store, [name], summaries.from_ntriples([(name, ntriples)])):
                self.store.update(replace_graph_update(name, ntriples))

    def add(self, name: str | None, ntriples: str) -> None:
        if name is None:
            self.store.update(f"INSERT DATA {{ {ntriples} }}")
            summaries.mark_stale(self.store)
        else:
            with summaries.maintained(self.store, [name]):
                self.store.update(
                    f"CREATE SILENT GRAPH <{name}> ;\n"
                    f"INSERT DATA {{ {self._block(name, ntriples)}\n{ntriples} }}"
                )

    def drop(self, name: str | None) -> None:
        if name is None:
            self.store.update("CLEAR SILENT DEFAULT")
            summaries.mark_stale(self.store)
        else:
            with summaries.maintained(self.store, [name], {}):
                self.store.update(remove_graph_update(name))


def _rdf_format(media_type: str) -> ox.RdfFormat:
    try:
        fmt = formats.by_media_type(media_type)
    except UnsupportedFormat:
        raise UnsupportedFormat(
            f"cannot read {media_type or 'a body without Content-Type'} as RDF; send one of "
            + ", ".join(f.media_type for f in formats.RDF_FORMATS)
        ) from None
    ox_fmt = ox.RdfFormat.from_media_type(fmt.media_type)
    if ox_fmt is None:
        raise UnsupportedFormat(f"cannot read {media_type}")
    return ox_fmt


def parse_rdf_body(data: bytes, media_type: str, base_iri: str) -> list[ox.Triple]:
    """The triples of an RDF request body; a quad format may only use its default graph."""
    fmt = _rdf_format(media_type)
    try:
        quads = list(ox.parse(data, fmt, base_iri=base_iri))
    except SyntaxError as exc:
        first = (str(exc).splitlines() or [""])[0][:300]
        raise RDFSyntaxError(f"the {fmt.name} body does not parse: {first}") from None
    except (ValueError, UnicodeDecodeError) as exc:
        raise RDFSyntaxError(f"the {fmt.name} body cannot be read: {exc}") from None
    if any(not isinstance(q.graph_name, ox.DefaultGraph) for q in quads):
        raise InputError(
            "the body names graphs of its own; the Graph Store Protocol takes one graph per request"
        )
    return [q.triple for q in quads]


def _ntriples(triples: Iterable[ox.Triple]) -> str:
    data = ox.serialize(list(triples), None, ox.RdfFormat.N_TRIPLES)
    return (data or b"").decode("utf-8")


def _request_triples(base_iri: str) -> list[ox.Triple]:
    if request.mimetype == "multipart/form-data":
        triples: list[ox.Triple] = []
        if not request.files:
            raise InputError("the multipart body holds no RDF files")
        for part in request.files.values():
            media_type = part.mimetype or ""
            if not media_type or media_type == "application/octet-stream":
                media_type = formats.by_extension(part.filename or "").media_type
            triples.extend(parse_rdf_body(part.read(), media_type, base_iri))
        return triples
    return parse_rdf_body(request.get_data(cache=False), request.mimetype, base_iri)


def _target(direct_path: str | None) -> tuple[str | None, bool]:
    """(graph IRI or None for the default graph, whether a graph was named at all)."""
    if direct_path is not None:
        if "graph" in request.args or "default" in request.args:
            raise InputError("a graph addressed by its own URL takes no ?graph= or ?default")
        return check_graph_iri(request.base_url), True
    graph = request.args.getlist("graph")
    default = "default" in request.args
    if graph and default:
        raise InputError("use either ?graph=IRI or ?default, not both")
    if len(graph) > 1:
        raise InputError("name one graph per request")
    if graph:
        return check_graph_iri(graph[0]), True
    return None, default


def _graph_response(access: GraphAccess, name: str | None) -> Response:
    offered = [f.media_type for f in formats.DOCUMENT_FORMATS]
    chosen = formats.negotiate(request.headers.get("Accept"), offered)
    fmt = ox.RdfFormat.from_media_type(chosen)
    assert fmt is not None
    triples = access.triples(name)
    items: list[Any] = triples
    if fmt.supports_datasets:
        g: Any = ox.DefaultGraph() if name is None else ox.NamedNode(name)
        items = [ox.Quad(t.subject, t.predicate, t.object, g) for t in triples]
    body = ox.serialize(items, None, fmt) or b""
    resp = Response(body, content_type=f"{chosen}; charset=utf-8")
    resp.vary.add("Accept")
    return resp


def _dataset_response(store: Store) -> Response:
    offered = [formats.NQUADS.media_type, formats.TRIG.media_type]
    chosen = formats.negotiate(request.headers.get("Accept"), offered)
    import io

    buf = io.BytesIO()
    store.dump(buf, chosen)
    resp = Response(buf.getvalue(), content_type=f"{chosen}; charset=utf-8")
    resp.vary.add("Accept")
    return resp


_GSP_METHODS = ["GET", "HEAD", "PUT", "POST", "DELETE"]


@bp.route("/store", methods=_GSP_METHODS, defaults={"direct": None})
@bp.route("/store/<path:direct>", methods=_GSP_METHODS)
def graph_store(direct: str | None) -> Response:
    _guard()
    store = state().store
    access = GraphAccess(store)
    name, named = _target(direct)
    method = request.method
    if name == summaries.INDEX_GRAPH and method not in ("GET", "HEAD"):
        raise Forbidden(f"<{name}> is the server's own index; it changes with the article graphs")
    if method in ("GET", "HEAD"):
        if not named:
            return _dataset_response(store)
        if not access.exists(name):
            raise ResourceNotFound(f"no graph <{name}> in the store")
        return _graph_response(access, name)
    if method == "DELETE":
        if not named:
            raise InputError("DELETE needs ?graph=IRI or ?default")
        if not access.exists(name):
            raise ResourceNotFound(f"no graph <{name}> in the store")
        access.drop(name)
        return Response(status=204)
    if method == "PUT":
        if not named:
            raise InputError("PUT needs ?graph=IRI or ?default")
        existed = access.exists(name)
        access.replace(name, _ntriples(_request_triples(name or request.base_url)))
        return Response(status=204 if existed else 201)
    # POST: merge into the graph, or create a new graph when none is named.
    created = False
    if not named:
        name = request.url_root.rstrip("/") + "/store/" + uuid.uuid4().hex
        created = True
    else:
        created = not access.exists(name)
    triples = _request_triples(name or request.base_url)
    access.add(name, _ntriples(triples))
    if created:
        resp = Response(status=201)
        resp.headers["Location"] = name or ""
        return resp
    return Response(status=204)


# -- SPARQL Update ------------------------------------------------------------------------

_POSITION = re.compile(r"error at (\d+):(\d+)")


def _shift_lines(message: str, lines: int) -> str:
    """Line numbers of an update we prefixed with BASE, as the client wrote them."""
    return _POSITION.sub(lambda m: f"error at {max(int(m.group(1)) - lines, 1)}:{m.group(2)}", message)


@bp.route("/update", methods=["GET", "POST"])
def update() -> Response:
    settings = _guard()
    if request.method != "POST":
        raise MethodNotAllowed(valid_methods=["POST"], description="SPARQL updates are sent by POST")
    text, params = read_request("update")
    if "query" in params:
        raise BadQuery("this endpoint runs updates; send queries to /sparql")
    if text is None:
        raise BadQuery("the request has no 'update' parameter")
    if len(text.encode("utf-8")) > settings.max_query_bytes:
        raise PayloadTooLarge(
            f"the update is {len(text.encode('utf-8'))} bytes; this server accepts at most "
            f"{settings.max_query_bytes} (load big data through /store or /api/articles)"
        )
    analysis = analyse(text)
    check_remote_calls(analysis, settings)
    using = [check_graph_iri(g, "using-graph-uri") for g in params.get("using-graph-uri", [])]
    using_named = [
        check_graph_iri(g, "using-named-graph-uri") for g in params.get("using-named-graph-uri", [])
    ]
    if (using or using_named) and analysis.has_using:
        raise BadQuery(
            "the update names its dataset itself (USING or WITH) and the request does too "
            "(using-graph-uri / using-named-graph-uri); the protocol forbids both"
        )
    body = f"BASE <{request.base_url}>\n" + with_using(text, using, using_named)
    try:
        state().store.update(body)
    except BadQuery as exc:
        raise BadQuery(_shift_lines(exc.message, 1)) from None
    # An update can change anything; the summary index is unused until `newsgraph reindex`.
    summaries.mark_stale(state().store)
    return Response(status=204)


__all__ = ["GraphAccess", "bp", "check_graph_iri", "parse_rdf_body", "shacl_report_json"]
