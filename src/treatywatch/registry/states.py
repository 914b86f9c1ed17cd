"""States, their names, and resolution of any name a document uses to an ISO 3166-1 alpha-3 code."""

from __future__ import annotations

import csv
import importlib.util
import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path

#: Non-member states that can join the CCM/APMBC (observer states, states in free
#: association with New Zealand, and Kosovo, which the depositary does not list but
#: documents name). Their codes follow common usage (XKX is the user-assigned code
#: the EU and the World Bank use for Kosovo).
NON_MEMBER_STATES: tuple[str, ...] = ("VAT", "PSE", "COK", "NIU", "XKX")

#: Entities that documents name as states but from which the UN Secretary-General, the
#: depositary of both treaties, accepts no instrument: he acts for UN members, the observer
#: states (Holy See, Palestine) and states whose treaty-making capacity he recognises (Cook
#: Islands, Niue), which leaves Kosovo. Counts keep them apart from the states that have
#: not joined, so "not joined" counts those that could.
CANNOT_DEPOSIT: frozenset[str] = frozenset({"XKX"})

_HERE = Path(__file__).parent


class UnknownStateError(LookupError):
    """A name that no state in the registry goes by."""

    def __init__(self, name: str, suggestions: list[str]) -> None:
        self.name = name
        self.suggestions = suggestions
        hint = f" Did you mean: {', '.join(suggestions)}?" if suggestions else ""
        super().__init__(f"No state is known by the name {name!r}.{hint}")


@dataclass(frozen=True, slots=True)
class State:
    iso3: str
    iso2: str
    name: str
    formal_name: str
    region: str  # UN M49 region: Africa, Americas, Asia, Europe, Oceania
    subregion: str  # UN M49 sub-region, e.g. "South-eastern Asia"
    un_member: bool
    un_member_since: int | None
    aliases: tuple[str, ...]
    demonyms: tuple[str, ...]


_ARTICLE = re.compile(r"^(the)\s+")
_NON_WORD = re.compile(r"[^\w]+")


def normalise(name: str) -> str:
    """The key two spellings of one name share: case, accents, punctuation and a
    leading "the" do not matter ("Côte d'Ivoire" ~ "cote d ivoire")."""
    folded = unicodedata.normalize("NFKD", name)
    folded = "".join(c for c in folded if not unicodedata.combining(c)).casefold()
    folded = folded.replace("&", " and ").replace("’", "'").replace("'", "")
    folded = _NON_WORD.sub(" ", folded).strip()
    return _ARTICLE.sub("", folded)


def _country_converter_table() -> Path:
    # Locating the data file without importing the package keeps pandas out of start-up.
    spec = importlib.util.find_spec("country_converter")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("country_converter is not installed; run pip install -e .")
    return Path(next(iter(spec.submodule_search_locations))) / "country_data.tsv"


_REGION_FROM_CONTINENT = {"America": "Americas"}


def _load_yaml(name: str) -> dict[str, list[str]]:
    from treatywatch import yamlfile

    with (_HERE / name).open(encoding="utf-8") as fh:
        data = yamlfile.safe_load(fh) or {}
    return {str(k): [str(v) for v in vs] for k, vs in data.items()}


#: Languages whose names of states documents use (the UN's, and those of the depositary
#: notifications and governments read most often), from pycountry's translations.
FOREIGN_LANGUAGES = ("fr", "es", "de", "nl", "pt")


def _translated_names() -> dict[str, list[str]]:
    """Each state's names in :data:`FOREIGN_LANGUAGES` ("Allemagne", "Alemania",
    "Duitsland"): a state named in any form counts, and a French table names it so."""
    import gettext

    import pycountry

    out: dict[str, list[str]] = {}
    for lang in FOREIGN_LANGUAGES:
        try:
            tr = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[lang])
        except OSError:
            continue
        for country in pycountry.countries:
            for english in (getattr(country, "name", None), getattr(country, "common_name", None)):
                if english:
                    local = tr.gettext(english)
                    if local != english:
                        out.setdefault(country.alpha_3, []).append(local)
    return out


_NAME_FIELDS = frozenset({"name", "formal_name"})


def _load_names(name: str) -> dict[str, dict[str, str]]:
    from treatywatch import yamlfile

    with (_HERE / name).open(encoding="utf-8") as fh:
        data = yamlfile.safe_load(fh) or {}
    out: dict[str, dict[str, str]] = {}
    for iso3, fields in data.items():
        extra = set(fields) - _NAME_FIELDS
        if extra:
            raise RuntimeError(f"{name}: {iso3} gives {sorted(extra)}; only name, formal_name")
        out[str(iso3)] = {str(k): str(v) for k, v in fields.items()}
    return out


@cache
def _states() -> dict[str, State]:
    """The registry, from its copy in the cache folder when its sources have not changed:
    building it imports pycountry and reads its tables, most of a read command's start-up
    (about 90 ms)."""
    from treatywatch import cachefile

    key = "|".join(
        [
            # The packages' own files, found without importing them (an upgrade changes them).
            cachefile.source_stamp("pycountry", "country_converter", __name__),
            cachefile.file_stamp(*(_HERE / n for n in _REGISTRY_FILES)),
        ]
    )
    kept = cachefile.load("registry", key, dict)
    if kept is not None:
        return kept
    built = _build_states()
    cachefile.save("registry", key, built)
    return built


_REGISTRY_FILES = ("aliases.yaml", "demonyms.yaml", "names.yaml")


def _build_states() -> dict[str, State]:
    import pycountry

    aliases = _load_yaml("aliases.yaml")
    demonyms = _load_yaml("demonyms.yaml")
    practice = _load_names("names.yaml")
    foreign = _translated_names()
    states: dict[str, State] = {}
    with _country_converter_table().open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            iso3 = row["ISO3"]
            member_since = row["UNmember"].strip()
            if not member_since and iso3 not in NON_MEMBER_STATES:
                continue
            py = pycountry.countries.get(alpha_3=iso3)
            usage = practice.get(iso3, {})
            names: list[str] = [*usage.values(), row["name_short"], row["name_official"]]
            if py is not None:
                names += [
                    getattr(py, "name", ""),
                    getattr(py, "official_name", ""),
                    getattr(py, "common_name", ""),
                ]
            names += aliases.get(iso3, [])
            names += foreign.get(iso3, [])
            unique = tuple(dict.fromkeys(n for n in names if n))
            formal = usage.get("formal_name") or (
                (getattr(py, "official_name", None) if py else None) or row["name_official"]
            )
            states[iso3] = State(
                iso3=iso3,
                # country_converter writes a few ISO2 cells as match patterns ("^GB$|^UK$").
                iso2=py.alpha_2 if py is not None else row["ISO2"][:2],
                name=usage.get("name") or row["name_short"],
                formal_name=formal,
                region=_REGION_FROM_CONTINENT.get(row["continent"], row["continent"]),
                subregion=row["UNregion"],
                un_member=bool(member_since),
                un_member_since=int(member_since) if member_since.isdigit() else None,
                aliases=unique,
                demonyms=tuple(demonyms.get(iso3, [])),
            )
    unknown = (set(aliases) | set(demonyms) | set(practice)) - set(states)
    if unknown:
        raise RuntimeError(f"aliases/demonyms name codes outside the registry: {sorted(unknown)}")
    return dict(sorted(states.items()))


@cache
def _name_index() -> dict[str, str]:
    index: dict[str, str] = {}
    for state in _states().values():
        for name in (state.iso3, state.iso2, *state.aliases, *state.demonyms):
            key = normalise(name)
            # First writer wins: official names are listed before aliases, so an alias
            # can never steal a name that belongs to another state.
            index.setdefault(key, state.iso3)
    return index


def all_states() -> list[State]:
    return list(_states().values())


def is_state(code: str) -> bool:
    return code in _states()


def get(iso3: str) -> State:
    try:
        return _states()[iso3.upper()]
    except KeyError:
        raise UnknownStateError(iso3, suggest(iso3)) from None


def lookup(name: str) -> str | None:
    """The ISO3 code of a state by any of its names, or None."""
    name = name.strip()
    if len(name) == 3 and name.isalpha() and name.upper() in _states():
        return name.upper()
    return _name_index().get(normalise(name))


def resolve(name: str) -> str:
    """The ISO3 code of a state by any of its names; raises UnknownStateError with
    the nearest names when none fits."""
    code = lookup(name)
    if code is None:
        raise UnknownStateError(name, suggest(name))
    return code


def suggest(name: str, limit: int = 3) -> list[str]:
    """Names close enough to be a likely typo; nothing when nothing is close."""
    from rapidfuzz import fuzz, process

    key = normalise(name)
    if not key:
        return []
    from rapidfuzz.distance import DamerauLevenshtein

    index = _name_index()
    names = list(index)
    close = process.extract(key, names, scorer=fuzz.ratio, limit=limit * 4, score_cutoff=80)
    # A swapped or dropped letter in a short name ("Loas") scores under 80 by ratio, which
    # weighs each edit against the name's length; count the edits instead.
    edits = process.extract(
        key,
        names,
        scorer=DamerauLevenshtein.distance,
        limit=limit * 4,
        score_cutoff=max(1, len(key) // 4),
    )
    matches = [*edits, *close]  # the fewest edits first
    out: list[str] = []
    for _match, _score, _ in matches:
        label = f"{_states()[index[_match]].name} ({index[_match]})"
        if label not in out:
            out.append(label)
    return out[:limit]


def lookup_misspelt(name: str) -> str | None:
    """The one state a name of at least seven letters misspells by a single letter dropped,
    added, changed or swapped ("Trindad and Tobago", "Saint Kitt and Nevis"), or None where
    no state's name, or more than one state's, is that close."""
    from rapidfuzz import process
    from rapidfuzz.distance import DamerauLevenshtein

    key = normalise(name)
    if len(key) < 7:
        return None
    index = _name_index()
    close = process.extract(
        key, list(index), scorer=DamerauLevenshtein.distance, limit=4, score_cutoff=1
    )
    codes = {index[match] for match, _score, _ in close}
    return codes.pop() if len(codes) == 1 else None


@dataclass(frozen=True, slots=True)
class Mention:
    """One form of a state's name as it may stand in running text."""

    form: str
    iso3: str
    demonym: bool


@cache
def mention_index() -> tuple[Mention, ...]:
    """Every surface form of every state (names, aliases, demonyms), longest first,
    for scanning running text."""
    seen: set[str] = set()
    out: list[Mention] = []
    for state in _states().values():
        for form, demonym in [(a, False) for a in state.aliases] + [
            (d, True) for d in state.demonyms
        ]:
            if form.casefold() in seen:
                continue
            seen.add(form.casefold())
            out.append(Mention(form=form, iso3=state.iso3, demonym=demonym))
    out.sort(key=lambda m: (-len(m.form), m.form))
    return tuple(out)
