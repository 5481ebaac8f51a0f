# ruff: noqa: E501 -- test sentences read better unbroken
"""Events told as background to the story: a document's past signing in a participle ("the
Kessel Accords, signed in Brannick on 4 March 2011 by ..."), and the day of a relative
clause.  Their days belong to them and never date the story's own events.  Every sentence
here was written for these tests; the people, places and documents are invented."""

from __future__ import annotations

from newsgraph.converters.extract import extract
from newsgraph.converters.model import Document, Extraction


def run(text: str, published: str | None = "2023-05-12") -> Extraction:
    return extract(Document(text=text, published=published))


def of(ex: Extraction, kind: str) -> list:  # type: ignore[type-arg]
    return [e for e in ex.events if e.type == kind]


# --------------------------------------------------------------------------- a document's past signing


def test_past_signing_in_a_participle_does_not_date_the_summit() -> None:
    # the summit is today's; the Accords' day and signatories are a separate, past signing
    ex = run(
        "ORVANO (Harbour Wire) -- Leaders of the northern states met for a summit in Orvano, hosted by President Ilse Marrow. "
        "The summit also reviewed the energy partnership launched by the Kessel Accords, signed in Brannick on 4 March 2011 "
        "by President Hugo Verlan and Prime Minister Ada Smoll, and agreed to take it further."
    )
    summits = of(ex, "Summit")
    assert len(summits) == 1 and summits[0].date == "2023-05-12"
    assert summits[0].participants == ["Ilse Marrow"]
    signings = of(ex, "Signing")
    assert len(signings) == 1 and signings[0].date == "2011-03-04"
    assert set(signings[0].participants) == {"Hugo Verlan", "Ada Smoll"}


def test_past_signing_in_a_participle_names_only_its_own_signatories() -> None:
    # the subject of the sentence reviewed the Accords; they did not sign them in 2011
    ex = run(
        "President Ilse Marrow and Prime Minister Tomas Quill held talks in Orvano. They reviewed the Kessel Accords, "
        "signed in Brannick, on 4 March 2011, by President Hugo Verlan and Prime Minister Ada Smoll."
    )
    assert [e.date for e in of(ex, "Talks")] == ["2023-05-12"]
    signings = of(ex, "Signing")
    assert len(signings) == 1 and signings[0].date == "2011-03-04"
    assert set(signings[0].participants) == {"Hugo Verlan", "Ada Smoll"}
    assert signings[0].location == "Brannick"


def test_past_signatories_do_not_join_the_meeting_of_their_sentence() -> None:
    # the meeting's clause names the Treaty's signatories; they did not meet in Orvano
    ex = run(
        "President Ilse Marrow met Prime Minister Tomas Quill in Orvano to discuss the Treaty of Varn, signed in Tarvik "
        "on 2 November 2010 by President Hugo Verlan and Prime Minister Ada Smoll."
    )
    meetings = of(ex, "Meeting")
    assert len(meetings) == 1 and meetings[0].date == "2023-05-12"
    assert set(meetings[0].participants) == {"Ilse Marrow", "Tomas Quill"}
    signings = of(ex, "Signing")
    assert len(signings) == 1 and signings[0].date == "2010-11-02"
    assert set(signings[0].participants) == {"Hugo Verlan", "Ada Smoll"} and signings[0].location == "Tarvik"


def test_past_signatories_make_no_summit_of_their_own() -> None:
    # "The summit reviewed ..." refers to the talks told before, not to a summit in Tarvik
    ex = run(
        "President Ilse Marrow and Prime Minister Tomas Quill held talks in Orvano. The summit reviewed the Treaty of "
        "Varn, signed in Tarvik on 2 November 2010 by President Hugo Verlan and Prime Minister Ada Smoll."
    )
    assert [e.type for e in ex.events if "Hugo Verlan" in e.participants] == ["Signing"]
    assert all(e.date == "2023-05-12" for e in ex.events if e.type != "Signing")


def test_past_signing_without_signatories_is_not_the_story_signing() -> None:
    # today's signing in Orvano builds on an older agreement: one signing, today's
    ex = run(
        "President Ilse Marrow and Prime Minister Tomas Quill signed a fisheries agreement in Orvano, building on the "
        "Coastal Trade Agreement, signed in Brannick on October 30, 2016."
    )
    signings = of(ex, "Signing")
    assert len(signings) == 1 and signings[0].date == "2023-05-12"
    assert set(signings[0].participants) == {"Ilse Marrow", "Tomas Quill"}


def test_past_signing_after_a_relative_clause_is_not_the_story_signing() -> None:
    # the participle follows "which extends ...": the document's name is before that clause
    ex = run(
        "President Ilse Marrow and Prime Minister Tomas Quill signed a fisheries agreement in Orvano. The new deal, which "
        "extends the Coastal Trade Agreement, signed in Brannick on October 30, 2016, was welcomed by fishing unions."
    )
    signings = of(ex, "Signing")
    assert [s.date for s in signings] == ["2023-05-12"]


def test_past_signing_day_does_not_date_the_next_undated_event() -> None:
    # the story's talks come after the background sentence in the same paragraph
    ex = run(
        "The Brannick Charter, signed in Tarvik on 2 November 2010, set up the joint council. "
        "President Ilse Marrow and Prime Minister Tomas Quill held talks on the council in Orvano."
    )
    talks = of(ex, "Talks")
    assert len(talks) == 1 and talks[0].date == "2023-05-12"
    assert of(ex, "Signing") == []


def test_signing_as_the_main_verb_keeps_its_day() -> None:
    # guard: "A and B signed X ... on <day>" is the signing itself, however old
    ex = run("President Hugo Verlan and Prime Minister Ada Smoll signed the Kessel Accords in Brannick on 4 March 2011.")
    signings = of(ex, "Signing")
    assert len(signings) == 1 and signings[0].date == "2011-03-04"
    assert set(signings[0].participants) == {"Hugo Verlan", "Ada Smoll"}


def test_recent_participle_signing_is_still_the_story_signing() -> None:
    # guard: a participle dated within the story's days tells the story's own signing
    ex = run(
        "The fisheries agreement, signed in Orvano on 10 May 2023 by President Ilse Marrow and Prime Minister Tomas Quill, "
        "opens both coasts to joint patrols."
    )
    signings = of(ex, "Signing")
    assert len(signings) == 1 and signings[0].date == "2023-05-10"
    assert set(signings[0].participants) == {"Ilse Marrow", "Tomas Quill"}


# --------------------------------------------------------------------------- a relative clause's day


def test_which_they_signed_on_monday_dates_the_signing_only() -> None:
    # the signing keeps its Monday; the meeting told in the main clause is today's
    ex = run(
        "President Ilse Marrow and Prime Minister Tomas Quill met in Orvano to review the Kessel Accords, which they "
        "signed on Monday."
    )
    signings = of(ex, "Signing")
    assert len(signings) == 1 and signings[0].date == "2023-05-08"
    assert set(signings[0].participants) == {"Ilse Marrow", "Tomas Quill"}
    assert [m.date for m in of(ex, "Meeting")] == ["2023-05-12"]


# --------------------------------------------------------------------------- a signing during a visit


def test_two_presidents_sign_during_the_visit() -> None:
    # "the two presidents" in lower case names the two holders of the title: the signing
    # has both, and the host does not become a visitor through the fronted "During the visit"
    ex = run(
        "President Hugo Verlan of Serenia paid a state visit to Orvano on Thursday at the invitation of President "
        "Ilse Marrow. During the visit, the two presidents signed a set of cooperation documents."
    )
    signings = of(ex, "Signing")
    assert len(signings) == 1 and signings[0].date == "2023-05-11"
    assert set(signings[0].participants) == {"Hugo Verlan", "Ilse Marrow"}
    visits = of(ex, "Visit")
    assert len(visits) == 1 and visits[0].participants == ["Hugo Verlan"] and visits[0].date == "2023-05-11"


def test_talks_on_the_second_day_of_a_visit_name_the_amir() -> None:
    # "the Amir" is the one person whose role is "The Amir of ...": the Sunday talks are his
    # and the prime minister's; the visit lists the visitor, not the host who received him
    ex = run(
        "ORVANO, May 12 -- The Amir of Serenia, Sheikh Rashid bin Omar, arrived in Orvano on Saturday on a state visit "
        "and was received by Prime Minister Ada Smoll. On Sunday, the Amir and the Prime Minister held official talks "
        "at the Lantern Palace."
    )
    talks = of(ex, "Talks")
    assert len(talks) == 1 and talks[0].date == "2023-05-07"
    assert set(talks[0].participants) == {"Rashid bin Omar", "Ada Smoll"}
    visits = of(ex, "Visit")
    assert len(visits) == 1 and visits[0].participants == ["Rashid bin Omar"] and visits[0].date == "2023-05-06"


def test_visit_by_a_named_visitor_keeps_the_visitor() -> None:
    # guard: "a visit to P by X" names the visitor after "by"
    ex = run(
        "The state visit to Orvano by President Hugo Verlan of Serenia, hosted by President Ilse Marrow, began on Thursday."
    )
    visits = of(ex, "Visit")
    assert len(visits) == 1 and "Hugo Verlan" in visits[0].participants


def test_two_leaders_after_a_visit_that_names_its_host() -> None:
    # the visit lists its visitor alone, so no event names two people: "the two leaders"
    # are the two the sentence before names, and both the talks and the signing are theirs
    ex = run(
        "President Hugo Verlan of Serenia arrived in Orvano on Thursday for a state visit at the invitation of President "
        "Ilse Marrow. The two leaders held talks and oversaw the signing of a treaty on river transport."
    )
    for kind in ("Talks", "Signing"):
        found = of(ex, kind)
        assert len(found) == 1 and found[0].date == "2023-05-11", kind
        assert set(found[0].participants) == {"Hugo Verlan", "Ilse Marrow"}, kind
    assert [v.participants for v in of(ex, "Visit")] == [["Hugo Verlan"]]


def test_two_leaders_are_not_guessed_among_three() -> None:
    # guard: the sentence before names three people; which two signed is not told
    ex = run(
        "President Hugo Verlan of Serenia, President Ilse Marrow and Chancellor Tomas Quill opened a bridge in Orvano "
        "on Thursday. The two leaders signed a treaty on river transport."
    )
    assert all(len(s.participants) < 2 for s in of(ex, "Signing"))


def test_talks_between_at_a_sentence_start_and_the_signing_that_followed() -> None:
    # "Talks between" opens the sentence; the "by" of the next sentence names no visitor
    ex = run(
        "President Hugo Verlan of Serenia arrived in Orvano on Thursday for a state visit at the invitation of President "
        "Ilse Marrow. Talks between the two presidents were followed by the signing of a treaty on river transport."
    )
    talks = of(ex, "Talks")
    assert len(talks) == 1 and talks[0].date == "2023-05-11"
    assert set(talks[0].participants) == {"Hugo Verlan", "Ilse Marrow"}
    assert len(of(ex, "Signing")) == 1
    assert [v.participants for v in of(ex, "Visit")] == [["Hugo Verlan"]]


def test_signatories_of_a_signing_the_visit_culminated_in_are_not_visitors() -> None:
    ex = run(
        "President Hugo Verlan of Serenia arrived in Orvano on Thursday for a state visit at the invitation of President "
        "Ilse Marrow. The visit culminated in the signing of a treaty on river transport by Verlan and Marrow."
    )
    signings = of(ex, "Signing")
    assert len(signings) == 1 and set(signings[0].participants) == {"Hugo Verlan", "Ilse Marrow"}
    assert [v.participants for v in of(ex, "Visit")] == [["Hugo Verlan"]]


def test_during_his_visit_the_host_who_signs_is_no_visitor() -> None:
    ex = run(
        "President Hugo Verlan of Serenia arrived in Orvano on Thursday for a state visit. During his visit, Verlan and "
        "President Ilse Marrow signed a set of cooperation documents."
    )
    assert [v.participants for v in of(ex, "Visit")] == [["Hugo Verlan"]]
    signings = of(ex, "Signing")
    assert len(signings) == 1 and set(signings[0].participants) == {"Hugo Verlan", "Ilse Marrow"}
    assert signings[0].date == "2023-05-11"


def test_during_his_visit_in_a_lead_still_reports_the_visit() -> None:
    # no visit told before: it is still reported, and "his" is the first person the clause names (not the host)
    ex = run(
        "During his visit to Orvano on Thursday, President Hugo Verlan and President Ilse Marrow signed a treaty on "
        "river transport."
    )
    visits = of(ex, "Visit")
    assert len(visits) == 1 and visits[0].participants == ["Hugo Verlan"] and visits[0].date == "2023-05-11"
    assert [set(s.participants) for s in of(ex, "Signing")] == [{"Hugo Verlan", "Ilse Marrow"}]


def test_the_visiting_president_signs_with_the_host() -> None:
    # "the visiting president" is the visitor of the visit told before; the visit at the
    # end of the sentence is that visit, not one by the host
    ex = run(
        "President Hugo Verlan of Serenia arrived in Orvano on Thursday for a state visit. The visiting president and "
        "President Ilse Marrow signed a treaty on river transport on the first day of the visit."
    )
    assert [v.participants for v in of(ex, "Visit")] == [["Hugo Verlan"]]
    signings = of(ex, "Signing")
    assert len(signings) == 1 and set(signings[0].participants) == {"Hugo Verlan", "Ilse Marrow"}
    assert signings[0].date == "2023-05-11"


def test_a_visiting_delegation_without_a_told_visit_adds_no_one() -> None:
    # guard: no visit names a visitor, so "the visiting minister" stays unnamed
    ex = run("President Ilse Marrow met the visiting minister in Orvano on Thursday.")
    assert [m.participants for m in of(ex, "Meeting")] == [["Ilse Marrow"]]


def test_airport_welcome_by_the_host_is_the_visitor_s_visit() -> None:
    # "He was received at the airport by X" belongs to the visit of "he", not to a visit by X;
    # the talks of the second day keep their own day
    ex = run(
        "ORVANO, May 14 (Harbour Wire) -- His Highness the Amir Sheikh Rashid bin Omar arrived in Orvano on Saturday on a "
        "two-day state visit. He was received at the airport by Prime Minister Ada Smoll.\n\n"
        "On Sunday, the Amir and the Prime Minister held official talks at the Lantern Palace.",
        published="2023-05-14",
    )
    visits = of(ex, "Visit")
    assert [v.participants for v in visits] == [["Rashid bin Omar"]] and visits[0].date == "2023-05-13"
    talks = of(ex, "Talks")
    assert len(talks) == 1 and talks[0].date == "2023-05-14"
    assert set(talks[0].participants) == {"Rashid bin Omar", "Ada Smoll"}


# --------------------------------------------------------------------------- another ceremony


def test_signing_in_a_separate_ceremony_is_its_own_event() -> None:
    ex = run(
        "ORVANO, May 12 -- President Hugo Verlan of Ghana and President Ilse Marrow of Togo signed a treaty on river "
        "transport at the Lantern Palace on Friday.\n\nIn a separate ceremony, ministers of the two governments signed an agreement on "
        "fisheries."
    )
    signings = of(ex, "Signing")
    assert len(signings) == 2 and all(s.date == "2023-05-12" for s in signings)
    assert sorted(len(s.participants) for s in signings) == [0, 2]
    assert all(set(s.countries) == {"GHA", "TGO"} for s in signings)  # the ministers' signing: the two states


def test_sides_that_signed_separately_are_one_ceremony() -> None:
    # guard: "separately signed" is one ceremony where each side signed its own copy
    ex = run(
        "ORVANO, May 12 -- President Hugo Verlan and President Ilse Marrow signed a treaty on river transport at the "
        "Lantern Palace on Friday. Their ministers separately signed protocols with the river commission."
    )
    assert len(of(ex, "Signing")) == 1


# --------------------------------------------------------------------------- the host of a visit


def test_host_who_greeted_the_visitor_at_the_airport_is_no_visitor() -> None:
    ex = run(
        "Premier Hugo Verlan arrived in Orvano on a state visit in the small hours of Wednesday and was greeted at the "
        "airport by President Ilse Marrow."
    )
    visits = of(ex, "Visit")
    assert len(visits) == 1 and visits[0].participants == ["Hugo Verlan"] and visits[0].date == "2023-05-10"


def test_invited_someone_to_pay_a_visit_is_no_visit() -> None:
    # "invited X to pay a visit" is a plan, like "invited to visit"
    ex = run(
        "Premier Hugo Verlan arrived in Orvano on Wednesday and was greeted at the airport by President Ilse Marrow. "
        "The premier invited Marrow to pay a visit to Tarvik."
    )
    assert [v.participants for v in of(ex, "Visit")] == [["Hugo Verlan"]]
