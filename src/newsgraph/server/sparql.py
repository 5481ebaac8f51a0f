"""The read-only SPARQL 1.1 endpoint at ``/sparql``: protocol, service description, query page.

Requests follow the SPARQL 1.1 Protocol: ``GET ?query=``, ``POST`` of an
``application/x-www-form-urlencoded`` form, or ``POST`` of the query itself as
``application/sparql-query``; ``default-graph-uri`` / ``named-graph-uri`` give a
dataset.  Results are negotiated from ``Accept`` or named with ``format=``.

The dataset rule (docs/sparql.md): with no dataset in the request and none in
the query (FROM), the default graph is the union of every graph, so a query sees
all articles without GRAPH clauses.  A dataset given by the protocol replaces
the query's own, and FROM / FROM NAMED are honoured exactly.

Without a query, a GET answers with the service description (RDF) or, for a
browser, the query page.  Updates never run here: they go to ``/update``, which
needs the write token (see ``write.py``).
"""

from __future__ import annotations

import json
import time
from typing import Any

from flask import Blueprint, Flask, Response, current_app, render_template, request
from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import RDF, RDFS, XSD

from .. import formats
from ..config import Settings
from ..errors import BadQuery, Forbidden, NewsgraphError, NotAcceptable, PayloadTooLarge, UnsupportedFormat
from ..iris import NG
from ..store import Store
from . import security
from .querying import (
    BOOLEAN_TYPES,
    CSV_RESULTS,
    JSON_RESULTS,
    TABULAR_TYPES,
    TSV_RESULTS,
    XML_RESULTS,
    DelegatingExecutor,
    Executor,
    InProcessExecutor,
    QueryAnswer,
    QueryJob,
    graph_rows,
)
from .sparqltext import Analysis, analyse

bp = Blueprint("sparql", __name__)

SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
FORMATS_NS = Namespace("http://www.w3.org/ns/formats/")
VOID = Namespace("http://rdfs.org/ns/void#")

HTML = "text/html"
GRAPH_TYPES = tuple(f.media_type for f in formats.DOCUMENT_FORMATS)

#: Media types some clients send instead of the SPARQL ones, mapped to what we send.
_TABULAR_ALIASES = {"application/json": JSON_RESULTS, "application/xml": XML_RESULTS, "text/xml": XML_RESULTS}
_GRAPH_ALIASES = {"application/json": formats.JSONLD.media_type, "application/xml": formats.RDFXML.media_type,
                  "text/xml": formats.RDFXML.media_type}
_RESULT_NAMES = {"json": JSON_RESULTS, "srj": JSON_RESULTS, "xml": XML_RESULTS, "srx": XML_RESULTS,
                 "csv": CSV_RESULTS, "tsv": TSV_RESULTS, "html": HTML}

EXAMPLES: tuple[tuple[str, str], ...] = (
    (
        "Articles, newest first",
        f"""PREFIX ng: <{NG}>
SELECT ?article ?title ?published WHERE {{
  ?article a ng:Article ;
           ng:title ?title .
  OPTIONAL {{ ?article ng:published ?published }}
}}
ORDER BY DESC(?published)
LIMIT 50""",
    ),
    (
        "Events with their type, date and countries",
        f"""PREFIX ng: <{NG}>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?event ?type ?date (GROUP_CONCAT(DISTINCT ?countryName; separator=", ") AS ?countries)
WHERE {{
  ?event a ng:Event ; ng:date ?date .
  OPTIONAL {{ ?event a ?t . FILTER(?t != ng:Event && STRSTARTS(STR(?t), STR(ng:))) }}
  BIND(COALESCE(?t, ng:Event) AS ?type)
  OPTIONAL {{ ?event ng:country/ng:name ?countryName }}
}}
GROUP BY ?event ?type ?date
ORDER BY DESC(?date)
LIMIT 50""",
    ),
    (
        "People most often mentioned",
        f"""PREFIX ng: <{NG}>
SELECT ?person ?name (COUNT(DISTINCT ?article) AS ?articles) WHERE {{
  ?article ng:mentions ?person .
  ?person a ng:Person ; ng:name ?name .
}}
GROUP BY ?person ?name
ORDER BY DESC(?articles)
LIMIT 25""",
    ),
    (
        "Meetings between two countries",
        f"""PREFIX ng: <{NG}>
SELECT ?event ?date ?a ?b WHERE {{
  ?event a ng:Meeting ; ng:date ?date ;
         ng:country ?x, ?y .
  ?x ng:isoAlpha3 ?a . ?y ng:isoAlpha3 ?b .
  FILTER (?a < ?b)
}}
ORDER BY DESC(?date)
LIMIT 50""",
    ),
    (
        "Everything said about one article (which graph says it)",
        f"""PREFIX ng: <{NG}>
CONSTRUCT {{ ?s ?p ?o }} WHERE {{
  {{ SELECT ?g WHERE {{ ?g a ng:Article }} LIMIT 1 }}
  GRAPH ?g {{ ?s ?p ?o }}
}}""",
    ),
)


# -- app wiring ------------------------------------------------------------------


class _Runtime:
    """Per-app state of the endpoint: its executor and the per-client counters."""

    def __init__(self, settings: Settings, store: Store) -> None:
        self.settings = settings
        self.store = store
        self.limiter = security.ClientLimiter(settings.max_queries_per_client)
        self._executor: Executor | None = None

    @property
    def executor(self) -> Executor:
        if self._executor is None:
            self._executor = make_executor(self.settings, self.store)
        return self._executor

    def invalidate(self) -> None:
        if self._executor is not None:
            self._executor.invalidate()

    def close(self) -> None:
        """Stop the query workers (the server is shutting down, or a test is done)."""
        if self._executor is not None:
            self._executor.close()
            self._executor = None


def make_executor(settings: Settings, store: Store) -> Executor:
    """Worker processes for an on-disk store, a thread for an in-memory one, else the store itself."""
    try:
        ox_store = getattr(store, "oxigraph", None)
    except NewsgraphError:
        ox_store = None
    path = getattr(store, "path", None)
    from .cache import with_cache  # repeats answered from memory until the next write

    if ox_store is not None and path is not None:
        from .workers import WorkerPool

        static = bool(getattr(store, "read_only", False))
        # The store itself when it can take snapshots: it may reopen its handle after a disk fault.
        source = store if hasattr(store, "backup") else ox_store
        pool = WorkerPool(source, path, settings.query_workers, live_is_static=static)
        return with_cache(pool, settings.query_cache_bytes)
    if ox_store is not None:
        return with_cache(InProcessExecutor(ox_store), settings.query_cache_bytes)
    return DelegatingExecutor(store)


def runtime() -> _Runtime:
    rt: _Runtime = current_app.extensions["newsgraph.sparql"]
    return rt


def init_app(app: Flask) -> None:
    st = app.extensions["newsgraph"]
    app.extensions["newsgraph.sparql"] = _Runtime(st.settings, st.store)
    security.init_app(app, st.settings)

    @app.after_request
    def _store_may_have_changed(resp: Response) -> Response:
        # Any request that may write (the write API, GSP, Update, or another area's
        # endpoints) makes the query workers take a fresh snapshot before the next query.
        # A 503 is a write the store refused: nothing changed, the snapshot stays valid.
        if request.method not in ("GET", "HEAD", "OPTIONS") and resp.status_code != 503:
            app.extensions["newsgraph.sparql"].invalidate()
        return resp


# -- request parsing -------------------------------------------------------------


def _charset_ok(mimetype_params: dict[str, str]) -> None:
    charset = mimetype_params.get("charset")
    if charset and charset.strip().lower().replace("_", "-") not in ("utf-8", "utf8", "us-ascii"):
        raise UnsupportedFormat(f"SPARQL requests must be UTF-8 encoded, not {charset}")


def _decode(body: bytes) -> str:
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise BadQuery(f"the request body is not UTF-8 ({exc.reason} at byte {exc.start})") from None


def read_request(operation: str) -> tuple[str | None, dict[str, list[str]]]:
    """The operation text ('query' or 'update') and every protocol parameter of the request.

    Raises the protocol's 4xx errors: several operations, a wrong media type,
    a body that is not UTF-8.
    """
    params: dict[str, list[str]] = {k: request.args.getlist(k) for k in request.args}
    text: str | None = None
    if request.method == "POST":
        mimetype = request.mimetype
        direct = f"application/sparql-{operation}"
        if mimetype == "application/x-www-form-urlencoded":
            _charset_ok(request.mimetype_params)
            body = request.get_data(cache=True)
            _decode(body)
            for key in request.form:
                params.setdefault(key, []).extend(request.form.getlist(key))
        elif mimetype == direct:
            _charset_ok(request.mimetype_params)
            if operation in params:
                raise BadQuery(f"a direct POST carries the {operation} in its body, not in the URL")
            text = _decode(request.get_data(cache=True))
        elif not mimetype:
            raise UnsupportedFormat(
                f"a POST needs a Content-Type: application/x-www-form-urlencoded or {direct}"
            )
        else:
            raise UnsupportedFormat(
                f"cannot read a {mimetype} body here; send application/x-www-form-urlencoded or {direct}"
            )
    if text is None:
        values = params.get(operation, [])
        if len(values) > 1:
            raise BadQuery(f"the request has {len(values)} '{operation}' parameters; send exactly one")
        text = values[0] if values else None
    return text, params


def _timeout(settings: Settings, params: dict[str, list[str]]) -> float:
    values = params.get("timeout", [])
    if not values or not values[-1].strip():
        return settings.query_timeout
    try:
        asked = float(values[-1])
    except ValueError:
        raise BadQuery(f"timeout must be a number of seconds, not {values[-1]!r}") from None
    if not asked > 0:
        raise BadQuery("timeout must be a positive number of seconds")
    return min(asked, settings.query_timeout)


def check_remote_calls(analysis: Analysis, settings: Settings) -> None:
    """Refuse SERVICE and LOAD unless the target is on the allow-list (no connection is attempted)."""
    allowed = {a.strip() for a in settings.service_allowlist.split(",") if a.strip()}
    for target in analysis.remote:
        if target is None:
            raise Forbidden("SERVICE with a variable endpoint is not allowed on this server")
        if target not in allowed:
            raise Forbidden(
                f"federated calls are refused here: {target} is not on this server's service "
                "allow-list (setting service_allowlist)",
                endpoint=target,
            )


def _graph_list(params: dict[str, list[str]], name: str) -> tuple[str, ...] | None:
    values = [v.strip() for v in params.get(name, []) if v.strip()]
    for v in values:
        if any(c in v for c in '<>"{}|^`\\ \t\r\n') or ":" not in v:
            raise BadQuery(f"{name} must be an absolute IRI, not {v!r}")
    return tuple(values) if values else None


# -- negotiation ------------------------------------------------------------------


def choose_type(form: str | None, params: dict[str, list[str]]) -> str:
    """The media type of the answer: format= parameter first, then Accept."""
    graph = form in ("CONSTRUCT", "DESCRIBE")
    if graph:
        offered: tuple[str, ...] = (*GRAPH_TYPES, HTML, *_GRAPH_ALIASES)
        aliases = _GRAPH_ALIASES
    elif form == "ASK":
        offered = (*BOOLEAN_TYPES, HTML, "application/json", "application/xml", "text/xml")
        aliases = _TABULAR_ALIASES
    else:
        offered = (*TABULAR_TYPES, HTML, *_TABULAR_ALIASES)
        aliases = _TABULAR_ALIASES
    named = (params.get("format") or params.get("output") or [""])[-1].strip()
    if named:
        chosen = _named_type(named, graph)
        if chosen not in offered:
            raise NotAcceptable(
                f"format {named!r} is not available for a {form or 'SELECT'} query; "
                f"available: {', '.join(t for t in offered if t not in aliases)}",
                alternatives=[t for t in offered if t not in aliases],
            )
        return aliases.get(chosen, chosen)
    accept = request.headers.get("Accept")
    try:
        chosen = formats.negotiate(accept, offered)
    except NotAcceptable:
        # A SPARQL client that asked for the other kind of answer (rdflib's SPARQLStore
        # sends its SELECT Accept header with a CONSTRUCT) gets this form's default;
        # anything else (an image type, say) stays a 406.
        spoken = (*TABULAR_TYPES, *GRAPH_TYPES, *_TABULAR_ALIASES)
        if any(formats.quality(formats.parse_accept(accept), t) > 0 for t in spoken):
            return offered[0]
        raise
    return aliases.get(chosen, chosen)


def _named_type(name: str, graph: bool) -> str:
    key = name.lower()
    if "/" in key:
        return key.split(";")[0].strip()
    if not graph and key in _RESULT_NAMES:
        return _RESULT_NAMES[key]
    if key == "html":
        return HTML
    try:
        return formats.by_name(key).media_type
    except UnsupportedFormat:
        return _RESULT_NAMES.get(key, key)


# -- the endpoint -----------------------------------------------------------------


@bp.route("/sparql", methods=["GET", "POST"])
def endpoint() -> Response:
    rt = runtime()
    settings = rt.settings
    query, params = read_request("query")
    if "update" in params:
        raise BadQuery("this endpoint only answers queries; send updates by POST to /update")
    if query is None:
        if request.method == "POST":
            raise BadQuery("the request has no 'query' parameter")
        return _describe_service(settings)
    if len(query.encode("utf-8")) > settings.max_query_bytes:
        raise PayloadTooLarge(
            f"the query is {len(query.encode('utf-8'))} bytes; this server accepts at most "
            f"{settings.max_query_bytes}"
        )
    analysis = analyse(query)
    media_type = choose_type(analysis.form, params)
    try:
        check_remote_calls(analysis, settings)
        timeout = _timeout(settings, params)
        default_graphs = _graph_list(params, "default-graph-uri")
        named_graphs = _graph_list(params, "named-graph-uri")
        protocol_dataset = default_graphs is not None or named_graphs is not None
        graph_form = analysis.form in ("CONSTRUCT", "DESCRIBE")
        wire_type = media_type
        if media_type == HTML:
            wire_type = formats.NTRIPLES.media_type if graph_form else JSON_RESULTS
        job = QueryJob(
            sparql=query,
            base_iri=request.base_url,
            union_default=not protocol_dataset and not analysis.has_from,
            default_graphs=default_graphs,
            named_graphs=named_graphs,
            media_type=wire_type,
            graph_media_type=wire_type if graph_form else formats.TURTLE.media_type,
            limit=settings.result_limit,
        )
        started = time.monotonic()
        with rt.limiter.slot(security.client_address()):
            answer = rt.executor.run(job, timeout)
        elapsed = time.monotonic() - started
    except BadQuery as exc:
        if media_type == HTML:
            return _page(query, error=exc.message, status=400)
        raise
    if media_type == HTML:
        return _page(query, answer=answer, elapsed=elapsed)
    return _answer_response(answer)


def _answer_response(answer: QueryAnswer) -> Response:
    mt = answer.media_type
    textual = mt.startswith("text/") or mt.endswith(("+json", "+xml"))
    content_type = mt + ("; charset=utf-8" if textual else "")
    resp = Response(answer.body, status=200, content_type=content_type)
    resp.vary.add("Accept")
    if answer.truncated:
        resp.headers["X-Newsgraph-Truncated"] = "true"
        resp.headers["X-Newsgraph-Result-Limit"] = str(answer.count)
    return resp


# -- service description --------------------------------------------------------------


def service_description(endpoint_url: str, settings: Settings) -> Graph:
    g = Graph()
    g.bind("sd", SD)
    g.bind("formats", FORMATS_NS)
    g.bind("void", VOID)
    svc = URIRef(endpoint_url + "#service")
    g.add((svc, RDF.type, SD.Service))
    g.add((svc, SD.endpoint, URIRef(endpoint_url)))
    g.add((svc, SD.supportedLanguage, SD.SPARQL11Query))
    g.add((svc, SD.feature, SD.UnionDefaultGraph))
    g.add((svc, SD.feature, SD.EmptyGraphs))
    if settings.service_allowlist.strip():
        g.add((svc, SD.feature, SD.BasicFederatedQuery))
    for fmt in ("SPARQL_Results_JSON", "SPARQL_Results_XML", "SPARQL_Results_CSV", "SPARQL_Results_TSV",
                "Turtle", "N-Triples", "RDF_XML", "JSON-LD", "TriG", "N-Quads"):
        g.add((svc, SD.resultFormat, FORMATS_NS[fmt]))
    dataset = BNode()
    default = BNode()
    g.add((svc, SD.defaultDataset, dataset))
    g.add((dataset, RDF.type, SD.Dataset))
    g.add((dataset, SD.defaultGraph, default))
    g.add((default, RDF.type, SD.Graph))
    g.add((default, RDFS.comment, Literal(
        "The union of all graphs: each article's facts live in a named graph whose name is the "
        "article's URI, and queries without FROM or GRAPH see them all.", lang="en")))
    g.add((svc, RDFS.comment, Literal(
        f"Read-only SPARQL 1.1 endpoint. Queries stop after {settings.query_timeout:g} s and answers "
        f"carry at most {settings.result_limit} rows (X-Newsgraph-Truncated: true when cut).", lang="en")))
    g.add((svc, VOID.rootResource, URIRef(settings.base + "/")))
    g.add((svc, RDFS.seeAlso, Literal(settings.base + "/.well-known/void", datatype=XSD.anyURI)))
    return g


def _describe_service(settings: Settings) -> Response:
    offered = (*GRAPH_TYPES, HTML)
    chosen = formats.negotiate(request.headers.get("Accept"), offered)
    if chosen == HTML:
        return _page("")
    fmt = formats.by_media_type(chosen)
    data = service_description(request.base_url, settings).serialize(format=fmt.rdflib, encoding="utf-8")
    resp = Response(data, content_type=f"{chosen}; charset=utf-8")
    resp.vary.add("Accept")
    return resp


# -- the query page ---------------------------------------------------------------------


def _cell(term: dict[str, Any], settings: Settings) -> dict[str, Any]:
    kind = term.get("type")
    value = str(term.get("value", ""))
    if kind == "uri":
        href = value if value.startswith(("http://", "https://")) else None
        return {"kind": "iri", "text": value, "href": href}
    if kind == "bnode":
        return {"kind": "bnode", "text": "_:" + value, "href": None}
    if kind == "triple":
        parts = term.get("value", {})
        text = " ".join(_cell(parts.get(k, {}), settings)["text"] for k in ("subject", "predicate", "object"))
        return {"kind": "triple", "text": f"<< {text} >>", "href": None}
    note = ""
    if "xml:lang" in term:
        note = "@" + str(term["xml:lang"])
    elif "datatype" in term:
        note = "^^" + _short(str(term["datatype"]))
    return {"kind": "literal", "text": value, "note": note, "href": None}


def _short(iri: str) -> str:
    for prefix, ns in (("xsd:", str(XSD)), ("ng:", NG), ("rdf:", str(RDF)), ("rdfs:", str(RDFS))):
        if iri.startswith(ns):
            return prefix + iri[len(ns):]
    return iri


def _json_cell(term: Any) -> dict[str, Any]:
    import pyoxigraph as ox

    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    out: dict[str, Any] = {"type": "literal", "value": term.value}
    if term.language:
        out["xml:lang"] = term.language
    elif term.datatype.value != str(XSD.string):
        out["datatype"] = term.datatype.value
    return out


def _page(query: str, *, answer: QueryAnswer | None = None, error: str | None = None,
          elapsed: float | None = None, status: int = 200) -> Response:
    settings = runtime().settings
    columns: list[str] = []
    rows: list[list[dict[str, Any]]] = []
    boolean: bool | None = None
    if answer is not None:
        if answer.kind == "graph":
            columns = ["subject", "predicate", "object"]
            rows = [[_cell(_json_cell(t), settings) for t in triple]
                    for triple in graph_rows(answer.body, answer.media_type)]
        else:
            data = json.loads(answer.body)
            if "boolean" in data:
                boolean = bool(data["boolean"])
            else:
                columns = list(data["head"]["vars"])
                unbound = {"kind": "unbound", "text": ""}
                rows = [[_cell(b[v], settings) if v in b else unbound for v in columns]
                        for b in data["results"]["bindings"]]
    html = render_template(
        "sparql/query.html",
        query=query or EXAMPLES[0][1],
        has_query=bool(query),
        examples=EXAMPLES,
        columns=columns,
        rows=rows,
        boolean=boolean,
        truncated=bool(answer and answer.truncated),
        result_limit=settings.result_limit,
        error=error,
        elapsed_ms=None if elapsed is None else round(elapsed * 1000),
        count=len(rows),
        timeout=settings.query_timeout,
    )
    resp = Response(html, status=status, content_type="text/html; charset=utf-8")
    resp.vary.add("Accept")
    resp.headers["Content-Security-Policy"] = security.QUERY_PAGE_CSP
    resp.headers["X-Content-Type-Options"] = "nosniff"
    resp.headers["Referrer-Policy"] = "same-origin"
    if answer is not None and answer.truncated:
        resp.headers["X-Newsgraph-Truncated"] = "true"
    return resp


__all__ = ["EXAMPLES", "bp", "check_remote_calls", "choose_type", "init_app", "make_executor",
           "read_request", "runtime", "service_description"]
