"""Blueprint of the resources area (filled in by that area's work)."""

from __future__ import annotations

from flask import Blueprint

bp = Blueprint("resources", __name__)
