"""RDF documents and the HTTP machinery every document answer shares.

The resource pages, the ontology, the shapes and VoID all answer the same way: pick a
representation (``formats.negotiate``), serialise it, then attach the headers a linked
data client and a cache rely on -- ``Content-Location``, ``Vary: Accept``,
``Link: rel=alternate`` per format, a content-hash ``ETag``, ``Last-Modified`` when the
store can tell, CORS -- and answer a conditional request with 304.  Keeping that in one
module means the pages cannot drift apart in what they promise.
"""

from __future__ import annotations

import hashlib
import json
import os
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import format_datetime, parsedate_to_datetime
from typing import Any

import pyoxigraph as ox
from flask import Flask, Response, request
from rdflib import RDF, RDFS, XSD, BNode, Dataset, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, FOAF, OWL, VOID
from rdflib.term import Node

from .. import formats, iris
from ..formats import RdfFormat
from ..ontology.namespace import NG
from ..store.base import Store
from .describe import Description

HYDRA = Namespace("http://www.w3.org/ns/hydra/core#")
SCHEMA = Namespace("https://schema.org/")
SH = Namespace("http://www.w3.org/ns/shacl#")

#: Prefixes bound in every RDF document, and the inline JSON-LD @context: a JSON-LD
#: client working offline must not need to fetch a context to read our data.
PREFIXES: dict[str, str] = {
    "ng": iris.NG,
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "xsd": str(XSD),
    "owl": str(OWL),
    "dcterms": str(DCTERMS),
    "foaf": str(FOAF),
    "void": str(VOID),
    "hydra": str(HYDRA),
    "schema": str(SCHEMA),
    "sh": str(SH),
}

#: The representations a resource has: HTML first, so a client that states no
#: preference (``*/*``) gets the page a person can read.
HTML = "text/html"
RESOURCE_MEDIA_TYPES: tuple[str, ...] = (HTML, *(f.media_type for f in formats.DOCUMENT_FORMATS))
RDF_MEDIA_TYPES: tuple[str, ...] = tuple(f.media_type for f in formats.DOCUMENT_FORMATS)

#: How long a cache may reuse a document before revalidating it (with the ETag).
MAX_AGE = 60

#: Response headers a browser script may read (CORS): the ones that make linked data navigable.
EXPOSED_HEADERS = "Content-Location, Link, ETag, Last-Modified, Location"


def extension_format(ext: str) -> RdfFormat | None:
    """The document format for a URL suffix, or None (``html`` and unknown suffixes)."""
    for fmt in formats.DOCUMENT_FORMATS:
        if ext == fmt.extension:
            return fmt
    return None


def format_for_media_type(media_type: str) -> RdfFormat:
    return formats.by_media_type(media_type)


def new_dataset() -> Dataset:
    ds = Dataset()
    for prefix, ns in PREFIXES.items():
        ds.bind(prefix, Namespace(ns), override=True)
    return ds


def flatten(ds: Dataset) -> Graph:
    g = Graph()
    for prefix, ns in PREFIXES.items():
        g.bind(prefix, Namespace(ns), override=True)
    for s, p, o, _ in ds.quads((None, None, None, None)):
        g.add((s, p, o))
    return g


def serialize(data: Dataset | Graph, fmt: RdfFormat) -> bytes:
    """Serialise in fmt; a Dataset keeps its named graphs only in quad formats."""
    if fmt.name in ("turtle", "jsonld"):
        if isinstance(data, Dataset):
            triples = {(s, p, o) for s, p, o, _ in data.quads((None, None, None, None))}
        else:
            triples = set(data)
        return _turtle(triples) if fmt.name == "turtle" else _jsonld(triples)
    if isinstance(data, Dataset) and not (fmt.quads and fmt.name != "jsonld"):
        data = flatten(data)
    elif isinstance(data, Graph) and not isinstance(data, Dataset) and fmt.quads and fmt.name != "jsonld":
        ds = new_dataset()
        for t in data:
            ds.default_graph.add(t)
        data = ds
    kwargs: dict[str, Any] = {}
    if fmt.name == "jsonld":
        kwargs = {"context": dict(PREFIXES), "auto_compact": True}
    out: bytes = data.serialize(format=fmt.rdflib, encoding="utf-8", **kwargs)
    return out


def _ox_term(term: Node) -> Any:
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype is not None:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    raise TypeError(f"not an RDF term: {term!r}")


def _ordered(triples: set[tuple[Node, Node, Node]]) -> list[tuple[Node, Node, Node]]:
    """By subject, predicate, object: groups each subject's statements and makes the bytes
    (so the ETag) the same for the same graph."""
    return sorted(triples, key=lambda t: (t[0].n3(), t[1].n3(), t[2].n3()))


def _turtle(triples: set[tuple[Node, Node, Node]]) -> bytes:
    """Turtle through Oxigraph's writer.

    rdflib's Turtle serializer spent 60% of a cold document build at 100k articles
    (0.24 s for 1,500 triples, most of it working out prefixed names term by term);
    Oxigraph's takes a few milliseconds.  Sorted, so each subject's statements are
    grouped with ``;`` and the bytes (and so the ETag) are the same for the same graph.
    """
    out = ox.serialize(
        [ox.Triple(_ox_term(s), _ox_term(p), _ox_term(o)) for s, p, o in _ordered(triples)],
        format=ox.RdfFormat.TURTLE,
        prefixes=dict(PREFIXES),
    )
    return out or b""


#: Namespaces longest first, so the most specific prefix wins.
_BY_LENGTH = sorted(PREFIXES.items(), key=lambda kv: -len(kv[1]))


def _compact(iri: str) -> str:
    for prefix, ns in _BY_LENGTH:
        if iri.startswith(ns) and len(iri) > len(ns) and not iri[len(ns) :].startswith("//"):
            return f"{prefix}:{iri[len(ns):]}"
    return iri


def _jsonld_value(term: Node) -> dict[str, str]:
    if isinstance(term, URIRef):
        return {"@id": _compact(str(term))}
    if isinstance(term, BNode):
        return {"@id": f"_:{term}"}
    if isinstance(term, Literal):
        if term.language:
            return {"@value": str(term), "@language": term.language}
        if term.datatype is not None and str(term.datatype) != str(XSD.string):
            return {"@value": str(term), "@type": _compact(str(term.datatype))}
        return {"@value": str(term)}
    raise TypeError(f"not an RDF term: {term!r}")


def _jsonld(triples: set[tuple[Node, Node, Node]]) -> bytes:
    """Compact JSON-LD: the prefixes as an inline context and one node object per subject.

    Written directly for the same reason as ``_turtle``: rdflib's JSON-LD serializer with
    auto-compaction made a cold document cost hundreds of milliseconds at 100k articles.
    Every value is an explicit ``@id`` / ``@value`` object, so no term definition is
    needed beyond the prefixes and a JSON-LD processor reads back exactly these triples.
    """
    nodes: dict[str, dict[str, Any]] = {}
    for s, p, o in _ordered(triples):
        sid = f"_:{s}" if isinstance(s, BNode) else _compact(str(s))
        node = nodes.setdefault(sid, {"@id": sid})
        if p == RDF.type and isinstance(o, URIRef):
            node.setdefault("@type", []).append(_compact(str(o)))
        else:
            node.setdefault(_compact(str(p)), []).append(_jsonld_value(o))
    doc = {"@context": dict(PREFIXES), "@graph": list(nodes.values())}
    return json.dumps(doc, ensure_ascii=False, indent=1).encode("utf-8")


# -- the RDF description of a resource -------------------------------------------------


def dataset_iri(base: str) -> URIRef:
    """The IRI of the whole dataset as VoID describes it."""
    return URIRef(base.rstrip("/") + "/.well-known/void#dataset")


def description_dataset(desc: Description, base: str, page_url: Callable[[int], str]) -> Dataset:
    """The quads of one page of a description.

    Statements read from the store sit in the article graph they came from (one of
    them when several articles state the same thing), so TriG and N-Quads show
    provenance; labels of linked resources, counts and paging links are the server's
    own statements and sit in the default graph.
    """
    ds = new_dataset()
    default = ds.default_graph

    def add(s: Node, p: Node, o: Node, g: URIRef | None) -> None:
        (ds.graph(g) if g is not None else default).add((s, p, o))

    iri = desc.iri
    if desc.kind == "article":
        for t in desc.article_triples:
            add(*t, iri)
    else:
        for st in desc.statements:
            add(iri, st.predicate, st.object, st.graph)
    for link in desc.links:
        add(link.subject, link.predicate, iri, link.graph)
    for m in desc.mentions:
        add(iri, NG.denotedBy, m.iri, m.graph)
        for p, o in m.properties:
            add(m.iri, p, o, m.graph)
    for card in desc.cards.values():
        for p, vals in card.values.items():
            if p in (RDFS.label, NG.name, NG.title, RDF.type, NG.date, NG.published):
                for v in vals:
                    if desc.kind == "article" and (card.iri, p, v) in ds.graph(iri):
                        continue
                    default.add((card.iri, p, v))

    doc = URIRef(page_url(desc.page))
    default.add((doc, RDF.type, FOAF.Document))
    default.add((doc, FOAF.primaryTopic, iri))
    default.add((doc, DCTERMS.title, Literal(f"Description of {desc.label}")))
    default.add((doc, VOID.inDataset, dataset_iri(base)))
    collection_base = base.rstrip("/") + iris.data_path(desc.kind, desc.key, "x")[:-2]
    links = URIRef(collection_base + "#incoming")
    default.add((links, RDF.type, HYDRA.Collection))
    default.add((links, RDFS.comment, Literal(f"Resources that link to <{iri}>")))
    default.add((links, HYDRA.totalItems, Literal(desc.link_total)))
    default.add((links, HYDRA.view, doc))
    for link in desc.links:
        default.add((links, HYDRA.member, link.subject))
    if desc.kind != "article":
        mentions = URIRef(collection_base + "#mentions")
        default.add((mentions, RDF.type, HYDRA.Collection))
        default.add((mentions, RDFS.comment, Literal(f"Spans of article text that denote <{iri}>")))
        default.add((mentions, HYDRA.totalItems, Literal(desc.mention_count)))
        default.add((mentions, HYDRA.view, doc))
        for m in desc.mentions:
            default.add((mentions, HYDRA.member, m.iri))
    if desc.paged:
        default.add((doc, RDF.type, HYDRA.PartialCollectionView))
        default.add((doc, HYDRA.first, URIRef(page_url(1))))
        default.add((doc, HYDRA.last, URIRef(page_url(desc.last_page))))
        if desc.page > 1:
            default.add((doc, HYDRA.previous, URIRef(page_url(desc.page - 1))))
        if desc.page < desc.last_page:
            default.add((doc, HYDRA.next, URIRef(page_url(desc.page + 1))))
    if desc.core_truncated:
        default.add(
            (doc, RDFS.comment, Literal("The resource's own statements were cut at the server's limit."))
        )
    return ds


# -- freshness: Last-Modified and the store generation ----------------------------------


@dataclass
class Freshness:
    """When the data last changed, as far as this process can tell cheaply.

    An embedded store on disk changes its files on every write, so the newest file
    modification time in its directory is a correct (if conservative: compaction also
    touches files) Last-Modified.  Writes made through this server are recorded too.
    For an in-memory or remote store written by others there is no cheap answer, and
    no Last-Modified is sent: the content-hash ETag still makes revalidation correct.
    """

    store_dir: str | None
    last_write: float | None = None
    lock: threading.Lock = field(default_factory=threading.Lock)
    #: How long a look at the store directory is reused.  The scan stats every file,
    #: and a store of a million articles holds thousands, so doing it on every request
    #: cost more than the rest of serving a cached document.  Writes made through this
    #: process are seen at once (``record_write``); a write through another worker
    #: process of the same server is seen within this many seconds.
    scan_interval: float = 1.0
    _scanned_at: float = -1e9
    _dir_stamp: float | None = None
    _dir_ok: bool = True

    def record_write(self) -> None:
        with self.lock:
            self.last_write = time.time()
            self._scanned_at = -1e9

    def _directory_stamp(self) -> tuple[bool, float | None]:
        now = time.monotonic()
        if now - self._scanned_at < self.scan_interval:
            return self._dir_ok, self._dir_stamp
        ok, newest = True, None
        try:
            with os.scandir(self.store_dir or ".") as entries:
                newest = max((e.stat().st_mtime for e in entries if e.is_file()), default=None)
        except OSError:
            ok = False
        self._dir_ok, self._dir_stamp, self._scanned_at = ok, newest, now
        return ok, newest

    def timestamp(self) -> float | None:
        stamps = [self.last_write] if self.last_write is not None else []
        if self.store_dir:
            ok, newest = self._directory_stamp()
            if not ok:
                return None
            if newest is not None:
                stamps.append(newest)
        return max(stamps) if stamps else None

    def last_modified(self) -> datetime | None:
        ts = self.timestamp()
        return datetime.fromtimestamp(int(ts), UTC) if ts is not None else None


def freshness_for(app: Flask) -> Freshness:
    found: Freshness = app.extensions["newsgraph.freshness"]
    return found


def init_freshness(app: Flask, store: Store) -> None:
    if "newsgraph.freshness" in app.extensions:
        return
    path = getattr(store, "path", None)
    fresh = Freshness(store_dir=str(path) if path is not None else None)
    app.extensions["newsgraph.freshness"] = fresh

    @app.after_request
    def _note_writes(resp: Response) -> Response:
        if request.method in ("POST", "PUT", "DELETE", "PATCH") and resp.status_code < 400:
            fresh.record_write()
        return resp


class BodyCache:
    """Recently built documents, valid while the store has not changed.

    A hub's first page costs seconds of sorting at a million articles; readers open the
    same hubs again and again.  Entries are keyed by the store's change stamp (see
    Freshness), so a write makes them unreachable; without a stamp nothing is cached.
    """

    def __init__(self, entries: int = 256, max_body: int = 4 * 1024 * 1024) -> None:
        self.entries = entries
        self.max_body = max_body
        self.lock = threading.Lock()
        self.items: OrderedDict[tuple[Any, ...], Any] = OrderedDict()

    def get(self, key: tuple[Any, ...]) -> Any:
        with self.lock:
            value = self.items.get(key)
            if value is not None:
                self.items.move_to_end(key)
            return value

    def put(self, key: tuple[Any, ...], value: Any, size: int) -> None:
        if size > self.max_body:
            return
        with self.lock:
            self.items[key] = value
            self.items.move_to_end(key)
            while len(self.items) > self.entries:
                self.items.popitem(last=False)


def body_cache_for(app: Flask) -> BodyCache:
    cache: BodyCache = app.extensions.setdefault("newsgraph.bodies", BodyCache())
    return cache


# -- answering ------------------------------------------------------------------------


def etag_for(body: bytes) -> str:
    return hashlib.sha256(body).hexdigest()[:32]


def _etag_matches(header: str, etag: str) -> bool:
    for candidate in header.split(","):
        c = candidate.strip()
        if c == "*":
            return True
        if c.startswith("W/"):
            c = c[2:]
        if c.strip('"') == etag:
            return True
    return False


def not_modified_since(last_modified: datetime | None) -> bool:
    """True when If-Modified-Since says the client's copy is current (and no ETag is sent)."""
    if last_modified is None or "If-None-Match" in request.headers:
        return False
    header = request.headers.get("If-Modified-Since")
    if not header:
        return False
    try:
        since = parsedate_to_datetime(header)
    except (TypeError, ValueError):
        return False
    if since.tzinfo is None:
        since = since.replace(tzinfo=UTC)
    return last_modified <= since


def link_header(links: Iterable[tuple[str, str, str | None]]) -> str:
    """``<url>; rel="..."; type="..."`` entries joined for one Link header."""
    parts = []
    for url, rel, media_type in links:
        part = f'<{url}>; rel="{rel}"'
        if media_type:
            part += f'; type="{media_type}"'
        parts.append(part)
    return ", ".join(parts)


def document_response(
    body: bytes | str,
    media_type: str,
    *,
    last_modified: datetime | None = None,
    content_location: str | None = None,
    negotiated: bool = False,
    links: Iterable[tuple[str, str, str | None]] = (),
    max_age: int = MAX_AGE,
    etag: str | None = None,
) -> Response:
    """A 200 (or 304) carrying one representation, with every header a client relies on.

    ``etag``: the body's, when the caller already has it (a cached document keeps it).
    """
    data = body.encode("utf-8") if isinstance(body, str) else body
    etag = etag or etag_for(data)
    if_none_match = request.headers.get("If-None-Match")
    unchanged = (if_none_match is not None and _etag_matches(if_none_match, etag)) or (
        not_modified_since(last_modified)
    )
    if unchanged:
        resp = Response(status=304)
    else:
        resp = Response(data, status=200, content_type=_content_type(media_type))
    resp.headers["ETag"] = f'"{etag}"'
    if last_modified is not None:
        resp.headers["Last-Modified"] = format_datetime(last_modified, usegmt=True)
    resp.headers["Cache-Control"] = f"public, max-age={max_age}"
    if content_location:
        resp.headers["Content-Location"] = content_location
    if negotiated:
        resp.vary.add("Accept")
    link_list = list(links)
    if link_list:
        resp.headers["Link"] = link_header(link_list)
    return resp


def _content_type(media_type: str) -> str:
    if media_type.startswith("text/") or media_type in ("application/ld+json", "application/rdf+xml"):
        return f"{media_type}; charset=utf-8"
    return media_type


def see_other(location: str, links: Iterable[tuple[str, str, str | None]] = ()) -> Response:
    """303 See Other: the thing has no representation; this document describes it."""
    resp = Response(status=303)
    resp.headers["Location"] = location
    resp.vary.add("Accept")
    resp.headers["Cache-Control"] = f"public, max-age={max_age_redirect()}"
    link_list = list(links)
    if link_list:
        resp.headers["Link"] = link_header(link_list)
    return resp


def max_age_redirect() -> int:
    # Where a thing's description lives never changes; only the data in it does.
    return 3600


#: Content-Security-Policy of every page: no scripts, styles and images only from us.
CSP = (
    "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; "
    "base-uri 'none'; frame-ancestors 'none'"
)


def add_page_headers(resp: Response) -> Response:
    resp.headers["Content-Security-Policy"] = CSP
    resp.headers["X-Content-Type-Options"] = "nosniff"
    resp.headers["Referrer-Policy"] = "no-referrer-when-downgrade"
    return resp


def add_cors(resp: Response, origins: str) -> Response:
    """Let browser scripts of the allowed origins read public documents (never with credentials)."""
    allowed = [o.strip() for o in origins.split(",") if o.strip()]
    if not allowed:
        return resp
    origin = request.headers.get("Origin")
    if "*" in allowed:
        resp.headers["Access-Control-Allow-Origin"] = "*"
    elif origin and origin in allowed:
        resp.headers["Access-Control-Allow-Origin"] = origin
        resp.vary.add("Origin")
    else:
        return resp
    resp.headers["Access-Control-Expose-Headers"] = EXPOSED_HEADERS
    return resp


def utc_now() -> datetime:
    return datetime.now(UTC)


__all__ = [
    "CSP",
    "HTML",
    "HYDRA",
    "PREFIXES",
    "RDF_MEDIA_TYPES",
    "RESOURCE_MEDIA_TYPES",
    "BodyCache",
    "Freshness",
    "body_cache_for",
    "add_cors",
    "add_page_headers",
    "dataset_iri",
    "description_dataset",
    "document_response",
    "extension_format",
    "flatten",
    "freshness_for",
    "init_freshness",
    "link_header",
    "new_dataset",
    "not_modified_since",
    "see_other",
    "serialize",
]
