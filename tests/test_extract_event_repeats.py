# ruff: noqa: E501 -- test sentences read better unbroken
"""One event told several times (headline, standfirst, lead, a remark on it) stays one
event, and a document's history ("the Accord signed in Rome in March 2019") is no
signing of the story.  Sentences written for these tests, with people and places of
their own; each rule has a negative case."""

from __future__ import annotations

from newsgraph.converters.extract import extract
from newsgraph.converters.model import Document, Extraction, Span


def run(text: str, published: str | None = "2024-10-09", title: str | None = None) -> Extraction:
    doc = Document(text=text, published=published)
    if title is not None:
        assert text.startswith(title)
        doc.title, doc.title_span = title, Span(0, len(title))
    return extract(doc)


def of(ex: Extraction, kind: str) -> list:  # type: ignore[type-arg]
    return [e for e in ex.events if e.type == kind]


# --------------------------------------------------------------------------- headlines


def test_headline_talks_is_the_meeting_the_body_tells() -> None:
    title = "Ruto, Hassan hold official talks in Nairobi"
    ex = run(
        title + "\n\nNAIROBI, Oct. 9 (Rift Wire) -- Kenyan President William Ruto met Tanzanian President Samia Suluhu Hassan "
        "at State House on Tuesday. The talks focused on trade and the border.",
        title=title,
    )
    assert [e.type for e in ex.events] == ["Meeting"]
    assert ex.events[0].date == "2024-10-08"
    assert set(ex.events[0].participants) == {"William Ruto", "Samia Suluhu Hassan"}


def test_headline_talks_of_other_people_stay_apart() -> None:
    # guard: the headline's talks are not the meeting of two other leaders in the body
    title = "Museveni, Kagame hold talks in Kampala"
    ex = run(
        title + "\n\nKenyan President William Ruto met Tanzanian President Samia Suluhu Hassan at State House on Tuesday. "
        "Ugandan President Yoweri Museveni and Rwandan President Paul Kagame were not present.",
        title=title,
    )
    assert sorted(e.type for e in ex.events) == ["Meeting", "Talks"]


# --------------------------------------------------------------------------- "the first visit in N years"


def test_the_first_visit_in_years_characterises_the_visit_already_told() -> None:
    ex = run(
        "Tanzanian President Samia Suluhu Hassan arrived in Nairobi on Monday. President William Ruto of Kenya met "
        "Hassan at State House. It was the first visit by a Tanzanian leader to Kenya in six years."
    )
    visits = of(ex, "Visit")
    assert len(visits) == 1 and visits[0].participants == ["Samia Suluhu Hassan"]


def test_visits_to_two_countries_stay_two() -> None:
    # guard: a country holds its cities, but not another country
    ex = run(
        "Tanzanian President Samia Suluhu Hassan paid an official visit to Kenya on Monday and an official visit to "
        "Uganda on Tuesday."
    )
    assert len(of(ex, "Visit")) == 2


# --------------------------------------------------------------------------- a document's history


def test_an_accord_signed_years_ago_is_no_signing() -> None:
    ex = run(
        "Kenyan President William Ruto held talks with Tanzanian President Samia Suluhu Hassan on Tuesday. The two "
        "countries are bound by the Border Accord signed in Arusha in March 2019 by the two presidents' predecessors."
    )
    assert of(ex, "Signing") == []
    assert len(of(ex, "Talks")) == 1


def test_an_accord_signed_this_week_is_a_signing() -> None:
    # guard: the participle with a day of the story reports the signing
    ex = run(
        "Kenyan President William Ruto held talks with Tanzanian President Samia Suluhu Hassan on Tuesday. The Border "
        "Accord signed in Arusha on Tuesday by the two presidents ends a decade of disputes."
    )
    assert len(of(ex, "Signing")) == 1


def test_leaders_who_signed_a_treaty_years_ago_still_signed_it() -> None:
    # guard: an active past signing with its signatories is a past event the text reports
    ex = run(
        "Kenyan President William Ruto held talks with Tanzanian President Samia Suluhu Hassan on Tuesday. They "
        "reviewed the treaty that Ruto and Hassan signed in Arusha in March 2023."
    )
    assert len(of(ex, "Signing")) == 1


# --------------------------------------------------------------------------- remarks on an event


def test_a_speaker_remarking_on_the_visit_is_not_its_visitor() -> None:
    ex = run(
        "Tanzanian President Samia Suluhu Hassan held talks with Kenyan President William Ruto in Nairobi on Tuesday. "
        "Political scientist Kaari Mwangi said the visit marked a thaw."
    )
    assert [e.type for e in ex.events] == ["Talks"]
    assert "Kaari Mwangi" not in ex.events[0].participants


def test_the_subject_after_a_fronted_phrase_still_takes_part() -> None:
    # guard: "After talks hosted by X, Y said ...": Y was at the talks
    ex = run(
        "After talks hosted by Kenyan President William Ruto in Nairobi on Tuesday, Tanzanian President Samia Suluhu "
        "Hassan said the border would reopen."
    )
    talks = of(ex, "Talks")
    assert len(talks) == 1 and set(talks[0].participants) == {"William Ruto", "Samia Suluhu Hassan"}


def test_a_sign_of_friendship_is_no_signing() -> None:
    ex = run(
        "Tanzanian President Samia Suluhu Hassan held talks with Kenyan President William Ruto in Nairobi on Tuesday. "
        "\"This visit is a sign of our friendship,\" Kenyan Foreign Minister Musalia Mudavadi told reporters."
    )
    assert of(ex, "Signing") == []


def test_to_sign_an_accord_is_still_read() -> None:
    # guard: the verb keeps its sense (here a plan, so no event, but through the future rule)
    ex = run("Kenyan President William Ruto and Tanzanian President Samia Suluhu Hassan sign a border accord in Arusha.")
    assert len(of(ex, "Signing")) == 1


# --------------------------------------------------------------------------- definite references that date the event


def test_capitalised_the_talks_dates_the_talks_told_before() -> None:
    # "The talks" opening a sentence refers back like "the talks" does, and its day is theirs
    ex = run(
        "Foreign Minister Hugh Todd of Guyana and Foreign Minister Albert Ramdin of Suriname ended two days of talks "
        "in Georgetown.\n\nThe talks, hosted by Guyana, began on 7 October and covered the river border.",
    )
    talks = of(ex, "Talks")
    assert len(talks) == 1 and talks[0].date == "2024-10-07"
    assert set(talks[0].participants) == {"Hugh Todd", "Albert Ramdin"}


def test_capitalised_the_talks_alone_is_no_event() -> None:
    # guard: a reference to nothing told before names no event
    ex = run("The talks, hosted by Guyana, began on 7 October and covered the river border.")
    assert of(ex, "Talks") == []


def test_received_the_two_ministers_is_a_meeting_with_both() -> None:
    ex = run(
        "Foreign Minister Hugh Todd of Guyana and Foreign Minister Albert Ramdin of Suriname held talks in "
        "Georgetown on 7 October. On 8 October, President Irfaan Ali received the two ministers at State House.",
    )
    meetings = of(ex, "Meeting")
    assert len(meetings) == 1 and meetings[0].date == "2024-10-08"
    assert set(meetings[0].participants) == {"Irfaan Ali", "Hugh Todd", "Albert Ramdin"}


def test_received_the_two_awards_is_no_meeting() -> None:
    # guard: what is received must be people
    ex = run("On 8 October, President Irfaan Ali received the two awards at State House.")
    assert of(ex, "Meeting") == []


def test_the_meeting_at_a_venue_dates_the_meeting_in_its_city() -> None:
    # a venue is not another place than the city told before: the reference joins the
    # meeting and gives it its day
    ex = run(
        "Prime Minister Keith Rowley of Trinidad and Tobago met Prime Minister Philip Davis of the Bahamas in Nassau, "
        "where the two sides agreed to open a ferry route.\n\nThe meeting took place at the Cable Beach Pavilion late on Monday.",
    )
    meetings = of(ex, "Meeting")
    assert len(meetings) == 1 and meetings[0].date == "2024-10-07"


def test_a_meeting_of_other_people_elsewhere_stays_apart() -> None:
    # guard: a reference that names its own people at another place is checked as before
    ex = run(
        "Prime Minister Keith Rowley of Trinidad and Tobago met Prime Minister Philip Davis of the Bahamas in Nassau "
        "on Monday. On Tuesday, Prime Minister Andrew Holness of Jamaica and President Irfaan Ali of Guyana met in Kingston.",
    )
    assert sorted(e.date for e in of(ex, "Meeting")) == ["2024-10-07", "2024-10-08"]


def test_before_the_signing_is_not_a_signing_of_the_documents_history() -> None:
    # "Before the signing" refers to the ceremony of the story, even when its clause reads
    # another place ("the situation in X"); a treaty "signed in 1995" told later is history
    ex = run(
        "President Irfaan Ali and President Chan Santokhi signed a river border accord in Paramaribo on Sunday.\n\n"
        "Before the signing, Ali held talks with Santokhi on trade and on the flooding in Nickerie.\n\n"
        "The Border Treaty between Guyana and Suriname, signed in 1995, remains in force.",
    )
    talks = of(ex, "Talks")
    assert len(talks) == 1 and talks[0].date == "2024-10-06"


# --------------------------------------------------------------------------- visits told without their visitor


def test_a_visit_told_without_its_visitor_is_the_named_visit() -> None:
    # "the first trip to Barbados by a sitting Guyanese president" describes Ali's visit
    ex = run(
        "President Irfaan Ali of Guyana met Prime Minister Mia Mottley in Bridgetown on Monday, the centrepiece of "
        "the first trip to Barbados by a sitting Guyanese president in 30 years.\n\n"
        "Ali landed in Bridgetown on Sunday afternoon with a delegation of ministers.",
    )
    visits = of(ex, "Visit")
    assert len(visits) == 1 and visits[0].participants == ["Irfaan Ali"]
    assert set(visits[0].countries) >= {"BRB", "GUY"}


def test_a_visit_without_a_visitor_stays_when_no_visit_is_named() -> None:
    # guard: the one visit of the story keeps its countries though no visitor is named
    ex = run(
        "The Prime Minister met President Irfaan Ali of Guyana at State House on Monday, the first visit to Guyana "
        "by a Barbadian head of government in 30 years.",
    )
    assert len(of(ex, "Visit")) == 1


def test_visits_of_two_named_visitors_are_not_joined() -> None:
    # guard: with two named visits, a nameless one that fits both stays apart from them
    ex = run(
        "President Irfaan Ali of Guyana arrived in Bridgetown on Sunday. President Chan Santokhi of Suriname arrived "
        "in Bridgetown on Monday. The summit opened the first official visit season in Barbados by leaders of the region.",
    )
    assert sorted(p for v in of(ex, "Visit") for p in v.participants) == ["Chan Santokhi", "Irfaan Ali"]
