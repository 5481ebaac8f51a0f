"""The HTML pages: valid HTML5, escaped text, no script, links a reader can follow."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import html5lib
import pytest

from ld_fixtures import BASE, HOSTILE_NAME, HOSTILE_TITLE, load, path_of
from newsgraph import iris
from newsgraph.ontology import load_ontology
from newsgraph.server import create_app
from newsgraph.store.embedded import EmbeddedStore

PAGE_SIZE = 5


@pytest.fixture(scope="module")
def loaded():  # type: ignore[no-untyped-def]
    store = EmbeddedStore(None)
    return store, load(store, BASE, fiji=12)


@pytest.fixture()
def client(loaded):  # type: ignore[no-untyped-def]
    return create_app({"base_uri": BASE, "page_size": PAGE_SIZE}, store=loaded[0]).test_client()


@pytest.fixture(scope="module")
def ids(loaded):  # type: ignore[no-untyped-def]
    return loaded[1]


class _Collector(HTMLParser):
    """Collects ids, links and the text of elements, for structural checks."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: list[str] = []
        self.hrefs: list[str] = []
        self.tags: list[str] = []
        self.attrs: list[tuple[str, str, str | None]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        for k, v in attrs:
            self.attrs.append((tag, k, v))
            if k == "id" and v:
                self.ids.append(v)
            if k == "href" and v:
                self.hrefs.append(v)

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def check_page(text: str) -> _Collector:
    """Valid HTML5 (html5lib in strict mode raises on any parse error), unique ids, no script."""
    html5lib.HTMLParser(strict=True, namespaceHTMLElements=False).parse(text)
    assert text.startswith("<!DOCTYPE html>")
    c = _Collector()
    c.feed(text)
    dupes = {i for i in c.ids if c.ids.count(i) > 1}
    assert not dupes, f"duplicate ids {dupes}"
    assert "script" not in c.tags
    # The Content-Security-Policy forbids inline styles and event handlers: none are used.
    assert not [a for a in c.attrs if a[1] == "style" or a[1].startswith("on")]
    return c


KIND_PATHS = [
    "person",
    "country",
    "event",
    "signing",
    "agreement",
    "organization",
    "source",
    "article",
    "hostile_person",
    "hostile_article",
    "fiji",
    "rabuka",
]


@pytest.mark.parametrize("name", KIND_PATHS)
def test_every_entity_page_is_valid_html5(client, ids, name) -> None:  # type: ignore[no-untyped-def]
    parsed = iris.parse(BASE, str(ids[name]))
    assert parsed is not None
    r = client.get(iris.doc_path(parsed.kind, parsed.key))
    assert r.status_code == 200
    assert r.mimetype == "text/html"
    assert "script-src" not in r.headers["Content-Security-Policy"]  # default-src 'none' covers scripts
    assert "default-src 'none'" in r.headers["Content-Security-Policy"]
    c = check_page(r.get_data(as_text=True))
    # Links to every other representation of the same description.
    for ext in ("ttl", "jsonld", "rdf", "nt", "trig", "nq"):
        assert iris.data_path(parsed.kind, parsed.key, ext) in c.hrefs
    # Every local link leads somewhere that exists.
    for href in {h for h in c.hrefs if h.startswith("/doc/")}:
        assert client.get(href.split("#")[0]).status_code == 200, href


@pytest.mark.parametrize("path", ["/", "/ontology.html", "/shapes.html", "/doc/country/FJI?page=2"])
def test_other_pages_are_valid_html5(client, path) -> None:  # type: ignore[no-untyped-def]
    r = client.get(path)
    assert r.status_code == 200
    assert "Content-Security-Policy" in r.headers
    check_page(r.get_data(as_text=True))


@pytest.mark.parametrize(
    "path", ["/doc/person/nobody", "/doc/country/FJI?page=99", "/doc/country/FJI?page=x"]
)
def test_error_pages_are_valid_html5(client, path) -> None:  # type: ignore[no-untyped-def]
    r = client.get(path, headers={"Accept": "text/html"})
    assert r.status_code in (400, 404)
    assert r.mimetype == "text/html"
    assert "Content-Security-Policy" in r.headers
    check_page(r.get_data(as_text=True))


@pytest.mark.parametrize(
    ("name", "escaped", "raw"),
    [
        ("hostile_person", "&lt;script&gt;alert(", HOSTILE_NAME),
        ("hostile_person", "&lt;i&gt;Envoy&lt;/i&gt;", "<i>Envoy</i>"),
        ("hostile_article", "&lt;script&gt;document.title=", HOSTILE_TITLE),
        ("hostile_article", "Pacific &lt;Wire&gt;", "Pacific <Wire>"),
        ("fiji", "Suva &amp; &lt;Nadi&gt;", "Suva & <Nadi>"),
        ("rabuka", "&lt;script&gt;alert(", HOSTILE_NAME),
    ],
)
def test_text_from_the_data_is_escaped(client, ids, name, escaped, raw) -> None:  # type: ignore[no-untyped-def]
    parsed = iris.parse(BASE, str(ids[name]))
    assert parsed is not None
    text = client.get(iris.doc_path(parsed.kind, parsed.key)).get_data(as_text=True)
    assert "<script" not in text.lower()
    assert "<b>bold</b>" not in text
    assert "<i>Envoy</i>" not in text
    assert escaped in text
    c = check_page(text)
    # The hostile strings arrive intact as text, only escaped in the markup.
    assert raw in "".join(c.text) or raw[:20] in "".join(c.text)


def test_home_page_escapes_what_it_lists(client) -> None:  # type: ignore[no-untyped-def]
    text = client.get("/").get_data(as_text=True)
    assert "<script" not in text.lower()
    assert "&lt;script&gt;alert" in text


def test_person_page_shows_facts_links_pictures_and_sources(client, ids) -> None:  # type: ignore[no-untyped-def]
    r = client.get("/doc/person/xi-jinping")
    text = r.get_data(as_text=True)
    c = check_page(text)
    assert "<h1>Xi Jinping</h1>" in text
    assert "/doc/country/CHN" in c.hrefs  # nationality
    assert path_of(str(ids["event"])).replace("/id/", "/doc/") in c.hrefs  # an event taken part in
    assert path_of(str(ids["article"])).replace("/id/", "/doc/") in c.hrefs  # an article mentioning him
    # Who met whom: Putin is in the network picture and linked from it.
    svg = text[text.index("<svg") : text.index("</svg>")]
    assert "Vladimir Putin" in svg
    assert 'href="/doc/person/vladimir-putin"' in svg
    # The timeline of events.
    assert text.count("<svg") == 2
    assert "events per day" in text
    # The sentence each mention came from, with the words marked, and its article.
    assert "<mark>Xi Jinping</mark> held talks with Russian President Vladimir Putin" in text
    assert "Xi, Putin hold talks in Beijing" in text
    assert "Events taken part in" in text


def test_event_page_names_participants_place_and_evidence(client, ids) -> None:  # type: ignore[no-untyped-def]
    text = client.get(path_of(str(ids["event"])).replace("/id/", "/doc/")).get_data(as_text=True)
    check_page(text)
    assert "<h1>Talks on 2024-05-16</h1>" in text
    assert ">Vladimir Putin</a>" in text and ">Xi Jinping</a>" in text
    assert "Great Hall of the People, Beijing" in text
    assert "<mark>held talks</mark>" in text
    # An agreement signed at the Signing event is listed on that event's page.
    signing = client.get(path_of(str(ids["signing"])).replace("/id/", "/doc/")).get_data(as_text=True)
    assert "Joint statement on deepening the comprehensive partnership" in signing


def test_article_page_marks_each_span_and_links_it(client, ids) -> None:  # type: ignore[no-untyped-def]
    text = client.get(path_of(str(ids["article"])).replace("/id/", "/doc/")).get_data(as_text=True)
    check_page(text)
    assert "Sentences facts were read from" in text
    # Both people in the first sentence are marked and linked to their pages.
    assert re.search(r'<a class="mark" href="/doc/person/xi-jinping"[^>]*><mark>Xi Jinping</mark></a>', text)
    assert re.search(
        r'<a class="mark" href="/doc/person/vladimir-putin"[^>]*><mark>Vladimir Putin</mark></a>', text
    )
    assert ">Xinhua</a>" in text
    assert 'href="https://example.org/news/2024/05/16/xi-putin-talks"' in text


def test_country_page_is_paged_and_lists_events_newest_first(client) -> None:  # type: ignore[no-untyped-def]
    first = client.get("/doc/country/FJI").get_data(as_text=True)
    check_page(first)
    assert "Page 1 of 6" in first
    assert 'rel="next" href="/doc/country/FJI?page=2"' in first
    assert 'rel="prev"' not in first
    dates = re.findall(r"Event on (\d{4}-\d{2}-\d{2})", first)
    assert len(dates) == 4  # the Meeting (named by type) and four plain events fill 5 slots
    assert dates == sorted(dates, reverse=True)
    second = client.get("/doc/country/FJI?page=2").get_data(as_text=True)
    assert "Page 2 of 6" in second
    assert 'rel="prev" href="/doc/country/FJI"' in second
    later = re.findall(r"Event on (\d{4}-\d{2}-\d{2})", second)
    assert later and max(later) < min(dates)
    # Totals are shown, not only the page.
    assert 'Events involving this country <span class="count">13</span>' in first


def test_ontology_page_documents_every_term(client) -> None:  # type: ignore[no-untyped-def]
    text = client.get("/ontology.html").get_data(as_text=True)
    c = check_page(text)
    onto = load_ontology()
    terms = {str(s)[len(iris.NG) :] for s in onto.subjects() if str(s).startswith(iris.NG)}
    assert len(terms) > 30
    assert terms <= set(c.ids), terms - set(c.ids)
    meeting = text[text.index('id="Meeting"') :]
    meeting = meeting[: meeting.index("</section>")]
    assert "CAMEO codes" in meeting and "040" in meeting
    participant = text[text.index('id="participant"') :]
    participant = participant[: participant.index("</section>")]
    assert "domain" in participant and "#Event" in participant and "#Person" in participant
    assert "http://semanticweb.cs.vu.nl/2009/11/sem/hasActor" in participant  # alignment, linked
    # Term IRIs of the ontology on a page link to this documentation.
    person = client.get("/doc/person/xi-jinping").get_data(as_text=True)
    assert 'href="/ontology.html#Person"' in person


def test_shapes_page_lists_the_node_shapes(client) -> None:  # type: ignore[no-untyped-def]
    text = client.get("/shapes.html").get_data(as_text=True)
    check_page(text)
    assert "Applies to" in text
    assert 'href="/ontology.html#Article"' in text
