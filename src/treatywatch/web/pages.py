"""The dashboard pages: server-rendered HTML over the same query functions as the API.

Every page works with JavaScript off; /static/site.js only adds table sorting. A page whose
main content is a table also answers ``?format=json|csv|xlsx`` with the same rows.

Each page is served in English at its address and in French and Spanish under ``/fr`` and
``/es`` (web/i18n.py); the downloads have one, language-neutral, address.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from fastapi import APIRouter
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from treatywatch import export, query, query_meetings
from treatywatch.api.deps import cached, context, memo, parse_date, parse_days
from treatywatch.api.params import check_region
from treatywatch.web import charts, i18n, meeting_pages
from treatywatch.web import map as worldmap
from treatywatch.web.i18n import N_
from treatywatch.web.render import data_response, label, render, wants

#: The pages, served once per language (``router`` at the end of this module).
_pages = APIRouter(include_in_schema=False)
#: The downloads: files, the same in every language, at one address.
_files = APIRouter(include_in_schema=False)

#: The series the rules engine computes that the chart draws, in order: (field, label, drawn
#: only where above zero). States Parties are those the treaty is in force for, as the
#: headline counts them; a consent takes effect months after its deposit, so the consents
#: line runs ahead of it.
SERIES_LINES = (
    ("in_force", N_("States Parties"), False),
    ("parties", N_("Ratified or acceded"), False),
    ("signatories", N_("Signatories"), False),
    ("withdrawn", N_("Withdrawn"), True),
)


def _lang(request: Request) -> str:
    return i18n.lang_of(request.url.path)


def _chart_title(lang: str, short_name: str) -> str:
    _ = i18n.gettext_for(lang)
    return _("%(treaty)s: parties and signatories") % {"treaty": short_name}


def _short_name(lang: str, inst: Any) -> str:
    return i18n.instrument_text(lang, inst.id, "short_name", inst.short_name)


def _as_of(request: Request) -> dt.date | None:
    return parse_date(request.query_params.get("as_of"), "as_of")


def _treaty_ids(ctx: query.Context) -> list[str]:
    return [t["id"] for t in query.treaties(ctx) if t["rules"]]


def _chart(ctx: query.Context, treaty: str, title: str, lang: str = i18n.DEFAULT) -> Any:
    """The treaty's series as an SVG step chart, drawn once per revision, day and language."""
    _ = i18n.gettext_for(lang)

    def build() -> Any:
        series = query.parties_series(ctx, treaty)
        lines = []
        for key, text, hide_zero in SERIES_LINES:
            points = []
            for p in series:
                day = p.get("date")
                if isinstance(day, str):
                    day = dt.date.fromisoformat(day)
                if isinstance(day, dt.date) and isinstance(p.get(key), int):
                    points.append((day, int(p[key])))
            lines.append(charts.Line(key.replace("_", "-"), _(text), points, hide_zero))
        link = i18n.prefix(lang) + f"/states?treaty={treaty}&as_of={{}}"
        return charts.step_chart(lines, title, link=link, empty=_("No dated facts to chart yet."))

    return memo(ctx, ("chart", treaty, dt.date.today(), lang), build)


def _map(ctx: query.Context, treaty: str, as_of: dt.date | None, lang: str = i18n.DEFAULT) -> str:
    _ = i18n.gettext_for(lang)

    def build() -> str:
        rows = query.states(ctx, treaty, as_of)
        statuses = {r["iso3"]: r["status"] for r in rows}
        labels = {
            r["iso3"]: f"{i18n.state_name(lang, r['iso3'], r['state'])}: {_(label(r['status']))}"
            for r in rows
        }
        return worldmap.render(
            statuses,
            labels,
            link=i18n.prefix(lang) + "/states/{}",
            title=_("World map of states coloured by status"),
        )

    return memo(ctx, ("map", treaty, as_of or dt.date.today(), lang), build)


def _action_sources(ctx: query.Context) -> dict[tuple[str, str], list[str]]:
    """(instrument, iso3) -> source ids of that state's actions, so each status row links to
    the sources it stands on."""

    def build() -> dict[tuple[str, str], list[str]]:
        out: dict[tuple[str, str], list[str]] = {}
        for a in ctx.record.actions:
            ids = out.setdefault((a.instrument, a.state), [])
            for c in a.citations:
                if c.source_id not in ids:
                    ids.append(c.source_id)
        return out

    return memo(ctx, ("action_sources",), build)


#: Article 7 reports: they fall due by the hundred each 30 April, so pages count them.
TRANSPARENCY = frozenset({"transparency_initial", "transparency_annual"})


def _is_report(row: dict[str, Any]) -> bool:
    return row.get("obligation") in TRANSPARENCY


def _deadlines(ctx: query.Context, overdue: bool, within: int = 365) -> list[dict[str, Any]]:
    try:
        return query.deadlines(ctx, within_days=within, overdue=overdue)
    except (AttributeError, TypeError, NotImplementedError):
        return []  # the rules engine answers no deadlines yet


@_pages.get("/")
def home(request: Request) -> Response:
    def build() -> Response:
        ctx = context(request)
        lang = _lang(request)
        treaties = []
        for tid in _treaty_ids(ctx):
            inst = query.find_instrument(ctx, tid)
            name = _short_name(lang, inst)
            treaties.append(
                {
                    "id": tid,
                    "name": name,
                    "full_name": i18n.instrument_text(lang, tid, "name", inst.name),
                    "counts": query.status_counts(ctx, tid),
                    "chart": _chart(ctx, tid, _chart_title(lang, name), lang),
                }
            )
        ids = [t["id"] for t in treaties]
        # Article 7 reports fall due by the hundred each 30 April: counted, not listed.
        upcoming = _deadlines(ctx, overdue=False)
        chosen = request.query_params.get("map") or (
            "CCM" if "CCM" in ids else ids[0] if ids else ""
        )
        if chosen and chosen not in ids:
            chosen = query.find_instrument(ctx, chosen).id
        map_as_of = _as_of(request)
        return render(
            request,
            "home.html",
            today=dt.date.today(),
            treaties=treaties,
            map_treaty=chosen,
            map_as_of=map_as_of,
            map_svg=_map(ctx, chosen, map_as_of, lang) if treaties else "",
            upcoming=[d for d in upcoming if not _is_report(d)][:20],
            reports_due=sum(1 for d in upcoming if _is_report(d)),
            overdue=_deadlines(ctx, overdue=True)[:20],
        )

    return cached(request, build)


@_pages.get("/states")
def states_page(request: Request) -> Response:
    def build() -> Response:
        ctx = context(request)
        p = request.query_params
        as_of = _as_of(request)
        treaty = query.find_instrument(ctx, p.get("treaty") or "CCM").id
        rows = query.states(
            ctx,
            treaty,
            as_of,
            p.get("status") or None,
            # Checked as the API checks it: an unknown region is a 422, not an empty table.
            check_region(p.get("region") or None),
            p.get("grouping") or None,
        )
        sort = p.get("sort") or "state"
        lang = _lang(request)
        if sort == "state" and lang != i18n.DEFAULT and wants(request) == "html":
            # The names the page shows, in its language's alphabetical order.
            rows = sorted(
                rows,
                key=lambda r: i18n.sort_key(i18n.state_name(lang, r["iso3"], r["state"])),
                reverse=p.get("dir") == "desc",
            )
        elif sort in query.STATES_COLUMNS:
            rows = sorted(
                rows,
                key=lambda r: (r[sort] is None, str(r[sort] or "")),
                reverse=p.get("dir") == "desc",
            )
        fmt = wants(request)
        if fmt != "html":
            return data_response(fmt, f"states-{treaty.lower()}", rows, query.STATES_COLUMNS, rows)
        from treatywatch import registry

        return render(
            request,
            "states.html",
            rows=rows,
            treaty=treaty,
            treaties=_treaty_ids(ctx),
            as_of=as_of,
            statuses=query.STATUS_ORDER,
            regions=query.regions(),
            groupings=sorted(registry.groupings().values(), key=lambda g: g.code),
            sources=_action_sources(ctx),
            sort=sort,
            columns=query.STATES_COLUMNS,
        )

    return cached(request, build)


@_pages.get("/states/{name}")
def state_page(request: Request, name: str) -> Response:
    def build() -> Response:
        ctx = context(request)
        story = query.state_story(ctx, name)
        lang = _lang(request)
        if name != story["iso3"]:  # one address per state, whatever name was typed
            where = i18n.prefix(lang) + f"/states/{story['iso3']}"
            return RedirectResponse(where, status_code=301)
        standings = []
        for tid in _treaty_ids(ctx):
            rows = query.status(ctx, tid, None, story["iso3"])
            standings.append({"treaty": tid, "row": rows[0] if rows else None})
        try:
            obligations = query.obligations(ctx, state=story["iso3"])
        except (AttributeError, TypeError, NotImplementedError):
            obligations = []
        if wants(request) == "json":
            return data_response(
                "json",
                story["iso3"],
                [],
                [],
                {**story, "standings": standings, "obligations": obligations},
            )
        # Annual reports are one per year covered: a strip per treaty, not a row each.
        annual: dict[str, list[dict[str, Any]]] = {}
        for o in obligations:
            if o.get("obligation") == "transparency_annual":
                annual.setdefault(o["instrument"], []).append(o)
        names = i18n.state_names(lang).get(story["iso3"], (story["name"], story["formal_name"]))
        return render(
            request,
            "state.html",
            s=story,
            name=names[0] if lang != i18n.DEFAULT else story["name"],
            formal_name=names[1] if lang != i18n.DEFAULT else story["formal_name"],
            event_names=_event_names(ctx),
            topic_labels=_topic_labels(lang),
            timeline=_timeline(story["actions"]),
            obligation_facts=_obligation_facts(story["obligation_facts"]),
            instruments={i.id: _short_name(lang, i) for i in ctx.record.instruments.values()},
            standings=standings,
            attendance=meeting_pages.attendance_chart(ctx, story["iso3"], lang),
            obligations=[o for o in obligations if o.get("obligation") != "transparency_annual"],
            annual=annual,
        )

    return cached(request, build)


def _with_citations(row: dict[str, Any], more: list[dict[str, Any]]) -> dict[str, Any]:
    seen = {(c["source"], c["locator"]) for c in row["citations"]}
    extra = [c for c in more if (c["source"], c["locator"]) not in seen]
    return {**row, "citations": [*row["citations"], *extra]}


def _merge_same(rows: list[dict[str, Any]], fields: tuple[str, ...]) -> list[dict[str, Any]]:
    """Rows that say the same thing from different sources, as one row citing them all."""
    merged: dict[tuple[Any, ...], dict[str, Any]] = {}
    for row in rows:
        key = tuple(row.get(f) for f in fields)
        merged[key] = _with_citations(merged[key], row["citations"]) if key in merged else row
    return list(merged.values())


def _fold_undated(
    rows: list[dict[str, Any]], key: tuple[str, ...], once: Callable[[dict[str, Any]], bool]
) -> list[dict[str, Any]]:
    """Rows without repeats: a fact a source gives no day for, of a kind that happens once
    (``once``: an endorsement, a completion), where the rows already hold that fact with a
    day, is folded into it, its sources and note kept. A source that leaves the day out does
    not disagree (record.conflicts), so this is the same fact, not a second one."""
    dated: dict[tuple[Any, ...], list[int]] = {}
    out: list[dict[str, Any]] = []
    for r in rows:
        if r["date"] is not None:
            dated.setdefault(tuple(r[k] for k in key), []).append(len(out))
            out.append(r)
    for r in rows:
        if r["date"] is not None:
            continue
        same = dated.get(tuple(r[k] for k in key), [])
        if len(same) != 1 or not once(r):
            out.append(r)
            continue
        i = same[0]
        folded = _with_citations(out[i], r["citations"])
        note, more = out[i].get("note"), r.get("note")
        if more and more not in (note or ""):
            folded["note"] = f"{note}; {more}" if note else more
        out[i] = folded
    return out


#: Kinds of obligation fact that happen once per obligation (record.conflicts says so too).
_ONCE_ONLY_FACTS = frozenset({"completed"})


def _timeline(actions: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """A state's acts, each once: an undated act folds into the dated one of its kind."""
    folded = _fold_undated(actions, ("instrument", "action"), lambda a: True)
    fields = ("instrument", "action", "date", "note")
    merged = _merge_same(folded, fields)
    return sorted(merged, key=lambda a: (a["date"] is None, a["date"] or dt.date.min))


def _obligation_facts(facts: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """A state's obligation facts, each once: identical rows from several sources become
    one, and an undated completion folds into the dated one."""
    once = _fold_undated(
        facts, ("instrument", "obligation", "kind"), lambda o: o["kind"] in _ONCE_ONLY_FACTS
    )
    return _merge_same(once, ("instrument", "obligation", "kind", "date", "deadline", "years"))


@_pages.get("/treaties/{treaty}")
def treaty_page(request: Request, treaty: str) -> Response:
    def build() -> Response:
        ctx = context(request)
        inst = query.find_instrument(ctx, treaty)
        as_of = _as_of(request)
        lang = _lang(request)
        body: dict[str, Any] = {"treaty": query.treaty_row(inst, ctx.record)}
        if inst.rules:
            body["counts"] = query.status_counts(ctx, inst.id, as_of)
            body["rows"] = query.status(ctx, inst.id, as_of)
            title = _chart_title(lang, _short_name(lang, inst))
            body["chart"] = _chart(ctx, inst.id, title, lang)
            body["rules"] = _rules_text(inst.rules)
        events = query.events(ctx, inst.id)
        fmt = wants(request)
        if fmt != "html":
            rows = body.get("rows", [])
            whole = {k: v for k, v in body.items() if k != "chart"}
            return data_response(
                fmt,
                f"status-{inst.id.lower()}",
                rows,
                query.STATUS_COLUMNS,
                {**whole, "events": events},
            )
        return render(request, "treaty.html", as_of=as_of, events=events, **body)

    return cached(request, build)


def _rules_text(name: str) -> list[dict[str, Any]]:
    """The treaty's rules declaration as rows: the rule's name, its article, the article's
    paraphrase and the figures the engine applies, as words (a rule nested in another, such
    as the later states' entry into force, is a row of its own)."""
    from importlib import resources

    import yaml

    try:
        folder = resources.files("treatywatch.rules") / "treaties"
        raw = yaml.safe_load((folder / f"{name}.yaml").read_text(encoding="utf-8"))
    except (FileNotFoundError, ModuleNotFoundError, NotADirectoryError, OSError):
        return []
    rows: list[dict[str, Any]] = []

    def walk(node: Any, path: list[str]) -> None:
        if isinstance(node, dict):
            if "article" in node:
                rows.append(_rule_row(path, node))
            for k, v in node.items():
                if isinstance(v, (dict, list)) and _holds_rule(v):
                    walk(v, [*path, str(k)])
        elif isinstance(node, list):
            for v in node:
                walk(v, path)

    walk(raw, [])
    return rows


def _holds_rule(node: Any) -> bool:
    if isinstance(node, dict):
        return "article" in node or any(_holds_rule(v) for v in node.values())
    if isinstance(node, list):
        return any(_holds_rule(v) for v in node)
    return False


def _rule_row(path: list[str], node: dict[str, Any]) -> dict[str, Any]:
    detail = [
        (k.replace("_", " "), _readable(v))
        for k, v in node.items()
        if k not in ("article", "text") and not _holds_rule(v)
    ]
    return {
        "rule": " › ".join(p.replace("_", " ") for p in path).capitalize(),
        "article": node["article"],
        "text": str(node.get("text") or ""),
        "detail": detail,
    }


def _readable(value: Any) -> str:
    """A value of the rules file as a reader would write it: lists joined, mappings as
    "key value" pairs, names without underscores."""
    if isinstance(value, dict):
        return "; ".join(f"{k.replace('_', ' ')} {_readable(v)}" for k, v in value.items())
    if isinstance(value, (list, tuple)):
        return ", ".join(_readable(v) for v in value)
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value).replace("_", " ")


@_pages.get("/events")
def events_page(request: Request) -> Response:
    """Meetings to come first, then the rest oldest first, grouped by year; an event with
    no day on record sits in its year where that is known, else in a group of its own."""

    def build() -> Response:
        ctx = context(request)
        p = request.query_params
        year = query_meetings.parse_year(p.get("year"))
        rows = query_meetings.find_events(ctx, p.get("treaty") or None, p.get("kind") or None, year)
        fmt = wants(request)
        if fmt != "html":
            return data_response(fmt, "events", rows, query.EVENT_COLUMNS, rows)
        from treatywatch import model

        today = dt.date.today()
        every_year = {query.event_year(r) for r in query.events(ctx)} - {None}
        return render(
            request,
            "events.html",
            rows=rows,
            **event_groups(rows, today),
            treaties=_treaty_ids(ctx),
            kinds=[k.value for k in model.EventKind],
            years=sorted(every_year, reverse=True),
            year=year,
            today=today,
        )

    return cached(request, build)


def event_groups(rows: list[dict[str, Any]], today: dt.date) -> dict[str, Any]:
    """Events as the page lists them: ``upcoming`` (under way or announced, soonest first),
    ``by_year`` (the others by year, oldest first) and ``undated`` (no day, no year known)."""
    upcoming = [r for r in rows if query_meetings.is_upcoming(r, today)]
    upcoming.sort(key=lambda r: (r["start"], r["id"]))
    past = [r for r in rows if r not in upcoming]
    return {
        "upcoming": upcoming,
        "by_year": _by_year(past),
        "undated": [r for r in past if query.event_year(r) is None],
    }


def _by_year(rows: list[dict[str, Any]]) -> list[tuple[int, list[dict[str, Any]]]]:
    """Events by year, oldest first; within a year, those with a day in date order, then
    those without one."""
    groups: dict[int, list[dict[str, Any]]] = {}
    for r in rows:
        y = query.event_year(r)
        if y is not None:
            groups.setdefault(y, []).append(r)
    for events in groups.values():
        events.sort(key=lambda r: (r["start"] is None, r["start"] or dt.date.min, r["id"]))
    return sorted(groups.items())


def _topic_labels(lang: str) -> dict[str, str]:
    _ = i18n.gettext_for(lang)
    return {topic: _(text) for topic, text in query.TOPIC_LABELS.items()}


def _event_names(ctx: query.Context) -> dict[str, str]:
    return {e.id: e.name for e in ctx.record.events.values()}


#: Obligations the deadlines page counts instead of listing (Article 7 reports: hundreds of
#: rows, one per State Party and year); the compliance page shows them state by state.


def _key(o: dict[str, Any]) -> tuple[Any, ...]:
    return (o.get("instrument"), o.get("state"), o.get("obligation"), o.get("due"))


def _extended(ctx: query.Context, as_of: dt.date | None = None) -> list[dict[str, Any]]:
    try:
        rows = query.obligations(ctx, as_of=as_of)
    except (AttributeError, TypeError, NotImplementedError):
        return []
    found = [o for o in rows if o.get("status") == "extended"]
    found.sort(key=lambda o: (o.get("due") or dt.date.max, o.get("state_name") or ""))
    return found


@_pages.get("/deadlines")
def deadlines_page(request: Request) -> Response:
    """What matters first: overdue, then due soon, then extended; Article 7 reports only
    counted, with a link to the compliance view that shows them state by state."""

    def build() -> Response:
        ctx = context(request)
        # Parsed and bounded as the API's within_days is: "²" passes str.isdigit() and a
        # huge count takes the due date past the calendar's end, both a 500 before.
        within = parse_days(request.query_params.get("within_days") or "365", "within_days")
        upcoming = _deadlines(ctx, overdue=False, within=within)
        overdue = _deadlines(ctx, overdue=True)
        overdue.sort(key=lambda o: (o.get("due") or dt.date.max, o.get("state_name") or ""))
        soon = {_key(o) for o in upcoming}
        extended = [o for o in _extended(ctx) if _key(o) not in soon]
        fmt = wants(request)
        if fmt != "html":
            rows = [{**r, "section": "overdue", "overdue": True} for r in overdue]
            rows += [{**r, "section": "due_soon", "overdue": False} for r in upcoming]
            rows += [{**r, "section": "extended", "overdue": False} for r in extended]
            cols = tuple(dict.fromkeys(k for r in rows for k in r)) or ("state",)
            return data_response(
                fmt,
                "deadlines",
                rows,
                cols,
                {"upcoming": upcoming, "overdue": overdue, "extended": extended},
            )

        def split(rows: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], int]:
            kept = [o for o in rows if o.get("obligation") not in TRANSPARENCY]
            return kept, len(rows) - len(kept)

        overdue_main, overdue_reports = split(overdue)
        upcoming_main, upcoming_reports = split(upcoming)
        extended_main, _ = split(extended)
        return render(
            request,
            "deadlines.html",
            overdue=overdue_main,
            upcoming=upcoming_main,
            extended=extended_main,
            reports={"overdue": overdue_reports, "due_soon": upcoming_reports},
            within=within,
        )

    return cached(request, build)


# -- compliance ----------------------------------------------------------------------------

#: The reporting chart's stacked parts: (CSS key, legend, field of the series row).
REPORT_PARTS = (
    ("received", N_("Received (on record)"), "received"),
    ("overdue", N_("Overdue"), "overdue"),
    ("unknown", N_("Unknown: no receipt data"), "unknown"),
)


def _annual_due_day(lang: str, year: int) -> str:
    """30 April of a year, when annual reports fall due, in the page's language."""
    day = dt.date(year, 4, 30)
    if lang == i18n.DEFAULT:
        return f"30 April {year}"
    return i18n.prose_date(lang, day)


def _reporting_chart(
    treaty: str, reporting: dict[str, Any], day: dt.date, lang: str = i18n.DEFAULT
) -> Any:
    _ = i18n.gettext_for(lang)
    bars = []
    for r in reporting["computed"]:
        parts = [(key, _(text), int(r[field])) for key, text, field in REPORT_PARTS]
        note = (
            _("%(count)s due on %(due)s, not yet due on %(day)s")
            % {
                "count": r["required"],
                "due": _annual_due_day(lang, r["year"] + 1),
                "day": i18n.prose_date(lang, day),
            }
            if not r["due"]
            else _("%(count)s reports due") % {"count": r["due"]}
        )
        bars.append(charts.Bar(str(r["year"]), parts, int(r["due"]), note))
    marks = []
    for c in reporting["stated"]:
        percent = str(c["unit"]).strip().lower() in ("percent", "%", "per cent")
        if c["property"] == "annual_reporting_rate" and percent and c["year"] is not None:
            srcs = ", ".join(x["source"] for x in c["citations"])
            when = i18n.prose_date(lang, c["as_of"]) if c["as_of"] else _("date not given")
            text = _("%(year)s: %(figure)s as stated (%(when)s; %(sources)s)") % {
                "year": c["year"],
                "figure": f"{c['quantity']} {c['unit']}",
                "when": when,
                "sources": srcs,
            }
            marks.append(charts.Mark(str(c["year"]), float(c["quantity"]), text))
    title = _("%(treaty)s: annual transparency reports by the year they cover") % {"treaty": treaty}
    return charts.share_chart(
        bars,
        title,
        marks,
        _("Rate stated by a source"),
        of=_("of"),
        empty=_("Nothing to chart yet."),
    )


@_pages.get("/compliance")
def compliance_page(request: Request) -> Response:
    """States by obligation on a date (the as-of picker), counts, the reporting rate per
    year, and the matrix as CSV/JSON/XLSX (one row per state and obligation)."""

    def build() -> Response:
        ctx = context(request)
        p = request.query_params
        as_of = _as_of(request)
        view = query.compliance(ctx, p.get("treaty") or None, as_of, p.get("state") or None)
        obligation, status = p.get("obligation") or None, p.get("status") or None
        if obligation is not None and obligation not in query.COMPLIANCE_OBLIGATIONS:
            names = ", ".join(query.COMPLIANCE_OBLIGATIONS)
            raise query.BadRequestError(f"obligation {obligation!r} is not one of {names}.")
        if status is not None and status not in query.OBLIGATION_STATUSES:
            names = ", ".join(query.OBLIGATION_STATUSES)
            raise query.BadRequestError(f"status {status!r} is not one of {names}.")
        rows = view["rows"]
        if obligation or status:
            rows = [
                r
                for r in rows
                if any(
                    c is not None and (status is None or c["status"] == status)
                    for o, c in r["cells"].items()
                    if obligation is None or o == obligation
                )
            ]
        fmt = wants(request)
        if fmt != "html":
            table = query.compliance_rows({**view, "rows": rows})
            if obligation or status:
                table = [
                    t
                    for t in table
                    if (obligation is None or t["obligation"] == obligation)
                    and (status is None or t["status"] == status)
                ]
            slug = "-".join(t.lower() for t in view["treaties"])
            name = f"compliance-{slug}-{view['as_of'].isoformat()}"
            return data_response(fmt, name, table, query.COMPLIANCE_COLUMNS, table)
        lang = _lang(request)
        sections = [
            {
                "treaty": tid,
                "name": _short_name(lang, query.find_instrument(ctx, tid)),
                "counts": view["counts"][tid],
                "rows": [r for r in rows if r["instrument"] == tid],
                "reporting": view["reporting"][tid],
                "coverage": view["coverage"][tid],
                "chart": _reporting_chart(tid, view["reporting"][tid], view["as_of"], lang),
            }
            for tid in view["treaties"]
        ]
        return render(
            request,
            "compliance.html",
            view=view,
            as_of=as_of,
            day=view["as_of"],
            treaty=view["treaties"][0] if p.get("treaty") else "",
            treaties=_treaty_ids(ctx),
            sections=sections,
            obligation=obligation,
            status=status,
            state=p.get("state") or "",
        )

    return cached(request, build)


@_pages.get("/sources")
def sources_page(request: Request) -> Response:
    def build() -> Response:
        q = (request.query_params.get("q") or "").strip()
        rows = query.sources(context(request), q=q or None)
        fmt = wants(request)
        if fmt != "html":
            return data_response(fmt, "sources", rows, query.SOURCE_COLUMNS, rows)
        return render(request, "sources.html", rows=rows, q=q)

    return cached(request, build)


@_pages.get("/sources/{source_id}")
def source_page(request: Request, source_id: str) -> Response:
    def build() -> Response:
        ctx = context(request)
        src = ctx.record.sources.get(source_id)
        if src is None:
            raise query.NotFoundError(f"No source has the id {source_id!r}.")
        rec = ctx.record
        lang = _lang(request)
        _ = i18n.gettext_for(lang)

        def who(code: str) -> str:
            return i18n.state_name(lang, code, query.participant_label(code))

        facts = [
            (
                f"{a.instrument} {_(label(a.kind.value))}",
                who(a.state),
                f"/states/{a.state}",
                a.date,
                c.locator,
            )
            for a in rec.actions
            for c in a.citations
            if c.source_id == source_id
        ]
        facts += [
            (_("event %(name)s") % {"name": e.name}, "", f"/events/{e.id}", e.start, c.locator)
            for e in rec.events.values()
            for c in e.citations
            if c.source_id == source_id
        ]
        facts += [
            (
                _("statement"),
                who(s.speaker),
                f"/statements?q=&event={s.event or ''}",
                s.date,
                c.locator,
            )
            for s in rec.statements
            for c in s.citations
            if c.source_id == source_id
        ]
        return render(request, "source.html", src=query.source_row(src), facts=facts)

    return cached(request, build)


@_pages.get("/conflicts")
def conflicts_page(request: Request) -> Response:
    def build() -> Response:
        rows = query.conflicts(context(request))
        if wants(request) == "json":
            return data_response("json", "conflicts", rows, [], rows)
        return render(request, "conflicts.html", rows=rows)

    return cached(request, build)


@_pages.get("/downloads")
def downloads_page(request: Request) -> Response:
    def build() -> Response:
        tables = _tables(context(request))
        return render(request, "downloads.html", tables=tables)

    return cached(request, build)


def _tables(ctx: query.Context) -> list[export.Table]:
    return memo(ctx, ("tables", dt.date.today()), lambda: export.record_tables(ctx))


@_files.get("/downloads/treatywatch-datapackage.zip")
def download_package(request: Request) -> Response:
    def build() -> Response:
        ctx = context(request)
        body = memo(ctx, ("datapackage", dt.date.today()), lambda: export.datapackage_bytes(ctx))
        return Response(
            body,
            media_type="application/zip",
            headers={"Content-Disposition": 'attachment; filename="treatywatch-datapackage.zip"'},
        )

    return cached(request, build)


@_files.get("/downloads/{name}.{fmt}")
def download_table(request: Request, name: str, fmt: str) -> Response:
    def build() -> Response:
        if fmt not in ("csv", "json", "xlsx"):
            raise query.NotFoundError(f"No download in format {fmt!r}; try csv, json or xlsx.")
        for t in _tables(context(request)):
            if t.name == name:
                whole = [{c: r.get(c) for c in t.columns} for r in t.rows]
                return data_response(fmt, name, t.rows, t.columns, whole)
        raise query.NotFoundError(f"No table is called {name!r}; /downloads lists them.")

    return cached(request, build)


#: Every page in each language, then the downloads once.
_pages.include_router(meeting_pages.router)  # a meeting, the statement search
router = APIRouter(include_in_schema=False)
router.include_router(_pages)
for _language in i18n.LANGUAGES:
    if _language != i18n.DEFAULT:
        router.include_router(_pages, prefix=i18n.prefix(_language))
router.include_router(_files)
