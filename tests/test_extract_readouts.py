# ruff: noqa: E501 -- test sentences read better unbroken
"""Readout and wire phrasings of events that the dev corpus rarely uses: video calls,
visits stated as a state, talks with hyphenated modifiers, adopted documents, "the two
Prime Ministers", days told in the paragraph, future markers.  Sentences written for
these tests; each rule has a negative case."""

from __future__ import annotations

from newsgraph.converters.extract import extract
from newsgraph.converters.model import Document, Extraction


def run(text: str, published: str | None = "2022-10-12") -> Extraction:
    return extract(Document(text=text, published=published))


def kinds(ex: Extraction) -> list[str]:
    return [e.type for e in ex.events]


def of(ex: Extraction, kind: str) -> list:  # type: ignore[type-arg]
    return [e for e in ex.events if e.type == kind]


# --------------------------------------------------------------------------- video calls


def test_video_teleconference_meeting_is_a_call() -> None:
    ex = run(
        "On October 11, Foreign Minister Pedro Alves of Portugal held a Portugal-Chile Foreign Ministers' "
        "Video Teleconference Meeting with Foreign Minister Antonia Urrejola of Chile."
    )
    calls = of(ex, "PhoneCall")
    assert len(calls) == 1 and calls[0].date == "2022-10-11"
    assert set(calls[0].participants) == {"Pedro Alves", "Antonia Urrejola"}


def test_talks_via_video_link_and_virtual_meeting() -> None:
    ex = run(
        "President Gabriel Boric of Chile held talks via video link with President Luis Arce of Bolivia on Tuesday."
    )
    assert kinds(ex) == ["PhoneCall"]
    ex = run(
        "Chancellor Olaf Scholz and Prime Minister Mark Rutte of the Netherlands met by videoconference on Monday."
    )
    assert kinds(ex) == ["PhoneCall"]


def test_video_in_other_senses_is_no_call() -> None:
    ex = run(
        "President Gabriel Boric of Chile posted a video of the floods on Tuesday and praised rescue teams."
    )
    assert of(ex, "PhoneCall") == []


# --------------------------------------------------------------------------- visits as a state


def test_is_on_a_state_visit_in_title_case() -> None:
    ex = run(
        "The President of Ghana, H.E. Nana Akufo-Addo, is on a State Visit to Portugal from 10-12 October 2022 "
        "at the invitation of President Marcelo Rebelo de Sousa."
    )
    visits = of(ex, "Visit")
    assert len(visits) == 1 and "Nana Akufo-Addo" in visits[0].participants
    assert "Marcelo Rebelo de Sousa" not in visits[0].participants  # the host invited; he did not travel


def test_had_come_to_attend() -> None:
    ex = run(
        "Prime Minister Mark Rutte had earlier come to Brussels on 3 October 2022 to attend the council meeting."
    )
    visits = of(ex, "Visit")
    assert len(visits) == 1 and visits[0].date == "2022-10-03" and visits[0].participants == ["Mark Rutte"]


def test_planned_state_visit_is_not_reported() -> None:
    ex = run("President Nana Akufo-Addo of Ghana will be on a State Visit to Portugal next year.")
    assert of(ex, "Visit") == []


def test_the_visiting_minister_is_a_person_not_a_visit() -> None:
    ex = run(
        "Finance Minister Jorge Mendes called on the visiting Prime Minister Antonio Silva on 11 October."
    )
    assert kinds(ex) == ["Meeting"]


# --------------------------------------------------------------------------- talks, documents


def test_hyphenated_modifiers_and_the_two_titles() -> None:
    ex = run(
        "Prime Minister Kaja Kallas of Estonia arrived in Oslo on Monday, 10 October 2022, and was welcomed by "
        "Prime Minister Jonas Gahr Store of Norway.\n\n"
        "On 11 October, Prime Minister Kallas laid a wreath at the memorial. The two Prime Ministers then held "
        "one-on-one and delegation-level talks at the government offices."
    )
    talks = of(ex, "Talks")
    assert len(talks) == 1
    assert set(talks[0].participants) == {"Kaja Kallas", "Jonas Gahr Store"}
    assert talks[0].date == "2022-10-11"  # the day told earlier in the paragraph, not the arrival's


def test_the_two_titles_needs_exactly_two_holders() -> None:
    ex = run(
        "President Emmanuel Macron met President Joe Biden and President Yoon Suk Yeol on Tuesday. "
        "The two Presidents then held talks on trade."
    )
    talks = of(ex, "Talks")
    # three presidents: "the two Presidents" cannot be resolved by title alone, so no pair is picked
    assert talks and all(len(t.participants) != 2 for t in talks)


def test_adopted_documents_are_a_statement() -> None:
    ex = run(
        "President Gabriel Boric and President Luis Arce adopted a Joint Vision for Andean Energy Integration on Tuesday."
    )
    assert kinds(ex) == ["Statement"]
    ex = run("The three leaders adopted four documents at the meeting in Lima on Tuesday.")
    assert (
        "Statement" in kinds(ex) or ex.events == []
    )  # no named participant: may be dropped, never a signing
    assert of(ex, "Signing") == []


def test_adopted_in_other_senses_is_no_statement() -> None:
    ex = run("President Gabriel Boric of Chile adopted a harder tone on migration on Tuesday.")
    assert of(ex, "Statement") == []


# --------------------------------------------------------------------------- future markers


def test_looked_forward_to_is_planned() -> None:
    ex = run(
        "President Joe Biden looked forward to welcoming African leaders to Washington for the Leaders Summit in December."
    )
    assert of(ex, "Summit") == []


def test_summit_in_a_later_month_is_planned() -> None:
    ex = run(
        "President Joe Biden thanked Prime Minister Mark Rutte of the Netherlands for hosting the Climate Summit in December."
    )
    assert of(ex, "Summit") == []  # a September-to-December story date: not yet held
    ex = run(
        "President Joe Biden thanked Prime Minister Mark Rutte of the Netherlands for hosting the Climate Summit in August."
    )
    assert len(of(ex, "Summit")) == 1  # August, before the October story: a past summit


def test_retreat_as_a_place_is_no_meeting() -> None:
    ex = run(
        "Prime Minister Mark Rutte met Chancellor Olaf Scholz at the government retreat near Berlin on Tuesday."
    )
    assert kinds(ex) == ["Meeting"]
    ex = run(
        "The Leaders' Retreat of the Pacific Islands Forum was chaired by Prime Minister James Marape on Tuesday."
    )
    assert kinds(ex) == ["Meeting"]


def test_relative_clause_day_stays_with_its_own_event() -> None:
    ex = run(
        "Chancellor Olaf Scholz on Wednesday urged President Yoon Suk Yeol of South Korea to keep up sanctions, "
        "as Yoon began his first trip to Europe.\n\n"
        "Yoon, who arrived in Berlin on Tuesday for a state visit, first took part in a meeting at the "
        "Chancellery with Scholz and Commission President Ursula von der Leyen."
    )
    meetings = of(ex, "Meeting")
    assert len(meetings) == 1 and meetings[0].date == "2022-10-12"
    assert any(v.date == "2022-10-11" for v in of(ex, "Visit"))


def test_subject_pronoun_in_a_where_clause() -> None:
    ex = run(
        "Secretary of State Antony Blinken met President Macky Sall in Dakar on Tuesday. The Secretary arrived in "
        "Dakar from Praia, where he met Prime Minister Ulisses Correia e Silva on Monday."
    )
    praia = [m for m in of(ex, "Meeting") if "Ulisses Correia e Silva" in m.participants]
    assert len(praia) == 1 and "Antony Blinken" in praia[0].participants
    visits = of(ex, "Visit")
    assert visits and visits[0].participants == ["Antony Blinken"]  # "The Secretary": the one secretary named


def test_pronoun_object_is_not_a_subject() -> None:
    ex = run(
        "President Macky Sall received Secretary of State Antony Blinken in Dakar on Tuesday. "
        "Prime Minister Amadou Ba later met him at the airport."
    )
    assert not any(set(e.participants) == {"Macky Sall", "Amadou Ba"} for e in ex.events)


def test_two_meetings_with_different_counterparts_stay_apart() -> None:
    ex = run(
        "Secretary of State Antony Blinken met President Joko Widodo in Jakarta on Monday. Earlier on Monday, "
        "Blinken met for two hours with Foreign Minister Retno Marsudi."
    )
    meetings = of(ex, "Meeting")
    assert len(meetings) == 2
    assert all(len(m.participants) == 2 for m in meetings)


def test_talks_in_a_relative_clause() -> None:
    ex = run(
        "The signing followed talks that the two presidents held on Tuesday in Lima. "
        "President Gabriel Boric and President Dina Boluarte of Peru signed a fisheries accord."
    )
    assert "Talks" in kinds(ex)
    ex = run(
        "The talks that had been planned for Tuesday between President Gabriel Boric and President Dina Boluarte did not go ahead."
    )
    assert of(ex, "Talks") == []


def test_coordinated_visitors_each_make_a_visit_and_as_did() -> None:
    ex = run(
        "Colombian President Gustavo Petro, Chilean President Gabriel Boric and Bolivian President Luis Arce "
        "travelled to Brasilia on Sunday for the inauguration, as did King Felipe VI of Spain."
    )
    visits = of(ex, "Visit")
    assert sorted(tuple(v.participants) for v in visits) == [
        ("Felipe VI",),
        ("Gabriel Boric",),
        ("Gustavo Petro",),
        ("Luis Arce",),
    ]
    boric = next(v for v in visits if v.participants == ["Gabriel Boric"])
    assert "CHL" in boric.countries and "COL" not in boric.countries


def test_two_travellers_together_stay_one_visit_and_as_did_needs_an_event() -> None:
    ex = run("President Gabriel Boric and his foreign minister Antonia Urrejola travelled to Lima on Sunday.")
    assert len(of(ex, "Visit")) == 1
    ex = run(
        "President Gabriel Boric of Chile praised the accord on Sunday, as did President Luis Arce of Bolivia."
    )
    assert ex.events == []
