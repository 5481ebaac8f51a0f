"""HTML pages -> Document (placeholder; filled in below)."""
from __future__ import annotations

from .model import Document


def read_html(html: str, *, url: str | None = None, name: str = "input") -> Document:
    import re

    from .readers import read_text
    text = re.sub(r"<[^>]+>", "\n", html)
    return read_text(text, url=url, input_format="html")
