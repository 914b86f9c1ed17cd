"""The record as things people subscribe to: a calendar of meetings and deadlines (RFC 5545)
and an Atom feed of what happened (acts, meetings, reports received).

Both are built from the facts the pages show (``treatywatch.query`` and the record) and
written by libraries that know the formats (``icalendar``, ``feedgen``); the web routes only
pass the parameters through. Every item's identifier is derived from the fact it stands for,
never from its position or the day it was built, so a calendar app or feed reader that
fetches again updates what it has instead of adding a copy.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from treatywatch import model, query
from treatywatch.rules.standing import by_preference

#: The host part of every calendar UID (``ccm-13msp@treatywatch``) and the tagging authority
#: of every Atom id (``tag:treatywatch,2025:...``; RFC 4151).
UID_DOMAIN = "treatywatch"
TAG = f"tag:{UID_DOMAIN},2025:"
#: How many entries the feed carries, newest first: a reader needs what is new, and the
#: whole history is on the pages and in the downloads.
FEED_LIMIT = 100

#: The obligations as a calendar names them.
OBLIGATION_TITLES = {
    "stockpile_destruction": "stockpile destruction deadline",
    "clearance": "clearance deadline",
    "transparency_initial": "initial transparency report due",
    "transparency_annual": "annual transparency report due",
}
#: A deadline whose status is one of these is shown with it in the title; a pending one is
#: the plain case and carries none.
STATUS_MARKS = {
    "met": "met",
    "met-late": "met late",
    "extended": "extended",
    "overdue": "overdue",
    "unknown": "status unknown",
}
ANNUAL = query.ANNUAL_REPORT

#: The acts the feed reports, with the verb its titles use.
FEED_ACTS: dict[model.ActionKind, str] = {
    model.ActionKind.SIGNATURE: "signed",
    model.ActionKind.RATIFICATION: "ratified",
    model.ActionKind.ACCESSION: "acceded to",
    model.ActionKind.ACCEPTANCE: "accepted",
    model.ActionKind.APPROVAL: "approved",
    model.ActionKind.SUCCESSION: "succeeded to",
    model.ActionKind.WITHDRAWAL_NOTIFICATION: "gave notice of withdrawal from",
    model.ActionKind.WITHDRAWAL_EFFECTIVE: "withdrew from",
}


# -- calendar ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class CalendarItem:
    """One all-day calendar event: a meeting or a deadline."""

    uid: str
    summary: str
    first_day: dt.date
    last_day: dt.date  # inclusive; the file writes DTEND as the day after (RFC 5545)
    description: str
    link: str  # a path on the site
    category: str  # "meeting" or "deadline"
    location: str | None = None


def calendar_items(
    ctx: query.Context,
    treaty: str | None = None,
    state: str | None = None,
    as_of: dt.date | None = None,
) -> list[CalendarItem]:
    """The meetings of ``treaty`` (every treaty by default) and the deadlines the rules
    compute, with their status on ``as_of`` (today), in date order.

    Deadlines whose status is ``not-applicable`` (the state declared it has nothing to
    destroy or clear) are left out: nothing falls due. Met, late, extended, overdue and
    unknown ones are kept and marked in the title, so the calendar also shows what was done
    on time. Annual reports are one event per treaty and year, counting the states they are
    due from, unless ``state`` is given: then that state's own, one a year.

    A deadline's UID leaves the due date out (``CCM-LAO-clearance@treatywatch``), so when an
    extension moves the deadline the calendar moves the event instead of adding another;
    an annual report's UID names the year it covers.
    """
    inst = query.find_instrument(ctx, treaty) if treaty else None
    iso3 = query.find_state(state).iso3 if state else None
    items = meeting_items(ctx, inst.id if inst else None)
    items += deadline_items(ctx, _with_rules(ctx, inst), iso3, as_of)
    items.sort(key=lambda i: (i.first_day, i.uid))
    return items


def _with_rules(ctx: query.Context, inst: model.Instrument | None) -> list[model.Instrument]:
    """The treaties whose deadlines the rules compute, or just ``inst`` if it has rules (a
    declaration has meetings but no deadlines)."""
    if inst is not None:
        return [inst] if inst.rules else []
    return [
        i
        for i in ctx.record.instruments.values()
        if i.kind is model.InstrumentKind.TREATY and i.rules
    ]


def meeting_items(ctx: query.Context, treaty: str | None) -> list[CalendarItem]:
    """Every meeting of the record with a known first day, as the events page lists them."""
    return [_meeting_item(ctx, ev) for ev in _dated_meetings(ctx, treaty)]


def _dated_meetings(ctx: query.Context, treaty: str | None) -> list[model.Event]:
    return [
        ctx.record.events[row["id"]]
        for row in query.events(ctx, treaty)
        if row["start"] is not None
    ]


def _meeting_item(ctx: query.Context, ev: model.Event) -> CalendarItem:
    assert ev.start is not None  # _dated_meetings
    return CalendarItem(
        uid=f"{ev.id}@{UID_DOMAIN}",
        summary=ev.name,
        first_day=ev.start,
        last_day=max(ev.end or ev.start, ev.start),
        description=_join(_sentence(ev.note), _sources_line(query.cites(ev.citations, ctx.record))),
        link=f"/events/{ev.id}",
        category="meeting",
        location=_place(ev),
    )


def _place(ev: model.Event) -> str | None:
    country = query.participant_label(ev.country) if ev.country else None
    return ", ".join(p for p in (ev.city, country) if p) or None


def deadline_items(
    ctx: query.Context,
    treaties: Sequence[model.Instrument],
    iso3: str | None,
    as_of: dt.date | None,
) -> list[CalendarItem]:
    day = as_of or dt.date.today()
    items: list[CalendarItem] = []
    for inst in treaties:
        rows = [
            r
            for r in query.obligations(ctx, inst.id, day, iso3)
            if r["due"] is not None and r["status"] != "not-applicable"
        ]
        annual = [r for r in rows if r["obligation"] == ANNUAL]
        if iso3 is None:
            items += _annual_summaries(inst, annual)
            rows = [r for r in rows if r["obligation"] != ANNUAL]
        items += [_deadline_item(ctx, inst, r, day) for r in rows]
    return items


def _deadline_item(
    ctx: query.Context, inst: model.Instrument, row: dict[str, Any], day: dt.date
) -> CalendarItem:
    what = OBLIGATION_TITLES.get(row["obligation"], row["obligation"].replace("_", " "))
    uid = f"{inst.id}-{row['state']}-{row['obligation']}"
    if row["obligation"] == ANNUAL and row["year"] is not None:
        what = f"{what} (covering {row['year']})"
        uid = f"{uid}-{row['year']}"
    mark = STATUS_MARKS.get(row["status"])
    title = f"{inst.short_name}: {row['state_name']}, {what}"
    facts = [model.Citation(f["source_id"], f["locator"]) for f in row["facts"]]
    status = f"Status on {day.isoformat()}: {row['status']}."
    return CalendarItem(
        uid=f"{uid}@{UID_DOMAIN}",
        summary=f"{title} [{mark}]" if mark else title,
        first_day=row["due"],
        last_day=row["due"],
        description=_join(
            f"{inst.short_name} Article {row['article']}.",
            status,
            _sentence(row["basis"]),
            _sources_line(query.cites(tuple(facts), ctx.record)),
        ),
        link=f"/states/{row['state']}#obligations",
        category="deadline",
    )


def _annual_summaries(inst: model.Instrument, rows: Iterable[dict[str, Any]]) -> list[CalendarItem]:
    """One event per year covered: the annual reports of every State Party fall due on the
    same day, and a calendar with a line per state would show nothing else."""
    by_year: dict[tuple[int, dt.date], list[dict[str, Any]]] = defaultdict(list)
    for r in rows:
        if r["year"] is not None:
            by_year[(r["year"], r["due"])].append(r)
    items = []
    for (year, due), group in sorted(by_year.items()):
        received = sum(1 for r in group if r["status"] in query.RECEIVED)
        article = group[0]["article"]
        items.append(
            CalendarItem(
                uid=f"{inst.id}-{ANNUAL}-{year}@{UID_DOMAIN}",
                summary=f"{inst.short_name}: annual transparency reports due (covering {year})",
                first_day=due,
                last_day=due,
                description=_join(
                    f"{inst.short_name} Article {article}: each State Party reports on "
                    f"{year} by {due.isoformat()}.",
                    f"Due from {len(group)} States Parties; received on record: {received}.",
                    "Computed by treatywatch from the treaty's rules and the record of "
                    "reports received; /compliance shows them state by state.",
                ),
                link=f"/compliance?treaty={inst.id}",
                category="deadline",
            )
        )
    return items


def calendar_ics(
    items: Iterable[CalendarItem],
    base_url: str,
    name: str = "treatywatch",
    now: dt.datetime | None = None,
) -> bytes:
    """The items as an iCalendar file (RFC 5545), links made absolute with ``base_url``."""
    from icalendar import Calendar, Event

    stamp = (now or dt.datetime.now(dt.UTC)).replace(microsecond=0)
    cal = Calendar()
    cal.add("prodid", "-//treatywatch//meetings and deadlines//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", name)
    for item in items:
        ev = Event()
        ev.add("uid", item.uid)
        ev.add("dtstamp", stamp)
        ev.add("dtstart", item.first_day)
        ev.add("dtend", item.last_day + dt.timedelta(days=1))
        ev.add("summary", item.summary)
        ev.add("description", item.description)
        ev.add("url", base_url.rstrip("/") + item.link)
        ev.add("categories", [item.category])
        ev.add("transp", "TRANSPARENT")  # a deadline or a meeting abroad does not block a day
        if item.location:
            ev.add("location", item.location)
        cal.add_component(ev)
    return bytes(cal.to_ical())


# -- feed ----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class FeedEntry:
    """One change to the record: an act, a meeting, a report received."""

    id: str  # a tag URI derived from the fact
    title: str
    date: dt.date
    link: str  # a path on the site
    summary: str  # what happened, without the sources (they are ``sources``)
    sources: tuple[dict[str, Any], ...]  # as query.cites gives them
    category: str  # "action", "meeting" or "report"


def feed_entries(
    ctx: query.Context,
    treaty: str | None = None,
    as_of: dt.date | None = None,
    limit: int = FEED_LIMIT,
) -> list[FeedEntry]:
    """The latest ``limit`` changes dated on or before ``as_of`` (today), newest first.

    An act is dated by the act (for consent, the deposit), a meeting by its first day, a
    report by the day it was received. Where sources give an act or a receipt different
    days, the entry takes the one the rules engine takes (the most authoritative source,
    then the earliest day) and says what the others give. A meeting still to come is left
    out until it opens: the calendar is where meetings ahead are.
    """
    inst = query.find_instrument(ctx, treaty) if treaty else None
    day = as_of or dt.date.today()
    wanted = inst.id if inst else None
    entries = [
        *action_entries(ctx, wanted),
        *meeting_entries(ctx, wanted),
        *report_entries(ctx, wanted),
    ]
    entries = [e for e in entries if e.date <= day]
    entries.sort(key=lambda e: (e.date, e.id), reverse=True)
    return entries[:limit]


def _chosen(facts: Sequence[Any], sources: dict[str, model.Source]) -> tuple[Any, list[Any]]:
    """The fact the engine would take among dated variants, and the others."""
    ordered = by_preference(facts, sources)
    return ordered[0], [f for f in ordered[1:] if f.date != ordered[0].date]


def _names(ctx: query.Context) -> dict[str, str]:
    return {i.id: i.short_name for i in ctx.record.instruments.values()}


def action_entries(ctx: query.Context, treaty: str | None) -> list[FeedEntry]:
    rec = ctx.record
    groups: dict[tuple[str, str, model.ActionKind], list[model.Action]] = defaultdict(list)
    for a in rec.actions:
        if a.kind in FEED_ACTS and a.date is not None and treaty in (None, a.instrument):
            groups[a.key].append(a)
    names = _names(ctx)
    out = []
    for (instrument, iso3, kind), facts in groups.items():
        best, others = _chosen(facts, rec.sources)
        state = query.participant_label(iso3)
        title = f"{state} {FEED_ACTS[kind]} the {names.get(instrument, instrument)}"
        sources = tuple(query.cites(best.citations, rec))
        out.append(
            FeedEntry(
                id=f"{TAG}action/{instrument}/{iso3}/{kind.value}",
                title=title,
                date=best.date,
                link=f"/states/{iso3}",
                summary=_join(
                    f"{title} on {_long(best.date)}.", _sentence(best.note), _others_line(others)
                ),
                sources=sources,
                category="action",
            )
        )
    return out


def meeting_entries(ctx: query.Context, treaty: str | None) -> list[FeedEntry]:
    out = []
    for ev in _dated_meetings(ctx, treaty):
        item = _meeting_item(ctx, ev)
        span = _long(item.first_day)
        if item.last_day != item.first_day:
            span = f"{span} to {_long(item.last_day)}"
        place = f", {item.location}." if item.location else "."
        out.append(
            FeedEntry(
                id=f"{TAG}event/{ev.id}",
                title=ev.name,
                date=item.first_day,
                link=item.link,
                summary=_join(f"{ev.name}: {span}{place}", _sentence(ev.note)),
                sources=tuple(query.cites(ev.citations, ctx.record)),
                category="meeting",
            )
        )
    return out


def report_entries(ctx: query.Context, treaty: str | None) -> list[FeedEntry]:
    rec = ctx.record
    groups: dict[tuple[str, str, str, int | None], list[model.ReportFact]] = defaultdict(list)
    for r in rec.reports:
        if r.status == "received" and r.date is not None and treaty in (None, r.instrument):
            groups[(r.instrument, r.state, r.report, r.year)].append(r)
    names = _names(ctx)
    out = []
    for (instrument, iso3, report, year), facts in groups.items():
        best, others = _chosen(facts, rec.sources)
        which = (
            "initial transparency report"
            if report == "initial"
            else f"annual transparency report covering {year}"
        )
        state = query.participant_label(iso3)
        title = f"{names.get(instrument, instrument)} {which} received from {state}"
        sources = tuple(query.cites(best.citations, rec))
        key = f"{instrument}/{iso3}/{report}" + (f"/{year}" if year is not None else "")
        out.append(
            FeedEntry(
                id=f"{TAG}report/{key}",
                title=title,
                date=best.date,
                link=f"/states/{iso3}#obligations",
                summary=_join(
                    f"{title} on {_long(best.date)}.",
                    _sentence(best.note),
                    _others_line(others),
                ),
                sources=sources,
                category="report",
            )
        )
    return out


def feed_id(treaty: str | None) -> str:
    return f"{TAG}feed" + (f"/{treaty}" if treaty else "")


def atom_feed(
    entries: Sequence[FeedEntry], base_url: str, self_url: str, treaty: str | None = None
) -> bytes:
    """The entries as an Atom feed (RFC 4287). Its ``updated`` is the newest entry's day,
    not the time of the request, so fetching it again shows nothing new when nothing is."""
    from feedgen.feed import FeedGenerator

    base = base_url.rstrip("/")
    fg = FeedGenerator()
    fg.id(feed_id(treaty))
    fg.title("treatywatch: changes to the record" + (f" ({treaty})" if treaty else ""))
    fg.subtitle(
        "States' signatures, ratifications, accessions and withdrawals, meetings, and "
        "transparency reports received, each with its sources."
    )
    fg.author({"name": "treatywatch"})
    fg.link(href=self_url, rel="self", type="application/atom+xml")
    fg.link(href=f"{base}/", rel="alternate", type="text/html")
    fg.language("en")
    fg.updated(_instant(entries[0].date if entries else model.ASKABLE_DAYS[0]))
    for e in entries:
        fe = fg.add_entry(order="append")
        fe.id(e.id)
        fe.title(e.title)
        fe.updated(_instant(e.date))
        fe.published(_instant(e.date))
        # One link only: feedgen 1.0 writes no rel on an entry's links, so every link it
        # writes is an "alternate", and Atom allows one per type. The sources are linked
        # from the content instead.
        fe.link(href=base + e.link)
        fe.summary(_join(e.summary, _sources_line(e.sources, urls=False)))
        fe.content(_entry_html(e, base), type="html")
        fe.category(term=e.category)
    return bytes(fg.atom_str(pretty=True))


def _entry_html(e: FeedEntry, base: str) -> str:
    """The entry as HTML for readers that show it: its words (escaped, they come from the
    record's sources) and a link to each source's page on the site."""
    from markupsafe import Markup

    items = Markup("").join(
        Markup('<li><a href="{}">{}</a>{}</li>').format(
            f"{base}/sources/{c['source']}",
            c["title"] or c["source"],
            f" ({c['locator']})" if c["locator"] else "",
        )
        for c in e.sources
    )
    html = Markup("<p>{}</p>").format(e.summary)
    html += Markup('<p><a href="{}">{}</a></p>').format(base + e.link, "On treatywatch")
    if items:
        html += Markup("<p>Sources:</p><ul>{}</ul>").format(items)
    return str(html)


# -- text ----------------------------------------------------------------------------------


def _instant(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(), tzinfo=dt.UTC)


def _long(day: dt.date) -> str:
    return f"{day.day} {day:%B %Y}"


def _join(*parts: str | None) -> str:
    return " ".join(p.strip() for p in parts if p and p.strip())


def _sentence(text: str | None) -> str:
    """A note of the record (often a lower-case fragment) as a sentence of its own."""
    text = (text or "").strip()
    if not text:
        return ""
    text = text[0].upper() + text[1:]
    return text if text[-1] in ".!?" else text + "."


def _sources_line(cites: Iterable[dict[str, Any]], urls: bool = True) -> str:
    named = []
    for c in cites:
        text = c["title"] or c["source"]
        if c["locator"]:
            text = f"{text} ({c['locator']})"
        if urls and c["url"]:
            text = f"{text} <{c['url']}>"
        named.append(text)
    if not named:
        return ""
    return ("Source: " if len(named) == 1 else "Sources: ") + "; ".join(named) + "."


def _others_line(others: Sequence[Any]) -> str:
    if not others:
        return ""
    given = ", ".join(
        f"{o.date.isoformat()} ({', '.join(c.source_id for c in o.citations)})" for o in others
    )
    return f"Other sources give: {given}."
