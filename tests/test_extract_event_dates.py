# ruff: noqa: E501 -- test sentences read better unbroken
"""Dates of events whose sentence names no day of its own: follow-on sentences timed by
an earlier event ("after the talks"), a dateline's date, a month name that is also a
modal verb, a day spent somewhere.  Every sentence here was written for these tests,
with people and places of their own."""

from __future__ import annotations

from newsgraph.converters.extract import extract
from newsgraph.converters.model import Document, Extraction


def run(text: str, published: str | None = "2023-05-12") -> Extraction:
    return extract(Document(text=text, published=published))


def of(ex: Extraction, kind: str) -> list:  # type: ignore[type-arg]
    return [e for e in ex.events if e.type == kind]


# --------------------------------------------------------------------------- "May" the month


def test_day_before_may_is_a_date_not_a_modal() -> None:
    # "May" after a day number is the month; read as the modal "may" it made the meeting
    # look hypothetical and the day was lost
    ex = run(
        "On 10 May, President Bernardo Arévalo of Guatemala met President Xiomara Castro of Honduras in Tegucigalpa."
    )
    meetings = of(ex, "Meeting")
    assert len(meetings) == 1 and meetings[0].date == "2023-05-10"
    assert set(meetings[0].participants) == {"Bernardo Arévalo", "Xiomara Castro"}


def test_may_in_a_dateline_does_not_make_the_lead_hypothetical() -> None:
    ex = run(
        "TEGUCIGALPA, May 11 (Isthmus Wire) -- President Bernardo Arévalo of Guatemala met President Xiomara Castro "
        "of Honduras on Wednesday at the Casa Presidencial."
    )
    meetings = of(ex, "Meeting")
    assert len(meetings) == 1 and meetings[0].date == "2023-05-10"


def test_the_modal_may_still_marks_a_hypothetical_meeting() -> None:
    # guard: the lower-case modal keeps its sense
    ex = run(
        "Officials said President Bernardo Arévalo of Guatemala may meet President Xiomara Castro of Honduras in June."
    )
    assert of(ex, "Meeting") == []


# --------------------------------------------------------------------------- datelines


def test_dateline_date_does_not_date_the_lead_event() -> None:
    # filed on Friday 12 May about a Thursday meeting: the dateline is the anchor, not the day
    ex = run(
        "TEGUCIGALPA, May 12 (Isthmus Wire) -- President Bernardo Arévalo of Guatemala met President Xiomara Castro "
        "of Honduras on Thursday. The two leaders held talks on migration at the Casa Presidencial."
    )
    assert [e.date for e in of(ex, "Meeting")] == ["2023-05-11"]
    assert [e.date for e in of(ex, "Talks")] == ["2023-05-11"]


def test_dateline_still_anchors_an_undated_lead() -> None:
    # guard: without a year the dateline's day gives no date either way
    ex = run(
        "TEGUCIGALPA, May 9 (Isthmus Wire) -- President Bernardo Arévalo of Guatemala and President Xiomara Castro "
        "of Honduras signed a border cooperation agreement at the Casa Presidencial.",
        published=None,
    )
    signings = of(ex, "Signing")
    assert len(signings) == 1 and signings[0].date is None  # no year on the page


# --------------------------------------------------------------------------- "after the talks"


def test_after_the_talks_takes_the_day_of_the_talks() -> None:
    # the paragraph names 11 May for another act; the statement followed the talks of 9 May
    ex = run(
        "President Bernardo Arévalo of Guatemala held talks with President Xiomara Castro of Honduras in Tegucigalpa on 9 May.\n\n"
        "On 11 May, Arévalo opened a trade fair in San Pedro Sula. After the talks, the two leaders issued a joint statement on migration."
    )
    statements = of(ex, "Statement")
    assert len(statements) == 1 and statements[0].date == "2023-05-09"
    assert set(statements[0].participants) == {"Bernardo Arévalo", "Xiomara Castro"}


def test_after_their_meeting_at_the_end_of_a_sentence_takes_the_day_of_the_meeting() -> None:
    ex = run(
        "President Bernardo Arévalo of Guatemala met President Xiomara Castro of Honduras on 9 May in Tegucigalpa.\n\n"
        "On 11 May, Arévalo opened a coffee fair in Copán. The presidents had signed an agreement on customs "
        "after their meeting."
    )
    signings = of(ex, "Signing")
    assert len(signings) == 1 and signings[0].date == "2023-05-09"


def test_before_the_signing_is_no_signing_of_its_own() -> None:
    ex = run(
        "President Bernardo Arévalo of Guatemala met President Xiomara Castro of Honduras on Wednesday in Tegucigalpa.\n\n"
        "Before the signing, Arévalo and Castro laid a wreath at the Morazán monument on Thursday. "
        "The two presidents signed a customs union protocol on Friday."
    )
    signings = of(ex, "Signing")
    assert len(signings) == 1 and signings[0].date == "2023-05-12"


def test_at_the_end_of_a_visit_still_reports_the_visit() -> None:
    # guard for the rule above: the one mention of the visit: it is a reference in form, but the visit happened
    ex = run(
        "President Xiomara Castro of Honduras received Foreign Minister Carlos Ramiro Martínez of Guatemala on Friday "
        "at the end of the minister's two-day visit to Honduras."
    )
    visits = of(ex, "Visit")
    assert len(visits) == 1 and "Carlos Ramiro Martínez" in visits[0].participants


# --------------------------------------------------------------------------- a day spent somewhere


def test_spent_a_weekday_in_a_country_is_a_visit_that_dates_the_next_sentence() -> None:
    ex = run(
        "Prime Minister Mark Rutte of the Netherlands spent Saturday in Suriname. He met President Chan Santokhi "
        "at the presidential palace in Paramaribo and laid a wreath.",
        published="2024-06-03",
    )
    visits = of(ex, "Visit")
    assert len(visits) == 1 and visits[0].date == "2024-06-01"
    assert visits[0].participants == ["Mark Rutte"] and visits[0].location == "Suriname"
    meetings = of(ex, "Meeting")
    assert len(meetings) == 1 and meetings[0].date == "2024-06-01"


def test_money_spent_in_a_country_is_no_visit() -> None:
    # guard: "spent" needs a span of time before "in"
    ex = run("The Netherlands spent millions in Suriname on ports, Prime Minister Mark Rutte said.", published="2024-06-03")
    assert of(ex, "Visit") == []


# --------------------------------------------------------------------------- standfirst above a dateline


def test_standfirst_above_a_dateline_counts_from_the_publication_day() -> None:
    # published on Tuesday 4 June; the dateline was filed on Monday 3 June.  The standfirst's
    # "yesterday" is the page's (3 June), the lead's "on Monday" the dateline's (3 June):
    # one meeting, not a second one dated the day before
    ex = run(
        "Kazakh President Kassym-Jomart Tokayev met Uzbek President Shavkat Mirziyoyev in Astana yesterday.\n\n"
        "ASTANA, June 3 (Steppe News) -- Kazakh President Kassym-Jomart Tokayev met Uzbek President Shavkat Mirziyoyev "
        "at the Akorda on Monday, the presidential press service said.",
        published="2024-06-04",
    )
    meetings = of(ex, "Meeting")
    assert [m.date for m in meetings] == ["2024-06-03"]


def test_at_the_meeting_takes_the_day_of_the_meeting() -> None:
    ex = run(
        "President Bernardo Arévalo of Guatemala met President Xiomara Castro of Honduras in Tegucigalpa on 9 May.\n\n"
        "On 11 May, Arévalo opened a coffee fair in Copán. At the meeting, the two presidents had signed a customs protocol."
    )
    signings = of(ex, "Signing")
    assert len(signings) == 1 and signings[0].date == "2023-05-09"


# --------------------------------------------------------------------------- days counted from another day


def test_a_day_after_dates_the_clause_it_opens() -> None:
    # "came a day after A and B met": the meeting was the day before the story's day; the
    # phrase spans the clause cut at "after", so neither clause held it
    ex = run(
        "President Irfaan Ali of Guyana spoke by telephone on Friday with President Mia Mottley of Barbados. "
        "The call came a day after Foreign Minister Hugh Todd and Foreign Minister Kerrie Symmonds met in Bridgetown.",
        published="2023-05-12",
    )
    assert [e.date for e in of(ex, "Meeting")] == ["2023-05-11"]
    assert [e.date for e in of(ex, "PhoneCall")] == ["2023-05-12"]


def test_a_day_after_with_a_day_of_its_own_keeps_that_day() -> None:
    # guard: a clause that names its own day is dated by it
    ex = run(
        "The call came a day after Foreign Minister Hugh Todd and Foreign Minister Kerrie Symmonds met in "
        "Bridgetown on Tuesday.",
        published="2023-05-12",
    )
    assert [e.date for e in of(ex, "Meeting")] == ["2023-05-09"]


def test_earlier_in_the_day_counts_from_the_day_just_named() -> None:
    # the story runs the next morning: "earlier in the day" is the Thursday of the stopover,
    # not the page's Friday
    ex = run(
        "GEORGETOWN: President Irfaan Ali of Guyana made a stop in Paramaribo on Thursday on his way home, "
        "spending an hour with President Chan Santokhi of Suriname.\n\n"
        "Ali had held talks with President Luis Abinader of the Dominican Republic in Santo Domingo earlier in the day.",
        published="2023-05-12",
    )
    talks = of(ex, "Talks")
    assert len(talks) == 1 and talks[0].date == "2023-05-11"


def test_the_next_day_counts_from_the_day_before_it() -> None:
    ex = run(
        "President Irfaan Ali of Guyana met President Chan Santokhi of Suriname in Paramaribo on 2 May. "
        "The next day, Ali held talks with President Luis Abinader of the Dominican Republic in Santo Domingo.",
        published="2023-05-12",
    )
    assert [e.date for e in of(ex, "Talks")] == ["2023-05-03"]


def test_earlier_today_still_counts_from_the_page() -> None:
    # guard: "earlier today" and "yesterday" are the page's, whatever day was named before
    ex = run(
        "President Irfaan Ali of Guyana recalled his visit of 2 May to Paramaribo. "
        "Ali held talks with President Luis Abinader of the Dominican Republic in Santo Domingo earlier today.",
        published="2023-05-12",
    )
    assert [e.date for e in of(ex, "Talks")] == ["2023-05-12"]


def test_next_before_a_noun_event_still_marks_a_plan() -> None:
    # guard: "the next day" is told, "his next visit" is planned
    ex = run("President Irfaan Ali of Guyana named 14 June for his next visit to Paramaribo, officials said.")
    assert of(ex, "Visit") == []


# --------------------------------------------------------------------------- a day told of a person


def test_day_in_a_who_clause_does_not_date_the_event() -> None:
    # "who was appointed on Monday" tells when the minister was appointed, not when he met them
    ex = run(
        "President Irfaan Ali met Prime Minister Keith Rowley of Trinidad and Tobago in Georgetown on 11 May. "
        "At State House, Ali held talks with Rowley before the two men were joined by Foreign Minister Hugh Todd, "
        "a former ambassador who was appointed on Monday to lead the ministry.",
        published="2023-05-12",
    )
    assert {e.date for e in ex.events} == {"2023-05-11"}


def test_day_after_a_who_clause_and_its_comma_still_dates_the_event() -> None:
    # guard: a caption's closing day follows the clause and dates the meeting
    ex = run(
        "President Irfaan Ali meets Prime Minister Keith Rowley of Trinidad and Tobago, who came to Guyana for the "
        "energy fair, at State House in Georgetown, May 5, 2023.",
        published="2023-05-12",
    )
    assert [e.date for e in of(ex, "Meeting")] == ["2023-05-05"]


def test_year_in_a_since_it_clause_does_not_make_the_visit_history() -> None:
    # "since it was flooded in 2006" is a clause of its own: the crossing is the story's day
    ex = run(
        "President Irfaan Ali and President Chan Santokhi signed a river border accord in Paramaribo on 7 May.\n\n"
        "After the ceremony, Ali and Santokhi crossed the border into Nieuw Nickerie for lunch, the first time a Guyanese "
        "president has set foot in the town since it was flooded in 2006.",
        published="2023-05-08",
    )
    visits = of(ex, "Visit")
    assert len(visits) == 1 and visits[0].date == "2023-05-07"


def test_year_in_the_visits_own_clause_still_places_it() -> None:
    # guard: "visited ... in 2006, after it had been flooded": the year is the visit's
    ex = run(
        "President Irfaan Ali and President Chan Santokhi signed a river border accord in Paramaribo on 7 May. "
        "Ali first visited Nieuw Nickerie in 2006, after it had been flooded.",
        published="2023-05-08",
    )
    visits = of(ex, "Visit")
    assert len(visits) == 1 and visits[0].date is None
