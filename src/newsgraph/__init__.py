"""newsgraph: news articles to RDF, validated with SHACL, published as Linked Data."""

from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["__version__"]
