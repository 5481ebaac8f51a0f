"""Article -> RDF.  ``convert()`` is the one entry point the CLI, ingest and server use.

Converters never import Flask or the store: they take bytes or text and return a
:class:`Conversion` holding one named graph per article.
"""

from __future__ import annotations

from dataclasses import dataclass

from rdflib import Dataset, Graph, URIRef

from .model import Document, Extraction


@dataclass
class Conversion:
    """One converted article: its URI, its named graph, and what was read."""

    article_iri: URIRef
    graph: Graph  #: the article's named graph (identifier == article_iri)
    extraction: Extraction

    @property
    def document(self) -> Document:
        return self.extraction.document

    def dataset(self) -> Dataset:
        ds = Dataset()
        for prefix, ns in self.graph.namespaces():
            ds.bind(prefix, ns)
        g = ds.graph(self.article_iri)
        for t in self.graph:
            g.add(t)
        return ds
