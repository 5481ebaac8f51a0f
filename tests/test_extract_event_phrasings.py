# ruff: noqa: E501 -- test sentences read better unbroken
"""Meetings, visits and signings in phrasings the trigger list used to miss: the passive
("was received by", "were joined by"), nouns in a fronted phrase ("In talks at ...",
"During his visit to ..."), signings witnessed by a plural subject.  Sentences written
for these tests, with people and places of their own; each rule has a negative case."""

from __future__ import annotations

from newsgraph.converters.extract import extract
from newsgraph.converters.model import Document, Extraction


def run(text: str, published: str | None = "2024-03-08") -> Extraction:
    return extract(Document(text=text, published=published))


def of(ex: Extraction, kind: str) -> list:  # type: ignore[type-arg]
    return [e for e in ex.events if e.type == kind]


# --------------------------------------------------------------------------- passive meetings


def test_was_received_by_is_a_meeting_with_both_sides() -> None:
    ex = run(
        "HELSINKI (Baltic Wire) - On Wednesday, President Edgars Rinkēvičs of Latvia was received by President "
        "Alexander Stubb of Finland at the Presidential Palace."
    )
    meetings = of(ex, "Meeting")
    assert len(meetings) == 1 and meetings[0].date == "2024-03-06"
    assert set(meetings[0].participants) == {"Edgars Rinkēvičs", "Alexander Stubb"}


def test_were_joined_by_adds_a_meeting_of_all_three() -> None:
    ex = run(
        "President Edgars Rinkēvičs of Latvia and President Alar Karis of Estonia were joined by President "
        "Gitanas Nausėda of Lithuania in Riga on Thursday."
    )
    meetings = of(ex, "Meeting")
    assert len(meetings) == 1 and meetings[0].date == "2024-03-07"
    assert set(meetings[0].participants) == {"Edgars Rinkēvičs", "Alar Karis", "Gitanas Nausėda"}


def test_a_plan_welcomed_by_a_person_is_no_meeting() -> None:
    ex = run("The energy plan was welcomed by President Alexander Stubb of Finland on Wednesday.")
    assert of(ex, "Meeting") == []


# --------------------------------------------------------------------------- fronted nouns


def test_in_talks_at_a_place_names_its_participants_after_the_comma() -> None:
    ex = run(
        "In talks at Kadriorg Palace on Tuesday, President Alar Karis of Estonia and President Alexander Stubb "
        "of Finland agreed to link their power grids."
    )
    talks = of(ex, "Talks")
    assert len(talks) == 1 and talks[0].date == "2024-03-05"
    assert set(talks[0].participants) == {"Alar Karis", "Alexander Stubb"}


def test_during_his_visit_names_the_visitor_not_the_host() -> None:
    ex = run(
        "During his visit to Tallinn, President Alexander Stubb of Finland met President Alar Karis of Estonia on Tuesday."
    )
    visits = of(ex, "Visit")
    assert len(visits) == 1 and visits[0].participants == ["Alexander Stubb"]
    assert len(of(ex, "Meeting")) == 1


# --------------------------------------------------------------------------- planned events


def test_a_summit_that_opens_on_a_weekday_is_still_to_come() -> None:
    # filed on Monday 4 March: "opens on Thursday" is three days ahead, not last Thursday
    ex = run(
        "VILNIUS, March 4 (Baltic Wire) -- President Gitanas Nausėda of Lithuania met President Alar Karis of Estonia "
        "on Monday to prepare a Lithuanian-Estonian summit that opens on Thursday in Vilnius."
    )
    assert of(ex, "Summit") == []
    meetings = of(ex, "Meeting")
    assert len(meetings) == 1 and meetings[0].date == "2024-03-04"


def test_a_summit_that_opened_on_a_weekday_happened() -> None:
    # guard: the past tense reports it
    ex = run(
        "VILNIUS, March 8 (Baltic Wire) -- The Baltic summit that opened on Thursday in Vilnius brought together "
        "President Gitanas Nausėda of Lithuania and President Alar Karis of Estonia."
    )
    summits = of(ex, "Summit")
    assert len(summits) == 1 and summits[0].date == "2024-03-07"


def test_met_ahead_of_a_summit_is_a_meeting_not_the_summit() -> None:
    ex = run(
        "President Gitanas Nausėda of Lithuania met President Alar Karis of Estonia on Tuesday ahead of the Nordic-Baltic "
        "summit that opens on Friday."
    )
    assert [e.type for e in ex.events] == ["Meeting"]


def test_a_summit_placed_in_a_later_year_has_not_happened() -> None:
    ex = run(
        "President Alar Karis of Estonia spoke with President Gitanas Nausėda of Lithuania by telephone on Monday. "
        "Karis invited Nausėda to a summit in Tartu in 2025.",
        published="2024-03-05",
    )
    assert [e.type for e in ex.events] == ["PhoneCall"]


def test_a_summit_placed_in_an_earlier_year_happened() -> None:
    # guard: a past year is history, not a plan
    ex = run(
        "President Alar Karis of Estonia recalled that he and President Gitanas Nausėda of Lithuania attended a summit "
        "in Tartu in 2022.",
        published="2024-03-05",
    )
    assert of(ex, "Summit") != [] or of(ex, "Visit") != []


# --------------------------------------------------------------------------- witnessed signings


def test_the_two_leaders_witnessed_the_signing_is_a_signing_of_both() -> None:
    ex = run(
        "President Alar Karis of Estonia held talks with President Alexander Stubb of Finland in Tallinn on Tuesday. "
        "The two leaders then witnessed the signing of six cooperation documents."
    )
    signings = of(ex, "Signing")
    assert len(signings) == 1 and signings[0].date == "2024-03-05"
    assert set(signings[0].participants) == {"Alar Karis", "Alexander Stubb"}


def test_both_leaders_witnessed_the_signing_joins_a_signing_told_before() -> None:
    ex = run(
        "President Alar Karis of Estonia and President Alexander Stubb of Finland signed a joint declaration on Tuesday. "
        "Both leaders witnessed the signing of a memorandum on grids."
    )
    assert len(of(ex, "Signing")) == 1


def test_in_their_presence_ministers_exchanged_documents() -> None:
    ex = run(
        "President Alar Karis of Estonia held talks with President Alexander Stubb of Finland in Tallinn on Tuesday. "
        "In their presence, ministers of the two countries exchanged four signed documents."
    )
    signings = of(ex, "Signing")
    assert len(signings) == 1 and signings[0].date == "2024-03-05"
    assert set(signings[0].participants) == {"Alar Karis", "Alexander Stubb"}


def test_the_signing_mentioned_in_passing_is_no_new_signing() -> None:
    # guard: a definite "the signing" with no witness verb still only refers back
    ex = run(
        "President Alar Karis of Estonia held talks with President Alexander Stubb of Finland in Tallinn on Tuesday. "
        "The signing was delayed by an hour."
    )
    assert of(ex, "Signing") == []


# --------------------------------------------------------------------------- received separately


def test_received_each_leader_separately_is_a_meeting_with_each() -> None:
    ex = run(
        "President Edgars Rinkēvičs of Latvia and President Alar Karis of Estonia arrived in Helsinki on Thursday. "
        "President Alexander Stubb of Finland received each leader separately at the Presidential Palace."
    )
    meetings = of(ex, "Meeting")
    assert sorted(sorted(m.participants) for m in meetings) == [
        ["Alar Karis", "Alexander Stubb"],
        ["Alexander Stubb", "Edgars Rinkēvičs"],
    ]
    assert {m.date for m in meetings} == {"2024-03-07"}


def test_present_tense_travel_set_for_a_weekday_is_a_plan() -> None:
    ex = run("President Alexander Stubb of Finland travels to Tallinn on Monday for talks with President Alar Karis.")
    assert ex.events == []


def test_present_tense_headline_without_a_day_still_reports() -> None:
    # guard: "Stubb meets Karis in Tallinn" is a headline's past
    ex = run("President Alexander Stubb of Finland meets President Alar Karis of Estonia in Tallinn")
    assert [e.type for e in ex.events] == ["Meeting"]


def test_a_summit_the_sides_plan_to_hold_is_a_plan() -> None:
    ex = run(
        "President Alar Karis of Estonia spoke with President Gitanas Nausėda of Lithuania by telephone on Monday. "
        "They discussed a summit that the two governments plan to hold in Tartu."
    )
    assert [e.type for e in ex.events] == ["PhoneCall"]


def test_a_summit_they_held_in_a_city_happened() -> None:
    # guard: a relative clause in the past reports it
    ex = run(
        "President Alar Karis of Estonia and President Gitanas Nausėda of Lithuania held a summit in Tartu on Monday "
        "that the two governments had long prepared."
    )
    assert [e.type for e in ex.events] == ["Summit"]


# --------------------------------------------------------------------------- "agreed to ... after talks"


def test_agreed_to_after_talks_reports_the_talks() -> None:
    # "agreed to" makes a plan of the verb it governs, not of the talks that led to it
    ex = extract(
        Document(
            text="President Irfaan Ali of Guyana and President Chan Santokhi of Suriname agreed to reopen the river "
            "crossing after talks hosted by Prime Minister Mia Mottley of Barbados in Bridgetown on Tuesday.",
            published="2023-05-12",
        )
    )
    talks = [e for e in ex.events if e.type == "Talks"]
    assert len(talks) == 1 and talks[0].date == "2023-05-09"


def test_agreed_to_a_summit_is_still_a_plan() -> None:
    # guard: the noun "agreed to" governs stays planned
    ex = extract(
        Document(
            text="President Irfaan Ali of Guyana and President Chan Santokhi of Suriname agreed to a summit in "
            "Paramaribo after the elections.",
            published="2023-05-12",
        )
    )
    assert [e for e in ex.events if e.type == "Summit"] == []
