"""How states are named in documents the extractor has not seen (issue 20): tables that
invert names or lose the separators between them, other languages, and words that look
like a state's name but name something else. Each is written from a corpus document."""

from __future__ import annotations

from treatywatch.ingest.extract import extract_text, states


def _named(text: str) -> list[tuple[str, str]]:
    return [(m.iso3, text[m.start : m.end]) for m in states.find_states(text)]


def test_a_list_whose_separators_were_lost() -> None:
    text = "general statements: ThailandColombiaSri LankaChile, and ChinaPakistanIndia."
    assert [iso3 for iso3, _ in _named(text)] == [
        "THA", "COL", "LKA", "CHL", "CHN", "PAK", "IND",
    ]  # fmt: skip


def test_inverted_names_of_alphabetical_tables() -> None:
    text = "Comoren 03-12-08 Congo, Democratische Republiek 18-03-09 Congo, Republiek 03-12-08"
    assert [iso3 for iso3, _ in _named(text)] == ["COM", "COD", "COG"]
    assert _named("Korea, Republic of") == [("KOR", "Korea, Republic of")]


def test_french_names_as_running_text_writes_them() -> None:
    text = "Grenade, Guinée équatoriale, Hongrie, Saint-Marin, Saint-Siège, Samoa"
    assert [iso3 for iso3, _ in _named(text)] == ["GRD", "GNQ", "HUN", "SMR", "VAT", "WSM"]


def test_a_language_a_newsroom_and_a_territory_are_not_states() -> None:
    assert _named("Website in Spanish Website in Portuguese coming soon") == []
    assert _named("A news article published on Vatican News can be read here.") == []
    assert _named("South Georgia and the South Sandwich Islands") == []
    # but the people, the place and the state still are
    assert _named("in French territory, Georgia and the Spanish delegation") == [
        ("FRA", "French"), ("GEO", "Georgia"), ("ESP", "Spanish"),
    ]  # fmt: skip


def test_names_in_a_headline_of_capitals() -> None:
    assert _named("TURKEY, GREECE, BELARUS FAIL TO DESTROY\n\nNEW ZEALAND SIGNS") == [
        ("TUR", "TURKEY"), ("GRC", "GREECE"), ("BLR", "BELARUS"), ("NZL", "NEW ZEALAND"),
    ]  # fmt: skip
    # an organisation's initials are no state, nor are a state's as a code
    assert _named("CMC STATEMENT ON THE TREATY") == []


def test_saint_abbreviated_as_st() -> None:
    # c16: the support unit's page on St. Lucia's accession names it only as "St. Lucia"
    assert _named("Congratulations to St. Lucia, and to St Kitts and Nevis.") == [
        ("LCA", "St. Lucia"),
        ("KNA", "St Kitts and Nevis"),
    ]


def test_bosnia_alone_and_with_an_ampersand_is_bosnia_and_herzegovina() -> None:
    # the Landmine Monitor 1999 writes "Bosnia"; a joint statement "Bosnia & Herzegovina*"
    text = (
        "Heavily mine-affected states have signed, including Cambodia, Angola, Bosnia, and "
        "Croatia. I speak on behalf of Algeria, Austria, Bosnia & Herzegovina*, Brazil."
    )
    found = extract_text(text)
    assert "BIH" in {s["iso3"] for s in found["states"]}
    assert [lst["states"] for lst in found["participant_lists"]][-1] == [
        "DZA",
        "AUT",
        "BIH",
        "BRA",
    ]


def test_languages_and_organisations_named_after_a_people_are_no_states() -> None:
    # ISU document lists (c33, c34), a Wikipedia infobox (c14), UN depositary notes (c10),
    # OAS releases (c40), agency bylines (c32, c43), NGO lists (c9, c14)
    for text in (
        "Colombia Spanish PDF 717KB",
        "Declarations (Translation) (Original: Spanish)",
        "CMC Press Release (French) - L’Afrique s’unit",
        "Languages: Arabic, Chinese, English, French, Russian and Spanish",
        "the Organization of American States (OAS) Permanent Council",
        "Published on Agence France Presse",
        "Norwegian People’s Aid (NPA) and the Danish Demining Group",
    ):
        found = {s["iso3"] for s in extract_text(text)["states"]} - {"COL"}
        assert found == set(), text
    # two peoples are still their states, and so is a state's own name
    assert {s["iso3"] for s in extract_text("The French and German governments")["states"]} == {
        "FRA",
        "DEU",
    }
    assert {
        s["iso3"] for s in extract_text("France and the Organization of American States")["states"]
    } == {"FRA"}


def test_an_english_island_is_not_iceland_by_its_name_in_other_languages() -> None:
    text = (
        "Seven Pacific Island Forum members have signed the Convention, and another Pacific "
        "Island state, Palau, has ratified."
    )
    assert [iso3 for iso3, _ in _named(text)] == ["PLW"]
    # a list in German still names Iceland so
    assert [iso3 for iso3, _ in _named("Irland, Island, Italien")] == ["IRL", "ISL", "ITA"]
