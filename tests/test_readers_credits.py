"""Source fields the readers used to miss or misread: the credited agency, photo credits, the headline.

Every page and sentence here was written for these tests (invented outlets, people, places
and addresses).  The rules are about forms that recur across outlets: an agency credited
by its acronym while the masthead spells its full name, a dateline with no dash after the
agency, photo credits in brackets after a labelled caption, "Photo courtesy of ...",
"© Office – Person", JSON records with "ORG photo by Person" or a flat ``imageCredit``
field, and a section menu whose first item is long.  Each rule has guards for what it must
leave alone.
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


FIRST = ("Trade Minister Ilse Varnholm met her Calderan counterpart Tomas Riquelme in Tarvik on Tuesday, and the "
         "two agreed to expand trade in grain, fish and timber over the next three years.")
LAST = "The ministers also agreed to set up a working group on tariffs and to ease customs checks on rice imports."
HEAD = "Borealis and Caldera agree to expand grain trade"


def page(*, masthead: str = "Borealis News Agency", last: str = LAST, footer: str = "", above: str = "",
         caption: str = "") -> str:
    cap = f"{caption}\n\n" if caption else ""
    return f"{masthead}\n{above}\n{HEAD}\n\n05.11.2024\n\n{cap}{FIRST}\n\n{last}\n{footer}\n"


# --------------------------------------------------------------------------- 1. the outlet's acronym


@pytest.mark.parametrize(
    ("acronym", "name", "spells"),
    [
        ("BNA", "Borealis News Agency", True),
        ("KUNA", "Kestrel United News Agency", True),
        ("KUNA", "Kuvaran News Agency", True),  # more than one letter of a word
        ("AFP", "Agence Fleuve-Presse", True),  # a hyphenated word gives a letter per part
        ("OPZ", "Office of the President of Zembla", True),  # glue words give no letter ...
        ("OOTPZ", "Office of the President of Zembla", True),  # ... or one
        ("BNA", "Borealis News Agency (BNA)", True),
        ("BNN", "Borealis News Agency", False),  # another outlet
        ("UN", "Borealis News Agency", False),
        ("TH", "Tarvik", False),  # one word is no acronym's source
        ("Bna", "Borealis News Agency", False),  # not an acronym
    ],
)
def test_an_acronym_spells_the_significant_words_of_a_name(acronym: str, name: str, spells: bool) -> None:
    assert readers._is_acronym_of(acronym, name) is spells


def test_an_acronym_closing_the_last_paragraph_names_the_outlet() -> None:
    doc = read_one(page(last=LAST + " (BNA)"))
    assert doc.source == "BNA"
    assert doc.title == HEAD


def test_a_sign_off_line_with_the_acronym_names_the_outlet() -> None:
    doc = read_one(page(footer="\n(BNA)(www.bnanews.example)\n\nContact | Advertise | Terms"))
    assert doc.source == "BNA"
    assert "bnanews" not in doc.text


@pytest.mark.parametrize("between", ["\n", "\n\n"])
def test_the_acronym_under_the_full_masthead_name_names_the_outlet(between: str) -> None:
    doc = read_one(page(masthead=f"Borealis News Agency{between}BNA\nHome | Politics | Economy | World"))
    assert doc.source == "BNA"
    assert doc.title == HEAD


def test_a_dateline_without_a_dash_credits_its_agency() -> None:
    para = ("Tarvik, Nov. 3, 2024 (BNA) President Erik Halvorsen on Sunday received the credentials of the new "
            "ambassadors of five countries at the Winter Palace.")
    doc = read_one(page(last=para))
    assert doc.dateline_place == "Tarvik"
    assert doc.dateline_month_day == (11, 3)
    assert doc.source == "BNA"


@pytest.mark.parametrize(
    ("last", "footer", "masthead"),
    [
        (LAST + " (UN)", "", "Borealis News Agency"),  # a body sentence ending in an acronym of something else
        (LAST + " (ZNA)", "", "Borealis News Agency"),  # another agency's acronym: no credit of the outlet
        (LAST, "\n(AFP)\n", "The Tarvik Herald"),  # a wire sign-off on a newspaper page: the masthead stays
        (LAST, "", "Borealis News Agency\nZNA"),  # an acronym of another outlet under the masthead
    ],
)
def test_an_acronym_of_another_outlet_leaves_the_masthead(last: str, footer: str, masthead: str) -> None:
    doc = read_one(page(last=last, footer=footer, masthead=masthead))
    assert doc.source == masthead.split("\n")[0]


def test_a_wire_dateline_on_a_newspaper_page_still_credits_the_wire() -> None:
    para = ("Tarvik, Nov. 3 (AFP) -- President Erik Halvorsen on Sunday received the credentials of the new "
            "ambassadors of five countries at the Winter Palace.")
    doc = read_one(page(masthead="The Tarvik Herald", last=para))
    assert doc.source == "AFP"


@pytest.mark.parametrize(
    "para",
    [
        # an aside in brackets, not an agency
        "Tarvik, May 5 (local time) Officials of both ministries met again to settle the remaining tariff lines.",
        # no date: an organisation and its acronym opening a sentence
        "United Nations (UN) Secretary-General Amal Okafor welcomed the agreement in a statement on Tuesday.",
    ],
)
def test_a_dashless_dateline_needs_a_date_and_a_capitalised_agency(para: str) -> None:
    doc = read_one(page(last=para))
    assert doc.dateline_place is None
    assert doc.source == "Borealis News Agency"


# --------------------------------------------------------------------------- 2-4. caption credits


@pytest.mark.parametrize(
    ("caption", "photographer"),
    [
        ("[Photo caption] Minister Ilse Varnholm and Minister Tomas Riquelme in Tarvik on March 11, 2025. (BNA)", "BNA"),
        ("Photo: King Aldric and President Soren Vale at the palace, February 11, 2025. (Royal Court of Zembla)",
         "Royal Court of Zembla"),
        ("PICTURE - Minister Ilse Varnholm welcomes her guest at the ministry in Tarvik on Tuesday. (Ministry of Trade)",
         "Ministry of Trade"),
        ("Minister Ilse Varnholm welcomes her guest at the ministry in Tarvik on Tuesday. (Photo courtesy of PCO)", "PCO"),
        ("Minister Ilse Varnholm welcomes her guest at the ministry in Tarvik on Tuesday. (Photo courtesy of the Ministry of Trade)",
         "Ministry of Trade"),
        ("Minister Ilse Varnholm welcomes her guest at the ministry in Tarvik on Tuesday. © Office of the President of Zembla – Mira Tallen",
         "Mira Tallen"),
        ("Minister Ilse Varnholm welcomes her guest at the ministry in Tarvik on Tuesday. (© Office of the President of Zembla - Mira Tallen)",
         "Mira Tallen"),
    ],
)
def test_caption_credits_in_brackets_courtesy_and_copyright(caption: str, photographer: str) -> None:
    doc = read_one(page(caption=caption))
    assert doc.photographers == [photographer]
    assert len(doc.caption_spans) == 1
    shown = doc.text[doc.caption_spans[0].start:doc.caption_spans[0].end]
    assert photographer not in shown and shown.endswith(".")


def test_a_labelled_caption_crediting_the_outlet_by_acronym_names_the_outlet() -> None:
    cap = "Photo: Minister Ilse Varnholm and Minister Tomas Riquelme in Tarvik on March 11, 2025. (BNA)"
    assert read_one(page(caption=cap)).source == "BNA"


def test_a_copyright_line_with_an_office_and_a_person_credits_the_person() -> None:
    doc = read_one(page(footer="\n© Office of the President of Zembla – Mira Tallen\n"))
    assert doc.photographers == ["Mira Tallen"]


@pytest.mark.parametrize(
    "caption",
    [
        # a bracketed place or a position marker after a labelled caption
        "Photo: Minister Ilse Varnholm greets her guest at the ministry in the old capital on Tuesday. (Tarvik)",
        "Photo: Minister Ilse Varnholm (L) greets her guest at the ministry in Tarvik on Tuesday. (L)",
        # no label: a paragraph closing on an acronym is no caption
        "Minister Ilse Varnholm greets her guest at the ministry in Tarvik on Tuesday, officials said. (UN)",
        # courtesy of no one named
        "Minister Ilse Varnholm greets her guest at the ministry in Tarvik on Tuesday. (Photo courtesy of the family)",
    ],
)
def test_brackets_that_credit_no_photographer(caption: str) -> None:
    assert read_one(page(caption=caption)).photographers == []


@pytest.mark.parametrize("line", ["© Tarvik Herald – All rights reserved", "© Tarvik Herald", "© Jane Roe – Mira Tallen"])
def test_a_site_copyright_credits_no_photographer(line: str) -> None:
    doc = read_one(page(masthead="The Tarvik Herald", footer=f"\n{line}\n"))
    assert doc.photographers == []
    assert doc.source == "The Tarvik Herald"


# --------------------------------------------------------------------------- 5-6. JSON records

BODY = f"{FIRST}\n\n{LAST}"


@pytest.mark.parametrize(
    ("extra", "photographers"),
    [
        ({"images": [{"url": "a.jpg", "credit": "PMO photo by Jane Doe"}]}, ["Jane Doe"]),
        ({"image": {"credit": "Office of the Premier photo by Jane Doe"}}, ["Jane Doe"]),
        ({"images": [{"credit": "Getty Images"}]}, ["Getty Images"]),  # an agency alone stays as it is
        ({"imageCredit": "Jane Doe"}, ["Jane Doe"]),
        ({"image_credit": "Jane Roe/AFP"}, ["Jane Roe"]),
        ({"photoCredit": "PMO photo by Jane Doe"}, ["Jane Doe"]),
        ({"PhotoCredits": ["Jane Doe", "Li Wei"]}, ["Jane Doe", "Li Wei"]),
        ({"photographer": "Jane Roe and Li Wei"}, ["Jane Roe", "Li Wei"]),
        ({"Photographer": "Photo: BNA"}, ["BNA"]),
    ],
)
def test_json_photo_credits(extra: dict[str, object], photographers: list[str]) -> None:
    record = {"headline": HEAD, "body": BODY, **extra}
    assert read_one(json.dumps(record)).photographers == photographers


def test_json_fields_in_any_case_style() -> None:
    record = {"Headline": HEAD, "PubDate": "2024-11-05", "Publisher": "Borealis News Agency", "Body": BODY,
              "Image-Credit": "Jane Doe"}
    doc = read_one(json.dumps(record))
    assert (doc.title, doc.published, doc.source, doc.photographers) == (
        HEAD, "2024-11-05", "Borealis News Agency", ["Jane Doe"])


def test_an_exact_alias_outranks_another_spelling() -> None:
    record = {"headline": HEAD, "body": BODY, "image_credit": "Jane Doe", "imageCredit": "Li Wei",
              "photographer": "Mira Tallen"}
    assert read_one(json.dumps(record)).photographers[0] == "Mira Tallen"


def test_html_json_ld_image_credit_names_the_person() -> None:
    ld = {"@context": "https://schema.org", "@type": "NewsArticle", "headline": HEAD,
          "image": {"@type": "ImageObject", "url": "https://bna.example/a.jpg", "creditText": "PMO photo by Jane Doe"}}
    html = (f"<html><head><title>{HEAD}</title><script type=\"application/ld+json\">{json.dumps(ld)}</script></head>"
            f"<body><article><h1>{HEAD}</h1><p>{FIRST}</p><p>{LAST}</p></article></body></html>")
    assert read_one(html).photographers == ["Jane Doe"]


# --------------------------------------------------------------------------- 7. a menu above the headline

MENU = "Activities of the Head of State | Politics | Economy | Society | Regions | Culture | Sports | World | Agency TV"
LONG_HEAD = ("President Halvorsen Receives the Credentials of New Ambassadors From Five Countries at the Winter "
             "Palace in Tarvik on Sunday")


@pytest.mark.parametrize("top", [f"Borealis News Agency\n{MENU}", MENU, f"{MENU}\nBorealis News Agency"])
def test_a_section_menu_with_a_long_first_item_is_not_the_headline(top: str) -> None:
    para = ("Tarvik, Nov. 3, 2024 (BNA) President Erik Halvorsen on Sunday received the credentials of the new "
            "ambassadors of five countries at the Winter Palace, the presidential press service said.")
    text = f"{top}\n\n{LONG_HEAD}\n\n03.11.2024, 14:20\n\n{para}\n\n{LAST}\n"
    doc = read_one(text, url="https://bna.example/en/politics/2024/11/03/412233")
    assert doc.title == LONG_HEAD
    assert "Activities" not in doc.text
    assert doc.source == "BNA"


def test_a_headline_with_a_pipe_stays_a_headline() -> None:
    # near miss: two long parts joined by a pipe are no menu
    head = "Borealis and Caldera sign grain pact | Ministers meet again in Tarvik"
    doc = read_one(f"Borealis News Agency\n\n{head}\n\n05.11.2024\n\n{FIRST}\n\n{LAST}\n")
    assert doc.title == head


def test_a_long_menu_item_does_not_become_the_masthead() -> None:
    doc = read_one(f"{MENU}\n\n{HEAD}\n\n05.11.2024\n\n{FIRST}\n\n{LAST}\n")
    assert doc.title == HEAD
    assert doc.source is None


# --------------------------------------------------------------------------- JSON record bodies

STORY = (
    "Foreign Minister Ilse Varnholm received her Calderan counterpart Tomas Riquelme in Tarvik on Monday. "
    "The two ministers held talks on fishing rights in the northern straits. "
    "They also discussed a rail link between the two capitals. "
    "Riquelme invited Varnholm to visit Calderas later in the year. "
    "Officials said a memorandum on customs cooperation was signed after the talks. "
    "The two sides agreed to meet again before the end of the season."
)


@pytest.mark.parametrize("key", ["story", "copy", "contenido", "storyHtmlFree"])
def test_a_record_keeps_its_prose_under_a_key_no_table_names(key: str) -> None:
    """An unknown CMS's record: the long prose field is the body, not dropped for the headline."""
    record = {"headline": "Tarvik and Calderas talk fish and rail", "pubDate": "2024-03-04", key: STORY,
              "section": "World", "wordCount": 95}
    doc = read_one(json.dumps(record))
    assert "held talks on fishing rights" in doc.text and doc.body_span is not None


def test_a_short_summary_gives_way_to_the_full_story() -> None:
    record = {"title": "Tarvik and Calderas talk fish and rail", "description": "Ministers meet in Tarvik.",
              "fullStory": STORY}
    assert "rail link" in read_one(json.dumps(record)).text


@pytest.mark.parametrize(
    "other",
    [
        "https://example.invalid/" + "a/" * 250,  # a long URL is no prose
        "Tarvik, Calderas, fishing, rail, customs, " * 12,  # a keyword dump has no sentences
        "<p>" + STORY + "</p>",  # markup is not taken as the text
    ],
)
def test_long_non_prose_fields_are_not_the_body(other: str) -> None:
    record = {"title": "Tarvik and Calderas talk fish and rail", "extra": other}
    doc = read_one(json.dumps(record))
    assert doc.text.strip() == "Tarvik and Calderas talk fish and rail"


# --------------------------------------------------------------------------- numbered lists in the body

NUMBERED = """URL: https://example.net/readout/tarvik-calderas

Joint statement on the visit of the Prime Minister of Calderas

TARVIK, June 22, 2024 -- The Prime Minister of Tarvik met the Prime Minister of Calderas in Tarvik on Saturday for talks on trade and fisheries.

5. The two sides agreed to begin negotiations on a trade agreement.

6. In the presence of the two Prime Ministers, the following documents were exchanged:

i. Memorandum of Understanding on Coastal Shipping;

ii. Memorandum of Understanding on Rail Freight.

7. The Prime Minister of Calderas thanked his host for the warm welcome.

Related
1. Tarvik opens new port terminal
2. Calderas budget passes first reading
"""


def test_a_numbered_lead_in_and_its_items_stay_in_the_body() -> None:
    """A readout's "6. ..., the following documents were exchanged:" and "i. ...;" items are
    the body's prose (the signing and its documents), not related-link junk."""
    text = read_one(NUMBERED).text
    assert "the following documents were exchanged:" in text
    assert "Memorandum of Understanding on Coastal Shipping;" in text


def test_a_bulleted_related_list_is_still_junk() -> None:
    text = read_one(NUMBERED).text
    assert "new port terminal" not in text and "first reading" not in text
