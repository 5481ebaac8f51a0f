"""Person names, titles and nationalities in phrasings the extractor used to miss.

Every sentence here was written for these tests; the people are invented.  Each test
states the general phrasing it covers, so a rule is never keyed to one article.
"""

from __future__ import annotations

from newsgraph.converters import extract
from newsgraph.converters.model import Document, PersonX


def _persons(text: str) -> dict[str, PersonX]:
    return {p.name: p for p in extract.extract(Document(text=text)).persons}


def test_possessive_country_and_lower_case_title_after_the_name() -> None:
    """ "<Name>, <Country>'s <title>," gives a person with that title and nationality."""
    people = _persons("Amos Wekesa, Peru's foreign minister, met reporters in Lima on Monday.")
    assert set(people) == {"Amos Wekesa"}
    p = people["Amos Wekesa"]
    assert p.nationality == "PER"
    assert any("foreign minister" in r for r in p.roles)


def test_lower_case_title_of_a_country_after_the_name() -> None:
    """ "<Name>, the <title> of <Country>," gives the title without the country, and the country."""
    people = _persons("Ilse Varga, the deputy foreign minister of Chile, told reporters the talks went well.")
    p = people["Ilse Varga"]
    assert p.nationality == "CHL"
    assert "deputy foreign minister" in p.roles


def test_demonym_title_apposition_and_the_sentence_after_it() -> None:
    """The apposition ends where the sentence goes on ("..., received Y, ..."): the second
    person's title is not the first person's."""
    people = _persons(
        "Rosa Quispe, Peru's president, received Tomas Ortega, the Chilean foreign minister, "
        "in Lima on Monday."
    )
    assert people["Rosa Quispe"].nationality == "PER"
    assert not any("Chilean" in r for r in people["Rosa Quispe"].roles)
    assert people["Tomas Ortega"].nationality == "CHL"
    assert any("foreign minister" in r for r in people["Tomas Ortega"].roles)


def test_a_list_of_titled_people_is_not_an_apposition() -> None:
    """ "X, Canadian Prime Minister Y and ...": the names after X are people, not X's titles."""
    people = _persons(
        "President Anna Lind met Canadian Prime Minister Joe Marsh, Mexican President Luis Vera and "
        "Chilean President Tomas Ortega in Lima on Friday."
    )
    assert people["Anna Lind"].roles == ["President"]
    assert people["Luis Vera"].nationality == "MEX"


def test_verb_before_a_title_is_no_apposition() -> None:
    people = _persons("Paul Hendry, who met the foreign minister of Chile on Monday, said little.")
    assert not any("minister" in r for r in people.get("Paul Hendry", PersonX("x")).roles)


def test_title_of_country_before_an_honorific_and_the_name() -> None:
    """ "the <Title> of <Country>, Dr. <Name>": the honorific does not hide the title."""
    people = _persons("The accord was signed by the Prime Minister of Peru, Dr. Rosa Quispe, on Monday.")
    p = people["Rosa Quispe"]
    assert p.roles == ["Prime Minister"]
    assert p.nationality == "PER"
    people = _persons("The accord was signed by the President of Chile, H.E. Mr. Tomas Ortega, in Lima.")
    assert people["Tomas Ortega"].nationality == "CHL"


def test_generational_suffix_stays_with_the_name() -> None:
    """ "Joseph Q. Carter, Jr." is the name as printed; "Carter" alone is the same person, and
    "Jr." is never a person of its own."""
    people = _persons(
        "President Joseph Q. Carter, Jr. met President Ama Boateng on Friday. "
        "Carter said the talks were good."
    )
    assert "Joseph Q. Carter, Jr." in people
    assert people["Joseph Q. Carter, Jr."].aliases == ["Carter"]
    assert len(people["Joseph Q. Carter, Jr."].mentions) == 2
    people = _persons("Robert Hale, Jr., the special envoy, said the talks went well.")
    assert set(people) == {"Robert Hale, Jr."}
    assert any("envoy" in r for r in people["Robert Hale, Jr."].roles)
    people = _persons("Former U.S. Ambassador Robert Hale Sr. said the talks went well. Hale left at noon.")
    assert people["Robert Hale Sr."].aliases == ["Hale"]


def test_mention_span_covers_the_suffix() -> None:
    text = "Senator Robert Hale, Jr., said the talks went well."
    (p,) = extract.extract(Document(text=text)).persons
    (span,) = p.mentions
    assert text[span.start : span.end] == "Robert Hale, Jr."


def test_title_case_headline_words_are_not_persons() -> None:
    """In a title-case headline verbs and nouns are capitalised: "Leaders Hail Deal" and
    "Crown Prince Chairs Summit" name nobody, while names the story repeats stay."""
    text = (
        "Leaders Hail Deal on Border Trade as Crown Prince Chairs Summit\n\n"
        "LIMA, May 3 (Reuters) - President Tomas Ortega of Chile met President Rosa Quispe of Peru "
        "on Monday and both praised the deal."
    )
    people = _persons(text)
    assert set(people) == {"Tomas Ortega", "Rosa Quispe"}


def test_headline_name_repeated_in_the_story_stays() -> None:
    text = (
        "Ortega Meets Quispe in Lima on Trade Pact\n\n"
        "LIMA, May 3 (Reuters) - Chilean President Tomas Ortega met Peruvian President Rosa Quispe "
        "on Monday. Ortega said the talks were good."
    )
    people = _persons(text)
    assert set(people) == {"Tomas Ortega", "Rosa Quispe"}
    assert people["Tomas Ortega"].aliases == ["Ortega"]


def test_title_of_country_before_the_name_keeps_its_modifiers() -> None:
    """ "<Modifiers> <Title> of <Country> <Name>": the whole title, and the country."""
    people = _persons("The Foreign Minister of Peru Amos Wekesa met reporters on Monday.")
    assert people["Amos Wekesa"].roles == ["Foreign Minister"]
    assert people["Amos Wekesa"].nationality == "PER"
    people = _persons("First Deputy Prime Minister of Chile Ilse Varga left on Tuesday.")
    assert people["Ilse Varga"].roles == ["First Deputy Prime Minister"]
    assert people["Ilse Varga"].nationality == "CHL"


def test_surname_alone_is_coreference_not_evidence() -> None:
    """A surname after the full name is the same person; a surname alone with no title or
    earlier full name is not enough to make a person."""
    people = _persons(
        "Robert Hale met Chilean President Tomas Ortega on Monday. Hale said the meeting was useful."
    )
    assert people["Robert Hale"].aliases == ["Hale"]
    assert _persons("Hale said the meeting was useful.") == {}
