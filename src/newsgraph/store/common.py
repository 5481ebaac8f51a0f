"""Text helpers both backends share: IRIs put into SPARQL, N-Triples to N-Quads or Update.

Graph names are written into SPARQL Update text and N-Quads lines, so each one is
checked first: an IRI holding ``>`` or a space would otherwise end the IRI early and
let the rest be read as SPARQL.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Any

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Node

from ..errors import InputError

# Characters RFC 3987 / the SPARQL IRIREF production do not allow inside <...>.
_BAD_IRI = re.compile(r'[\x00-\x20<>"{}|^`\\]')


def check_iri(iri: str) -> str:
    """Return iri if it can be written between angle brackets, else raise InputError."""
    if not iri or _BAD_IRI.search(iri) or ":" not in iri:
        raise InputError(f"not a usable absolute IRI: {iri!r}")
    return iri


def json_term(binding: dict[str, Any]) -> Node:
    """An rdflib term from one binding of SPARQL 1.1 JSON results."""
    kind = binding.get("type")
    value = binding.get("value", "")
    if kind == "uri":
        return URIRef(value)
    if kind == "bnode":
        return BNode(value)
    if "xml:lang" in binding:
        return Literal(value, lang=binding["xml:lang"])
    if binding.get("datatype") and binding["datatype"] != "http://www.w3.org/2001/XMLSchema#string":
        return Literal(value, datatype=URIRef(binding["datatype"]))
    return Literal(value)


_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
# What N-Triples requires escaping inside a "..." literal; anything else may be raw UTF-8.
_LITERAL_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r"})


def term_ntriples(term: Node) -> str:
    if isinstance(term, Literal):  # first: most terms that are not plain IRIs are literals
        lexical = str(term).translate(_LITERAL_ESCAPES)
        if term.language:
            return f'"{lexical}"@{term.language}'
        if term.datatype is not None and str(term.datatype) != _XSD_STRING:
            return f'"{lexical}"^^<{term.datatype}>'
        return f'"{lexical}"'
    if isinstance(term, URIRef):
        return f"<{term}>"
    if isinstance(term, BNode):
        return f"_:{term}"
    raise InputError(f"cannot write {term!r} in N-Triples")


def graph_to_ntriples(graph: Graph) -> str:
    """N-Triples text of a graph, about five times faster than rdflib's serialiser."""
    return triples_to_ntriples(graph)


def triples_to_ntriples(triples: Iterable[tuple[Node, Node, Node]]) -> str:
    """N-Triples text of (s, p, o) terms, one line per triple in the order given.

    Ingest writes every article this way, straight from the RDF writer's triple list.
    An IRI is written by joining strings, which costs less than looking it up in a
    cache (rdflib hashes its terms in Python); literals, blank nodes and anything
    that is not exactly a URIRef go through :func:`term_ntriples`.
    """
    join = "".join
    lines: list[str] = []
    add = lines.append
    for s, p, o in triples:
        if type(s) is URIRef and type(p) is URIRef:
            if type(o) is URIRef:
                add(join(("<", s, "> <", p, "> <", o, "> .\n")))
            else:
                add(join(("<", s, "> <", p, "> ", term_ntriples(o), " .\n")))
        else:
            add(join((term_ntriples(s), " ", term_ntriples(p), " ", term_ntriples(o), " .\n")))
    return join(lines)


def ntriples_to_nquads(graph_iri: str, ntriples: str, *, canonical: bool = False) -> str:
    """Put every N-Triples line of one graph into the named graph graph_iri.

    N-Triples escapes newlines inside literals, so each statement is one line that
    ends in " ." and the graph name goes just before that dot.  ``canonical`` says the
    text is :func:`triples_to_ntriples` output (one statement per line, each ending
    in exactly " .\n", nothing else): then one replace does what the line loop does,
    in a twentieth of the time.  Checking that form costs more than the loop, so
    only the caller that made the text can vouch for it.
    """
    suffix = f" <{check_iri(graph_iri)}> .\n"
    if canonical:
        return ntriples.replace(" .\n", suffix)
    out = []
    for line in ntriples.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if not line.endswith("."):
            raise InputError(f"not an N-Triples line: {line[:80]!r}")
        out.append(line[:-1].rstrip() + suffix)
    return "".join(out)


#: 2: the default graph is the materialised set-union of the article graphs.
#: (1, never written down: the default graph was empty and queries asked for the union.)
STORE_FORMAT = 2
#: File in an embedded store's directory that records its format.  A remote store has
#: no such place (and an admin graph would show up in every ``GRAPH ?g`` answer), so
#: there an old store is recognised by article graphs beside an empty default graph.
FORMAT_FILE = "newsgraph-store-format"
OLD_FORMAT_ASK = "ASK { FILTER (NOT EXISTS { ?s ?p ?o } && EXISTS { GRAPH ?g { ?s2 ?p2 ?o2 } }) }"


def unshare_update(iri: str) -> str:
    """Delete from the default graph the triples of graph iri that no other graph states.

    The default graph is the set-union of the article graphs, so a triple leaves it
    only when the last graph that holds it goes; a person named by two articles keeps
    the name when one of them is removed.
    """
    iri = check_iri(iri)
    return (
        f"DELETE {{ ?s ?p ?o }} WHERE {{ GRAPH <{iri}> {{ ?s ?p ?o }} "
        f"FILTER NOT EXISTS {{ GRAPH ?other {{ ?s ?p ?o }} FILTER (?other != <{iri}>) }} }}"
    )


def remove_graph_update(graph_iri: str) -> str:
    """Drop graph_iri and whatever only it contributed to the default graph."""
    iri = check_iri(graph_iri)
    return f"{unshare_update(iri)} ;\nDROP SILENT GRAPH <{iri}>"


def replace_graph_update(graph_iri: str, ntriples: str) -> str:
    """Update operations that make graph_iri hold exactly these triples.

    The old version's triples leave the default graph unless another graph holds them,
    and the new ones are inserted both into the named graph and into the default graph
    (where a triple already present stays one triple), all in one request.
    """
    iri = check_iri(graph_iri)
    body = ntriples.strip()
    head = remove_graph_update(iri)
    if not body:
        return f"{head} ;\nCREATE SILENT GRAPH <{iri}>"
    return f"{head} ;\nINSERT DATA {{ GRAPH <{iri}> {{\n{body}\n}}\n{body}\n}}"


def replace_graphs_update(items: Iterable[tuple[str, str]]) -> str:
    return " ;\n".join(replace_graph_update(g, nt) for g, nt in items)


def rederive_update(graph_iris: Iterable[str]) -> str:
    """Add the triples of these graphs to the default graph (reindex, after a raw update)."""
    return " ;\n".join(
        f"INSERT {{ ?s ?p ?o }} WHERE {{ GRAPH <{check_iri(g)}> {{ ?s ?p ?o }} }}" for g in graph_iris
    )


def old_format_message(location: str) -> str:
    return (
        f"the store {location} was written by an older newsgraph whose default graph is not "
        f"the union of the article graphs; run `newsgraph reindex --store {location}` once "
        "to rebuild it (the article graphs are kept)"
    )


def last_wins(items: Iterable[tuple[str, str]]) -> list[tuple[str, str]]:
    """Keep only the last version of each graph, in first-seen order.

    Two inputs can be the same article (the same URL saved twice); the later one
    replaces the earlier, exactly as two separate ingests would.
    """
    latest: dict[str, str] = {}
    for g, nt in items:
        latest[check_iri(g)] = nt
    return list(latest.items())


_TOKEN = re.compile(
    r"""
    (?P<ws>\s+)
  | (?P<comment>\#[^\n]*)
  | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
  | (?P<long_string>"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"|'''(?:[^'\\]|\\.|'(?!''))*''')
  | (?P<string>"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*')
  | (?P<var>[?$][A-Za-z0-9_]+)
  | (?P<pname>[A-Za-z_][A-Za-z0-9_\-.]*:[^\s{}()]*|:[^\s{}()]*)
  | (?P<word>[A-Za-z_][A-Za-z0-9_\-]*)
  | (?P<other>.)
    """,
    re.VERBOSE | re.DOTALL,
)

QUERY_FORMS = ("SELECT", "CONSTRUCT", "DESCRIBE", "ASK")
UPDATE_WORDS = ("INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "COPY", "MOVE", "ADD", "WITH")


def _words(sparql: str) -> Iterator[str]:
    for m in _TOKEN.finditer(sparql):
        if m.lastgroup == "word":
            yield m.group().upper()


def query_form(sparql: str) -> str | None:
    """SELECT, CONSTRUCT, DESCRIBE or ASK: the form of a query, or None for an update.

    Read from the first keyword after the prologue, skipping comments, IRIs and
    strings, so ``PREFIX ex: <http://x/#select>`` does not fool it.
    """
    for word in _words(sparql):
        if word in QUERY_FORMS:
            return word
        if word in UPDATE_WORDS:
            return None
    return None


__all__ = [
    "FORMAT_FILE",
    "OLD_FORMAT_ASK",
    "QUERY_FORMS",
    "STORE_FORMAT",
    "old_format_message",
    "rederive_update",
    "remove_graph_update",
    "unshare_update",
    "check_iri",
    "graph_to_ntriples",
    "triples_to_ntriples",
    "term_ntriples",
    "json_term",
    "last_wins",
    "ntriples_to_nquads",
    "query_form",
    "replace_graph_update",
    "replace_graphs_update",
]
