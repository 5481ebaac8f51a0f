"""newsgraph as the benchmarks serve it: gunicorn workers sharing one on-disk store read-only.

RocksDB lets one process open a directory for writing, so two gunicorn workers that
each called ``create_app()`` on the same directory would have the second one fail.
A publication server does not write, so each worker opens the store read-only and
passes it to ``create_app`` (the documented way to give the app its store); this is
the same footing as ``oxigraph serve-read-only`` in the comparison.

    NEWSGRAPH_STORE=DIR gunicorn -w 2 -k gthread --chdir bench ng_wsgi:app
"""

from __future__ import annotations

from newsgraph.config import load_settings
from newsgraph.server import create_app
from newsgraph.store import open_store

settings = load_settings()
app = create_app(settings, store=open_store(settings.store, read_only=True))
