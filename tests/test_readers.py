"""Readers: page metadata and clean text from scraped text, HTML and JSON inputs.

The bundled samples and the synthetic pages under tests/data/articles imitate layouts of
many outlets (wire copy, ministries, newspapers, Reuters/AP/TASS/Yonhap-style pages);
the expectations below are what a careful reader of each page would write down.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from newsgraph.converters import readers
from newsgraph.converters.model import Document
from newsgraph.errors import ConversionError
from newsgraph.samples import sample_bytes, sample_paths

DATA = Path(__file__).resolve().parent / "data" / "articles"


def read_one(data: bytes | str, **kw: object) -> Document:
    docs = list(readers.read(data, **kw))  # type: ignore[arg-type]
    assert len(docs) == 1
    doc = docs[0]
    assert isinstance(doc, Document), doc
    return doc


def read_file(rel: str) -> Document:
    return read_one((DATA / rel).read_bytes(), name=rel)


def check_spans(doc: Document) -> None:
    """Offsets must point into Document.text: the extractor's mentions depend on it."""
    if doc.title is not None:
        assert doc.title_span is not None
        assert doc.text[doc.title_span.start:doc.title_span.end] == doc.title
    if doc.body_span is not None:
        assert 0 <= doc.body_span.start < doc.body_span.end <= len(doc.text)
    for span in doc.caption_spans:
        assert doc.text[span.start:span.end].strip()


# --------------------------------------------------------------------------- samples

SAMPLE_EXPECTED = {
    "01-wire-state-visit.txt": dict(
        title="Kenyan, Norwegian leaders hold talks in Nairobi, sign ocean and energy pacts",
        published="2024-04-12", source="Meridian Wire", editors=["Wanjiru"], photographers=["Tomas Varga"],
        dateline_place="NAIROBI", dateline_month_day=(4, 11), dateline_date=None,
    ),
    "02-ministry-phone-call.txt": dict(
        title="Foreign Minister Valdés Rojas holds telephone call with Japanese Foreign Minister Tanaka",
        published="2024-03-04", source="Ministry of Foreign Affairs of Chile", editors=[], photographers=[],
    ),
    "03-newspaper-summit.txt": dict(
        title="Nordic and Baltic leaders adopt Reykjavik Declaration on undersea cables",
        published="2023-10-17", source="The Harbour Chronicle", editors=[], photographers=[],
        bylines=["Mara Lindqvist"], dateline_place="REYKJAVIK",
    ),
    "04-agency-signing.txt": dict(
        title="Kazakhstan and Mongolia sign transit and water agreements during state visit",
        published="2023-09-03", source="Steppe Press", editors=["Ruslan Akhmetov"],
        photographers=["Aigerim Sadykova"], bylines=["Dana Ospanova"], dateline_place="ASTANA",
        dateline_date="2023-09-03", dateline_month_day=(9, 3),
    ),
    "05-html-meeting.html": dict(
        title="Brazil and Portugal leaders meet in Brasília, sign science accord",
        published="2024-06-18", source="Southern Cross News", photographers=["Fernanda Rocha"],
        bylines=["Beatriz Carvalho"], dateline_place="BRASÍLIA", input_format="html",
        url="https://southerncross.example.com/world/2024/06/18/brazil-portugal-leaders-meet-brasilia",
    ),
    "06-record.json": dict(
        title="Indonesia, Vietnam agree to settle fisheries disputes through joint patrols",
        published="2024-05-22", source="Archipelago News Agency", editors=["Arief Nugroho"],
        photographers=["Gilang Ramadhan"], bylines=["Putri Handayani"], dateline_place="JAKARTA",
        language="en", input_format="json",
    ),
}


def _check(doc: Document, expected: dict[str, object]) -> None:
    for key, value in expected.items():
        got = getattr(doc, key)
        if key == "published":
            assert got is not None and got[:10] == value, (key, got)
        else:
            assert got == value, (key, got, value)
    check_spans(doc)


@pytest.mark.parametrize("name", sorted(SAMPLE_EXPECTED))
def test_sample_metadata(name: str) -> None:
    _check(read_one(sample_bytes(name), name=name), SAMPLE_EXPECTED[name])


def test_samples_are_package_data() -> None:
    names = [Path(p).name for p in sample_paths()]
    assert names == sorted(names)
    expected = {"01-wire-state-visit.txt", "05-html-meeting.html", "06-record.json", "07-batch.jsonl"}
    assert expected <= set(names)
    assert all(Path(p).is_file() for p in sample_paths())


def test_sample_jsonl_holds_three_articles() -> None:
    docs = list(readers.read(sample_bytes("07-batch.jsonl")))
    assert [type(d) for d in docs] == [Document] * 3
    titles = [d.title for d in docs if isinstance(d, Document)]
    assert titles[0] == "Canadian and Mexican leaders discuss trade review in phone call"
    assert all(isinstance(d, Document) and d.source == "Pacific Dispatch" for d in docs)


def test_boilerplate_is_dropped_and_credits_leave_the_text() -> None:
    doc = read_one(sample_bytes("01-wire-state-visit.txt"))
    for junk in ("Home >", "About us", "Editor:", "[Editor's pick]", "Flamingos", "Copyright", "Release Date",
                 "Meridian Wire/Tomas Varga"):
        assert junk not in doc.text, junk
    # the caption stays (without its credit), as does the dateline in the body
    first = doc.caption_spans[0]
    assert "shakes hands" in doc.text[first.start:first.end]
    assert doc.body_span is not None
    assert doc.text[doc.body_span.start:].startswith("NAIROBI, April 11 (Meridian Wire) --")
    assert doc.text.startswith(doc.title or "")


def test_crawl_banner_is_not_the_publication_date() -> None:
    doc = read_one(sample_bytes("03-newspaper-summit.txt"))
    assert doc.published == "2023-10-17"
    assert "January" not in doc.text and "MOST READ" not in doc.text and "Ferry" not in doc.text


# --------------------------------------------------------------------------- other outlets' layouts

SYNTHETIC = {
    "text/reuters-style.txt": dict(
        title="Finland and Estonia agree to link power grids with new undersea cable",
        published="2024-03-05", source="Reuters", editors=["Mark Ellison"], bylines=["Anna Korhonen"],
        dateline_place="HELSINKI", dateline_month_day=(3, 5),
    ),
    "text/ap-style.txt": dict(
        title="Chile and Argentina presidents meet at border pass, pledge road link",
        published="2024-02-21", source="AP", editors=[], bylines=["Carlos Mendoza"],
        dateline_place="LOS ANDES, Chile",
    ),
    "text/tass-style.txt": dict(
        title="Lavrentiev holds talks with Mongolian counterpart in Moscow",
        published="2023-05-13", source="TASS", dateline_place="MOSCOW", dateline_month_day=(5, 13),
    ),
    "text/yonhap-style.txt": dict(
        title="(2nd LD) S. Korea, Australia hold foreign, defense ministers' talks in Melbourne",
        published="2024-05-01", source="Yonhap", photographers=["Yonhap"], dateline_place="SEOUL",
    ),
    "text/ministry-banner.txt": dict(
        title="Visit of the Foreign Minister of Ghana to New Delhi",
        published="2024-03-03", source="Ministry of External Affairs",
    ),
    "text/no-date.txt": dict(
        title="Leaders discuss water sharing at river commission meeting", published=None, source=None,
    ),
    "html/meta-only.html": dict(
        title="Argentina and Uruguay sign river pact", published="2023-11-08", source="Reuters",
        editors=["Daniel Ortiz"], bylines=["Martina Sosa"],
        url="https://rpherald.example.com/2023/11/08/argentina-uruguay-river-pact",
    ),
    "html/broken.html": dict(
        title="Leaders meet in Accra", source="Gold Coast Times", dateline_place="ACCRA"
    ),
}


@pytest.mark.parametrize("rel", sorted(SYNTHETIC))
def test_other_layouts(rel: str) -> None:
    expected = dict(SYNTHETIC[rel])
    if expected.get("published") is None and "published" in expected:
        doc = read_file(rel)
        assert doc.published is None
        expected.pop("published")
        _check(doc, expected)
    else:
        _check(read_file(rel), expected)


def test_footer_after_credits_is_dropped() -> None:
    doc = read_file("text/reuters-style.txt")
    assert "Our Standards" not in doc.text and "Reporting by" not in doc.text
    ap = read_file("text/ap-style.txt")
    assert "contributed" not in ap.text and "Copyright" not in ap.text


def test_labelled_date_beats_a_today_banner() -> None:
    doc = read_file("text/ministry-banner.txt")
    assert doc.published == "2024-03-03"
    assert "Share:" not in doc.text and "Media Centre" not in doc.text


@pytest.mark.parametrize(
    ("page", "published"),
    [
        ("Headline of the story here\nPublished: 30 November 2018 – 13:52 | Last updated: 1 December 2018\n\n"
         "BERLIN (Wire) — A long enough body sentence for the reader to accept it as the article body text.",
         "2018-11-30T13:52:00"),
        ("Headline of the story here\nUpdated: 2019-04-10 07:48\n\n"
         "A long enough body sentence for the reader to accept it as the article body text, really it is.",
         "2019-04-10T07:48:00"),
        ("Friday, March 08, 2024 | 27 Sha'ban 1445\nTHE DAILY EXAMPLE\n\nHeadline of the story here\n"
         "December 26, 2015\n\nLAHORE: A long enough body sentence for the reader to accept it as the body.",
         "2015-12-26"),
        ("Headline of the story here\n\nASMARA, July 9, 2018 (Wire) -- A long enough body sentence for the "
         "reader to accept it as the body of the article.", "2018-07-09"),
        ("Headline of the story here\n\nSEOUL, July 9 (Wire) -- A body whose dateline has no year and "
         "no other date appears on the page at all, so nothing is known.", None),
        ("Headline of the story here\nSunday, 15/11/2020 | 16:05 GMT+7\n\nA long enough body sentence for "
         "the reader to accept it as the article body text, really.", "2020-11-15T16:05:00+07:00"),
        ("Headline of the story here\n15 JUL 2023 8:10PM by PIB Delhi\n\nA long enough body sentence for "
         "the reader to accept it as the article body text, really.", "2023-07-15T20:10:00"),
    ],
)
def test_publication_date_rules(page: str, published: str | None) -> None:
    assert read_one(page).published == published


def test_headline_ending_in_a_date_is_still_the_headline() -> None:
    doc = read_one("Press release\n\nPM meeting with President Example: 30 August 2018\n\n"
                   "Published 30 August 2018\n\n"
                   "The Prime Minister met President Example at State House this afternoon, on a long visit.")
    assert doc.title == "PM meeting with President Example: 30 August 2018"
    assert doc.published == "2018-08-30"


def test_editor_credits_and_false_friends() -> None:
    page = ("Headline of the story here\n\nBy Laura Méndez | 26 September 2016, 23:40\n\n"
            "CARTAGENA – A long enough body sentence for the reader to accept it as the article body.\n\n"
            "(Editing by the business desk)\n\n[Editor's pick]\n· Something else entirely\n")
    doc = read_one(page)
    assert doc.editors == []
    assert doc.bylines == ["Laura Méndez"]
    assert "Something else" not in doc.text
    doc2 = read_one(page.replace("(Editing by the business desk)", "(Editor: Hu Nan)"))
    assert doc2.editors == ["Hu Nan"]


@pytest.mark.parametrize(
    ("caption", "photographer"),
    [
        ("Leader A (R) meets leader B in the capital, May 2, 2024. (Wire/Li Xiang)", "Li Xiang"),
        ("Leader A shakes hands with leader B after the signing in the city. Photo: Andrés Villamil",
         "Andrés Villamil"),
        ("Leader A and leader B at the signing ceremony in the capital. (Photo: VNA)", "VNA"),
        ("Leader A (L) and leader B raise their joined hands after the signing. (Joint Press Corps)",
         "Joint Press Corps"),
        ("Leader A (C) poses with delegates before the meeting in the capital. (AP Photo/Evan Brooks)",
         "Evan Brooks"),
    ],
)
def test_caption_credits(caption: str, photographer: str) -> None:
    page = (f"Headline of the story here\n\n{caption}\n\nCITY, May 2 (Wire) -- A long enough body sentence "
            "for the reader to accept it as the article body text.")
    doc = read_one(page)
    assert doc.photographers == [photographer]
    assert photographer not in doc.text  # the credit is cut from the caption text
    assert len(doc.caption_spans) == 1


@pytest.mark.parametrize(
    ("para", "place", "month_day", "date"),
    [
        ("BEIJING, May 13 (Xinhua) -- Chinese President met the visiting leader on Monday in the capital.",
         "BEIJING", (5, 13), None),
        ("Jeddah, Sept 16, SPA -- The King witnessed this evening the signing of an agreement in the city.",
         "Jeddah", (9, 16), None),
        ("Bishkek, 6 September /UzA/. The President held talks yesterday with his counterpart in the city.",
         "Bishkek", (9, 6), None),
        ("WASHINGTON, 15th September, 2020 (WAM) -- The minister today signed for his country a treaty.",
         "WASHINGTON", (9, 15), "2020-09-15"),
        ("Tehran, IRNA – Iran and a neighbour have agreed to resume diplomatic relations within two months.",
         "Tehran", None, None),
        ("Bintan, Riau Islands (ANTARA) - The President and the Prime Minister held a retreat on Tuesday.",
         "Bintan, Riau Islands", None, None),
    ],
)
def test_datelines(para: str, place: str, month_day: tuple[int, int] | None, date: str | None) -> None:
    doc = read_one("Headline of the story here\n\n" + para + "\n\nA second paragraph of ordinary body text.")
    assert doc.dateline_place == place
    assert doc.dateline_month_day == month_day
    assert doc.dateline_date == date
    assert para in doc.text  # the dateline stays in the body


def test_url_header_line() -> None:
    doc = read_one("URL: https://example.org/a/b\n\nHeadline of the story here\n\n"
                   "A long enough body sentence "
                   "for the reader to accept it as the article body text.")
    assert doc.url == "https://example.org/a/b"
    assert "URL:" not in doc.text


# --------------------------------------------------------------------------- JSON and sniffing


def test_json_array_and_field_aliases() -> None:
    docs = [d for d in readers.read((DATA / "json/array.json").read_bytes()) if isinstance(d, Document)]
    assert [d.title for d in docs] == ["First article title", "Second article"]
    assert [d.published for d in docs] == ["2024-01-02", "2024-01-03T08:00:00"]
    assert [d.source for d in docs] == ["Example Wire", "Example Wire"]
    assert docs[1].url == "https://example.com/a2"


def test_jsonl_bad_lines_are_reported_not_fatal() -> None:
    items = list(readers.read((DATA / "json/mixed.jsonl").read_bytes(), name="mixed.jsonl"))
    good = [d for d in items if isinstance(d, Document)]
    bad = [d for d in items if isinstance(d, ConversionError)]
    assert [d.title for d in good] == ["Good record", "Another good record"]
    assert len(bad) == 2
    assert "line 2" in bad[0].message and "invalid JSON" in bad[0].message
    assert "line 3" in bad[1].message


@pytest.mark.parametrize(
    ("text", "fmt"),
    [
        ('{"title": "x", "body": "y"}', "json"),
        ('[{"title": "x"}]', "json"),
        ('{"title": "x"}\n{"title": "y"}\n', "jsonl"),
        ("<!DOCTYPE html><html><body><p>x</p></body></html>", "html"),
        ("  <html lang='en'><p>x</p>", "html"),
        ("<div class='a'>text</div>", "html"),
        ("Headline\n\nBody text with a < sign and a > sign.", "text"),
        ("URL: https://example.org\n\nHeadline", "text"),
    ],
)
def test_sniff(text: str, fmt: str) -> None:
    assert readers.sniff(text) == fmt


def test_forced_input_format() -> None:
    page = '{"not": "an article"} but read as text, a long enough line to be its body, really.'
    doc = read_one(page, input_format="text")
    assert doc.input_format == "text"
    with pytest.raises(ConversionError):
        list(readers.read(page, input_format="json"))


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "empty"),
        (b"   \n\n  ", "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "binary"),
        (bytes(range(256)) * 8, "binary"),
        (b'{"title": ', "invalid JSON"),
        (b'{"other": 1}', "neither a title nor a body"),
        (b"[]", "no articles"),
    ],
)
def test_unreadable_input_is_a_clear_error(data: bytes, message: str) -> None:
    try:
        items = list(readers.read(data))
    except ConversionError as exc:
        messages = [exc.message]
    else:  # a record that cannot be read comes back as a ConversionError item, not an article
        assert items and all(isinstance(i, ConversionError) for i in items)
        messages = [i.message for i in items if isinstance(i, ConversionError)]
    assert any(message in m for m in messages), messages


def test_legacy_encodings_and_bom() -> None:
    page = "Headline about Côte d’Ivoire\n\nABIDJAN (Wire) — A long enough body sentence for us, déjà vu."
    assert read_one(page.encode("cp1252")).title == "Headline about Côte d’Ivoire"
    assert read_one(b"\xef\xbb\xbf" + page.encode("utf-8")).title == "Headline about Côte d’Ivoire"
    assert read_one(page.encode("utf-16")).title == "Headline about Côte d’Ivoire"


def test_windows_line_endings_keep_offsets_consistent() -> None:
    page = "Headline of the story here\r\n\r\nCITY, May 2 (Wire) -- A long enough body sentence for us.\r\n"
    doc = read_one(page.encode())
    assert "\r" not in doc.text
    check_spans(doc)
