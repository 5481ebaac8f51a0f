"""The Flask application factory: ``create_app(settings, store=...)``.

The store is injected (tests pass an in-memory one) and kept in
``app.extensions["newsgraph"]``, never in a module global, so several apps with
different stores can live in one process.
"""

from __future__ import annotations

import importlib
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from flask import Flask, current_app

from ..config import Settings, load_settings
from ..store import Store, open_store_from

#: Blueprint modules, each exposing ``bp`` (and optionally ``init_app(app)``).
#: One module per area so that work on one never edits another's file.
BLUEPRINTS = ("errors", "resources", "sparql", "write", "discovery")


@dataclass
class AppState:
    settings: Settings
    store: Store


def create_app(
    settings: Settings | Mapping[str, Any] | None = None, *, store: Store | None = None
) -> Flask:
    """Build the linked-data server.

    ``settings`` is a Settings object or a mapping of overrides on top of the
    environment; ``store`` defaults to opening the one the settings name.
    """
    if not isinstance(settings, Settings):
        settings = load_settings(settings)
    if store is None:
        store = open_store_from(settings, read_only=settings.read_only)
    app = Flask(__name__)
    app.config["MAX_CONTENT_LENGTH"] = settings.max_body_bytes
    app.json.sort_keys = False  # type: ignore[attr-defined]
    app.extensions["newsgraph"] = AppState(settings=settings, store=store)
    for name in BLUEPRINTS:
        module = importlib.import_module(f"{__name__}.{name}")
        init = getattr(module, "init_app", None)
        if init is not None:
            init(app)
        bp = getattr(module, "bp", None)
        if bp is not None:
            app.register_blueprint(bp)
    return app


def state() -> AppState:
    """The settings and store of the app handling the current request."""
    st: AppState = current_app.extensions["newsgraph"]
    return st


__all__ = ["AppState", "create_app", "state"]
