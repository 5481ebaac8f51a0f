"""Store fixtures: the same tests run on the embedded store and on a real Oxigraph server.

``store`` is parametrised over an in-memory store, an on-disk store and a
``RemoteStore`` talking to a real ``oxigraph serve`` (started once per session and
emptied before each test); ``store_location`` gives the matching ``--store`` value
for command-line tests.  Remote cases are skipped when the oxigraph binary is absent.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.compare import isomorphic

from newsgraph.store import Store, open_store
from oxigraph_server import OxigraphServer, oxigraph_binary


def _need_binary() -> None:
    if oxigraph_binary() is None:
        pytest.skip("the oxigraph server binary (PyPI package oxigraph) is not installed")


@pytest.fixture(scope="session")
def oxigraph_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[OxigraphServer]:
    """One shared server for the session; tests that stop or break a server start their own."""
    _need_binary()
    server = OxigraphServer(tmp_path_factory.mktemp("oxigraph") / "data").start()
    yield server
    server.stop()


@pytest.fixture
def remote_url(oxigraph_server: OxigraphServer) -> str:
    """The shared server's URL, emptied for this test."""
    oxigraph_server.clear()
    return oxigraph_server.url


@pytest.fixture
def own_oxigraph(tmp_path: Path) -> Iterator[OxigraphServer]:
    """A server of this test's own, free to be stopped and restarted."""
    _need_binary()
    server = OxigraphServer(tmp_path / "oxigraph-data").start()
    yield server
    server.stop()


@pytest.fixture(params=["memory", "dir", pytest.param("remote", marks=pytest.mark.remote)])
def store_kind(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def store(store_kind: str, tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[Store]:
    """A fresh empty store of each backend."""
    if store_kind == "memory":
        s = open_store(":memory:")
    elif store_kind == "dir":
        s = open_store(str(tmp_path / "store"))
    else:
        s = open_store(request.getfixturevalue("remote_url"), retries=2, timeout=30)
    yield s
    s.close()


@pytest.fixture(params=["dir", pytest.param("remote", marks=pytest.mark.remote)])
def store_location(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A ``--store`` value for command-line tests: a new directory or the emptied server."""
    if request.param == "dir":
        return str(tmp_path / "store")
    return str(request.getfixturevalue("remote_url"))


# -- generated articles ---------------------------------------------------------------
# Synthetic news texts (not corpus articles), varied enough that articles share some
# people, countries and the agency with each other and differ in the rest.

_LEADERS = [
    ("Chinese", "President", "Xi Jinping", "China", "BEIJING"),
    ("Russian", "President", "Vladimir Putin", "Russia", "MOSCOW"),
    ("French", "President", "Emmanuel Macron", "France", "PARIS"),
    ("Brazilian", "President", "Luiz Inacio Lula da Silva", "Brazil", "BRASILIA"),
    ("Indian", "Prime Minister", "Narendra Modi", "India", "NEW DELHI"),
    ("Kenyan", "President", "William Ruto", "Kenya", "NAIROBI"),
    ("German", "Chancellor", "Olaf Scholz", "Germany", "BERLIN"),
]
_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December"]  # fmt: skip


def make_article(i: int) -> str:
    """The text of generated article number i (deterministic)."""
    host = _LEADERS[i % len(_LEADERS)]
    guest = _LEADERS[(i * 3 + 1) % len(_LEADERS)]
    if guest == host:
        guest = _LEADERS[(i + 1) % len(_LEADERS)]
    month, day = _MONTHS[i % 12], 1 + i % 27
    city = host[4].title()
    return (
        f"URL: https://news.example.org/world/2024/{i % 12 + 1:02d}/{day:02d}/talks-{i}\n\n"
        f"{host[0]} and {guest[0]} leaders hold talks in {city} (report {i})\n\n"
        f"{host[4]}, {month} {day}, 2024 (Example Wire) -- {host[0]} {host[1]} {host[2]} held talks "
        f"with visiting {guest[0]} {guest[1]} {guest[2]} in {city} on Monday, the two governments said.\n\n"
        f"{host[2]} said {host[3]} and {guest[3]} would deepen cooperation in trade and energy, and "
        f"the two sides signed a memorandum of understanding on investment. {guest[2]} invited "
        f"{host[2]} to visit {guest[3]}.\n\n"
        f"The meeting was number {i} between officials of the two countries this year.\n"
    )


def write_articles(folder: Path, n: int, start: int = 0) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(start, start + n):
        p = folder / f"article-{i:05d}.txt"
        p.write_text(make_article(i), encoding="utf-8")
        paths.append(p)
    return paths


# -- what Oxigraph does to literals -----------------------------------------------------
# Oxigraph stores literals by value: the integer types derived from xsd:integer come
# back as xsd:integer, and numbers and booleans in their canonical lexical form
# ("05" -> "5", "1" -> "true").  Comparisons with the converter's output map the
# expected graph the same way first; nothing else may differ.

_XSD = "http://www.w3.org/2001/XMLSchema#"
_DERIVED_INTEGERS = {
    _XSD + t
    for t in (
        "integer", "nonNegativeInteger", "positiveInteger", "nonPositiveInteger", "negativeInteger",
        "long", "int", "short", "byte", "unsignedLong", "unsignedInt", "unsignedShort", "unsignedByte",
    )
}  # fmt: skip


def canonical_graph(graph: Graph) -> Graph:
    out = Graph(identifier=graph.identifier)
    for s, p, o in graph:
        if isinstance(o, Literal) and o.datatype is not None:
            dt = str(o.datatype)
            if dt in _DERIVED_INTEGERS:
                o = Literal(str(int(str(o))), datatype=URIRef(_XSD + "integer"))
            elif dt == _XSD + "boolean":
                o = Literal("true" if str(o).strip() in ("1", "true") else "false", datatype=o.datatype)
        out.add((s, p, o))
    return out


def same_graph(stored: Graph, expected: Graph) -> bool:
    return isomorphic(stored, canonical_graph(expected))
