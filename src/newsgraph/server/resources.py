"""Dereferencing: ``/id/`` names things, ``/doc/`` and ``/data/`` are documents about them.

Following "Cool URIs for the Semantic Web", a thing's URI never answers with a body: it
answers 303 See Other to the document that suits the client -- the HTML page for a
browser, an RDF serialisation for a program.  The documents are also reachable directly
by suffix (``/data/person/xi-jinping.ttl``, ``/doc/person/xi-jinping.html``), and
``/data/{kind}/{key}`` without a suffix negotiates and names what it chose in
``Content-Location``.  An unknown thing is a 404 straight away, never a redirect to a
document that then fails.

The base URI may carry a path (``https://example.org/kg``): ``init_app`` installs a
small WSGI shim that moves that prefix into ``SCRIPT_NAME``, so ``{base}/id/...`` lands on
these routes and every link the pages build keeps the prefix.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any
from urllib.parse import urlencode, urlsplit

from flask import Blueprint, Flask, Response, render_template, request

from .. import formats, iris
from ..errors import InputError, NotAcceptable, ResourceNotFound, UnsupportedFormat
from . import state
from . import svg as pictures
from .describe import Description, describe, load_cards, neighbours, sparql_iri, timeline
from .documents import (
    HTML,
    RDF_MEDIA_TYPES,
    RESOURCE_MEDIA_TYPES,
    add_cors,
    add_page_headers,
    body_cache_for,
    description_dataset,
    document_response,
    etag_for,
    extension_format,
    freshness_for,
    init_freshness,
    not_modified_since,
    see_other,
    serialize,
)
from .pages import Linker, alternates_for, build_page, card_label

bp = Blueprint("resources", __name__)


class PrefixMiddleware:
    """Serve an app whose public base URI has a path prefix, with or without a proxy.

    A request for ``/kg/id/x`` becomes SCRIPT_NAME ``/kg`` + PATH_INFO ``/id/x``.  A
    request that arrives without the prefix (a proxy that strips it and sets
    SCRIPT_NAME itself) passes through unchanged.
    """

    def __init__(self, app: Callable[..., Any], prefix: str) -> None:
        self.app = app
        self.prefix = prefix.rstrip("/")

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Any:
        path = environ.get("PATH_INFO", "")
        if self.prefix and (path == self.prefix or path.startswith(self.prefix + "/")):
            environ["SCRIPT_NAME"] = environ.get("SCRIPT_NAME", "") + self.prefix
            environ["PATH_INFO"] = path[len(self.prefix) :] or "/"
        return self.app(environ, start_response)


def init_app(app: Flask) -> None:
    st = app.extensions["newsgraph"]
    init_freshness(app, st.store)
    prefix = urlsplit(st.settings.base).path.rstrip("/")
    if prefix and not app.extensions.get("newsgraph.prefix"):
        app.wsgi_app = PrefixMiddleware(app.wsgi_app, prefix)  # type: ignore[method-assign]
        app.extensions["newsgraph.prefix"] = prefix


@bp.after_request
def _headers(resp: Response) -> Response:
    add_cors(resp, state().settings.cors_origins)
    if resp.mimetype == HTML:
        add_page_headers(resp)
    return resp


# -- request helpers ------------------------------------------------------------------


def check_key(kind: str, key: str) -> None:
    if kind not in iris.KINDS or not iris.valid_key(kind, key):
        raise ResourceNotFound(f"there is no resource /id/{kind}/{key}")


def page_arg() -> int:
    raw = request.args.get("page")
    if raw is None:
        return 1
    try:
        page = int(raw)
    except ValueError:
        page = 0
    if page < 1 or page > 10**9:
        raise InputError(f"page must be a whole number from 1 on, not {raw!r}")
    return page


def format_arg() -> str | None:
    """``?format=ttl`` (or ``?_format=``): a media type chosen in the URL instead of Accept."""
    raw = request.args.get("format") or request.args.get("_format")
    if raw is None:
        return None
    if raw.lower() in ("html", "htm"):
        return HTML
    try:
        return formats.by_name(raw).media_type
    except UnsupportedFormat:
        raise InputError(f"unknown format {raw!r}; use html, ttl, jsonld, rdf, nt, trig or nq") from None


def _query(page: int) -> str:
    return f"?page={page}" if page > 1 else ""


# The two URL builders below run about ten times per request (the Link headers name
# every alternate document), so they join strings instead of calling ``url_for``,
# which cost 40% of a bare 303.  That is safe because ``check_key`` has already
# limited keys to slugs and country codes, characters that never need quoting, and
# ``iris`` stays the one place that knows the layout.


def doc_url(kind: str, key: str, page: int = 1) -> str:
    return request.script_root + iris.doc_path(kind, key) + _query(page)


def data_url(kind: str, key: str, ext: str | None, page: int = 1) -> str:
    return request.script_root + iris.data_path(kind, key, ext) + _query(page)


def canonical_data_url(base: str, kind: str, key: str, ext: str, page: int) -> str:
    url = base.rstrip("/") + iris.data_path(kind, key, ext)
    return url + ("?" + urlencode({"page": page}) if page > 1 else "")


def alternate_links(kind: str, key: str, page: int = 1) -> list[tuple[str, str, str | None]]:
    links: list[tuple[str, str, str | None]] = [(doc_url(kind, key, page), "alternate", HTML)]
    for fmt in formats.DOCUMENT_FORMATS:
        links.append((data_url(kind, key, fmt.extension, page), "alternate", fmt.media_type))
    return links


def not_acceptable(kind: str, key: str, offered: Iterable[str]) -> NotAcceptable:
    offered = list(offered)
    links = [[url, mt] for url, _, mt in alternate_links(kind, key) if mt in offered]
    return NotAcceptable(
        "none of the available media types is acceptable: " + ", ".join(offered),
        alternatives=offered,
        links=links,
    )


def choose(offered: tuple[str, ...], kind: str, key: str) -> str:
    chosen = format_arg()
    if chosen is not None:
        if chosen not in offered:
            raise not_acceptable(kind, key, offered)
        return chosen
    try:
        return formats.negotiate(request.headers.get("Accept"), offered)
    except NotAcceptable:
        raise not_acceptable(kind, key, offered) from None


def exists(kind: str, key: str) -> bool:
    iri = iris.entity(state().settings.base, kind, key)
    return state().store.ask(f"ASK {{ {sparql_iri(iri)} ?p ?o }}")


# -- routes ----------------------------------------------------------------------------


@bp.route("/id/<kind>/<key>")
def thing(kind: str, key: str) -> Response:
    """303 See Other to the document for this client, or 404 when the thing is unknown."""
    check_key(kind, key)
    if not exists(kind, key):
        raise ResourceNotFound(f"nothing is known about /id/{kind}/{key}")
    media_type = choose(RESOURCE_MEDIA_TYPES, kind, key)
    if media_type == HTML:
        target = doc_url(kind, key)
    else:
        target = data_url(kind, key, formats.by_media_type(media_type).extension)
    links = alternate_links(kind, key)
    return see_other(request.host_url.rstrip("/") + target, links)


def _split(name: str) -> tuple[str, str | None]:
    key, dot, ext = name.rpartition(".")
    return (key, ext) if dot else (name, None)


Built = tuple[bytes, list[tuple[str, str, str | None]]]


def _cached(
    kind: str, key: str, page: int, media_type: str, build: Callable[[], Built]
) -> tuple[bytes, list[tuple[str, str, str | None]], str]:
    """Build a document, or reuse the one built for the same store state, with its ETag.

    The ETag is a hash of the whole body, so it is kept beside the cached body rather
    than worked out again on every request that reuses it.
    """
    from flask import current_app

    stamp = freshness_for(current_app).timestamp()
    if stamp is None:
        body, links = build()
        return body, links, etag_for(body)
    cache = body_cache_for(current_app)
    ck = (stamp, request.script_root, kind, key, page, media_type)
    found: tuple[bytes, list[tuple[str, str, str | None]], str] | None = cache.get(ck)
    if found is None:
        body, links = build()
        found = (body, links, etag_for(body))
        cache.put(ck, found, len(body))
    return found


@bp.route("/doc/<kind>/<name>")
def doc(kind: str, name: str) -> Response:
    """The HTML page of a resource (``.html`` suffix optional)."""
    key, ext = _split(name)
    if ext not in (None, "html"):
        raise ResourceNotFound(f"no document /doc/{kind}/{name}; pages end in .html or nothing")
    check_key(kind, key)
    page = page_arg()
    lm = freshness_for_app()
    if not_modified_since(lm):
        return _not_modified(lm)
    body, links, etag = _cached(kind, key, page, HTML, lambda: _build_page(kind, key, page))
    return document_response(body, HTML, last_modified=lm, links=links, etag=etag)


def _build_page(kind: str, key: str, page: int) -> Built:
    st = state()
    desc = describe(
        st.store, st.settings.base, kind, key, page=page, page_size=st.settings.page_size, near=True
    )
    linker = Linker(st.settings.base)
    near, edges = neighbours(st.store, desc)
    days = timeline(st.store, desc)
    load_cards(st.store, desc, extra=[n.iri for n in near])
    nodes = [
        pictures.Node(card_label(desc.card(n.iri), str(n.iri)), linker.href(str(n.iri)), n.weight)
        for n in near
    ]
    index = {n.iri: i for i, n in enumerate(near)}
    edge_idx = {(index[a], index[b]): c for (a, b), c in edges.items() if a in index and b in index}
    view = build_page(
        desc,
        st.settings.base,
        page_href=lambda n: doc_url(kind, key, n),
        alternates=alternates_for(kind, key, page),
        network=(nodes, edge_idx),
        day_counts=days,
    )
    body = render_template("resource.html", page=view, base=st.settings.base)
    return body.encode("utf-8"), _document_links(desc, kind, key, page, lambda n: doc_url(kind, key, n))


@bp.route("/data/<kind>/<name>")
def data(kind: str, name: str) -> Response:
    """An RDF description: by suffix, or negotiated (then named in Content-Location)."""
    key, ext = _split(name)
    if ext == "html":
        check_key(kind, key)
        return doc(kind, key)
    check_key(kind, key)
    negotiated = ext is None
    if negotiated:
        media_type = choose(RDF_MEDIA_TYPES, kind, key)
        fmt = formats.by_media_type(media_type)
    else:
        found = extension_format(ext or "")
        if found is None:
            raise ResourceNotFound(
                f"no document /data/{kind}/{name}; known suffixes: "
                + ", ".join(f.extension for f in formats.DOCUMENT_FORMATS)
            )
        fmt = found
    page = page_arg()
    lm = freshness_for_app()
    if not_modified_since(lm):
        return _not_modified(lm, negotiated=negotiated)

    def build() -> Built:
        st = state()
        with_graphs = fmt.quads and fmt.name != "jsonld"
        desc = describe(
            st.store,
            st.settings.base,
            kind,
            key,
            page=page,
            page_size=st.settings.page_size,
            with_graphs=with_graphs,
        )
        load_cards(st.store, desc)
        dataset = description_dataset(
            desc,
            st.settings.base,
            lambda n: canonical_data_url(st.settings.base, kind, key, fmt.extension, n),
        )
        links = _document_links(desc, kind, key, page, lambda n: data_url(kind, key, fmt.extension, n))
        return serialize(dataset, fmt), links

    body, links, etag = _cached(kind, key, page, fmt.media_type, build)
    return document_response(
        body,
        fmt.media_type,
        last_modified=lm,
        negotiated=negotiated,
        content_location=data_url(kind, key, fmt.extension, page) if negotiated else None,
        links=links,
        etag=etag,
    )


def _document_links(
    desc: Description, kind: str, key: str, page: int, page_url: Callable[[int], str]
) -> list[tuple[str, str, str | None]]:
    links = alternate_links(kind, key, page)
    links.append((desc.iri, "describes", None))
    if desc.paged:
        links.append((page_url(1), "first", None))
        links.append((page_url(desc.last_page), "last", None))
        if page > 1:
            links.append((page_url(page - 1), "prev", None))
        if page < desc.last_page:
            links.append((page_url(page + 1), "next", None))
    return links


def freshness_for_app() -> Any:
    from flask import current_app

    return freshness_for(current_app).last_modified()


def _not_modified(last_modified: Any, *, negotiated: bool = False) -> Response:
    from email.utils import format_datetime

    resp = Response(status=304)
    resp.headers["Last-Modified"] = format_datetime(last_modified, usegmt=True)
    if negotiated:
        resp.vary.add("Accept")
    return resp


__all__ = ["PrefixMiddleware", "bp", "init_app"]
