"""Rendering: Jinja2 with autoescape on (document text is outside input), and the
datasette-style rule that a page's table is also served as JSON, CSV or XLSX with
``?format=``, from the very rows the page shows.

Each language has an environment of its own (web/i18n.py): its catalogue installed for
``{% trans %}`` and ``_()``, and filters that give labels, state names and dates in it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from functools import cache
from typing import Any
from urllib.parse import urlencode

from jinja2 import Environment, PackageLoader, select_autoescape
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response

from treatywatch.api.deps import JSON
from treatywatch.web import i18n
from treatywatch.web.i18n import N_

STATUS_LABELS = {
    "state_party": N_("State Party"),
    "not_in_force_yet": N_("Consent given, not yet in force"),
    "signatory": N_("Signatory"),
    "withdrawn": N_("Withdrawn"),
    "not_joined": N_("Not joined"),
    "cannot_deposit": N_("Cannot deposit with the UN"),
}


#: Participants' roles (model.Role) as headings over a meeting's lists and chart keys: the
#: capacity a final report lists a state in, then the offices held besides it.
ROLE_HEADINGS = {
    "state_party": N_("States Parties"),
    "signatory": N_("Signatories"),
    "observer": N_("Observers"),
    "participant": N_("Took part, capacity not given"),
    "president": N_("Presidency"),
    "host": N_("Host"),
}


#: Obligation statuses (rules.ObligationStatus) and obligations, as the pages name them.
OBLIGATION_LABELS = {
    "overdue": N_("Overdue"),
    "unknown": N_("Unknown"),
    "extended": N_("Extended"),
    "pending": N_("Pending"),
    "met-late": N_("Met late"),
    "met": N_("Met"),
    "not-applicable": N_("Not applicable"),
    "stockpile_destruction": N_("Stockpile destruction"),
    "clearance": N_("Clearance"),
    "transparency_initial": N_("Initial report"),
    "transparency_annual": N_("Annual report"),
}

#: The other values the pages show through ``|label`` (the slug with spaces, as the English
#: pages have always shown it), so that each catalogue holds them: instrument, event and
#: action kinds, obligation facts, participants' roles, stances, sources' authority, the
#: figures claims state, regions, subregions and groupings. tests/test_i18n.py checks the
#: model's vocabularies against this list.
VOCABULARY = (
    # instrument kinds
    N_("treaty"), N_("declaration"),
    # event kinds
    N_("conference"), N_("regional conference"), N_("diplomatic conference"),
    N_("signing conference"), N_("meeting of states parties"), N_("review conference"),
    N_("intersessional"), N_("other"),
    # actions
    N_("endorsement"), N_("adoption"), N_("signature"), N_("ratification"),
    N_("accession"), N_("acceptance"), N_("approval"), N_("succession"),
    N_("provisional application"), N_("withdrawal notification"),
    N_("withdrawal effective"), N_("suspension"), N_("moratorium"), N_("renounced"),
    N_("consent"),
    # obligation facts
    N_("extension granted"), N_("completed"), N_("extension request"), N_("found"),
    N_("extension refused"), N_("deadline"), N_("noncompliance"), N_("not applicable"),
    # roles and stances (state_party and signatory read as the statuses: STATUS_LABELS)
    N_("participant"), N_("observer"), N_("host"), N_("president"),
    N_("supportive"), N_("considering"), N_("not-yet"), N_("opposed"),
    # authority of sources
    N_("depositary"), N_("official"), N_("monitor"), N_("secondary"),
    # what claims count
    N_("states ratified"), N_("states signing"), N_("states joined"),
    N_("states parties attending"), N_("states adopting"), N_("annual reports submitted"),
    N_("signatories attending"),
    N_("african states adopting"), N_("states participating"),
    N_("states signatories not ratified"), N_("states parties"),
    N_("initial reports overdue"), N_("annual reporting rate"), N_("states endorsing"),
    N_("observer states"), N_("african states attending"), N_("states attending"),
    N_("african states endorsing"), N_("initial reports submitted"),
    N_("states registered"), N_("states supporting after lima"), N_("states joining"),
    # statement topics (query.TOPIC_LABELS)
    N_("Universalisation"), N_("Victim assistance"), N_("Transparency"),
    N_("Compliance"), N_("Cooperation and assistance"),
    N_("CCW protocol (Convention on Certain Conventional Weapons)"),
    N_("Interoperability"), N_("National implementation"), N_("Use of cluster munitions"),
    # regions and subregions (UN M49, as the registry names them)
    N_("Africa"), N_("Americas"), N_("Asia"), N_("Europe"), N_("Oceania"),
    N_("Australia and New Zealand"), N_("Caribbean"), N_("Central America"),
    N_("Central Asia"), N_("Eastern Africa"), N_("Eastern Asia"), N_("Eastern Europe"),
    N_("Melanesia"), N_("Micronesia"), N_("Middle Africa"), N_("Northern Africa"),
    N_("Northern America"), N_("Northern Europe"), N_("Polynesia"), N_("South America"),
    N_("South-eastern Asia"), N_("Southern Africa"), N_("Southern Asia"),
    N_("Southern Europe"), N_("Western Africa"), N_("Western Asia"), N_("Western Europe"),
    # groupings (registry/groupings.yaml)
    N_("European Union"), N_("Association of Southeast Asian Nations"), N_("African Union"),
    N_("Commonwealth of Nations"), N_("Caribbean Community"), N_("League of Arab States"),
    N_("Non-Aligned Movement"),
    # the compliance filter's "any obligation" (oblabel of none chosen)
    N_("any obligation"),
)  # fmt: skip


def oblabel(value: Any) -> str:
    text = str(value or "")
    return OBLIGATION_LABELS.get(text) or label(text)


def label(value: Any) -> str:
    text = str(value or "")
    return STATUS_LABELS.get(text, text.replace("_", " "))


def iso(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return str(value)


@cache
def env(lang: str = i18n.DEFAULT) -> Environment:
    """The templates in one language, built once per language."""
    e = Environment(
        loader=PackageLoader("treatywatch.web", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
        extensions=["jinja2.ext.i18n"],
    )
    # A {% trans %} block's line breaks and indentation are not part of its message.
    e.policies["ext.i18n.trimmed"] = True
    tr = i18n.translations(lang)
    e.install_gettext_translations(tr, newstyle=True)  # type: ignore[attr-defined]
    gettext = tr.gettext
    e.filters["label"] = lambda value: gettext(label(value))
    e.filters["oblabel"] = lambda value: gettext(oblabel(value))
    e.filters["rolelabel"] = lambda value: gettext(ROLE_HEADINGS.get(str(value), label(value)))
    e.filters["iso"] = iso
    e.filters["prose"] = lambda value: i18n.prose_date(lang, value)
    e.filters["state_name"] = lambda iso3, english="": i18n.state_name(lang, iso3, english)
    e.globals["lang"] = lang
    e.globals["prefix"] = i18n.prefix(lang)
    e.globals["instrument"] = lambda tid, field, english: i18n.instrument_text(
        lang, tid, field, english
    )
    return e


def with_query(request: Request, **changes: Any) -> str:
    """This page's URL with some query parameters changed (None removes one)."""
    params = dict(request.query_params)
    for key, value in changes.items():
        if value is None or value == "":
            params.pop(key, None)
        else:
            params[key] = str(value)
    return request.url.path + ("?" + urlencode(params) if params else "")


def alternates(request: Request) -> list[dict[str, Any]]:
    """This page in each language, for the language switch and the hreflang links."""
    query = "?" + request.url.query if request.url.query else ""
    here = i18n.lang_of(request.url.path)
    return [
        {
            "lang": lang,
            "name": i18n.NATIVE_NAMES[lang],
            "href": i18n.localized(request.url.path, lang) + query,
            "current": lang == here,
        }
        for lang in i18n.LANGUAGES
    ]


def render(request: Request, template: str, status_code: int = 200, **data: Any) -> Response:
    html = (
        env(i18n.lang_of(request.url.path))
        .get_template(template)
        .render(
            request=request,
            with_query=lambda **kw: with_query(request, **kw),
            alternates=alternates(request),
            **data,
        )
    )
    return HTMLResponse(html, status_code=status_code)


def error_page(request: Request, status: int, message: str) -> Response:
    return render(request, "error.html", status_code=status, status=status, message=message)


def wants(request: Request) -> str:
    fmt = request.query_params.get("format", "html")
    if fmt not in ("html", "json", "csv", "xlsx"):
        from treatywatch.query import BadRequestError

        raise BadRequestError(f"format {fmt!r} is not one of html, json, csv, xlsx.")
    return fmt


def data_response(
    fmt: str, name: str, rows: Sequence[dict[str, Any]], columns: Sequence[str], whole: Any
) -> Response:
    """The page's data in a machine format: ``whole`` as JSON, or ``rows`` as CSV/XLSX."""
    from treatywatch import export

    if fmt == "json":
        return JSON(whole)
    body, media = export.table_bytes(fmt, name, columns, rows)
    return Response(
        body,
        media_type=media,
        headers={"Content-Disposition": f'attachment; filename="{name}.{fmt}"'},
    )
