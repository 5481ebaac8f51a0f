"""Sample articles shipped with newsgraph: the demo graph and the converter's test fixtures.

They are package data, so ``newsgraph demo`` and the tests find them in an installed
wheel as well as in a checkout.  Every person and outlet in them is fictional (see
README.md in this folder).
"""

from __future__ import annotations

from importlib import resources
from importlib.abc import Traversable

#: Suffixes of the sample article files (README.md and this module are not samples).
SAMPLE_SUFFIXES = (".txt", ".html", ".json", ".jsonl")


def sample_files() -> list[Traversable]:
    """The sample articles, sorted by name, as importlib resources (work inside zips too)."""
    root = resources.files(__name__)
    return sorted(
        (f for f in root.iterdir() if f.is_file() and f.name.endswith(SAMPLE_SUFFIXES)),
        key=lambda f: f.name,
    )


def sample_paths() -> list[str]:
    """File-system paths of the sample articles (the package is installed unzipped)."""
    return [str(f) for f in sample_files()]


def sample_bytes(name: str) -> bytes:
    """The bytes of one sample by file name, e.g. ``sample_bytes("06-record.json")``."""
    for f in sample_files():
        if f.name == name:
            return f.read_bytes()
    raise KeyError(name)


__all__ = ["SAMPLE_SUFFIXES", "sample_bytes", "sample_files", "sample_paths"]
