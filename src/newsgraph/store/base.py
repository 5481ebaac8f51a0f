"""The narrow store interface that the CLI, ingest and the server share.

Two backends implement it: ``embedded.EmbeddedStore`` (pyoxigraph in a directory or
in memory) and ``remote.RemoteStore`` (any SPARQL 1.1 server over the Protocol, Update
and Graph Store Protocol).  Everything above this layer speaks only these methods,
so the same tests run against both.

Each article lives in its own named graph whose name is the article URI, and the
store's real default graph is kept as the set-union of those graphs: every write
puts an article's triples into its graph and into the default graph, in the same
transaction, and removing or replacing an article takes out of the default graph
only what no other graph still states.  A shared entity (a country mentioned by two
articles) therefore keeps the statements of the article that is left, and a query
without a dataset reads the default graph with SPARQL's set semantics: a triple
stated by a thousand articles is one answer, not a thousand.  An embedded store records
this format in a file beside its data (``common.FORMAT_FILE``); an older store (or
a remote one holding article graphs but an empty default graph) is refused with a
message naming ``newsgraph reindex``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO, Protocol, runtime_checkable

from rdflib import Graph

#: One statement as the summary index reads it: subject, predicate, object (an IRI or a
#: literal's lexical form) and whether the object is an IRI.
Triple = tuple[str, str, str, bool]


@runtime_checkable
class Store(Protocol):
    """What newsgraph needs from a quad store."""

    #: Where the data lives, for messages (a directory, ':memory:' or the server URL
    #: without credentials).
    location: str

    def put_graph(self, graph_iri: str, graph: Graph) -> None:
        """Replace the named graph with exactly these triples, atomically."""

    def put_graphs(self, items: Iterable[tuple[str, Graph]]) -> None:
        """Replace several named graphs; each one is complete or untouched afterwards."""

    def put_ntriples(self, items: Iterable[tuple[str, str]]) -> None:
        """Like put_graphs, for graphs already serialised as N-Triples.

        Ingest serialises in its worker processes, so the writing process spends its
        time writing rather than turning rdflib objects into text.
        """

    def bulk_load(self, nquads_path: Path, *, triples: dict[str, list[Triple]] | None = None) -> None:
        """Add an N-Quads file as fast as the backend can, without per-graph atomicity.

        Only for the bulk ingest path, which removes the graphs it is about to load
        first and can simply be run again after a crash.  ``triples``, when given, are
        exactly the file's article graphs (subject, predicate, object, object-is-an-IRI
        per graph): the summary index is kept from them instead of reading the file back.
        """

    def remove_graph(self, graph_iri: str) -> bool:
        """Drop a named graph; False when it did not exist."""

    def remove_graphs(self, graph_iris: Iterable[str]) -> None:
        """Drop every one of these graphs that exists, in as few requests as the backend allows."""

    def has_graph(self, graph_iri: str) -> bool: ...

    def graph_names(self) -> Iterator[str]: ...

    def get_graph(self, graph_iri: str) -> Graph:
        """The triples of one named graph (empty when there is no such graph)."""

    def describe(self, iri: str) -> Graph:
        """Every triple of the default (union) graph whose subject is iri."""

    def query(
        self,
        sparql: str,
        result_media_type: str,
        *,
        default_graph_uris: list[str] | None = None,
        named_graph_uris: list[str] | None = None,
    ) -> bytes:
        """Run a SPARQL query and return its results serialised in result_media_type.

        Without dataset parameters the default graph is the (materialised) union of the
        article graphs.
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
        """Number of statements stored (quads, counted per graph)."""

    def dump(self, out: BinaryIO, media_type: str) -> None:
        """Stream the data to out without holding the store in memory.

        Dataset formats (N-Quads, TriG, JSON-LD) carry every article graph (not the
        default graph derived from them); triple-only formats (Turtle,
        N-Triples, RDF/XML) get the default graph, the union of the article graphs.
        """

    def check_format(self) -> None:
        """Raise StoreError when the store predates the materialised default graph."""

    def reindex(self) -> int:
        """Rebuild the default graph from the article graphs; returns how many graphs were read."""

    def close(self) -> None: ...
