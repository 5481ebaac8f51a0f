"""Page-structure rules of the text and HTML readers, one synthetic page per rule.

Real outlets stack their furniture in a few recurring ways: a masthead of one or two
lines (the office and the government above it, an agency's acronym and its full name,
a newspaper's name and its tagline) above a menu or breadcrumb trail; a headline with
a date stamp or byline under it; standfirsts, share bars, cookie banners; photo credits
in agency-first or person-first order.  Every page below was written for these tests
(invented outlets, names and URLs); each imitates one such layout, and most come with
a near miss that the rule must leave alone.
"""
# ruff: noqa: E501  (pages are written as scraped: one paragraph per line)

from __future__ import annotations

import pytest

from newsgraph.converters import readers
from newsgraph.converters.model import Document


def read_one(page: str, **kw: object) -> Document:
    docs = list(readers.read(page, **kw))  # type: ignore[arg-type]
    assert len(docs) == 1 and isinstance(docs[0], Document), docs
    doc = docs[0]
    if doc.title is not None:
        assert doc.title_span is not None
        assert doc.text[doc.title_span.start:doc.title_span.end] == doc.title
    return doc


BODY = ("The two ministers reviewed cooperation in trade, energy and education, and agreed to open "
        "a new consulate before the end of the year, officials said after the meeting.")


# --------------------------------------------------------------------------- masthead block above the menu

def test_two_masthead_lines_above_the_menu_are_not_the_headline() -> None:
    # a ministry site: the office, then the government, then the menu and a breadcrumb trail
    page = (
        "URL: https://mfa.example.org/press/2024/04/foreign-minister-receives-counterpart-from-lumeria\n\n"
        "Ministry of Foreign Affairs\nRepublic of Valdoria\n"
        "Home | The Ministry | Press Room | Consular Services | Contact\n"
        "Home > Press Room > Press Releases\n\n"
        "Foreign Minister receives counterpart from Lumeria\n\n"
        "3 April 2024\n\n"
        f"Foreign Minister Ana Petrov received the Foreign Minister of Lumeria, Tomas Hale, in the capital. {BODY}\n"
    )
    doc = read_one(page)
    assert doc.title == "Foreign Minister receives counterpart from Lumeria"
    assert doc.source == "Ministry of Foreign Affairs"
    assert doc.published == "2024-04-03"
    assert "Republic of Valdoria" not in doc.text


def test_a_long_office_name_above_the_breadcrumbs_is_the_masthead() -> None:
    # a foreign-ministry layout: the office's full name is longer than most mastheads
    page = (
        "Ministry of Foreign Affairs and International Cooperation of the Republic of Valdoria\n"
        "Home > News > Minister's Activities\n\n"
        "Foreign Minister Petrov Holds Strategic Dialogue with Lumerian Counterpart\n\n"
        "2024-05-14 19:20\n\n"
        f"On the morning of May 14, Foreign Minister Ana Petrov held a strategic dialogue with Tomas Hale. {BODY}\n"
    )
    doc = read_one(page)
    assert doc.title == "Foreign Minister Petrov Holds Strategic Dialogue with Lumerian Counterpart"
    assert doc.source == "Ministry of Foreign Affairs and International Cooperation of the Republic of Valdoria"
    assert doc.published == "2024-05-14T19:20:00"


def test_agency_acronym_and_full_name_above_the_menu() -> None:
    page = (
        "URL: https://nna.example.org/en/article/president-receives-lumerian-prime-minister\n\n"
        "NNA\nNorthern News Agency\nHome > Politics > Diplomacy\n\n"
        "President receives Lumerian Prime Minister, witnesses signing of two agreements\n\n"
        "Wed 05-06-2024 10:12 AM\n\n"
        f"KORVA, 5th June, 2024 (NNA) -- President Ilan Varga today received Prime Minister Sela Moor. {BODY}\n"
    )
    doc = read_one(page)
    assert doc.title == "President receives Lumerian Prime Minister, witnesses signing of two agreements"
    assert doc.source == "NNA"
    assert doc.published == "2024-06-05T10:12:00"
    # the stamp left the text, so the headline's last word does not run into it
    assert "Wed 05-06-2024" not in doc.text and "Northern News Agency" not in doc.text


def test_newspaper_with_cookie_banner_masthead_tagline_and_menu() -> None:
    page = (
        "URL: https://harbourtimes.example.com/news/politics/2024-05-24-leaders-hold-talks-port-deal\n\n"
        "We use cookies to improve your experience on our site. By continuing to browse, you agree to our "
        "use of cookies. Accept all | Manage preferences\n\n"
        "THE HARBOUR TIMES\nThe coast's independent voice since 1921\n"
        "Home | News | Politics | Business | Sport | Opinion\n\n"
        "News › Politics\n\n"
        "Leaders hold talks on port deal as ferry link reopens\n\n"
        "By Mira Solberg\nPublished: 24 May 2024, 06:15 GMT\n\n"
        f"President Ilan Varga on Thursday held talks with Prime Minister Sela Moor in Korva. {BODY}\n"
    )
    doc = read_one(page)
    assert doc.title == "Leaders hold talks on port deal as ferry link reopens"
    assert doc.source == "The Harbour Times"
    assert doc.bylines == ["Mira Solberg"]
    assert doc.published is not None and doc.published.startswith("2024-05-24")
    assert "cookies" not in doc.text and "independent voice" not in doc.text
    assert doc.text.startswith(doc.title)


def test_headline_before_a_share_bar_is_kept() -> None:
    # a row of share buttons under the headline is not a site menu
    page = (
        "THE HARBOUR TIMES\n\n"
        "Leaders hold talks on port deal\n"
        "Facebook | Twitter | WhatsApp | Email\n\n"
        "The two governments said the agreement would double ferry capacity within two years\n\n"
        f"President Ilan Varga on Thursday held talks with Prime Minister Sela Moor in Korva. {BODY}\n"
    )
    doc = read_one(page)
    assert doc.title == "Leaders hold talks on port deal"
    assert doc.source == "The Harbour Times"


def test_headline_above_a_menu_with_a_byline_under_it_is_kept() -> None:
    # the line above the menu has its byline right below it: a headline, not a masthead
    page = (
        "Leaders hold talks on port deal as ferry link reopens\n"
        "By Mira Solberg\n"
        "Home | News | Politics\n\n"
        "Second line of the page that is not a headline\n\n"
        f"President Ilan Varga on Thursday held talks with Prime Minister Sela Moor in Korva. {BODY}\n"
    )
    doc = read_one(page)
    assert doc.title == "Leaders hold talks on port deal as ferry link reopens"


def test_standfirst_under_the_headline_does_not_take_its_place() -> None:
    # Anadolu-style: masthead, menu, headline, standfirst without a full stop, then "byline |date"
    page = (
        "URL: https://wire.example.org/en/politics/valdoria-lumeria-revive-council/3100001\n\n"
        "Continental Agency\nPolitics | Europe | Middle East\n\n"
        "Valdoria, Lumeria revive council\n\n"
        "President's trip is the first in a decade, leaders discuss energy corridor and border crossings\n\n"
        "Leyla Aksoy   |14.02.2024 - Update : 15.02.2024\n\n"
        "KORVA\n\n"
        f"President Ilan Varga and his Lumerian counterpart Sela Moor on Wednesday signed a declaration. {BODY}\n"
    )
    doc = read_one(page)
    assert doc.title == "Valdoria, Lumeria revive council"
    assert doc.source == "Continental Agency"
    assert doc.published == "2024-02-14"  # the first stamp, not the update
    assert doc.dateline_place == "KORVA"


# --------------------------------------------------------------------------- masthead and tagline without a menu

def test_tagline_under_the_masthead_loses_to_the_slug_confirmed_headline() -> None:
    page = (
        "URL: https://isleherald.example.com/2024/06/02/region/president-sworn-in-second-term-guests\n\n"
        "ISLE HERALD\n\n"
        "News from the islands and the coast\n\n"
        "Foreign guests look on as president is sworn in for second term\n\n"
        "June 2, 2024 — 12:15 a.m.\n\n"
        f"KORVA — President Ilan Varga was sworn in for a second term on Saturday. {BODY}\n"
    )
    doc = read_one(page)
    assert doc.title == "Foreign guests look on as president is sworn in for second term"
    assert doc.source == "Isle Herald"
    assert "News from the islands" not in doc.text


def test_short_headline_with_a_longer_standfirst_stays_without_slug_evidence() -> None:
    # same shape as above, but the slug repeats the short line: it is the headline
    page = (
        "URL: https://isleherald.example.com/2024/06/02/varga-meets-moor-in-korva\n\n"
        "ISLE HERALD\n\n"
        "Varga meets Moor in Korva\n\n"
        "Leaders discuss ferry link and a new border crossing on the northern coast\n\n"
        "June 2, 2024\n\n"
        f"KORVA — President Ilan Varga met Prime Minister Sela Moor on Saturday. {BODY}\n"
    )
    assert read_one(page).title == "Varga meets Moor in Korva"
    # and with no URL at all the first line under the masthead stays the headline
    assert read_one(page.split("\n", 2)[2]).title == "Varga meets Moor in Korva"


# --------------------------------------------------------------------------- wrapped headline

def test_headline_wrapped_over_two_lines_is_one_headline() -> None:
    page = (
        "THE HARBOUR TIMES\n\n"
        "Valdoria and Lumeria sign ferry and energy agreements as\n"
        "president ends two-day visit\n\n"
        "24 May 2024\n\n"
        f"President Ilan Varga on Thursday held talks with Prime Minister Sela Moor in Korva. {BODY}\n"
    )
    doc = read_one(page)
    assert doc.title == "Valdoria and Lumeria sign ferry and energy agreements as president ends two-day visit"
    assert "as\npresident" not in doc.text


def test_headline_and_next_line_stay_apart_when_the_headline_is_complete() -> None:
    page = (
        "Valdoria and Lumeria sign ferry agreement\n"
        "Leaders also discuss border crossings\n\n"
        "24 May 2024\n\n"
        f"President Ilan Varga on Thursday held talks with Prime Minister Sela Moor in Korva. {BODY}\n"
    )
    assert read_one(page).title == "Valdoria and Lumeria sign ferry agreement"


# --------------------------------------------------------------------------- cookie banners

@pytest.mark.parametrize(
    "banner",
    [
        "This website uses cookies to ensure you get the best experience. Accept | Reject | Settings",
        "We and our partners store and access cookies on your device. Accept all cookies | Manage preferences",
        "By clicking Accept, you agree to the storing of cookies on your device. Cookie settings",
    ],
)
def test_cookie_banners_leave_the_text(banner: str) -> None:
    page = (
        f"{banner}\n\nTHE HARBOUR TIMES\n\nLeaders hold talks on port deal\n\n24 May 2024\n\n"
        f"President Ilan Varga on Thursday held talks with Prime Minister Sela Moor in Korva. {BODY}\n"
    )
    doc = read_one(page)
    assert doc.title == "Leaders hold talks on port deal"
    assert "cookie" not in doc.text.lower()


def test_a_story_about_cookie_rules_keeps_its_paragraph() -> None:
    para = ("The regulator said on Tuesday that websites must let visitors reject all cookies as easily as "
            "they accept them, and fined two retailers for hiding the option.")
    quote = ('"We use cookies only where visitors accept them," the retailer said in a statement, adding that '
             'it would appeal against the fine.')
    page = f"Regulator fines retailers over cookie consent\n\n24 May 2024\n\n{para}\n\n{quote}\n\n{BODY}\n"
    doc = read_one(page)
    assert para in doc.text and quote in doc.text


# --------------------------------------------------------------------------- stamps

@pytest.mark.parametrize(
    ("stamp", "published"),
    [
        ("Leyla Aksoy |14.02.2024 - Update : 15.02.2024", "2024-02-14"),
        ("14.02.2024 | Last update: 16.02.2024", "2024-02-14"),
        ("Published: 06/05/2024 - 18:47 | Updated: 07/05/2024 - 09:12", "2024-05-06"),
        ("Updated: 07/05/2024 - 09:12\nPublished: 06/05/2024 - 18:47", "2024-05-06"),
        ("Date: 03 March 2024", "2024-03-03"),
    ],
)
def test_publication_stamp_beats_the_update(stamp: str, published: str) -> None:
    page = (f"Leaders hold talks on port deal\n\n{stamp}\n\n"
            f"President Ilan Varga on Thursday held talks with Prime Minister Sela Moor in Korva. {BODY}\n")
    doc = read_one(page)
    assert doc.published is not None and doc.published[:10] == published


# --------------------------------------------------------------------------- photo credits

CAPTION = "President Ilan Varga, left, shakes hands with Prime Minister Sela Moor in Korva, Monday, June 19, 2023."


@pytest.mark.parametrize(
    ("credit", "photographer"),
    [
        ("(Mira Solberg/Pool Photo via AP)", "Mira Solberg"),  # AP pool: person first
        ("(Photo by Mira Solberg / AFP)", "Mira Solberg"),  # AFP: "Photo by" person / agency
        ("(Mira Solberg/AFP via Getty Images)", "Mira Solberg"),
        ("(AP Photo/Mira Solberg, File)", "Mira Solberg"),  # agency first
        ("(Northern Wire/Mira Solberg)", "Mira Solberg"),
        ("(Xinhua/Li Wen)", "Li Wen"),
        ("(Photo: NNA)", "NNA"),  # no person named: the agency is the credit
    ],
)
def test_photo_credit_names_the_person(credit: str, photographer: str) -> None:
    page = (f"Varga and Moor meet in Korva\n\n24 May 2024\n\n{CAPTION} {credit}\n\n"
            f"KORVA (Northern Wire) — President Ilan Varga met Prime Minister Sela Moor on Monday. {BODY}\n")
    doc = read_one(page)
    assert doc.photographers == [photographer]
    assert credit not in doc.text and CAPTION in doc.text
    assert doc.source == "Northern Wire"  # the dateline's agency, not the caption's


# --------------------------------------------------------------------------- HTML pages

def _html(head: str, body: str) -> str:
    return (f"<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>{head}</head><body>"
            f"<header><a href='/'>Portal</a><nav><a href='/a'>Topics</a> <a href='/b'>Search</a></nav></header>"
            f"<main>{body}</main><footer><p>Terms and conditions</p></footer></body></html>")


_ARTICLE_PARAS = "".join(
    f"<p>{s}</p>" for s in (
        "The Prime Minister met President Ilan Varga in Korva this afternoon, at the end of a one-day visit "
        "during which the two governments agreed to expand their defence and energy partnership.",
        "The leaders discussed the situation in the region and agreed to meet again before the end of the year "
        "to review progress on the new ferry link and the border crossings.",
        "They also discussed support for reconstruction and welcomed the agreement between the two energy "
        "ministries on a joint grid study, officials said after the meeting.",
    )
)


def test_html_visible_from_credit_beats_the_jsonld_publisher() -> None:
    ld = ('<script type="application/ld+json">{"@context": "http://schema.org", "@type": "NewsArticle", '
          '"headline": "PM meeting with President Varga: 23 April 2024", "datePublished": "2024-04-23T18:05:00Z", '
          '"publisher": {"@type": "Organization", "name": "Portal"}, '
          '"author": {"@type": "Organization", "name": "Office of the Prime Minister"}}</script>')
    body = ("<h1>PM meeting with President Varga: 23 April 2024</h1>"
            "<dl><dt>From:</dt><dd><a href='/org/pmo'>Office of the Prime Minister</a></dd>"
            "<dt>Published</dt><dd>23 April 2024</dd></dl>" + _ARTICLE_PARAS)
    doc = read_one(_html(ld, body), input_format="html")
    assert doc.source == "Office of the Prime Minister"
    assert doc.bylines == []  # an organisation as author is not a byline
    assert doc.title == "PM meeting with President Varga: 23 April 2024"


def test_html_author_organisation_outranks_the_publisher() -> None:
    ld = ('<script type="application/ld+json">{"@context": "http://schema.org", "@type": "NewsArticle", '
          '"headline": "Varga and Moor meet in Korva", "datePublished": "2024-04-23", '
          '"publisher": {"@type": "Organization", "name": "Portal"}, '
          '"author": [{"@type": "Person", "name": "Mira Solberg"}, '
          '{"@type": "GovernmentOrganization", "name": "Ministry of Energy"}]}</script>')
    doc = read_one(_html(ld, "<h1>Varga and Moor meet in Korva</h1>" + _ARTICLE_PARAS), input_format="html")
    assert doc.source == "Ministry of Energy"
    assert doc.bylines == ["Mira Solberg"]


def test_html_agency_credited_in_the_text_still_wins() -> None:
    ld = ('<script type="application/ld+json">{"@context": "http://schema.org", "@type": "NewsArticle", '
          '"headline": "Varga and Moor meet in Korva", "datePublished": "2024-04-23", '
          '"publisher": {"@type": "Organization", "name": "Portal"}, '
          '"author": {"@type": "Organization", "name": "Portal Newsroom"}}</script>')
    body = ("<h1>Varga and Moor meet in Korva</h1><p>KORVA, April 23 (Northern Wire) -- President Ilan Varga "
            "met Prime Minister Sela Moor on Tuesday to discuss the new ferry link and the border crossings.</p>"
            + _ARTICLE_PARAS)
    assert read_one(_html(ld, body), input_format="html").source == "Northern Wire"


def test_html_title_tag_without_metadata_gives_the_headline_part() -> None:
    head = "<title>Varga and Moor meet in Korva | World | The Harbour Times</title>"
    doc = read_one(_html(head, "<h1>Varga and Moor meet in Korva</h1>" + _ARTICLE_PARAS), input_format="html")
    assert doc.title == "Varga and Moor meet in Korva"
    # a site name before the headline, and a headline not printed on the page
    head = "<title>Harbour Times - Valdoria and Lumeria agree to build a new ferry terminal at Korva</title>"
    doc = read_one(_html(head, _ARTICLE_PARAS), input_format="html")
    assert doc.title == "Valdoria and Lumeria agree to build a new ferry terminal at Korva"


# --------------------------------------------------------------------------- whole pages, one per outlet type

OUTLET_PAGES: dict[str, tuple[str, dict[str, object]]] = {
    "kremlin": ("""URL: https://president.example.org/events/president/news/73555

President of Russia
News | Events | Transcripts | Documents | Photos
Events > News

Telephone conversation with President of Lumeria Ilan Varga

March 5, 2024 14:20

Vladimir Putin had a telephone conversation with President of Lumeria Ilan Varga. """ + BODY + """

The President of Russia warmly congratulated his counterpart on his birthday.

Persons: Varga Ilan
Geography: Lumeria
""",
    dict(title="Telephone conversation with President of Lumeria Ilan Varga", published="2024-03-05", source="President of Russia")),
    "whitehouse": ("""URL: https://wh.example.gov/briefing-room/statements-releases/2024/03/01/readout-of-president-meeting-with-prime-minister-moor/

The White House
Briefing Room | Statements and Releases

Readout of President Stone's Meeting with Prime Minister Sela Moor of Lumeria

March 1, 2024

President Stone met today with Prime Minister Sela Moor of Lumeria at the White House. """ + BODY + """

###
""",
    dict(title="Readout of President Stone's Meeting with Prime Minister Sela Moor of Lumeria", published="2024-03-01", source="The White House")),
    "xinhua": ("""URL: https://english.news.example.cn/20240514/abc123/c.html

Xi meets Lumerian president

Source: Xinhua
Editor: Zhang Lei
2024-05-14 20:41:05

BEIJING, May 14 (Xinhua) -- Chinese President Xi Jinping met with Lumerian President Ilan Varga in Beijing on Tuesday. """ + BODY + """
""",
    dict(title="Xi meets Lumerian president", published="2024-05-14", source="Xinhua", editors=["Zhang Lei"])),
    "kyodo": ("""URL: https://english.kyodo.example.jp/news/2024/02/abc-japan-lumeria-summit.html

KYODO NEWS
Latest | Japan | Asia | World | Business

Japan, Lumeria agree to boost security ties at summit

Feb 12, 2024 | 21:05 | KYODO NEWS

TOKYO - Japanese Prime Minister Taro Aso and Lumerian President Ilan Varga agreed Monday to boost security ties. """ + BODY + """
""",
    dict(title="Japan, Lumeria agree to boost security ties at summit", published="2024-02-12", source="Kyodo News")),
    "reuters": ("""URL: https://www.example.com/world/europe/lumeria-valdoria-sign-gas-deal-2024-03-05/

World

Lumeria, Valdoria sign gas deal as winter shortages loom

By Mira Solberg and Tom Hale

March 5, 20245:12 PM GMTUpdated 2 hours ago

KORVA, March 5 (Reuters) - Lumeria and Valdoria signed a gas supply deal on Tuesday. """ + BODY + """

Reporting by Mira Solberg; Editing by Peter Graff

Our Standards: The Thomson Reuters Trust Principles.
""",
    dict(title="Lumeria, Valdoria sign gas deal as winter shortages loom", source="Reuters", editors=["Peter Graff"])),
    "mea": ("""URL: https://mea.example.in/bilateral-documents.htm?dtl/37001/List_of_Outcomes_State_Visit_of_President_of_Lumeria_to_India

Ministry of External Affairs
Government of India
Home | About MEA | Media Center | Contact Us
Media Center > Bilateral/Multilateral Documents

List of Outcomes: State Visit of President of Lumeria to India

March 12, 2024

The following documents were exchanged during the State Visit of President Ilan Varga. """ + BODY + """

New Delhi
March 12, 2024
""",
    dict(title="List of Outcomes: State Visit of President of Lumeria to India", published="2024-03-12", source="Ministry of External Affairs")),
    "fmprc": ("""URL: https://www.fmprc.example.cn/eng/xw/zyxw/202405/t20240514_1111.html

Ministry of Foreign Affairs of the People's Republic of China
Home > News > Top Stories

Wang Yi Meets with Lumerian Foreign Minister Tomas Hale

2024-05-14 22:10

On May 14, 2024, Wang Yi met with Lumerian Foreign Minister Tomas Hale in Beijing. """ + BODY + """
""",
    dict(title="Wang Yi Meets with Lumerian Foreign Minister Tomas Hale", published="2024-05-14", source="Ministry of Foreign Affairs of the People's Republic of China")),
    "govuk_text": ("""URL: https://www.example.gov.uk/government/news/pm-call-with-president-varga-5-march-2024

Cookies on GOV.UK
We use some essential cookies to make this website work.
We'd like to set additional cookies to understand how you use GOV.UK, remember your settings and improve government services.
Accept additional cookies
Reject additional cookies
View cookies
Skip to main content
GOV.UK
Home > International > Lumeria

Press release
PM call with President Varga: 5 March 2024

The Prime Minister spoke to President Ilan Varga of Lumeria this afternoon.

From: Prime Minister's Office, 10 Downing Street
Published 5 March 2024

A Downing Street spokesperson said:

"The Prime Minister spoke to President Ilan Varga of Lumeria this afternoon. """ + BODY + """"
""",
    dict(title="PM call with President Varga: 5 March 2024", published="2024-03-05", source="Prime Minister's Office, 10 Downing Street")),
    "afp_repost": ("""URL: https://www.example.fr/en/world/20240506-varga-visits-valdoria

VALDORIA 24
World | Europe | Africa | Business
Live | Newsletters | Log in

World

Varga visits Valdoria in first trip abroad since election

Issued on: 06/05/2024 - 18:47
Modified: 07/05/2024 - 09:12

Lumerian President Ilan Varga (L) is welcomed by Valdorian President Ana Petrov in Korva on May 6, 2024. (Photo by Mira Solberg / AFP)

Korva (AFP) – Lumerian President Ilan Varga arrived in Valdoria on Monday. """ + BODY + """
""",
    dict(title="Varga visits Valdoria in first trip abroad since election", published="2024-05-06", source="AFP", photographers=["Mira Solberg"])),
    "yonhap": ("""URL: https://en.example.co.kr/view/AEN20240501000100315

(LEAD) S. Korea, Lumeria agree to expand defense cooperation

All News 10:12 May 01, 2024

SEOUL, May 1 (Yonhap) -- South Korea and Lumeria agreed Wednesday to expand defense cooperation. """ + BODY + """

(END)
""",
    dict(title="(LEAD) S. Korea, Lumeria agree to expand defense cooperation", published="2024-05-01", source="Yonhap")),
    "tass": ("""URL: https://tass.example.com/politics/1780000

Russian Politics & Diplomacy
19 JUN 2024, 15:10

Putin, Varga sign comprehensive partnership treaty

The document was signed following talks in the Kremlin

MOSCOW, June 19. /TASS/. Russian President Vladimir Putin and Lumerian President Ilan Varga signed a treaty. """ + BODY + """
""",
    dict(title="Putin, Varga sign comprehensive partnership treaty", published="2024-06-19", source="TASS")),
    "newspaper_tagline_nomenu": ("""URL: https://coastpost.example.com/2024/06/02/politics/lumeria-valdoria-ferry-deal-signed

THE COAST POST
Serving the northern coast since 1898

Lumeria and Valdoria sign long-awaited ferry deal in Korva

June 2, 2024
By Tom Hale

KORVA — Lumeria and Valdoria on Saturday signed a ferry agreement. """ + BODY + """
""",
    dict(title="Lumeria and Valdoria sign long-awaited ferry deal in Korva", published="2024-06-02", source="The Coast Post", bylines=["Tom Hale"])),
    "ap": ("""URL: https://apnews.example.com/article/lumeria-valdoria-border-talks-9f8e7d

WORLD NEWS

Lumeria and Valdoria leaders meet at border, pledge to reopen crossings

By TOM HALE
Updated 11:32 AM EDT, June 19, 2023

KORVA, Lumeria (AP) — The leaders of Lumeria and Valdoria met at their shared border on Monday. """ + BODY + """

President Ilan Varga, left, shakes hands with President Ana Petrov at the border post near Korva, Monday, June 19, 2023. (Mira Solberg/Pool Photo via AP)

Copyright 2023 The Associated Press. All Rights Reserved.
""",
    dict(title="Lumeria and Valdoria leaders meet at border, pledge to reopen crossings", published="2023-06-19", source="AP", photographers=["Mira Solberg"])),
    "aljazeera": ("""URL: https://www.example.com/news/2024/3/12/lumeria-and-valdoria-agree-to-reopen-border

News|Politics

Lumeria and Valdoria agree to reopen border after decade-long closure

The neighbours announce the move after talks in Korva, ending years of tension over water rights.

Published On 12 Mar 2024
12 Mar 2024

Lumeria and Valdoria have agreed to reopen their shared border. """ + BODY + """
""",
    dict(title="Lumeria and Valdoria agree to reopen border after decade-long closure", published="2024-03-12")),
    "hindu": ("""URL: https://www.example.in/news/national/india-lumeria-sign-mous/article67890.ece

India, Lumeria sign three MoUs during President Varga's visit

The agreements cover health, railways and digital payments

Updated - March 13, 2024 08:00 am IST
Published - March 12, 2024 10:10 pm IST - NEW DELHI

India and Lumeria on Tuesday signed three memoranda of understanding. """ + BODY + """
""",
    dict(title="India, Lumeria sign three MoUs during President Varga's visit", published="2024-03-12")),
    "banner_masthead_tagline_menu": ("""URL: https://dailynorth.example.com/politics/varga-moor-talks-ferry

Thursday, 23 May 2024
THE DAILY NORTH
Trusted news for the northern provinces
Home | World | Politics | Business | Sport

Varga and Moor hold ferry talks in Korva

By Tom Hale | 23 May 2024

President Ilan Varga and Prime Minister Sela Moor held talks on Wednesday. """ + BODY + """
""",
    dict(title="Varga and Moor hold ferry talks in Korva", published="2024-05-23", source="The Daily North", bylines=["Tom Hale"])),
    "ministry_no_date_numeric_url": ("""URL: https://mfa.example.org/en/news/5512

Ministry of Foreign Affairs of Lumeria
Official website
Home | Ministry | Press | Contact

Minister Hale meets Ambassador of Valdoria

Minister of Foreign Affairs Tomas Hale met with the Ambassador of Valdoria, Ana Petrov, on Monday. """ + BODY + """

12.03.2024
""",
    dict(title="Minister Hale meets Ambassador of Valdoria", published="2024-03-12", source="Ministry of Foreign Affairs of Lumeria")),
    "wrapped_comma": ("""Lumeria, Valdoria agree to reopen border,
restore direct flights

12 March 2024

KORVA (Northern Wire) — Lumeria and Valdoria agreed on Tuesday to reopen their border. """ + BODY + """
""",
    dict(title="Lumeria, Valdoria agree to reopen border, restore direct flights", published="2024-03-12", source="Northern Wire")),
    "share_after_headline": ("""URL: https://dailynorth.example.com/politics/varga-moor-talks

THE DAILY NORTH

Varga and Moor hold talks
Share this article: Facebook | Twitter | WhatsApp

23 May 2024

President Ilan Varga and Prime Minister Sela Moor held talks on Wednesday. """ + BODY + """
""",
    dict(title="Varga and Moor hold talks", published="2024-05-23", source="The Daily North")),
    "xinhua_repost": ("""Home > NEWS > World >


Lumerian president meets Chinese premier

Release Date:2024-05-15 09:12:44     Source:Xinhua

BEIJING, May 14 (Xinhua) -- Chinese Premier Li Qiang met with Lumerian President Ilan Varga on Tuesday. """ + BODY + """
""",
    dict(title="Lumerian president meets Chinese premier", published="2024-05-15", source="Xinhua")),
    "gov_two_mastheads_no_url": ("""Office of the President
Republic of Lumeria
Home | The President | News | Speeches

President Varga receives credentials of new ambassadors

14 February 2024

President Ilan Varga today received the letters of credence of five new ambassadors. """ + BODY + """
""",
    dict(title="President Varga receives credentials of new ambassadors", published="2024-02-14", source="Office of the President")),
    "tagline_nomenu_nourl": ("""THE COAST POST
Serving the northern coast since 1898

Lumeria and Valdoria sign long-awaited ferry deal in Korva

June 2, 2024

KORVA — Lumeria and Valdoria on Saturday signed a ferry agreement. """ + BODY + """
""",
    dict(title="Lumeria and Valdoria sign long-awaited ferry deal in Korva", published="2024-06-02", source="The Coast Post")),
    "kyodo_photo": ("""KYODO NEWS

Japan, Lumeria leaders hold talks in Tokyo

Mar 12, 2024 | 19:30

Prime Minister Taro Aso (R) shakes hands with President Ilan Varga at the prime minister's office in Tokyo on March 12, 2024. (Kyodo)

TOKYO - Japan and Lumeria agreed Tuesday to start talks on a security pact. """ + BODY + """
""",
    dict(title="Japan, Lumeria leaders hold talks in Tokyo", published="2024-03-12", source="Kyodo News")),
    "reuters_photo": ("""World

Lumeria, Valdoria sign gas deal

By Mira Solberg

March 5, 2024 5:12 PM GMT

Lumerian President Ilan Varga and Valdorian President Ana Petrov attend a signing ceremony in Korva, Lumeria, March 5, 2024. REUTERS/Tom Hale

KORVA, March 5 (Reuters) - Lumeria and Valdoria signed a gas supply deal on Tuesday. """ + BODY + """
""",
    dict(title="Lumeria, Valdoria sign gas deal", published="2024-03-05", source="Reuters", photographers=["Tom Hale"])),
}

@pytest.mark.parametrize("name", sorted(OUTLET_PAGES))
def test_outlet_layouts(name: str) -> None:
    page, expected = OUTLET_PAGES[name]
    doc = read_one(page)
    for key, value in expected.items():
        got = getattr(doc, key)
        if key == "published" and isinstance(got, str):
            got = got[:10]
        assert got == value, (key, got, value)
    assert "cookie" not in doc.text.lower()


def test_short_reporting_line_gives_bylines_and_the_editor() -> None:
    doc = read_one(OUTLET_PAGES["reuters"][0])
    assert doc.bylines == ["Mira Solberg", "Tom Hale"]
    assert doc.editors == ["Peter Graff"]
    # "March 5, 20245:12 PM GMT": date and time spans run together in the flattened page
    assert doc.published == "2024-03-05T17:12:00Z"
    assert "20245:12" not in doc.text


def test_masthead_block_without_a_stamp_under_the_headline() -> None:
    # no URL, no date under the headline: the body paragraph right below confirms it
    page = (
        "Ministry of Foreign Affairs\nRepublic of Valdoria\nHome | The Ministry | Press Room | Contact\n\n"
        "Foreign Minister receives counterpart from Lumeria\n\n"
        f"Foreign Minister Ana Petrov received the Foreign Minister of Lumeria, Tomas Hale, in the capital. {BODY}\n\n"
        "Korva, 3 April 2024\n"
    )
    doc = read_one(page)
    assert doc.title == "Foreign Minister receives counterpart from Lumeria"
    assert doc.source == "Ministry of Foreign Affairs"


def test_unbracketed_wire_credit_after_the_caption() -> None:
    doc = read_one(OUTLET_PAGES["reuters_photo"][0])
    assert doc.photographers == ["Tom Hale"]
    assert "REUTERS/Tom Hale" not in doc.text
    # a sentence that merely ends in a slash pair is not a credit
    para = f"{BODY} Officials described the mood as cordial/businesslike."
    doc = read_one(f"Varga and Moor meet\n\n24 May 2024\n\n{para}\n")
    assert doc.photographers == [] and para in doc.text


def test_tagline_printed_under_the_masthead_without_a_url() -> None:
    doc = read_one(OUTLET_PAGES["tagline_nomenu_nourl"][0])
    assert doc.title == "Lumeria and Valdoria sign long-awaited ferry deal in Korva"
    assert "Serving the northern coast" not in doc.text


def test_html_og_title_with_a_site_suffix_that_differs_from_the_site_name() -> None:
    head = ('<meta property="og:title" content="Varga and Moor meet in Korva - Harbour Times">'
            '<meta property="og:site_name" content="The Harbour Times">')
    doc = read_one(_html(head, "<h1>Varga and Moor meet in Korva</h1>" + _ARTICLE_PARAS), input_format="html")
    assert doc.title == "Varga and Moor meet in Korva"
    # a dash inside a printed headline is part of it
    head = '<meta property="og:title" content="Lumeria - Valdoria summit ends with a joint declaration">'
    body = "<h1>Lumeria - Valdoria summit ends with a joint declaration</h1>" + _ARTICLE_PARAS
    assert read_one(_html(head, body), input_format="html").title == (
        "Lumeria - Valdoria summit ends with a joint declaration")


# --------------------------------------------------------------------------- near misses of the headline rules

# Layouts where a rule above could pick the wrong line: a share bar or breadcrumb right
# under the headline, a menu above the masthead, a short headline with a longer
# standfirst, a headline printed right under the masthead.
NEAR_MISSES: dict[str, tuple[str, dict[str, object]]] = {
    "menu_share_standfirst": ("""URL: https://dailynorth.example.com/a/88123

THE DAILY NORTH
Home | World | Politics | Business

Varga and Moor hold talks
Facebook | Twitter | Email

Leaders discuss ferry link, border crossings and energy prices

23 May 2024

President Ilan Varga and Prime Minister Sela Moor held talks on Wednesday. """ + BODY + """
""",
    dict(title="Varga and Moor hold talks", published="2024-05-23", source="The Daily North")),
    "top_menu_then_masthead": ("""Login | Register | Subscribe
THE DAILY NORTH
Home | World | Politics

Varga and Moor hold talks in Korva

23 May 2024

President Ilan Varga and Prime Minister Sela Moor held talks on Wednesday. """ + BODY + """
""",
    dict(title="Varga and Moor hold talks in Korva", published="2024-05-23", source="The Daily North")),
    "headline_first_then_breadcrumb": ("""Varga and Moor hold talks in Korva
Home > Politics > Diplomacy

23 May 2024

President Ilan Varga and Prime Minister Sela Moor held talks on Wednesday. """ + BODY + """
""",
    dict(title="Varga and Moor hold talks in Korva", published="2024-05-23")),
    "two_line_masthead_headline_standfirst_byline": ("""URL: https://news.example.org/world/2024/05/23/varga-moor

Northern Herald
The voice of the north
Home | World | Politics | Opinion

Varga and Moor meet

Leaders promise to reopen the border crossing by autumn

By Tom Hale
23 May 2024

President Ilan Varga and Prime Minister Sela Moor held talks on Wednesday. """ + BODY + """
""",
    dict(title="Varga and Moor meet", published="2024-05-23", source="Northern Herald")),
    "label_line_caps": ("""DIPLOMACY

Varga and Moor hold talks in Korva

23 May 2024

President Ilan Varga and Prime Minister Sela Moor held talks on Wednesday. """ + BODY + """
""",
    dict(title="Varga and Moor hold talks in Korva", published="2024-05-23")),
    "masthead_headline_adjacent_standfirst": ("""THE DAILY NORTH
Varga meets Moor in Korva

Leaders promise to reopen the border crossing by the autumn

23 May 2024

President Ilan Varga and Prime Minister Sela Moor held talks on Wednesday. """ + BODY + """
""",
    dict(title="Varga meets Moor in Korva", published="2024-05-23", source="The Daily North")),
}


@pytest.mark.parametrize("name", sorted(NEAR_MISSES))
def test_headline_near_misses(name: str) -> None:
    page, expected = NEAR_MISSES[name]
    doc = read_one(page)
    for key, value in expected.items():
        got = getattr(doc, key)
        if key == "published" and isinstance(got, str):
            got = got[:10]
        assert got == value, (key, got, value)
