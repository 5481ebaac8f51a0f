# ruff: noqa: E501 -- test sentences read better unbroken
"""Extractor rules on sentences written for these tests in the styles of wire copy and readouts."""

from __future__ import annotations

from newsgraph.converters.dates import find_dateline, find_dates, resolve
from newsgraph.converters.extract import extract
from newsgraph.converters.model import Document, Extraction


def run(text: str, published: str | None = None, **kw: object) -> Extraction:
    return extract(Document(text=text, published=published, **kw))  # type: ignore[arg-type]


def person(ex: Extraction, name: str):  # type: ignore[no-untyped-def]
    found = [p for p in ex.persons if p.name == name]
    assert found, f"{name} not in {[p.name for p in ex.persons]}"
    return found[0]


def events(ex: Extraction, kind: str) -> list:  # type: ignore[type-arg]
    return [e for e in ex.events if e.type == kind]


# --------------------------------------------------------------------------- persons


def test_titles_demonyms_and_aliases() -> None:
    ex = run(
        "OSLO, June 3, 2021 (Nordic Wire) -- Norwegian Foreign Minister Ine Eriksen Soreide held talks on Thursday "
        "with her Finnish counterpart Pekka Haavisto. Soreide said the two countries would deepen Arctic cooperation.",
        "2021-06-03",
    )
    p = person(ex, "Ine Eriksen Soreide")
    assert p.nationality == "NOR" and "Foreign Minister" in p.roles and "Soreide" in p.aliases
    assert person(ex, "Pekka Haavisto").nationality == "FIN"


def test_apposition_roles_and_international_officials() -> None:
    ex = run(
        "The talks were attended by Josep Borrell, High Representative of the European Union, and by "
        "Amina Mohammed, Deputy Secretary-General of the United Nations. Kenya's President William Ruto also spoke.",
        "2023-04-02",
    )
    assert person(ex, "Josep Borrell").nationality is None
    assert person(ex, "Amina Mohammed").nationality is None
    ruto = person(ex, "William Ruto")
    assert ruto.nationality == "KEN" and "President" in ruto.roles


def test_role_before_comma_and_of_country() -> None:
    ex = run(
        "Talks were led by the Prime Minister of Malaysia, Anwar Ibrahim, and the President of Chile, "
        "Gabriel Boric, who arrived on Monday.",
        "2023-05-10",
    )
    assert person(ex, "Anwar Ibrahim").nationality == "MYS"
    assert person(ex, "Gabriel Boric").nationality == "CHL"


def test_unnamed_officials_credits_and_bylines_are_not_persons() -> None:
    ex = run(
        "By Maria Lindqvist\n\nThe Prime Minister met the visiting delegation, a government spokesperson said. "
        "Officials from both sides attended.\n\nA delegation arrives at the ministry. (Baltic News/Jonas Petras)",
        "2022-03-01",
        bylines=["Maria Lindqvist"],
    )
    assert [p.name for p in ex.persons] == []


def test_nickname_in_parentheses_and_surname_only() -> None:
    ex = run(
        "President Luiz Inácio Lula da Silva met President Macron in Brasilia. Lula said the talks were "
        "frank.",
        "2024-03-28",
    )
    lula = person(ex, "Luiz Inácio Lula da Silva")
    assert "Lula" in lula.aliases
    assert person(ex, "Macron").roles == ["President"]


# --------------------------------------------------------------------------- countries


def test_capital_cities_are_not_countries() -> None:
    ex = run(
        "Diplomats in Paris, Ankara and Canberra welcomed the statement issued in Brussels.", "2022-01-01"
    )
    assert ex.countries == []


# --------------------------------------------------------------------------- events and dates


def test_meeting_dated_from_dateline_weekday() -> None:
    ex = run(
        "NAIROBI, March 8, 2023 (East Wire) -- Kenyan President William Ruto on Tuesday met with German "
        "Chancellor Olaf Scholz at State House, where the two leaders discussed energy and migration.",
        "2023-03-09",
    )
    (meeting,) = events(ex, "Meeting")
    assert meeting.date == "2023-03-07"
    assert set(meeting.participants) == {"William Ruto", "Olaf Scholz"}
    assert set(meeting.countries) >= {"KEN", "DEU"}
    assert meeting.cameo == "040"


def test_phone_call_today_and_yesterday() -> None:
    ex = run(
        "Prime Minister Mark Rutte spoke by telephone today with Polish President Andrzej Duda. "
        "Yesterday, Rutte had met Belgian Prime Minister Alexander De Croo in The Hague.",
        "2022-10-12",
    )
    (call,) = events(ex, "PhoneCall")
    assert call.date == "2022-10-12" and call.location is None and call.cameo == "041"
    (meeting,) = events(ex, "Meeting")
    assert meeting.date == "2022-10-11"


def test_future_and_negated_events_are_not_reported() -> None:
    ex = run(
        "Foreign Minister Penny Wong is scheduled to visit Fiji next week and will meet Prime Minister Sitiveni "
        "Rabuka. Rabuka accepted an invitation to visit Canberra. Indonesian President Joko Widodo did not travel "
        "to the summit. The two sides are expected to sign a maritime agreement in May.",
        "2023-02-01",
    )
    assert ex.events == []
    assert ex.agreements == []


def test_explicit_caption_date_beats_relative_date_and_mentions_merge() -> None:
    text = (
        "Lula meets Xi in Beijing\n\n"
        "Chinese President Xi Jinping meets with Brazilian President Luiz Inacio Lula da Silva at the Great Hall "
        "of the People in Beijing, April 14, 2023.\n\n"
        "Chinese President Xi Jinping on Friday met with Brazilian President Luiz Inacio Lula da Silva, who is on "
        "a state visit to China."
    )
    ex = run(text, "2023-04-17")
    (meeting,) = events(ex, "Meeting")
    assert meeting.date == "2023-04-14"
    (visit,) = events(ex, "Visit")
    assert visit.participants == ["Luiz Inacio Lula da Silva"] and visit.cameo == "042"


def test_historic_events_take_no_day_and_do_not_merge() -> None:
    ex = run(
        "WELLINGTON, May 2, 2024 (Pacific Wire) -- New Zealand and Australia signed a defence pact on Thursday. "
        "The two countries signed their first security arrangement in June 1991, when Prime Minister Jim Bolger "
        "visited Canberra.",
        "2024-05-02",
    )
    signings = events(ex, "Signing")
    assert [s.date for s in signings] == ["2024-05-02"]
    visits = events(ex, "Visit")
    assert len(visits) == 1 and visits[0].date is None


def test_no_year_on_the_page_gives_no_dates() -> None:
    ex = run(
        "SEOUL, Oct. 3 (Han Wire) -- South Korean President Yoon Suk Yeol held talks on Tuesday with "
        "Vietnamese President Vo Van Thuong."
    )
    (talks,) = events(ex, "Talks")
    assert talks.date is None


def test_signing_with_agreement_and_statement() -> None:
    ex = run(
        "DOHA, Jan. 16, 2024 (Gulf Wire) -- Qatar and Rwanda on Tuesday signed a memorandum of understanding on "
        "visa exemptions for diplomats in the presence of Emir Sheikh Tamim bin Hamad Al Thani and President "
        "Paul Kagame. The two sides also issued a joint statement on investment cooperation.",
        "2024-01-16",
    )
    (signing,) = events(ex, "Signing")
    assert signing.date == "2024-01-16" and signing.cameo == "057"
    assert {"QAT", "RWA"} <= set(signing.countries)
    titles = [a.title for a in ex.agreements]
    assert "memorandum of understanding on visa exemptions for diplomats" in titles
    assert "joint statement on investment cooperation" in titles
    mou = ex.agreements[titles.index("memorandum of understanding on visa exemptions for diplomats")]
    assert mou.date == "2024-01-16" and set(mou.parties) == {"QAT", "RWA"}
    assert mou.signed_at is not None and ex.events[mou.signed_at].type == "Signing"
    assert events(ex, "Statement")


def test_named_existing_agreements_with_partial_dates() -> None:
    ex = run(
        "The accord builds on the Lusaka Protocol of 1994 and the Nkomati Accord signed in March 1984, "
        "officials said.",
        "2020-01-01",
    )
    got = {a.title: a.date for a in ex.agreements}
    assert got == {"Lusaka Protocol": "1994", "Nkomati Accord": "1984-03"}


def test_planned_agreements_are_not_reported() -> None:
    ex = run(
        "Both sides pledged to work towards a Comprehensive Investment Agreement and said talks on a free "
        "trade agreement would resume.",
        "2021-01-01",
    )
    assert ex.agreements == []


# --------------------------------------------------------------------------- date helpers


def test_date_expressions() -> None:
    import datetime as dt

    kinds = [
        (d.kind, d.text)
        for d in find_dates(
            "on 17 and 18 February 2022, in June, in 2007, on Saturday, yesterday, Jan. 22, 1963, 23.07.2022"
        )
    ]
    assert kinds == [
        ("day", "17 and 18 February 2022"),
        ("month", "June"),
        ("year", "in 2007"),
        ("weekday", "Saturday"),
        ("relative", "yesterday"),
        ("day", "Jan. 22, 1963"),
        ("day", "23.07.2022"),
    ]
    sat = find_dates("Saturday")[0]
    assert resolve(sat, dt.date(2022, 2, 14), 2022) == dt.date(2022, 2, 12)
    assert resolve(find_dates("July 13")[0], None, 2022) == dt.date(2022, 7, 13)
    assert resolve(find_dates("in June")[0], dt.date(2022, 7, 1), 2022) is None


def test_datelines() -> None:
    dl = find_dateline(
        "ASMARA, July 9, 2018 (Horn Wire) -- Ethiopia and Eritrea declared the war over on Monday "
        "after years of hostility between them."
    )
    assert dl is not None and dl.place == "ASMARA" and dl.date is not None and dl.date.year == 2018
    assert find_dateline("Sixth summit – leaders commit to a vision") is None


def test_separate_talks_and_state_visits_give_one_event_per_counterpart() -> None:
    ex = run(
        "ASTANA, Oct. 14, 2022 (Steppe Wire) -- Kazakh President Kassym-Jomart Tokayev hosted a summit on Friday. "
        "Attending the summit were Azerbaijani President Ilham Aliyev, Armenian Prime Minister Nikol Pashinyan and "
        "Uzbek President Shavkat Mirziyoyev. Tokayev also held separate talks with each of the three leaders, who "
        "are in Kazakhstan on official visits.",
        "2022-10-14",
    )
    talks = events(ex, "Talks")
    assert sorted(t.participants[1] for t in talks) == [
        "Ilham Aliyev",
        "Nikol Pashinyan",
        "Shavkat Mirziyoyev",
    ]
    assert all(t.participants[0] == "Kassym-Jomart Tokayev" for t in talks)
    visits = events(ex, "Visit")
    assert sorted(v.participants[0] for v in visits) == [
        "Ilham Aliyev",
        "Nikol Pashinyan",
        "Shavkat Mirziyoyev",
    ]
    (summit,) = events(ex, "Summit")
    assert summit.date == "2022-10-14" and len(summit.participants) == 4


def test_acronym_defined_only_inside_masked_page_furniture_names_no_organisation() -> None:
    """A link list masks its lines; an acronym defined there used to raise KeyError and
    cost the article all of its facts."""
    text = (
        "President Ana Velez of Chile met Prime Minister Tomas Ried of Peru in Nairobi on Monday.\n\n"
        "Related stories\nUnited Nations Environment Programme (UNEP) opens an office in Lima\n\n"
        "The talks covered ocean plastics."
    )
    x = extract(Document(text=text, input_format="text"))
    assert not any(o.name == "United Nations Environment Programme" for o in x.organizations)
    assert {"Ana Velez", "Tomas Ried"} <= {p.name for p in x.persons}
