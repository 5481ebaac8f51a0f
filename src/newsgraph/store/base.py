"""The narrow store interface that the CLI, ingest and the server share.

Two backends implement it: ``embedded.EmbeddedStore`` (pyoxigraph in a directory or
in memory) and ``remote.RemoteStore`` (any SPARQL 1.1 server over the Protocol, Update
and Graph Store Protocol).  Everything above this layer speaks only these methods,
so the same tests run against both.

Each article lives in its own named graph whose name is the article URI; queries
see the union of those graphs as their default graph.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import BinaryIO, Protocol, runtime_checkable

from rdflib import Graph


@runtime_checkable
class Store(Protocol):
    """What newsgraph needs from a quad store."""

    def put_graph(self, graph_iri: str, graph: Graph) -> None:
        """Replace the named graph with exactly these triples, atomically."""

    def put_graphs(self, items: Iterable[tuple[str, Graph]]) -> None:
        """Replace several named graphs; each one is complete or untouched afterwards."""

    def remove_graph(self, graph_iri: str) -> bool:
        """Drop a named graph; False when it did not exist."""

    def has_graph(self, graph_iri: str) -> bool: ...

    def graph_names(self) -> Iterator[str]: ...

    def get_graph(self, graph_iri: str) -> Graph:
        """The triples of one named graph."""

    def query(
        self,
        sparql: str,
        result_media_type: str,
        *,
        default_graph_uris: list[str] | None = None,
        named_graph_uris: list[str] | None = None,
    ) -> bytes:
        """Run a SPARQL query and return its results serialised in result_media_type.

        Without dataset parameters the default graph is the union of all graphs.
        Raises BadQuery for a query that does not parse, StoreError when the store fails.
        """

    def select(self, sparql: str) -> list[dict[str, object]]:
        """Run a SELECT over the union graph; rows map variable names to rdflib terms."""

    def construct(self, sparql: str) -> Graph:
        """Run a CONSTRUCT or DESCRIBE over the union graph."""

    def ask(self, sparql: str) -> bool: ...

    def update(self, sparql: str) -> None:
        """Run a SPARQL 1.1 Update as one transaction."""

    def count(self) -> int:
        """Number of quads."""

    def dump(self, out: BinaryIO, media_type: str) -> None:
        """Stream every quad (or triple) to out without holding the store in memory."""

    def close(self) -> None: ...
