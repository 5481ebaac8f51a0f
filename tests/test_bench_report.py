"""The report helpers every benchmark uses: a section is replaced alone, others are left as they were."""

from __future__ import annotations

from pathlib import Path
from types import ModuleType

import pytest

from bench_modules import load_bench


@pytest.fixture(scope="module")
def bl() -> ModuleType:
    return load_bench("benchlib", "bench_benchlib_for_tests")


def test_write_section_replaces_only_its_own(bl: ModuleType, tmp_path: Path) -> None:
    doc = tmp_path / "b.md"
    doc.write_text("# Benchmarks\n\nIntro.\n\n## Conversion\n\nTheirs, 1.\n\n## Memory\n\nOld.\n")
    bl.write_section("Memory", "New table.", doc)
    bl.write_section("Dereferencing", "Added.", doc)
    text = doc.read_text()
    assert "Theirs, 1." in text and "Old." not in text and "New table." in text
    assert text.index("## Memory") < text.index("## Dereferencing")
    bl.write_section("Conversion", "Theirs, 2.", doc)
    assert "Theirs, 1." not in doc.read_text() and doc.read_text().count("## ") == 3


def test_order_sections_moves_without_changing_text(bl: ModuleType, tmp_path: Path) -> None:
    doc = tmp_path / "b.md"
    doc.write_text("# B\n\n## Memory\n\nm\n\n## Other\n\no\n\n## Conversion\n\nc | x\n")
    bl.order_sections(["Conversion", "Memory"], doc)
    text = doc.read_text()
    assert [line for line in text.splitlines() if line.startswith("## ")] == [
        "## Conversion",
        "## Memory",
        "## Other",
    ]
    for body in ("m", "o", "c | x"):
        assert f"\n{body}\n" in text


def test_percentile_and_labels(bl: ModuleType) -> None:
    assert bl.percentile([1.0, 2.0, 3.0, 4.0, 5.0], 0.5) == 3.0
    assert bl.percentile([10.0, 20.0], 0.95) == pytest.approx(19.5)
    assert [bl.size_label(n) for n in (10_000, 1_000_000, 1234)] == ["10k", "1M", "1234"]
