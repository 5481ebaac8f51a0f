"""Country gazetteer: names, demonyms and the traps of ambiguous country words."""

from __future__ import annotations

import pycountry
import pytest

from newsgraph.converters.gazetteer import country_info, find_countries, find_known_organizations, is_place


def codes(text: str) -> list[str]:
    return [h.key for h in find_countries(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The Tajik leader and an Emirati envoy arrived.", ["TJK", "ARE"]),
        ("U.S. and UK officials met PRC and ROK diplomats.", ["USA", "GBR", "CHN", "KOR"]),
        ("Türkiye, Việt Nam and the Kyrgyz Republic signed.", ["TUR", "VNM", "KGZ"]),
        ("A West German chancellor and Palestinian negotiators.", ["DEU", "PSE"]),
        (
            "Papua New Guinea, Equatorial Guinea and Guinea-Bissau joined Guinea.",
            ["PNG", "GNQ", "GNB", "GIN"],
        ),
        (
            "Niger and Nigeria; Sudan and South Sudan; Dominica and the Dominican Republic.",
            ["NER", "NGA", "SDN", "SSD", "DMA", "DOM"],
        ),
        ("The Democratic Republic of the Congo and the Republic of the Congo.", ["COD", "COG"]),
        ("A North Korean missile and a South Korean destroyer.", ["PRK", "KOR"]),
        ("Chinese-Tajik talks on the China-Tajikistan border.", ["CHN", "TJK", "CHN", "TJK"]),
        (
            "Kenyans and Emiratis cheered; Côte d'Ivoire and Ivory Coast are one.",
            ["KEN", "ARE", "CIV", "CIV"],
        ),
        ("the former Yugoslav Republic of Macedonia, now North Macedonia", ["MKD", "MKD"]),
    ],
)
def test_names_and_demonyms(text: str, expected: list[str]) -> None:
    assert codes(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Ships crossed the Indian Ocean.",
        "Latin American and South American ministers gathered at a Pan-American forum.",
        "She grew up in New Mexico and studied in Atlanta, Georgia.",
        "Michael Jordan and Chad Smith played in the final.",
        "Tension on the Korean Peninsula worried Korean investors.",
        "The Central African leaders met in the Gulf of Guinea port.",
        "Officials in Beijing, Nairobi and Brussels reacted.",
        "They discussed Antarctic research and Arctic shipping routes.",
    ],
)
def test_words_that_are_not_countries(text: str) -> None:
    assert codes(text) == []


def test_country_words_with_titles_are_countries() -> None:
    assert codes("Chad President Idriss Deby met Jordan's King Abdullah.") == ["TCD", "JOR"]


def test_every_iso_country_has_a_form_and_a_geonames_id() -> None:
    for c in pycountry.countries:
        name, alpha2, geonames, qid = country_info(c.alpha_3)
        assert alpha2 == c.alpha_2
        assert geonames and geonames.isdigit()
        assert qid is None or qid.startswith("Q")
        assert codes(name) == [c.alpha_3] or name in {"Holy See"} or codes(name)[:1] == [c.alpha_3], name


def test_country_info_fields_by_name() -> None:
    info = country_info("chn")
    assert (info.name, info.alpha2, info.geonames_id, info.wikidata_qid) == ("China", "CN", "1814991", "Q148")
    with pytest.raises(KeyError):
        country_info("XXX")


def test_known_organizations_and_acronyms() -> None:
    hits = find_known_organizations(
        "The UN, the EU and NATO joined the Shanghai Cooperation Organisation summit."
    )
    assert [h.key for h in hits] == [
        "United Nations",
        "European Union",
        "North Atlantic Treaty Organization",
        "Shanghai Cooperation Organisation",
    ]


def test_places() -> None:
    assert is_place("Nairobi") and is_place("Abu Dhabi")
    assert not is_place("Obama")
