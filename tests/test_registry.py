"""The state registry: every name a treaty document uses resolves to one state."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from treatywatch import registry


@pytest.mark.parametrize(
    ("name", "iso3"),
    [
        ("Lao DPR", "LAO"), ("Lao PDR", "LAO"), ("Laos", "LAO"), ("LAO", "LAO"),
        ("Swaziland", "SWZ"), ("Eswatini", "SWZ"), ("Bosnia-Herzegovina", "BIH"),
        ("Ivory Coast", "CIV"), ("Côte d’Ivoire", "CIV"), ("Cape Verde", "CPV"),
        ("Macedonia", "MKD"), ("FYR Macedonia", "MKD"), ("Czech Republic", "CZE"),
        ("Burma", "MMR"), ("Vatican", "VAT"), ("Holy See", "VAT"), ("Republic of Korea", "KOR"),
        ("South Korea", "KOR"), ("Congo, Rep.", "COG"), ("DR Congo", "COD"), ("Türkiye", "TUR"),
        ("Turkey", "TUR"), ("UK", "GBR"), ("the UK", "GBR"), ("Great Britain", "GBR"),
        ("USA", "USA"), ("the United States", "USA"), ("Russian Federation", "RUS"),
        ("Norwegian", "NOR"), ("Peruvian", "PER"), ("Lebanese", "LBN"), ("Palestine", "PSE"),
        ("Kosovo", "XKX"), ("Cook Islands", "COK"), ("Niue", "NIU"),
    ],
)  # fmt: skip
def test_names_documents_use_resolve(name: str, iso3: str) -> None:
    assert registry.resolve(name) == iso3


def test_registry_holds_un_members_and_the_states_outside_the_un() -> None:
    states = registry.all_states()
    assert sum(s.un_member for s in states) == 193
    codes = {s.iso3 for s in states}
    assert {"VAT", "PSE", "COK", "NIU", "XKX"} <= codes
    assert "TWN" not in codes  # not a state that can join these treaties
    lao = registry.get("LAO")
    assert (lao.region, lao.subregion) == ("Asia", "South-eastern Asia")
    assert registry.get("PER").region == "Americas"


def test_no_name_of_one_state_resolves_to_another() -> None:
    for state in registry.all_states():
        for name in (*state.aliases, *state.demonyms):
            assert registry.resolve(name) == state.iso3, name


def test_unknown_name_suggests_only_close_names() -> None:
    with pytest.raises(registry.UnknownStateError) as narnia:
        registry.resolve("Narnia")
    assert narnia.value.suggestions == []
    with pytest.raises(registry.UnknownStateError) as typo:
        registry.resolve("Norwey")
    assert typo.value.suggestions[0].startswith("Norway")
    assert "Norway" in str(typo.value)


def test_grouping_membership_changes_over_time() -> None:
    assert "HRV" not in registry.members_of("EU", dt.date(2012, 1, 1))
    assert "HRV" in registry.members_of("EU", dt.date(2014, 1, 1))
    assert "GBR" in registry.members_of("EU", dt.date(2019, 1, 1))
    assert "GBR" not in registry.members_of("EU", dt.date(2021, 1, 1))


@given(st.text(max_size=40))
def test_normalise_is_idempotent_and_resolution_never_crashes(text: str) -> None:
    key = registry.normalise(text)
    assert registry.normalise(key) == key
    try:
        registry.resolve(text)
    except registry.UnknownStateError as exc:
        assert exc.name == text


def test_codes_have_their_iso_lengths() -> None:
    for state in registry.all_states():
        assert len(state.iso3) == 3 and state.iso3.isupper()
        assert len(state.iso2) == 2 and state.iso2.isupper(), state
