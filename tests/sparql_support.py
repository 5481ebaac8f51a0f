"""Helpers for the SPARQL, write and security tests: sample data and a live HTTP server."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from werkzeug.serving import make_server

from newsgraph.server import create_app

BASE = "http://localhost:8080"
NG = "https://w3id.org/newsgraph/ontology#"
A1 = f"{BASE}/id/article/a1"
A2 = f"{BASE}/id/article/a2"
XI = f"{BASE}/id/person/xi-jinping"
CHN = f"{BASE}/id/country/CHN"
RUS = f"{BASE}/id/country/RUS"

#: Two articles in their own named graphs, with awkward literals on purpose:
#: markup, quotes, commas, tabs and newlines, a language tag and a datatype.
SAMPLE_UPDATE = f"""
PREFIX ng: <{NG}>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
INSERT DATA {{
  GRAPH <{A1}> {{
    <{A1}> a ng:Article ; ng:title "Talks in Beijing" ;
        ng:published "2024-05-16"^^xsd:date ; ng:mentions <{XI}>, <{CHN}> .
    <{XI}> a ng:Person ; ng:name "Xi Jinping" ; ng:role "President"@en .
    <{CHN}> a ng:Country ; ng:name "China" ; ng:isoAlpha3 "CHN" .
  }}
  GRAPH <{A2}> {{
    <{A2}> a ng:Article ;
        ng:title "<script>alert('x')</script> \\"quoted\\", with comma\\tand tab\\nand newline" ;
        ng:mentions <{RUS}> .
    <{RUS}> a ng:Country ; ng:name "Russia" ; ng:isoAlpha3 "RUS" .
  }}
}}
"""


def app_with_sample(settings: dict[str, Any] | None = None, *, store: Any = None) -> Any:
    from newsgraph.store import open_store

    merged = {"store": ":memory:", "base_uri": BASE, **(settings or {})}
    if store is None:
        store = open_store(merged["store"])
    store.update(SAMPLE_UPDATE)
    # The sample goes in by raw Update, which leaves the default graph alone; derive it
    # from the article graphs as the store layer's own writes would have.
    store.reindex()
    return create_app(merged, store=store)


@contextmanager
def live_server(app: Any) -> Iterator[str]:
    """Serve app over real HTTP on a free loopback port; yields the base URL."""
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, name="live-server", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)
        runtime = app.extensions.get("newsgraph.sparql")
        if runtime is not None:
            runtime.close()
