"""Blueprint of the discovery area (filled in by that area's work)."""

from __future__ import annotations

from flask import Blueprint

bp = Blueprint("discovery", __name__)
