from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsgraph import iris

BASE = "http://kg.test"


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("Xi Jinping", "xi-jinping"),
        ("Recep Tayyip Erdoğan", "recep-tayyip-erdogan"),
        ("Nguyễn Xuân Phúc", "nguyen-xuan-phuc"),
        ("KISHIDA Fumio", "kishida-fumio"),
        ("Đặng Thị Ngọc Thịnh", "dang-thi-ngoc-thinh"),
    ],
)
def test_person_slug(name: str, slug: str) -> None:
    assert iris.person(BASE, name) == f"{BASE}/id/person/{slug}"


def test_country_and_parse_round_trip() -> None:
    uri = iris.country(BASE, "chn")
    assert uri == f"{BASE}/id/country/CHN"
    assert iris.parse(BASE, uri) == iris.ParsedIRI("country", "CHN")
    assert iris.parse(BASE, "http://elsewhere/id/country/CHN") is None
    assert iris.parse(BASE, f"{BASE}/id/spaceship/x") is None


def test_article_key_is_stable_and_url_normalised() -> None:
    a = iris.article_key("HTTPS://Example.org/news/1/", "whatever")
    b = iris.article_key("https://example.org/news/1", "other text")
    assert a == b and len(a) == 16
    assert iris.article_key(None, "a  b") == iris.article_key(None, "a b")
    assert iris.article_key(None, "a b") != iris.article_key(None, "a c")


@given(st.text())
def test_slug_is_always_a_valid_key(text: str) -> None:
    slug = iris.slugify(text)
    assert iris.valid_key("person", slug)
    assert iris.parse(BASE, iris.person(BASE, text)) == iris.ParsedIRI("person", slug)
