"""The scripts of bench/ (not a package) loaded as modules, for the tests that check them."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

BENCH = Path(__file__).resolve().parent.parent / "bench"


def load_bench(name: str, alias: str | None = None) -> ModuleType:
    """bench/<name>.py, run afresh as module ``alias`` (default ``bench_<name>``).

    bench/ goes on sys.path because the scripts import each other (benchlib, queries), and
    the module goes into sys.modules because dataclasses look their module up by name.
    """
    if str(BENCH) not in sys.path:
        sys.path.insert(0, str(BENCH))
    spec = importlib.util.spec_from_file_location(alias or f"bench_{name}", BENCH / f"{name}.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module
