"""The newsgraph OWL ontology, shipped as package data and loaded offline."""

from __future__ import annotations

from functools import lru_cache
from importlib.resources import files

from rdflib import Graph

from ..iris import NG as NG_IRI
from ..iris import ONTOLOGY_IRI
from .namespace import NG

ONTOLOGY_FILE = "newsgraph.ttl"


def ontology_text() -> str:
    """The Turtle source of the ontology, as shipped in the package."""
    return files(__package__).joinpath(ONTOLOGY_FILE).read_text(encoding="utf-8")


@lru_cache(maxsize=1)
def _cached() -> Graph:
    g = Graph()
    g.parse(data=ontology_text(), format="turtle", publicID=ONTOLOGY_IRI)
    return g


def load_ontology() -> Graph:
    """A fresh copy of the ontology graph (callers may add to it)."""
    g = Graph()
    for prefix, ns in _cached().namespaces():
        g.bind(prefix, ns)
    for t in _cached():
        g.add(t)
    return g


__all__ = ["NG", "NG_IRI", "ONTOLOGY_FILE", "ONTOLOGY_IRI", "load_ontology", "ontology_text"]
