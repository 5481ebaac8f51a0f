"""Article -> RDF.  ``convert()`` is the one entry point the CLI, ingest and server use.

Converters never import Flask or the store: they take bytes or text and return a
:class:`Conversion` holding one named graph per article.

* :func:`convert` reads exactly one article and raises ``ConversionError`` otherwise;
* :func:`convert_many` reads a page, a JSON array or a JSON Lines file and yields a
  :class:`Conversion` or a :class:`Failure` per article, so one bad record does not
  hide the good ones;
* :func:`convert_document` runs extraction and the RDF writer on a Document that was
  read elsewhere.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property

from rdflib import Dataset, Graph, Literal, URIRef

from ..errors import ConversionError, PayloadTooLarge
from .model import Document, Extraction

#: Default cap on one article, matching the ``max_article_bytes`` setting's default.
DEFAULT_MAX_ARTICLE_BYTES = 4 * 1024 * 1024


@dataclass
class Conversion:
    """One converted article: its URI, its named graph, and what was read.

    The graph's triples are kept as plain tuples; :attr:`graph` builds the rdflib
    Graph on first use, because most of a conversion's time would otherwise go into
    indexing a store that N-Quads output and bulk loading never query.
    """

    article_iri: URIRef
    triples: list[tuple[URIRef, URIRef, URIRef | Literal]]  #: the named graph's triples
    extraction: Extraction
    #: what went wrong without stopping the conversion (e.g. extraction failed: article node only)
    warnings: list[str] = field(default_factory=list)

    @cached_property
    def graph(self) -> Graph:
        """The article's named graph (identifier == article_iri)."""
        from .rdf import to_graph

        return to_graph(self.article_iri, self.triples)

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


@dataclass
class Failure:
    """An article of a batch that could not be converted, and why (a one-line message)."""

    name: str
    message: str


_log = logging.getLogger(__name__)


def convert_document(document: Document, *, base: str, name: str = "input") -> Conversion:
    """Extract facts from a Document and write its named graph.

    Extraction is heuristic code running on arbitrary text; if it fails on a page, the
    article's own metadata is still worth publishing, so the result degrades to the
    article node alone and says why in ``warnings`` instead of losing the page.
    """
    from . import extract, rdf

    warnings: list[str] = []
    try:
        extraction = extract.extract(document)
    except RecursionError:
        extraction = Extraction(document=document)
        warnings.append(f"{name}: extraction gave up (text nested too deeply); article metadata only")
    except Exception as exc:  # noqa: BLE001 - see the docstring: a bug must not lose the article
        _log.exception("extraction failed on %s", name)
        extraction = Extraction(document=document)
        warnings.append(f"{name}: extraction failed ({type(exc).__name__}: {exc}); article metadata only")
    if extraction.document is not document:
        extraction.document = document
    iri, triples = rdf.build_triples(extraction, base)
    return Conversion(iri, triples, extraction, warnings)


def _check_size(data: bytes | str, limit: int, name: str, fmt: str | None) -> None:
    size = len(data.encode("utf-8", "surrogatepass") if isinstance(data, str) else data)
    if size > limit and fmt != "jsonl":
        raise PayloadTooLarge(
            f"{name}: {size / 1048576:.1f} MB is over the {limit / 1048576:.1f} MB limit for one article "
            "(setting max_article_bytes); split it or raise the limit"
        )


def convert_many(
    data: bytes | str,
    *,
    base: str,
    input_format: str | None = None,
    name: str = "input",
    url: str | None = None,
    max_article_bytes: int = DEFAULT_MAX_ARTICLE_BYTES,
) -> Iterator[Conversion | Failure]:
    """Every article in ``data``: a Conversion each, or a Failure for one that cannot be read.

    Input that cannot be read at all (binary, empty, invalid JSON, over the size cap)
    raises ``ConversionError`` / ``PayloadTooLarge`` before anything is yielded.
    """
    from . import readers

    fmt = input_format
    if fmt is None and isinstance(data, bytes | str) and len(data) > max_article_bytes:
        head = data[:4096]
        fmt = readers.sniff(readers.decode(head, name=name) if isinstance(head, bytes) else head)
        if fmt == "json":
            fmt = None  # one big JSON document: the size check below refuses it
    _check_size(data, max_article_bytes, name, fmt)
    for item in readers.read(data, input_format=fmt, name=name, url=url):
        if isinstance(item, ConversionError):
            yield Failure(name, item.message)
            continue
        if len(item.text.encode("utf-8")) > max_article_bytes:
            yield Failure(name, f"{name}: an article over the {max_article_bytes} byte limit was skipped")
            continue
        try:
            yield convert_document(item, base=base, name=name)
        except ConversionError as exc:
            yield Failure(name, exc.message)


def convert(
    data: bytes | str,
    *,
    base: str,
    input_format: str | None = None,
    name: str = "input",
    url: str | None = None,
    max_article_bytes: int = DEFAULT_MAX_ARTICLE_BYTES,
) -> Conversion:
    """Exactly one article -> its Conversion; anything else is a ConversionError."""
    results = list(
        convert_many(data, base=base, input_format=input_format, name=name, url=url,
                     max_article_bytes=max_article_bytes)
    )
    failures = [r for r in results if isinstance(r, Failure)]
    if failures:
        raise ConversionError(failures[0].message)
    if len(results) != 1:
        raise ConversionError(f"{name}: expected one article, found {len(results)}; use convert_many()")
    only = results[0]
    assert isinstance(only, Conversion)
    return only


__all__ = [
    "DEFAULT_MAX_ARTICLE_BYTES",
    "Conversion",
    "Failure",
    "convert",
    "convert_document",
    "convert_many",
]
