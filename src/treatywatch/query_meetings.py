"""Meetings: who came in which capacity, what the sources count and whether the record's list
reproduces it, what was said (grouped by topic, searchable with facets), and each state's
attendance over the years. Answered once here for the API, the pages and the CLI.

Like :mod:`treatywatch.query`, every function takes a :class:`~treatywatch.query.Context`
and returns plain dicts and lists.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from treatywatch import model, query
from treatywatch.query import BadRequestError, Context, NotFoundError

# -- participants and the counts sources give ----------------------------------------------

#: The order in which a meeting's participants are listed: the capacities a final report
#: lists apart, then the offices held besides them.
ROLE_ORDER = (
    model.Role.STATE_PARTY,
    model.Role.SIGNATORY,
    model.Role.OBSERVER,
    model.Role.PARTICIPANT,
    model.Role.PRESIDENT,
    model.Role.HOST,
)

#: What each stated count counts, as the roles of the record's participants: ``None`` is
#: every state in any capacity. Counts of other things (African states, states that had
#: ratified by then) are not attendance the list could reproduce, and are not checked.
COUNTED_ROLES: dict[str, frozenset[model.Role] | None] = {
    "states_attending": None,
    "states_parties_attending": frozenset({model.Role.STATE_PARTY}),
    "signatories_attending": frozenset({model.Role.SIGNATORY}),
    "observer_states": frozenset({model.Role.OBSERVER}),
}

#: How the record's list compares with a source's count.
REPRODUCED, PARTIAL, DIFFERS = "reproduced", "partial", "differs"
#: A count given as a bound: "more than 120 states" holds for any list of 121 or more.
EXACT, AT_LEAST, MORE_THAN = "exact", "at_least", "more_than"

#: What a check's sentence calls the states each property counts.
_COUNTED_NOUN = {
    "states_attending": "states in any capacity",
    "states_parties_attending": "States Parties",
    "signatories_attending": "signatories",
    "observer_states": "observer states",
}


def _is_state(participant: str) -> bool:
    return ":" not in participant


def _event(ctx: Context, event_id: str) -> model.Event:
    ev = ctx.record.events.get(event_id)
    if ev is None:
        raise NotFoundError(f"No event has the id {event_id!r}; `treatywatch events` lists them.")
    return ev


def _participation_by_event(ctx: Context) -> dict[str, list[model.Participation]]:
    def build() -> dict[str, list[model.Participation]]:
        out: dict[str, list[model.Participation]] = defaultdict(list)
        for p in ctx.record.participation:
            out[p.event].append(p)
        return dict(out)

    return ctx.memo("meetings:participation", build)


def participants_by_role(ctx: Context, event_id: str) -> list[dict[str, Any]]:
    """The meeting's participants in groups by role, each with how many it holds (all, and
    states alone: organisations and people are listed but not counted as states)."""
    _event(ctx, event_id)
    groups: dict[model.Role, list[model.Participation]] = defaultdict(list)
    for p in _participation_by_event(ctx).get(event_id, []):
        groups[p.role].append(p)
    out = []
    for role in ROLE_ORDER:
        facts = groups.get(role)
        if not facts:
            continue
        rows: list[dict[str, Any]] = [
            {
                "participant": p.participant,
                "name": query.participant_label(p.participant),
                "citations": query.cites(p.citations, ctx.record),
            }
            for p in facts
        ]
        rows.sort(key=lambda r: r["name"].casefold())
        out.append(
            {
                "role": role.value,
                "count": len(rows),
                "states": sum(1 for r in rows if _is_state(r["participant"])),
                "participants": rows,
            }
        )
    return out


def recorded_count(ctx: Context, event_id: str, roles: frozenset[model.Role] | None) -> int:
    """How many states the record lists at the meeting in one of ``roles`` (any: None)."""
    states = {
        p.participant
        for p in _participation_by_event(ctx).get(event_id, [])
        if _is_state(p.participant) and (roles is None or p.role in roles)
    }
    return len(states)


def claim_bound(claim: model.Claim) -> str:
    """Whether a count is exact or a lower bound, as its words say ("more than 120")."""
    text = claim.text.casefold()
    n = claim.quantity
    if re.search(rf"\b(?:more than|over|upwards of)\s+{n}\b", text):
        return MORE_THAN
    if re.search(rf"\b(?:at least|no fewer than|not less than)\s+{n}\b", text):
        return AT_LEAST
    return AT_LEAST if "lower bound" in text else EXACT


def _compare(recorded: int, quantity: int, bound: str) -> str:
    least = quantity + 1 if bound == MORE_THAN else quantity
    if recorded < least:
        return PARTIAL
    return REPRODUCED if bound != EXACT or recorded == quantity else DIFFERS


def _source_names(citations: list[dict[str, Any]]) -> str:
    return ", ".join(dict.fromkeys(c["source"] for c in citations))


def _check_summary(check: dict[str, Any]) -> str:
    """The check in one English sentence, for the CLI and API clients."""
    bound = {MORE_THAN: "more than ", AT_LEAST: "at least "}.get(check["bound"], "")
    noun = _COUNTED_NOUN[check["property"]]
    names = _source_names(check["citations"])
    verb = "count" if "," in names else "counts"
    said = f"{names} {verb} {bound}{check['quantity']}"
    if check["status"] == REPRODUCED:
        return f"Reproduced: the record lists {check['recorded']} {noun}; {said}."
    if check["status"] == PARTIAL:
        return (
            f"Partial: the record lists {check['recorded']} {noun} where {said}, "
            "so its list is not complete."
        )
    return f"Differs: the record lists {check['recorded']} {noun} where {said}."


def count_checks(ctx: Context, event_id: str) -> list[dict[str, Any]]:
    """Every count of attendance a source gives for the meeting, beside the record's count
    for the same roles: ``reproduced``, ``partial`` (the record lists fewer than the source
    counts) or ``differs`` (it lists more), and which sources say so."""
    _event(ctx, event_id)
    out: list[dict[str, Any]] = []
    for c in ctx.record.claims:
        if c.subject != event_id or c.property not in COUNTED_ROLES:
            continue
        roles = COUNTED_ROLES[c.property]
        recorded = recorded_count(ctx, event_id, roles)
        bound = claim_bound(c)
        check: dict[str, Any] = {
            "property": c.property,
            "roles": sorted(r.value for r in roles) if roles else [],
            "quantity": c.quantity,
            "bound": bound,
            "as_of": c.as_of,
            "text": c.text,
            "recorded": recorded,
            "status": _compare(recorded, c.quantity, bound),
            "citations": query.cites(c.citations, ctx.record),
        }
        check["summary"] = _check_summary(check)
        out.append(check)
    order = list(COUNTED_ROLES)
    out.sort(key=lambda k: (order.index(k["property"]), -k["quantity"]))
    return out


def next_meeting(ctx: Context, event_id: str) -> dict[str, Any] | None:
    """The next meeting of the same treaty after this one began, where the record knows one."""
    ev = _event(ctx, event_id)
    if ev.instrument is None or ev.start is None:
        return None
    later = [
        e
        for e in ctx.record.events.values()
        if e.instrument == ev.instrument
        and e.id != ev.id
        and e.kind is not model.EventKind.OTHER
        and e.start is not None
        and e.start > ev.start
    ]
    if not later:
        return None
    return query.event_row(min(later, key=lambda e: (e.start or dt.date.max, e.id)))


def statement_row(ctx: Context, s: model.Statement) -> dict[str, Any]:
    return {
        "id": s.id,
        "speaker": s.speaker,
        "speaker_name": query.participant_label(s.speaker),
        "event": s.event,
        "date": s.date,
        "agenda": s.agenda,
        "text": s.text,
        "topics": list(s.topics),
        "stance": s.stance.value if s.stance else None,
        "citations": query.cites(s.citations, ctx.record),
    }


#: The group of statements no source tagged with a topic.
NO_TOPIC = ""


def statements_by_topic(ctx: Context, event_id: str) -> list[dict[str, Any]]:
    """The meeting's statements in groups by topic, the largest first; each statement is in
    the group of the first topic its source gives (its row lists them all), those with none
    last. Within a group, by day and speaker."""
    _event(ctx, event_id)
    groups: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for s in ctx.record.statements:
        if s.event == event_id:
            groups[s.topics[0] if s.topics else NO_TOPIC].append(statement_row(ctx, s))
    out: list[dict[str, Any]] = []
    for topic, rows in groups.items():
        rows.sort(key=lambda r: (r["date"] or dt.date.max, r["speaker_name"], r["id"]))
        label = query.topic_label(topic) if topic else ""
        out.append({"topic": topic or None, "label": label, "count": len(rows), "statements": rows})
    out.sort(key=lambda g: (g["topic"] is None, -g["count"], g["label"]))
    return out


def meeting_detail(ctx: Context, event_id: str) -> dict[str, Any]:
    """One meeting as the API, the page and ``treatywatch event`` show it: the event's
    detail, with its participants by role, the counts checked, its statements by topic and
    the next meeting of its treaty."""
    detail = query.event_detail(ctx, event_id)
    agendas = {s.id: s.agenda for s in ctx.record.statements if s.event == event_id}
    for row in detail["statements"]:
        row["agenda"] = agendas.get(row["id"], "")
    return {
        **detail,
        "participants_by_role": participants_by_role(ctx, event_id),
        "count_checks": count_checks(ctx, event_id),
        "statements_by_topic": statements_by_topic(ctx, event_id),
        "next_meeting": next_meeting(ctx, event_id),
    }


# -- the events list -----------------------------------------------------------------------


def parse_year(value: str | int | None) -> int | None:
    """A year from a query string ("2011"), or a sentence saying why it is not one."""
    if value is None or value == "":
        return None
    text = str(value)
    if not (text.isascii() and text.isdigit() and len(text) == 4):
        raise BadRequestError(f"year {text[:40]!r} is not a year such as 2008.")
    return int(text)


def is_upcoming(row: dict[str, Any], today: dt.date) -> bool:
    """Under way or announced: it has a day, and has not ended before today."""
    start = row.get("start")
    return isinstance(start, dt.date) and (row.get("end") or start) >= today


def find_events(
    ctx: Context,
    treaty: str | None = None,
    kind: str | None = None,
    year: int | None = None,
    today: dt.date | None = None,
) -> list[dict[str, Any]]:
    """Events of a treaty, kind and year: meetings under way or announced first (soonest
    first), then the others oldest first, those with no day last."""
    day = today or dt.date.today()
    rows = query.events(ctx, treaty, kind)
    if year is not None:
        rows = [r for r in rows if query.event_year(r) == year]
    upcoming = sorted((r for r in rows if is_upcoming(r, day)), key=lambda r: (r["start"], r["id"]))
    return upcoming + [r for r in rows if not is_upcoming(r, day)]


# -- a state's attendance ------------------------------------------------------------------

#: The capacity a state's attendance is charted in, the most specific its rows give; a state
#: recorded only as host or president took part, capacity not given.
CAPACITY_ORDER = (
    model.Role.STATE_PARTY,
    model.Role.SIGNATORY,
    model.Role.OBSERVER,
    model.Role.PARTICIPANT,
)


def _capacity(roles: Iterable[model.Role]) -> model.Role:
    held = set(roles)
    return next((r for r in CAPACITY_ORDER if r in held), model.Role.PARTICIPANT)


def _year_of(ev: model.Event) -> int | None:
    return query.event_year({"id": ev.id, "start": ev.start, "end": ev.end})


def attendance(ctx: Context, name: str) -> dict[str, Any]:
    """A state's meetings over the years, each with the roles the record gives it there and
    the capacity it attended in; and per year, how many meetings it attended in each
    capacity of how many the record holds that year."""
    st = query.find_state(name)
    rec = ctx.record
    roles: dict[str, list[model.Participation]] = defaultdict(list)
    for p in rec.participation:
        if p.participant == st.iso3:
            roles[p.event].append(p)
    meetings = []
    for eid, facts in roles.items():
        ev = rec.events[eid]
        cited = [c for p in facts for c in p.citations]
        meetings.append(
            {
                "event": eid,
                "event_name": ev.name,
                "instrument": ev.instrument,
                "kind": ev.kind.value,
                "start": ev.start,
                "year": _year_of(ev),
                "roles": [r.value for r in ROLE_ORDER if r in {p.role for p in facts}],
                "capacity": _capacity(p.role for p in facts).value,
                "citations": query.cites(tuple(dict.fromkeys(cited)), rec),
            }
        )
    meetings.sort(key=lambda m: (m["start"] or dt.date.max, m["event"]))
    return {
        "iso3": st.iso3,
        "name": st.name,
        "meetings": meetings,
        "years": _attendance_years(ctx, meetings),
        "statements": [statement_row(ctx, s) for s in rec.statements if s.speaker == st.iso3],
    }


def _attendance_years(ctx: Context, meetings: list[dict[str, Any]]) -> list[dict[str, Any]]:
    held: Counter[int] = Counter()
    for ev in ctx.record.events.values():
        year = _year_of(ev)
        if year is not None and ev.kind is not model.EventKind.OTHER:
            held[year] += 1
    attended: dict[int, Counter[str]] = defaultdict(Counter)
    for m in meetings:
        if m["year"] is not None:
            attended[m["year"]][m["capacity"]] += 1
    if not attended:
        return []
    first, last = min(attended), max(held)
    return [
        {
            "year": y,
            "meetings": held[y],
            "attended": sum(attended[y].values()),
            "by_capacity": {r.value: attended[y][r.value] for r in CAPACITY_ORDER},
        }
        for y in range(first, last + 1)
        if held[y] or attended[y]
    ]


# -- statement search ----------------------------------------------------------------------

_WORD = re.compile(r"[^\W_]+")


def words(text: str) -> list[str]:
    """The words of a text as the index holds them: accents dropped, case folded, split at
    anything that is not a letter or digit ("ccw-protocol" is two words)."""
    plain = unicodedata.normalize("NFKD", text)
    plain = "".join(ch for ch in plain if not unicodedata.combining(ch))
    return _WORD.findall(plain.casefold())


@dataclass(frozen=True, slots=True)
class StatementIndex:
    """An inverted index over the record's statements, built once per revision: each word
    of a statement's text, agenda item and topics (slug and name, so "CCW" finds a statement
    tagged ccw-protocol) points at the statements holding it. A search word matches every
    word it begins ("munition" finds "munitions"), found by bisection in the sorted
    vocabulary."""

    statements: tuple[model.Statement, ...]
    vocabulary: tuple[str, ...]
    postings: dict[str, frozenset[int]]

    @classmethod
    def build(cls, statements: Iterable[model.Statement]) -> StatementIndex:
        rows = tuple(statements)
        postings: dict[str, set[int]] = defaultdict(set)
        for i, s in enumerate(rows):
            labels = [query.topic_label(t) for t in s.topics]
            for word in words(" ".join([s.text, s.agenda, *s.topics, *labels])):
                postings[word].add(i)
        return cls(
            statements=rows,
            vocabulary=tuple(sorted(postings)),
            postings={w: frozenset(ids) for w, ids in postings.items()},
        )

    def _prefixed(self, prefix: str) -> Iterator[str]:
        i = bisect.bisect_left(self.vocabulary, prefix)
        while i < len(self.vocabulary) and self.vocabulary[i].startswith(prefix):
            yield self.vocabulary[i]
            i += 1

    def matching(self, q: str) -> set[int]:
        """The positions of the statements that hold every word of ``q`` (all, for none)."""
        found = set(range(len(self.statements)))
        for term in words(q):
            hits: set[int] = set()
            for word in self._prefixed(term):
                hits |= self.postings[word]
            found &= hits
            if not found:
                break
        return found


def statement_index(ctx: Context) -> StatementIndex:
    return ctx.memo("meetings:statement-index", lambda: StatementIndex.build(ctx.record.statements))


#: The facets of the statement search, in the order pages show them.
FACETS = ("speaker", "topic", "stance", "event", "year")


def statement_year(ctx: Context, s: model.Statement) -> int | None:
    """The year a statement was made: its day's, else its meeting's."""
    if s.date is not None:
        return s.date.year
    ev = ctx.record.events.get(s.event or "")
    return _year_of(ev) if ev is not None else None


def _facet_values(ctx: Context, s: model.Statement) -> dict[str, list[str]]:
    year = statement_year(ctx, s)
    return {
        "speaker": [s.speaker],
        "topic": list(s.topics),
        "stance": [s.stance.value] if s.stance else [],
        "event": [s.event] if s.event else [],
        "year": [str(year)] if year is not None else [],
    }


def _all_facet_values(ctx: Context) -> list[dict[str, list[str]]]:
    index = statement_index(ctx)
    return ctx.memo(
        "meetings:statement-facets", lambda: [_facet_values(ctx, s) for s in index.statements]
    )


def _speaker_code(speaker: str | None) -> str | None:
    if not speaker:
        return None
    if speaker.startswith(("org:", "person:")):
        return speaker
    return query.find_state(speaker).iso3


def _chosen(
    ctx: Context,
    speaker: str | None,
    topic: str | None,
    stance: str | None,
    event: str | None,
    year: int | None,
) -> dict[str, str]:
    """The facet values asked for, checked: each unknown one is a sentence saying why."""
    if topic and topic not in model.TOPICS:
        raise BadRequestError(f"topic {topic!r} is not one of {', '.join(sorted(model.TOPICS))}.")
    stances = [s.value for s in model.Stance]
    if stance and stance not in stances:
        raise BadRequestError(f"stance {stance!r} is not one of {', '.join(stances)}.")
    if event and event not in ctx.record.events:
        raise NotFoundError(f"No event has the id {event[:60]!r}; the events list names them.")
    chosen = {
        "speaker": _speaker_code(speaker),
        "topic": topic,
        "stance": stance,
        "event": event,
        "year": str(year) if year is not None else None,
    }
    return {k: v for k, v in chosen.items() if v}


def _facet_label(ctx: Context, facet: str, value: str) -> str:
    if facet == "speaker":
        return query.participant_label(value)
    if facet == "topic":
        return query.topic_label(value)
    if facet == "event":
        ev = ctx.record.events.get(value)
        return ev.name if ev else value
    return value


def _facet_order(ctx: Context, facet: str) -> Callable[[dict[str, Any]], Any]:
    if facet == "year":
        return lambda f: -int(f["value"])
    if facet == "event":
        # Newest meeting first: the record keeps its events in date order.
        position = {eid: i for i, eid in enumerate(ctx.record.events)}
        return lambda f: -position.get(f["value"], 0)
    return lambda f: (-f["count"], f["label"].casefold())


def search_statements(
    ctx: Context,
    q: str | None = None,
    speaker: str | None = None,
    topic: str | None = None,
    stance: str | None = None,
    event: str | None = None,
    year: int | None = None,
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
) -> dict[str, Any]:
    """Statements holding every word of ``q`` (the words begin words of the statement),
    of the facet values chosen and between the dates, newest first, with the facets: for
    each, every value and how many statements it would give with the other choices kept
    (so a reader sees what switching to it finds)."""
    chosen = _chosen(ctx, speaker, topic, stance, event, year)
    index = statement_index(ctx)
    values = _all_facet_values(ctx)
    base = [
        i
        for i in sorted(index.matching(q or ""))
        if _within(index.statements[i], date_from, date_to)
    ]

    def passes(i: int, skip: str | None = None) -> bool:
        return all(v in values[i][f] for f, v in chosen.items() if f != skip)

    hits = [i for i in base if passes(i)]
    facets: dict[str, list[dict[str, Any]]] = {}
    for facet in FACETS:
        counts: Counter[str] = Counter()
        for i in base:
            if passes(i, skip=facet):
                counts.update(values[i][facet])
        rows = [
            {
                "value": v,
                "label": _facet_label(ctx, facet, v),
                "count": n,
                "selected": chosen.get(facet) == v,
            }
            for v, n in counts.items()
        ]
        rows.sort(key=_facet_order(ctx, facet))
        facets[facet] = rows
    items = [statement_row(ctx, index.statements[i]) for i in hits]
    items.sort(key=lambda r: (r["date"] or dt.date.min, r["id"]), reverse=True)
    return {"total": len(items), "items": items, "facets": facets, "chosen": chosen}


def _within(s: model.Statement, date_from: dt.date | None, date_to: dt.date | None) -> bool:
    if date_from and (s.date is None or s.date < date_from):
        return False
    return not (date_to and (s.date is None or s.date > date_to))
