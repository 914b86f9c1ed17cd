"""Shapes of language the extractor reads wherever they stand (issue 20), each written from
a document of the corpus: acts enumerated after the verb that reports them, tables of states
with the days of their acts, and the forms typesetting gives names."""

from __future__ import annotations

from treatywatch.ingest.extract import extract_text


def _acts(text: str, date: str | None = None) -> set[tuple[str, str, str | None]]:
    return {(a["state"], a["action"], a["date"]) for a in extract_text(text, date=date)["actions"]}


def test_an_act_then_the_states_that_did_it() -> None:
    acts = _acts(
        "To date the prohibition has been ratified by these countries : Albania, Austria, "
        "Germany, The Holy See, Japan, The Lao People’s Democratic Republic, Lesotho and "
        "Zambia.\nThis November in Vientiane, states parties will assemble."
    )
    assert {s for s, a, _ in acts if a == "ratification"} == {
        "ALB", "AUT", "DEU", "VAT", "JPN", "LAO", "LSO", "ZMB",
    }  # fmt: skip


def test_states_that_signed_including_a_list() -> None:
    acts = _acts(
        "Major past producers and exporters have signed, including Belgium, Bulgaria, "
        "France, Hungary, Italy, and the United Kingdom."
    )
    assert {(s, a) for s, a, _ in acts} == {
        (c, "signature") for c in ("BEL", "BGR", "FRA", "HUN", "ITA", "GBR")
    }


def test_a_list_of_what_is_still_to_come_is_no_act() -> None:
    assert not _acts(
        "Withdrawal of Estonia, Latvia, and Lithuania will take effect on Dec. 27, while "
        "Finland's on Jan. 10."
    )
    assert not _acts("States that have not yet ratified include Angola, Chile and Peru.")


def test_a_table_whose_legend_names_its_columns() -> None:
    text = (
        "On the following list, the first date is signature; the second date is "
        "ratification. Accession is indicated below with (a).\n"
        "States Parties\n"
        "Afghanistan 3 Dec 08; 8 Sep 11\n"
        "Andorra 9 Apr 13 (a)\n"
        "Congo, Rep. 3 Dec 08; 2 Sep 14\n"
        "Côte d’Ivoire 4 Dec 08; 12 Mar 12\n"
    )
    assert _acts(text) == {
        ("AFG", "signature", "2008-12-03"), ("AFG", "ratification", "2011-09-08"),
        ("AND", "accession", "2013-04-09"),
        ("COG", "signature", "2008-12-03"), ("COG", "ratification", "2014-09-02"),
        ("CIV", "signature", "2008-12-04"), ("CIV", "ratification", "2012-03-12"),
    }  # fmt: skip


def test_rows_without_a_legend_are_not_read_as_acts() -> None:
    assert not _acts("Results\nAfghanistan 3 Dec 08; 8 Sep 11\nAndorra 9 Apr 13\n")


def test_the_day_after_the_treaty_acted_on() -> None:
    acts = _acts(
        "The Republic of Finland deposited its instrument of accession to the Mine Ban Treaty "
        "on 9 January 2012, becoming a State Party on 1 July 2012."
    )
    assert ("FIN", "accession", "2012-01-09") in acts
    acts = _acts(
        "The Islamic Republic of Afghanistan signed the Convention on Cluster Munitions on "
        "3 December 2008."
    )
    assert ("AFG", "signature", "2008-12-03") in acts


def test_an_actor_of_one_act_is_not_given_the_next() -> None:
    acts = _acts(
        "In the past year, Belize, Guyana, and Palestine also acceded to the convention, while "
        "five signatories ratified it."
    )
    assert {a for _, a, _ in acts} == {"accession"}


def _events(text: str, date: str | None = None) -> list[tuple[str | None, str | None]]:
    return sorted(
        ((e["start"], e["city"]) for e in extract_text(text, date=date)["events"]),
        key=str,
    )


def test_a_dispatch_places_the_meeting_it_reports_at_its_dateline() -> None:
    text = (
        "Convention on Cluster Munitions Signing Conference - Update 3 December 2008\n"
        "(Oslo, 3 December 2008) - 92 countries signed the new Convention today at the "
        "Signing Conference on 3 December 2008."
    )
    assert ("2008-12-03", "Oslo") in _events(text)


def test_a_city_in_capitals_is_a_city() -> None:
    text = "MANAGUA, 18 September -- The Third Meeting of States Parties opened today in MANAGUA."
    assert _events(text, date="2001-09-18") == [("2001-09-18", "Managua")]


def test_two_undated_meetings_in_one_city_stay_two() -> None:
    text = (
        "Finland attended the intersessional meetings in Geneva in June 2014 and the "
        "Thirteenth Meeting of States Parties in Geneva in December 2013."
    )
    assert _events(text) == [(None, "Geneva"), (None, "Geneva")]


def test_a_person_after_a_comma_is_not_a_city() -> None:
    text = (
        "More than 100 states attended the meeting, chaired by Japan's ambassador to the "
        "Conference on Disarmament, Ichikawa Tomiko."
    )
    assert all(city != "Ichikawa" for _, city in _events(text))


def _lists(text: str) -> list[tuple[int | None, list[str]]]:
    return [(lst["stated_count"], lst["states"]) for lst in extract_text(text)["participant_lists"]]


def test_a_list_counted_by_those_n_are() -> None:
    text = (
        "Fourteen states have joined since the signing conference. Those 13 are: Zambia, "
        "Belize, São Tomé and Principe, Bangladesh, Chad and Jordan."
    )
    ((count, states),) = _lists(text)
    assert count == 13 and "STP" in states and len(states) == 6


def test_a_count_in_an_earlier_clause_is_not_the_lists() -> None:
    text = (
        "Every country in the Western Hemisphere has signed, as have 42 of the 48 countries in "
        "Africa, and key Asian nations such as Japan, Thailand, and Indonesia."
    )
    assert [c for c, _ in _lists(text)] == [None]


def test_a_table_under_a_title_is_counted_by_the_sentence_before_it() -> None:
    text = (
        "As of 1 August 2022 there were 110 States Parties and 13 signatories.\n"
        "States Parties\n"
        "Afghanistan 3 Dec 08; 8 Sep 11\n"
        "Albania 3 Dec 08; 16 Jun 09\n"
        "Andorra 9 Apr 13 (a)\n"
        "Antigua and Barbuda 16 Jul 10; 23 Aug 10\n"
    )
    assert _lists(text) == [(110, ["AFG", "ALB", "AND", "ATG"])]


def test_states_that_acted_together_are_a_list() -> None:
    text = "In the past year, Belize, Guyana, and Palestine also acceded to the convention."
    assert _lists(text) == [(None, ["BLZ", "GUY", "PSE"])]


def test_each_clause_of_a_floor_report_has_its_speaker() -> None:
    text = (
        "The UK stated regional and bilateral efforts include the US and Russia; France "
        "referred to the outreach it has done with 60 countries, while Belgium noted its work "
        "to promote the convention in NATO. Japan gave a summary as Friend of the President."
    )
    speakers = [s["speaker"] for s in extract_text(text)["statements"]]
    assert speakers == ["GBR", "FRA", "BEL", "JPN"]


def test_an_act_named_as_a_noun() -> None:
    assert _acts("The ratification by Norway on 3 December 2008 was welcomed.") == {
        ("NOR", "ratification", "2008-12-03")
    }
    assert _acts("We welcome the accession of Tuvalu on 13 September 2011.") == {
        ("TUV", "accession", "2011-09-13")
    }
    assert ("PSE", "accession", "2015-01-02") in _acts(
        "Palestine's accession on 2 January 2015 made it the 123rd State Party."
    )
    assert not _acts("Australia is considering the ratification of the Convention by Japan.")
    assert not _acts("The Convention is pending ratification by Chile.")


def test_numeric_dates_follow_the_publishers_convention() -> None:
    # Day first where nothing says otherwise, month first where a date can only be so.
    assert _acts("Norway ratified the convention on 10/09/2012.") == {
        ("NOR", "ratification", "2012-09-10")
    }
    month_first = "Norway ratified the convention on 10/09/2012, announced on 09/25/2012."
    assert ("NOR", "ratification", "2012-10-09") in _acts(month_first)


def test_a_row_of_one_day_fills_the_first_column_and_a_letter_anchors_the_consent() -> None:
    # A signatory's row has its signature only; an acceding state's day carries its letter.
    text = (
        "On the following list, the first date is signature; the second date is "
        "ratification.\nChile 3 Dec 08\nPeru 3 Dec 08; 26 Sep 12\nCuba 6 Apr 16 (a)\n"
    )
    assert _acts(text) == {
        ("CHL", "signature", "2008-12-03"),
        ("PER", "signature", "2008-12-03"),
        ("PER", "ratification", "2012-09-26"),
        ("CUB", "accession", "2016-04-06"),
    }


def test_a_depositary_table_run_together_on_one_line() -> None:
    # The UN Treaty Collection's page copied as text: header and rows glued, consent letters
    # glued to the next state's name, a provisional application marked "n".
    text = (
        "ParticipantSignatureProvisional application(n)Approval(AA), Acceptance(A), "
        "Accession(a), RatificationAfghanistan 3 Dec 2008 8 Sep 2011 Andorra 9 Apr 2013 "
        "aAngola 3 Dec 2008 Belize<superscript>1</superscript> 2 Sep 2014 n 2 Sep 2014 "
        "aCyprus23 Sep 2009 Denmark 3 Dec 2008 12 Feb 2010"
    )
    assert _acts(text) == {
        ("AFG", "signature", "2008-12-03"),
        ("AFG", "ratification", "2011-09-08"),
        ("AND", "accession", "2013-04-09"),
        ("AGO", "signature", "2008-12-03"),
        ("BLZ", "accession", "2014-09-02"),
        ("CYP", "signature", "2009-09-23"),
        ("DNK", "signature", "2008-12-03"),
        ("DNK", "ratification", "2010-02-12"),
    }


def test_a_treaty_series_table_with_a_cell_a_line_and_a_type_column() -> None:
    # The Dutch Tractatenblad: Partij / Ondertekening / Ratificatie / Type / In werking,
    # days as dd-mm-yy; the entry into force is no act, "R" says the consent is ratification.
    text = (
        "Partij\n\nOnder tekening\n\nRatificatie\n\nType*\n\nIn werking\n\n"
        "Afghanistan\n\n03-12-08\n\n\nAlbanië\n\n03-12-08\n\n16-06-09\n\nR\n\n01-08-10\n\n"
        "de Comoren\n\n03-12-08\n\n28-07-10\n\nR\n\n01-01-11\n"
    )
    assert _acts(text) == {
        ("AFG", "signature", "2008-12-03"),
        ("ALB", "signature", "2008-12-03"),
        ("ALB", "ratification", "2009-06-16"),
        ("COM", "signature", "2008-12-03"),
        ("COM", "ratification", "2010-07-28"),
    }


def test_rows_introduced_by_a_sentence_in_another_language_take_its_act() -> None:
    text = (
        "Het Verdrag is voorts nog ondertekend voor:\n\nAlbanië 8 september 1998\n"
        "Litouwen126 februari 1999\nde Malediven 1 oktober 1998\n\n"
        "Les États suivants ont déjà ratifié le traité : Allemagne, Autriche et Belgique."
    )
    assert _acts(text) == {
        ("ALB", "signature", "1998-09-08"),
        ("LTU", "signature", "1999-02-26"),
        ("MDV", "signature", "1998-10-01"),
        ("DEU", "ratification", None),
        ("AUT", "ratification", None),
        ("BEL", "ratification", None),
    }


def test_states_named_in_french_spanish_dutch_or_german() -> None:
    text = (
        "Les 40 États suivants ont ratifié : Allemagne, Autriche, Belgique, Irlande. "
        "Ratificaties: Duitsland 23 juli 1998, Verenigd Koninkrijk 31 juli 1998."
    )
    found = {s["iso3"] for s in extract_text(text)["states"]}
    assert {"DEU", "AUT", "BEL", "IRL", "GBR"} <= found


def test_what_did_not_happen_or_was_not_the_treaty_is_no_act() -> None:
    assert not _acts(
        "The continued failure by Greece and Ukraine to complete stockpile destruction."
    )
    assert not _acts("President of Ukraine Volodymyr Zelensky signed a decree on the withdrawal.")
    assert not _acts("I thank the Government of Norway for hosting this historic signing ceremony.")
    text = (
        "Twenty states (Angola, Benin and Uganda) have signed the Convention, while another 10 "
        "(Algeria, Egypt, Gabon, Libya and Sudan) have yet to accede to it."
    )
    assert {s for s, _, _ in _acts(text)} <= {"AGO", "BEN", "UGA"}


def _speakers(text: str, date: str | None = None) -> set[tuple[str, str | None]]:
    return {(s["speaker"], s["date"]) for s in extract_text(text, date=date)["statements"]}


def test_one_verb_of_speech_with_coordinated_speakers_is_a_statement_by_each() -> None:
    # The campaign's daily report of a negotiation (Dublin, 23 May 2008).
    said = _speakers(
        "On 23 May 2008 Mexico, Honduras, Senegal, Peru, and Ghana raised concerns about "
        "the retention provision."
    )
    assert {s for s, _ in said} == {"MEX", "HND", "SEN", "PER", "GHA"}
    # A relative clause between the subject and its verb names no second speaker.
    assert {s for s, _ in _speakers("Japan, which hosted the talks in Tokyo, said it agreed.")} == {
        "JPN"
    }


def test_speakers_listed_after_the_floor_they_took() -> None:
    said = _speakers(
        "The following States Parties provided updates on their efforts: Croatia, "
        "Tajikistan and the Democratic Republic of the Congo. Niger's presentation was "
        "followed by comments by the ICBL and the ICRC."
    )
    assert {s for s, _ in said} == {"HRV", "TJK", "COD", "org:ICBL", "org:ICRC"}


def test_a_person_holding_a_state_office_speaks_for_the_state() -> None:
    cases = {
        "On 2 March, during a pledging conference, the Ambassador of Sri Lanka to the UN in "
        "Geneva, H.E. Ravinatha Aryasinha announced that Sri Lanka will accede.": "LKA",
        "Norwegian Foreign Minister Jonas Gahr Støre said the ban was historic.": "NOR",
        "Japan's Foreign Minister Taro Kono said it was a milestone.": "JPN",
        "Ambassador Osman Abufatima Adam Mohammed of Sudan asked all States Parties to "
        "renew their efforts.": "SDN",
        "Statement delivered by Ambassador Tine Mørch Smith, Permanent Representative of "
        "Norway": "NOR",
    }
    for text, state in cases.items():
        assert {s for s, _ in _speakers(text)} == {state}, text
    # "On 2 March," opening the sentence dates it, with the release's year.
    assert _speakers(next(iter(cases)), date="2016-03-05") == {("LKA", "2016-03-02")}
    # A person whose office names no state stays the person.
    assert {s for s, _ in _speakers("Deputy Minister Raymond Johansen said it was urgent.")} == {
        "person:Raymond Johansen"
    }


def test_a_message_read_by_someone_is_its_authors_statement() -> None:
    said = _speakers(
        "UN Secretary-General Ban Ki-moon's message, as delivered by Mary Soliman, Acting "
        "Director, to the Sixth Meeting of the States Parties."
    )
    assert said == {("org:UN", None)}


def test_a_report_of_one_day_dates_its_undated_statements_by_its_dateline() -> None:
    # Published five days later; the dateline gives the day reported.
    text = (
        "(Oslo, 3 December 2008) - 92 countries gathered today in Oslo. Norway said it was a "
        "day of hope. Laos welcomed the treaty."
    )
    assert _speakers(text, date="2008-12-08") == {("NOR", "2008-12-03"), ("LAO", "2008-12-03")}
    # A report that is not of one day leaves them undated.
    assert _speakers("(Oslo, 3 December 2008) - Norway said it was a milestone.") == {("NOR", None)}


def test_states_that_submitted_their_instruments() -> None:
    # c10: a UN News story on the Convention's entry into force
    assert _acts(
        "That milestone was reached in February when Burkina Faso and Moldova both submitted "
        "their instruments of ratification of the Convention at UN Headquarters."
    ) == {("BFA", "ratification", None), ("MDA", "ratification", None)}


def test_a_courteous_congratulation_is_no_intention() -> None:
    # c21: a statement at the Mine Ban Convention's fifteenth meeting
    assert _acts(
        "I would also like to congratulate Poland on completing the destruction of their APL "
        "stockpiles."
    ) == {("POL", "stockpile-destruction-completed", None)}
    assert not _acts("We would like to welcome Ukraine, which will ratify soon.")


def test_an_abbreviated_name_opens_the_sentence_of_its_act() -> None:
    # c16: "St." ends no sentence, and the day follows where the instrument was deposited
    assert _acts(
        "St. Lucia deposited its instrument of accession with the United Nations in New York "
        "on 15 September 2020."
    ) == {("LCA", "accession", "2020-09-15")}


def test_a_states_government_by_its_demonym_acts_for_it() -> None:
    # c30: Australia's foreign ministry on the Mine Ban Treaty's entry into force for it
    assert _acts(
        "The Australian Government ratified the Ottawa Convention on 14 January 1999."
    ) == {("AUS", "ratification", "1999-01-14")}
    assert not _acts("Japanese experts signed nothing.")


def test_acts_in_participles_possessives_and_second_verbs() -> None:
    # shapes of the Monitor's and the support units' prose (c25, c28, c29)
    assert _acts(
        "Madagascar has become the 100th State Party to the Mine Ban Treaty after depositing "
        "its instrument of ratification on 16 September 1999."
    ) == {("MDG", "ratification", "1999-09-16")}
    assert _acts(
        "Iraq's instrument of ratification was deposited with the Secretary-General on 14 May 2013."
    ) == {("IRQ", "ratification", "2013-05-14")}
    assert _acts(
        "Belgium, which signed the treaty in 1997 and ratified it in 1998, was the first to ban "
        "mines."
    ) == {("BEL", "signature", None), ("BEL", "ratification", None)}
    assert _acts(
        "Spain announced on Tuesday that it had destroyed the last of its cluster munitions."
    ) == {("ESP", "stockpile-destruction-completed", None)}


def test_a_number_destroyed_is_destruction_under_way() -> None:
    # c25: the Cluster Munition Monitor's stockpile chapter
    assert _acts(
        "During 2017, Bulgaria, Peru, and Slovakia destroyed a total of 2,273 cluster munitions "
        "and 160,000 submunitions."
    ) == {(c, "stockpile-destruction-started", None) for c in ("BGR", "PER", "SVK")}


def test_a_deposit_is_dated_past_the_treaty_its_acronym_and_the_place() -> None:
    # news of accessions (c27 Times of Oman, c7 Ada Derana): the day closes a long object
    oman = (
        "Oman officially deposited its instrument of accession joining the treaty with the "
        "United Nations in New York on August 20."
    )
    assert _acts(oman, date="2014-08-24") == {("OMN", "accession", "2014-08-20")}
    lka = (
        "The Permanent Mission of Sri Lanka to the United Nations in New York deposited the "
        "instrument of accession to the Convention on Cluster Munitions (CCM) at the United "
        "Nations Headquarters in New York on March 01."
    )
    assert _acts(lka, date="2018-03-03") == {("LKA", "accession", "2018-03-01")}
    # a day in another clause past the object is not the act's
    later = (
        "Oman deposited its instrument of accession, and the treaty entered into force on "
        "1 February 2015."
    )
    assert _acts(later) == {("OMN", "accession", None)}


def test_a_withdrawal_named_as_a_noun_is_an_act_only_once_it_has_taken_effect() -> None:
    # 2025 news of the Baltic and Finnish withdrawals (c36, c5): decided, not yet effective
    for text in (
        "The Finnish Parliament approved Finland’s withdrawal from the Ottawa Treaty.",
        "The Presidential Palace is in favour of Poland's withdrawal from the Ottawa Treaty.",
        "Latvia's withdrawal from the Convention was prompted by a regional agreement.",
    ):
        assert not any(a[1] == "withdrawal" for a in _acts(text)), text
    done = "Lithuania's withdrawal from the Convention took effect on 6 March 2025."
    assert _acts(done) == {("LTU", "withdrawal", "2025-03-06")}
    assert _acts("Lithuania withdrew from the Convention on 6 March 2025.") == {
        ("LTU", "withdrawal", "2025-03-06")
    }


def test_a_states_announcement_that_it_had_completed_an_act_is_its_act() -> None:
    # an ICBL newsletter (c40): the state's own announcement of its act
    text = (
        "Poland’s announcement that it had completed the destruction of its stockpiled "
        "landmines, before its deadline, inspired applause in the conference hall."
    )
    assert _acts(text) == {("POL", "stockpile-destruction-completed", None)}


def test_enumerated_acts_past_an_aside_and_signatories_named_by_what_they_lack() -> None:
    # the Landmine Monitor 1999's Americas chapter (c44)
    ratified = (
        "As of 31 March 1999, nineteen countries of the region had ratified the ban treaty "
        "(in order of ratification): Canada, Belize, Trinidad and Tobago, Bolivia."
    )
    assert {a[:2] for a in _acts(ratified)} == {
        ("CAN", "ratification"), ("BLZ", "ratification"),
        ("TTO", "ratification"), ("BOL", "ratification"),
    }  # fmt: skip
    signed = "Those who have signed but not ratified include: Antigua and Barbuda, Brazil, Chile."
    assert _acts(signed) == {("ATG", "signature", None), ("BRA", "signature", None),
                             ("CHL", "signature", None)}  # fmt: skip


def test_the_first_to_deposit_its_ratification_and_a_notes_own_day_before_a_dash() -> None:
    # Arms Control Association (c44), a Monitor profile's update (c46)
    first = "Canada was the first to deposit its ratification, followed by Ireland and Mauritius."
    assert _acts(first) == {("CAN", "ratification", None), ("IRL", "ratification", None),
                            ("MUS", "ratification", None)}  # fmt: skip
    note = "UPDATE: 2 January 2018 - On 29 December 2017, Palestine acceded to the Treaty."
    assert _acts(note) == {("PSE", "accession", "2017-12-29")}


def test_a_notice_of_withdrawal_is_the_act_and_a_withdrawal_still_to_take_effect_is_not() -> None:
    # IANS (c44) and DPA (c5) on the 2025 withdrawals
    notice = "Lithuania, Latvia, Estonia notify UN of withdrawal from mine ban treaty"
    assert {a[:2] for a in _acts(notice)} == {
        ("LTU", "withdrawal"), ("LVA", "withdrawal"), ("EST", "withdrawal"),
    }  # fmt: skip
    pending = (
        "The withdrawal will take effect six months after the Secretary-General has "
        "received Finland’s instrument of withdrawal."
    )
    assert _acts(pending) == set()


def test_others_who_did_the_same_act() -> None:
    # a CMC statement (c21): "..., as did Denmark"
    text = (
        "One of the largest stockpilers, the United Kingdom, announced completion of its "
        "stockpile destruction within the last year, as did Denmark."
    )
    assert _acts(text) == {("GBR", "stockpile-destruction-completed", None),
                           ("DNK", "stockpile-destruction-completed", None)}  # fmt: skip


def test_the_states_a_signer_joined_signed_before_it_on_days_of_their_own() -> None:
    # an ICRC release (c47)
    text = (
        "Palau became the latest Pacific state to sign the Ottawa Convention on November 18, "
        "2007, joining Fiji, Australia and Samoa."
    )
    assert _acts(text) == {("PLW", "signature", "2007-11-18"), ("FJI", "signature", None),
                           ("AUS", "signature", None), ("WSM", "signature", None)}  # fmt: skip


def test_an_act_as_the_topic_of_words_and_names_in_an_aside_before_the_actors() -> None:
    # an AOAV report (c13) and an ICBL assessment (c49)
    topic = (
        "The conference included positive statements from four non-signatories, Zimbabwe, "
        "South Sudan, Libya, and Eritrea, on acceding to the convention."
    )
    assert not any(a[1] == "accession" for a in _acts(topic))
    aside = (
        "We did see two new states parties (Eritrea and Chile) and Ecuador and Peru "
        "completed stockpile destruction."
    )
    assert _acts(aside) == {("ECU", "stockpile-destruction-completed", None),
                            ("PER", "stockpile-destruction-completed", None)}  # fmt: skip
    # a congratulation on the act reports it
    praised = "We congratulate Poland on completing the destruction of its stockpile."
    assert _acts(praised) == {("POL", "stockpile-destruction-completed", None)}


def test_an_intention_in_the_next_states_conjunct_does_not_undo_an_act() -> None:
    # a CMC page (c45)
    text = (
        "The Conference was marked by Colombia’s ratification of the Convention and Cuba’s "
        "announcement that it would join soon."
    )
    assert _acts(text) == {("COL", "ratification", None)}
    assert _acts("Colombia’s ratification would follow soon.") == set()


def test_a_moratorium_is_dated_past_what_it_holds_back_and_a_bar_is_no_signing() -> None:
    # a Turkish foreign ministry release (c60)
    text = (
        "The security situation around Turkey precluded her from signing the Ottawa "
        "Convention at the time of its conclusion. Nevertheless, Turkey extended her national "
        "moratorium on the export and transfer of anti-personnel land mines on 17 January "
        "1999 for another three years."
    )
    assert _acts(text) == {("TUR", "moratorium", "1999-01-17")}
    # the day of another act later in the sentence is not the moratorium's
    other = (
        "Turkey kept its moratorium on exports of mines, and acceded to the Convention on "
        "25 September 2003."
    )
    assert ("TUR", "moratorium", "2003-09-25") not in _acts(other)


def test_a_dated_act_named_as_a_noun_happened_whatever_is_said_of_it() -> None:
    # a CMC release (c47) whose page runs its subtitle into the dateline without a stop
    text = (
        "Lebanon ratifies cluster bomb ban\n\nMore Middle Eastern countries should join ban "
        "treaty(London, 5 November 2010) – Lebanon’s ratification of the international "
        "treaty banning cluster munitions on 5 November should benefit the many Lebanese "
        "survivors of the weapon."
    )
    assert ("LBN", "ratification", "2010-11-05") in _acts(text, "2010-11-06")
    # undated, the same words are a hope
    hope = "Lebanon’s ratification of the treaty should benefit the survivors."
    assert _acts(hope, "2010-11-06") == set()


def test_instruments_of_withdrawal_deposited_are_withdrawals_of_that_day() -> None:
    # Human Rights Watch, 1 July 2025 (c47)
    text = (
        "Estonia, Latvia, and Lithuania deposited their instruments of withdrawal from the "
        "1997 Mine Ban Treaty with United Nations headquarters on June 27, 2025, and they "
        "will take effect in six months."
    )
    assert _acts(text, "2025-07-01") == {
        ("EST", "withdrawal", "2025-06-27"),
        ("LVA", "withdrawal", "2025-06-27"),
        ("LTU", "withdrawal", "2025-06-27"),
    }
    # one still to be deposited is no withdrawal
    later = "Finland will deposit its instrument of withdrawal in July."
    assert _acts(later, "2025-07-01") == set()


def test_a_plural_act_noun_and_a_coordinated_agent_give_each_state_its_act() -> None:
    text = (
        "The accessions of Sri Lanka and Palestine on 1 December 2017 bring the number of "
        "States Parties to 164."
    )
    assert _acts(text, "2018-01-10") == {
        ("LKA", "accession", "2017-12-01"),
        ("PSE", "accession", "2017-12-01"),
    }
    agents = "The ratification by Burkina Faso and Moldova on 16 February 2010 triggered it."
    assert _acts(agents, "2010-03-01") == {
        ("BFA", "ratification", "2010-02-16"),
        ("MDA", "ratification", "2010-02-16"),
    }
    # an apposition after the state is no second agent
    one = "We welcome the ratification of Norway, the first to sign."
    assert _acts(one, "2010-03-01") == {("NOR", "ratification", None)}


def test_congratulating_a_state_for_its_act_reports_the_act_whatever_the_speaker_wishes() -> None:
    # Holy See statements at the 2025 intersessional meetings and the 13MSP (c63, c64)
    wished = (
        "The Holy See wishes to congratulate the Marshall Islands for its recent ratification "
        "of the Anti-Personnel Landmines Convention."
    )
    assert _acts(wished, "2025-06-20") == {("MHL", "ratification", None)}
    joined = "We join the previous speakers in congratulating Vanuatu for its accession."
    assert _acts(joined, "2025-09-16") == {("VUT", "accession", None)}
    # a wish for an act to come is still no act
    assert _acts("We wish Tuvalu to complete its accession soon.", "2025-09-16") == set()


def test_a_passive_with_coordinated_agents_and_instruments_deposited_by_a_state() -> None:
    signed = "The Convention was signed by Canada and Norway on 3 December 1997."
    assert _acts(signed, "1998-01-10") == {
        ("CAN", "signature", "1997-12-03"),
        ("NOR", "signature", "1997-12-03"),
    }
    deposited = "Instruments of ratification were deposited on 10 May 2011 by Lebanon."
    assert _acts(deposited, "2011-06-01") == {("LBN", "ratification", "2011-05-10")}
    both = "Instruments of accession were deposited by Sri Lanka and the State of Palestine."
    assert _acts(both, "2018-06-01") == {("LKA", "accession", None), ("PSE", "accession", None)}


def test_each_state_of_a_coordinated_subject_takes_the_day_in_its_own_brackets() -> None:
    text = (
        "Chile (10 September 2001), Peru (17 June 1998) and Ecuador (29 April 1999) have "
        "ratified the treaty."
    )
    assert _acts(text, "2002-01-10") == {
        ("CHL", "ratification", "2001-09-10"),
        ("PER", "ratification", "1998-06-17"),
        ("ECU", "ratification", "1999-04-29"),
    }


def test_a_second_state_and_its_day_after_a_dated_act_share_its_verb() -> None:
    text = "Tonga acceded on 25 June 2025 and the Marshall Islands on 12 March 2025."
    assert _acts(text, "2025-07-01") == {
        ("TON", "accession", "2025-06-25"),
        ("MHL", "accession", "2025-03-12"),
    }
    # a state and a day that do not close the clause are no such act
    not_gapped = "Norway ratified on 3 December 2008 and Peru on the same day spoke."
    assert _acts(not_gapped, "2009-01-01") == {("NOR", "ratification", "2008-12-03")}


def test_the_last_or_whole_of_a_states_stock_destroyed_in_the_passive_completes_it() -> None:
    done = "stockpile-destruction-completed"
    # ICRC, 19 December 2003 (c70): the day is the ceremony's, given before the mines
    argentina = (
        "The ICRC's regional delegate took part in a ceremony on 4 December at which the last "
        "remaining Argentine anti-personnel mines were destroyed at Campo de Mayo."
    )
    assert _acts(argentina, "2003-12-19") == {("ARG", done, "2003-12-04")}
    assert _acts("Japan's entire stockpile of cluster munitions has been destroyed.") == {
        ("JPN", done, None)
    }
    assert _acts("The last of Chile's cluster munitions were destroyed on 5 May 2011.") == {
        ("CHL", done, "2011-05-05")
    }
    # some of a stock, one still to be destroyed, or one meant to be, completes nothing
    assert _acts("Peru's mines were destroyed in 2002.") == set()
    assert _acts("The last Argentine mines will be destroyed on 4 December.", "2003-11-01") == set()
    assert _acts("It plans to announce that the last of Chile's stocks were destroyed.") == set()


def test_states_that_destroyed_their_stockpiles_and_a_list_joined_to_a_wider_set() -> None:
    done = "stockpile-destruction-completed"
    assert _acts("Denmark and Chile have destroyed their stockpiles.") == {
        ("DNK", done, None),
        ("CHL", done, None),
    }
    # Cluster Munition Coalition on Japan, February 2015 (c70)
    joined = (
        "With this important accomplishment, Japan joins the United Kingdom, Denmark, Chile, "
        "The Netherlands, Belgium, Ecuador and many other countries that have destroyed their "
        "entire stockpiles of cluster munitions."
    )
    assert {a[0] for a in _acts(joined, "2015-02-12") if a[1] == done} >= {
        "GBR",
        "DNK",
        "CHL",
        "NLD",
        "BEL",
        "ECU",
    }
    # what the wider set has not done, or will do, is no act of the list's
    unsigned = "The UK, Denmark, Chile and many other countries that have not signed met."
    assert _acts(unsigned) == set()
    assert _acts("Denmark and Chile will have destroyed their stockpiles by 2015.") == set()


def test_states_it_is_uncertain_will_sign_are_no_list_of_signatories() -> None:
    # CMC on the Sofia regional meeting, 18 September 2008 (c71)
    text = (
        "A total of 24 states from the Regional Cooperation Council adopted the Convention on "
        "Cluster Munitions in May 2008. It is uncertain if the other RCC member states will "
        "sign the Convention this December: Finland, Greece, Latvia, Poland, Romania, Turkey, "
        "and the United States."
    )
    assert _lists(text) == []
    # the same names, said to have signed, are one
    signed = text.replace("It is uncertain if the other", "The other").replace(
        "will sign", "signed"
    )
    assert [names for _, names in _lists(signed)] == [
        ["FIN", "GRC", "LVA", "POL", "ROU", "TUR", "USA"]
    ]


def test_the_states_in_brackets_after_the_acts_object_did_it() -> None:
    text = (
        "Six Pacific Island Forum members have signed the Convention (Australia, Cook "
        "Islands, Fiji, Nauru, and Palau), while two have ratified."
    )
    assert {(s, a) for s, a, _ in _acts(text)} == {
        ("AUS", "signature"), ("COK", "signature"), ("FJI", "signature"),
        ("NRU", "signature"), ("PLW", "signature"),
    }  # fmt: skip
    # a bracket that is an aside, not the states of the act, still names no one's act
    assert not _acts("The states have signed the Convention (see Annex: Australia, Fiji, Nauru).")


def test_a_few_words_may_name_the_weapon_of_a_destroyed_stockpile() -> None:
    text = (
        "Sudan finished destroying its known antipersonnel landmine stockpile on 31 March "
        "2008. Japan destroyed its entire anti-personnel mine stockpile on 8 February 2003."
    )
    assert _acts(text) == {
        ("SDN", "stockpile-destruction-completed", "2008-03-31"),
        ("JPN", "stockpile-destruction-completed", "2003-02-08"),
    }


def test_states_congratulated_on_their_act_or_named_before_a_relative_clause_did_it() -> None:
    assert _acts("We congratulate Cuba and Palestine on their accession to the Convention.") == {
        ("CUB", "accession", None), ("PSE", "accession", None),
    }  # fmt: skip
    assert _acts("We welcome Fiji, Iceland and Mauritius which ratified the Convention.") == {
        ("FJI", "ratification", None), ("ISL", "ratification", None),
        ("MUS", "ratification", None),
    }  # fmt: skip
    # "its" is the last state's alone
    assert _acts("We thank Chile and congratulate Peru on its ratification.") == {
        ("PER", "ratification", None)
    }


def test_a_dateline_in_figures_dates_the_dispatchs_today() -> None:
    assert _acts("GENEVA, 10/09/2012 - Norway deposited its instrument of ratification today.") == {
        ("NOR", "ratification", "2012-09-10")
    }


def test_a_notice_of_withdrawal_to_the_depositary_is_the_withdrawal() -> None:
    # the notice is the act the treaty's article on withdrawal names; a decision announced
    # at home is not ("decided to withdraw" stays no act)
    acts = _acts(
        "In March 2025, Lithuania, Latvia and Estonia notified the United Nations of their "
        "decision to withdraw from the Mine Ban Convention. Finland has decided to withdraw."
    )
    assert {(s, a) for s, a, _ in acts} == {
        ("LTU", "withdrawal"), ("LVA", "withdrawal"), ("EST", "withdrawal"),
    }  # fmt: skip
    assert _acts(
        "Poland notifies the Secretary-General of its withdrawal from the Convention."
    ) == {("POL", "withdrawal", None)}


def test_acts_dated_respectively_give_each_subject_its_own_day() -> None:
    acts = _acts(
        "The Holy See, Ireland, Norway and Sierra Leone ratified the Convention during the "
        "Oslo Signing Conference on 3 December 2008, then Lao PDR and Austria ratified on "
        "18 March and 2 April 2009 respectively."
    )
    assert acts == {
        ("VAT", "ratification", "2008-12-03"), ("IRL", "ratification", "2008-12-03"),
        ("NOR", "ratification", "2008-12-03"), ("SLE", "ratification", "2008-12-03"),
        ("LAO", "ratification", "2009-03-18"), ("AUT", "ratification", "2009-04-02"),
    }  # fmt: skip
    # three days for three subjects, in their order
    assert _acts(
        "Chile, Peru and Ecuador ratified on 10 September 2001, 17 June 1998 and 29 April "
        "1999 respectively."
    ) == {
        ("CHL", "ratification", "2001-09-10"), ("PER", "ratification", "1998-06-17"),
        ("ECU", "ratification", "1999-04-29"),
    }  # fmt: skip
    # without "respectively" two days joined by "and" are no one subject's each
    assert ("LAO", "ratification", "2009-03-18") not in _acts(
        "Lao PDR and Austria ratified on 18 March and 2 April 2009."
    )


def test_the_nth_state_to_act_and_acts_named_as_a_plural_then_listed() -> None:
    assert _acts("Mexico has become the seventh country to formally ratify the treaty.") == {
        ("MEX", "ratification", None)
    }
    assert {(s, a) for s, a, _ in _acts(
        "Recent ratifications include Argentina, Cambodia, Chad, Czech Republic, Tajikistan "
        "and Tunisia."
    )} == {
        ("ARG", "ratification"), ("KHM", "ratification"), ("TCD", "ratification"),
        ("CZE", "ratification"), ("TJK", "ratification"), ("TUN", "ratification"),
    }  # fmt: skip
    # ratifications still wanted are none
    assert not _acts("Ratifications needed include Chile, Peru and Ecuador.")


def test_a_reported_act_with_its_day_and_a_relative_clause_before_the_verb() -> None:
    # "on Thursday" is the day of the announcement, not the topic of a withdrawal
    assert _acts(
        "Lithuania announced on Thursday that it has withdrawn from an international "
        "convention banning the use of cluster bombs."
    ) == {("LTU", "withdrawal", None)}
    # a relative clause set off by commas leaves the state the subject
    assert _acts(
        "Afghanistan, which has about 150 to 300 injured or killed by mines every month, "
        "became the latest country to complete accession to the treaty."
    ) == {("AFG", "accession", None)}
    # a topic is still no act: "decisions by Russia on withdrawal"
    assert not _acts("Russia commented on withdrawal from the treaty.")


def test_a_state_announcing_its_own_act_both_acts_and_speaks() -> None:
    found = extract_text(
        "Britain announced last week it had destroyed all the army's two million "
        "anti-personnel mines."
    )
    assert {(a["state"], a["action"]) for a in found["actions"]} == {
        ("GBR", "stockpile-destruction-completed")
    }
    assert [s["speaker"] for s in found["statements"]] == ["GBR"]
    # the act alone is no statement
    assert extract_text("Britain ratified the treaty in 1998.")["statements"] == []


def test_a_paper_signed_in_the_passive_is_no_signature_of_the_treaty() -> None:
    # a letter signed by ministers: no act on the treaty, whoever the agents are
    assert not _acts(
        "The Lithuanian Ministry of Defense has published a copy of a letter signed by its "
        "defense minister and those of, Poland, Latvia and Estonia calling for their "
        "withdrawal from the Ottawa Convention."
    )
    assert not _acts("A joint letter signed by the ministers of Poland and Latvia was read.")
    # a declaration so signed is endorsed; the treaty so signed is signed
    assert _acts("The declaration was signed by Poland, Latvia and Estonia.") == {
        ("POL", "endorsement", None),
        ("LVA", "endorsement", None),
        ("EST", "endorsement", None),
    }
    assert _acts("The Convention was signed by Norway and Laos on 3 December 2008.") == {
        ("NOR", "signature", "2008-12-03"),
        ("LAO", "signature", "2008-12-03"),
    }


def test_a_dispatchs_dateline_is_its_day_over_a_page_date_above_it() -> None:
    text = (
        "Vanuatu Becomes the 112th State Party to the Convention on Cluster Munitions\n\n"
        "News\nAugust 24, 2025\n\n"
        "Geneva, 5 September 2025 – The Republic of Vanuatu today deposited its instrument of "
        "accession to the 2008 Convention on Cluster Munitions."
    )
    assert _acts(text) == {("VUT", "accession", "2025-09-05")}
    # a page date alone is still the page's day
    assert _acts(text.replace("Geneva, 5 September 2025 – ", "")) == {
        ("VUT", "accession", "2025-08-24")
    }


def test_a_state_that_became_party_did_the_act_the_depositary_record_gives() -> None:
    # how it joined is the record's (data/actions): Oman and Cuba acceded, Namibia ratified
    assert _acts(
        "Oman becomes the 162nd State Party to the Anti-Personnel Mine Ban Convention"
    ) == {("OMN", "accession", None)}
    assert _acts("Cuba Joins Convention on Cluster Munitions") == {("CUB", "accession", None)}
    assert _acts(
        "Namibia became the 104th State Party to the Convention on Cluster Munitions."
    ) == {("NAM", "ratification", None)}
    # the day a treaty bound it is not the day it acted: only the act's own day is kept
    assert _acts(
        "Angola ratified the Mine Ban Treaty on 5 July 2002 and became a State Party on 1 "
        "January 2003."
    ) == {("AGO", "ratification", "2002-07-05")}
    assert _acts("On 2 January 2015, Palestine became the 89th State Party to the CCM.") == {
        ("PSE", "accession", "2015-01-02")
    }
    # a state the record has not joined to the treaty the sentence names did no act
    assert not _acts("Once the United States becomes a State Party to the Mine Ban Treaty.")


def test_the_country_of_a_city_before_a_verb_is_a_place_not_its_doer() -> None:
    # c79: the treaty's history, whose "Dublin, Ireland and signed" Ireland did not sign
    assert not _acts(
        "Adopted on 30 May 2008 in Dublin, Ireland and signed on 3-4 December 2008 in Oslo, "
        "Norway, the Convention on Cluster Munitions entered into force in 2010."
    )
    # another state after the city's comma is the doer
    assert {
        (s, a) for s, a, _ in _acts("On 30 May 2008 in Dublin, Palau adopted the Convention.")
    } == {("PLW", "adoption")}


def test_a_headline_that_a_state_got_rid_of_its_stock_completes_its_destruction() -> None:
    assert _acts("Algeria says last stock of land mines destroyed") == {
        ("DZA", "stockpile-destruction-completed", None)
    }
    assert _acts("Japan Gets Rid of All Cluster Munitions") == {
        ("JPN", "stockpile-destruction-completed", None)
    }
    # getting rid of something else, or of some of the stock, completes nothing
    assert not _acts("Japan gets rid of red tape for demining charities")
    assert not _acts("Peru got rid of 2,000 of its mines last year")


def test_a_state_praised_in_the_passive_for_its_act_did_it() -> None:
    assert _acts(
        "BEIRUT: Lebanon was congratulated Tuesday for its ratification of the Convention."
    ) == {("LBN", "ratification", None)}
    assert _acts("Costa Rica was praised for its accession to the Convention.") == {
        ("CRI", "accession", None)
    }
    # praised for something else: no act
    assert not _acts("Lebanon was praised for its clearance of the south.")


def test_a_bulleted_line_opening_on_its_day_dates_the_act() -> None:
    text = (
        "Vilnius, 10 January 2026 - What is known?\n"
        "• On December 27, Lithuania officially withdrew from the convention."
    )
    assert _acts(text) == {("LTU", "withdrawal", "2025-12-27")}


def test_an_opening_day_reaches_a_subject_with_its_short_name_in_brackets() -> None:
    text = (
        "On 25th October 2013 the Former Yugoslav Republic of Macedonia (FYR Macedonia)\n"
        "completed destruction of its stockpiled cluster munitions."
    )
    assert _acts(text) == {("MKD", "stockpile-destruction-completed", "2013-10-25")}
