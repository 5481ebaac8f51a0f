"""Gold checks and in-process scoring shared by the evaluation-set tests.

Two sets use them: ``tests/data/heldout`` (test_heldout.py, which asserts the issue's
targets) and ``tests/data/fresh`` (test_fresh.py, an untuned measuring stick that only
records its figures).  One copy of the conventions check means both sets are held to
the same gold rules, and one copy of the scoring loop means both sets' figures mean the
same thing as ``score_extraction.py``'s.
"""

from __future__ import annotations

import importlib.util
import json
import re
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

SCORER = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus" / "score_extraction.py"

#: the issue's targets
TARGETS = {"persons": 0.90, "countries": 0.95, "events": 0.75, "agreements": 0.70, "source": 0.95}

EVENT_TYPES = {"Meeting", "Talks", "Visit", "PhoneCall", "Signing", "Summit", "Statement", "Other"}
_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_PARTIAL = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$")


def articles(folder: Path) -> list[Path]:
    """Every article of a set: NNN.txt (text or a JSON record) and NNN.html."""
    return sorted(p for p in folder.iterdir() if p.suffix in (".txt", ".html") and p.stem.isdigit())


def gold(article: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(article.with_suffix(".json").read_text(encoding="utf-8"))
    return data


def page_url(article: Path, raw: str) -> str | None:
    """The URL the page itself carries: the URL: header, a JSON record's url, or the canonical link."""
    first = raw.split("\n", 1)[0]
    if first.startswith("URL: "):
        return first[5:].strip()
    if raw.lstrip().startswith("{"):
        url = json.loads(raw).get("url")
        return url if isinstance(url, str) else None
    m = re.search(r'<link rel="canonical" href="([^"]+)"', raw)
    return m.group(1) if m else None


def gold_problems(article: Path) -> list[str]:
    """Where the article's gold file breaks the dev corpus's conventions (empty when it follows them).

    Shape errors fail at once (assert); everything else is collected so that one run lists
    every problem of the file.
    """
    pycountry = pytest.importorskip("pycountry")
    raw = article.read_text(encoding="utf-8")
    low = raw.casefold()
    g = gold(article)
    problems: list[str] = []

    assert set(g) == {"title", "published", "source", "persons", "countries", "events", "agreements"}
    assert set(g["source"]) == {"agency", "editor", "photographer", "url"}
    if g["source"]["url"] != page_url(article, raw):
        problems.append(f"url {g['source']['url']!r} is not the page's own")
    if g["published"] is not None and not _DAY.match(g["published"]):
        problems.append(f"published {g['published']!r}")
    credits = [(k, g["source"][k]) for k in ("agency", "editor", "photographer")]
    for label, value in [("title", g["title"]), *credits]:
        if value is not None and value.casefold() not in low:
            problems.append(f"{label} {value!r} not in the page")

    def valid(code: str) -> bool:
        return bool(re.fullmatch(r"[A-Z]{3}", code)) and pycountry.countries.get(alpha_3=code) is not None

    countries = set(g["countries"])
    if len(countries) != len(g["countries"]):
        problems.append("duplicate country codes")
    problems += [f"invalid code {c}" for c in countries if not valid(c)]

    names = set()
    for p in g["persons"]:
        assert set(p) == {"name", "aliases", "roles", "country"}
        names.add(p["name"])
        for s in [p["name"], *p["aliases"]]:
            if s not in raw:
                problems.append(f"person string {s!r} not verbatim in the page")
        for r in p["roles"]:
            if r.casefold() not in low:
                problems.append(f"role {r!r} of {p['name']} not in the page")
        if p["country"] is not None and p["country"] not in countries:
            problems.append(f"{p['name']}: country {p['country']} not in countries")
    if len(names) != len(g["persons"]):
        problems.append("duplicate person names")

    for e in g["events"]:
        assert set(e) == {"type", "date", "participants", "countries", "location"}
        if e["type"] not in EVENT_TYPES:
            problems.append(f"event type {e['type']!r}")
        if e["date"] is not None and not _DAY.match(e["date"]):
            problems.append(f"event date {e['date']!r}")
        problems += [f"participant {n!r} is not a listed person" for n in e["participants"] if n not in names]
        problems += [f"event country {c} not in countries" for c in e["countries"] if c not in countries]
    for a in g["agreements"]:
        assert set(a) == {"title", "parties", "date"}
        if a["title"].casefold() not in low:
            problems.append(f"agreement title {a['title']!r} not in the page")
        if a["date"] is not None and not _PARTIAL.match(a["date"]):
            problems.append(f"agreement date {a['date']!r}")
        for party in a["parties"]:
            if re.fullmatch(r"[A-Z]{3}", party) and valid(party):
                if party not in countries:
                    problems.append(f"party {party} not in countries")
            elif party.casefold() not in low:
                problems.append(f"party {party!r} not in the page")
    return problems


# --------------------------------------------------------------------------- scoring


def load_scorer(path: Path = SCORER) -> ModuleType:
    """The shared corpus's scorer as a module; the test skips where ../shared is absent."""
    if not path.exists():
        pytest.skip("score_extraction.py is not present (../shared/corpus)")
    spec = importlib.util.spec_from_file_location("score_extraction", path)
    assert spec is not None and spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def nquads(article: Path) -> str:
    """What ``newsgraph convert ARTICLE --format nquads --base http://kg.test`` prints."""
    from rdflib import URIRef

    from newsgraph.converters import convert
    from newsgraph.converters.rdf import serialize_triples
    from newsgraph.formats import by_name

    fmt = "html" if article.suffix == ".html" else None  # as the CLI: by suffix, else sniffed
    conv = convert(article.read_bytes(), base="http://kg.test", input_format=fmt, name=article.name)
    return serialize_triples([(URIRef(conv.article_iri), conv.triples)], by_name("nquads"))


def score_set(scorer: ModuleType, folder: Path) -> tuple[dict[str, float], dict[str, Any]]:
    """F1 per category (source: share of checks passed) and the per-article tallies.

    The N-Quads are parsed strictly (rdflib raises on a malformed line), so invalid RDF
    fails the caller rather than scoring as an empty graph.
    """
    import rdflib

    totals: dict[str, list[int]] = {}
    per: dict[str, Any] = {}
    for article in articles(folder):
        g = gold(article)
        ds = rdflib.Dataset(default_union=True)
        ds.parse(data=nquads(article), format="nquads")
        res = scorer.score_article(scorer.extract(ds), g)
        per[article.name] = {k: list(v) for k, v in res.items()}
        for k, (tp, npred, ngold) in res.items():
            t = totals.setdefault(k, [0, 0, 0])
            t[0] += tp
            t[1] += npred
            t[2] += ngold
    figures = {k: scorer.prf(*v)[2] for k, v in totals.items() if k != "source"}
    src = totals.get("source", [0, 0, 0])
    figures["source"] = src[0] / src[1] if src[1] else 0.0
    return figures, {"totals": totals, "per_article": per}
