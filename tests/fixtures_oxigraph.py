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
