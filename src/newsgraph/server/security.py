"""What keeps a public endpoint standing: write authorisation, CORS, per-client limits, CSP.

* Writes need ``Authorization: Bearer <write_token>``, compared in constant time
  (``hmac.compare_digest``) so response timing says nothing about the token;
  without a configured token the write endpoints answer 404, as if absent.
* CORS: public reads (GET/HEAD/POST on the read endpoints) may be called from
  any origin the ``cors_origins`` setting allows.  ``Access-Control-Allow-Credentials``
  is never sent, so a wildcard can never be combined with cookies.  Write
  endpoints are offered cross-origin only to origins named explicitly.
* A client address may run ``max_queries_per_client`` queries at once; one more
  is answered 429 with Retry-After instead of queueing behind its own work.
* ``QUERY_PAGE_CSP`` is the Content-Security-Policy of the query page: scripts
  and styles from this server only, no inline script, forms post only here.
"""

from __future__ import annotations

import hmac
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from flask import Flask, Response, request

from ..config import Settings
from ..errors import ResourceNotFound, TooManyRequests, Unauthorized

#: Paths that change data; CORS for them only goes to explicitly named origins.
WRITE_PREFIXES = ("/update", "/store", "/api/")

QUERY_PAGE_CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)


def require_writer(settings: Settings) -> None:
    """Refuse a write request unless it carries the configured bearer token."""
    token = settings.write_token
    if not token or not settings.write_enabled:
        raise ResourceNotFound(f"no such resource: {request.path}")
    header = request.headers.get("Authorization", "")
    scheme, _, given = header.partition(" ")
    if scheme.lower() != "bearer" or not given.strip():
        raise Unauthorized("this endpoint changes data: send Authorization: Bearer <token>")
    if not hmac.compare_digest(given.strip().encode("utf-8"), token.encode("utf-8")):
        raise Unauthorized("the bearer token is not valid for this server")


def allowed_origin(settings: Settings, origin: str, *, write: bool) -> str | None:
    """The Access-Control-Allow-Origin value for this origin, or None to send none."""
    configured = [o.strip().rstrip("/") for o in settings.cors_origins.split(",") if o.strip()]
    if not configured:
        return None
    if origin.rstrip("/") in configured:
        return origin
    if "*" in configured and not write:
        return "*"
    return None


def add_cors_headers(settings: Settings, resp: Response) -> Response:
    origin = request.headers.get("Origin")
    if not origin:
        return resp
    write = request.path.startswith(WRITE_PREFIXES)
    allow = allowed_origin(settings, origin, write=write)
    resp.vary.add("Origin")
    if allow is None:
        return resp
    resp.headers["Access-Control-Allow-Origin"] = allow
    resp.headers.pop("Access-Control-Allow-Credentials", None)
    resp.headers["Access-Control-Expose-Headers"] = (
        "Content-Type, Content-Location, Location, Link, Retry-After, X-Newsgraph-Truncated"
    )
    if request.method == "OPTIONS":
        methods = "GET, HEAD, POST, PUT, DELETE, OPTIONS" if write else "GET, HEAD, POST, OPTIONS"
        resp.headers["Access-Control-Allow-Methods"] = methods
        headers = "Accept, Content-Type"
        if write:
            headers += ", Authorization"
        resp.headers["Access-Control-Allow-Headers"] = headers
        resp.headers["Access-Control-Max-Age"] = "600"
    return resp


class ClientLimiter:
    """Counts the queries each client address has running."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self._running: dict[str, int] = {}
        self._lock = threading.Lock()

    @contextmanager
    def slot(self, client: str) -> Iterator[None]:
        with self._lock:
            running = self._running.get(client, 0)
            if running >= self.limit:
                raise TooManyRequests(
                    f"this client already has {running} queries running (at most {self.limit} at once); "
                    "wait for one to finish",
                    retry_after=2,
                )
            self._running[client] = running + 1
        try:
            yield
        finally:
            with self._lock:
                left = self._running.get(client, 1) - 1
                if left <= 0:
                    self._running.pop(client, None)
                else:
                    self._running[client] = left


def client_address() -> str:
    return request.remote_addr or "unknown"


def init_app(app: Flask, settings: Settings) -> None:
    """Install the CORS hook for every response of the app."""

    @app.after_request
    def _cors(resp: Response) -> Response:
        return add_cors_headers(settings, resp)


__all__ = [
    "QUERY_PAGE_CSP",
    "ClientLimiter",
    "add_cors_headers",
    "allowed_origin",
    "client_address",
    "init_app",
    "require_writer",
]
