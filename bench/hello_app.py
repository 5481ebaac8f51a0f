"""The ceiling for dereferencing: the smallest Flask app, under the same gunicorn settings.

Whatever newsgraph does per request (negotiation, store lookups, serialisation) comes
on top of what Flask and gunicorn cost for an empty answer; this app measures that
floor so the dereferencing figures can be read as a share of it.
"""

from __future__ import annotations

from flask import Flask

app = Flask(__name__)


@app.get("/<path:anything>")
@app.get("/")
def hello(anything: str = "") -> tuple[str, int, dict[str, str]]:
    return "Hello, world\n", 200, {"Content-Type": "text/plain; charset=utf-8"}
