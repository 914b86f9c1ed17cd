"""Shapes of acts and participant lists (issue 20), each written from a sentence of a real
document: enumerations introduced by the sentence that states the act and its count, acts
named as nouns or passives, lists and tables in other languages, the day of an act from its
sentence, and the acts a careful reader does not read into a sentence."""

from __future__ import annotations

from typing import Any

from treatywatch.ingest.extract import extract_text


def _acts(text: str, date: str | None = None) -> set[tuple[str, str, str | None]]:
    return {(a["state"], a["action"], a["date"]) for a in extract_text(text, date=date)["actions"]}


def _lists(text: str, date: str | None = None) -> list[dict[str, Any]]:
    return extract_text(text, date=date)["participant_lists"]


# --- enumerations introduced by the sentence that states the act -------------------------

LM1999 = (
    "One hundred and thirty-five countries have signed or acceded to the Mine Ban Treaty as "
    "of 31 March 1999, including 13 since the Ottawa signing conference on 3-4 December 1997. "
    "Those 13 are: Zambia, Belize, São Tomé and Principe, Bangladesh, Chad, Sierra Leone, "
    "Jordan, Albania, Macedonia (which acceded), Equatorial Guinea (which acceded), Maldives, "
    "Ukraine, and Lithuania. Considering the time that this issue has been before the "
    "international community, this number of signatories is exceptional."
)


def test_those_n_are_takes_the_act_of_the_sentence_before() -> None:
    acts = _acts(LM1999)
    assert ("ZMB", "signature", None) in acts
    assert ("LTU", "signature", None) in acts
    # the item's own remark stands for the act of the sentence before
    assert ("MKD", "accession", None) in acts
    assert ("GNQ", "accession", None) in acts
    assert ("MKD", "signature", None) not in acts
    assert len({s for s, _, _ in acts}) == 13


def test_those_n_are_is_a_list_of_its_stated_count() -> None:
    (found,) = [x for x in _lists(LM1999) if x["stated_count"] == 13]
    assert len(found["states"]) == 13


def test_those_n_are_needs_the_count_in_the_sentence_before() -> None:
    # the sentence before counts nothing: the list is not its act's
    assert not _acts("Many states have signed the treaty. Those 3 are: Zambia, Belize and Chad.")


SOUTH_SUDAN = (
    "With South Sudan’s accession, 36 out of a total of 54 African States have either ratified "
    "or acceded to the Convention. Among these, 8 African States (Angola, the Central African "
    "Republic, the Democratic Republic of the Congo, Djibouti, Kenya, Liberia, Tanzania, and "
    "Uganda) have signed the Convention, while another 10 (Algeria, Egypt, Equatorial Guinea, "
    "Eritrea, Ethiopia, Gabon, Libya, Morocco, Sudan, and Zimbabwe) have yet to accede to it."
)


def test_a_bracketed_list_then_its_act() -> None:
    acts = _acts(SOUTH_SUDAN)
    signed = {s for s, a, _ in acts if a == "signature"}
    assert signed == {"AGO", "CAF", "COD", "DJI", "KEN", "LBR", "TZA", "UGA"}
    # "have yet to accede": the second list did nothing
    assert not {s for s, _, _ in acts} & {"DZA", "EGY", "GNQ", "MAR", "ZWE"}


def test_a_bracketed_list_keeps_its_count_and_the_contrast_is_no_list() -> None:
    found = _lists(SOUTH_SUDAN)
    assert [(x["stated_count"], len(x["states"])) for x in found] == [(8, 8)]


def test_signatories_included() -> None:
    text = (
        "During speeches, delegates signed the treaty in an adjacent room. Early signatories "
        "included Lebanon, Peru, New Zealand, Zambia, and Mexico."
    )
    assert {s for s, a, _ in _acts(text) if a == "signature"} == {
        "LBN", "PER", "NZL", "ZMB", "MEX",
    }  # fmt: skip
    assert [len(x["states"]) for x in _lists(text)] == [5]


def test_a_bulleted_list_under_a_question_that_states_the_act() -> None:
    text = (
        "Twenty-eight countries have expressed their consent to be bound by the Convention.\n"
        "Who has ratified?\n- Albania\n- Austria\n- Belgium\n- Macedonia, FYR\n- Malawi\n"
        "We urge all the other countries that have signed the Convention to ratify it."
    )
    acts = _acts(text)
    assert {s for s, a, _ in acts if a == "ratification"} == {"ALB", "AUT", "BEL", "MKD", "MWI"}


def test_a_count_stated_in_the_sentence_the_list_points_back_to() -> None:
    text = (
        "One hundred and twenty-six states have signed the Convention and 11 have ratified it. "
        "We have arranged for the list of signatories to be placed in the Library. Those that "
        "have ratified are Canada, Ireland, Mauritius, the Holy See, Turkmenistan, San Marino, "
        "Switzerland, Niue, Hungary, Belize and Trinidad and Tobago."
    )
    (found,) = _lists(text)
    assert found["stated_count"] == 11
    assert len(found["states"]) == 11


def test_a_list_of_states_speaking_on_behalf_of_a_group() -> None:
    text = (
        "I take the floor on behalf of Algeria, Angola, Austria, Belgium, Bosnia & "
        "Herzegovina*, Brazil, Gambia (Republic of The), The Holy See, Ireland, Switzerland "
        "and my own country, New Zealand."
    )
    (found,) = _lists(text)
    assert found["states"] == [
        "DZA", "AGO", "AUT", "BEL", "BIH", "BRA", "GMB", "VAT", "IRL", "CHE", "NZL",
    ]  # fmt: skip


def test_states_named_for_speaking_or_being_elected_are_no_participant_list() -> None:
    assert not _lists(
        "The following States Parties delivered a statement during the ceremonial opening: "
        "Somalia, Ukraine and Afghanistan."
    )
    assert not _lists(
        "Eight States parties -- Belgium, Japan, Malaysia, Netherlands, Norway, Peru, "
        "Slovakia and Zimbabwe -- were elected Vice Presidents."
    )
    assert not _lists(
        "We have just heard from the Committee about allegations of use by three other "
        "States Parties: South Sudan, Sudan, and Ukraine."
    )


def test_congratulated_for_joining() -> None:
    text = (
        "I take this opportunity to congratulate Belize, Canada, Congo, Guinea, Guyana and "
        "the State of Palestine for joining the Convention in the last twelve months."
    )
    (found,) = _lists(text)
    assert found["states"] == ["BLZ", "CAN", "COG", "GIN", "GUY", "PSE"]


def test_a_list_under_a_lead_in_that_ends_with_a_colon() -> None:
    text = (
        "Four signatory states have ratified the treaty since the publication of Landmine "
        "Monitor Report 2005: Ukraine (December 2005), Haiti (February 2006), the Cook "
        "Islands (March 2006) and Brunei (April 2006)."
    )
    assert _acts(text) == {(s, "ratification", None) for s in ("UKR", "HTI", "COK", "BRN")}
    assert [(x["stated_count"], len(x["states"])) for x in _lists(text)] == [(4, 4)]


def test_a_set_of_states_as_the_subject_of_an_act_that_opens_a_list() -> None:
    # the simple past with the set as its subject: each state named after the colon acted
    text = (
        "The following States signed the Convention on 3 December 2008: Afghanistan, "
        "Albania, Angola and Australia."
    )
    assert _acts(text) == {
        (iso3, "signature", "2008-12-03") for iso3 in ("AFG", "ALB", "AGO", "AUS")
    }
    assert _acts("Four states ratified the treaty in 2010: Ghana, Chile, Peru and Fiji.") == {
        (iso3, "ratification", None) for iso3 in ("GHA", "CHL", "PER", "FJI")
    }
    # without the colon the states are not said to be the set ("..., including Chile")
    assert _acts("Four states ratified the treaty in 2010, a year after Chile and Peru.") == set()


def test_a_bulleted_list_under_its_colon() -> None:
    text = (
        "The following States ratified the Convention in 2010:\n\n"
        "• Afghanistan\n• Albania\n• Angola\n"
    )
    (found,) = _lists(text)
    assert found["states"] == ["AFG", "ALB", "AGO"]
    assert _acts(text) == {(iso3, "ratification", None) for iso3 in ("AFG", "ALB", "AGO")}
    dashed = "The following States have ratified the Convention:\n\n- Chile\n- Peru\n- Fiji\n"
    assert [f["states"] for f in _lists(dashed)] == [["CHL", "PER", "FJI"]]


def test_each_item_of_a_list_with_its_own_day() -> None:
    text = (
        "The following States have ratified the Convention:\n\n"
        "• Afghanistan (8 September 2011)\n• Albania (16 June 2009)\n• Angola (12 March 2012)\n"
    )
    assert _acts(text) == {
        ("AFG", "ratification", "2011-09-08"),
        ("ALB", "ratification", "2009-06-16"),
        ("AGO", "ratification", "2012-03-12"),
    }
    assert [f["states"] for f in _lists(text)] == [["AFG", "ALB", "AGO"]]


def test_a_list_counted_earlier_in_any_tense() -> None:
    # c13-cmc-livingstone-conference-report-2008, shortened: the count agrees with the names
    text = (
        "Four African countries gathered in Livingstone, Zambia on 31 March 2008.\n\n"
        "The participating countries were: Algeria, Guinea Conakry, Kenya and Zambia."
    )
    (found,) = _lists(text)
    assert found["stated_count"] == 4
    assert found["states"] == ["DZA", "GIN", "KEN", "ZMB"]
    # a count the names do not agree with is not the list's
    other = text.replace("Four African", "Thirty-nine African")
    assert [f["stated_count"] for f in _lists(other)] == [None]


def test_a_bare_count_in_the_lead_in_the_names_agree_with() -> None:
    text = (
        "Of the 164 countries that have joined the Mine Ban Treaty, 4 are in the Pacific "
        "region: Fiji, Nauru, Palau and Samoa."
    )
    assert [(f["stated_count"], f["states"]) for f in _lists(text)] == [
        (4, ["FJI", "NRU", "PLW", "WSM"])
    ]


def test_the_act_after_the_list_and_its_comma() -> None:
    text = (
        "Donor representatives from Canada, Indonesia, Japan, Luxembourg, Vietnam, also "
        "attended the event."
    )
    assert [f["states"] for f in _lists(text)] == [["CAN", "IDN", "JPN", "LUX", "VNM"]]


def test_tables_drawn_with_rules_and_rows_that_name_their_acts() -> None:
    piped = (
        "| State | Signature | Ratification |\n| Albania | 3 Dec 2008 | 16 Jun 2009 |\n"
        "| Austria | 3 Dec 2008 | 2 Apr 2009 |\n| Belgium | 3 Dec 2008 | 22 Dec 2009 |\n"
    )
    assert ("AUT", "ratification", "2009-04-02") in _acts(piped)
    assert len(_acts(piped)) == 6
    labelled = (
        "Albania – signed 3 December 2008; ratified 16 June 2009\n"
        "Austria – signed 3 December 2008; ratified 2 April 2009\n"
        "Chile: signature 3 Dec 2008, ratification 16 Dec 2010\n"
    )
    assert _acts(labelled) == {
        ("ALB", "signature", "2008-12-03"), ("ALB", "ratification", "2009-06-16"),
        ("AUT", "signature", "2008-12-03"), ("AUT", "ratification", "2009-04-02"),
        ("CHL", "signature", "2008-12-03"), ("CHL", "ratification", "2010-12-16"),
    }  # fmt: skip


def test_a_column_of_names_under_its_title() -> None:
    signatories = "Signatories\n\nAfghanistan\nAlbania\nAngola\nAustralia\n"
    assert [f["states"] for f in _lists(signatories)] == [["AFG", "ALB", "AGO", "AUS"]]
    assert _acts(signatories) == {(s, "signature", None) for s in ("AFG", "ALB", "AGO", "AUS")}
    endorsed = (
        "List of States that have endorsed the Wellington Declaration\n\nAfghanistan\n"
        "Albania\nAngola\n"
    )
    assert [f["states"] for f in _lists(endorsed)] == [["AFG", "ALB", "AGO"]]
    assert _acts(endorsed) == {(s, "endorsement", None) for s in ("AFG", "ALB", "AGO")}


def test_a_set_defined_by_its_act_then_its_members() -> None:
    text = "States endorsing the Oslo Declaration (46): Austria, Belgium, Bulgaria, Canada."
    assert [f["stated_count"] for f in _lists(text)] == [46]
    assert _acts(text) == {(s, "endorsement", None) for s in ("AUT", "BEL", "BGR", "CAN")}
    # the days of a conference are not each signature's
    oslo = "States that signed the Convention in Oslo on 3-4 December 2008:\nChile, Peru, Fiji\n"
    assert _acts(oslo) == {(s, "signature", None) for s in ("CHL", "PER", "FJI")}


def test_the_day_after_the_agents_of_a_passive() -> None:
    text = "The Convention was signed by Chile, Peru and Fiji on 3 December 2008."
    assert _acts(text) == {(s, "signature", "2008-12-03") for s in ("CHL", "PER", "FJI")}


def test_non_signatories_included_are_no_signatories() -> None:
    text = (
        "Non-signatories participating included Afghanistan, Azerbaijan, Belarus, Bhutan and China."
    )
    assert _acts(text) == set()


def test_an_act_named_as_a_noun_opening_a_bullet() -> None:
    text = "Highlights for the ICBL\n• Ratification by Ethiopia, the 144th State Party.\n"
    assert _acts(text) == {("ETH", "ratification", None)}


def test_the_record_of_one_state_in_the_language_of_its_treaty_series() -> None:
    text = (
        "In België\n\n • Ratificatie: 04-09-1998\n • Inwerkingtreding: 01-03-1999\n"
        " • Ondertekening: 03-12-1997\n • Publicatie: 18-12-1998\n"
    )
    assert _acts(text) == {
        ("BEL", "ratification", "1998-09-04"),
        ("BEL", "signature", "1997-12-03"),
    }


def test_stocks_moratoriums_and_a_state_named_as_a_citys() -> None:
    assert _acts("In 1997 Germany fully destroyed its own stocks of anti-personnel mines.") == {
        ("DEU", "stockpile-destruction-completed", None)
    }
    assert _acts("Both Austria and Bosnia-Herzegovina have announced national moratoriums.") == {
        ("AUT", "moratorium", None), ("BIH", "moratorium", None),
    }  # fmt: skip
    assert (
        _acts(
            "Signatories met in Kampala, Uganda, on 29-30 May 2017 to discuss solutions to "
            "ratifying the CCM."
        )
        == set()
    )


def test_they_are_takes_the_act_of_the_sentence_before() -> None:
    text = (
        "Of the eighteen signatories, as of 31 March 1999, only four had ratified the treaty. "
        "In chronological order, they are: Niue, Fiji, Samoa and Japan."
    )
    assert _acts(text) == {(s, "ratification", None) for s in ("NIU", "FJI", "WSM", "JPN")}


def test_non_signatories_that_took_part_are_a_list_of_their_count() -> None:
    text = (
        "The ICBL was pleased that five non-signatories attended. Non-signatories "
        "participating included Afghanistan, Azerbaijan, Belarus, Bhutan and China. Among "
        "those that chose not to attend were the United States, Russia and India."
    )
    assert [(f["stated_count"], f["states"]) for f in _lists(text)] == [
        (5, ["AFG", "AZE", "BLR", "BTN", "CHN"])
    ]


def test_followed_by_and_announcing_its_act() -> None:
    assert _acts("Norway was the first nation to sign on, followed by Laos and Lebanon.") == {
        ("NOR", "signature", None), ("LAO", "signature", None), ("LBN", "signature", None),
    }  # fmt: skip
    assert _acts(
        "The region became free of cluster munitions with Belize announcing its accession to "
        "the treaty, and the Republic of Congo announcing its ratification of the treaty."
    ) == {("BLZ", "accession", None), ("COG", "ratification", None)}


def test_became_a_signatory_today_and_a_passive_with_one_agent() -> None:
    assert _acts(
        "Canada today became a signatory of the Convention on Cluster Munitions.",
        date="2008-12-03",
    ) == {("CAN", "signature", "2008-12-03")}
    assert _acts(
        "The convention, adopted in 2008 and ratified by Switzerland in 2011, aims at a ban."
    ) == {("CHE", "ratification", None)}
    assert _acts("The treaty will be ratified by Switzerland next year.") == set()


def test_the_first_and_those_that_followed_and_a_list_after_a_dash() -> None:
    text = "Norway was the first nation to sign on, followed by Laos and Lebanon."
    assert [f["states"] for f in _lists(text)] == [["NOR", "LAO", "LBN"]]
    asean = (
        "Twelve delegates representing 4 ASEAN States—Brunei, Cambodia, Indonesia and "
        "Laos—attended the lunch."
    )
    assert [(f["stated_count"], f["states"]) for f in _lists(asean)] == [
        (4, ["BRN", "KHM", "IDN", "LAO"])
    ]


def test_signatories_include_the() -> None:
    text = (
        "Recent signatories include the Maldives, Niue, Sao Tome and Principe, and Saint "
        "Lucia. Let us speak with one voice."
    )
    assert _acts(text) == {(s, "signature", None) for s in ("MDV", "NIU", "STP", "LCA")}
    assert [f["states"] for f in _lists(text)] == [["MDV", "NIU", "STP", "LCA"]]


def test_members_of_the_set_a_relative_clause_defines() -> None:
    acts = _acts(
        "States which have completed stockpile destruction gave statements detailing their "
        "stockpile destruction processes, including Moldova, Colombia, Spain, and Norway."
    )
    assert acts == {
        (s, "stockpile-destruction-completed", None) for s in ("MDA", "COL", "ESP", "NOR")
    }


def test_a_table_counted_in_the_sentence_over_its_title() -> None:
    text = (
        "As of 15 August 2016 there were 100 States Parties and 19 signatories.\n\n"
        "States Parties\n\n"
        "Afghanistan 3 Dec 08; 8 Sep 11\n\nAlbania 3 Dec 08; 16 Jun 09\n\n"
        "Andorra 9 Apr 13 (a)\n\nAustralia 3 Dec 08; 8 Oct 12\n"
    )
    (found,) = _lists(text)
    assert (found["stated_count"], found["as_of"]) == (100, "2016-08-15")


# --- lists and tables in other languages and layouts -------------------------------------


def test_a_french_list_with_names_in_french_case() -> None:
    text = (
        "Les 40 États suivant ont déjà ratifié le traité d’Ottawa : Afrique du Sud, "
        "Allemagne, Fidji, France, Grenade, Guinée équatoriale, Hongrie, Irlande, Mozambique, "
        "Nioué, Norvège, Pérou."
    )
    (found,) = _lists(text)
    assert found["stated_count"] == 40
    assert "GNQ" in found["states"] and "NIU" in found["states"]
    assert "GIN" not in found["states"]  # "Guinée" alone is another state
    assert {s for s, a, _ in _acts(text) if a == "ratification"} == set(found["states"])


def test_a_dutch_table_with_inverted_names() -> None:
    text = (
        "Partij Ondertekening Ratificatie Type In werking\n"
        "Canada\n\n03-12-08\n\n"
        "Centraal Afrikaanse Republiek\n\n03-12-08\n\n"
        "Chili\n\n03-12-08\n\n16-12-10\n\nR\n\n01-06-11\n\n"
        "Congo, Democratische Republiek\n\n18-03-09\n\n"
        "Congo, Republiek\n\n03-12-08\n\n"
        "Costa Rica\n\n03-12-08\n"
    )
    acts = _acts(text)
    assert ("CAF", "signature", "2008-12-03") in acts
    assert ("COD", "signature", "2009-03-18") in acts
    assert ("COG", "signature", "2008-12-03") in acts
    assert ("COG", "signature", "2009-03-18") not in acts


def test_names_on_one_line_under_a_title() -> None:
    text = (
        "Regional Factsheet\n\nStates Parties to the Mine Ban Treaty\n\n"
        "Albania Andorra Austria Belarus Belgium Bosnia & Herzegovina Bulgaria Cyprus\n\n"
        "States Not Party to the Mine Ban Treaty\n\n"
        "Armenia Azerbaijan Finland Georgia Kazakhstan\n"
    )
    (found,) = _lists(text)
    assert found["states"] == ["ALB", "AND", "AUT", "BLR", "BEL", "BIH", "BGR", "CYP"]


def test_two_columns_of_a_regional_list() -> None:
    text = (
        "States Parties and Signatories by Region\n\n"
        "7 States Parties 3 Signatories\n"
        "Africa (4) Africa (2)\n"
        "Botswana, Burkina Faso, Burundi, Zambia Angola, Benin\n"
        "Europe (3) Europe (1)\n"
        "Albania, Andorra, Austria Cyprus\n"
    )
    found = {x["stated_count"]: x["states"] for x in _lists(text)}
    assert found == {
        7: ["BWA", "BFA", "BDI", "ZMB", "ALB", "AND", "AUT"],
        3: ["AGO", "BEN", "CYP"],
    }


# --- acts as nouns, passives and reported completions ------------------------------------


def test_reported_completion_of_stockpile_destruction() -> None:
    assert ("AUT", "stockpile-destruction-completed", None) in _acts(
        "Major announcements at the meeting included Austria's confirmation that it has "
        "finished destroying its stockpile."
    )
    assert ("BLR", "stockpile-destruction-completed", None) in _acts(
        "• Belarus declared completion of stockpile destruction, meeting its obligation."
    )
    assert ("AUT", "stockpile-destruction-completed", None) in _acts(
        "Stockpile destruction Austria announced that it completed destruction of its cluster "
        "munitions."
    )


def test_an_instrument_deposited_or_submitted() -> None:
    assert _acts(
        "On July 14 (Tue), the Government of Japan submitted a Document of Acceptance on the "
        "Convention on Cluster Munitions.",
        date="2009-07-15",
    ) == {("JPN", "acceptance", "2009-07-14")}
    assert ("PLW", "ratification", "2016-04-19") in _acts(
        "On Tuesday April 19th, Palau deposited its instrument for ratification to the "
        "Convention on Cluster Munitions (CCM).",
        date="2016-04-20",
    )
    assert ("PHL", "ratification", "2019-01-03") in _acts(
        "The Philippines deposited its instrument of ratification at the United Nations in "
        "New York on 3 January 2019."
    )


def test_became_the_nth_country_to() -> None:
    assert _acts(
        "On the other hand, Cameroon became the 104th country to sign the Convention on "
        "Cluster Munitions on 15 December 2009."
    ) == {("CMR", "signature", "2009-12-15")}


def test_the_state_named_again_in_brackets_or_a_relative_clause() -> None:
    assert ("LAO", "signature", "2008-12-03") in _acts(
        "The Lao People’s Democratic Republic (Lao PDR) signed the Convention on Cluster "
        "Munitions in Oslo on 3 December 2008."
    )
    assert ("COL", "ratification", None) in _acts(
        "I congratulate Colombia, which ratified during the First Review Conference last year."
    )


def test_two_acts_of_one_subject() -> None:
    assert _acts(
        "Andorra signed the Mine Ban Treaty on 3 December 1997 and ratified it on 29 June 1998."
    ) == {("AND", "signature", "1997-12-03"), ("AND", "ratification", "1998-06-29")}
    assert _acts(
        "The United Kingdom of Great Britain and Northern Ireland (UK) signed the Convention "
        "on Cluster Munitions on 3 December 2008, ratified on 4 May 2010, and became a State "
        "Party on 1 November 2010."
    ) == {("GBR", "signature", "2008-12-03"), ("GBR", "ratification", "2010-05-04")}
    # another subject in between takes the second act
    assert ("NOR", "ratification", None) not in _acts(
        "Norway signed the treaty in 2008 and Sweden ratified it."
    )


def test_one_of_the_first_countries_to() -> None:
    assert ("AUS", "signature", "2008-12-03") in _acts(
        "Australia continues to be a strong supporter of the CCM, and was one of the first "
        "countries to sign the Convention on 3 December 2008."
    )


def test_an_act_named_after_the_state() -> None:
    assert ("NAM", "ratification", None) in _acts(
        "Congratulations to the government of Namibia on its ratification of the Convention "
        "on Cluster Munitions."
    )
    assert ("BLZ", "ratification", None) in _acts(
        "During the meeting of States Parties in San Jose, last September, Belize made the "
        "announcement of the deposit of its instrument of ratification."
    )


# --- the day of an act --------------------------------------------------------------------


def test_the_day_between_the_state_and_its_verb() -> None:
    text = (
        "The Government of Niue, has today 6 August 2020, deposited its instrument of "
        "accession to the Convention on Cluster Munitions."
    )
    assert _acts(text) == {("NIU", "accession", "2020-08-06")}


def test_neither_nor_and_never_are_no_acts() -> None:
    assert _acts("Neither Georgia nor Russia has signed the treaty.") == set()
    assert _acts("India has never signed the Convention.") == set()


def test_the_first_to_sign() -> None:
    assert _acts("Norway was the first to sign. Angola was among the first to sign up.") == {
        ("NOR", "signature", None),
        ("AGO", "signature", None),
    }


def test_signing_a_declaration_is_endorsing_it_and_endorsing_aims_is_no_act() -> None:
    assert _acts(
        "Eighty-two countries including Australia have signed a declaration supporting a ban."
    ) == {("AUS", "endorsement", None)}
    assert _acts("China endorses the purposes and objectives of the Convention.") == set()


def test_the_day_that_opens_the_sentence() -> None:
    assert _acts(
        "On 3 August, South Sudan formally acceded to the Convention on Cluster Munitions.",
        date="2023-08-10",
    ) == {("SSD", "accession", "2023-08-03")}
    assert _acts(
        "1. On February 9, the Government of Japan completed the destruction of its stockpile "
        "of cluster munitions.",
        date="2015-02-10",
    ) == {("JPN", "stockpile-destruction-completed", "2015-02-09")}


def test_a_year_counted_from_the_date_before_it() -> None:
    acts = _acts(
        "Japan signed the Convention on December 3, 2008, in Oslo, and deposited the "
        "Instrument of Acceptance on July 14 of the following year.",
        date="2015-02-10",
    )
    # not the document's year (2015, so 2014 looking back): the sentence's 2008, plus one
    assert ("JPN", "acceptance", "2009-07-14") in acts
    assert ("JPN", "acceptance", "2014-07-14") not in acts


# --- what a careful reader does not read as an act ----------------------------------------


def test_no_act_by_a_state_that_is_not_its_subject() -> None:
    assert not _acts(
        "Poland joined the Western military alliance the same year the treaty was ratified."
    )
    assert not _acts(
        "The move occurs against the backdrop of numerous decisions by the Russian Federation "
        "regarding withdrawal from international agreements in the field of arms control."
    )


def test_no_act_by_a_state_named_as_a_place() -> None:
    acts = _acts(
        "In November 1999 the French military stationed in Djibouti destroyed its stockpile "
        "of 2,444 antipersonnel landmines."
    )
    assert ("DJI", "stockpile-destruction-completed", None) not in acts


def test_no_act_from_a_decision_still_to_be_carried_out() -> None:
    assert not _acts(
        "At the meeting of cabinet ministers held early this morning, it was approved that "
        "Sri Lanka accedes to the Convention."
    )
    assert not _acts("Zelensky signed a decree on Ukraine's withdrawal from the Ottawa Convention")
    assert not _acts(
        "Through the approval the Parliament gave its consent to Finland’s withdrawal from the "
        "Convention."
    )


def test_acts_and_days_in_french_and_spanish() -> None:
    def acts(text: str) -> list[tuple[str, str, str | None]]:
        return [(a["state"], a["action"], a["date"]) for a in extract_text(text)["actions"]]

    assert acts("Le 16 septembre 1998, le Burkina Faso a ratifié le traité d’Ottawa.") == [
        ("BFA", "ratification", "1998-09-16")
    ]
    assert acts("El 3 de diciembre de 2008, Chile firmó la Convención.") == [
        ("CHL", "signature", "2008-12-03")
    ]
    assert acts("Le 1er mars 1999, le Mali a adhéré à la Convention.") == [
        ("MLI", "accession", "1999-03-01")
    ]


def test_congratulated_for_completing_their_stockpile_destruction() -> None:
    acts = _acts(
        "The Cluster Munition Coalition warmly congratulates Bulgaria, Slovakia, and South "
        "Africa for completing the destruction of their respective stockpiles."
    )
    assert acts == {(c, "stockpile-destruction-completed", None) for c in ("BGR", "SVK", "ZAF")}
    assert not _acts("We urge Chile and Peru to complete the destruction of their stockpiles.")


def test_states_that_provided_updates_are_speakers_not_a_list() -> None:
    text = (
        "The following States Parties that are in the process of implementing Article 4 "
        "provided updates: Belarus, Greece, Turkey and Ukraine."
    )
    assert extract_text(text)["participant_lists"] == []


# --- groups in brackets, hosts, and a last item "most recently" ----------------------------


def test_counted_groups_in_brackets_are_each_their_list() -> None:
    # c24: the support unit's report of a regional workshop in Abuja
    found = _lists(
        "The event brought together 8 Signatory States (Angola, Central African Republic, "
        "Democratic Republic of the Congo, Kenya, Liberia, Nigeria, Tanzania, and Uganda), 2 "
        "States not Party (South Sudan and Zimbabwe) and 4 States Parties (Botswana, Cameroon, "
        "Mozambique and Zambia) from the region."
    )
    assert sorted((f["stated_count"], f["states"]) for f in found) == [
        (2, ["SSD", "ZWE"]),
        (4, ["BWA", "CMR", "MOZ", "ZMB"]),
        (8, ["AGO", "CAF", "COD", "KEN", "LBR", "NGA", "TZA", "UGA"]),
    ]


def test_the_hosts_and_the_delegations_from_are_lists() -> None:
    # c24 and c17: a workshop's hosts, a summit's delegations
    hosts = _lists(
        "The workshop was hosted by the governments of the United Kingdom, Nigeria and "
        "Switzerland, with the support of the Implementation Support Unit."
    )
    assert [f["states"] for f in hosts] == [["GBR", "NGA", "CHE"]]
    delegations = _lists(
        "The delegations include those from Norway, Tonga, Thailand, Tajikistan, Cyprus and "
        "Ukraine."
    )
    assert [f["states"] for f in delegations] == [["NOR", "TON", "THA", "TJK", "CYP", "UKR"]]


def test_the_last_item_most_recently() -> None:
    # c19: the Landmine Monitor 2000 on the Middle East and North Africa
    found = _lists(
        "Four countries in the region are States Parties to the Mine Ban Treaty: Jordan, "
        "Qatar, Yemen, and most recently Tunisia (9 July 1999)."
    )
    assert [(f["stated_count"], f["states"]) for f in found] == [(4, ["JOR", "QAT", "YEM", "TUN"])]


def test_who_attended_in_the_words_reports_use() -> None:
    # the ways a meeting report names those present (written from c17, c18, c24 and c28)
    shapes = {
        "Those attending included representatives from Cambodia, Laos, Thailand and "
        "Vietnam.": ["KHM", "LAO", "THA", "VNM"],
        "The workshop was attended by officials from Benin, Burkina Faso, Mali, Niger and "
        "Togo.": ["BEN", "BFA", "MLI", "NER", "TGO"],
        "The meeting brought together government officials from Albania, Croatia, Montenegro "
        "and Serbia.": ["ALB", "HRV", "MNE", "SRB"],
        "Among the countries represented were Brazil, Argentina, Chile and Uruguay.": [
            "BRA", "ARG", "CHL", "URY",
        ],
        "Cambodia, Laos, Thailand and Vietnam were represented at the meeting.": [
            "KHM", "LAO", "THA", "VNM",
        ],
        "Participants\nAustralia\nAustria\nBelgium\nCanada": ["AUS", "AUT", "BEL", "CAN"],
    }  # fmt: skip
    for text, states in shapes.items():
        assert [f["states"] for f in _lists(text)] == [states], text


def test_a_counted_list_between_dashes() -> None:
    found = _lists(
        "Eight countries – Cameroon, Chad, Ghana, Guinea, Mali, Niger, Senegal and Togo – "
        "signed the convention during the conference."
    )
    assert [(f["stated_count"], len(f["states"])) for f in found] == [(8, 8)]
    # states that announced something are speakers, not participants (c13)
    assert not _lists(
        "Four States – Albania, Greece, Rwanda and Zambia – announced that they have completed "
        "clearance."
    )


def test_sentences_a_page_ran_together_and_a_set_named_by_its_participle() -> None:
    # c33: the Cluster Munition Coalition on the Convention's 30th ratification
    text = (
        "(London, 16 February 2010) – Burkina Faso and Moldova ratified the international "
        "Convention banning cluster munitions today, bringing the total to 30. Other ratifying "
        "states are: Burundi, Luxembourg, Malawi, and Uruguay.A total of 104 countries have "
        "signed the Convention."
    )
    assert _acts(text) == {
        ("BFA", "ratification", "2010-02-16"),
        ("MDA", "ratification", "2010-02-16"),
        *((c, "ratification", None) for c in ("BDI", "LUX", "MWI", "URY")),
    }


def test_a_list_item_misspelt_by_one_letter_is_still_its_state() -> None:
    # a Hansard answer (tb-hansard) and a CMC regional table (nw-ccm) misspell a name
    hansard = (
        "Those that have ratified are Canada, Ireland, Mauritius, the Holy See, Belize and "
        "Trindad and Tobago."
    )
    assert _lists(hansard)[0]["states"] == ["CAN", "IRL", "MUS", "VAT", "BLZ", "TTO"]
    table = "Signatories: Peru, Paraguay, Saint Kitt and Nevis, Saint Vincent and the Grenadines."
    assert _lists(table)[0]["states"] == ["PER", "PRY", "KNA", "VCT"]
    # two states one letter apart ("Austrlia": Australia or Austria?) are neither
    assert _lists("Signatories: Peru, Austrlia, Paraguay and Chile.")[0]["states"] == [
        "PER",
        "PRY",
        "CHL",
    ]
    # nor is a word of prose after a list
    assert _lists("Signatories: Peru, Paraguay and Chile and Calendar.")[0]["states"] == [
        "PER",
        "PRY",
        "CHL",
    ]


def test_a_count_of_delegations_and_the_lists_of_states_that_did_not_act() -> None:
    # a Landmine Monitor 2000 region chapter (c19): the observers are counted as delegations
    observers = (
        "Among the twelve non-signatory delegations attending as observers were Israel, "
        "Libya, Morocco, and Palestine."
    )
    assert [(x["stated_count"], x["states"]) for x in _lists(observers)] == [
        (12, ["ISR", "LBY", "MAR", "PSE"])
    ]
    # those that did not approve, have not signed, or explained their vote took no part
    for text in (
        "Of the 49 nations attending the conference, Poland, Romania and Japan did not "
        "approve the final declaration.",
        "The United States, Russia and China are among the countries that have not signed.",
        "Explanation of vote: Egypt, Pakistan, Singapore, Iran, Cyprus, Russia, Brazil",
    ):
        assert _lists(text) == [], text


def test_a_count_as_the_subject_of_the_act_before_including() -> None:
    # a Swiss government release (c35): the list's count is the last conjunct's
    text = (
        "To date, 108 states throughout the world have signed the CCM and 46 have ratified "
        "it, including Germany, France, Norway, the U.K., Canada, Australia and Japan."
    )
    assert [(x["stated_count"], len(x["states"])) for x in _lists(text)] == [(46, 7)]


def test_one_state_named_over_and_over_is_no_list() -> None:
    # a Monitor profile's breadcrumbs (c38)
    text = "Table of Contents\nCountry Reports\nPalau\nPalau\nThe Republic of Palau signed it."
    assert _lists(text) == []


def test_the_embassies_of_states_attending_an_event() -> None:
    # a Thai ministry release (c12): the states named by their embassies took part
    text = (
        "The event was attended by 80 invited guests including representatives from the "
        "TMAC, the Ministry of Public Health, the Embassies of Norway, Japan, Cambodia and "
        "the United States, and members of the press."
    )
    assert [x["states"] for x in _lists(text)] == [["NOR", "JPN", "KHM", "USA"]]


def test_signatories_named_by_what_they_lack_and_the_states_a_signer_joined() -> None:
    # the Landmine Monitor 1999 (c44) and an ICRC release (c47)
    text = (
        "All 33 countries of the region have signed the treaty. Those who have signed but "
        "not ratified include: Antigua and Barbuda, Argentina, Brazil, Chile."
    )
    assert [(x["stated_count"], x["states"]) for x in _lists(text)] == [
        (None, ["ATG", "ARG", "BRA", "CHL"])
    ]
    joined = (
        "Palau became the latest Pacific state to sign the Ottawa Convention on November 18 "
        "this year, joining Fiji, Australia, Samoa and Vanuatu."
    )
    assert [x["states"] for x in _lists(joined)] == [["PLW", "FJI", "AUS", "WSM", "VUT"]]


def test_counted_groups_in_brackets_of_the_states_a_meeting_brought_together() -> None:
    # ISU pages (c24, c51): the groups by status, two states the shortest
    text = (
        "The workshop brought together representatives from 3 non-signatory States "
        "(Ethiopia, Gabon and Zimbabwe), 2 States not Party (South Sudan and Eritrea) and "
        "4 States Parties (Botswana, Cameroon, Mozambique and Niger)."
    )
    assert sorted((x["stated_count"], x["states"]) for x in _lists(text)) == [
        (2, ["SSD", "ERI"]),
        (3, ["ETH", "GAB", "ZWE"]),
        (4, ["BWA", "CMR", "MOZ", "NER"]),
    ]
    # states of that status that stayed away took no part
    absent = "Two non-party States (Ethiopia and Zimbabwe) refused the invitation."
    assert _lists(absent) == []


def test_states_that_remain_outside_are_no_list_and_those_joined_are_one_list() -> None:
    # a campaign's news (c46): two lists in one sentence, the second of non-members
    text = (
        "In the Pacific region, eight states have joined the Convention – Australia, Cook "
        "Islands, Fiji, Nauru, New Zealand, Niue, Palau and Samoa – while eight states "
        "remain outside of the convention – Kiribati, Marshall Islands, Micronesia, Papua "
        "New Guinea, Solomon Islands, Tonga, Tuvalu and Vanuatu."
    )
    assert [(x["stated_count"], x["states"][0]) for x in _lists(text)] == [(8, "AUS")]
    # an ICRC release (c47): the leader and those it joined, one list, not two
    joined = (
        "Palau became the latest Pacific state to sign the Ottawa Convention on November 18, "
        "joining Fiji, Australia, Samoa and Vanuatu."
    )
    assert len(_lists(joined)) == 1


def test_a_count_of_acts_before_the_list_that_names_as_many() -> None:
    # an AP story in the Tirana Times (c36): "the 30 ratifications required", then the 30
    names = (
        "Albania, Burkina Faso, Moldova, Norway, Austria, Holy See, Ireland, Mexico, "
        "New Zealand, Sierra Leone"
    )
    text = (
        "The Secretary-General announced that the convention had received the 10 "
        f"ratifications required.\n\nThe convention has been ratified by {names}."
    )
    assert [x["stated_count"] for x in _lists(text)] == [10]
    # a count of other acts is not this list's
    other = text.replace("10 ratifications", "12 ratifications")
    assert [x["stated_count"] for x in _lists(other)] == [None]


def test_the_states_that_align_themselves_with_a_blocs_statement_are_one_list() -> None:
    text = (
        "EU Statement\n\nThe Candidate Countries the Republic of North Macedonia*, "
        "Montenegro*, Serbia* and Albania*, the country of the Stabilisation and Association "
        "Process and potential candidate Bosnia and Herzegovina, and the EFTA country "
        "Iceland, member of the European Economic Area align themselves with this statement."
        "\n\nThe EU welcomes the accession of Sri Lanka."
    )
    found = _lists(text)
    assert [(f["states"], f["stated_count"]) for f in found] == [
        (["MKD", "MNE", "SRB", "ALB", "BIH", "ISL"], None)
    ]
    # the states a statement welcomes are no one's alignment
    assert _lists(text.replace("align themselves with this statement", "were discussed")) == []


def test_a_counted_set_whose_stockpile_destruction_is_complete_introduces_its_list() -> None:
    text = (
        "At the close of the Nairobi Summit, 16 States Parties had not yet completed the "
        "destruction of mines. Since that time, 5 have indicated that their stockpile "
        "destruction programs are complete: Algeria, Bangladesh, Guinea Bissau, Mauritania, "
        "and Uruguay."
    )
    done = "stockpile-destruction-completed"
    assert _acts(text) == {(s, done, None) for s in ("DZA", "BGD", "GNB", "MRT", "URY")}
    # a completion still to come is none
    assert _acts(text.replace("are complete:", "will be complete by 2010:")) == set()
    # one state: the stative "complete" is its act too
    assert _acts("Kuwait has declared its stockpile destruction complete.") == {("KWT", done, None)}


def test_last_night_in_a_dated_release_is_the_day_before() -> None:
    text = (
        "Burkina Faso and Moldova both submitted their instruments of ratification of the "
        "Convention on Cluster Munitions to the United Nations last night."
    )
    assert _acts(text, date="2010-02-17") == {
        ("BFA", "ratification", "2010-02-16"),
        ("MDA", "ratification", "2010-02-16"),
    }
    # with no day of its own, the release gives no day to "last night"
    assert _acts(text) == {("BFA", "ratification", None), ("MDA", "ratification", None)}


def test_a_day_without_a_year_takes_the_year_the_paragraphs_story_has_reached() -> None:
    text = (
        "Landmine Monitor 2007\n\nAfter achieving the required 40 ratifications in September "
        "1998, the Mine Ban Treaty entered into force on 1 March 1999.\n\nKuwait acceded to "
        "the treaty on 30 July 2007, with entry into force on 1 January 2008. Iraq acceded "
        "on 15 August, with entry into force on 1 February 2008."
    )
    assert ("IRQ", "accession", "2007-08-15") in _acts(text)
    # a dated release's own year still rules: it is exact
    release = "Iraq acceded on 15 August, the ministry said."
    assert _acts(release, date="2007-08-20") == {("IRQ", "accession", "2007-08-15")}


def test_the_countries_a_campaigns_members_come_from_are_no_participant_list() -> None:
    text = (
        "Delegates from 42 African states took part. The Cluster Munition Coalition (CMC) "
        "was represented by 80 campaigners from 26 countries, including: Algeria, Burundi, "
        "DR Congo, Djibouti, Egypt, Ethiopia, Gambia and Ghana."
    )
    assert _lists(text) == []
    states = text.replace("80 campaigners from 26 countries", "delegations of 26 countries")
    assert [len(f["states"]) for f in _lists(states)] == [8]


def test_a_part_of_a_counted_whole_is_the_count_of_the_list() -> None:
    # Landmine Monitor 2000, Middle East/North Africa (c19)
    text = (
        "Four of the eighteen countries of the Middle East/North Africa region are States "
        "Parties to the Mine Ban Treaty: Jordan, Qatar, Yemen, and most recently Tunisia."
    )
    (found,) = _lists(text)
    assert found["stated_count"] == 4
    assert found["states"] == ["JOR", "QAT", "YEM", "TUN"]


def test_two_states_a_count_and_a_colon_introduce_are_a_list_and_act() -> None:
    found = extract_text(
        "Five Pacific Islands Forum members have signed the Convention (Australia, Cook "
        "Islands, Fiji, Nauru, and Palau), while two have now ratified: Samoa and New "
        "Zealand (22 December\n2009)."
    )
    assert {"stated_count": 2, "states": ["WSM", "NZL"]} in [
        {"stated_count": x["stated_count"], "states": x["states"]}
        for x in found["participant_lists"]
    ]
    acts = {(a["state"], a["action"], a["date"]) for a in found["actions"]}
    assert ("NZL", "ratification", "2009-12-22") in acts
    # two named for what they did that is no taking part
    found = extract_text("The report confirms use by only two states: Myanmar and Russia.")
    assert found["participant_lists"] == []


def test_the_states_that_launched_a_process_or_sent_representatives_are_a_list() -> None:
    found = _lists(
        "Talks on the convention, first launched by Austria, Ireland, Mexico, New Zealand, "
        "Norway, Peru and the Vatican, began in Oslo."
    )
    assert [sorted(f["states"]) for f in found] == [
        sorted(["AUT", "IRL", "MEX", "NZL", "NOR", "PER", "VAT"])
    ]
    found = _lists("The panel heard representatives of Afghanistan, Mozambique and New Zealand.")
    assert [sorted(f["states"]) for f in found] == [["AFG", "MOZ", "NZL"]]
    # the seeds' reading: delegates who say what their states plan are speakers, no list
    assert not _lists(
        "Delegates from Malaysia, Gabon, Kiribati, Tajikistan and South Sudan indicated "
        "they plan to accede to the Convention."
    )
