"""The pages in English, French and Spanish.

English pages keep their addresses (``/states/LAO``); the others carry the language as the
first part of the path (``/fr/states/LAO``, ``/es/states/LAO``), so every cache keyed by
URL stays right and a link can be shared in a language. The API and the downloads are
language-neutral and have one address.

Three sources of words, each loaded once per process:

- the site's own words: gettext catalogues under ``locale/`` (``messages.pot``, one ``.po``
  per language), extracted from the templates and the web modules with Babel. The ``.po``
  files are compiled in memory at first use rather than committed as ``.mo``: a ``.mo``
  beside its ``.po`` can only drift from it, and compiling two catalogues of a few hundred
  messages takes milliseconds;
- state names: pycountry's own translations of ISO 3166 (never typed here);
- treaty titles: the conventions' official French and Spanish titles, in
  ``locale/instruments.yaml``.
"""

from __future__ import annotations

import datetime as dt
import gettext as gettext_module
import io
import unicodedata
from collections.abc import Callable, Mapping
from functools import cache
from importlib import resources
from typing import Any

#: The languages of the site, English first (the default, at the unprefixed addresses).
LANGUAGES = ("en", "fr", "es")
DEFAULT = "en"
#: Each language's name in itself, as the language switch shows it.
NATIVE_NAMES = {"en": "English", "fr": "Français", "es": "Español"}
#: The gettext domain of the site's catalogues and of pycountry's country names.
DOMAIN = "messages"
COUNTRY_DOMAIN = "iso3166-1"


def N_(message: str) -> str:
    """Marks a string for the catalogue where it is defined; it is translated where used."""
    return message


# -- addresses -------------------------------------------------------------------------------


def prefix(lang: str) -> str:
    """The path prefix of a language's pages: "" for English, "/fr" for French."""
    return "" if lang == DEFAULT else f"/{lang}"


def lang_of(path: str) -> str:
    """The language a page address asks for (English when it names none)."""
    first = path.split("/", 2)[1] if path.startswith("/") and len(path) > 1 else ""
    return first if first in LANGUAGES and first != DEFAULT else DEFAULT


def unprefixed(path: str) -> str:
    """The English address of a page in any language: "/fr/states" -> "/states"."""
    lang = lang_of(path)
    if lang == DEFAULT:
        return path
    rest = path[len(prefix(lang)) :]
    return rest or "/"


def localized(path: str, lang: str) -> str:
    """The same page's address in another language."""
    return prefix(lang) + unprefixed(path) if lang != DEFAULT else unprefixed(path)


# -- the site's words ------------------------------------------------------------------------


def _locale_dir() -> Any:
    return resources.files("treatywatch.web") / "locale"


@cache
def translations(lang: str) -> gettext_module.NullTranslations:
    """A language's catalogue, compiled from its .po in memory once; English is the
    catalogues' source language, so it needs none."""
    if lang == DEFAULT:
        return gettext_module.NullTranslations()
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    po = _locale_dir() / lang / "LC_MESSAGES" / f"{DOMAIN}.po"
    with po.open("rb") as f:
        catalog = read_po(f, locale=lang, domain=DOMAIN)
    buf = io.BytesIO()
    write_mo(buf, catalog, use_fuzzy=False)  # a fuzzy guess is not a translation
    buf.seek(0)
    return gettext_module.GNUTranslations(buf)


def gettext_for(lang: str) -> Callable[[str], str]:
    return translations(lang).gettext


# -- state names -----------------------------------------------------------------------------


@cache
def _countries(lang: str) -> gettext_module.NullTranslations:
    import pycountry

    try:
        return gettext_module.translation(COUNTRY_DOMAIN, pycountry.LOCALES_DIR, languages=[lang])
    except OSError:  # pycountry without that language: names stay English
        return gettext_module.NullTranslations()


def _uninverted(name: str) -> str:
    """ISO 3166 lists some names inverted for sorting ("Corée, République de"): as a
    reader writes them ("République de Corée")."""
    head, sep, tail = name.partition(", ")
    if not sep:
        return name
    joined = tail + ("" if tail.endswith("'") else " ") + head
    return joined[:1].upper() + joined[1:]


def _translated(catalogue: gettext_module.NullTranslations, english: str) -> str | None:
    text = catalogue.gettext(english)
    return text if text != english or _same_in_both(catalogue, english) else None


def _same_in_both(catalogue: gettext_module.NullTranslations, english: str) -> bool:
    # "France" is "France" in French too: a name the catalogue holds, not a gap in it.
    catalog = getattr(catalogue, "_catalog", {})
    return english in catalog


@cache
def state_names(lang: str) -> Mapping[str, tuple[str, str]]:
    """ISO3 -> (name, formal name) in a language, from pycountry's translations of
    ISO 3166. The registry's English name is looked up first (it is often pycountry's
    common name, "Laos"), then pycountry's common and official names; a state pycountry
    does not list (Kosovo) keeps its English names."""
    import pycountry

    from treatywatch import registry

    if lang == DEFAULT:
        return {s.iso3: (s.name, s.formal_name) for s in registry.all_states()}
    catalogue = _countries(lang)
    out: dict[str, tuple[str, str]] = {}
    for s in registry.all_states():
        country = pycountry.countries.get(alpha_3=s.iso3)
        candidates = [s.name]
        formal = [s.formal_name]
        if country is not None:
            candidates += [getattr(country, "common_name", ""), country.name]
            formal += [getattr(country, "official_name", ""), country.name]
        name = next((t for c in candidates if c and (t := _translated(catalogue, c))), s.name)
        long = next((t for c in formal if c and (t := _translated(catalogue, c))), name)
        out[s.iso3] = (_uninverted(name), _uninverted(long))
    return out


def state_name(lang: str, iso3: str, english: str = "") -> str:
    """A state's name in a language; ``english`` (or the code) where the registry has no
    such state (an organisation speaking at a meeting)."""
    if lang == DEFAULT and english:
        return english  # the English pages name states as the query layer does
    found = state_names(lang).get(iso3)
    return found[0] if found else english or iso3


def sort_key(text: str) -> str:
    """Alphabetical order as a reader expects it: "Égypte" between "Équateur" and
    "Érythrée", not after "Zimbabwe"."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


# -- treaty titles ---------------------------------------------------------------------------


@cache
def _instrument_titles() -> dict[str, dict[str, dict[str, str]]]:
    import yaml

    text = (_locale_dir() / "instruments.yaml").read_text(encoding="utf-8")
    loaded: dict[str, dict[str, dict[str, str]]] = yaml.safe_load(text) or {}
    return loaded


def instrument_text(lang: str, instrument: str, field: str, english: str) -> str:
    """An instrument's ``name``, ``short_name`` or ``depositary`` in a language: its
    official title from locale/instruments.yaml, else the record's English one."""
    if lang == DEFAULT:
        return english
    found = _instrument_titles().get(instrument, {}).get(lang, {}).get(field)
    return found or english


# -- dates -----------------------------------------------------------------------------------


def prose_date(lang: str, value: Any) -> str:
    """A date inside a sentence: ISO on the English pages (as they always were), the
    language's long form elsewhere ("1 août 2010", "1 de agosto de 2010")."""
    if value is None or value == "":
        return ""
    if isinstance(value, str):
        try:
            value = dt.date.fromisoformat(value)
        except ValueError:
            return value
    if isinstance(value, dt.datetime):
        value = value.date()
    if lang == DEFAULT or not isinstance(value, dt.date):
        return value.isoformat() if isinstance(value, dt.date) else str(value)
    from babel.dates import format_date

    return format_date(value, format="long", locale=lang)


def day_and_month(lang: str, day: dt.date) -> str:
    """ "30 April" in a language ("30 avril", "30 de abril")."""
    from babel.dates import format_skeleton

    return format_skeleton("MMMMd", day, locale=lang)
