"""Shapes of speech the statement reader knows wherever they stand (issue 20), each written
from a sentence of the corpus: who speaks for a person with an office, coordinated speakers
and the lists a meeting report gives of its floor, the speaker a document's head names, and
the day a dispatch's dateline gives a weekday."""

from __future__ import annotations

from treatywatch.ingest.extract import extract_text


def _said(text: str, date: str | None = None) -> list[tuple[str, str | None]]:
    found = extract_text(text, date=date)["statements"]
    return sorted(((s["speaker"], s["date"]) for s in found), key=lambda s: (s[0], s[1] or ""))


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


def test_a_floor_list_whose_separators_were_lost() -> None:
    said = _said(
        "The following States not party took the floor to deliver general statements: "
        "ChinaPakistanIndia and Morocco.\n\nThe following four States Parties presented their "
        "requests: Bosnia and HerzegovinaCroatiaCyprus and Serbia."
    )
    assert [s for s, _ in said] == ["BIH", "CHN", "CYP", "HRV", "IND", "MAR", "PAK", "SRB"]


def test_a_floor_named_after_including() -> None:
    assert [s for s, _ in _said(
        "We appreciate the updates today and yesterday from other states not party, "
        "including from China, India, Lao PDR, Myanmar, the US and Somalia."
    )] == ["CHN", "IND", "LAO", "MMR", "SOM", "USA"]  # fmt: skip
    assert [s for s, _ in _said(
        "States which have completed stockpile destruction gave statements detailing their "
        "stockpile destruction processes, including Moldova, Colombia and Spain."
    )] == ["COL", "ESP", "MDA"]  # fmt: skip
    # a list after "including" with no statement before it names no speaker
    assert _said("Mines still affect many states, including Angola and Cambodia.") == []


def test_the_ministers_of_several_states_speak_for_them() -> None:
    text = (
        "March 1, 1999\n\nThe Foreign Ministers of Austria, Canada, Mozambique, Norway and "
        "South Africa today welcomed the entry into force of the Convention."
    )
    assert _said(text, date="1999-03-01") == [
        (iso3, "1999-03-01") for iso3 in ("AUT", "CAN", "MOZ", "NOR", "ZAF")
    ]


def test_a_list_of_speakers_with_their_offices() -> None:
    said = _said(
        "The ceremonial opening featured addresses by Didier Reynders, Vice Prime Minister of "
        "Belgium; H.R.H. Princess Astrid of Belgium; Michael Møller, Director-General of the "
        "United Nations Office at Geneva, on behalf of the UN Secretary General; Christine "
        "Beerli, Vice-President of the International Committee of the Red Cross; and, Barbara "
        "Haering, President of the Council of Foundation of the Geneva International Centre "
        "for Humanitarian Demining."
    )
    assert [s for s, _ in said] == [
        "BEL", "org:GICHD", "org:ICRC", "org:UN", "person:Princess Astrid of Belgium"
    ]  # fmt: skip


def test_a_programmes_speakers_under_their_heading_and_day() -> None:
    text = (
        "MONDAY 11 SEPTEMBER 2023\n\nOpening addresses by:\n\nPresident of the Eleventh "
        "Meeting of States Parties, H.E. Mr. Abdul-Karim Hashim Mostafa of Iraq\n\n"
        "United Nations High Representative for Disarmament Affairs, Ms. Izumi Nakamitsu\n\n"
        "Representative of the Cluster Munition Coalition (CMC), Ms. Anna Phommachanthone\n\n"
        "Adoption of the agenda (CCM/MSP/2023/1)\n"
    )
    assert _said(text) == [
        ("IRQ", "2023-09-11"), ("org:CMC", "2023-09-11"), ("org:UN", "2023-09-11")
    ]  # fmt: skip


def test_addresses_still_to_come_or_aligned_with_are_not_statements() -> None:
    assert (
        _said(
            "The meeting will be preceded by an opening ceremony which will feature addresses by "
            "Micheline Calmy-Rey, Minister of Foreign Affairs of Switzerland."
        )
        == []
    )
    assert (
        _said(
            "My delegation aligns itself with statements delivered by the representatives of "
            "Indonesia on behalf of the NAM and by Cambodia on behalf of ASEAN."
        )
        == []
    )


def test_one_state_at_different_times_is_different_occasions() -> None:
    text = (
        "Afghanistan has provided regular updates on the status of ratification. In November "
        "2010, it stated that ratification had been delayed by parliamentary elections. In "
        "June 2011, Afghanistan informed other States Parties that the parliament has approved "
        "ratification."
    )
    assert _said(text) == [("AFG", None), ("AFG", None)]
    text = (
        "The Philippines stated in 2011 that a standing directive prohibits its armed forces "
        "from including cluster munitions. [1] In 2016, it said, “the prohibition is part of "
        "the operational policy.” [2]"
    )
    assert _said(text) == [("PHL", None), ("PHL", None)]
    # one time, one occasion
    assert _said("In 2011, Norway said it would help. It also noted the cost.") == [("NOR", None)]


def test_a_name_before_group_is_a_body_not_a_person() -> None:
    assert (
        _said(
            "Several members of the far-right LVZS Nemunas Dawn political group did not vote, "
            "despite being present in parliament, it noted."
        )
        == []
    )


def test_an_adviser_named_after_a_demonym_office() -> None:
    assert _said(
        "The meeting will take place in Zagreb, an adviser to the Croatian foreign minister, "
        "Diana Plestina, said earlier this week."
    ) == [("HRV", None)]


def test_a_letterhead_over_a_statement_names_its_speaker() -> None:
    text = (
        "International Campaign to Ban Landmines (ICBL)\n\n11MSP Statement on "
        "Universalization\n\nPhnom Penh, Cambodia\n1 December 2011\n\nThank you Mr. Chair,\n\n"
        "We are very pleased to have new states coming on board."
    )
    assert _said(text) == [("org:ICBL", "2011-12-01")]


def test_a_states_announcement_is_its_statement_unless_it_was_heard() -> None:
    assert _said(
        "We also welcome Finland’s announcement on the adoption of its accession bill."
    ) == [("FIN", None)]
    # the noun refers back to the words the text already reported
    assert _said(
        "Sri Lanka said on 2 March 2016 that it would accede. Chile welcomed Sri Lanka's "
        "announcement."
    ) == [("CHL", None), ("LKA", "2016-03-02")]


def test_a_report_of_a_week_does_not_date_its_statements_by_today() -> None:
    text = (
        "11 September 2015\n\nClosing Press Release\n\nCuba announces plan to join convention"
        "\n\n(Dubrovnik, 11 September 2015) – States Parties spoke out this week at the "
        "week-long conference ending today."
    )
    assert _said(text, date="2015-09-11") == [("CUB", None)]


def test_a_page_of_statement_lines_gives_one_statement_a_line() -> None:
    text = (
        "Intersessional meetings to the CCM were held in Geneva on 27-30 June 2011.\nDay 1\n"
        "Speech by Dr. Adnan Mansour, Minister of Foreign Affairs and Emigrants, Republic of "
        "Lebanon\nStatement by Austria\nStatement and Presentation by United Kingdom\n"
        "Statement on Retention by Cluster Munition Coalition\nStatement by Austria\n"
    )
    # Day 1 of a meeting held 27-30 June is 27 June
    assert _said(text) == [(code, "2011-06-27") for code in ("AUT", "AUT", "GBR", "LBN", "org:CMC")]
    # a statement's own head is no list: "Statement by Australia" over "delivered by ..."
    head = (
        "Statement by Australia\n\n16 April 2012\n\nStatement delivered by Ms Merinda "
        "Petersen, Intern, Australian Permanent Mission, Geneva\n\nThank you Mr Coordinator."
    )
    assert [s for s, _ in _said(head)] == ["AUS"]


def test_a_meeting_pages_speakers_one_a_line_under_its_agenda() -> None:
    text = (
        "Coordinators, the Philippines and Spain, briefed the meeting on the universalization "
        "of the Convention\nIreland\nCluster Munition Coalition (CMC)\n"
        "Presentation of an extension request under Article 4\nChad – statement\n"
        "Germany – presentation\nAustralia representing the Article 3 Analysis Group\n"
    )
    assert [s for s, _ in _said(text)] == [
        "AUS", "DEU", "ESP", "IRL", "PHL", "TCD", "org:CMC"
    ]  # fmt: skip
    # a page that marks no line as a statement lists members, not speakers
    assert _said("Signatories\nIreland\nChad\nGermany\nAustralia\n") == []


def test_an_office_with_no_state_named_is_the_state_the_story_is_about() -> None:
    text = (
        "Lithuania’s parliament votes to leave cluster munitions convention\n\nLithuania’s "
        "parliament voted on Thursday to leave the convention. “It is important,” Defence "
        "Minister Laurynas Kasciunas told the parliament before the vote. Lithuania has "
        "signed it."
    )
    assert [s for s, _ in _said(text)] == ["LTU"]
    profile = (
        "Sri Lanka\n\nSri Lanka has not acceded to the Mine Ban Treaty. Sri Lanka voted in "
        "favour of the resolution.\n\nIn a July 2012 meeting in Colombo, the Secretary of the "
        "Ministry of Defence, Gotabhaya Rajapaksa, reportedly said that the Defence Ministry "
        "was ready for Sri Lanka to sign the treaty."
    )
    assert [s for s, _ in _said(profile)] == ["LKA"]
    # no state the text is about: the minister stays a person
    assert _said("Defence Minister Laurynas Kasciunas told the parliament before the vote.") == [
        ("person:Laurynas Kasciunas", None)
    ]


def test_a_footnote_after_a_quotation_ends_the_clause() -> None:
    text = (
        "Sri Lanka has made no statement since 2009 when it said that it “fully subscribes to "
        "the treaty.”[2] However, in a July 2012 meeting, the Secretary of the Ministry of "
        "Defence, Gotabhaya Rajapaksa, reportedly said that Sri Lanka could sign."
    )
    assert _said(text) == [("LKA", None), ("LKA", None)]


def test_a_heading_names_the_mission_or_office_of_the_speakers_state() -> None:
    assert _said(
        "Statement by Mr. Souliyong SO INXAY, Third Secretary, Permanent Mission of the Lao "
        "PDR to the United Nations\n\nMr. Chair,\n\nThe Lao PDR supports the Convention."
    ) == [("LAO", None)]
    assert _said(
        "Statement by\n\nH. E. Mr. Mari AMANO\n\nAmbassador, Permanent Representative of Japan"
        "\n\nOslo, Norway\n\n11 September 2012\n\nMr. President,\n\nMy gratitude goes to the "
        "Government of Norway for their hospitality."
    ) == [("JPN", "2012-09-11")]


def test_an_office_of_a_state_after_the_verb_is_that_states_voice() -> None:
    # mr-cmc-dubrovnik-1rc-closing-2015
    text = (
        "“We are here to make sure this treaty works,” said Convention President, Vice "
        "Foreign Minister of Croatia, following the plenary statements."
    )
    assert _said(text) == [("HRV", None)]


def test_the_agents_of_a_reaction_in_the_passive_each_speak() -> None:
    # c8-cmc-first-committee-ccm-2009: a state heard in its own words keeps that statement
    text = (
        "The Lao PDR re-stated its offer to host the meeting, which was welcomed by several "
        "states including Australia, Chile, Mexico and Norway. Norway said it would attend."
    )
    assert _said(text) == [("AUS", None), ("CHL", None), ("LAO", None), ("MEX", None),
                           ("NOR", None)]  # fmt: skip
    assert _said("The proposal was supported by Austria, Mexico and Norway.") == [
        ("AUT", None),
        ("MEX", None),
        ("NOR", None),
    ]
    # support in money is no statement
    assert _said("The clearance project is supported by Norway and Japan.") == []


def test_a_states_noun_of_speech_before_or_after_it() -> None:
    # c9-cmc-ccm-11msp-stockpile-2023, c6-bel-ottawa-20th-anniversary-2017
    assert _said("We welcome Peru’s update and its pledge to meet its deadline.") == [("PER", None)]
    assert _said("We welcome the announcement made by Algeria that it has finished.") == [
        ("DZA", None)
    ]
    # announcements of several states are past acts of policy, not one occasion (seed 000)
    assert _said("We welcome the announcements made by Austria and Belgium to renounce.") == []
    # a confirmation still to come is not yet said
    assert _said("We look forward to the confirmation from South Africa’s ministry.") == []


def test_a_profiles_state_in_reports_of_different_dates_is_different_occasions() -> None:
    # c7-mon-kuwait-mbp-2019: a report "dated 24 May 2010" or "of May 2008" dates its words
    later = " In July 2009, Kuwait stated that a draft law had been submitted to Parliament."
    dated = (
        "In its last report, dated 24 May 2010, Kuwait indicated that efforts were in "
        "progress to enact legislation."
    )
    of_month = "In its Article 7 report of May 2008, Kuwait reported on its legislation."
    assert _said(dated + later) == [("KWT", None), ("KWT", None)]
    assert _said(of_month + later) == [("KWT", None), ("KWT", None)]
    # one time given once: one occasion
    assert _said(dated + " Kuwait added that a law was being drafted.") == [("KWT", None)]


def test_one_speaker_at_two_times_spoke_twice() -> None:
    # a Monitor profile's paragraph (c6-mon-uk-ccm-2011): the statements of December and
    # November 2010 are two occasions, the government's words the profile's state's (its
    # Article 7 report submitted is an act of reporting, not words said)
    text = (
        "United Kingdom\n\nCluster Munition Ban Policy\n\nPolicy\n\nThe United Kingdom "
        "(UK) signed the Convention on Cluster Munitions on 3 December 2008.\n\n"
        "The UK submitted its initial Article 7 report on 28 April 2011.[1] In December "
        "2010, the government stated that it is in the process of extending the Act to all "
        "UK Overseas Territories.[3] In November 2010, the UK stated that cluster munitions "
        "are considered in the highest category of prohibited exports.[4]"
    )
    assert _said(text) == [("GBR", None), ("GBR", None)]


def test_the_government_speaks_only_for_a_state_the_document_is_about() -> None:
    # many states and none the subject: "the government" is nobody the text names
    text = (
        "Austria, Belgium, Chile and Mexico attended the meeting in Geneva.\n\n"
        "The government stated that it would consider the question."
    )
    assert _said(text) == []


def test_a_person_whose_apposition_gives_a_states_office() -> None:
    assert _said(
        '"More than 170,000 mines were destroyed," said Juan Umana, a Nicaraguan ministry of '
        "defence representative, also present during the meeting."
    ) == [("NIC", None)]
    assert _said(
        '"We should now concentrate on the needs," said Susan Eckey, the convention\'s '
        "Norwegian chair."
    ) == [("NOR", None)]
    # a demonym that names no office is no state's voice
    assert _said('"We agree," said Ana Lopez, a Spanish student in the crowd.') == [
        ("person:Ana Lopez", None)
    ]


def test_the_stated_position_of_states_that_stay_out() -> None:
    # c11-bbc-dublin-treaty-approved-2008: a position is a statement, each state's own
    text = (
        "Countries like the US, India, Pakistan and Israel claim such munitions are highly "
        "useful on the battlefield."
    )
    assert _said(text) == [("IND", None), ("ISR", None), ("PAK", None), ("USA", None)]


def test_the_floor_counted_before_it_is_named() -> None:
    text = (
        "Highlights from the conference included positive statements from four non- "
        "signatories, Zimbabwe, South Sudan, Libya, and Eritrea, on acceding to the convention."
    )
    assert _said(text) == [("ERI", None), ("LBY", None), ("SSD", None), ("ZWE", None)]
    updates = "It also included updates from 3 countries, Uganda, Benin and Niger, on progress."
    assert _said(updates) == [("BEN", None), ("NER", None), ("UGA", None)]


def test_an_organisation_named_further_along_the_apposition() -> None:
    text = (
        "In an interview with UN News, Mary Wareham, one of the Monitor’s editors who is also "
        "an advocacy director with Human Rights Watch, noted that the weapons still claim "
        "victims."
    )
    assert _said(text) == [("org:HRW", None)]


def test_a_deputy_minister_of_the_ministry_in_a_story_about_the_state() -> None:
    text = (
        "Lao PDR Celebrates 14th Anniversary of Entry into Force of the CCM\n\n"
        "The event marked the anniversary of Lao PDR’s commitment.\n\n"
        "A press conference, led by Deputy Minister of the Ministry of Foreign Affairs, H.E. "
        "Mr. Phoxay Khaykhamphithoune, highlighted the nation’s achievements."
    )
    assert _said(text) == [("LAO", None)]


def test_the_president_of_a_state_named_before_the_person() -> None:
    assert _said("The President of Zambia, Rupiah Banda, called on all states to join.") == [
        ("ZMB", None)
    ]


def test_a_heading_that_names_a_states_delegation_or_its_office_after_the_person() -> None:
    body = "\n\nMr President, allow me to congratulate you."
    assert _said(
        "Statement by the Chinese Observer Delegation at the 14th Meeting of the States "
        "Parties" + body
    ) == [("CHN", None)]
    assert _said("Intervention of Lebanese delegation to the Second Meeting" + body) == [
        ("LBN", None)
    ]
    assert _said(
        "Statement by H.E. Minister Charles Nqakula Minister of Defence Republic of South "
        "Africa on the occasion of the signing" + body
    ) == [("ZAF", None)]


def test_a_government_office_named_for_its_seat_speaks_for_its_state() -> None:
    assert _said(
        "“We have deferred the decision for as long as we could,” said the White House official."
    ) == [("USA", None)]


def test_an_office_in_a_states_own_body_and_not_in_an_organisation_named_for_it() -> None:
    assert _said(
        "Senior Minister Ly Thuch, First Vice President of the Cambodian Mine Action and Victim "
        "Assistance Authority, thanked the delegations."
    ) == [("KHM", None)]
    assert _said(
        '"We welcome it," said Per Nergaard, Director of the Norwegian People\'s Aid.'
    ) == [("org:NPA", None)]


def test_a_statements_day_on_its_own_line_under_a_long_head() -> None:
    text = (
        "United Nations\n  • English\n  • Français\n  • Español\n  • Русский\n  • 中文\n\n"
        "Statement by Mr. Souliyong SO INXAY, Third Secretary, Permanent Mission of the Lao PDR "
        "to the United Nations At the Thematic Discussion on Cluster 4: Conventional Weapons "
        "of the First Committee during the 77th Session of the General\n\n"
        "Monday, 24 October 2022\n\nMr. Chair,\n1. My delegation supports the Convention.\n"
    )
    assert ("LAO", "2022-10-24") in _said(text)


def test_a_day_that_opens_the_sentence_with_a_capital_on() -> None:
    text = (
        "On 28 October 2014 the Cluster Munition Coalition delivered the below statement at "
        "the First Committee."
    )
    assert _said(text) == [("org:CMC", "2014-10-28")]


def test_a_head_names_a_delegate_of_a_state_and_initials_name_a_state() -> None:
    text = (
        "Statement by Mr. Asım Iftıkhar Ahmad, Pakistan Delegate in the General Debate "
        "(November 05, 2005)\n\nMr. Chairman, Pakistan supports international efforts.\n"
    )
    assert ("PAK", "2005-11-05") in _said(text)
    assert ("USA", None) in _said("“We will not join,” the U.S. delegate said.")


def test_messages_delivered_by_the_bullets_under_a_colon() -> None:
    text = (
        "A high level opening ceremony featured messages delivered on behalf of organisations "
        "that historically played a role in the Convention:\n\n"
        "  • Antonio Prado, Deputy Executive-Secretary of ECLAC on behalf of the UN "
        "Secretary-General\n"
        "  • Lorenzo Caraffi, Head of the ICRC regional delegation in Brasilia\n"
        "  • Barbara Haering, President of the Council of Foundation of the GICHD\n"
    )
    assert _said(text) == [("org:GICHD", None), ("org:ICRC", None), ("org:UN", None)]
    # messages still to come are no statements
    assert (
        _said(text.replace("featured messages delivered", "will feature messages delivered")) == []
    )


def test_a_weekday_of_the_dispatchs_own_day() -> None:
    text = (
        "The defence ministers of Poland and Estonia said in a statement on Tuesday that they "
        "recommend withdrawing from the Ottawa Convention."
    )
    # 18 March 2025 was a Tuesday: the statement is of that day
    assert _said(text, date="2025-03-18") == [("EST", "2025-03-18"), ("POL", "2025-03-18")]
    # a report of a past week keeps its weekdays in that week (seed 003)
    past = "Delegates met late last week in Lima. " + text
    assert _said(past, date="2025-03-18") == [("EST", "2025-03-11"), ("POL", "2025-03-11")]


def test_a_headline_in_capitals() -> None:
    text = (
        "Press release | MEXICO REAFFIRMS ITS COMMITMENT TO THE ELIMINATION OF CLUSTER "
        "MUNITIONS\n\nMexico took part in the meeting.\n"
    )
    assert _said(text) == [("MEX", None)]
    # capitals that report no words are no statement
    assert (
        _said("TURKEY, GREECE AND BELARUS FAIL TO DESTROY STOCKPILES\n\nThe deadline passed.") == []
    )


def test_a_national_red_cross_society_is_not_the_icrc() -> None:
    assert _said("The Irish Red Cross has also welcomed the historic signing in Dublin.") == []
    assert _said("The Red Cross said more was needed.") == [("org:ICRC", None)]


def test_a_heading_that_names_its_organisation_before_the_statement() -> None:
    text = (
        "ICBL Statement on Transparency Reporting (Article 7)\nTenth Meeting of States Parties, "
        "Geneva, 2 December 2010\n\nThank you Mr. Chair. Reports are a legal obligation.\n"
    )
    assert _said(text) == [("org:ICBL", "2010-12-02")]


def test_a_title_before_the_person_after_said_and_a_message_delivered() -> None:
    assert _said(
        "“It is a strong plan,” said the Cartagena Summit President, Susan Eckey of Norway."
    ) == [("NOR", None)]
    assert _said(
        "H.E. Harry Kalaba, Minister of Foreign Affairs of the Republic of Zambia and President "
        "of the Fourth Meeting of States Parties, delivered a message of congratulations."
    ) == [("ZMB", None)]


def test_a_un_message_dated_by_the_day_it_was_delivered() -> None:
    text = (
        "NEW YORK, 19 September (UN Headquarters) -- Following is UN Secretary-General Kofi "
        "Annan's message to the Seventh Meeting of the States Parties, as delivered by Agnès "
        "Marcaillou, Chief, Regional Disarmament Branch, in Geneva, yesterday, 18 September:\n\n"
        "It gives me great pleasure to convey my greetings."
    )
    assert _said(text, date="2006-09-20") == [("org:UN", "2006-09-18")]


def test_a_heading_names_the_speaker_and_the_next_line_the_state() -> None:
    # c26: Japan's statement at the Mine Ban Convention's ninth meeting
    text = (
        "Statement by H. E. Ambassador Sumio Tarui\n"
        "Permanent Representative of Japan to the Conference on Disarmament\n"
        "The Ninth Meeting of States Parties\n"
        "Geneva, Switzerland, 24 November 2008\n"
        "Mr. President,\n"
        "Firstly, allow me to extend my delegation's sincere congratulations to you."
    )
    assert _said(text) == [("JPN", "2008-11-24")]


def test_a_portfolio_is_no_name_and_hon_is_a_title() -> None:
    # c26: New Zealand's minister opening the Wellington Conference
    text = (
        "Opening address of Conference on Cluster Munitions\n"
        "Hon Phil Goff\n"
        "Minister of Disarmament and Arms Control\n"
        "18 February 2008\n"
        "Speech Notes\n"
        "It is a privilege today to open the Wellington Conference on Cluster Munitions."
    )
    assert _said(text) == [("person:Phil Goff", "2008-02-18")]


def test_a_speech_for_the_presidency_of_a_union_is_the_unions() -> None:
    # c26: a Slovenian diplomat opening the Dublin conference for the EU; her name is
    # written with the letters of Latin Extended-A
    text = (
        "EU Presidency Opening Statement: Dublin Diplomatic Conference on Cluster Munitions\n\n"
        "By Ms Irina Goršič, Minister Counsellor, Security Policy Division, Ministry of "
        "Foreign Affairs\n\n"
        "Mr. President,\n\n"
        "I have the honour to speak as Presidency of the European Union.\n\n"
        "Let me first of all express our gratitude to the government of Ireland for hosting "
        "this Diplomatic Conference."
    )
    assert _said(text) == [("org:EU", None)]


def test_the_speaker_named_after_the_clause_it_reports() -> None:
    # c27: the Times of Oman on Oman's accession, dated by its "August 24, 2014 | 12:00 AM"
    text = (
        "Oman signs pact to ban land mines\n"
        "August 24, 2014 | 12:00 AM\n\n"
        "Muscat: Oman joined the international treaty banning anti-personnel land mines on "
        "August 20, Human Rights Watch said on Sunday."
    )
    assert _said(text) == [("org:HRW", "2014-08-24")]
    # the last of coordinated subjects is not a trailing speaker
    assert _said("After a long debate in the room, Austria, Mexico and Norway said no.") == [
        ("AUT", None),
        ("MEX", None),
        ("NOR", None),
    ]


def test_the_pope_speaks_for_the_holy_see() -> None:
    # c27: the Irish Times on the Mine Ban Treaty's entry into force
    assert _said(
        'Pope John Paul said the convention marked a "triumph of the culture of life".'
    ) == [("VAT", None)]


def test_a_parliament_by_its_own_name_speaks_for_its_state() -> None:
    # c17: Babel on the Verkhovna Rada's vote to suspend the Mine Ban Convention
    assert _said("The Verkhovna Rada supported the suspension of the Convention.") == [
        ("UKR", None)
    ]


def test_roles_regions_and_possessives_are_no_names() -> None:
    # c14, c11, c12: a prize before a name, a possessive after one, a state's armed forces
    assert _said("Former Nobel Peace Prize winner Jody Williams said the group was a cabal.") == [
        ("person:Jody Williams", None)
    ]
    assert _said("President Barack Obama's administration said it had not changed its policy.") == [
        ("person:Barack Obama", None)
    ]
    assert _said("The National Armed Forces presented an assessment of the mines.") == []


def test_a_releases_contact_line_is_no_floor() -> None:
    # c22: the end of a campaign's press release
    assert (
        _said(
            "For more information or to schedule an interview, contact: Jared Bloch, ICBL-CMC "
            "Media and Communications Manager, Tel: +41-78-683-4407"
        )
        == []
    )


def test_the_head_of_a_bodys_delegation_speaks_for_it() -> None:
    # c29: the ICBL's statement at the Mine Ban Treaty's third meeting, in Managua
    text = (
        "Statement to the Third Meeting of States Parties\n"
        "Delivered by Stephen Goose (Human Rights Watch), Head of ICBL Delegation\n"
        "Managua, 19 September 2001\n"
        "Mr. President, distinguished delegates,"
    )
    assert _said(text) == [("org:ICBL", "2001-09-19")]


def test_a_ministry_of_a_state_and_a_secretary_general_by_name() -> None:
    # the shapes of government releases and UN news (c24, c30)
    assert _said(
        "In a press release issued on 5 May 2010, the Ministry of Foreign Affairs of Chile "
        "stated that it would host the meeting."
    ) == [("CHL", "2010-05-05")]
    assert _said("The Foreign Ministry of Ukraine said that Russia had used the weapons.") == [
        ("UKR", None)
    ]
    assert _said("Ban Ki-moon welcomed the entry into force of the Convention.") == [
        ("org:UN", None)
    ]


def test_a_ministrys_spokesperson_speaks_for_the_state() -> None:
    # c32: an AFP story on China's reaction to the transfer of cluster munitions to Ukraine
    assert _said('"We firmly oppose it," Chinese foreign ministry spokeswoman Mao Ning said.') == [
        ("CHN", None)
    ]


def test_a_list_after_a_that_clause_is_what_was_said_not_the_floor() -> None:
    # the colon lists what was confirmed, not who took the floor (c31's ISU contributors)
    text = (
        "In addition to Japan, 18 other States Parties have provided written confirmation "
        "that funds are forthcoming: Australia, Austria, Canada and Chile."
    )
    assert _said(text) == []
    floor = "The following delegations provided updates: Australia, Austria and Chile."
    assert [s for s, _ in _said(floor)] == ["AUS", "AUT", "CHL"]


def test_submitting_a_report_or_a_request_is_no_statement() -> None:
    text = (
        "Cameroon submitted its initial Article 7 report on 5 December 2005. "
        "Chad, Niger and Sudan submitted deadline extension requests in 2013."
    )
    assert _said(text) == []
    assert _said("Cameroon submitted that the deadline could not be met.") == [("CMR", None)]


def test_a_heading_of_common_nouns_is_no_person() -> None:
    text = (
        "Thematic Panel on Achieving Completion by 2025 - An innovative approach proposed "
        "by the Chilean presidency during the 2016 Intersessional Meeting."
    )
    assert not any(s.startswith("person:") for s, _ in _said(text))


def test_a_dated_release_of_what_a_committee_heard_today_dates_its_speakers() -> None:
    text = (
        "14 October 2013\n\nFirst Committee\n\n"
        "Cluster munitions were excessively injurious, the First Committee heard today.\n\n"
        "Underscoring their longevity, the delegate of Portugal said that such weapons "
        "continued to make victims.\n\n"
        "Afghanistan’s representative said that no State had been as affected."
    )
    assert _said(text) == [("AFG", "2013-10-14"), ("PRT", "2013-10-14")]
    # a release that also reports another day gives no one day to all its speakers
    other = text.replace("heard today", "heard today and yesterday")
    assert _said(other) == [("AFG", None), ("PRT", None)]


def test_party_labels_counts_and_compound_adjectives_are_no_names() -> None:
    # a Lithuanian daily (c36 lrytas), UN News (c36), an AFP dispatch (c36)
    party = "Social Democrat Ruslanas Baranovas also called for support for the convention."
    assert _said(party) == [("person:Ruslanas Baranovas", None)]
    counted = (
        "Five European countries – Estonia, Finland, Latvia, Lithuania and Poland – have "
        "recently announced that they intend to leave."
    )
    assert not any(s.startswith("person:") for s, _ in _said(counted))
    adjective = "The formerly Soviet-ruled Baltic state has also signalled its intention."
    assert _said(adjective) == []
    # a name's own hyphen stays: "Ban Ki-moon said" is the Secretary-General's
    assert _said("Ban Ki-moon said the treaty would enter into force.") == [("org:UN", None)]


def test_hosting_and_concluding_work_are_no_statements() -> None:
    # an ISU page (c38) and a Mine Ban Convention history page (c40)
    assert _said("Sudan has concluded a week of work leading the annual meeting.") == []
    hosted = "Belgium welcomed representatives of more than 150 countries to Brussels."
    assert _said(hosted) == []
    assert _said("Belgium welcomed the adoption of the Convention.") == [("BEL", None)]
    assert _said("The report concluded that clearance was complete.") == []
    assert _said("Norway concluded that the treaty works.") == [("NOR", None)]


def test_the_uns_deputies_and_a_delegate_with_the_state_in_brackets() -> None:
    # UN press releases (c42): an office of the UN's, and "Name (State)" for a delegate
    text = (
        "PRESS CONFERENCE ON THE FORTIETH RATIFICATION\n19980917\n"
        "The world had taken a major step, the Assistant Secretary-General for Peacekeeping "
        "Operations, Choi Young-Jin, told correspondents at a press conference this morning.\n"
        "Robert Fowler (Canada) said it was significant that the ratification was African.\n"
        "Ernst Sucharipa (Austria) also congratulated Burkina Faso on its ratification."
    )
    # the release's day is its eight-digit line, and its press conference that morning's
    assert _said(text) == [("AUT", "1998-09-17"), ("CAN", "1998-09-17"), ("org:UN", "1998-09-17")]
    deputy = "Deputy Secretary-General Asha-Rose Migiro urged all States to join the treaty."
    assert _said(deputy) == [("org:UN", None)]


def test_a_persons_pronoun_is_the_subject_not_the_states_in_the_clause() -> None:
    # a Reuters story (c43): the states are what Steve Goose noted, not speakers
    text = (
        "Human Rights Watch welcomed the treaty. Forty states joined, though big producers "
        "including the United States, Russia and China remain outside, he noted."
    )
    assert _said(text) == [("org:HRW", None)]


def test_a_brief_intervention_is_a_statement() -> None:
    # a Sri Lankan paper (c15): "made a brief intervention" by the Permanent Representative
    text = (
        "Sri Lanka accedes to Ottawa Treaty\n\nThe Permanent Mission of Sri Lanka deposited "
        "the Instrument of Accession.\n\nAt the event, the Permanent Representative, Dr. Rohan "
        "Perera made a brief intervention welcoming the initiative."
    )
    assert ("LKA", None) in _said(text)


def test_a_campaign_introduced_by_its_name_and_acronym_speaks_as_that_body() -> None:
    # a Monitor profile (c21) and an ICBL update (c13) introduce national campaigns
    text = (
        "The Nepal Campaign to Ban Landmines (NCBL) notes that such comments have not been "
        "made.\n\nLater, NCBL said it would go on."
    )
    assert {s for s, _ in _said(text)} == {"org:NCBL"}
    spoke = "Farida Gulamo spoke on behalf of the Mozambican Campaign Against Landmines (CMCM)."
    assert _said(spoke) == [("org:CMCM", None)]
    # a state's own authority is the state's, not a body of civil society
    lao = "The National Regulatory Authority (NRA) of Lao PDR said clearance goes on."
    assert not any(s.startswith("org:") for s, _ in _said(lao))


def test_observing_a_meeting_requesting_more_time_and_sponsoring_are_no_words() -> None:
    # ACA (c44), HI (c45) and ISU UNGA pages (c44)
    assert _said("Key non-signatories such as China and Russia observed the conference.") == []
    assert _said("Norway observed that the treaty had changed the world.") == [("NOR", None)]
    extension = "Argentina, Chad and Yemen requested additional time to clear mined areas."
    assert _said(extension) == []
    sponsor = "The draft resolution was submitted by Switzerland with the support of sponsors."
    assert _said(sponsor) == []
    assert _said("Chile requested that the meeting be suspended.") == [("CHL", None)]


def test_an_opening_day_without_its_comma_and_the_day_of_his_statement() -> None:
    # an ICBL page (c35) and an Arms Control Association report (c44)
    text = "On 28 October 2014 the International Campaign to Ban Landmines delivered a statement."
    assert _said(text) == [("org:ICBL", "2014-10-28")]
    his = (
        "Ambassador Karl Inderfurth of the United States said in his December 4, 1997 "
        "statement that it would not sign."
    )
    assert _said(his) == [("USA", "1997-12-04")]


def test_the_floor_listed_one_a_bullet_under_its_line() -> None:
    # an intersessional meeting's summary (c33): the speakers in bullets, links after some
    text = (
        "Intersessional Meetings > June 2004\n\nThursday 24 June\n\n"
        "The following States Parties which are in the process of destroying stockpiled "
        "antipersonnel mines provided updates:\n\n  • Afghanistan\n  • Angola PDF 390KB \n"
        "  • Colombia Spanish PDF 717KB \n  • Serbia and Montenegro PDF 70KB\n\n"
        "The meeting then closed."
    )
    assert _said(text) == [
        ("AFG", "2004-06-24"), ("AGO", "2004-06-24"), ("COL", "2004-06-24"),
        ("SRB", "2004-06-24"),
    ]  # fmt: skip
    # a list of what was decided is no floor
    assert _said("The meeting adopted the following decisions:\n  • Afghanistan\n") == []


def test_the_floor_goes_on_under_each_topics_heading() -> None:
    # a meeting's day report (c62): "continued informal discussions:", then each topic's
    # heading over the bullets of those who spoke to it
    text = (
        "Agenda Item #12\n\nThe States Parties held informal discussions:\n\n"
        "Victim assistance\n\n  • Norway\n  • Cambodia PDF 40KB\n\n"
        "Cooperation and assistance\n\n  • Sweden\n  • ICRC\n\n"
        "Agenda Item #13\n\nThe President then closed the discussion of this item and "
        "invited the meeting to consider the date of the next meeting.\n\n  • Ireland\n"
    )
    assert _said(text) == [("KHM", None), ("NOR", None), ("SWE", None), ("org:ICRC", None)]


def test_a_person_of_a_body_and_a_bodys_officer_named_before_the_person() -> None:
    # CMC and HRW releases (c47), an ICRC release (c47)
    assert _said('"We are committed," said Mary Wareham of Human Rights Watch.') == [
        ("org:HRW", None)
    ]
    commas = (
        '"It is progress," said Mary Wareham, deputy crisis, conflict and arms director at '
        "Human Rights Watch."
    )
    assert _said(commas) == [("org:HRW", None)]
    before = "The President of the ICRC, Cornelio Sommaruga, declared that he was delighted."
    assert _said(before) == [("org:ICRC", None)]


def test_those_who_did_the_same_and_a_list_after_a_long_cue() -> None:
    # an ICBL summary of the intersessionals (c49) and the ISU's (c49)
    same = (
        "The President of the upcoming Meeting, Chile, encouraged Ukraine to request an "
        "extended deadline, as did Austria, Ireland and the ICRC."
    )
    assert _said(same) == [("AUT", None), ("CHL", None), ("IRL", None), ("org:ICRC", None)]
    # an act the others did too is no statement of theirs
    act = "The United Kingdom announced completion of its stockpile destruction, as did Denmark."
    assert _said(act) == []
    long_cue = (
        "The following States Parties provided updates on challenges and work that remains "
        "in applying the victim assistance aspects of the Cartagena Action Plan at the "
        "national level: Afghanistan, Albania, Angola and, Peru."
    )
    assert [s for s, _ in _said(long_cue)] == ["AFG", "AGO", "ALB", "PER"]


def test_papers_submitted_a_headlines_passive_and_a_group_of_countries_are_no_words() -> None:
    # a Monitor profile (c28), a Ukrainian site (c44), ReliefWeb (c47), a Nordic head (c34)
    assert _said("Cameroon submitted its initial Mine Ban Treaty Article 7 report.") == []
    assert _said("Latvia also submitted a notification of denunciation of the treaty.") == []
    assert _said("Mozambique declared free from Cluster Munitions") == []
    assert _said("Mozambique declared that it was free of cluster munitions.") == [("MOZ", None)]
    nordic = "Statement by the Nordic Countries\n\nThe Nordic countries remain committed."
    assert not any(s.startswith("person:") for s, _ in _said(nordic))


def test_a_profiles_unnamed_officials_speak_for_its_state() -> None:
    # a Cluster Munition Monitor profile (c50): each unnamed official at a time of their own
    text = (
        "Indonesia\n\nCluster Munition Ban Policy\n\nIndonesia states that it has never used "
        "cluster munitions.\n\nIn October 2017, a government representative said that "
        "consultations are continuing. Previously, in 2015, another official said that "
        "Indonesia was consolidating internal issues."
    )
    assert _said(text) == [("IDN", None), ("IDN", None), ("IDN", None)]


def test_a_states_own_representative_to_a_body_and_a_datelines_agency() -> None:
    # an ISU release (c51) and a UN Information Service release (c52)
    oman = (
        '"Oman is proud," said Ambassador Lyutha Sultan Al-Mughairy, Oman’s Permanent '
        "Representative to the United Nations."
    )
    assert _said(oman) == [("OMN", None)]
    dateline = (
        "GENEVA, 31 July (UN Information Service) -- The future of the Conference depends "
        "on it, a United States representative said."
    )
    assert _said(dateline) == [("USA", None)]


def test_the_speakers_at_a_meeting_held_on_one_day_spoke_that_day() -> None:
    # an ISU page (c51): the briefing's day, then who spoke at it
    text = (
        "The briefing took place on 29 April 2024 at the Maison de la Paix in Geneva.\n\n"
        "The President inaugurated the session, followed by introductory remarks from "
        "Malawi. South Sudan shared its accession journey. The event concluded with "
        "remarks from Peru."
    )
    assert ("MWI", "2024-04-29") in _said(text) and ("SSD", "2024-04-29") in _said(text)
    # two meetings held on two days give no one day
    two = text.replace("Geneva.", "Geneva. A second one was held on 30 April 2024.")
    assert ("SSD", None) in _said(two)


def test_a_states_ministry_named_by_its_people_speaks_for_it() -> None:
    # IANS (c44): "The Latvian Ministry of Foreign Affairs noted that ..."
    text = "The Latvian Ministry of Foreign Affairs noted that the security situation changed."
    assert _said(text) == [("LVA", None)]
    assert _said("The Spanish Defence Ministry said it opposed the transfer.") == [("ESP", None)]


def test_a_dated_releases_headline_in_the_present_is_said_on_its_day() -> None:
    # a Swiss government release (c35): the day in figures after the city
    text = (
        "Switzerland welcomes the adoption of a new convention on cluster munitions\n\n"
        "Bern, 30.05.2008 - Switzerland is convinced of the need for new standards."
    )
    assert _said(text) == [("CHE", "2008-05-30")]
    # a headline in the past reports words of another day
    past = text.replace("welcomes", "welcomed")
    assert _said(past) == [("CHE", None)]


def test_a_statement_the_heading_gives_a_body_is_the_bodys_whoever_delivers_it() -> None:
    # a CMC statement (c25): the body in the heading, the person on the line under it
    text = (
        "Cluster Munition Coalition Statement on Stockpile Destruction to the Eighth Meeting "
        "of States Parties\n\nDelivered by Mary Wareham, Advocacy Director, Arms Division\n\n"
        "When we released the Monitor last Thursday, we highlighted compliance."
    )
    assert {s for s, _ in _said(text)} == {"org:CMC"}
    # a salutation is no person
    hello = "Your Royal Highness Princess Astrid, Your Excellencies, Ladies & Gentlemen: Thank you."
    assert not any(s == "person:Your Excellencies" for s, _ in _said(hello))


def test_a_body_named_last_in_the_heading_before_statement() -> None:
    # EU statements (c26, c34): "... - EU Statement" over "Geneva, 22/09/2021 - 17:46"
    text = (
        "Delegation of the European Union to the\n\nUN and other international organisations "
        "in Geneva\n\nConvention on Cluster Munitions - Second Review Conference Second Part - "
        "EU Statement\n\nGeneva, 22/09/2021 - 17:46, UNIQUE ID: 210922_14\n\nMr. President,\n\n"
        "At the outset, let me recall that the EU supports the humanitarian goal of the "
        "Convention."
    )
    assert _said(text) == [("org:EU", "2021-09-22")]


def test_a_state_named_first_in_a_statements_heading_is_its_speaker() -> None:
    # Sri Lanka's statement (c41)
    text = (
        "Sri Lanka Statement at 16th Meeting of the States Parties to the Convention\n\n"
        "Mr. President,\n\nOn 13th December, Sri Lanka deposited the Instrument of Accession."
    )
    assert ("LKA", None) in _said(text)


def test_an_office_alone_is_the_state_of_the_capital_the_release_is_datelined_in() -> None:
    text = (
        "Vienna, 13 November 2010 Press release\n\n"
        "Foreign Minister Michael Spindelegger welcomes results of the First follow up "
        "meeting of States Parties to the Convention on Cluster Munitions in Laos\n\n"
        "“With the destruction of all its stockpiles, we lead the movement”, Foreign "
        "Minister Michael Spindelegger said. Laos hosted the meeting."
    )
    assert [s for s, _ in _said(text)] == ["AUT"]
    # a dateline city that is no capital places no one: Geneva is not Switzerland's seat
    geneva = text.replace("Vienna, 13", "Geneva, 13")
    assert [s for s, _ in _said(geneva)] == ["person:Michael Spindelegger"]


def test_a_person_an_office_placed_once_keeps_the_state_when_named_alone() -> None:
    # the office is given where no one speaks ("has implored" is no verb of speech): the
    # later "Hun Sen called on" is still the Prime Minister of the state the story is about
    text = (
        "Prime Minister Hun Sen has implored NATO allies to halt the deployment of cluster "
        "bombs in Ukraine. As the Cambodian government’s leader he wrote on Twitter.\n\n"
        "Hun Sen called on the US to discontinue weapon supplies to Ukraine."
    )
    assert [s for s, _ in _said(text)] == ["KHM"]
    # named without an office anywhere, he is only himself
    bare = text.replace("Prime Minister Hun Sen", "Hun Sen")
    assert [s for s, _ in _said(bare)] == ["person:Hun Sen"]


def test_a_byline_person_speaks_for_the_body_the_first_sentence_names() -> None:
    text = (
        "Statement on Stockpile Destruction, Mine Ban Treaty Nineteenth Meeting of States "
        "Parties\n\nDelivered by Steve Goose, Executive Director\n\nThank you, Mr. President,"
        "\n\nWe very much appreciate the work of the Committee.\n\nThe ICBL commends Sri "
        "Lanka for completing its stockpile destruction program late this summer."
    )
    assert [s for s, _ in _said(text)] == ["org:ICBL"]
    # a state that opens the speech is the one congratulated, not the speaker
    object_first = text.replace("The ICBL commends Sri Lanka", "Sri Lanka was commended")
    assert [s for s, _ in _said(object_first)] == ["person:Steve Goose"]


def test_a_secretary_of_a_states_foreign_affairs_speaks_for_it() -> None:
    text = (
        "The Permanent Secretary for Foreign Affairs of Thailand declared Thailand’s progress "
        "in releasing four provinces from land mine contamination."
    )
    assert _said(text) == [("THA", None)]
    # a secretary of a body, not of a state, is no state's voice
    assert _said("The Secretary of the Committee declared the session open.") == []


def test_after_a_contrast_the_verb_has_its_own_subject() -> None:
    text = (
        "The declaration was snubbed by key arms manufacturing nations - including the US, "
        "Russia, Israel and China - but organisers said other nations needed to forge ahead."
    )
    assert _said(text) == []
    # with no contrast the states listed are the ones who spoke
    assert [s for s, _ in _said("Nations including the US, Russia and China said no.")] == [
        "CHN",
        "RUS",
        "USA",
    ]


def test_the_speaker_after_a_comma_and_the_verb_is_the_one_who_spoke() -> None:
    text = (
        "Britain, Denmark and Venezuela are among other countries who need to step up mine "
        "clearing efforts to live up to their treaty obligations, warned Steve Goose of Human "
        "Rights Watch."
    )
    assert _said(text) == [("org:HRW", None)]
    # the speaker before the verb is read as before
    assert _said("Britain and Denmark need to do more, the ICBL said.") == [("org:ICBL", None)]


def test_an_office_in_small_letters_in_a_states_army_is_the_states() -> None:
    text = "“The last mine was removed,” said Spiro Bassi, chief engineer of the Nicaraguan army."
    assert _said(text) == [("NIC", None)]
    # a place in the state is no office of its own
    elsewhere = "“We are done,” said Sheila Mweemba, a teacher in the Zambian capital."
    assert _said(elsewhere) == [("person:Sheila Mweemba", None)]


def test_the_one_day_that_closes_the_verbs_clause_dates_the_statement() -> None:
    text = (
        "The Permanent Representative of Republic of Iraq to the United Nations Office in "
        "Geneva, Ambassador Hussein Mahmoud AlKhateeb, delivered the statement of Iraq during "
        "the discussions on clearance and risk reduction, on 2nd September 2019."
    )
    assert _said(text) == [("IRQ", "2019-09-02")]
    # a day of something else in the clause dates nothing
    other = text.replace(", on 2nd September 2019.", ", adopted on 2nd September 2019.")
    assert _said(other) == [("IRQ", None)]


def test_the_day_in_brackets_under_a_statements_title_is_the_day_it_was_delivered() -> None:
    text = (
        "Statement by the Chinese Observer Delegation at the 14th Meeting of the States "
        "Parties to the Ottawa Convention\n2015/12/01\n\nStatement by the Chinese Observer "
        "Delegation at the 14th Meeting of the States Parties to the Ottawa Convention\n\n"
        "(2015/11/30, Geneva)\n\nMr President, We are pleased to see the Convention grow."
    )
    assert _said(text) == [("CHN", "2015-11-30")]


def test_a_speech_that_opens_by_naming_whom_it_speaks_for_is_theirs() -> None:
    text = (
        "Convention on Cluster Munitions - First Preparatory meeting to the Second Review "
        "Conference\n\n29.06.2020\nGeneva\n\nMr. President,\n\nI have the honour to speak on "
        "behalf of the European Union.\n\nThe EU congratulates the Swiss Presidency on the "
        "assumption of its important role. The EU supports the humanitarian goal of the "
        "Convention."
    )
    assert _said(text) == [("org:EU", "2020-06-29")]


def test_a_state_named_as_a_citys_country_is_a_place_not_a_speaker() -> None:
    text = (
        "The Wellington Declaration was adopted by 79 States in Wellington, New Zealand, on "
        "22 February 2008, which proposed the principles that would go into the Convention."
    )
    assert _said(text) == []
    # a state's name that is also a city somewhere is still the state in a list
    listed = "Mexico, Honduras and Ghana raised concerns about the retention provision."
    assert [s for s, _ in _said(listed)] == ["GHA", "HND", "MEX"]


def test_the_present_of_a_dispatchs_first_sentence_is_said_on_the_datelines_day() -> None:
    text = (
        "(Beirut, Lebanon, 13 November 2008) - The Cluster Munition Coalition welcomes "
        "Lebanon's strong endorsement of the new international treaty banning cluster bombs."
    )
    assert _said(text) == [("org:CMC", "2008-11-13")]
    # a past tense there is not said that day
    past = text.replace("welcomes", "has long argued for")
    assert _said(past) == [("org:CMC", None)]


def test_todays_discussions_date_the_states_that_spoke_in_them_once_each() -> None:
    # a CMC release (c49): "today" stands before the speakers, in a sentence run on to the
    # last without a space; the second sentence is the same occasion for Chad and Hungary
    text = (
        "16 April 2012\n\n(Geneva, 16 April 2012) This week's meeting on the ban began "
        "today.During today's discussions on universalisation, Australia, Chad and Hungary "
        "all announced that they will become states parties in the coming months. Chad and "
        "Hungary announced parliamentary approval."
    )
    assert _said(text) == [("AUS", "2012-04-16"), ("HUN", "2012-04-16"), ("TCD", "2012-04-16")]
    # "today and yesterday" leaves the day of each speaker unknown (an ICBL statement, c5)
    both = (
        "Statement on Universalization\n11th Meeting of States Parties, Geneva, 1 December "
        "2011\n\nWe appreciate the updates today and yesterday from other states not party, "
        "including from China, India and Somalia."
    )
    assert ("CHN", None) in _said(both)


def test_all_said_at_a_press_conference_this_morning_was_said_that_day() -> None:
    # a UN press briefing (c42), dated in its head, that also recalls "yesterday"
    text = (
        "PRESS CONFERENCE MARKING FORTIETH RATIFICATION\n19980917\nThe world had taken a "
        "major step, the Assistant Secretary-General told correspondents at a Headquarters "
        "press conference this morning.\nThe press conference marked the fortieth "
        "ratification yesterday of the Ottawa Convention.\nRobert Fowler (Canada) said it "
        "was significant that the fortieth ratification had come from an African nation."
    )
    assert ("CAN", "1998-09-17") in _said(text)


def test_a_speech_is_of_the_state_whose_commitment_it_reaffirms() -> None:
    # Sri Lanka at the 10MSP (c25): no byline, the posting day within the meeting's days
    text = (
        "Tenth Meeting of States Parties to the Convention on Cluster Munitions (10MSP) 30 "
        "August to 2 September 2022\n\n30 Aug 2022 10msp 4 c\n\nAgenda Item 8: General "
        "Exchange of Views\n\nMr. President,\n\nWe join with other delegations in "
        "congratulating the President.\n\nMr. President,\n\nAt the outset allow me to "
        "reiterate Sri Lanka’s strong commitment to realize the humanitarian objectives of "
        "the Convention."
    )
    assert _said(text) == [("LKA", "2022-08-30")]
    # New Zealand (c41): a speech that opens with thanks, undated
    thanks = (
        "Ministry Statements & Speeches:\nThank you to the coordinators for their "
        "presentation.\nAs this is my first time taking the floor in this meeting, please "
        "allow me to reaffirm New Zealand’s unwavering and unequivocal commitment to the "
        "Convention on Cluster Munitions."
    )
    assert _said(thanks) == [("NZL", None)]
    # a report that the state reaffirmed its commitment is no speech of that state's
    report = "Mr. President, we note that Chile's commitment to the Convention is strong."
    assert ("CHL", None) not in _said(report)


def test_a_states_office_holder_closing_reported_words_speaks_for_it() -> None:
    # a Norwegian release (c19) and a UN First Committee summary (c52)
    says = (
        "We are now heading towards an international ban on cluster munitions, says "
        "Norway’s Minister of Foreign Affairs, Jonas Gahr Støre."
    )
    assert _said(says) == [("NOR", None)]
    pointed = (
        "With delegates voicing different opinions on the draft, Egypt’s representative "
        "pointed out that the language in preambular paragraphs was unbalanced."
    )
    assert _said(pointed) == [("EGY", None)]
    # a state after the verb that holds no office is what was said, not who said it
    assert ("NOR", None) not in _said("The ban is near, says a report on Norway’s role.")


def test_a_page_of_statement_links_names_offices_replies_and_behalfs() -> None:
    # the CCM's First Review Conference page (c59)
    text = (
        "First Review Conference (1RC)\n\n"
        "Statement by Ms. Virgina Gamba, UNODA on Behalf of UN Secretary-General\n"
        "Statement by Minister of Defense of Niger\n"
        "Statement by State Secretary and Deputy Minister of Defense of Slovakia\n"
        "Statement by Vice-Minister for Foreign Affairs of Lao P.D.R.\n"
        "Statement by Germany\n"
        "Right to reply by Sudan\n"
        "Statement by IFRC\n"
    )
    assert _said(text) == [
        ("DEU", None), ("LAO", None), ("NER", None), ("SDN", None), ("SVK", None),
        ("org:IFRC", None), ("org:UN", None),
    ]  # fmt: skip
    # an office of a body that is no state names no speaker of the line
    assert _said("Statement by Minister of Defense of the Realm\nStatement by Germany\n") == [
        ("DEU", None)
    ]


def test_a_standing_position_is_not_dated_by_the_dispatch_that_reports_it() -> None:
    # an AFP report from the Vienna conference (c32)
    text = (
        "Vienna, December 5, 2007 - Cluster bomb ban talks opened today in Vienna. Some 83 "
        "nations voiced their support for the move, but key countries such as China, Russia "
        "and the United States -- the main makers of such munitions -- remain opposed to an "
        "outright ban."
    )
    said = _said(text)
    assert ("CHN", None) in said and ("USA", None) in said
    # words said that day still are
    spoke = text + " China said today that it would attend as an observer."
    assert ("CHN", "2007-12-05") in _said(spoke)


def test_a_ministry_named_by_its_demonym_speaks_for_its_state() -> None:
    # shapes of news agency reports: a source after "according to", a spokesman's ministry
    according = "According to the Chilean Foreign Ministry, the stockpile was destroyed."
    assert _said(according) == [("CHL", None)]
    spokesman = "A spokesman for the French Foreign Ministry said Paris would ratify soon."
    assert _said(spokesman) == [("FRA", None)]
    # a demonym alone is no source: "according to Chilean law"
    assert _said("According to Chilean law, the stockpile was destroyed.") == []


def test_a_statements_numbered_body_does_not_lend_its_days_to_the_head() -> None:
    # Japan's foreign ministry (c54): the head's one day, then paragraph 1's other day
    text = (
        "Statement by Mr. Katsuya Okada, Minister for Foreign Affairs, on the Entry into "
        "Force of the Convention on Cluster Munitions\n\nFebruary 17, 2010\n\n  1. On February "
        "16 (New York time), the 30th instrument of ratification necessary for the entry into "
        "force of the Convention was submitted to the Secretary-General. Japan welcomes the "
        "entry into force of this Convention.\n\n  2. Japan has taken the humanitarian "
        "concerns caused by cluster munitions very seriously, and Japan will continue to "
        "work for the universalisation of the Convention."
    )
    assert ("JPN", "2010-02-17") in _said(text)


def test_the_statement_page_reader_the_store_uses_takes_offices_and_replies() -> None:
    # the CCM's First Review Conference page (c59), as ingest reads a page of statements
    from treatywatch.ingest.extract import statement_lists

    page = (
        "First Review Conference (1RC)\n\n"
        "Statement by Minister of Defense of Niger\n"
        "Statement by Deputy Minister of Foreign Affairs of Zambia\n"
        "Right to reply by Sudan\n"
        "Statement by Vice-Minister for Foreign Affairs of Lao P.D.R.\n"
        "Statement by Germany\n"
        "Statement by Germany and France\n"
    )
    found = statement_lists.find_statement_list(page, None)
    assert [s["speaker"] for s in found] == ["NER", "ZMB", "SDN", "LAO", "DEU"]


def test_a_national_affiliate_of_a_body_speaks_for_the_body_not_its_country() -> None:
    # Oxfam New Zealand, 7 December 2007 (c64)
    text = (
        "Oxfam New Zealand has called on the government to do its utmost to secure a strong "
        "global ban on cluster munitions.\n\n“Our reputation is on the line here,” said Mary "
        "Wareham of Oxfam New Zealand."
    )
    speakers = {speaker for speaker, _ in _said(text, "2007-12-07")}
    assert "NZL" not in speakers
    assert "org:Oxfam" in speakers


def test_a_byline_over_an_observers_office_is_the_state_it_observes_for() -> None:
    # Holy See statement to the 13MSP, 16 September 2025 (c64)
    text = (
        "Statement of H.E. Archbishop Ettore Balestrero, Apostolic Nuncio\n\n"
        "Permanent Observer of the Holy See to the United Nations\n\n"
        "at the 13th Meeting of States Parties to the Convention on Cluster Munitions\n\n"
        "Geneva, 16 September 2025\n\n"
        "Mr. President,\n\nMy Delegation joins the previous speakers in welcoming Vanuatu."
    )
    assert _said(text, "2025-09-16") == [("VAT", "2025-09-16")]


def test_a_portfolio_after_minister_is_no_first_name() -> None:
    text = (
        "Lithuania has withdrawn from the Convention. Minister of Defence Laurinas Kasciunas "
        "said that the withdrawal is due to the changing geopolitical situation."
    )
    assert ("person:Laurinas Kasciunas", None) in _said(text, "2025-03-06")


def test_words_given_by_saying_and_words_shared_by_an_agent() -> None:
    opened = (
        "Hilde Johnson, the deputy director of UNICEF, opened the conference by saying "
        "cluster bombs have inflicted harm."
    )
    assert _said(opened, "2008-02-18") == [("org:UNICEF", None)]
    shared = "Progress was made in its Parliament, as shared by Vanuatu."
    assert _said(shared, "2025-03-20") == [("VUT", None)]
    noted = "As noted by the ICRC, the stockpiles remain."
    assert _said(noted, "2025-03-20") == [("org:ICRC", None)]
    # a state the words are about, not by, says nothing
    assert _said("The funds were shared by Vanuatu and Fiji.", "2025-03-20") == []


def test_a_state_welcomed_as_a_party_says_nothing() -> None:
    headline = "Sri Lanka welcomed as a State Party to the Anti – Personnel Mine Ban Convention"
    assert _said(headline, "2017-12-19") == []
    # the active "welcomed" is words all the same
    assert _said("Chile welcomed the adoption of the plan.", "2017-12-19") == [("CHL", None)]


def test_a_lead_in_the_present_after_a_city_and_a_dash_is_said_on_the_releases_day() -> None:
    # SAnews, Thursday 5 September 2013 (c54)
    text = (
        "SA throws its weight behind Convention of Cluster Munitions\n\n"
        "Thursday, September 5, 2013\n\n"
        "Pretoria - South Africa says it supports the destruction of cluster munitions stocks."
    )
    assert _said(text, "2013-09-05") == [("ZAF", "2013-09-05")]
    # a word before the dash that is no city dates nothing
    other = (
        "Thursday, September 5, 2013\n\nUpdate - South Africa says it supports the "
        "destruction of cluster munitions stocks."
    )
    assert _said(other, "2013-09-05") == [("ZAF", None)]


def test_a_participle_after_a_possessive_is_no_verb_of_the_state() -> None:
    # the US Campaign to Ban Landmines on the CCM's Third Meeting, 2012 (c22)
    text = (
        "The report notes Libya and Thailand's confirmed instances of cluster munitions use "
        "since entry into force of the convention."
    )
    assert _said(text, "2012-09-14") == []
    # the state's own verb, and its delegation's, are words all the same
    assert _said("Thailand confirmed its use of cluster munitions.", "2012-09-14") == [
        ("THA", None)
    ]


def test_a_heading_in_title_case_names_the_state_after_the_office() -> None:
    # Cambodia's opening statement to the 11MSP, 2011 (c69), its heading in title case
    text = (
        "Opening Statement By Hun Sen, Prime Minister Of The Kingdom Of Cambodia\n\n"
        "Excellencies, distinguished delegates, the meeting is opened."
    )
    assert [s for s, _ in _said(text, "2011-11-28")] == ["KHM"]
    austria = (
        "Statement by Ana Lopez, Federal Minister of Foreign Affairs of the Republic of "
        "Austria\n\nThank you, Mr. President."
    )
    assert [s for s, _ in _said(austria, "2008-12-03")] == ["AUT"]
    # the office's words alone: a person with no state after the office stays a person
    alone = "Opening Statement By Hun Sen, Prime Minister Of The Day\n\nThe meeting is opened."
    assert [s for s, _ in _said(alone, "2011-11-28")] == ["person:Hun Sen"]


_BODY = (
    "It is with deep regret that we acknowledge the decision by Lithuania to proceed with "
    "its withdrawal from the Convention on Cluster Munitions, which took effect today. It "
    "is an unprecedented decision that risks eroding the norms that prohibit the use of "
    "these weapons, which have caused indiscriminate harm over the past decades.\n\n"
    "Efforts were exerted by many to engage Lithuania to reconsider its decision, given the "
    "Convention's role in humanitarian disarmament and the obligation to promote universal "
    "adherence to it.\n\n"
)


def test_a_sign_off_names_the_speaker_of_the_text_above_it() -> None:
    signed = (
        "Statement of the 13MSP Presidency on Lithuania's withdrawal\n\nMarch 6, 2025\n\n"
        + _BODY
        + "Carlos D. Sorreta\n\nAmbassador and Permanent Representative\n\n"
        "Philippine Mission to the United Nations and Other International Organizations\n\n"
        "Geneva\n"
    )
    assert ("PHL", "2025-03-06") in _said(signed)
    # by an organisation, dated in the sign-off itself
    assert ("org:CMC", "2010-08-01") in _said(
        _BODY + "Thomas Nash\nCoordinator, Cluster Munition Coalition\nLondon, 1 August 2010\n"
    )


def test_a_releases_contacts_or_a_short_page_are_no_sign_off() -> None:
    assert not any(
        s == "CAN"
        for s, _ in _said(
            _BODY + "Jane Doe\nMedia Relations Office\nDirector, Global Affairs Canada\n"
            "Tel: 343-203-7700\n"
        )
    )
    assert not _said(
        "Carlos D. Sorreta\nAmbassador and Permanent Representative of the Philippines\n"
    )


def test_a_record_kept_by_day_dates_what_is_said_under_each_days_heading() -> None:
    record = (
        "Stockpile Destruction\n\nMonday 25 MAY\n\n1. Opening of the meeting\n\n"
        "Updates were given. Belarus said that it had destroyed a further 300,000 mines.\n\n"
        "Tuesday 26 MAY\n\nGreece stated that its destruction programme was under way.\n"
    )
    assert _said(record, date="2009-05-26") == [("BLR", "2009-05-25"), ("GRC", "2009-05-26")]
    # a post's own date line is no such heading: what it reports may be of any day
    post = (
        "Disarmament Insight\n\nWednesday, 30 May 2007\n\nThe Road from Lima\n\n"
        "Others, such as the Netherlands, questioned this threshold.\n"
    )
    assert _said(post) == [("NLD", None)]


def test_a_person_with_the_state_they_hold_office_for_speaks_for_it() -> None:
    # the state after a comma closing a heading's line
    heading = (
        "Statement by Ambassador Wolfgang Petritsch, Austria\n\n"
        "Thank you, Mr. President. We support a ban on cluster munitions.\n"
    )
    assert [s for s, _ in _said(heading)] == ["AUT"]
    # the state's office in a heading's capitals, after a long name
    title = (
        "Opening Statement By Samdech Akka Moha Sena Padei Techo Hun Sen, Prime Minister Of "
        "The Kingdom Of Cambodia\n\nExcellencies, we are committed to a mine-free world.\n"
    )
    assert [s for s, _ in _said(title)] == ["KHM"]
    # the state's possessive before the office
    sentence = (
        "At the meeting, Mr. Danilo Rueda, Colombia's High Commissioner for Peace, said that "
        "the country would finish clearance by 2025."
    )
    assert [s for s, _ in _said(sentence)] == ["COL"]


def test_a_state_with_a_word_of_description_still_closes_a_run_of_subjects() -> None:
    text = (
        "Malaysia, Gabon, Kiribati, Tajikistan, and newly independent South Sudan all "
        "indicated that they plan to accede to the convention."
    )
    assert [s for s, _ in _said(text)] == ["GAB", "KIR", "MYS", "SSD", "TJK"]


def test_an_agency_named_in_either_spelling_is_itself_not_the_un() -> None:
    text = (
        "Helen Clark, Administrator of the United Nations Development Program (UNDP), said "
        "the meeting was to celebrate progress to date."
    )
    assert [s for s, _ in _said(text)] == ["org:UNDP"]


def test_a_person_whose_words_open_on_a_state_speaks_for_it() -> None:
    said = _said(
        "Lusaka. PRESIDENT Michael Sata says Zambia has demonstrated its resolve and "
        "political will to domesticate the convention on cluster munitions."
    )
    assert said == [("ZMB", None)]
    said = _said(
        "At the meeting, Mr. Chomyaeng Phengthongsawat, Director General of the NRA, "
        "emphasized that Laos is committed to improving risk reduction activities."
    )
    assert said == [("LAO", None)]
    # a correspondent's or a campaigner's words are their own
    assert _said("The BBC's defence correspondent Rob Watson says Russia is unlikely to join.") == [
        ("person:Rob Watson", None)
    ]
    assert _said(
        "Mary Wareham, a campaigner with the coalition, said that Russia has used them."
    ) == [("person:Mary Wareham", None)]


def test_a_second_speaker_with_a_verb_of_its_own_after_and() -> None:
    said = _said(
        "In addition, Haiti announced that it had completed its internal ratification "
        "procedure and Palau indicated that it will accede to the Convention in coming months."
    )
    assert said == [("HTI", None), ("PLW", None)]
    # coordinated subjects of one verb are still one clause
    assert _said("Norway and the United Kingdom stated that they support the text.") == [
        ("GBR", None), ("NOR", None),
    ]  # fmt: skip


def test_a_states_unnamed_minister_in_a_profile_speaks_for_it() -> None:
    text = (
        "ANDORRA, Landmine Monitor Report 1999\n\nAndorra signed the Mine Ban Treaty on 3 "
        "December 1997 and ratified it on 29 June 1998. At the treaty signing ceremony, the "
        "Minister of Foreign Relations pledged Andorra’s support for United Nations demining "
        "efforts. Andorra did not participate in the Ottawa Process meetings."
    )
    assert [s for s, _ in _said(text)] == ["AND"]


def test_a_body_introduced_with_its_acronym_speaks_as_itself_or_its_state() -> None:
    # a campaign's long name holding a known body's is its own body, not that one
    said = _said(
        "Samoa’s ratification should spur others to join the ban, the Aotearoa New Zealand "
        "Cluster Munition Coalition (ANZCMC) said today."
    )
    assert said == [("org:ANZCMC", None)]
    # the body's office before the person: the body speaks
    said = _said(
        "The campaign is led by the Suva-based Pacific Concerns Resource Center (PCRC). "
        "PCRC’s disarmament campaigner Ema Tagicakibau said that it is our responsibility."
    )
    assert said == [("org:PCRC", None)]
    # a state's own authority, named with the state, is the state
    said = _said(
        "The Cambodian Mine Action and Victim Assistance Authority (CMAA) has undertaken "
        "work. The remarks were made by CMAA first vice-president Ly Thuch during the opening."
    )
    assert said == [("KHM", None)]


def test_a_sentence_opening_on_its_day_dates_its_words_wherever_it_stands() -> None:
    # the sentence is not the text's first: its own "On 14 March 2007" still dates it
    said = _said(
        "Cambodia did not attend the initial meeting in February 2007. On 14 March 2007, "
        "the Deputy Prime Minister of Cambodia, Sok An, announced Cambodia’s decision to "
        "join the Oslo Process."
    )
    assert said == [("KHM", "2007-03-14")]


def test_a_report_of_a_meeting_on_one_day_dates_the_updates_given_at_it() -> None:
    said = _said(
        "On 20 June 2024, delegations convened for their first preparatory meeting. The "
        "meeting was held in Geneva.\nCambodia provided an update on logistical matters."
    )
    assert said == [("KHM", "2024-06-20")]


def test_a_capital_for_its_government_and_a_source_named_by_its_organ() -> None:
    assert _said("Kyiv has said it will leave the convention.") == [("UKR", None)]
    assert _said("Officials in Vilnius said the vote was historic.") == [("LTU", None)]
    assert _said("According to the government of Finland, the decision was final.") == [
        ("FIN", None)
    ]
    # a city that is no capital, or one that is not the subject, speaks for no state
    assert _said("Delegates met in Geneva and said the talks were good.") == []
    assert _said("The meeting in Oslo heard that the talks were good, delegates said.") == []


def test_a_report_of_one_occasion_dates_what_was_said_at_it() -> None:
    dispatch = (
        "PHNOM PENH, Nov. 27 (Xinhua) -- The 11th Meeting of the States Parties (11MSP) of "
        "the Ottawa Convention kicked off here on Sunday evening.\n"
        "Speaking at the opening of the 11MSP at Phnom Penh’s Peace Palace, the Prime "
        "Minister of Cambodia Hun Sen said it was a great honor to host such an event."
    )
    assert _said(dispatch, date="2011-11-27") == [("KHM", "2011-11-27")]
    # of a meeting of several days, only its opening has a day
    week = (
        "Geneva, 17 September 2002. The Fourth Meeting of States Parties was held in Geneva "
        "from 16 to 20 September 2002.\nNorway said the treaty was working."
    )
    assert _said(week, date="2002-09-17") == [("NOR", None)]
    # a treaty's history recalled years later is no occasion of the text's
    history = (
        "San José, 10 March 2014. The convention was signed in Oslo on 3 December 2008.\n"
        "Costa Rica said it would host the meeting."
    )
    assert _said(history, date="2014-03-10") == [("CRI", None)]
    # nor where the text guesses its own date from the first day it names
    assert _said(history.split(". ", 1)[1]) == [("CRI", None)]


def test_the_plural_say_has_a_named_subject_only_where_the_name_touches_it() -> None:
    assert _said("The United States and Russia say the weapons are useful.") == [
        ("RUS", None),
        ("USA", None),
    ]
    assert _said("Some countries, such as Britain and the US, say the bombs are legal.") == [
        ("GBR", None),
        ("USA", None),
    ]
    # "campaigners say": the name before them is no speaker, nor is a modal's "can say"
    assert (
        _said(
            "A bell outside London's Westminster Cathedral rang, though campaigners "
            "against landmines say it should be heard as a warning."
        )
        == []
    )
    assert _said("Having heard from President Michel Suleiman, I can say no more.") == []


def test_a_relative_clause_of_office_makes_the_person_speak_for_the_state() -> None:
    said = _said(
        '"They look like bottles of perfume," said Gebran Soufan, who heads Lebanon\'s '
        "diplomatic mission in Geneva."
    )
    assert said == [("LBN", None)]
    assert _said("Ms Ana Ruiz, who leads the Chilean delegation, said the text was weak.") == [
        ("CHL", None)
    ]
    # a relative clause about something else gives the person no state
    assert _said("Jody Williams, who visited Lebanon's south, said the bombs kill.") == [
        ("person:Jody Williams", None)
    ]


def test_a_un_release_of_the_secretary_generals_text_is_the_uns_on_its_dateline_day() -> None:
    release = (
        "SG/SM/7961\n19 September 2001\n\n"
        'SECRETARY-GENERAL, IN MESSAGE TO MINE-BAN CONVENTION PARTIES, EVOKES "ENORMOUS" '
        "CHALLENGES STILL AHEAD\n\n"
        "NEW YORK, 18 September (UN Headquarters) -- Following is the text of the message "
        "from Secretary-General Kofi Annan to the Third Meeting of the States Parties to the "
        "Mine-Ban Convention, delivered in Managua today:\n\n"
        "I am pleased to convey my greetings to all the participants."
    )
    assert _said(release) == [("org:UN", "2001-09-18")]
    heading = (
        "New York\n\n29 September 2015\n\n"
        "Secretary-General's Message to Ministerial-Level Reception on Mine Action\n\n"
        "Welcome to this important event, co-hosted with the United Nations."
    )
    assert _said(heading) == [("org:UN", "2015-09-29")]


def test_a_parliaments_vote_is_its_states_position() -> None:
    assert _said("Lithuania’s parliament backs pullout from Convention on Cluster Munitions") == [
        ("LTU", None)
    ]
    assert _said("Latvian parliament adopts bill on country’s withdrawal from the treaty") == [
        ("LVA", None)
    ]
    assert _said(
        "Between April and June 2025, the Parliaments of Estonia, Latvia and Lithuania each "
        "voted to approve their country’s exit from the 1997 Convention."
    ) == [("EST", None), ("LTU", None), ("LVA", None)]
    # a house that only sits, or a state named after it, says nothing
    assert _said("The Latvian parliament will debate the treaty next week.") == []


def test_each_paragraph_of_a_country_profile_on_its_state_is_another_occasion() -> None:
    profile = (
        "Poland\n\nMine Ban Policy\n\nLast updated: 26 October 2017\n\n"
        "Poland has reported that the Mine Ban Treaty is superior to domestic law.\n\n"
        "Poland attended the Fifteenth Meeting of States Parties in Santiago, where it "
        "provided an update on its stockpile destruction.\n\n"
        "Poland has regularly stated that it does not produce antipersonnel mines.\n"
    )
    assert _said(profile) == [("POL", None)] * 3
    # a news story's paragraphs carry one speaker's words on
    story = profile.replace("Mine Ban Policy", "News").replace("Last updated: ", "")
    assert _said(story) == [("POL", None)]


def test_a_title_then_the_persons_own_title_after_a_closing_quote() -> None:
    said = _said(
        "“It is a strong plan,” said the Summit President, Ambassador Susan Eckey of Norway."
    )
    assert said == [("NOR", None)]
    said = _said("“It is a strong plan,” said the Summit President, H.E. Mr. Ali Khan of Pakistan.")
    assert said == [("PAK", None)]
