"""Blueprint of the sparql area (filled in by that area's work)."""

from __future__ import annotations

from flask import Blueprint

bp = Blueprint("sparql", __name__)
