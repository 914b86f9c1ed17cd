"""The site in French and Spanish, as a reader of each language gets it on the bundled
record: every page answers under /fr and /es, the shell speaks the language, states are
named as pycountry names them in it, treaty titles are the official ones, dates read in the
language's form, the language switch leads to the same page, and the catalogues are whole.
"""

from __future__ import annotations

import gettext
import html
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from treatywatch.web import i18n

LOCALE = Path(i18n.__file__).parent / "locale"
WEB = Path(i18n.__file__).parent

#: Every kind of page, with the query strings the English tests use.
PAGES = (
    "/",
    "/?map=APMBC&as_of=2011-09-16",
    "/states",
    "/states?treaty=APMBC&as_of=2011-09-16&region=Asia&sort=consent&dir=desc",
    "/states/LAO",
    "/states/XKX",
    "/treaties/CCM",
    "/treaties/APMBC?as_of=2005-01-01",
    "/treaties/OSLO-DECLARATION",
    "/events",
    "/events?year=2008",
    "/events/ccm-1msp",
    "/statements",
    "/statements?q=the&topic=universalisation",
    "/deadlines",
    "/compliance",
    "/compliance?treaty=CCM&status=met",
    "/sources",
    "/sources?q=monitor",
    "/sources/untc-ccm-status",
    "/conflicts",
    "/downloads",
)

#: Words of the English shell (menu, headings, column heads, buttons) that differ in
#: French and Spanish: none may be left on those pages.
SHELL = (
    "States",
    "Events",
    "Statements",
    "Deadlines",
    "Compliance",
    "Conflicts",
    "Open data",
    "Skip to content",
    "The treaties today",
    "Where states stand",
    "Deadlines in the next year",
    "Overdue",
    "All deadlines",
    "Standing today",
    "Timeline",
    "Meetings",
    "Treaty",
    "Status",
    "Signed",
    "In force",
    "Withdrawn",
    "State Party",
    "Not joined",
    "Show",
    "Apply",
    "Reset",
    "Search",
    "Download this table",
    "Every fact cites a source",
)
ENGLISH_MONTHS = re.compile(
    r"\b(January|February|March|April|May|June|July|August|September|October|November|"
    r"December)\b"
)


@pytest.fixture(scope="module")
def client(built_db: str) -> Iterator[TestClient]:
    from treatywatch.api.app import create_app

    with TestClient(create_app(built_db)) as c:
        yield c


def _text(fragment: str) -> str:
    """What a reader sees of some HTML: tags dropped, entities read, spaces squeezed."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", fragment)).split())


def _shell(page: str) -> str:
    """The page's own words: menus, headings, table heads, labels, buttons, the footer;
    not the record's data (event names, quotations), which stay in English."""
    parts = re.findall(
        r"<(nav|h1|h2|h3|h4|th scope=\"col\"|label|button|footer class=\"site\"|caption|dt)"
        r"\b[^>]*>(.*?)</(?:nav|h1|h2|h3|h4|th|label|button|footer|caption|dt)>",
        page,
        flags=re.S,
    )
    text = " ".join(_text(body) for _, body in parts)
    # A heading may name an event or a source (data): those are links to its page.
    return re.sub(r"\S*(Meeting|Conference|Process)\S*", "", text)


def _lang_attr(page: str) -> str:
    found = re.search(r'<html lang="([a-z]+)">', page)
    assert found, page[:200]
    return found.group(1)


@pytest.mark.parametrize("lang", ["fr", "es"])
@pytest.mark.parametrize("path", PAGES)
def test_every_page_answers_in_french_and_spanish(client: TestClient, lang: str, path: str) -> None:
    r = client.get(f"/{lang}{path}")
    assert r.status_code == 200, (path, r.text[:300])
    assert _lang_attr(r.text) == lang


@pytest.mark.parametrize("lang", ["fr", "es"])
@pytest.mark.parametrize(
    "path", ["/", "/states", "/states/LAO", "/treaties/CCM", "/events", "/deadlines"]
)
def test_no_english_is_left_in_the_shell(client: TestClient, lang: str, path: str) -> None:
    shell = _shell(client.get(f"/{lang}{path}").text)
    assert len(shell) > 100
    left = [w for w in SHELL if re.search(rf"(?<![\w-]){re.escape(w)}(?![\w-])", shell)]
    assert not left, (path, left)


def test_the_english_pages_keep_their_addresses_and_words(client: TestClient) -> None:
    page = client.get("/states/LAO").text
    assert _lang_attr(page) == "en"
    assert '<a href="/states">States</a>' in page
    assert "State Party" in page and "Standing today" in page


def test_a_state_in_french_is_named_as_pycountry_names_it(client: TestClient) -> None:
    import pycountry

    page = client.get("/fr/states/LAO").text
    h1 = _text(page.split("<h1>", 1)[1].split("</h1>", 1)[0])
    assert h1 == "Laos (LAO)"
    assert "État partie" in page and "Non adhérent" in page  # its CCM and APMBC standing
    assert "République démocratique populaire Lao" in page  # pycountry's formal name
    french = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["fr"])
    germany = french.gettext("Germany")
    assert germany == "Allemagne"
    assert f">{germany}</a>" in client.get("/fr/states?treaty=CCM").text
    spanish = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["es"])
    assert "<h1>Alemania <small>" in client.get("/es/states/DEU").text
    assert spanish.gettext("Germany") == "Alemania"


def test_a_state_pycountry_does_not_list_keeps_its_english_name(client: TestClient) -> None:
    assert "<h1>Kosovo <small>" in client.get("/fr/states/XKX").text


def test_the_french_states_table_is_in_french_alphabetical_order(client: TestClient) -> None:
    page = client.get("/fr/states?treaty=CCM").text
    names = re.findall(r'<td><a href="/fr/states/[A-Z]{3}">([^<]+)</a></td>', page)
    assert len(names) > 150
    assert names == sorted(names, key=i18n.sort_key)
    # "Égypte" sorts among the E, not after "Zimbabwe".
    assert names.index("Égypte") < names.index("Espagne")


def test_the_treaties_carry_their_official_titles(client: TestClient) -> None:
    es = client.get("/es/").text
    assert "Convención sobre Municiones en Racimo" in es
    assert "Convención sobre la prohibición de minas antipersonal" in es
    fr = client.get("/fr/treaties/CCM").text
    assert "<h1>Convention sur les armes à sous-munitions</h1>" in fr
    assert "Secrétaire général de l&#39;Organisation des Nations Unies" in fr


@pytest.mark.parametrize(
    ("lang", "adopted", "signature"),
    [
        ("fr", "adoptée le 30 mai 2008", "ouverte à la signature le 3 décembre 2008"),
        ("es", "adoptada el 30 de mayo de 2008", "abierta a la firma el 3 de diciembre de 2008"),
    ],
)
def test_prose_dates_read_in_the_language(
    client: TestClient, lang: str, adopted: str, signature: str
) -> None:
    lede = client.get(f"/{lang}/treaties/CCM").text.split('<p class="lede">', 1)[1]
    lede = _text(lede.split("</p>", 1)[0])
    assert adopted in lede and signature in lede
    timeline = client.get(f"/{lang}/states/LAO").text.split('<ol class="timeline">', 1)[1]
    days = re.findall(r"<time [^>]*>([^<]+)</time>", timeline.split("</ol>", 1)[0])
    assert days and not any(ENGLISH_MONTHS.search(d) for d in days), days
    assert all(re.fullmatch(r"\d{1,2} (de )?\w+ (de )?\d{4}", d) for d in days), days


def test_the_reporting_chart_names_its_months_in_french(client: TestClient) -> None:
    page = client.get("/fr/compliance?treaty=CCM&as_of=2015-06-01").text
    charts = " ".join(re.findall(r"<svg class=\"chart share\".*?</svg>\s*</svg>", page, re.S))
    assert "avril" in charts
    assert not ENGLISH_MONTHS.search(charts)


def test_the_language_switch_leads_to_the_same_page(client: TestClient) -> None:
    query = "?treaty=APMBC&as_of=2011-09-16&region=Asia"
    page = client.get(f"/fr/states{query}").text
    switch = page.split('<nav class="languages"', 1)[1].split("</nav>", 1)[0]
    links = dict(re.findall(r'<a href="([^"]+)" hreflang="([a-z]+)"', switch))
    expected = {
        f"/states{query}": "en",
        f"/fr/states{query}": "fr",
        f"/es/states{query}": "es",
    }
    assert {html.unescape(k): v for k, v in links.items()} == expected
    assert 'aria-current="true">Français' in switch
    alternates = re.findall(r'<link rel="alternate" hreflang="([a-z]+)" href="([^"]+)">', page)
    assert {(lang, html.unescape(href)) for lang, href in alternates} == {
        (v, k) for k, v in expected.items()
    }
    counts = set()
    for href, lang in expected.items():
        there = client.get(href)
        assert there.status_code == 200 and _lang_attr(there.text) == lang
        counts.add(re.search(r'<p class="count"[^>]*>(\d+) ', there.text).group(1))  # type: ignore[union-attr]
    assert len(counts) == 1 and int(counts.pop()) > 10  # the same rows in each language


def test_links_inside_a_french_page_stay_in_french(client: TestClient) -> None:
    page = client.get("/fr/states/LAO").text
    # Less the language switch and the hreflang links, which name the other languages.
    page = re.sub(
        r'<nav class="languages".*?</nav>|<link rel="alternate" hreflang[^>]*>',
        "",
        page,
        flags=re.S,
    )
    hrefs = re.findall(r'href="(/[^"]*)"', page)
    # Every link to a page carries /fr; only data (?format=json) is language-neutral.
    english = [
        h
        for h in hrefs
        if h.split("?")[0].split("/")[1] in {"", "states", "events", "sources", "treaties"}
        and "format=" not in h
    ]
    assert not english, english[:5]
    assert any(h.startswith("/fr/events/") for h in hrefs)
    assert any(h.startswith("/fr/sources/") for h in hrefs)
    moved = client.get("/fr/states/Lao%20DPR", follow_redirects=False)
    assert moved.status_code == 301 and moved.headers["location"] == "/fr/states/LAO"


def test_the_api_and_the_downloads_have_one_address(client: TestClient) -> None:
    assert client.get("/fr/api/v1/treaties").status_code == 404
    assert client.get("/fr/downloads/actions.csv").status_code == 404
    assert client.get("/fr/calendar.ics").status_code == 404
    # A page's own table as data is the same file in every language.
    assert client.get("/fr/states?format=csv").content == client.get("/states?format=csv").content


def test_an_error_page_speaks_the_language(client: TestClient) -> None:
    r = client.get("/es/events/no-such-event")
    assert r.status_code == 404
    assert "<h1>No encontrado</h1>" in r.text and _lang_attr(r.text) == "es"


# -- the catalogues ---------------------------------------------------------------------------


def _catalogue(name: str) -> object:
    from babel.messages.pofile import read_po

    path = LOCALE / name
    with path.open("rb") as f:
        return read_po(f)


@pytest.mark.parametrize("lang", ["fr", "es"])
def test_every_message_is_translated_and_none_is_fuzzy(lang: str) -> None:
    from babel.messages.catalog import Catalog

    cat = _catalogue(f"{lang}/LC_MESSAGES/messages.po")
    assert isinstance(cat, Catalog)
    pot = _catalogue("messages.pot")
    assert isinstance(pot, Catalog)
    entries = [m for m in cat if m.id]
    assert {m.id if isinstance(m.id, str) else tuple(m.id) for m in entries} == {
        m.id if isinstance(m.id, str) else tuple(m.id) for m in pot if m.id
    }
    untranslated = [
        m.id for m in entries if not all(m.string if isinstance(m.string, tuple) else [m.string])
    ]
    fuzzy = [m.id for m in entries if m.fuzzy]
    assert not untranslated and not fuzzy, (untranslated[:5], fuzzy[:5])
    assert not cat.fuzzy
    for m in entries:  # a translation names the same figures as its message
        ids = m.id if isinstance(m.id, tuple) else (m.id,)
        strings = m.string if isinstance(m.string, tuple) else (m.string,)
        wanted = set(re.findall(r"%\((\w+)\)s", ids[-1]))
        for s in strings:
            assert set(re.findall(r"%\((\w+)\)s", s)) == wanted, (m.id, s)


def test_the_template_holds_every_message_the_code_uses() -> None:
    """messages.pot is what extraction finds today: a string added to a template or to
    pages.py without re-extracting (locale/README.md) fails here."""
    from babel.messages.extract import extract_from_dir
    from babel.messages.frontend import parse_mapping_cfg

    with (LOCALE / "babel.cfg").open(encoding="utf-8") as f:
        methods, options = parse_mapping_cfg(f)
    keywords = {"_": None, "gettext": None, "ngettext": (1, 2), "N_": None}
    found = {
        msg if isinstance(msg, str) else tuple(msg)
        for _, _, msg, _, _ in extract_from_dir(
            str(WEB), methods, options, keywords=keywords, strip_comment_tags=True
        )
    }
    pot = _catalogue("messages.pot")
    held = {m.id if isinstance(m.id, str) else tuple(m.id) for m in pot if m.id}  # type: ignore[attr-defined]
    assert found == held, (sorted(map(str, found - held))[:5], sorted(map(str, held - found))[:5])


def test_the_vocabulary_covers_what_the_pages_label() -> None:
    """Every value the pages show through |label has a French and a Spanish word."""
    from treatywatch import model, query, registry
    from treatywatch.web.render import label, oblabel

    values = [
        *(k.value for k in model.InstrumentKind),
        *(k.value for k in model.EventKind),
        *(k.value for k in model.ActionKind),
        *(k.value for k in model.Role),
        *(k.value for k in model.Stance),
        *(k.value for k in model.Authority),
        *query.STATUS_ORDER,
        *query.regions(),
        *{s.subregion for s in registry.all_states()},
        *(g.name for g in registry.groupings().values()),
    ]
    texts = [label(v) for v in values] + list(query.TOPIC_LABELS.values())
    texts += [oblabel(v) for v in (*query.OBLIGATION_STATUSES, *query.COMPLIANCE_OBLIGATIONS)]
    for lang in ("fr", "es"):
        catalog = i18n.translations(lang)._catalog  # type: ignore[attr-defined]
        missing = [t for t in texts if t not in catalog]
        assert not missing, (lang, missing)
