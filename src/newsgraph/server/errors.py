"""One handler renders every error: NewsgraphError, Werkzeug's HTTP errors and anything unexpected.

The body follows the client's Accept header (JSON for programs, HTML for browsers,
plain text otherwise), so a SPARQL client and a person both get a readable message.
Nothing unexpected leaks a traceback: it is logged and answered with a generic 500.
"""

from __future__ import annotations

import html
import logging
from typing import Any

from flask import Blueprint, Flask, Response, render_template, request
from werkzeug.exceptions import HTTPException

from ..errors import NewsgraphError, NotAcceptable, TooManyRequests, Unauthorized
from ..formats import negotiate

bp = Blueprint("errors", __name__)
log = logging.getLogger("newsgraph.server")

_ERROR_TYPES = ("application/json", "text/html", "text/plain")

#: The policy of error pages, the same as every other page (see documents.CSP).
CSP = (
    "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; "
    "base-uri 'none'; frame-ancestors 'none'"
)


def error_response(status: int, title: str, message: str, extra: dict[str, Any] | None = None) -> Response:
    """Build the error body in the media type the client prefers."""
    body: dict[str, Any] = {"status": status, "error": title, "message": message}
    if extra:
        body.update(extra)
    accept = request.headers.get("Accept") if request else None
    try:
        media_type = negotiate(accept, _ERROR_TYPES)
    except NotAcceptable:
        media_type = "text/plain"
    if media_type == "application/json":
        import json

        resp = Response(json.dumps(body, ensure_ascii=False), status=status, mimetype="application/json")
    elif media_type == "text/html":
        page = _html_page(status, title, message, body.get("alternatives"))
        resp = Response(page, status=status, mimetype="text/html")
        resp.headers["Content-Security-Policy"] = CSP
    else:
        resp = Response(f"{status} {title}: {message}\n", status=status, mimetype="text/plain")
    resp.headers["Vary"] = "Accept"
    return resp


def handle_newsgraph_error(exc: NewsgraphError) -> Response:
    resp = error_response(exc.status, exc.title, exc.message, exc.to_dict())
    if isinstance(exc, Unauthorized):
        resp.headers["WWW-Authenticate"] = 'Bearer realm="newsgraph"'
    if isinstance(exc, TooManyRequests):
        resp.headers["Retry-After"] = str(exc.details.get("retry_after", 1))
    links = exc.details.get("links") if exc.status == 406 else None
    if links:
        # Each entry is a URL, or [URL, media type]: say where every representation is.
        parts = []
        for link in links:
            if isinstance(link, list | tuple) and len(link) == 2:
                parts.append(f'<{link[0]}>; rel="alternate"; type="{link[1]}"')
            else:
                parts.append(f'<{link}>; rel="alternate"')
        resp.headers["Link"] = ", ".join(parts)
    return resp


def _html_page(status: int, title: str, message: str, alternatives: Any) -> str:
    """The error page in the site's layout; a bare page if the layout itself cannot render."""
    try:
        return render_template(
            "error.html", status=status, title=title, message=message,
            alternatives=alternatives if isinstance(alternatives, list) else None,
        )
    except Exception:  # noqa: BLE001 - an error page must never fail in turn
        return (
            "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            f"<title>{status} {html.escape(title)}</title></head><body>"
            f"<h1>{status} {html.escape(title)}</h1><p>{html.escape(message)}</p>"
            "<p><a href=\"/\">Home</a></p></body></html>\n"
        )


def handle_http_exception(exc: HTTPException) -> Response:
    resp = error_response(exc.code or 500, exc.name, exc.description or exc.name)
    # Keep headers Werkzeug computed (Allow on 405, WWW-Authenticate...).
    for key, value in exc.get_headers():
        if key.lower() not in ("content-type", "content-length"):
            resp.headers[key] = value
    return resp


def handle_unexpected(exc: Exception) -> Response:
    log.exception("unexpected error while handling %s %s", request.method, request.path)
    return error_response(
        500, "Internal error", "The server failed to answer this request; it has been logged."
    )


def init_app(app: Flask) -> None:
    app.register_error_handler(NewsgraphError, handle_newsgraph_error)
    app.register_error_handler(HTTPException, handle_http_exception)
    app.register_error_handler(Exception, handle_unexpected)
