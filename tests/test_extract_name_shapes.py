"""Name shapes the person rules used to cut, miss or invent, and a currency read as a country.

Every sentence was written for these tests; the people, residences and institutions are
invented (countries are real so that the gazetteer knows them).  Each test names the
general shape it covers: styles inside names, particles, short syllable names after an
institution "of <Country>", titles of institutions, title-case headlines, bare lists of
names, and currency names.
"""
# ruff: noqa: E501  (sentences are written as printed: one per line)

from __future__ import annotations

from newsgraph.converters import extract
from newsgraph.converters.model import Document, PersonX


def _persons(text: str) -> dict[str, PersonX]:
    return {p.name: p for p in extract.extract(Document(text=text)).persons}


def _countries(text: str) -> set[str]:
    return {c.alpha3 for c in extract.extract(Document(text=text)).countries}


def test_a_style_word_between_two_name_words_is_part_of_the_name() -> None:
    """ "Abdi Sheikh Warsame": Somali and Arabic names carry "Sheikh" inside them."""
    people = _persons("Somali President Abdi Sheikh Warsame met Kenyan President Joseph Mwangi in Nairobi on Monday.")
    assert set(people) == {"Abdi Sheikh Warsame", "Joseph Mwangi"}
    assert people["Abdi Sheikh Warsame"].roles == ["President"]
    # a style before the name is still dropped
    assert set(_persons("The King received Sheikh Omar bin Khalid Al Nasser at the palace on Monday.")) == {
        "Omar bin Khalid Al Nasser"}


def test_other_spellings_of_sheikh_are_styles() -> None:
    people = _persons("The Crown Prince received Shaikh Salim bin Hamad Al Rashed, the Foreign Minister, on Monday.")
    assert "Salim bin Hamad Al Rashed" in people
    assert not any(name.startswith("Shaikh") for name in people)
    assert "Khalid bin Omar Al Nasser" in _persons("Foreign Minister Shaykh Khalid bin Omar Al Nasser met the envoy.")


def test_secondary_malay_style_before_a_single_word_is_a_place() -> None:
    """ "Seri Kenanga" (a residence) and "Bandar Seri Begawan" are places; "Datuk Seri X Y"
    and "Tan Sri X Y" are styles before a full name."""
    people = _persons("Prime Minister Hadi Rahman hosted a dinner at Seri Kenanga on Monday.")
    assert set(people) == {"Hadi Rahman"}
    people = _persons("President Tomas Ortega arrived in Bandar Seri Begawan on Monday.")
    assert set(people) == {"Tomas Ortega"}
    people = _persons("Prime Minister Datuk Seri Hadi Rahman met Tan Sri Razali Omar in Putrajaya.")
    assert {"Hadi Rahman", "Razali Omar"} <= set(people)


def test_a_title_of_an_emirate_is_no_person() -> None:
    """ "Deputy Ruler of Sharjah": "Ruler" is a title, never a name."""
    people = _persons("The Crown Prince and Deputy Ruler of Sharjah attended the ceremony with President Tomas Ortega.")
    assert set(people) == {"Tomas Ortega"}
    people = _persons("Deputy Ruler of Dubai Khalid bin Saqr Al Qassimi received President Tomas Ortega.")
    assert "Khalid bin Saqr Al Qassimi" in people
    assert "Ruler" not in people


def test_a_title_of_an_organisation_before_a_name_with_particles() -> None:
    """ "President of the European Commission Karla von der Heyde": the organisation between
    the title and the name does not hide the title."""
    people = _persons("President of the European Commission Karla von der Heyde met Chilean President Tomas Ortega.")
    assert "Karla von der Heyde" in people
    assert people["Karla von der Heyde"].roles == ["President of the European Commission"]


def test_a_name_after_by_stays_when_the_list_goes_on() -> None:
    people = _persons("The accord was signed by Karla von der Heyde and Chilean President Tomas Ortega.")
    assert set(people) == {"Karla von der Heyde", "Tomas Ortega"}


def test_a_short_syllable_name_after_a_party_of_a_country() -> None:
    """ "General Secretary of the Communist Party of Vietnam <Ab Cd>": the party's name ends
    with its country, so the two short words after it are the name."""
    people = _persons("General Secretary of the Communist Party of Vietnam Vo Lam met Chilean President Tomas Ortega.")
    assert "Vo Lam" in people
    assert people["Vo Lam"].nationality == "VNM"


def test_a_title_of_a_mosque_before_a_name() -> None:
    """ "Grand Imam of the <Name> Mosque <Person>": the institution's own proper word is not
    the person, and the title covers the institution."""
    people = _persons("Grand Imam of the Nurul Huda Mosque Ahmad Karim Yusuf welcomed President Tomas Ortega on Monday.")
    assert set(people) == {"Ahmad Karim Yusuf", "Tomas Ortega"}
    assert people["Ahmad Karim Yusuf"].roles == ["Grand Imam of the Nurul Huda Mosque"]


def test_a_verb_after_a_name_in_a_title_case_headline_is_cut() -> None:
    """ "President Ortega Hosts Queen Maria": the headline's capitalised verb is not a name
    word when the story writes the name without it."""
    text = ("President Ortega Hosts Queen Maria at State House\n\n"
            "LIMA, May 3 (Reuters) - Chilean President Tomas Ortega hosted Queen Maria of Denmark on Monday. "
            "Ortega said the visit was historic.")
    people = _persons(text)
    assert "Ortega Hosts" not in people
    assert "Tomas Ortega" in people
    assert "Ortega" in people["Tomas Ortega"].aliases


def test_a_bare_list_of_full_names_with_a_plural_apposition_or_verb() -> None:
    people = _persons("Li Wenjun and Zhou Ming, both members of the Political Bureau, attended the talks with "
                      "President Tomas Ortega.")
    assert {"Li Wenjun", "Zhou Ming", "Tomas Ortega"} <= set(people)
    people = _persons("Chen Hao, Li Wenjun and Zhou Ming attended the banquet hosted by President Tomas Ortega.")
    assert {"Chen Hao", "Li Wenjun", "Zhou Ming"} <= set(people)
    for sentence in (
        "Bai Lu and Han Yu were present at the talks.",
        "Bai Lu, Han Yu and other senior officials attended the talks.",
        "Bai Lu and Han Yu, among others, attended the talks.",
        "Also present were Bai Lu and Han Yu.",
        "Bai Lu, a member of the Standing Committee, and Han Yu, a member of the Political Bureau, attended the talks.",
    ):
        assert set(_persons(sentence)) == {"Bai Lu", "Han Yu"}, sentence
    # a plural apposition after the last name covers the whole list
    people = _persons("Bai Lu and Han Yu, senior officials, attended the talks.")
    assert set(people) == {"Bai Lu", "Han Yu"}


def test_a_bare_list_without_evidence_is_not_persons() -> None:
    # near miss: a list of capitalised pairs with nothing that only persons take
    people = _persons("Trade with Costa Verde and Porto Alto grew in the first quarter, President Tomas Ortega noted.")
    assert set(people) == {"Tomas Ortega"}


def test_a_currency_named_after_a_country_is_not_the_country() -> None:
    text = "Chile and Peru signed deals worth 6.2 billion US dollars on Monday, President Tomas Ortega said."
    assert _countries(text) == {"CHL", "PER"}
    assert _countries("The loan of 300 million U.S. dollars was agreed in Lima.") == set()
    assert _countries("The fund holds US$ 40 million.") == set()
    # the country itself still counts
    assert _countries("Trade reached 12 billion US dollars, while US officials attended.") == {"USA"}
