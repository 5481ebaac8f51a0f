"""Property-based tests over the converters: random and adversarial input never crashes them.

Whatever bytes arrive (random Unicode, page furniture in random order, broken HTML,
broken JSON, binary data, empty and oversized input), conversion either refuses the
input with a NewsgraphError carrying a message, or produces graphs whose mention
offsets point into the article text and that conform to the shapes.  The number of
cases each property ran is printed at the end of the session (and noted in
docs/security.md).
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from rdflib import Literal

from newsgraph.converters import Conversion, Failure, convert_many
from newsgraph.errors import NewsgraphError
from newsgraph.ontology import NG
from newsgraph.shapes import validate

BASE = "http://kg.test"
RAN: Counter[str] = Counter()

FURNITURE = [
    "URL: https://example.org/news/1", "Home > World > Asia", "Release Date: 2023-05-14",
    "Source: Xinhua", "Editor: Kelly", "BEIJING, May 13 (Xinhua) -- ", "(Xinhua/Li Xiang)",
    "Photo: A. Person", "By Jane Roe", "Updated: 15/11/2020", "Friday, March 08, 2024",
    "President Xi Jinping met Tajik President Emomali Rahmon in Beijing on Saturday.",
    "The two sides signed a memorandum of understanding on trade.", "He will visit Paris next week.",
    "Prime Minister", "the U.S.", "Emirati", "Türkiye", "Sheikh", "\u202e", "\u200b", "\x00",
    "On Sunday,", "yesterday", "Feb. 5, 2022", "from March 6 to 10", "“", "”", "—", "\t", "\r\n",
    "<script>alert(1)</script>", "Joint Statement on", "Kim", "Mr", "UN Secretary-General",
]
HTML_BITS = [
    "<html>", "<head>", "<title>", "</title>", "<meta property='og:title' content='", "'>",
    "<script type='application/ld+json'>", "{\"@type\":\"NewsArticle\",\"headline\":", "</script>",
    "<body>", "<p>", "</p>", "<div", ">", "<", "&amp;", "&#x0;", "<!--", "-->", "<![CDATA[", "]]>",
    "</html>", "<article>", "<h1>", "</h1>", "<br/>", "<img src=x onerror=alert(1)>",
]
text = st.text(max_size=300)
pages = st.lists(st.one_of(st.sampled_from(FURNITURE), text), max_size=30).map("\n".join)
html_pages = st.lists(st.one_of(st.sampled_from(HTML_BITS), st.sampled_from(FURNITURE), text),
                      max_size=40).map("".join)
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | text,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(
        st.sampled_from(["url", "title", "published", "source", "body", "text", "editor", "x"]) | text,
        inner, max_size=6),
    max_leaves=20,
)
json_records = json_values.map(lambda v: json.dumps(v, ensure_ascii=False))
broken_json = st.tuples(json_records, st.integers(min_value=0, max_value=50)).map(lambda t: t[0][: t[1]])
jsonl = st.lists(st.one_of(json_records, broken_json), min_size=1, max_size=5).map("\n".join)

COMMON = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def conversions(data: bytes | str, fmt: str | None = None) -> Iterator[Conversion]:
    """Run the converter; refusals must be NewsgraphErrors with a message, never other exceptions."""
    try:
        results = list(convert_many(data, base=BASE, input_format=fmt, name="fuzz"))
    except NewsgraphError as exc:
        assert exc.message.strip()
        assert 400 <= exc.status < 500
        return
    for result in results:
        if isinstance(result, Failure):
            assert result.message.strip()
        else:
            yield result


def check(conv: Conversion) -> None:
    text_len = len(conv.document.text)
    g = conv.graph
    for mention in g.subjects(NG.beginIndex, None):
        begin = g.value(mention, NG.beginIndex)
        end = g.value(mention, NG.endIndex)
        anchor = g.value(mention, NG.anchorOf)
        assert isinstance(begin, Literal) and isinstance(end, Literal)
        b, e = int(begin.toPython()), int(end.toPython())
        assert 0 <= b < e <= text_len
        assert anchor is not None and str(anchor) == conv.document.text[b:e]
    report = validate(g)
    if not report.conforms:
        # The one thing a page may carry that the shapes refuse is its own metadata: a
        # record whose "url" is not a web address.  Ingest then rejects the article with
        # that message (tests/test_ingest.py); anything else the converter wrote is a bug.
        url = g.value(conv.article_iri, NG.url)
        bad = [r for r in report.results if r.severity.name == "VIOLATION"]
        assert url is not None and all(r.path == NG.url for r in bad), report.text()


def run(kind: str, data: bytes | str, fmt: str | None = None) -> None:
    RAN[kind] += 1
    for conv in conversions(data, fmt):
        check(conv)


@COMMON
@given(page=pages)
@example(page="·\nBEIJING, May 13 (Xinhua) -- ")  # a masthead line of separators alone (was an IndexError)
def test_text_pages_with_random_furniture(page: str) -> None:
    run("text pages", page)


@COMMON
@given(page=html_pages)
def test_broken_html(page: str) -> None:
    run("html pages", page, "html")


@COMMON
@given(page=html_pages)
def test_sniffed_input_of_any_shape(page: str) -> None:
    run("sniffed input", page)


@COMMON
@given(record=st.one_of(json_records, broken_json))
def test_json_records(record: str) -> None:
    run("json records", record, "json")


@COMMON
@given(lines=jsonl)
def test_json_lines(lines: str) -> None:
    run("json lines", lines, "jsonl")


@COMMON
@given(data=st.binary(max_size=400))
def test_binary_data(data: bytes) -> None:
    run("binary", data)


@pytest.mark.parametrize(
    "data",
    [
        b"", "", "   \n\t ", "\x00" * 100, "é" * 10,
        "Президент России встретился с премьером.", "会谈在北京举行。",
    ],
    ids=["empty-bytes", "empty", "blank", "nul", "accents", "russian", "chinese"],
)
def test_degenerate_inputs(data: bytes | str) -> None:
    run("degenerate", data)


def test_huge_input_is_refused_or_converted_quickly() -> None:
    line = "President Alpha Beta met Prime Minister Gamma Delta in Lima on Monday. "
    run("huge", line * 200_000)  # about 14 MB


def test_report_case_counts() -> None:
    """Print how many cases each property ran (pytest -s shows it; CI logs keep it)."""
    print("converter fuzzing cases:", dict(RAN))


@pytest.mark.parametrize("url", ["0", "n/a", "/news/1", "ftp://example.org/x"])
def test_a_record_url_that_is_not_a_web_address_is_a_readable_violation(url: str) -> None:
    """Found by test_json_records: {"url": "0"} converts, and the shapes say what is wrong."""
    record = json.dumps({"url": url, "title": "Ministers met", "body": "The ministers met on Monday."})
    (conv,) = list(conversions(record, "json"))
    report = validate(conv.graph)
    assert not report.conforms
    assert [r.path for r in report.results if r.severity.name == "VIOLATION"] == [NG.url]
    assert "http" in report.text()
