"""Blueprint of the write area (filled in by that area's work)."""

from __future__ import annotations

from flask import Blueprint

bp = Blueprint("write", __name__)
