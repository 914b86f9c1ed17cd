"""The meeting pages: one meeting (participants by role, checked against the counts sources
give; statements by topic; documents; the next meeting), the statement search with its
facets, and the attendance chart of a state's page. They read treatywatch.query_meetings,
as the API does.

``router`` is included in web/pages.py's, so these pages are served in every language too.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from fastapi import APIRouter
from markupsafe import Markup
from starlette.requests import Request
from starlette.responses import Response

from treatywatch import model, query, query_meetings
from treatywatch.api.deps import cached, context, memo, parse_date
from treatywatch.web import charts, i18n
from treatywatch.web.i18n import N_
from treatywatch.web.render import ROLE_HEADINGS, data_response, render, wants

router = APIRouter(include_in_schema=False)

#: How many statements the search page shows; the downloads have them all.
SHOWN = 200
#: How many values of a facet are listed before the rest fold under "more".
FACET_TOP = 12

#: The attendance chart's parts, in the capacities a state attends in (CSS ``bar-<key>``).
CAPACITY_PARTS = (
    ("state_party", "state-party"),
    ("signatory", "signatory"),
    ("observer", "observer"),
    ("participant", "participant"),
)

#: How a count checks against the list, as the meeting page says it.
CHECK_LABELS = {
    query_meetings.REPRODUCED: N_("reproduced"),
    query_meetings.PARTIAL: N_("partial list"),
    query_meetings.DIFFERS: N_("differs"),
}

FACET_NAMES = {
    "speaker": N_("Speaker"),
    "topic": N_("Topic"),
    "stance": N_("Stance"),
    "event": N_("Meeting"),
    "year": N_("Year"),
}


def _lang(request: Request) -> str:
    return i18n.lang_of(request.url.path)


def _topic_labels(lang: str) -> dict[str, str]:
    _ = i18n.gettext_for(lang)
    return {topic: _(text) for topic, text in query.TOPIC_LABELS.items()}


def _event_names(ctx: query.Context) -> dict[str, str]:
    return {e.id: e.name for e in ctx.record.events.values()}


@router.get("/events/{event_id}")
def event_page(request: Request, event_id: str) -> Response:
    def build() -> Response:
        ctx = context(request)
        ev = query_meetings.meeting_detail(ctx, event_id)
        if wants(request) == "json":
            return data_response("json", event_id, [], [], ev)
        checks = ev["count_checks"]
        return render(
            request,
            "event.html",
            ev=ev,
            partial=[c for c in checks if c["status"] == query_meetings.PARTIAL],
            listed_states=query_meetings.recorded_count(ctx, event_id, None),
            check_labels=CHECK_LABELS,
            counted=list(query_meetings.COUNTED_ROLES),
            documents=_documents(ev),
            today=dt.date.today(),
            topic_labels=_topic_labels(_lang(request)),
        )

    return cached(request, build)


def _documents(ev: dict[str, Any]) -> list[dict[str, Any]]:
    """Every source the meeting's page cites, once each: the event's own first, then those
    of its counts, participants and statements."""
    rows = [ev, *ev["claims"], *ev["participants"], *ev["statements"]]
    found: dict[str, dict[str, Any]] = {}
    for row in rows:
        for c in row["citations"]:
            found.setdefault(c["source"], c)
    return list(found.values())


@router.get("/statements")
def statements_page(request: Request) -> Response:
    def build() -> Response:
        ctx = context(request)
        p = request.query_params
        found = query_meetings.search_statements(
            ctx,
            q=p.get("q") or None,
            speaker=p.get("speaker") or None,
            topic=p.get("topic") or None,
            stance=p.get("stance") or None,
            event=p.get("event") or None,
            year=query_meetings.parse_year(p.get("year")),
            date_from=parse_date(p.get("from"), "from"),
            date_to=parse_date(p.get("to"), "to"),
        )
        rows = found["items"]
        fmt = wants(request)
        cols = (
            "id", "date", "speaker", "speaker_name", "event", "agenda", "stance", "topics", "text",
        )  # fmt: skip
        if fmt != "html":
            return data_response(fmt, "statements", rows, cols, rows)
        return render(
            request,
            "statements.html",
            rows=rows[:SHOWN],
            total=len(rows),
            facets=found["facets"],
            facet_names=FACET_NAMES,
            facet_top=FACET_TOP,
            chosen=found["chosen"],
            event_names=_event_names(ctx),
            topic_labels=_topic_labels(_lang(request)),
            topics=sorted(model.TOPICS),
            stances=[s.value for s in model.Stance],
        )

    return cached(request, build)


def attendance_chart(ctx: query.Context, iso3: str, lang: str = i18n.DEFAULT) -> Markup:
    """A state's attendance as a chart: per year, the share of the meetings the record holds
    that it attended, in each capacity; drawn once per revision and language."""
    _ = i18n.gettext_for(lang)

    def build() -> Markup:
        years = query_meetings.attendance(ctx, iso3)["years"]
        bars = []
        for y in years:
            parts = [
                (key, _(ROLE_HEADINGS[role]), int(y["by_capacity"][role]))
                for role, key in CAPACITY_PARTS
            ]
            note = _("attended %(attended)s of %(meetings)s meetings on record") % {
                "attended": y["attended"],
                "meetings": y["meetings"],
            }
            bars.append(charts.Bar(str(y["year"]), parts, int(y["meetings"]), note))
        return charts.share_chart(
            bars,
            _("Meetings attended each year, by capacity, as a share of those on record"),
            of=_("of"),
            empty=_("No meetings on record for this state."),
        )

    return memo(ctx, ("attendance-chart", iso3, lang), build)
