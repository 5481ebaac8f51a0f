"""Entity, event and agreement extraction from a Document (placeholder until the extractor lands)."""

from __future__ import annotations

from .model import Document, Extraction


def extract(document: Document) -> Extraction:
    """Read persons, countries, organisations, events and agreements from the document."""
    return Extraction(document=document)
