"""How people and crawlers find their way in: home page, VoID, dumps, ontology, shapes, health.

* ``/`` -- the dataset's figures, recent events, example queries, links to the rest.
* ``/.well-known/void`` -- a VoID description (Turtle unless asked otherwise) naming the
  SPARQL endpoint, the dumps, the URI space, the vocabulary and counts per class.
* ``/dumps/newsgraph.nq.gz`` and ``/dumps/newsgraph.trig`` -- the whole dataset, streamed
  from the store as it is written, never assembled in memory.
* ``/ontology`` -- the vocabulary, 303 to HTML documentation or an RDF serialisation;
  ``https://w3id.org/newsgraph/ontology`` redirects here in production.
* ``/shapes`` -- the SHACL shapes, Turtle or an HTML listing.
* ``/health`` -- whether the store answers.

Counting a million articles' classes is not free, so the figures are computed once per
change of the store (see ``documents.Freshness``) and kept; without a way to tell, they
are kept for ``STATS_TTL`` seconds.
"""

from __future__ import annotations

import gzip
import io
import logging
import queue
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote

from flask import Blueprint, Flask, Response, current_app, render_template, request, url_for
from rdflib import RDF, RDFS, XSD, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, FOAF, OWL, VOID
from rdflib.term import Node

from .. import __version__, formats, iris
from ..errors import NewsgraphError, ResourceNotFound, StoreError
from ..ontology.namespace import NG
from ..store.base import Store
from . import state
from .describe import PREFIXES as QUERY_PREFIXES
from .describe import Card, fetch_cards
from .documents import (
    HTML,
    PREFIXES,
    RESOURCE_MEDIA_TYPES,
    add_cors,
    add_page_headers,
    dataset_iri,
    document_response,
    extension_format,
    freshness_for,
    init_freshness,
    not_modified_since,
    see_other,
    serialize,
)
from .pages import Linker, card_label, card_note, term_label

bp = Blueprint("discovery", __name__)
log = logging.getLogger("newsgraph.server")

#: Seconds the home page figures are reused when the store cannot say whether it changed.
STATS_TTL = 60.0

#: Classes counted on the home page and in VoID, in display order.
COUNTED_CLASSES: tuple[tuple[URIRef, str], ...] = (
    (NG.Article, "articles"),
    (NG.Event, "events"),
    (NG.Person, "people"),
    (NG.Country, "countries"),
    (NG.Organization, "organisations"),
    (NG.Agreement, "agreements"),
    (NG.Source, "sources"),
)
EVENT_CLASSES = (NG.Event, NG.Meeting, NG.Talks, NG.Visit, NG.PhoneCall, NG.Signing, NG.Summit, NG.Statement)

FORMATS_NS = Namespace("http://www.w3.org/ns/formats/")
FORMAT_FEATURES = {
    "turtle": FORMATS_NS.Turtle,
    "jsonld": FORMATS_NS["JSON-LD"],
    "rdfxml": FORMATS_NS.RDF_XML,
    "nt": FORMATS_NS["N-Triples"],
    "trig": FORMATS_NS.TriG,
    "nquads": FORMATS_NS["N-Quads"],
}

DUMPS = {
    "newsgraph.nq.gz": ("application/n-quads", True, "application/gzip"),
    "newsgraph.trig": ("application/trig", False, "application/trig"),
}

EXAMPLE_QUERIES: tuple[tuple[str, str], ...] = (
    (
        "Events with their type and date, newest first",
        "SELECT ?event ?type ?date WHERE {\n  ?event a ?type ; ng:date ?date .\n"
        "  ?type rdfs:subClassOf ng:Event .\n} ORDER BY DESC(?date) LIMIT 20",
    ),
    (
        "Who met whom: pairs of people in the same event",
        "SELECT ?a ?b (COUNT(DISTINCT ?event) AS ?events) WHERE {\n"
        "  ?event ng:participant ?x, ?y .\n  ?x ng:name ?a . ?y ng:name ?b .\n  FILTER(STR(?x) < STR(?y))\n"
        "} GROUP BY ?a ?b ORDER BY DESC(?events) LIMIT 20",
    ),
    (
        "Countries by number of events",
        "SELECT ?country ?name (COUNT(DISTINCT ?event) AS ?events) WHERE {\n"
        "  ?event ng:country ?country . ?country ng:name ?name .\n"
        "} GROUP BY ?country ?name ORDER BY DESC(?events) LIMIT 20",
    ),
    (
        "Agreements, their parties and the sentence they were read from",
        "SELECT ?agreement ?title ?party ?sentence WHERE {\n"
        "  ?agreement a ng:Agreement ; ng:title ?title ; ng:party ?party .\n"
        "  OPTIONAL { ?agreement ng:denotedBy/ng:sentence ?sentence }\n} LIMIT 20",
    ),
)


def init_app(app: Flask) -> None:
    init_freshness(app, app.extensions["newsgraph"].store)
    app.extensions["newsgraph.stats"] = StatsCache()


@bp.after_request
def _headers(resp: Response) -> Response:
    add_cors(resp, state().settings.cors_origins)
    if resp.mimetype == HTML:
        add_page_headers(resp)
    return resp


def public(path: str) -> str:
    """An absolute URL under the base URI, for RDF that names our own endpoints."""
    return state().settings.base + path


def last_modified() -> Any:
    return freshness_for(current_app).last_modified()


# -- figures ---------------------------------------------------------------------------


@dataclass
class Stats:
    quads: int
    graphs: int
    classes: dict[URIRef, int]
    recent: list[tuple[URIRef, list[str]]]
    cards: dict[URIRef, Card]
    examples: list[URIRef]
    computed: float = field(default_factory=time.time)

    @property
    def entities(self) -> int:
        return sum(self.classes.get(c, 0) for c, _ in COUNTED_CLASSES)


def compute_stats(store: Store) -> Stats:
    classes: dict[URIRef, int] = {}
    for row in store.select("SELECT ?c (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s a ?c } GROUP BY ?c"):
        c = row.get("c")
        if isinstance(c, URIRef):
            classes[c] = int(str(row.get("n", 0)))
    # Events are typed with their most specific class only; count them together.
    events = store.select(
        QUERY_PREFIXES
        + "SELECT (COUNT(DISTINCT ?e) AS ?n) WHERE { VALUES ?c { "
        + " ".join(f"<{c}>" for c in EVENT_CLASSES)
        + " } ?e a ?c }"
    )
    classes[NG.Event] = int(str(events[0].get("n", 0))) if events else 0
    graphs = store.select(
        "SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?s a <" + str(NG.Article) + "> } }"
    )
    # Newest dated things first; ordering by the date alone (an inline value) keeps this a
    # cheap top-k scan.  Agreements carry dates too, so take more and keep the events.
    recent_rows = store.select(
        QUERY_PREFIXES + "SELECT ?e ?d WHERE { ?e ng:date ?d } ORDER BY DESC(?d) LIMIT 40"
    )
    dated: list[URIRef] = []
    for r in recent_rows:
        e = r.get("e")
        if isinstance(e, URIRef) and e not in dated:
            dated.append(e)
    who: dict[URIRef, list[URIRef]] = {e: [] for e in dated}
    if dated:
        values = " ".join(f"<{e}>" for e in dated)
        for row in store.select(
            QUERY_PREFIXES
            + f"SELECT DISTINCT ?e ?x WHERE {{ VALUES ?e {{ {values} }} "
            "{ ?e ng:participant ?x } UNION { ?e ng:country ?x } UNION { ?e ng:organization ?x } }"
        ):
            e, x = row.get("e"), row.get("x")
            if isinstance(e, URIRef) and isinstance(x, URIRef) and e in who:
                who[e].append(x)
    examples: list[URIRef] = []
    for cls in (NG.Person, NG.Country, NG.Organization, NG.Event, NG.Agreement, NG.Article, NG.Source):
        if cls == NG.Event:
            rows = store.select(QUERY_PREFIXES + "SELECT ?s WHERE { ?s ng:reportedIn ?a } LIMIT 1")
        else:
            rows = store.select(f"SELECT ?s WHERE {{ ?s a <{cls}> }} LIMIT 1")
        examples.extend(s for r in rows if isinstance(s := r.get("s"), URIRef))
    actors = sorted({x for xs in who.values() for x in xs})
    cards = fetch_cards(store, [*dated, *examples, *actors])
    event_classes = set(EVENT_CLASSES)
    recent_iris = [e for e in dated if e in cards and event_classes & set(cards[e].types)][:10]
    names = {
        e: sorted(c.label for x in who[e] if (c := cards.get(x)) is not None and c.label)[:6]
        for e in recent_iris
    }
    return Stats(
        quads=store.count(),
        graphs=int(str(graphs[0].get("n", 0))) if graphs else 0,
        classes=classes,
        recent=[(e, names.get(e, [])) for e in recent_iris],
        cards=cards,
        examples=examples,
    )


class StatsCache:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.key: float | None = None
        self.value: Stats | None = None

    def get(self, store: Store, stamp: float | None) -> Stats:
        with self.lock:
            v = self.value
            fresh = v is not None and (
                (stamp is not None and self.key == stamp)
                or (stamp is None and time.time() - v.computed < STATS_TTL)
            )
            if not fresh or v is None:
                v = compute_stats(store)
                self.value, self.key = v, stamp
            return v


def stats() -> Stats:
    cache: StatsCache = current_app.extensions["newsgraph.stats"]
    return cache.get(state().store, freshness_for(current_app).timestamp())


# -- home ----------------------------------------------------------------------------------


@bp.route("/")
def home() -> Response:
    lm = last_modified()
    if not_modified_since(lm):
        return Response(status=304)
    st = state()
    s = stats()
    linker = Linker(st.settings.base)
    figures = [(label, s.classes.get(cls, 0), str(cls)) for cls, label in COUNTED_CLASSES]
    recent = []
    for e, names in s.recent:
        card = s.cards.get(e)
        recent.append(
            {
                "label": card_label(card, str(e)),
                "href": linker.href(str(e)),
                "note": card_note(card),
                "who": ", ".join(names),
            }
        )
    sparql = request.script_root + "/sparql"
    examples = [
        {"title": t, "query": q, "href": sparql + "?query=" + quote(_with_prefixes(q), safe="")}
        for t, q in EXAMPLE_QUERIES
    ]
    sample_links = [
        {
            "label": card_label(s.cards.get(e), str(e)),
            "href": linker.href(str(e)),
            "kind": (iris.parse(st.settings.base, str(e)) or iris.ParsedIRI("", "")).kind,
        }
        for e in s.examples
    ]
    body = render_template(
        "home.html",
        figures=figures,
        quads=s.quads,
        graphs=s.graphs,
        recent=recent,
        examples=examples,
        samples=sample_links,
        sparql=sparql,
        base=st.settings.base,
        dumps=[(name, url_for("discovery.dump", name=name), spec[0]) for name, spec in DUMPS.items()],
        version=__version__,
    )
    return document_response(
        body,
        HTML,
        last_modified=lm,
        max_age=10,
        links=[(url_for("discovery.void"), "describedby", "text/turtle")],
    )


def _with_prefixes(q: str) -> str:
    return f"PREFIX ng: <{iris.NG}>\nPREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n\n{q}"


# -- VoID ---------------------------------------------------------------------------------


def void_graph() -> Graph:
    st = state()
    s = stats()
    g = Graph()
    for prefix, ns in PREFIXES.items():
        g.bind(prefix, Namespace(ns), override=True)
    g.bind("formats", FORMATS_NS)
    doc = URIRef(public("/.well-known/void"))
    ds = dataset_iri(st.settings.base)
    g.add((doc, RDF.type, VOID.DatasetDescription))
    g.add((doc, DCTERMS.title, Literal("VoID description of the newsgraph dataset")))
    g.add((doc, FOAF.primaryTopic, ds))
    g.add((ds, RDF.type, VOID.Dataset))
    g.add((ds, DCTERMS.title, Literal("newsgraph")))
    g.add(
        (
            ds,
            DCTERMS.description,
            Literal(
                "Events, people, countries, organisations and agreements read from news articles, "
                "one named graph per article, with the sentences each fact came from."
            ),
        )
    )
    g.add((ds, FOAF.homepage, URIRef(public("/"))))
    g.add((ds, VOID.sparqlEndpoint, URIRef(public("/sparql"))))
    for name, (media_type, _, _) in DUMPS.items():
        dump = URIRef(public("/dumps/" + name))
        g.add((ds, VOID.dataDump, dump))
        g.add((dump, DCTERMS["format"], Literal(media_type)))
    g.add((ds, VOID.uriSpace, Literal(st.settings.base + "/id/")))
    g.add((ds, VOID.vocabulary, URIRef(iris.NG)))
    g.add((ds, VOID.vocabulary, URIRef(str(RDFS))))
    g.add((ds, VOID.vocabulary, URIRef(str(OWL))))
    g.add((ds, VOID.triples, Literal(s.quads)))
    g.add((ds, VOID.entities, Literal(s.entities)))
    g.add((ds, VOID.classes, Literal(len(s.classes))))
    g.add((ds, VOID.documents, Literal(s.graphs)))
    for fmt in formats.DOCUMENT_FORMATS:
        feature = FORMAT_FEATURES.get(fmt.name)
        if feature is not None:
            g.add((ds, VOID.feature, feature))
    for example in s.examples:
        g.add((ds, VOID.exampleResource, example))
    lm = last_modified()
    if lm is not None:
        g.add((ds, DCTERMS.modified, Literal(lm.isoformat(), datatype=XSD.dateTime)))
    for cls, count in sorted(s.classes.items()):
        if not str(cls).startswith(iris.NG):
            continue
        part = URIRef(f"{public('/.well-known/void')}#class-{cls[len(iris.NG) :]}")
        g.add((ds, VOID.classPartition, part))
        g.add((part, VOID["class"], cls))
        g.add((part, VOID.entities, Literal(count)))
    return g


@bp.route("/.well-known/void")
def void() -> Response:
    offered = tuple(f.media_type for f in formats.DOCUMENT_FORMATS if not f.quads or f.name == "jsonld")
    media_type = formats.negotiate(request.headers.get("Accept"), offered)
    fmt = formats.by_media_type(media_type)
    return document_response(
        serialize(void_graph(), fmt),
        fmt.media_type,
        last_modified=last_modified(),
        negotiated=True,
        max_age=60,
    )


# -- dumps ------------------------------------------------------------------------------------


class _Pipe(io.RawIOBase):
    """A writable file whose bytes a generator reads: the dump thread writes, the response yields."""

    def __init__(self) -> None:
        self.chunks: queue.Queue[bytes | None | BaseException] = queue.Queue(maxsize=8)
        self.cancelled = threading.Event()

    def writable(self) -> bool:
        return True

    def write(self, b: Any) -> int:
        data = bytes(b)
        while not self.cancelled.is_set():
            try:
                self.chunks.put(data, timeout=0.5)
                return len(data)
            except queue.Full:
                continue
        raise BrokenPipeError("the client went away")

    def finish(self, item: None | BaseException) -> None:
        while not self.cancelled.is_set():
            try:
                self.chunks.put(item, timeout=0.5)
                return
            except queue.Full:
                continue


def stream_dump(store: Store, media_type: str, compress: bool) -> Iterator[bytes]:
    """Yield the dump in chunks while a thread writes it; stop the thread if the client leaves."""
    pipe = _Pipe()

    def work() -> None:
        try:
            buffered = io.BufferedWriter(pipe, buffer_size=256 * 1024)
            if compress:
                with gzip.GzipFile(fileobj=buffered, mode="wb", compresslevel=6, mtime=0) as gz:
                    store.dump(gz, media_type)  # type: ignore[arg-type]
            else:
                store.dump(buffered, media_type)
            buffered.flush()
            pipe.finish(None)
        except BrokenPipeError:
            pass
        except BaseException as exc:  # noqa: BLE001 - reported to the reading side
            pipe.finish(exc)

    thread = threading.Thread(target=work, name="newsgraph-dump", daemon=True)
    thread.start()
    try:
        while True:
            item = pipe.chunks.get()
            if item is None:
                return
            if isinstance(item, BaseException):
                log.error("dump failed part-way: %s", item)
                return
            yield item
    finally:
        pipe.cancelled.set()


@bp.route("/dumps/<name>")
def dump(name: str) -> Response:
    spec = DUMPS.get(name)
    if spec is None:
        raise ResourceNotFound(f"no dump named {name!r}; there are: " + ", ".join(DUMPS))
    media_type, compress, content_type = spec
    lm = last_modified()
    if not_modified_since(lm):
        return Response(status=304)
    st = state()
    resp = Response(stream_dump(st.store, media_type, compress), content_type=content_type)
    resp.headers["Content-Disposition"] = f'attachment; filename="{name}"'
    resp.headers["Cache-Control"] = "public, max-age=300"
    if lm is not None:
        from email.utils import format_datetime

        resp.headers["Last-Modified"] = format_datetime(lm, usegmt=True)
    return resp


# -- health --------------------------------------------------------------------------------------


@bp.route("/health")
def health() -> Response:
    st = state()
    started = time.perf_counter()
    body: dict[str, Any] = {"status": "ok", "version": __version__, "base_uri": st.settings.base}
    try:
        st.store.ask("ASK { ?s ?p ?o }")
        body["store"] = "ok"
    except NewsgraphError as exc:
        body.update(status="unavailable", store="error", message=exc.message)
    body["store_ms"] = round((time.perf_counter() - started) * 1000, 1)
    import json

    resp = Response(
        json.dumps(body), status=200 if body["status"] == "ok" else 503, mimetype="application/json"
    )
    resp.headers["Cache-Control"] = "no-store"
    return resp


# -- ontology ------------------------------------------------------------------------------------


def ontology_rdf() -> Graph:
    """The bundled ontology plus one statement tying this server's /ontology URL to it."""
    from ..ontology import load_ontology

    try:
        g = load_ontology()
    except OSError as exc:
        raise StoreError(f"the ontology file is missing from the installation: {exc}") from None
    g.add((URIRef(public("/ontology")), OWL.sameAs, URIRef(iris.ONTOLOGY_IRI)))
    return g


@bp.route("/ontology")
def ontology() -> Response:
    """The ontology as a thing: 303 to its HTML documentation or an RDF serialisation."""
    media_type = formats.negotiate(request.headers.get("Accept"), RESOURCE_MEDIA_TYPES)
    ext = "html" if media_type == HTML else formats.by_media_type(media_type).extension
    return see_other(
        request.host_url.rstrip("/") + url_for("discovery.ontology_document", ext=ext),
        _alternates("discovery.ontology_document"),
    )


def _alternates(endpoint: str) -> list[tuple[str, str, str | None]]:
    links: list[tuple[str, str, str | None]] = [(url_for(endpoint, ext="html"), "alternate", HTML)]
    for fmt in formats.DOCUMENT_FORMATS:
        links.append((url_for(endpoint, ext=fmt.extension), "alternate", fmt.media_type))
    return links


@bp.route("/ontology.<ext>")
def ontology_document(ext: str) -> Response:
    if ext == "html":
        page = render_template("ontology.html", onto=ontology_view(ontology_rdf()))
        return document_response(page, HTML, links=_alternates("discovery.ontology_document"), max_age=3600)
    fmt = extension_format(ext)
    if fmt is None:
        raise ResourceNotFound(f"no ontology document /ontology.{ext}")
    if fmt.name == "turtle":
        from ..ontology import ontology_text

        # The shipped file verbatim (comments and layout are documentation too), plus
        # the one statement naming this copy.
        text = ontology_text() + (
            f"\n# This copy is served at {public('/ontology')}.\n"
            f"<{public('/ontology')}> <{OWL.sameAs}> <{iris.ONTOLOGY_IRI}> .\n"
        )
        body: bytes = text.encode("utf-8")
    else:
        body = serialize(ontology_rdf(), fmt)
    return document_response(
        body, fmt.media_type, links=_alternates("discovery.ontology_document"), max_age=3600
    )


@dataclass
class TermView:
    id: str
    iri: str
    label: str
    comment: str
    kind: str
    rows: list[tuple[str, list[tuple[str, str | None]]]]
    deprecated: bool = False


def _list_items(g: Graph, node: Node) -> list[Node]:
    from rdflib.collection import Collection

    try:
        return list(Collection(g, node))  # type: ignore[arg-type]
    except Exception:  # noqa: BLE001 - a malformed list shows as nothing rather than failing the page
        return []


def _term_refs(g: Graph, node: Node, linker: Linker) -> list[tuple[str, str | None]]:
    """(text, href) for a class expression: an IRI, or the members of an owl:unionOf."""
    if isinstance(node, URIRef):
        return [(_curie(g, node), linker.href(str(node)))]
    if isinstance(node, Literal):
        return [(str(node), None)]
    members = g.value(node, OWL.unionOf)
    if members is not None:
        out: list[tuple[str, str | None]] = []
        for i, m in enumerate(_list_items(g, members)):
            if i:
                out.append(("or", None))
            out.extend(_term_refs(g, m, linker))
        return out
    return [("(anonymous class)", None)]


def _curie(g: Graph, iri: URIRef) -> str:
    try:
        return g.namespace_manager.curie(iri, generate=False)
    except (ValueError, KeyError):
        return str(iri)


def ontology_view(g: Graph) -> dict[str, Any]:
    linker = Linker(state().settings.base)
    onto = URIRef(iris.ONTOLOGY_IRI)

    def text(s: Node, p: URIRef) -> str:
        v = g.value(s, p)
        return str(v) if v is not None else ""

    def term(s: URIRef, kind: str) -> TermView:
        rows: list[tuple[str, list[tuple[str, str | None]]]] = []
        for label, prop in (
            ("subclass of", RDFS.subClassOf),
            ("equivalent to", OWL.equivalentClass),
            ("domain", RDFS.domain),
            ("range", RDFS.range),
            ("subproperty of", RDFS.subPropertyOf),
            ("inverse of", OWL.inverseOf),
            ("equivalent property", OWL.equivalentProperty),
        ):
            refs: list[tuple[str, str | None]] = []
            for o in sorted(g.objects(s, prop), key=str):
                if refs:
                    refs.append((",", None))
                refs.extend(_term_refs(g, o, linker))
            if refs:
                rows.append((label, refs))
        codes = sorted(str(c) for c in g.objects(s, NG.cameoCode))
        if codes:
            rows.append(("CAMEO codes", [(", ".join(codes), None)]))
        types = [_curie(g, t) for t in g.objects(s, RDF.type) if isinstance(t, URIRef)]
        if any(t.endswith("FunctionalProperty") for t in types):
            rows.append(("characteristics", [("functional", None)]))
        replaced = [o for o in g.objects(s, DCTERMS.isReplacedBy)]
        if replaced:
            rows.append(("replaced by", [r for o in replaced for r in _term_refs(g, o, linker)]))
        return TermView(
            id=str(s)[len(iris.NG) :],
            iri=str(s),
            label=text(s, RDFS.label) or str(s)[len(iris.NG) :],
            comment=text(s, RDFS.comment),
            kind=kind,
            rows=rows,
            deprecated=str(g.value(s, OWL.deprecated) or "").lower() == "true",
        )

    def ours(cls: URIRef) -> list[URIRef]:
        return sorted(
            (s for s in g.subjects(RDF.type, cls) if isinstance(s, URIRef) and str(s).startswith(iris.NG)),
            key=lambda s: str(s).lower(),
        )

    classes = [term(s, "Class") for s in ours(OWL.Class)]
    object_props = [term(s, "Object property") for s in ours(OWL.ObjectProperty)]
    data_props = [term(s, "Datatype property") for s in ours(OWL.DatatypeProperty)]
    annotation_props = [term(s, "Annotation property") for s in ours(OWL.AnnotationProperty)]
    meta = [
        (label, text(onto, prop))
        for label, prop in (
            ("Version", OWL.versionInfo),
            ("Created", DCTERMS.created),
            ("Modified", DCTERMS.modified),
            ("Creator", DCTERMS.creator),
            ("License", DCTERMS.license),
        )
        if text(onto, prop)
    ]
    return {
        "iri": iris.ONTOLOGY_IRI,
        "namespace": iris.NG,
        "title": text(onto, DCTERMS.title) or "The newsgraph ontology",
        "description": text(onto, DCTERMS.description),
        "meta": meta,
        "sections": [
            ("Classes", "classes", classes),
            ("Object properties", "object-properties", object_props),
            ("Datatype properties", "datatype-properties", data_props),
            ("Annotation properties", "annotation-properties", annotation_props),
        ],
        "alternates": [
            {"label": lbl, "href": url_for("discovery.ontology_document", ext=ext)}
            for lbl, ext in (
                ("Turtle", "ttl"),
                ("JSON-LD", "jsonld"),
                ("RDF/XML", "rdf"),
                ("N-Triples", "nt"),
            )
        ],
        "term_label": term_label,
    }


# -- shapes ---------------------------------------------------------------------------------------

SHACL = Namespace("http://www.w3.org/ns/shacl#")


def shapes_graph() -> Graph:
    """The SHACL shapes shipped with the package (every ``.ttl`` file of newsgraph.shapes)."""
    from importlib.resources import files

    try:
        from .. import shapes as shapes_pkg
    except ImportError:
        raise ResourceNotFound("the shapes are not part of this installation") from None
    loader = getattr(shapes_pkg, "load_shapes", None)
    if callable(loader):
        loaded = loader()
        if isinstance(loaded, Graph):
            return loaded
    g = Graph()
    root = files(shapes_pkg.__name__)
    found = False
    for entry in sorted(root.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".ttl"):
            g.parse(data=entry.read_text(encoding="utf-8"), format="turtle")
            found = True
    if not found:
        raise ResourceNotFound("the shapes are not part of this installation")
    return g


@bp.route("/shapes")
def shapes() -> Response:
    """The shapes document, negotiated (200 with Content-Location)."""
    media_type = formats.negotiate(request.headers.get("Accept"), (*RESOURCE_MEDIA_TYPES[1:], HTML))
    ext = "html" if media_type == HTML else formats.by_media_type(media_type).extension
    resp = shapes_document(ext)
    if resp.status_code == 200:
        resp.headers["Content-Location"] = url_for("discovery.shapes_document", ext=ext)
    resp.vary.add("Accept")
    return resp


@bp.route("/shapes.<ext>")
def shapes_document(ext: str) -> Response:
    g = shapes_graph()
    links = _alternates("discovery.shapes_document")
    if ext == "html":
        body = render_template("shapes.html", shapes=shapes_view(g))
        return document_response(body, HTML, links=links, max_age=3600)
    fmt = extension_format(ext)
    if fmt is None:
        raise ResourceNotFound(f"no shapes document /shapes.{ext}")
    for prefix, ns in PREFIXES.items():
        g.bind(prefix, Namespace(ns), override=False)
    return document_response(serialize(g, fmt), fmt.media_type, links=links, max_age=3600)


def shapes_view(g: Graph) -> list[dict[str, Any]]:
    linker = Linker(state().settings.base)

    def show(node: Node | None) -> tuple[str, str | None]:
        if node is None:
            return ("", None)
        if isinstance(node, URIRef):
            return (_curie(g, node), linker.href(str(node)))
        if isinstance(node, Literal):
            return (str(node), None)
        inverse = g.value(node, SHACL.inversePath)
        if inverse is not None:
            return ("^" + show(inverse)[0], None)
        alternatives = g.value(node, SHACL.alternativePath)
        if alternatives is not None:
            return (" | ".join(show(m)[0] for m in _list_items(g, alternatives)), None)
        items = _list_items(g, node)
        if items:
            return (" / ".join(show(m)[0] for m in items), None)
        return ("(blank node)", None)

    out = []
    node_shapes = sorted({s for s in g.subjects(RDF.type, SHACL.NodeShape)}, key=lambda s: str(s))
    for shape in node_shapes:
        props = []
        for ps in g.objects(shape, SHACL.property):
            constraints: list[tuple[str, str, str | None]] = []
            for label, prop in (
                ("min", SHACL.minCount),
                ("max", SHACL.maxCount),
                ("datatype", SHACL.datatype),
                ("class", SHACL["class"]),
                ("node kind", SHACL.nodeKind),
                ("pattern", SHACL.pattern),
                ("in", SHACL["in"]),
                ("severity", SHACL.severity),
            ):
                v = g.value(ps, prop)
                if v is not None:
                    if prop == SHACL["in"]:
                        constraints.append((label, ", ".join(show(m)[0] for m in _list_items(g, v)), None))
                    else:
                        text_, href = show(v)
                        constraints.append((label, text_, href))
            path_text, path_href = show(g.value(ps, SHACL.path))
            message = g.value(ps, SHACL.message)
            props.append(
                {
                    "path": path_text,
                    "path_href": path_href,
                    "constraints": constraints,
                    "message": str(message) if message is not None else "",
                    "name": str(g.value(ps, SHACL.name) or ""),
                }
            )
        props.sort(key=lambda p: str(p["path"]))
        targets = [show(t) for t in g.objects(shape, SHACL.targetClass)]
        targets += [(f"subjects of {show(t)[0]}", None) for t in g.objects(shape, SHACL.targetSubjectsOf)]
        targets += [(f"objects of {show(t)[0]}", None) for t in g.objects(shape, SHACL.targetObjectsOf)]
        name = _curie(g, shape) if isinstance(shape, URIRef) else "(unnamed shape)"
        out.append(
            {
                "name": name,
                "id": name.replace(":", "-"),
                "targets": targets,
                "comment": str(g.value(shape, RDFS.comment) or g.value(shape, SHACL.description) or ""),
                "properties": props,
            }
        )
    return out


__all__ = ["bp", "compute_stats", "init_app", "stream_dump", "void_graph"]
