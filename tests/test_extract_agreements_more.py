# ruff: noqa: E501 -- test sentences read better unbroken
"""Agreement rules for title boundaries, unnamed bundles, listed documents, joint
statements and parties, on sentences written for these tests (invented places and
names); each rule has a guard that the rule leaves alone."""

from __future__ import annotations

from newsgraph.converters.extract import extract
from newsgraph.converters.model import AgreementX, Document

MEETING = "President Aino Kask of Estonia met President Rokas Zilinskas of Lithuania in Tartu on Monday. "


def agreements(text: str) -> list[AgreementX]:
    return extract(Document(text=text, published="2025-05-12")).agreements


def titles(text: str) -> list[str]:
    return sorted(a.title for a in agreements(text))


# --------------------------------------------------------------------------- title boundaries


def test_adverbials_before_the_title_are_not_part_of_it() -> None:
    assert titles(
        "Kask and Zilinskas signed Friday at the Raekoda the Declaration on Baltic Grid Priorities."
    ) == ["Declaration on Baltic Grid Priorities"]
    assert titles(
        "Estonia and Lithuania signed at Toome Hill Palace a memorandum of understanding on cooperation in forestry."
    ) == ["memorandum of understanding on cooperation in forestry"]


def test_prepositions_before_a_statement_are_not_part_of_it() -> None:
    assert titles(MEETING + "In a joint statement issued after the talks, the leaders called for calm.") == [
        "joint statement"
    ]
    assert titles(MEETING + "According to a joint statement released after the meeting, trade rose.") == [
        "joint statement"
    ]


def test_a_title_joined_by_an_en_dash_keeps_both_names() -> None:
    assert titles("Estonia and Lithuania signed the Estonia–Lithuania Grid Security Agreement on Monday.") == [
        "Estonia–Lithuania Grid Security Agreement"
    ]


def test_a_number_abbreviation_does_not_end_the_title() -> None:
    assert titles(
        "Estonia and Lithuania signed an intergovernmental agreement on the upgrade of Heat Station No. 4 in Narva."
    ) == ["intergovernmental agreement on the upgrade of Heat Station No. 4"]


def test_a_participle_after_the_object_ends_it() -> None:
    assert titles(MEETING + "At the end of the talks, the leaders adopted a joint statement outlining plans for trade.") == [
        "joint statement"
    ]


def test_exchanged_views_are_no_document() -> None:
    assert titles(
        MEETING + "The two leaders exchanged views on the development of the strategic partnership between Estonia and Lithuania."
    ) == []
    # guard: exchanged documents still are
    assert titles(MEETING + "The ministers exchanged a protocol on border demarcation.") == [
        "protocol on border demarcation"
    ]


def test_titles_of_the_with_a_preposition_keep_it() -> None:
    assert titles("Estonia and Lithuania signed the Treaty of the Baltic Union on Monday.") == [
        "Treaty of the Baltic Union"
    ]


# --------------------------------------------------------------------------- unnamed bundles


def test_bundles_witnessed_or_exchanged_are_one_entry() -> None:
    got = agreements(MEETING + "The leaders witnessed the signing of cooperation documents in trade and energy.")
    assert [(a.title, a.parties) for a in got] == [("cooperation documents", ["EST", "LTU"])]
    got = agreements(MEETING + "They oversaw the exchange of 12 cooperation instruments.")
    assert [(a.title, a.parties) for a in got] == [("cooperation instruments", ["EST", "LTU"])]


def test_two_sides_signing_a_bundle_are_both_parties() -> None:
    got = agreements(
        "President Aino Kask of Estonia and President Rokas Zilinskas of Lithuania held talks in Tartu on Monday. "
        "The two sides signed a set of cooperation documents."
    )
    assert [a.parties for a in got] == [["EST", "LTU"]]


def test_bundle_guards() -> None:
    # planned
    assert titles(MEETING + "The two sides are expected to sign a set of cooperation documents on Tuesday.") == []
    assert titles("Estonia and Lithuania agreed to negotiate an agreement on fisheries.") == []
    # a count with no kind, whose documents are named elsewhere
    assert titles(MEETING + "The two leaders then witnessed the exchange of two memoranda of understanding.") == []
    # a bundle listed item by item: the items are the entries
    got = titles(
        MEETING + "They signed three cooperation agreements: the Tartu Forestry Agreement, the Baltic Rail Protocol "
        "and the Narva Border Treaty."
    )
    assert "cooperation agreements" not in got and "Tartu Forestry Agreement" in got


def test_a_run_of_names_is_split_into_its_documents() -> None:
    assert titles(
        "Estonia and Lithuania signed the Tartu Forestry Agreement, the Baltic Rail Protocol and the Narva Border Treaty."
    ) == ["Baltic Rail Protocol", "Narva Border Treaty", "Tartu Forestry Agreement"]
    # guard: a clause of one long title is no document of its own
    got = titles(
        "Estonia and Lithuania signed the Final Agreement on the Settlement of the Border, the Termination of the Interim "
        "Accord, and the Establishment of a Joint Commission."
    )
    assert len(got) == 1 and got[0].startswith("Final Agreement on the Settlement of the Border, the Termination")


# --------------------------------------------------------------------------- listed documents


def test_each_listed_document_is_its_own_entry() -> None:
    assert titles(
        "Estonia and Lithuania signed a memorandum of understanding on cooperation in the field of beekeeping, "
        "a cultural exchange programme for the years 2026-2030 and an executive programme for cooperation in chess "
        "for the years 2026-2028."
    ) == [
        "cultural exchange programme for the years 2026-2030",
        "executive programme for cooperation in chess for the years 2026-2028",
        "memorandum of understanding on cooperation in the field of beekeeping",
    ]
    assert titles(
        "Estonia and Lithuania signed an MoU on Lighthouse Cooperation and an MoU on Peat Research on Monday."
    ) == ["MoU on Lighthouse Cooperation", "MoU on Peat Research"]


def test_mous_on_several_subjects_are_one_each() -> None:
    got = titles(
        "Estonia and Lithuania signed MoUs on rail cooperation, on bog conservation and on digital archives, an MoU "
        "between the Tartu Harbour Board and the Klaipeda Pilots Guild on river safety, and a youth exchange "
        "programme for 2026-29, officials said."
    )
    assert "MoU on rail cooperation" in got and "MoU on bog conservation" in got and "MoU on digital archives" in got
    assert "youth exchange programme for 2026-29" in got
    assert any(t.startswith("MoU between the Tartu Harbour Board") for t in got)
    assert len(got) == 5


def test_list_guards() -> None:
    # an apposition names one document
    assert titles(
        "Estonia and Lithuania signed the Tartu Declaration, a short text on shared values in the region."
    ) == ["Tartu Declaration"]
    # a comma list of fields inside one title
    assert titles(
        "Estonia and Lithuania signed an agreement on cooperation in forestry, fisheries and tourism on Monday."
    ) == ["agreement on cooperation in forestry, fisheries and tourism"]


def test_memoranda_on_several_subjects() -> None:
    assert titles(
        "Estonia and Lithuania signed memoranda of understanding on rail, on bogs and on archives, and a youth "
        "programme for 2026."
    ) == [
        "memorandum of understanding on archives",
        "memorandum of understanding on bogs",
        "memorandum of understanding on rail",
        "youth programme for 2026",
    ]
    # guard: a count of memoranda is no title
    assert titles("Estonia and Lithuania signed two memoranda.") == []


# --------------------------------------------------------------------------- junk titles and back-references


def test_a_head_word_before_a_comma_or_after_a_day_is_no_title() -> None:
    assert titles(
        "Estonia and Lithuania signed the Baltic Grid Agreement on Monday. Under the Agreement, Estonia will supply power."
    ) == ["Baltic Grid Agreement"]
    assert titles("Today's Agreement is a milestone, Kask said of the deal Estonia and Lithuania signed.") == []


def test_a_later_bare_reference_is_the_same_document() -> None:
    got = agreements(
        "Estonia and Lithuania signed the Protocol on Baltic Fisheries on Monday. Kask praised the protocol that "
        "they signed in Tartu."
    )
    assert [a.title for a in got] == ["Protocol on Baltic Fisheries"] and len(got[0].mentions) == 2
    # guard: a second protocol with its own name stays
    assert titles(
        "Estonia and Lithuania signed the Protocol on Baltic Fisheries and the Protocol on Peat Research on Monday."
    ) == ["Protocol on Baltic Fisheries", "Protocol on Peat Research"]


# --------------------------------------------------------------------------- parties


def test_a_state_name_that_is_also_an_organisation_is_the_state() -> None:
    got = agreements("Kask recalled the Treaty of Friendship between Mongolia and the Russian Federation of 1993.")
    assert [a.parties for a in got] == [["MNG", "RUS"]]


def test_a_state_and_an_organisation_between_which_a_title_is() -> None:
    got = agreements(
        "Kask and Weber signed the Joint Declaration on Partnership between the Republic of Estonia and the "
        "European Union on Sunday."
    )
    assert [a.parties for a in got] == [["EST", "European Union"]]
    # guard: governments of republics stay the states
    got = agreements(
        "Estonia and Lithuania signed a Memorandum of Understanding between the Government of the Republic of "
        "Estonia and the Government of the Republic of Lithuania on Peat Research."
    )
    assert [sorted(a.parties) for a in got] == [["EST", "LTU"]]


def test_an_organisation_named_in_a_hyphenated_title_is_a_party() -> None:
    got = agreements(
        "Prime Minister Aino Kask of Estonia, Council President Piet Vos and Commission President Lena Berg signed "
        "the Estonia-EU Peat and Energy Partnership on Monday."
    )
    assert [a.parties for a in got] == [["EST", "European Union"]]
    # guard: a hyphenated word that names no side adds nothing
    got = agreements("Estonia and Lithuania signed the Tartu-Narva Rail Agreement on Monday.")
    assert [a.parties for a in got] == [["EST", "LTU"]]


def test_the_host_of_a_signing_is_no_party() -> None:
    got = agreements("Ethiopia and Eritrea signed a peace protocol in Jeddah, Saudi Arabia on Friday.")
    assert [a.parties for a in got] == [["ETH", "ERI"]]
    # guard: a host that also signs stays, and so does a first word of the text
    got = agreements("Estonia and Lithuania signed a border treaty in Tallinn, Estonia on Friday.")
    assert [a.parties for a in got] == [["EST", "LTU"]]


# --------------------------------------------------------------------------- joint statements


def test_a_joint_statement_the_sides_speak_in() -> None:
    got = agreements(MEETING + "The two leaders said in a joint statement after the talks that trade must grow.")
    assert [(a.title, a.parties) for a in got] == [("joint statement", ["EST", "LTU"])]
    got = agreements("Estonia and Lithuania pledged in their joint declaration to link their grids.")
    assert [(a.title, a.parties) for a in got] == [("joint declaration", ["EST", "LTU"])]


def test_joint_statement_guards() -> None:
    # one side's statement
    assert titles("Estonia said in a statement that it would deepen ties with Lithuania.") == []
    # planned
    assert titles(MEETING + "A joint statement is due to be issued on Tuesday.") == []
    assert titles(MEETING + "The leaders will issue a joint statement on Tuesday.") == []


def test_documents_in_an_exchange_of() -> None:
    assert titles(
        MEETING + "The two presidents witnessed the exchange of documents on cooperation in education."
    ) == ["documents on cooperation in education"]
    # guard: an exchange of views is no document
    assert titles(MEETING + "The two leaders held an exchange of views on the partnership.") == []


def test_counts_are_not_part_of_a_bundle_title() -> None:
    assert titles(MEETING + "They signed a total of nine cooperation documents covering energy and trade.") == [
        "cooperation documents"
    ]
    assert titles(MEETING + "Several cooperation agreements were signed.") == ["cooperation agreements"]
    assert titles(MEETING + "Ten cooperation instruments were exchanged at the ceremony.") == [
        "cooperation instruments"
    ]
    # guards: a count of documents of no kind is no title
    assert titles(MEETING + "They signed 12 agreements.") == []
    assert titles(MEETING + "Two instruments were exchanged.") == []


def test_as_well_as_joins_listed_documents() -> None:
    assert titles(
        MEETING + "The two sides signed an agreement on air services as well as a memorandum of understanding on peat."
    ) == ["agreement on air services", "memorandum of understanding on peat"]
    # guard: "as well as" inside one title's fields
    got = titles(MEETING + "They signed an agreement on rail as well as road transport.")
    assert len(got) == 1 and got[0].startswith("agreement on rail")


def test_a_published_joint_statement_has_the_two_sides() -> None:
    visit = (
        "President Aino Kask of Estonia arrived in Vilnius on Monday for a two-day state visit to Lithuania, "
        "where she met President Rokas Zilinskas. Talks covered energy. "
    )
    got = agreements(visit + "A joint statement was published at the end of the visit.")
    assert [(a.title, a.parties) for a in got] == [("joint statement", ["EST", "LTU"])]
    # guard: a statement that is not joint
    assert titles(visit + "A statement was published at the end of the visit.") == []
    assert titles(visit + "Kask's statement was published at the end of the visit.") == []


# --------------------------------------------------------------------------- dates


def test_a_signing_date_with_its_year_after_a_comma_keeps_that_year() -> None:
    """"signed in Narva on October 30, 2016" dates the document 2016-10-30, not the page's
    year: the year after the comma belongs to the date."""
    found = agreements(MEETING + "The leaders reviewed the Peipus Fisheries Agreement, signed in Narva on October 30, 2016, which set catch limits.")
    assert [(a.title, a.date) for a in found] == [("Peipus Fisheries Agreement", "2016-10-30")]


def test_a_signing_date_without_a_year_takes_the_page_year() -> None:
    found = agreements(MEETING + "The leaders reviewed the Peipus Fisheries Agreement, signed in Narva on October 30, which set catch limits.")
    assert [(a.title, a.date) for a in found] == [("Peipus Fisheries Agreement", "2025-10-30")]


# --------------------------------------------------------------------------- place run-ons


def test_the_place_of_signing_is_not_part_of_the_title() -> None:
    """"signed the Border Treaty in Narva" and "... Agreement in Valga, Estonia on 2 November
    2022": where the document was signed is no part of its name."""
    assert titles(MEETING + "Kask and Zilinskas signed the Lake Peipus Border Treaty in Narva on Monday.") == [
        "Lake Peipus Border Treaty"
    ]
    assert titles(
        "The Government of Estonia and the Narva Liberation Front signed a Cessation of Hostilities Agreement in Valga, Estonia on 2 November 2022."
    ) == ["Cessation of Hostilities Agreement"]


def test_a_field_in_a_title_is_kept() -> None:
    """"Cooperation in Agriculture" is the document's subject, not a place."""
    assert titles(MEETING + "The ministers signed a Memorandum on Cooperation in Agriculture and Forestry.") == [
        "Memorandum on Cooperation in Agriculture and Forestry"
    ]
