"""How meetings are named, placed and dated in documents the extractor has not seen (issue
20): each test is written from a sentence or heading of the corpus, and states the rule of
usage it relies on rather than the document it came from."""

from __future__ import annotations

import datetime as dt

from treatywatch.ingest.extract import dates, events, text


def _events(body: str, date: str | None = None) -> list[tuple[str | None, str | None]]:
    reference, exact = dates.reference_date(body, date)
    return sorted(
        ((e["start"], e["city"]) for e in events.find_events(body, reference, exact)), key=str
    )


def test_an_acronym_in_brackets_does_not_part_a_meeting_from_its_days() -> None:
    body = (
        "The Second Meeting of States Parties (2MSP) took place in Beirut, Lebanon, from 13 "
        "to 16 September 2011 and gathered more than 100 states."
    )
    assert _events(body) == [("2011-09-13", "Beirut")]


def test_each_meeting_takes_the_date_just_before_it() -> None:
    body = (
        "On February 1-2, 2001, a seminar was held in Budapest, Hungary, on the PFM mine "
        "problem, while on February 15-16, 2001 a seminar was held in Bamako, Mali, on "
        "implementation, including a workshop on stockpile destruction."
    )
    assert _events(body) == [("2001-02-01", "Budapest"), ("2001-02-15", "Bamako")]


def test_a_footnote_mark_ends_a_sentence() -> None:
    body = (
        "On 24 February 2009, the National Assembly approved the ratification.[1] Lao PDR "
        "has offered to host the First Meeting of States Parties in Vientiane.[3]"
    )
    assert [b.text(body)[:5] for b in text.sentences(body)] == ["On 24", "Lao P"]
    assert _events(body) == [(None, "Vientiane")]


def test_a_dated_lead_sentence_is_not_an_agenda_line() -> None:
    body = (
        "5 Dec 2025 – The 22nd meeting of states parties to the Anti-Personnel Mine Ban "
        "Convention concluded in Geneva today with widespread expressions of regret over the "
        "impending withdrawals of five countries."
    )
    # concluded today: the last day, so the first stays unknown
    assert _events(body, "2025-12-05") == [(None, "Geneva")]


def test_a_heading_and_the_place_and_day_under_it() -> None:
    body = "Fourth Committee\n\n(New York, October 29, 2009)\n\nStatement by Ambassador Blum"
    assert _events(body) == [("2009-10-29", "New York")]


def test_the_place_on_the_line_under_a_meetings_name() -> None:
    body = (
        "Statement on Universalization\n11th Meeting of States Parties, Mine Ban Treaty\n"
        "Phnom Penh, Cambodia\n1 December 2011\n\nThank you Mr. Chair,"
    )
    # the day under a speech's heading is the speech's, not the meeting's first
    assert _events(body) == [(None, "Phnom Penh")]


def test_a_speech_heading_dates_the_speech_and_a_range_dates_the_meeting() -> None:
    speech = (
        "Statement by Mr Olivier Vodoz, ICRC Vice-President, Fourth Meeting of States Parties "
        "to the Convention on Cluster Munitions, Lusaka, Zambia, 10 September 2013"
    )
    assert _events(speech) == [(None, "Lusaka")]
    meeting = (
        "Second Review Conference of States Parties to the Convention on Cluster Munitions "
        "(CCM), virtual from Geneva, 25-27 November 2020 [first part]. Statement delivered by "
        "Norway."
    )
    assert _events(meeting) == [("2020-11-25", "Geneva")]


def test_a_dispatch_places_what_its_first_sentence_reports() -> None:
    body = (
        "02.03.2016\nMore photos of the Pledging Conference can be found on Flickr.Geneva - On "
        "2 March, during a pledging conference for implementation of the Convention, Sri Lanka "
        "announced that it will accede."
    )
    assert _events(body, "2016-03-02") == [("2016-03-02", "Geneva")]
    message = (
        "San Jose\n\n02 September 2014\n\nSecretary-General's message to the Fifth Meeting of "
        "States parties to the Convention on Cluster Munitions\n\nI am pleased to greet you."
    )
    assert _events(message, "2014-09-02") == [(None, "San Jose")]


def test_this_occasion_is_where_the_speech_was_given() -> None:
    body = (
        "Signing of the Convention on Cluster Munitions\n\n3 December, Oslo, Norway\n\n"
        "Excellencies, ladies and gentlemen,\n\nI warmly thank the Government of Norway for "
        "hosting this historic signing ceremony for the Convention on Cluster Munitions."
    )
    assert _events(body, "2008-12-03") == [(None, "Oslo")]


def test_a_diplomats_posting_is_not_the_meetings_place() -> None:
    body = (
        "The meeting was opened by the President of the Fourteenth Meeting of the States "
        "Parties (14MSP), H.E. Bertrand de Crombrugghe, Ambassador and Permanent "
        "Representative of Belgium to the United Nations in Geneva."
    )
    assert _events(body) == []


def test_a_bare_common_noun_names_no_meeting() -> None:
    body = (
        "In March 2010, ICBL members in 60 countries around the world contacted US embassies "
        "requesting meetings to discuss the policy review."
    )
    assert _events(body) == []


def test_mentions_of_one_meeting_by_common_nouns_are_one() -> None:
    body = (
        "It will form the basis of formal negotiations at a diplomatic conference in Dublin "
        "in May. Delegates will take part in talks in Dublin, an international meeting in "
        "Dublin that aims to create a treaty."
    )
    assert _events(body, "2008-02-22") == [(None, "Dublin")]


def test_a_page_headed_by_a_meetings_days() -> None:
    body = (
        "Programme\n\nMonday 26 to Friday 30 November 2018\n\nThe meeting was officially "
        "opened by the Seventeenth Meeting of the States Parties (17MSP) President."
    )
    assert _events(body) == [("2018-11-26", None)]
    # a line that only dates the page is no meeting's days
    assert _events("Press release\n\n26 November 2018\n\nThe meeting opened.") == []


def test_a_cities_common_name_and_a_possessive() -> None:
    body = (
        "She said during the 11th Meeting of the States Parties (11MSP) of the Convention held "
        "in Phnom Penh’s Peace Palace."
    )
    assert _events(body) == [(None, "Phnom Penh")]
    lao = (
        "Lao PDR deposited its instrument at a special event to promote the convention at UN "
        "headquarters in New York on 18 March 2009."
    )
    assert _events(lao) == [("2009-03-18", "New York")]


def test_a_process_is_not_held_in_the_city_it_is_named_for() -> None:
    body = "Andorra did not participate in the Ottawa Process meetings, or the negotiations."
    assert _events(body) == []


def test_weekdays_inside_a_range_of_days() -> None:
    (mention,) = dates.find_dates("Monday 26 to Friday 30 November 2018")
    assert (mention.day, mention.end_day, mention.month, mention.year) == (26, 30, 11, 2018)


def test_a_meeting_named_after_its_city_and_by_its_number_is_one() -> None:
    body = (
        "Closing Press Release Dubrovnik Review Conference\n\nStates condemned any use "
        "this week at the First Review Conference in Dubrovnik, Croatia."
    )
    assert _events(body) == [(None, "Dubrovnik")]
    # but two numbered meetings in one city stay two
    two = "the Thirteenth Meeting of States Parties in Geneva and the Fourteenth Meeting in Geneva"
    assert _events(two) == [(None, "Geneva"), (None, "Geneva")]


def test_delegations_gathered_today_on_the_opening_day() -> None:
    body = (
        "MAPUTO, 3 May -- The movement received a new boost today as delegations from over "
        "100 States gathered in Maputo, Mozambique, for the First Meeting of States Parties."
    )
    assert _events(body, "1999-05-03") == [("1999-05-03", "Maputo")]


def test_negotiations_held_in_a_city() -> None:
    body = "Cameroon took part in the negotiations in Dublin in May 2008 and adopted it."
    assert _events(body) == [(None, "Dublin")]


def test_the_scan_for_meetings_starts_at_every_noun_it_knows() -> None:
    nouns = [
        "Review Conference", "Diplomatic Conference", "Conference", "Meeting", "Summit",
        "Forum", "Workshop", "Seminar", "Symposium", "Session", "Round", "Day of Action",
        "Talks", "Signing Ceremony", "conference", "meetings", "summit", "forum", "workshops",
        "seminar", "symposium", "talks", "round", "signing ceremony", "negotiations",
        "First Committee", "signing of the treaty", "special event", "hand-over of the treaty",
        "opening ceremony",
    ]  # fmt: skip
    for noun in nouns:
        assert events._NOUN_ONLY.search(f"at the {noun} here"), noun


def test_where_a_page_prints_its_own_date() -> None:
    for head, day in [
        ("Cuba Joins Global Ban\n\nPublication Date 6 April 2016\n\nCuba has", "2016-04-06"),
        ("Oman\n\nLast Updated: 30 November 2014\n\nPolicy\nOman has not", "2014-11-30"),
        ("News\nCluster Munition Coalition, 11 Jan 2010.\n\nTwo new ratifications", "2010-01-11"),
        ("By the Minister of Foreign Affairs (Oslo, 29 November 2019)\n\nToday", "2019-11-29"),
        ("Fourth Meeting\n\n10-09-2013 Statement\n\nStatement by Mr Vodoz", "2013-09-10"),
        ("NEWS RELEASES\nMarch 1, 1999 (11:15 a.m. EST) No. 46\n\nCANADA", "1999-03-01"),
    ]:
        assert dates.reference_date(head, None) == (dt.date.fromisoformat(day), True), head


def test_a_date_that_only_continues_a_sentence_is_not_the_pages() -> None:
    head = (
        "(Vientiane) - Nations approved a plan as they concluded their first meeting.\n"
        "The Declaration and Action Plan were agreed on\nNovember 12, 2010, at the meeting."
    )
    assert dates.reference_date(head, None)[1] is False
    # nor a date in a depositary's table of the act it records
    table = "State United Kingdom\nAction Type Ratification\nDate 31 July 1998\n"
    assert dates.reference_date(table, None)[1] is False


def test_a_treaty_signed_in_a_city_names_its_signing_conference() -> None:
    body = (
        "(Oslo, December 2, 2008) - The new treaty banning cluster munitions, to be signed in "
        "Oslo on December 3 by about 100 nations, will save thousands of lives."
    )
    assert ("2008-12-03", "Oslo") in _events(body)
    opened = "The Convention was opened for signature in Ottawa 3-4 December 1997 at a ceremony."
    assert _events(opened) == [("1997-12-03", "Ottawa")]
    # a state's signature is its act, and a treaty's history in passing no meeting
    assert _events("Lao PDR signed the Convention in Oslo on 3 December 2008.") == []
    history = "It was adopted in Oslo in 1997, opened for signature in Ottawa the same year."
    assert _events(history) == []


def test_the_days_follow_the_place_of_the_meeting() -> None:
    body = (
        "The sixth meeting of countries which have signed the Ottawa Convention will take "
        "place in Zagreb from 28 November to 3 December, an adviser said."
    )
    assert _events(body, "2005-07-01") == [("2005-11-28", "Zagreb")]


def test_a_title_above_a_dateline_is_placed_by_it() -> None:
    body = (
        "Canada's statement to the Anti-Personnel Mine Ban Convention 5th Review Conference\n"
        "Check against delivery\nSiem Reap, Cambodia, November 25, 2024\n"
        "Delivered by Ian McKay\n\nMr. President, Excellencies,"
    )
    assert _events(body) == [(None, "Siem Reap")]


def test_a_ceremony_of_the_treaty_is_a_meeting_and_another_is_not() -> None:
    body = (
        "The hand-over of the treaty took place in New York, where both ministers attend the "
        "General Assembly. Maputo province was declared free of land mines at a ceremony "
        "held in Boane district."
    )
    assert _events(body) == [(None, "New York")]


def test_the_meeting_a_un_dispatch_reports_is_at_its_dateline() -> None:
    body = (
        "MANAGUA, 19 September -- States Parties concluded their general exchange of views "
        "today.\n\nThe Meeting also heard calls for more work on compliance."
    )
    assert _events(body, "2001-09-19") == [(None, "Managua")]


def test_a_quoted_title_is_read_on_from_its_closing_quote() -> None:
    body = (
        "“Conference on the 20th Anniversary of the Anti-Personnel Mine Ban Convention: From "
        "the Ottawa Process Toward a Mine Free World” will be held on 17th and 18th October "
        "2017 in the Croatian capital Zagreb and in Sisak-Moslavina County."
    )
    assert _events(body) == [("2017-10-17", "Zagreb")]


def test_the_capital_a_demonym_names() -> None:
    body = "Delegates gathered for the Meeting of States Parties in the Norwegian capital."
    assert _events(body) == [(None, "Oslo")]


def test_a_region_is_no_city_in_a_meetings_name() -> None:
    body = "On 15-16 April 2004, the government hosted a Central Asia regional conference."
    assert _events(body) == [("2004-04-15", None)]


def test_the_days_between_the_place_and_the_meetings_name() -> None:
    body = (
        "Thirty-nine African countries gathered in Livingstone, Zambia on 31 March and 1 April "
        "2008 for an all-Africa Oslo Process conference on Cluster Munitions."
    )
    assert _events(body) == [("2008-03-31", "Livingstone")]
    # without a year of their own, days are not lent one from elsewhere in the text
    yearless = (
        "In 2005 the Sixth Meeting took place in Zagreb.\n\nDelegations will gather in Geneva "
        "from 18 to 22 September for the Seventh Meeting of the States Parties."
    )
    assert (None, "Geneva") in _events(yearless)


def test_a_meeting_beginning_on_a_day_after_its_place() -> None:
    body = (
        "The Second Review Conference will be held in Cartagena, Colombia beginning 29 "
        "November 2009, and we encourage all states to attend."
    )
    assert _events(body) == [("2009-11-29", "Cartagena")]


RFERL = (
    "Tajikistan: Regional Land-Mine Conference Starting In Dushanbe\n\n"
    "The Tajik government is sponsoring a two-day regional conference, starting today in "
    "Dushanbe, on the problem of land mines in Central Asia.\n\n"
    "Prague, 15 April 2004 (RFE/RL) -- It has been 6 1/2 years since the signing of the Ottawa "
    "Convention in December 1997.\n"
)


def test_an_agency_between_the_datelines_day_and_its_dash() -> None:
    assert dates.reference_date(RFERL, None) == (dt.date(2004, 4, 15), True)


def test_a_headline_in_title_case_and_a_meeting_starting_today() -> None:
    # the headline's "In Dushanbe" places the meeting; "starting today" dates it; the
    # dateline's city is no place of a signing the lead puts seven years earlier
    assert _events(RFERL) == [("2004-04-15", "Dushanbe")]


def test_a_dateline_with_the_city_and_its_country() -> None:
    for head in (
        "Vientiane, Lao PDR, July 31, 2024 - The United Nations Development Programme",
        "GENEVA, Switzerland, 5 May 2010 – The support unit",
    ):
        day, exact = dates.reference_date(head, None)
        assert exact and day is not None and day.year in (2024, 2010)


def test_a_range_of_days_before_a_numeric_date() -> None:
    (found,) = dates.find_dates("2MSP 12-16/9/2011 Intervention")
    assert (found.day, found.end_day, found.month, found.year) == (12, 16, 9, 2011)


def test_a_dateline_with_its_country_before_the_dash() -> None:
    body = (
        "OSLO, Norway — Afghanistan unexpectedly joined dozens of nations in signing a treaty "
        "at the signing conference."
    )
    assert _events(body) == [(None, "Oslo")]


def test_a_name_begins_at_its_article_and_a_possessive_determines_a_meeting() -> None:
    caption = (
        "Photos: Mary Wareham The Kampala Conference on the Convention on Cluster Munitions "
        "was the second all-African conference."
    )
    assert _events(caption) == [(None, "Kampala")]
    beirut = "Last week's conference on cluster munitions in Beirut ended with an agreement."
    assert _events(beirut) == [(None, "Beirut")]


def test_a_hyphenated_determiner_and_the_day_before_the_place_in_brackets() -> None:
    vientiane = (
        "More than 100 countries gathered in Vientiane, Laos for a four-day conference of "
        "signatories of the cluster munitions convention."
    )
    assert _events(vientiane) == [(None, "Vientiane")]
    heading = (
        "Statement by the Chinese Observer Delegation at the 14th Meeting of the States "
        "Parties to the Ottawa Convention (2015/11/30, Geneva)"
    )
    assert _events(heading) == [(None, "Geneva")]


def test_an_undated_meeting_in_another_year_is_not_the_dated_one_there() -> None:
    body = (
        "The Third Meeting of States Parties was held in Oslo from 11 to 14 September 2012. "
        "The Convention was born at a meeting in Oslo in February 2007."
    )
    assert _events(body) == [("2012-09-11", "Oslo"), (None, "Oslo")]


def test_a_two_word_city_in_a_meetings_name() -> None:
    body = "As concluded at the recent San José Meeting of States Parties, the treaty works."
    assert _events(body) == [(None, "San José")]


def test_a_dispatch_of_the_day_a_meeting_has_kicked_off() -> None:
    body = (
        "Geneva, 30 November 2015 - The Fourteenth Meeting of the States Parties to the "
        "Anti-Personnel Mine Ban Convention has kicked off at the UN in Geneva."
    )
    assert _events(body) == [("2015-11-30", "Geneva")]


def test_a_meeting_named_for_an_act_or_an_office_is_not_dated_by_it() -> None:
    adopted = (
        "The Lausanne Action Plan had been adopted by the Second Review Conference of States "
        "Parties in Geneva on 21 September 2021."
    )
    assert _events(adopted) == [(None, "Geneva")]
    president = (
        "On 14 January 2014, the President of the Fourth Meeting of States Parties in Lusaka "
        "delivered a message of congratulations."
    )
    assert _events(president) == [(None, "Lusaka")]


def test_the_standing_conference_on_disarmament_is_no_meeting_without_a_day() -> None:
    body = "He called for talks on a ban at the Conference on Disarmament in Geneva."
    assert _events(body) == []


def test_a_un_message_is_placed_where_it_was_delivered() -> None:
    body = (
        "NEW YORK, 19 September (UN Headquarters) -- Following is the message of the "
        "Secretary-General to the Seventh Meeting of the States Parties to the Convention, "
        "delivered by Tim Caughley, in Geneva, yesterday, 18 September:\n\nIt gives me great "
        "pleasure to convey my greetings."
    )
    assert _events(body) == [(None, "Geneva")]


def test_a_treatys_full_title_between_a_meeting_and_its_place() -> None:
    # c22: the support unit's page on the Sixth Meeting of the States Parties
    body = (
        "The Sixth Meeting of the States Parties (6MSP) to the 1997 Convention on the "
        "Prohibition on the Use, Stockpiling, Production and Transfer of Anti-Personnel Mines "
        "and on Their Destruction was held in Zagreb, Croatia from 28 November to 2 December "
        "2005."
    )
    assert _events(body) == [("2005-11-28", "Zagreb")]


def test_states_that_met_somewhere_on_given_days_are_a_meeting() -> None:
    # c19: a report of a ratification seminar that names the gathering by its verb only
    body = (
        "Signatory States to the Convention on Cluster Munitions (CCM) met in Kampala, Uganda, "
        "on 29-30 May 2017 to discuss challenges and possible solutions."
    )
    assert _events(body) == [("2017-05-29", "Kampala")]
    # a place without days is any encounter, not a meeting the text dates
    assert _events("The two ministers met in Geneva to discuss the treaty.") == []


def test_a_meeting_held_at_the_united_nations_in_a_city_is_there() -> None:
    # c27: the Arms Control Association on the ninth meeting of the cluster munitions treaty
    body = (
        "At the ninth meeting of states-parties, held Sept. 2–4 at the United Nations in "
        "Geneva and chaired by Aliyar Lebbe Abdul Azeez of Sri Lanka, delegates reviewed "
        "progress."
    )
    assert _events(body, "2019-10-01") == [("2019-09-02", "Geneva")]


def test_a_city_that_hosts_and_days_in_brackets() -> None:
    # the ways releases place and date a meeting (written from c16, c20, c25 and c31)
    assert _events(
        "Geneva hosted the Tenth Meeting of States Parties on 29 November – 3 December 2010."
    ) == [("2010-11-29", "Geneva")]
    assert _events(
        "The Maputo Review Conference (23-27 June 2014) adopted the Maputo Action Plan."
    ) == [("2014-06-23", "Maputo")]
    assert _events(
        "The conference, held in Vientiane on 9-12 November 2010, adopted a declaration."
    ) == [("2010-11-09", "Vientiane")]
    # a state that hosts is no city
    assert _events("Norway hosted the Oslo Conference on 22-23 February 2007.") == [
        ("2007-02-22", "Oslo")
    ]


def test_cities_coordinated_after_a_meeting_are_a_meeting_each() -> None:
    # a Monitor profile (c21) and a ministry's release (c19) list the Oslo Process meetings
    body = (
        "Serbia participated in the international meetings to develop the convention text "
        "in Lima and Vienna. The process will include further meetings in Lima, Vienna and "
        "Dublin over the next year."
    )
    assert _events(body) == [(None, "Dublin"), (None, "Lima"), (None, "Vienna")]
    months = "The conference in Lima in May 2007, in Vienna in December 2007 and in Wellington."
    assert _events(months) == [(None, "Lima"), (None, "Vienna"), (None, "Wellington")]
    # a state after the city is where the city is, not another meeting
    assert _events("The meeting in Geneva, Switzerland, ended.") == [(None, "Geneva")]


def test_a_calendar_entry_of_days_and_a_city_under_the_meetings_name() -> None:
    # a Nairobi Summit page of regional meetings (c40): the name, then "days -- city"
    body = (
        "Central Asia\nThe Dushanbe Conference: Progress towards the Ottawa Convention’s aims\n"
        "15-16 April, 2004 -- Dushanbe\n\nMiddle East\nThe Amman Seminar on military issues\n"
        "19-21 April 2004 -- Amman\n"
    )
    assert _events(body) == [("2004-04-15", "Dushanbe"), ("2004-04-19", "Amman")]


def test_a_meeting_scheduled_for_or_hosted_by_a_city() -> None:
    # OAS releases (c40): "scheduled for", "slated for", "the capital of Quito will host a"
    assert _events("The seminar is scheduled for Mexico City.") == [(None, "Mexico City")]
    assert _events("The Review Conference, slated for Nairobi, Kenya.") == [(None, "Nairobi")]
    hosted = "The Ecuadorian capital of Quito will host a regional conference on mines."
    assert _events(hosted) == [(None, "Quito")]
    # "Central" is a city somewhere, but "Central Asia" is a region
    assert _events("The workshop in Central Asia was useful.") == []


def test_a_dated_dispatch_of_a_meeting_that_has_kicked_off_or_got_off_to_a_start() -> None:
    kicked = (
        "Cartagena, Colombia, 13 October 2009 – The Republic of Colombia has kicked off the "
        "International Humanitarian Demining Seminar, featuring many experts."
    )
    assert _events(kicked) == [("2009-10-13", "Cartagena")]
    morning = (
        "Thursday, 24 May 2007\n\nThe Lima Conference on cluster munitions got off to a "
        "solid start this morning."
    )
    assert _events(morning) == [("2007-05-24", "Lima")]


def test_a_meeting_title_with_the_treatys_whole_name_then_its_city_and_days() -> None:
    # an ICRC statement's head (c35): the treaty's title holds commas of its own
    body = (
        "Third Meeting of States Parties to the Convention on the Prohibition of the Use, "
        "Stockpiling, Production and Transfer of Anti-personnel Mines and on their "
        "Destruction, Managua, 18-21 September 2001\n\nStatement by the ICRC"
    )
    assert _events(body) == [("2001-09-18", "Managua")]


def test_a_reissued_release_dates_the_opening_by_its_dateline() -> None:
    # a UN release (c27): printed the next day (20000912), datelined the day it opened
    body = (
        "SECOND MEETING OF STATES PARTIES OPENS AT GENEVA\nDC/2722\n"
        "20000912Speakers Urge All Countries to Adhere to the Convention\n"
        "GENEVA, 11 September (UN Information Service) -- The second meeting of States "
        "Parties to the Convention opened this afternoon at the Palais des Nations."
    )
    assert ("2000-09-11", "Geneva") in _events(body)


def test_key_dates_with_the_place_in_the_entry_and_a_release_dateline_is_no_entry() -> None:
    # an ISU page of the Oslo Process's key dates (c45), a Global Affairs Canada release (c48)
    body = (
        "Key dates:\n- 30 May 2008 – Adoption of the Convention in Dublin\n"
        "- 3 December 2008 – The Convention opened for signature in Oslo\n"
    )
    assert ("2008-05-30", "Dublin") in _events(body)
    release = "News Release\nApril 3, 2017 - Ottawa, Ontario - Global Affairs Canada\n"
    assert _events(release) == []


def test_a_place_line_with_the_days_after_a_bar_and_an_opening_yesterday() -> None:
    # an Indonesian conference report (c45), a Disarmament Insight post (c49)
    bali = (
        "Regional Conference on the Promotion of the Convention on Cluster Munitions\n"
        "Manila, Philippines | 16 - 17 November 2009\n"
    )
    assert _events(bali) == [("2009-11-16", "Manila")]
    post = (
        "Wednesday, 21 May 2008\n\nThe Dublin Conference on cluster munitions commenced yesterday."
    )
    assert _events(post) == [("2008-05-20", "Dublin")]
    # the day of one meeting's opening is not that of a later one the sentence names
    today = (
        "Monday, 18 February 2008\n\nToday, the Wellington Conference commenced - the last "
        "milestone on the way to negotiations in Dublin in May."
    )
    assert ("2008-02-18", "Dublin") not in _events(today)
    assert ("2008-02-18", "Wellington") in _events(today)


def test_states_that_met_on_days_in_a_city() -> None:
    # an ISU page (c51): the days before the place
    body = "17 African States met on 4-5 August 2016 in Addis Ababa to discuss challenges."
    assert _events(body) == [("2016-08-04", "Addis Ababa")]
    # a meeting with no days is any encounter
    assert _events("The ministers met on the sidelines in Addis Ababa.") == []


def test_an_event_held_today_in_a_dated_dispatch() -> None:
    # a UNDP release (c42): "A press conference was held today to commemorate ..."
    body = (
        "Vientiane, 31 July 2020 - A press conference was held today to commemorate the "
        "tenth anniversary of the Convention."
    )
    assert _events(body) == [("2020-07-31", "Vientiane")]


def test_a_treaty_open_for_signature_at_a_city_or_in_a_named_capital() -> None:
    # UN releases (c42, c52)
    assert _events("It opened for signature in the Norwegian capital, Oslo.") == [(None, "Oslo")]
    assert _events("The Convention would be open for signature at Oslo in December.") == [
        (None, "Oslo")
    ]


def test_a_treaty_signed_by_a_number_of_states_in_a_city() -> None:
    # a Reuters story (c43)
    body = "The treaty was signed by 122 states in Ottawa, Canada, in December that year."
    assert _events(body) == [(None, "Ottawa")]


def test_a_heading_with_its_day_line_then_its_place_line_and_the_city_of() -> None:
    # statements' heads (c41) and a speech (c12)
    head = (
        "Statement at the 16th Meeting of the States Parties\n18 December 2017\n"
        "Vienna, Austria\nMr. President,"
    )
    assert (None, "Vienna") in _events(head)
    speech = "I thank the Government for hosting this conference in the city of Geneva."
    assert _events(speech) == [(None, "Geneva")]


def test_each_of_three_coordinated_cities_is_a_meeting_of_its_own() -> None:
    text = (
        "Steps towards achieving this goal will include further meetings in Lima, Vienna "
        "and Dublin over the course of the next year."
    )
    assert sorted(str(c) for _, c in _events(text)) == ["Dublin", "Lima", "Vienna"]
    # a country after the comma is the first city's, no meeting of its own
    assert _events("The conference in Lima, Peru was a success.") == [(None, "Lima")]


def test_a_year_in_a_meetings_name_dates_its_yearless_days() -> None:
    # a 2003 newsletter (c5x): the summit's days carry no year, its name does
    body = (
        "States parties agreed that a summit of parties would be held in Nairobi, Kenya. "
        "The 2004 Mines-Free World summit will be held from 29 November to 3 December."
    )
    assert _events(body, "2003-06-01") == [("2004-11-29", "Nairobi")]
    # without the year in the name, the days fall in the text's own year
    plain = "The annual summit will be held in Nairobi from 29 November to 3 December."
    assert _events(plain, "2003-06-01") == [("2003-11-29", "Nairobi")]


def test_a_heading_with_its_days_and_place_below_or_after_a_dash() -> None:
    # a CMC page (c59): the meeting's days and place on a line of their own
    below = (
        "2011 Intersessional Meeting to the Convention on Cluster Munitions\n\n"
        "27-30 June 2011, Geneva, Switzerland\n\nAt least 80 countries took part."
    )
    assert _events(below) == [("2011-06-27", "Geneva")]
    # an ICRC statement's head (c59): the place after a dash that ends the treaty's title
    dash = (
        "First Meeting of States Parties to the Convention on the Prohibition of the Use, "
        "Stockpiling, Production and Transfer of Anti-personnel Mines and on their "
        "Destruction - Maputo, Mozambique 3-7 May 1999\n\n04-05-1999 Statement"
    )
    assert _events(dash) == [("1999-05-03", "Maputo")]
    # one day below a heading is a speech's day, not the meeting's first
    speech = "Fourth Meeting of States Parties\n\n10 September 2013, Lusaka, Zambia\n\nThanks."
    assert ("2013-09-10", "Lusaka") not in _events(speech)


def test_a_dated_dispatch_first_sentence_dates_its_occasion_of_one_day() -> None:
    # a UNDP release (c15)
    body = (
        "Vientiane, Lao PDR, July 31, 2024 - The United Nations Development Programme and "
        "the National Regulatory Authority successfully hosted a Press Conference and UXO "
        "Exhibition to commemorate the entry into force of the Convention.\n\nThe event "
        "was well attended."
    )
    assert ("2024-07-31", "Vientiane") in _events(body)
    # a meeting of many days is not dated by the day a message to it was sent
    message = (
        "Geneva, Switzerland, 2 December 2013 - Secretary-General's message to the Thirteenth "
        "Meeting of the States Parties."
    )
    assert ("2013-12-02", "Geneva") not in _events(message)
    # nor an occasion the dispatch looks ahead to
    ahead = (
        "Vientiane, Lao PDR, July 31, 2024 - The Authority prepares a Press Conference on "
        "the Convention."
    )
    assert ("2024-07-31", "Vientiane") not in _events(ahead)


def test_a_meeting_named_by_its_short_name_alone() -> None:
    # the treaties' pages and the news call a meeting "the 11MSP", "the 2RC"
    text = "The 11MSP took place in Phnom Penh, Cambodia, from 28 November to 2 December 2011."
    assert _events(text) == [("2011-11-28", "Phnom Penh")]
    # in brackets after the full name it is the same meeting, not another
    named = (
        "The Ninth Meeting of States Parties (9MSP), held in Geneva on 2 to 4 September 2019, "
        "welcomed the Philippines."
    )
    assert _events(named) == [("2019-09-02", "Geneva")]


def test_a_time_given_first_keeps_a_later_day_from_the_meeting() -> None:
    # a Monitor profile (c21): the month is the conference's, the day the declaration's
    month = (
        "Serbia did not attend the Wellington conference in February 2008, but adopted the "
        "Wellington Declaration on 3 March 2008."
    )
    assert _events(month) == [(None, "Wellington")]
    # a UN release (c52): "today 29 November" is the day of the message, not of the meeting
    today = (
        "Following is the message delivered to the Tenth Meeting of the States Parties in "
        "Geneva, today 29 November:"
    )
    assert ("2010-11-29", "Geneva") not in _events(today, "2010-11-29")
    # a weekday touching its day is that day: "on Monday 19 May 2008"
    monday = "The Dublin Diplomatic Conference began on Monday 19 May 2008 in Dublin."
    assert ("2008-05-19", "Dublin") in _events(monday)


def test_a_place_in_capitals_run_into_the_name_and_a_bracket_of_days_then_place() -> None:
    # South Africa's Minister of Defence, December 2008 (c65)
    heading = (
        "Briefing by the Minister of Defence, Mr Charles Nqakula on the Convention on Cluster "
        "Munitions Signing Conference OSLO, Norway, December 2-4, 2008\n\nSouth Africa was "
        "among 111 countries that attended."
    )
    assert ("2008-12-02", "Oslo") in _events(heading, "2008-12-05")
    # UNODA's page of the First Review Conference (c66)
    bracket = (
        "Pursuant to the decision of the Fifth Meeting of States Parties (2 to 5 September "
        "2014, San Jose, Costa Rica) the First Review Conference will take place from 7 to 11 "
        "September 2015 in Dubrovnik, Croatia."
    )
    assert _events(bracket, "2015-01-10") == [
        ("2014-09-02", "San Jose"),
        ("2015-09-07", "Dubrovnik"),
    ]


def test_a_dateline_in_capitals_without_a_comma_places_the_meeting_of_its_year_only() -> None:
    # the Philippines' foreign ministry, 11 April 2025 (c64)
    text = (
        "Philippines Leads 2025 Intersessional Meeting of the Convention on Cluster Munitions\n\n"
        "GENEVA 11 April 2025 — Following the decision made at the 12th Meeting of States "
        "Parties to the Convention on Cluster Munitions (CCM) in 2024, the Philippines led the "
        "conduct of the 2025 Intersessional Meeting of the CCM on 07 and 08 April 2025."
    )
    found = _events(text, "2025-04-11")
    assert ("2025-04-07", "Geneva") in found
    # the meeting of 2024 took place somewhere the dispatch does not say
    assert all(not (start is None and city == "Geneva") for start, city in found)


def test_a_meetings_days_counted_back_from_the_day_it_closed() -> None:
    # Oxfam New Zealand, Friday 7 December 2007 (c64)
    vienna = (
        "The Wellington Conference follows a three-day meeting in Vienna that concludes "
        "today (Friday, 7 December)."
    )
    assert ("2007-12-05", "Vienna") in _events(vienna, "2007-12-07")
    # GICHD, 26 June 2015 (c63)
    closed = (
        "26 June 2015\nToday in Geneva, the intersessional meeting for the Anti-Personnel Mine "
        "Ban Convention closed after two days of robust discussion."
    )
    assert _events(closed, "2015-06-26") == [("2015-06-25", "Geneva")]
    # without the day it closed, the length alone dates nothing
    undated = "The three-day meeting in Vienna concluded with a declaration."
    assert _events(undated) == [(None, "Vienna")]


def test_a_meeting_dated_once_and_dated_and_placed_again_is_one_meeting() -> None:
    # Sri Lanka's mission in Vienna, 19 December 2017 (c65)
    text = (
        "The 16th Meeting of States Parties to the Anti – Personnel Mines Ban Convention "
        "welcomed Sri Lanka on Monday 18th December 2017 as the newly joined 163rd State "
        "Party.\n\n“We welcome Sri Lanka,” said the President of the 16th Meeting of States "
        "Parties (MSP) to the Convention held in Vienna from 18-21 December 2017."
    )
    assert _events(text, "2017-12-19") == [("2017-12-18", "Vienna")]


def test_days_of_talks_and_a_city_named_by_its_country_or_kind_place_a_meeting() -> None:
    # The Irish Times, 13 February 1997 (c67)
    talks = (
        "EXPERTS from more than 100 countries gathered in Vienna yesterday for three days of "
        "talks on outlawing anti personnel mines."
    )
    assert _events(talks, "1997-02-13") == [(None, "Vienna")]
    # AFP on the 10MSP, 2010 (c67)
    swiss = "Delegates gathered in the Swiss city of Geneva for the meeting."
    assert _events(swiss, "2010-11-29") == [(None, "Geneva")]
    capital = "The meeting was held in the New Zealand capital, Wellington."
    assert _events(capital, "2008-02-18") == [(None, "Wellington")]
    # a bare common noun with no determiner still names no meeting
    assert _events("States keep requesting talks to discuss it in Vienna.", "1997-02-13") == []


def test_a_heading_gives_the_place_after_the_days_and_a_small_town_by_its_state() -> None:
    # ICBL, intersessional standing committees, June 2011 (c71)
    heading = (
        "Intersessional Standing Committees Meetings, 20-24 June 2011, Geneva, Switzerland\n\n"
        "The meetings are open to governments."
    )
    assert _events(heading, "2011-06-01") == [("2011-06-20", "Geneva")]
    # Support unit of the CCM, June 2017 (c71): a village the gazetteer does not hold
    town = (
        "The workshop, held in Rakitje, Croatia, on 12-13 June 2017, was the initiative of "
        "the German Presidency."
    )
    assert _events(town, "2017-06-20") == [("2017-06-12", "Rakitje")]
    # a region before a state is no town, and no town is read without "held in"
    assert _events("The workshop, held in Europe, Croatia, on 12-13 June 2017.", "2017-06-20") == [
        ("2017-06-12", None)
    ]
    assert _events("The workshop in Rakitje, Croatia, on 12-13 June 2017.", "2017-06-20") == [
        ("2017-06-12", None)
    ]


def test_a_calendar_of_stacked_cells_gives_each_meeting_its_days_and_place() -> None:
    body = (
        "Past meetings\n\n"
        "Sixteenth Meeting of the States Parties\n\n18 - 21 December 2017\n\nVienna\n\n"
        "Fifteenth Meeting of the States Parties\n\n28 November 2016 - 1 December 2016\n\n"
        "Santiago\n\n"
        "Eight Meeting of the States Parties\n\n18 September 2007 - 22 November 2007\n\n"
        "Dead Sea, Jordan\n\n"
        "Eighteenth Meeting of the States Parties\n\n16 - 20 November 2020\n\n"
        "Virtual from Geneva\n"
    )
    assert _events(body) == [
        ("2007-09-18", "Dead Sea"),
        ("2016-11-28", "Santiago"),
        ("2017-12-18", "Vienna"),
        ("2020-11-16", "Geneva"),
    ]
    reference, exact = dates.reference_date(body, None)
    found = events.find_events(body, reference, exact)
    assert next(e["end"] for e in found if e["city"] == "Santiago") == "2016-12-01"


def test_a_title_over_its_date_line_alone_is_no_calendar_entry() -> None:
    # a release's title and its date: no place under them, so no meeting of that day
    body = (
        "Signing of the Total Ban Treaty on Anti-Personnel Mines\n\nDecember 4, 1997\n\n"
        "1. The signing of the Convention was done by the Foreign Minister on December 3.\n"
    )
    assert ("1997-12-04", None) not in _events(body)


def test_two_full_dates_of_a_year_joined_by_a_dash_are_one_range() -> None:
    (one,) = dates.find_dates("28 November 2016 - 1 December 2016")
    assert (one.day, one.month, one.end_day, one.end_month, one.year) == (28, 11, 1, 12, 2016)
    (md,) = dates.find_dates("November 28, 2016 - December 1, 2016")
    assert (md.day, md.end_day, md.end_month) == (28, 1, 12)
    # "and" joins two days of acts, not a range; other years are two dates
    assert len(dates.find_dates("signed on 3 December 2008 and 4 December 2008")) == 2
    assert len(dates.find_dates("from 30 December 2016 - 2 January 2017")) == 2


def test_a_heading_spaced_out_line_by_line_gives_the_meetings_place_below_its_title() -> None:
    # the title wraps over blank lines, the speech's day and the place follow on lines of
    # their own: the place is the meeting's (the single day is the speech's, not its start)
    body = (
        "Statement by\n\nH.E. Priyanee Wijesekara, Ambassador for Sri Lanka to Austria\n\n"
        "16th Meeting of the States Parties to the Convention\n\n"
        "on the Prohibition of the use, Stockpiling, Production and Transfer\n\n"
        "of Anti–Personnel Mines and on their Destruction\n\n \n\n18 December 2017\n\n"
        "Vienna, Austria\n\n \n\nMr.  President,\n"
    )
    assert _events(body) == [(None, "Vienna")]


def test_a_meeting_held_at_a_building_is_in_the_city_named_after_it() -> None:
    body = (
        "The First Preparatory Meeting took place on 29 June 2020 at the Palais des Nations, "
        "Geneva. The 2025 Intersessional Meeting took place 17-20 June 2025 at the Centre "
        "International de Conférences Genève (CICG), Geneva, with 400 delegates."
    )
    assert _events(body) == [("2020-06-29", "Geneva"), ("2025-06-17", "Geneva")]


def test_states_meeting_in_a_city_on_given_days_are_a_meeting_there() -> None:
    body = (
        "States parties are meeting in Geneva this week, from 2 to 4 December 2024, for the "
        "Fifth Review Conference."
    )
    reference, exact = dates.reference_date(body, None)
    found = events.find_events(body, reference, exact)
    # one meeting: the days the gathering gives, the name the sentence gives
    assert [(e["name"], e["city"], e["start"], e["end"]) for e in found] == [
        ("Fifth Review Conference", "Geneva", "2024-12-02", "2024-12-04")
    ]


def test_a_bare_plural_of_meetings_with_its_place_is_an_occasion_there() -> None:
    body = (
        "The group of states, meeting after the failure of arms talks in Geneva last year, "
        "agreed to a declaration."
    )
    assert _events(body) == [(None, "Geneva")]
    # with no place it names no occasion: "requesting meetings to discuss"
    assert _events("They keep requesting meetings to discuss the text.") == []


def test_where_a_treaty_was_negotiated_or_signed_and_a_ceremony_its_place_names() -> None:
    assert _events("The treaty was negotiated in Dublin in May 2008. It must be ratified.") == [
        (None, "Dublin")
    ]
    # a headline's participle, the city alone on its line
    assert (None, "Oslo") in _events(
        "Arms: Landmark cluster bomb treaty signed in Oslo\n\nNinety two states signed it."
    )
    assert _events(
        "A total of 5,970 mines were destroyed at a ceremony in Djelfa, southeast Algeria."
    ) == [(None, "Djelfa")]
    # a ceremony with no place is none
    assert _events("The ceremony declared the province free of mines.") == []


def test_days_that_open_another_meetings_name_are_that_meetings() -> None:
    found = _events(
        "On 20 June 2024, delegations convened for their first preparatory meeting in "
        "advance of the Convention's 25-29 November 2024 Siem Reap Angkor Fifth Review "
        "Conference. The First Preparatory Meeting took place in Geneva."
    )
    assert ("2024-06-20", "Geneva") in found
    assert ("2024-11-25", "Geneva") not in found


def test_a_meeting_opened_on_a_weekday_in_a_dated_dispatch_opened_that_week() -> None:
    body = (
        "PHNOM PENH, Nov. 27, 2011 (Xinhua) -- The 11th Meeting of the States Parties "
        "kicked off here on Sunday evening with more than 1,000 participants."
    )
    # the dispatch is of a Sunday: its own day, not the Sunday a week before
    assert _events(body) == [("2011-11-27", "Phnom Penh")]
    assert _events(body.replace("Nov. 27", "Nov. 29")) == [("2011-11-27", "Phnom Penh")]


def test_a_briefing_event_a_dispatch_reports_is_a_meeting_of_its_day() -> None:
    body = (
        "(Managua, 26 February 2009) - During a briefing event on the Convention on Cluster "
        "Munitions that took place in Managua, Nicaragua, on 26 February, Nicaragua said it "
        "would ratify."
    )
    assert _events(body) == [("2009-02-26", "Managua")]
    # a briefing that is no occasion ("the briefing notes") is no event
    assert _events("Geneva, 3 May 2010 - The briefing notes were sent to delegations.") == []


def test_a_bracketed_day_and_place_heading_an_update_places_its_meeting() -> None:
    body = (
        "Author/Origin: ICBL media@icbl.org (Tuesday 18 September 2001 Managua - Nicaragua) "
        "Opening day of Third Meeting of States Parties, 18 September 2001\n"
    )
    assert _events(body) == [("2001-09-18", "Managua")]
    # a bracket whose words after the day are no city places nothing
    assert _events(body.replace("Managua - Nicaragua", "Update One")) == [("2001-09-18", None)]


def test_a_signing_dated_some_months_later_has_its_day() -> None:
    body = (
        "The convention was adopted by 107 states on 30 May 2008 in Dublin. It was opened "
        "for signature in Oslo seven months later on 3 December 2008."
    )
    assert ("2008-12-03", "Oslo") in _events(body)
