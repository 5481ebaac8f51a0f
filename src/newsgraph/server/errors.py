"""Blueprint of the errors area (filled in by that area's work)."""

from __future__ import annotations

from flask import Blueprint

bp = Blueprint("errors", __name__)
