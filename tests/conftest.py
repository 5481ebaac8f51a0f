"""Shared fixtures: settings, stores, apps and the shared/ materials (skipped when absent)."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
DEV_CORPUS = SHARED / "corpus" / "dev"
DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not SHARED.is_dir():
        pytest.skip("../shared is not present")
    return SHARED


@pytest.fixture(scope="session")
def dev_corpus() -> Path:
    if not DEV_CORPUS.is_dir():
        pytest.skip("../shared/corpus/dev is not present")
    return DEV_CORPUS


@pytest.fixture(autouse=True)
def _clean_env(monkeypatch: pytest.MonkeyPatch) -> None:
    """No NEWSGRAPH_* variable from the developer's shell leaks into a test."""
    import os

    for key in list(os.environ):
        if key.startswith("NEWSGRAPH_"):
            monkeypatch.delenv(key, raising=False)

pytest_plugins = ["fixtures_oxigraph"]
