# ruff: noqa: E501 -- test sentences read better unbroken
"""Agreement rules for phrasings outside the dev corpus: quoted titles, generic but real
documents, coordinated objects, and document words inside the names of bodies and venues.
Sentences written for these tests; each rule has a negative case."""

from __future__ import annotations

from newsgraph.converters.extract import extract
from newsgraph.converters.model import Document


def titles(text: str) -> list[str]:
    return [a.title for a in extract(Document(text=text, published="2022-10-12")).agreements]


def test_quoted_titles_of_adopted_documents() -> None:
    got = titles(
        "President Gabriel Boric of Chile and President Luis Arce of Bolivia adopted two documents in La Paz on Tuesday: "
        'the "Lithium Principles," which set rules for joint mining; and a "Pledge on Water Sharing."'
    )
    assert sorted(got) == ["Lithium Principles", "Pledge on Water Sharing"]


def test_statement_titled() -> None:
    got = titles(
        'The ministers of Chile and Peru released a joint statement titled "A Pacific Shared Future" on Tuesday.'
    )
    assert "A Pacific Shared Future" in got


def test_quotes_after_a_colon_without_a_document_verb_are_not_titles() -> None:
    got = titles(
        'President Gabriel Boric of Chile told reporters two things on Tuesday: "We are ready," and "We will wait."'
    )
    assert got == []


def test_generic_but_real_documents() -> None:
    assert "joint statement" in titles(
        "Chile and Peru issued a joint statement in which the two governments pledged to reopen the border."
    )
    assert "cooperation agreements" in titles(
        "After the talks, ministers of Chile and Peru signed a series of cooperation agreements in fields ranging from mining to fishing."
    )


def test_coordinated_objects_keep_their_comma_lists() -> None:
    got = titles(
        "Chile and Peru also signed an agreement on cooperation in mining, fisheries and tourism, and an agreement on "
        "the reopening of the Chacalluta crossing."
    )
    assert sorted(got) == [
        "agreement on cooperation in mining, fisheries and tourism",
        "agreement on the reopening of the Chacalluta crossing",
    ]


def test_bodies_venues_and_lists_are_not_documents() -> None:
    assert (
        titles("Kazakhstan is a member of the Collective Security Treaty Organization and hosts its drills.")
        == []
    )
    assert (
        titles(
            "The forum was held at the Lima Convention Center from October 10 to 12 with leaders of Chile and Peru."
        )
        == []
    )
    got = titles(
        "Chile and Peru signed the Treaty of Lima in 1929. The leaders praised the basic documents of that era, "
        "including the Treaty of Lima, on Tuesday."
    )
    assert got == ["Treaty of Lima"]


# --------------------------------------------------------------------------- names and seas (same file: small)


def test_malay_styles_are_not_part_of_the_name() -> None:
    ex = extract(
        Document(
            text="Prime Minister Datuk Seri Ismail Sabri Yaakob received Tan Sri Muhyiddin Yassin in Putrajaya on Monday.",
            published="2022-10-10",
        )
    )
    names = {p.name for p in ex.persons}
    assert "Ismail Sabri Yaakob" in names and not any(n.startswith("Seri") for n in names)


def test_coordinated_china_seas_are_not_china() -> None:
    ex = extract(
        Document(
            text="Japan and Vietnam voiced concern over the situation in the East and South China Seas on Monday.",
            published="2024-03-05",
        )
    )
    assert [c.alpha3 for c in ex.countries] == ["JPN", "VNM"]
    ex = extract(Document(text="China and Vietnam voiced concern on Monday.", published="2024-03-05"))
    assert "CHN" in [c.alpha3 for c in ex.countries]
