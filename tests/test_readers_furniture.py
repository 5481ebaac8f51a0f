"""Page furniture and credit formats the readers used to misread, one synthetic page per rule.

Each page was written for these tests (invented outlets, people, places and URLs).  The
rules are about layout and phrasing that recur across outlets: a slogan line under the
masthead, an agency's full name under its acronym, a crawler's retrieval banner above
the page, wire headlines too long to look like one, photo credits written as
"Image: person/AGENCY", "© person, AGENCY" or "[Handout/office via AGENCY]", and JSON
records that keep the editor and the photo credit in nested or unusual fields.
"""
# ruff: noqa: E501  (pages are written as scraped: one paragraph per line)

from __future__ import annotations

import json

import pytest

from newsgraph.converters import readers
from newsgraph.converters.model import Document


def read_one(page: str, **kw: object) -> Document:
    docs = list(readers.read(page, **kw))  # type: ignore[arg-type]
    assert len(docs) == 1 and isinstance(docs[0], Document), docs
    return docs[0]


BODY = ("The two ministers reviewed cooperation in fisheries, grid links and vocational training, and agreed "
        "to open a trade office in the port city before the end of the year, officials said after the talks.")
FIRST = f"Premier Oskar Lindqvist on Wednesday received Foreign Minister Amara Diallo in Sundvik. {BODY}"


# --------------------------------------------------------------------------- slogans and second masthead lines

@pytest.mark.parametrize(
    "top",
    [
        "RIVERWAVE\nAlways on the record.",  # masthead, then its slogan
        "RIVERWAVE\nAlways on the record.\nWorld | Europe | Business | Culture",  # and a menu
        "Always on the record.",  # a slogan alone (the logo is an image)
        "RIVERWAVE\nAlways on the record.\nWednesday, 15 May 2024",  # a header date under the slogan
    ],
)
def test_a_slogan_with_a_full_stop_is_not_the_headline(top: str) -> None:
    # no URL: a slug repeating the headline would settle it without the layout rule
    page = f"{top}\n\nNordland and Sahel partners open trade office\n\n15.05.2024\n\n{FIRST}\n"
    doc = read_one(page)
    assert doc.title == "Nordland and Sahel partners open trade office"
    assert "Always on the record" not in doc.text


def test_a_short_sentence_headline_still_wins_when_nothing_follows_it() -> None:
    # near miss: the only line above the body ends in a full stop, and it is the headline
    page = f"Premier meets minister.\n\n15 May 2024\n\n{FIRST}\n"
    assert read_one(page).title == "Premier meets minister."


@pytest.mark.parametrize(
    "top",
    [
        "SPA\nSundvik Press Agency",
        "SPA\n\nSundvik Press Agency",  # a blank line between the two
        "SPA\nSUNDVIK PRESS AGENCY",
        "SPA\nSundvik Press Agency (SPA)",
        "SPA\nHome | Politics | Economy\nSundvik Press Agency",
        "SPA\nSundvik Press Agency\nPolitics",
        "SPA\nSundvik Press Agency\nWednesday, 15 May 2024",  # the header's "today" date under it
    ],
)
def test_the_agency_full_name_under_its_acronym_is_not_the_headline(top: str) -> None:
    page = f"{top}\n\nPremier receives Sahel minister\n\n15 May 2024\n\n{FIRST}\n"
    doc = read_one(page)
    assert doc.title == "Premier receives Sahel minister"
    assert doc.source == "SPA"
    assert "Sundvik Press Agency" not in doc.text.replace("(SPA)", "")


def test_a_title_case_headline_ending_in_an_outlet_word_stays() -> None:
    # near miss: "... Meets the Press" ends in an outlet word but has its stamp under it
    page = f"SUNDVIK POST\n\nNew Premier Meets the Press\n\n15 May 2024\n\n{FIRST}\n"
    assert read_one(page).title == "New Premier Meets the Press"


LONG_HEADLINE = ("Premier Oskar Lindqvist receives Foreign Minister Amara Diallo, who conveyed greetings and "
                 "discussed bilateral relations and ways to develop them in all fields")


@pytest.mark.parametrize("top", ["SPA\nSundvik Press Agency", "Sundvik Press Agency", ""])
def test_a_wire_headline_of_twenty_words_and_more_is_the_headline(top: str) -> None:
    page = (f"{top}\n\n{LONG_HEADLINE}\n\n15 May 2024\n\n"
            f"Sundvik, May 15 (SPA) -- Premier Oskar Lindqvist received Foreign Minister Amara Diallo today. {BODY}\n\n{BODY}\n")
    doc = read_one(page)
    assert doc.title == LONG_HEADLINE
    assert doc.source == "SPA"
    assert doc.body_span is not None and doc.text[doc.body_span.start:].startswith("Sundvik, May 15")


def test_a_first_paragraph_with_its_full_stop_is_not_taken_for_a_long_headline() -> None:
    # near miss: a page without a headline whose first paragraph is a sentence
    first = ("Premier Oskar Lindqvist received Foreign Minister Amara Diallo on Wednesday and the two discussed "
             "bilateral relations and ways to develop them in all fields.")
    doc = read_one(f"{first}\n\n{BODY}\n")
    assert doc.title is None


# --------------------------------------------------------------------------- retrieval banners

@pytest.mark.parametrize(
    "banner",
    [
        "Retrieved 16 May 2024 from the publisher's website",
        "[Archived copy, captured 2024-05-16 07:40 UTC]",
        "Crawl date: 2024-05-16",
        "Date retrieved: 16/05/2024",
        "Source page retrieved on May 16, 2024",
        "Web capture of sundvikpost.example.com, May 16, 2024",
        "Clipped from sundvikpost.example.com on 16 May 2024",
        "Retrieved 16 May 2024. The page may have changed since it was captured.",
    ],
)
def test_a_retrieval_banner_above_the_masthead_leaves_masthead_and_headline(banner: str) -> None:
    page = (f"URL: https://sundvikpost.example.com/politics/premier-receives-sahel-minister\n\n{banner}\n\n"
            f"SUNDVIK POST\n\nPremier receives Sahel minister\n\n15 May 2024\n\n{FIRST}\n")
    doc = read_one(page)
    assert doc.title == "Premier receives Sahel minister"
    assert doc.source == "Sundvik Post"
    assert doc.published == "2024-05-15"  # the banner's date is the crawl's, not the article's
    assert "2024-05-16" not in doc.text and "16 May" not in doc.text


def test_a_retrieval_banner_before_a_menu_shaped_masthead() -> None:
    page = (f"Retrieved 16 May 2024\n\nThe Sundvik Post | English edition\n\n"
            f"Premier receives Sahel minister\n\n15 May 2024\n\n{FIRST}\n")
    assert read_one(page).source == "The Sundvik Post"


def test_a_labelled_address_line_is_furniture() -> None:
    page = (f"Original URL: https://sundvikpost.example.com/p/4410\n\nSUNDVIK POST\n\n"
            f"Premier receives Sahel minister\n\n15 May 2024\n\n{FIRST}\n")
    doc = read_one(page)
    assert doc.title == "Premier receives Sahel minister" and doc.source == "Sundvik Post"
    assert doc.url == "https://sundvikpost.example.com/p/4410" and "Original URL" not in doc.text


def test_a_sentence_about_a_capture_in_the_body_stays() -> None:
    # near miss: a body line that opens with a crawl word, after the article has begun
    line = "Captured fighters were freed on 12 May 2024."
    doc = read_one(f"Premier receives Sahel minister\n\n15 May 2024\n\n{FIRST}\n\n{line}\n\n{BODY}\n")
    assert line in doc.text


def test_a_bracketed_banner_is_text_not_a_json_array() -> None:
    assert readers.sniff("[Archived copy, captured 2024-05-16]\nSUNDVIK POST\n") == "text"
    assert readers.sniff('[{"title": "x"}]') == "json"
    assert readers.sniff("[\n  1, 2]") == "json"


# --------------------------------------------------------------------------- photo credits

CAPTION = "Premier Oskar Lindqvist, right, greets Foreign Minister Amara Diallo at the harbour office in Sundvik on Wednesday."


@pytest.mark.parametrize(
    ("credit", "photographer"),
    [
        (" Image: Petra Holm/REUTERS", "Petra Holm"),  # person, then the agency in capitals
        ("\nImage: Petra Holm/REUTERS", "Petra Holm"),  # the same credit on a line of its own
        (" © Petra Holm, AFP", "Petra Holm"),  # a copyright sign, person and agency
        (" (© Petra Holm/AFP)", "Petra Holm"),
        ("\n© Petra Holm, AFP", "Petra Holm"),
        (" Photo: © Petra Holm/AFP", "Petra Holm"),
        (" [Handout/Premier's Press Office via Reuters]", "Premier's Press Office"),  # the office, not the wire
        (" (Handout/Premier's Press Office via Reuters)", "Premier's Press Office"),
        (" [Petra Holm/Reuters]", "Petra Holm"),
        (" (Petra Holm/Agência Sundvik)", "Petra Holm"),  # an agency named in its own language
    ],
)
def test_photo_credit_formats(credit: str, photographer: str) -> None:
    page = (f"Lindqvist and Diallo meet in Sundvik\n\n15 May 2024\n\n{CAPTION}{credit}\n\n"
            f"SUNDVIK (Nordic Wire) — Premier Oskar Lindqvist met Foreign Minister Amara Diallo on Wednesday. {BODY}\n")
    doc = read_one(page)
    assert doc.photographers == [photographer]
    assert CAPTION in doc.text and credit.strip() not in doc.text
    assert doc.source == "Nordic Wire"  # the dateline's agency, not the caption's


def test_a_site_copyright_line_is_not_a_photo_credit() -> None:
    page = (f"SUNDVIK POST\n\nPremier receives Sahel minister\n\n15 May 2024\n\n{FIRST}\n\n"
            "© 2024 Sundvik Post Media Group. All rights reserved.\n")
    doc = read_one(page)
    assert doc.photographers == []
    assert doc.source == "Sundvik Post"


# --------------------------------------------------------------------------- JSON records

RECORD_TEXT = f"SUNDVIK, May 15 - {FIRST}"


@pytest.mark.parametrize(
    ("extra", "editors", "photographers"),
    [
        ({"edition": {"name": "English", "editor": "Karin Berg"}, "image": {"url": "https://example.net/a.jpg", "credit": "Petra Holm/AFP"}},
         ["Karin Berg"], ["Petra Holm"]),
        ({"edition": "Edited by Karin Berg", "image": {"credit": "Photo: Petra Holm"}}, ["Karin Berg"], ["Petra Holm"]),
        ({"edition": "Karin Berg", "photo": {"caption": "Lindqvist greets Diallo", "credit": "© Petra Holm, AFP"}},
         ["Karin Berg"], ["Petra Holm"]),
        ({"edition": "Edição: Karin Berg", "images": [{"credit": "Handout/Premier's Press Office via Reuters"}]},
         ["Karin Berg"], ["Premier's Press Office"]),
        # near misses: an edition's own name is no editor
        ({"edition": "International Edition", "image": {"credit": "Petra Holm/Agência Sundvik"}}, [], ["Petra Holm"]),
        ({"edition": "Weekend English"}, [], []),
    ],
)
def test_json_record_editor_and_picture_credit(extra: dict[str, object], editors: list[str],
                                               photographers: list[str]) -> None:
    record = {"title": "Premier receives Sahel minister", "date_published": "2024-05-15", "source": "Nordic Wire",
              "author": {"name": "Lars Eklund", "role": "reporter"}, "text": RECORD_TEXT, **extra}
    doc = read_one(json.dumps(record))
    assert doc.editors == editors
    assert doc.photographers == photographers
    assert doc.source == "Nordic Wire"


def test_foreign_editing_label_in_a_text_page() -> None:
    page = f"Premier receives Sahel minister\n\n15 May 2024\n\n{FIRST}\n\nEdição: Karin Berg\n"
    doc = read_one(page)
    assert doc.editors == ["Karin Berg"]
    assert "Karin Berg" not in doc.text
