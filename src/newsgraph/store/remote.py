"""A store on any SPARQL 1.1 server: Protocol for queries, Update and Graph Store Protocol for writes.

The store setting is the server's URL; its query string names the endpoints when
they do not follow the Oxigraph layout (see ``docs/remote-store.md``)::

    http://localhost:7878                                     Oxigraph: /query /update /store
    http://localhost:3030/ds?layout=fuseki                    /ds/sparql /ds/update /ds/data
    http://host:7200/repositories/news?layout=graphdb
    http://host:8890?layout=virtuoso&auth=digest
    http://host:7001?layout=qlever&token=SECRET
    https://u:p@host/x?query=sparql&update=update&gsp=data     any endpoint explicitly

Queries go through SPARQLWrapper; writes and dumps through ``requests``.

The default graph newsgraph queries is the union of the article graphs, and it is
materialised: every write request also maintains the server's real default graph
(see ``common.replace_graph_update``), so queries send no dataset at all and work
on any SPARQL 1.1 server without union configuration.  Servers whose default graph
already folds in every named graph (GraphDB's, Virtuoso's defaults) must have that
switched off, or they would show each triple twice (see ``docs/remote-store.md``).

Transient failures (connection refused or reset, 5xx, 429) are retried
``remote_retries`` times with exponential backoff.  Writes newsgraph makes itself
are idempotent (drop the graph, insert it again), so they are retried even when
the connection broke after the request was sent; a user's own update is retried
only when the server certainly did not run it (refused connection, 429, 503).
"""

from __future__ import annotations

import http.client
import json
import socket
import time
import urllib.error
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO, TypeVar
from urllib.parse import parse_qsl, urljoin, urlsplit, urlunsplit

import pyoxigraph as ox
import requests
from rdflib import Graph, URIRef
from rdflib.term import Node
from SPARQLWrapper import POST, URLENCODED, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import (
    EndPointInternalError,
    EndPointNotFound,
    QueryBadFormed,
    SPARQLWrapperException,
)
from SPARQLWrapper.SPARQLExceptions import Unauthorized as SWUnauthorized

from ..errors import BadQuery, ConfigError, NotAcceptable, RDFSyntaxError, StoreError
from . import summaries
from .common import (
    OLD_FORMAT_ASK,
    check_iri,
    graph_to_ntriples,
    json_term,
    last_wins,
    ntriples_to_nquads,
    old_format_message,
    query_form,
    rederive_update,
    remove_graph_update,
    replace_graph_update,
)
from .embedded import rdf_format

T = TypeVar("T")

#: Endpoint paths relative to the store URL ("" is the URL itself, None: not offered).
LAYOUTS: dict[str, dict[str, str | None]] = {
    "oxigraph": {"query": "query", "update": "update", "gsp": "store", "dataset": "store"},
    "fuseki": {"query": "sparql", "update": "update", "gsp": "data", "dataset": ""},
    "graphdb": {"query": "", "update": "statements", "gsp": "rdf-graphs/service", "dataset": "statements"},
    "virtuoso": {"query": "sparql", "update": "sparql", "gsp": "sparql-graph-crud", "dataset": None},
    "qlever": {"query": "", "update": "", "gsp": None, "dataset": None},
}
_ENDPOINT_KEYS = ("query", "update", "gsp", "dataset")
#: ``union`` is accepted and ignored: store URLs written for older versions keep working.
_OTHER_KEYS = ("layout", "auth", "token", "union")

#: Largest SPARQL Update body sent in one request; a batch of articles bigger than
#: this is split, each article staying whole inside one request.
MAX_UPDATE_BYTES = 8 * 1024 * 1024

_NQUADS = "application/n-quads"
_NTRIPLES = "application/n-triples"
_JSON_RESULTS = "application/sparql-results+json"


@dataclass(frozen=True)
class Endpoints:
    """Where a remote store's services live, resolved from the store URL."""

    query: str
    update: str | None
    gsp: str | None
    dataset: str | None  #: GET: the whole dataset as quads; POST: add quads
    user: str | None = None
    password: str | None = None
    auth: str = "basic"
    token: str | None = None
    display: str = ""  #: the URL without credentials, for messages
    #: Query string added to bulk POSTs: Oxigraph's ``no_transaction`` switches its
    #: bulk loader on (several times faster; bulk loads are not atomic anyway).
    bulk_params: str = ""


def parse_store_url(url: str) -> Endpoints:
    """Resolve the store setting's URL into endpoints (raises ConfigError when unusable)."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ConfigError(f"not an http(s) store URL: {url!r}")
    params: dict[str, str] = {}
    for key, value in parse_qsl(parts.query, keep_blank_values=True):
        if key not in _ENDPOINT_KEYS + _OTHER_KEYS:
            known = ", ".join(_ENDPOINT_KEYS + _OTHER_KEYS)
            raise ConfigError(f"store URL: unknown parameter {key!r} (known: {known})")
        params[key] = value
    layout_name = params.get("layout", "oxigraph").lower()
    if layout_name not in LAYOUTS:
        raise ConfigError(f"store URL: unknown layout {layout_name!r} (known: {', '.join(LAYOUTS)})")
    layout = dict(LAYOUTS[layout_name])
    for key in _ENDPOINT_KEYS:
        if key in params:
            value = params[key]
            layout[key] = None if value.lower() in ("none", "-") and key != "query" else value
    host = parts.hostname + (f":{parts.port}" if parts.port else "")
    base = urlunsplit((parts.scheme, host, parts.path.rstrip("/") + "/", "", ""))

    def resolve(rel: str | None) -> str | None:
        if rel is None:
            return None
        if rel.startswith(("http://", "https://")):
            return rel
        return urljoin(base, rel.lstrip("/")).rstrip("/") if rel else base.rstrip("/")

    query = resolve(layout["query"])
    assert query is not None
    auth = params.get("auth", "basic").lower()
    if auth not in ("basic", "digest"):
        raise ConfigError(f"store URL: auth must be basic or digest, not {auth!r}")
    from urllib.parse import unquote

    return Endpoints(
        query=query,
        update=resolve(layout["update"]),
        gsp=resolve(layout["gsp"]),
        dataset=resolve(layout["dataset"]),
        user=unquote(parts.username) if parts.username else None,
        password=unquote(parts.password) if parts.password else None,
        auth=auth,
        token=params.get("token") or None,
        display=urlunsplit((parts.scheme, host, parts.path, "", "")) + (f" ({layout_name})"),
        bulk_params="no_transaction" if layout_name == "oxigraph" and "dataset" not in params else "",
    )


class _Transient(Exception):
    """A failure worth retrying; carries the message shown when retries run out."""

    def __init__(self, message: str, retry_after: float | None = None, sent: bool = True) -> None:
        super().__init__(message)
        self.message = message
        self.retry_after = retry_after
        self.sent = sent  #: False when the server certainly did not act on the request


def _retry_after(value: str | None) -> float | None:
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        return None


def _sw_message(exc: SPARQLWrapperException) -> str:
    """The server's own words from a SPARQLWrapper exception (it keeps only a repr of them)."""
    import ast

    text = str(exc)
    _, sep, tail = text.partition("Response:\n")
    if sep:
        try:
            raw = ast.literal_eval(tail.strip())
            if isinstance(raw, bytes):
                return raw.decode("utf-8", "replace").strip()[:500]
        except (ValueError, SyntaxError):
            pass
    return text.split("\n")[0][:500]


class RemoteStore:
    """The Store interface over HTTP to a SPARQL 1.1 server."""

    def __init__(self, url: str, *, retries: int = 3, timeout: float = 60.0, backoff: float = 0.2) -> None:
        self.endpoints = parse_store_url(url)
        self.location = self.endpoints.display
        self.retries = max(1, int(retries))
        self.timeout = float(timeout)
        self.backoff = backoff
        self._session = requests.Session()
        ep = self.endpoints
        if ep.user is not None:
            if ep.auth == "digest":
                self._session.auth = requests.auth.HTTPDigestAuth(ep.user, ep.password or "")
            else:
                self._session.auth = (ep.user, ep.password or "")
        if ep.token:
            self._session.headers["Authorization"] = f"Bearer {ep.token}"
        self._session.headers["User-Agent"] = "newsgraph"
        self._format_ok = False

    def check_format(self) -> None:
        """StoreError when the server holds article graphs but no materialised default graph."""
        if self._format_ok:
            return
        if self.ask(OLD_FORMAT_ASK, check=False):
            raise StoreError(old_format_message(self.location))
        self._format_ok = True

    def reindex(self) -> int:
        """Rebuild the server's default graph from the article graphs, a few hundred per request."""
        self._post_update("CLEAR SILENT DEFAULT", what="clear the default graph", idempotent=True)
        done = 0
        batch: list[str] = []
        names = list(self.graph_names())
        for g in names:
            batch.append(g)
            if len(batch) >= 200:
                self._post_update(rederive_update(batch), what="rebuild the default graph", idempotent=True)
                done += len(batch)
                batch = []
        if batch:
            self._post_update(rederive_update(batch), what="rebuild the default graph", idempotent=True)
            done += len(batch)
        self._format_ok = True
        summaries.rebuild(self, names)
        return done

    # -- plumbing -----------------------------------------------------------
    def _with_retries(self, what: str, fn: Callable[[], T], *, idempotent: bool = True) -> T:
        delay = self.backoff
        for attempt in range(1, self.retries + 1):
            try:
                return fn()
            except _Transient as exc:
                if attempt >= self.retries or (exc.sent and not idempotent):
                    raise StoreError(
                        f"the SPARQL store {self.location} failed to {what} "
                        f"(after {attempt} attempt{'s' if attempt > 1 else ''}): {exc.message}"
                    ) from None
                wait = exc.retry_after if exc.retry_after is not None else delay
                time.sleep(min(wait, 30.0))
                delay *= 2
        raise AssertionError("unreachable")

    def _http(
        self,
        method: str,
        url: str,
        *,
        what: str,
        idempotent: bool = True,
        ok_404: bool = False,
        stream: bool = False,
        timeout: float | None = None,
        **kw: Any,
    ) -> requests.Response | None:
        """One HTTP request with retries; None for a 404 when ok_404."""
        timeout = timeout or self.timeout

        def attempt() -> requests.Response | None:
            body = kw.get("data")
            if body is not None and hasattr(body, "seek"):
                body.seek(0)
            try:
                resp = self._session.request(method, url, timeout=timeout, stream=stream, **kw)
            except requests.ConnectionError as exc:
                refused = "refused" in str(exc).lower() or isinstance(exc, requests.ConnectTimeout)
                raise _Transient(self._connection_text(exc), sent=not refused) from None
            except requests.Timeout:
                raise StoreError(
                    f"the SPARQL store {self.location} did not answer within {timeout:g} s "
                    f"(setting remote_timeout) while trying to {what}"
                ) from None
            if resp.status_code == 404 and ok_404:
                resp.close()
                return None
            if resp.status_code == 429 or resp.status_code >= 500:
                text = resp.text[:300].strip()
                resp.close()
                raise _Transient(
                    f"HTTP {resp.status_code} {resp.reason}" + (f": {text}" if text else ""),
                    retry_after=_retry_after(resp.headers.get("Retry-After")),
                    sent=resp.status_code not in (429, 503),
                )
            if resp.status_code >= 400:
                text = resp.text[:500].strip()
                resp.close()
                raise self._client_error(resp.status_code, text, what)
            return resp

        return self._with_retries(what, attempt, idempotent=idempotent)

    def _connection_text(self, exc: BaseException) -> str:
        text = str(exc)
        if "refused" in text.lower():
            return "connection refused (is the server running?)"
        if "reset" in text.lower() or "aborted" in text.lower():
            return "connection reset by the server"
        return f"cannot connect ({text[:200]})"

    def _client_error(self, status: int, text: str, what: str) -> Exception:
        if status == 400:
            return BadQuery(f"the SPARQL store rejected the request: {text or 'bad request'}")
        if status in (401, 403):
            return StoreError(
                f"the SPARQL store {self.location} refused to {what}: HTTP {status} "
                "(credentials missing or wrong? see docs/remote-store.md)"
            )
        if status == 404:
            return StoreError(f"the SPARQL store {self.location} has no endpoint to {what} (HTTP 404)")
        if status == 406:
            return NotAcceptable(f"the SPARQL store cannot answer in that format: {text}")
        if status == 413:
            return StoreError(f"the SPARQL store {self.location} refused a request as too large (HTTP 413)")
        return StoreError(f"the SPARQL store {self.location} failed to {what}: HTTP {status} {text}")

    def _sparql(
        self,
        sparql: str,
        accept: str,
        *,
        default_graph_uris: list[str] | None = None,
        named_graph_uris: list[str] | None = None,
    ) -> Any:
        """POST a query through SPARQLWrapper; returns the open HTTP response."""
        ep = self.endpoints

        def attempt() -> Any:
            w = SPARQLWrapper(ep.query)
            w.setMethod(POST)
            w.setRequestMethod(URLENCODED)
            w.setOnlyConneg(True)
            w.setTimeout(int(self.timeout) or 1)
            # Our own form detection: SPARQLWrapper's warns on queries it cannot classify.
            w.queryString = sparql
            w.queryType = query_form(sparql) or "SELECT"
            w.addCustomHttpHeader("Accept", accept)
            w.addCustomHttpHeader("User-Agent", "newsgraph")
            if ep.user is not None:
                w.setCredentials(ep.user, ep.password or "")
                w.setHTTPAuth("DIGEST" if ep.auth == "digest" else "BASIC")
            if ep.token:
                w.addCustomHttpHeader("Authorization", f"Bearer {ep.token}")
            if default_graph_uris or named_graph_uris:
                for u in default_graph_uris or []:
                    w.addParameter("default-graph-uri", check_iri(u))
                for u in named_graph_uris or []:
                    w.addParameter("named-graph-uri", check_iri(u))
            try:
                return w.query().response
            except QueryBadFormed as exc:
                raise BadQuery(f"the query does not parse: {_sw_message(exc)}") from None
            except EndPointNotFound:
                raise StoreError(f"no SPARQL query endpoint at {ep.query} (HTTP 404)") from None
            except SWUnauthorized:
                raise StoreError(
                    f"the SPARQL store {self.location} refused the query: HTTP 401 (credentials?)"
                ) from None
            except EndPointInternalError as exc:
                raise _Transient(f"HTTP 500: {_sw_message(exc)}") from None
            except SPARQLWrapperException as exc:
                raise StoreError(f"the SPARQL store {self.location} failed: {_sw_message(exc)}") from None
            except urllib.error.HTTPError as exc:
                body = exc.read()[:300].decode("utf-8", "replace").strip()
                if exc.code == 429 or exc.code >= 500:
                    raise _Transient(
                        f"HTTP {exc.code}" + (f": {body}" if body else ""),
                        retry_after=_retry_after(exc.headers.get("Retry-After")),
                    ) from None
                raise self._client_error(exc.code, body, "answer a query") from None
            except urllib.error.URLError as exc:
                reason = exc.reason
                if isinstance(reason, TimeoutError | socket.timeout):
                    raise StoreError(
                        f"the SPARQL store {self.location} did not answer within {self.timeout:g} s"
                    ) from None
                cause = reason if isinstance(reason, BaseException) else exc
                raise _Transient(self._connection_text(cause)) from None
            except (ConnectionError, http.client.HTTPException) as exc:
                raise _Transient(self._connection_text(exc)) from None
            except TimeoutError:
                raise StoreError(
                    f"the SPARQL store {self.location} did not answer within {self.timeout:g} s"
                ) from None

        return self._with_retries("answer a query", attempt)

    def _read(self, response: Any) -> bytes:
        try:
            data: bytes = response.read()
            return data
        except (OSError, http.client.HTTPException) as exc:
            raise StoreError(f"the SPARQL store {self.location} broke off its answer: {exc}") from None
        finally:
            response.close()

    def _select_raw(self, sparql: str, *, check: bool = True) -> list[dict[str, Node]]:
        if check:
            self.check_format()
        data = json.loads(self._read(self._sparql(sparql, _JSON_RESULTS)))
        rows = []
        for b in data.get("results", {}).get("bindings", []):
            rows.append({k: json_term(v) for k, v in b.items()})
        return rows

    def select_values(self, sparql: str, names: Sequence[str]) -> list[tuple[str | None, ...]]:
        """A SELECT's values as plain text, without making rdflib terms of them.

        The summary index reads tens of thousands of short values per bulk load (tally
        counts, presence checks); the terms would cost more than the request.
        """
        self.check_format()
        data = json.loads(self._read(self._sparql(sparql, _JSON_RESULTS)))
        return [
            tuple(b[n].get("value") if n in b else None for n in names)
            for b in data.get("results", {}).get("bindings", [])
        ]

    def add_triples(self, graph_iri: str, ntriples: str) -> None:
        """Add N-Triples lines (one statement a line, each ending in " .") to one named graph.

        No default-graph copy: this is for the summary index's own statements.  Through
        the dataset endpoint, with Oxigraph's bulk loader where the layout allows it
        (several times faster than INSERT DATA for the hundred thousand statements of a
        bulk shard); otherwise as INSERT DATA.
        """
        ep = self.endpoints
        if not ep.dataset:
            self._post_update(
                f"INSERT DATA {{ GRAPH <{check_iri(graph_iri)}> {{\n{ntriples}\n}} }}",
                what="write the summary index",
                idempotent=True,
            )
            return
        data = ntriples_to_nquads(graph_iri, ntriples, canonical=True).encode("utf-8")
        self._post_nquads(ep.dataset, data, len(data), what="write the summary index")

    def _post_nquads(self, dataset: str, data: bytes | BinaryIO, size: int, *, what: str) -> None:
        """POST N-Quads to the dataset endpoint, with the bulk-loader parameters the layout
        names; a big body takes a while to load, so allow 0.5 MB/s on top of the timeout."""
        params = self.endpoints.bulk_params
        url = dataset + (("&" if "?" in dataset else "?") + params if params else "")
        self._http(
            "POST", url, what=what, data=data, headers={"Content-Type": _NQUADS},
            timeout=self.timeout + size / 500_000,
        )  # fmt: skip

    def _post_update(self, text: str, *, what: str, idempotent: bool) -> None:
        if not self.endpoints.update:
            raise StoreError(f"the SPARQL store {self.location} has no update endpoint configured")
        self._http(
            "POST",
            self.endpoints.update,
            what=what,
            idempotent=idempotent,
            data=text.encode("utf-8"),
            headers={"Content-Type": "application/sparql-update; charset=utf-8"},
        )

    # -- writing ----------------------------------------------------------
    def put_graph(self, graph_iri: str, graph: Graph) -> None:
        self.put_ntriples([(graph_iri, graph_to_ntriples(graph))])

    def put_graphs(self, items: Iterable[tuple[str, Graph]]) -> None:
        self.put_ntriples((g, graph_to_ntriples(graph)) for g, graph in items)

    def put_ntriples(self, items: Iterable[tuple[str, str]]) -> None:
        # One update request per chunk: the SPARQL 1.1 Update spec asks servers to run a
        # request atomically, which Oxigraph, Fuseki and GraphDB do.
        self.check_format()
        items = last_wins(items)
        with summaries.maintained(self, [g for g, _ in items], summaries.from_ntriples(items)):
            self._put_ntriples(items)

    def _put_ntriples(self, items: list[tuple[str, str]]) -> None:
        chunk: list[str] = []
        size = 0
        for graph_iri, nt in items:
            op = replace_graph_update(graph_iri, nt)
            if chunk and size + len(op) > MAX_UPDATE_BYTES:
                self._post_update(" ;\n".join(chunk), what="store articles", idempotent=True)
                chunk, size = [], 0
            chunk.append(op)
            size += len(op) + 3
        if chunk:
            self._post_update(" ;\n".join(chunk), what="store articles", idempotent=True)

    def bulk_load(
        self, nquads_path: Path, *, triples: dict[str, list[summaries.Triple]] | None = None
    ) -> None:
        self.check_format()
        with summaries.maintained_bulk(self, str(nquads_path), triples):
            self._bulk_load(nquads_path)

    def _bulk_load(self, nquads_path: Path) -> None:
        import tempfile

        # Each quad of an article graph also goes in without a graph name: the default
        # graph is the set-union of the article graphs (the server merges repeats).
        with tempfile.TemporaryDirectory(prefix="newsgraph-bulk-") as tmp:
            doubled = Path(tmp) / "doubled.nq"
            try:
                with open(doubled, "wb") as out:
                    quads = list(ox.parse(path=str(nquads_path), format=ox.RdfFormat.N_QUADS))
                    ox.serialize(quads, out, ox.RdfFormat.N_QUADS)
                    ox.serialize(
                        (
                            ox.Quad(q.subject, q.predicate, q.object)
                            for q in quads
                            if isinstance(q.graph_name, ox.NamedNode)
                        ),
                        out,
                        ox.RdfFormat.N_QUADS,
                    )
                    del quads
            except SyntaxError as exc:
                raise RDFSyntaxError(f"cannot load {nquads_path}: {exc}") from None
            self._bulk_post(doubled)

    def _bulk_post(self, nquads_path: Path) -> None:
        ep = self.endpoints
        if ep.dataset:
            with open(nquads_path, "rb") as fh:
                self._post_nquads(ep.dataset, fh, nquads_path.stat().st_size, what="bulk-load quads")
            return
        # No dataset endpoint: INSERT DATA in chunks of whole graphs' quads.
        self._insert_quads_in_chunks(nquads_path)

    def _insert_quads_in_chunks(self, nquads_path: Path) -> None:
        buf: list[str] = []
        size = 0
        current: str | None = None  # the open GRAPH block, None: default-graph triples

        def flush() -> None:
            nonlocal buf, size, current
            if buf:
                close = "}\n" if current is not None else ""
                self._post_update(
                    "INSERT DATA {\n" + "".join(buf) + close + "}", what="bulk-load quads", idempotent=True
                )
            buf, size, current = [], 0, None

        try:
            for q in ox.parse(path=str(nquads_path), format=ox.RdfFormat.N_QUADS):
                g = str(q.graph_name) if isinstance(q.graph_name, ox.NamedNode) else None
                if size > MAX_UPDATE_BYTES:
                    flush()
                if g != current:
                    if current is not None:
                        buf.append("}\n")
                    if g is not None:
                        buf.append(f"GRAPH {g} {{\n")
                    current = g
                line = f"{q.subject} {q.predicate} {q.object} .\n"
                buf.append(line)
                size += len(line)
        except SyntaxError as exc:
            raise RDFSyntaxError(f"cannot load {nquads_path}: {exc}") from None
        flush()

    def remove_graph(self, graph_iri: str) -> bool:
        iri = check_iri(graph_iri)
        self.check_format()
        if not self.has_graph(iri):
            return False
        with summaries.maintained(self, [iri], {}):
            self._post_update(remove_graph_update(iri), what="remove a graph", idempotent=True)
        return True

    def remove_graphs(self, graph_iris: Iterable[str]) -> None:
        self.check_format()
        names = list(dict.fromkeys(graph_iris))
        with summaries.maintained(self, names, {}):
            self._remove_graphs(names)

    def _remove_graphs(self, graph_iris: list[str]) -> None:
        chunk: list[str] = []
        size = 0
        for g in graph_iris:
            op = remove_graph_update(g)
            chunk.append(op)
            size += len(op) + 3
            if size > MAX_UPDATE_BYTES // 8:
                self._post_update(" ;\n".join(chunk), what="remove graphs", idempotent=True)
                chunk, size = [], 0
        if chunk:
            self._post_update(" ;\n".join(chunk), what="remove graphs", idempotent=True)

    def update(self, sparql: str) -> None:
        self._post_update(sparql, what="run an update", idempotent=False)

    # -- reading ----------------------------------------------------------
    def has_graph(self, graph_iri: str) -> bool:
        iri = check_iri(graph_iri)
        return self.ask(f"ASK {{ GRAPH <{iri}> {{ ?s ?p ?o }} }}", check=False)

    def graph_names(self) -> Iterator[str]:
        # TSV streams: one IRI a line, so a million graphs never sit in memory at once.
        response = self._sparql(
            "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }",
            "text/tab-separated-values",
        )
        try:
            first = True
            for raw in response:
                line = raw.decode("utf-8").rstrip("\r\n")
                if first:
                    first = False
                    continue
                if line.startswith("<") and line.endswith(">") and line[1:-1] != summaries.INDEX_GRAPH:
                    yield line[1:-1]
        except (OSError, http.client.HTTPException) as exc:
            raise StoreError(f"the SPARQL store {self.location} broke off its answer: {exc}") from None
        finally:
            response.close()

    def get_graph(self, graph_iri: str) -> Graph:
        iri = check_iri(graph_iri)
        g = Graph(identifier=URIRef(iri))
        if self.endpoints.gsp:
            resp = self._http(
                "GET",
                self.endpoints.gsp,
                what="read a graph",
                ok_404=True,
                params={"graph": iri},
                headers={"Accept": _NTRIPLES},
            )
            if resp is not None:
                g.parse(data=resp.content, format="nt")
            return g
        for t in self.construct(
            f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{iri}> {{ ?s ?p ?o }} }}", check=False
        ):
            g.add(t)
        return g

    def describe(self, iri: str) -> Graph:
        node = check_iri(iri)
        return self.construct(f"CONSTRUCT {{ <{node}> ?p ?o }} WHERE {{ <{node}> ?p ?o }}")

    def query(
        self,
        sparql: str,
        result_media_type: str,
        *,
        default_graph_uris: list[str] | None = None,
        named_graph_uris: list[str] | None = None,
    ) -> bytes:
        self.check_format()
        response = self._sparql(
            sparql,
            result_media_type,
            default_graph_uris=default_graph_uris,
            named_graph_uris=named_graph_uris,
        )
        return self._read(response)

    def select(self, sparql: str) -> list[dict[str, object]]:
        if query_form(sparql) != "SELECT":
            raise BadQuery("not a SELECT query")
        return [dict(row) for row in self._select_raw(sparql)]

    def construct(self, sparql: str, *, union: bool = True, check: bool = True) -> Graph:
        """``union`` is accepted for older callers; the default graph is the union already."""
        if query_form(sparql) not in ("CONSTRUCT", "DESCRIBE"):
            raise BadQuery("not a CONSTRUCT or DESCRIBE query")
        if check:
            self.check_format()
        data = self._read(self._sparql(sparql, _NTRIPLES))
        g = Graph()
        g.parse(data=data, format="nt")
        return g

    def ask(self, sparql: str, *, check: bool = True) -> bool:
        if query_form(sparql) != "ASK":
            raise BadQuery("not an ASK query")
        if check:
            self.check_format()
        data = json.loads(self._read(self._sparql(sparql, _JSON_RESULTS)))
        return bool(data.get("boolean"))

    def count(self) -> int:
        rows = self._select_raw(
            "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } "
            f"FILTER (?g != <{summaries.INDEX_GRAPH}>) }}",
            check=False,
        )
        value = rows[0].get("n") if rows else None
        return int(str(value)) if value is not None else 0

    def _quads(self) -> Iterator[ox.Quad]:
        """Every quad of the article graphs, streamed."""
        ep = self.endpoints
        if ep.dataset:
            resp = self._http(
                "GET", ep.dataset, what="dump the dataset", stream=True, headers={"Accept": _NQUADS}
            )
            assert resp is not None
            resp.raw.decode_content = True
            try:
                for q in ox.parse(resp.raw, ox.RdfFormat.N_QUADS):  # type: ignore[arg-type]
                    # The article graphs only: the default graph is derived from them.
                    if isinstance(q.graph_name, ox.NamedNode) and q.graph_name.value != summaries.INDEX_GRAPH:
                        yield q
            except SyntaxError as exc:
                raise StoreError(f"the SPARQL store sent unreadable N-Quads: {exc}") from None
            except (OSError, requests.RequestException) as exc:
                raise StoreError(f"the SPARQL store {self.location} broke off the dump: {exc}") from None
            finally:
                resp.close()
            return
        for name in self.graph_names():
            data = self._graph_ntriples(name)
            g = ox.NamedNode(name)
            for t in ox.parse(data, ox.RdfFormat.N_TRIPLES):
                yield ox.Quad(t.subject, t.predicate, t.object, g)

    def _graph_ntriples(self, name: str) -> bytes:
        if self.endpoints.gsp:
            resp = self._http(
                "GET",
                self.endpoints.gsp,
                what="read a graph",
                ok_404=True,
                params={"graph": name},
                headers={"Accept": _NTRIPLES},
            )
            return resp.content if resp is not None else b""
        return self._read(
            self._sparql(
                f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{check_iri(name)}> {{ ?s ?p ?o }} }}",
                _NTRIPLES,
            )
        )

    def dump(self, out: BinaryIO, media_type: str) -> None:
        fmt = rdf_format(media_type)
        self.check_format()
        if fmt.supports_datasets:
            ox.serialize(self._quads(), out, fmt)
            return
        # Triple formats: the default graph, which is the set-union of the article graphs.
        data = self._read(self._sparql("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", _NTRIPLES))
        ox.serialize((t for t in ox.parse(data, ox.RdfFormat.N_TRIPLES)), out, fmt)

    def close(self) -> None:
        self._session.close()
