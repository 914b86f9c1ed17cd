"""Shapes of speech the statement reader knows wherever they stand (issue 20), each written
from a sentence of the corpus: who speaks for a person with an office, coordinated speakers
and the lists a meeting report gives of its floor, the speaker a document's head names, and
the day a dispatch's dateline gives a weekday."""

from __future__ import annotations

from treatywatch.ingest.extract import extract_text


def _said(text: str, date: str | None = None) -> list[tuple[str, str | None]]:
    return sorted((s["speaker"], s["date"]) for s in extract_text(text, date=date)["statements"])


def test_a_minister_named_with_the_state_is_the_state() -> None:
    text = (
        "WELLINGTON, Feb. 22 (Xinhua) -- Eighty-two countries have signed the declaration, "
        "New Zealand Disarmament and Arms Control Minister Phil Goff said on Friday.\n"
        "It has been a pivotal stage in the Oslo Process, Goff said in a press release.\n"
        "Von: http://news.xinhuanet.com, 22.02.2008"
    )
    assert _said(text) == [("NZL", "2008-02-22")]


def test_a_weekday_after_the_verb_is_the_dispatch_day() -> None:
    text = (
        "PHNOM PENH, Nov. 28 (Xinhua) -- Finland will join the Convention soon, Heidi "
        "Hautala, minister of Finland's international development, announced Monday."
    )
    assert _said(text, date="2011-11-28") == [("FIN", "2011-11-28")]


def test_a_minister_in_a_governments_release_speaks_for_its_state() -> None:
    text = (
        "Australia ratifies global treaty to ban cluster munitions\n\nJoint media release:\n\n"
        "  • Senator the Hon Bob Carr, Australian Minister for Foreign Affairs\n\n"
        "17 October 2012\n\n"
        "Foreign Minister Bob Carr and Defence Minister Stephen Smith today announced the "
        "ratification of a treaty banning the use of cluster munitions.\n\n"
        "Senator Carr said the treaty will enter into force for Australia in April 2013.\n"
    )
    assert _said(text, date="2012-10-17") == [("AUS", "2012-10-17")]


def test_a_person_of_an_organisation_is_the_organisation() -> None:
    assert _said(
        '"The countries made it clear," said Steve Goose, director of the Arms Division at '
        "Human Rights Watch."
    ) == [("org:HRW", None)]
    assert _said(
        "United Nations Secretary-General Kofi Annan, in a message read by Jayantha "
        "Dhanapala, told the meeting that there had never been a greater need for unity."
    ) == [("org:UN", None)]


def test_words_inside_a_quotation_are_not_its_speaker() -> None:
    text = (
        "Publisher: Ministry of Foreign Affairs\n\nFour of them, including Norway, have "
        "ratified.\n\n“Civil society actors, the UN and the International Committee of the "
        "Red Cross have established a strong Convention,” said Foreign Minister Jonas Gahr "
        "Støre."
    )
    assert _said(text) == [("NOR", None)]


def test_each_list_of_the_floor_is_its_own_occasion() -> None:
    text = (
        "Niger and Peru’s presentations were followed by comments by the ICBL and Ukraine’s "
        "presentation was followed by comments by the ICBL and the ICRC."
    )
    assert _said(text) == [("org:ICBL", None), ("org:ICBL", None), ("org:ICRC", None)]


def test_a_floor_list_with_an_aside_and_an_unknown_speaker_verb() -> None:
    said = _said(
        "The following delegations made general statements on the requests: Norway, Poland "
        "(in its capacity as Chair of the Committee), the ICRC, Switzerland and France.\n\n"
        "The following State Party provided a written submission on victim assistance: Sudan."
    )
    assert [s for s, _ in said] == ["CHE", "FRA", "NOR", "POL", "SDN", "org:ICRC"]


def test_what_was_proposed_before_is_not_dated_by_the_days_report() -> None:
    text = (
        "Dublin Conference Update - Day 5\n\nOn Friday, 23 May 2008, the final day of week "
        "one, participants regrouped. The President then moved to discuss the transition "
        "periods proposed by Germany, Slovakia and Switzerland."
    )
    assert _said(text, date="2008-05-23") == [("CHE", None), ("DEU", None), ("SVK", None)]


def test_aligning_with_anothers_statement_is_not_that_statement() -> None:
    assert (
        _said(
            "My delegation aligns itself to the statement made by Uruguay on behalf of the "
            "MERCOSUR and Associated States."
        )
        == []
    )


def test_the_head_names_the_documents_speaker() -> None:
    # a byline delivering for an organisation
    assert _said(
        "Statement on the Roadmap to the First Meeting of States Parties\n\nDelivered by "
        "Steve Goose, Human Rights Watch for the Cluster Munition Coalition\n\nThank you "
        "Mr. Chairman."
    ) == [("org:CMC", None)]
    # the minister of the state whose government the statement names, dated by its head
    assert _said(
        "Statement by Mr. Hirofumi Nakasone, Minister for Foreign Affairs, on the Deposit of "
        "the Instrument of Acceptance\n\nJuly 15, 2009\n\n1. On July 14 (Tue), the "
        "Government of Japan submitted a Document of Acceptance."
    ) == [("JPN", "2009-07-15")]
    # the Secretary-General's message
    assert _said(
        "Geneva, Switzerland\n\n2 December 2013\n\nSecretary-General's message to the "
        "Thirteenth Meeting of the States Parties [delivered by Mr. Michael Møller]\n\nIt "
        "gives me great pleasure to greet the Meeting. The United Nations will help."
    ) == [("org:UN", "2013-12-02")]


def test_a_speech_under_a_states_letterhead_is_the_states() -> None:
    assert _said(
        "Australian Commonwealth Coat of Arms\n\nSigning of the Convention on Cluster "
        "Munitions\n\n3 December, Oslo, Norway\n\nExcellencies, ladies and gentlemen,\n\n"
        "I warmly thank the Government of Norway for hosting this ceremony."
    ) == [("AUS", None)]
