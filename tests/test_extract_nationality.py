"""Nationality (ng:nationality, the state a person represents) from what the text says.

Every sentence here was written for these tests; the people are invented.  Each rule has
sentences it must read and guards where it must give nothing: a wrong country in a
published graph is worse than none.
"""

from __future__ import annotations

from newsgraph.converters import extract
from newsgraph.converters.model import Document, PersonX


def _persons(text: str) -> dict[str, PersonX]:
    return {p.name: p for p in extract.extract(Document(text=text)).persons}


def _nat(text: str, name: str) -> str | None:
    return _persons(text)[name].nationality


# --------------------------------------------------------------- demonyms across a clause break


def test_demonym_in_the_previous_sentence_does_not_qualify_the_title() -> None:
    """ "... his first trip to Peru in ten years. Palace spokesman X said": Peru ends a
    sentence, it does not qualify "spokesman"."""
    text = (
        "The visit is his first trip to Peru in ten years. Palace spokesman Tomas Brandt said the "
        "programme was not yet final."
    )
    assert _nat(text, "Tomas Brandt") is None


def test_demonym_before_a_lower_case_title_in_the_same_clause_still_counts() -> None:
    text = "The talks were opened by the U.S. special envoy Marta Kessel in Geneva on Monday."
    assert _nat(text, "Marta Kessel") == "USA"


# --------------------------------------------------------------- appositions that go on with someone else


def test_apposition_goes_on_with_another_delegation() -> None:
    """ "X, Secretary of the Council, and a Chilean delegation led by Y": Chilean is Y's side."""
    text = (
        "Talks were held between a delegation headed by Ivo Marek, Secretary of the Defence Council, "
        "and a Chilean delegation led by Rosa Quispe, Minister of State."
    )
    people = _persons(text)
    assert people["Ivo Marek"].nationality is None
    assert "Minister of State" not in people["Ivo Marek"].roles


def test_apposition_goes_on_with_and_by() -> None:
    """ "signed by X, Minister of Energy, and by Peru's Minister of Trade, Y": Peru is Y's."""
    text = (
        "The memorandum was signed by His Excellency Ivo Marek, Minister of Energy, and by Peru's "
        "Minister of Trade, Dato Rosa Quispe."
    )
    assert _nat(text, "Ivo Marek") is None


def test_apposition_with_a_second_title_keeps_its_country() -> None:
    """A part after the first that is itself a title still gives the country."""
    text = "Ivo Marek, a senior diplomat, and Minister of Trade of Peru, spoke first."
    # (the guard above must not stop a titled part)
    assert _nat(text, "Ivo Marek") == "PER"


def test_title_at_the_end_of_a_headline_does_not_title_the_next_line() -> None:
    """ "..., says Chilean president" ends a headline; the dateline under it is no person."""
    text = (
        "Port deal opens the way for grain, says Chilean president\n\nVALPARAISO\n\n"
        "The port reopened on Friday."
    )
    assert "VALPARAISO" not in _persons(text)


# --------------------------------------------------------------- delegations


def test_country_delegation_led_by_a_person() -> None:
    text = (
        "The talks in Oslo were held between a Chilean delegation led by Foreign Minister Ana Ruiz "
        "and a Peruvian delegation headed by Tomas Brandt, Secretary of the Defence Council."
    )
    assert _nat(text, "Ana Ruiz") == "CHL"
    assert _nat(text, "Tomas Brandt") == "PER"


def test_person_led_a_country_delegation() -> None:
    text = "Later that month Foreign Minister Ana Ruiz led a Chilean delegation to Lima for the talks."
    assert _nat(text, "Ana Ruiz") == "CHL"


def test_delegation_guards() -> None:
    """A delegation received by someone, a delegation led by an unnamed official, a person
    who met the delegation: none of these ties the named person to the delegation's state."""
    received = "President Ana Ruiz received a Chilean delegation led by the foreign minister on Monday."
    assert _nat(received, "Ana Ruiz") is None
    met = "Tomas Brandt met the Chilean delegation in Oslo, officials said."
    assert _nat(met, "Tomas Brandt") is None
    after_and = "The delegation included Chile and a trade delegation led by Minister Tomas Brandt."
    assert _nat(after_and, "Tomas Brandt") is None


# --------------------------------------------------------------- signatures on behalf of a state


def test_signed_on_behalf_of_a_state() -> None:
    text = (
        "Minister of Industry and Trade Ana Ruiz signed the accord on behalf of Chile in Santiago, "
        "while H.H. Sheikh Omar bin Khalid, Minister of Energy, today signed on behalf of the "
        "Kingdom of Bahrain."
    )
    assert _nat(text, "Ana Ruiz") == "CHL"
    assert _nat(text, "Omar bin Khalid") == "BHR"


def test_signed_on_behalf_guards() -> None:
    """Two states after "on behalf of" (respectively), a witness beside the signatory, and a
    signature on behalf of something that is no state give nothing."""
    two = "President Ana Ruiz and President Tomas Brandt signed on behalf of Chile and Peru, respectively."
    people = _persons(two)
    assert people["Tomas Brandt"].nationality is None
    witness = (
        "President Ana Ruiz, who signed as a witness, watched as the accord was signed on behalf of Chile."
    )
    assert _nat(witness, "Ana Ruiz") is None
    org = "Minister Tomas Brandt signed on behalf of the Andean Development Bank."
    assert _nat(org, "Tomas Brandt") is None


# --------------------------------------------------------------- copulas


def test_the_last_country_title_to_visit_was_a_person() -> None:
    text = (
        "The visit is the first in decades. The last Peruvian president to make the journey was "
        "Ana Ruiz, who came to Quito in 1961."
    )
    assert _nat(text, "Ana Ruiz") == "PER"


def test_person_is_the_first_country_title() -> None:
    text = (
        "Mr. Tomas Brandt, who arrived in Lima on Tuesday, is the first Chilean Prime Minister to "
        "visit Peru in 30 years. President-elect Ana Ruiz is to be sworn in as Peru's president on Sunday."
    )
    people = _persons(text)
    assert people["Tomas Brandt"].nationality == "CHL"
    assert people["Ana Ruiz"].nationality == "PER"


def test_copula_guards() -> None:
    """A possessive title ("the Chilean president's guest"), a copula with no title after the
    country ("was a Chilean success"), a last visitor with no name, and a head of an
    international organisation all stay without a state."""
    guest = "President Ana Ruiz was the Chilean president's guest at the dinner."
    assert _nat(guest, "Ana Ruiz") is None
    success = "President Ana Ruiz said the deal was a Chilean success."
    assert _nat(success, "Ana Ruiz") is None
    no_name = "The last Chilean president to visit was in 1990, said President Ana Ruiz."
    assert _nat(no_name, "Ana Ruiz") is None
    intl = "UN Secretary-General Tomas Brandt is the first Chilean diplomat to hold the post."
    assert _nat(intl, "Tomas Brandt") is None


# --------------------------------------------------------------- descriptions of the one title holder


def test_description_of_the_only_holder_of_a_title() -> None:
    text = (
        "Grain deal reopens ports, says Chilean president\n\n"
        "The ceremony was attended by President Ana Ruiz and UN Secretary-General Tomas Brandt.\n\n"
        "Peruvian President Luis Vera joined by video link."
    )
    people = _persons(text)
    assert people["Ana Ruiz"].nationality == "CHL"
    assert people["Tomas Brandt"].nationality is None


def test_description_guards() -> None:
    """In the sentence that names the person the description is someone else; two holders of
    the title leave it open; a description of a holder the text already ties to that state
    is about that holder; an indefinite or former one is nobody in particular."""
    same_sentence = "President Ana Ruiz met the Chilean president in Lima on Monday."
    assert _nat(same_sentence, "Ana Ruiz") is None
    two = "President Ana Ruiz met President Tomas Brandt in Lima. The Chilean president said little."
    people = _persons(two)
    assert people["Ana Ruiz"].nationality is None and people["Tomas Brandt"].nationality is None
    tied = (
        "Chilean President Tomas Brandt met President Ana Ruiz in Lima. The Chilean president said little."
    )
    assert _nat(tied, "Ana Ruiz") is None
    indefinite = "President Ana Ruiz spoke in Lima. A Chilean president has not visited since 1990."
    assert _nat(indefinite, "Ana Ruiz") is None
    former = "President Ana Ruiz spoke in Lima. The former Chilean president sent a letter."
    assert _nat(former, "Ana Ruiz") is None
    deputy = "Deputy Prime Minister Ana Ruiz spoke in Lima. The Chilean prime minister sent a letter."
    assert _nat(deputy, "Ana Ruiz") is None


# --------------------------------------------------------------- the other side of a two-state meeting


def test_the_other_side_of_a_meeting_between_two_states() -> None:
    """A bare title facing someone the text ties to one state is of the other state the story
    is about: "A met Chilean President B", "A and his Chilean counterpart B", "A and
    Chilean President B held talks"."""
    met = (
        "Peru and Chile agree on border trade\n\n"
        "President Ana Ruiz met Chilean President Tomas Brandt in Lima on Monday. Peru will open two "
        "crossings and Chile one. Peru's exports to Chile rose last year."
    )
    assert _nat(met, "Ana Ruiz") == "PER"
    counterpart = (
        "Peru and Chile sign a defence pact\n\n"
        "Defence Minister Ana Ruiz and his Chilean counterpart Tomas Brandt signed the pact in Lima. "
        "Peru and Chile have talked about it for years; Peru pays half."
    )
    assert _nat(counterpart, "Ana Ruiz") == "PER"
    together = (
        "Peru, Chile hold talks\n\n"
        "President Ana Ruiz and Chilean President Tomas Brandt held talks in Lima on Monday. Peru "
        "and Chile trade more than ever; Peru buys copper."
    )
    assert _nat(together, "Ana Ruiz") == "PER"


def test_the_other_side_guards() -> None:
    """No other side when: the story names a third state as often as the second; the other
    state already has someone the text ties to it (A is then a host or mediator from a third
    state); A is joined to B by a plain "and" (the same delegation); A faces people of two
    states."""
    tie = (
        "President Ana Ruiz met Chilean President Tomas Brandt in Lima. Peru and Bolivia were "
        "mentioned, and so were Peru and Bolivia again, and Chile."
    )
    assert _nat(tie, "Ana Ruiz") is None
    mediator = (
        "Peru and Chile reach a deal in talks hosted in Quito\n\n"
        "President Ana Ruiz met Chilean President Tomas Brandt and Peruvian President Luis Vera. "
        "Peru and Chile have argued for a year; Peru wants a port."
    )
    assert _nat(mediator, "Ana Ruiz") is None
    same_side = (
        "Chilean President Tomas Brandt and Foreign Minister Ana Ruiz flew to Lima. Peru and Chile "
        "talk often; Peru hosts."
    )
    assert _nat(same_side, "Ana Ruiz") != "PER"  # (the title rules read the shared demonym: CHL)
    two_states = (
        "President Ana Ruiz met Chilean President Tomas Brandt on Monday. President Ana Ruiz met "
        "Bolivian President Luis Vera on Tuesday. Peru, Peru, Peru and Chile and Bolivia."
    )
    assert _nat(two_states, "Ana Ruiz") is None
