"""The synthetic corpus generator: reproducible, sharded, and skewed the way the benchmarks need."""

from __future__ import annotations

import collections
import hashlib
import json
from pathlib import Path
from types import ModuleType

import pytest

from bench_modules import load_bench


def _load(name: str) -> ModuleType:
    return load_bench(name)


@pytest.fixture(scope="module")
def gen() -> ModuleType:
    return _load("generate")


def _digest(root: Path) -> str:
    h = hashlib.sha256()
    for f in sorted(root.rglob("*")):
        if f.is_file():
            h.update(str(f.relative_to(root)).encode())
            h.update(f.read_bytes())
    return h.hexdigest()


def test_same_seed_same_bytes_other_seed_other_bytes(gen: ModuleType, tmp_path: Path) -> None:
    gen.write_corpus(tmp_path / "a", 120, seed=3)
    gen.write_corpus(tmp_path / "b", 120, seed=3)
    gen.write_corpus(tmp_path / "c", 120, seed=4)
    assert _digest(tmp_path / "a") == _digest(tmp_path / "b")
    assert _digest(tmp_path / "a") != _digest(tmp_path / "c")


def test_article_depends_only_on_seed_and_index(gen: ModuleType) -> None:
    g1, g2 = gen.Generator(5), gen.Generator(5)
    late_first = g1.article(777)
    for i in range(20):
        g2.article(i)
    assert g2.article(777) == late_first


def test_txt_shards_hold_at_most_a_thousand_pages(gen: ModuleType, tmp_path: Path) -> None:
    n = 2100
    gen.write_corpus(tmp_path, n, seed=1)
    shards = sorted(p for p in tmp_path.iterdir() if p.is_dir())
    assert [len(list(s.iterdir())) for s in shards] == [1000, 1000, 100]
    page = (shards[2] / "00002099.txt").read_text(encoding="utf-8")
    assert page.startswith("URL: https://")
    assert json.loads((tmp_path / ".corpus.json").read_text())["n"] == n


def test_jsonl_records_match_text_pages(gen: ModuleType, tmp_path: Path) -> None:
    gen.write_corpus(tmp_path / "t", 30, seed=2, fmt="txt")
    gen.write_corpus(tmp_path / "j", 30, seed=2, fmt="jsonl")
    lines = (tmp_path / "j" / "shard-00000.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(lines) == 30
    rec = json.loads(lines[7])
    assert set(rec) == {"url", "title", "published", "source", "text"}
    page = (tmp_path / "t" / "shard-00000" / "00000007.txt").read_text(encoding="utf-8")
    assert page == f"URL: {rec['url']}\n\n{rec['text']}"
    assert rec["title"] in rec["text"]


def test_urls_are_unique(gen: ModuleType) -> None:
    g = gen.Generator(1)
    urls = [g.article(i).url for i in range(2000)]
    assert len(set(urls)) == len(urls)


def test_persons_are_zipf_skewed_and_countries_are_iso_states(gen: ModuleType) -> None:
    import pycountry

    g = gen.Generator(1)
    cast = g.cast
    assert 2500 <= len(cast.persons) <= 3500
    assert len({p.name for p in cast.persons}) == len(cast.persons)
    codes = {c.code for c in cast.countries}
    assert 180 <= len(codes) <= 200
    assert all(pycountry.countries.get(alpha_3=c) is not None for c in codes)

    counts: collections.Counter[str] = collections.Counter()
    top = [p.name for p in cast.persons[:5]]
    rare = [p.name for p in cast.persons[-200:]]
    for i in range(3000):
        text = g.article(i).page
        counts.update(n for n in top + rare if n in text)
    # The most popular person is in a sizeable share of stories; the tail is rarely seen.
    assert counts[top[0]] > 300
    assert sum(counts[n] for n in rare) < counts[top[0]] / 5


def test_every_layout_and_event_kind_appears(gen: ModuleType) -> None:
    g = gen.Generator(1)
    pages = [g.article(i).page for i in range(400)]
    markers = [
        "Release Date:",
        "Press release",
        "ePaper |",
        "Updated:",
        "(Reporting by",
        "held talks with",
        "spoke by telephone",
        "signed",
        "summit",
        "joint statement",
        "official visit",
    ]
    for m in markers:
        assert any(m in p for p in pages), m


def test_command_line_rejects_bad_arguments(
    gen: ModuleType, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exc:
        gen.main(["--n", "-3", "--out", str(tmp_path)])
    assert exc.value.code == 2
    assert "--n" in capsys.readouterr().err
    assert gen.main(["--n", "5", "--out", str(tmp_path / "ok"), "--format", "jsonl", "--quiet"]) == 0
    assert len((tmp_path / "ok" / "shard-00000.jsonl").read_text().splitlines()) == 5
