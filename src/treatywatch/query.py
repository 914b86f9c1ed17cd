"""The questions users ask, answered once for every interface (CLI, API, web, exports).

Each function takes a :class:`Context` (the database, its record and the rules engine) and
returns plain dicts and lists ready to print or serialise. Interfaces only format them.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, fields, is_dataclass
from functools import cached_property
from typing import TYPE_CHECKING, Any, TypeVar, cast

from treatywatch import model, registry

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine as SqlEngine

    from treatywatch.rules import Engine as RulesEngine


T = TypeVar("T")


class NotFoundError(LookupError):
    """Something the user named is not in the record; the message says what to try."""


class BadRequestError(ValueError):
    """A parameter the user gave cannot be used; the message says why."""


@dataclass
class Context:
    db: str
    record: model.Record
    _engine: SqlEngine | None = field(default=None, repr=False)
    _facts: dict[str, Any] = field(default_factory=dict, repr=False)

    @property
    def engine(self) -> SqlEngine:
        """The database's engine, made when first needed: a read command answered from
        the record's copy (store/snapshot.py) never imports SQLAlchemy."""
        if self._engine is None:
            from treatywatch.store.db import existing_engine

            self._engine = existing_engine(self.db)
        return self._engine

    @cached_property
    def rules(self) -> RulesEngine:
        from treatywatch.rules import Engine

        return Engine(self.record)

    def memo(self, key: str, build: Callable[[], T]) -> T:
        """A value computed once per record revision (a new revision is a new context).
        Bounded: past ``MEMO_LIMIT`` values (as-of questions name thousands of days) all
        are dropped and rebuilt as asked for."""
        try:
            return cast(T, self._facts[key])
        except KeyError:
            if len(self._facts) >= MEMO_LIMIT:
                self._facts.clear()
            value = self._facts[key] = build()
            return value


#: How many values a context keeps (see Context.memo).
MEMO_LIMIT = 5_000


_contexts: dict[str, Context] = {}


def open_context(db: str) -> Context:
    """A context over a built database, reused while the database is unchanged."""
    from treatywatch.store.snapshot import cached_record

    record = cached_record(db)
    eng = None
    if record is None:
        from treatywatch.store.db import existing_engine
        from treatywatch.store.read import load_record

        eng = existing_engine(db)
        record = load_record(eng)
    ctx = _contexts.get(db)
    if ctx is None or ctx.record is not record:
        ctx = Context(db=db, record=record, _engine=eng)
        _contexts[db] = ctx
    return ctx


# -- helpers -------------------------------------------------------------------------------


def cites(citations: tuple[model.Citation, ...], record: model.Record) -> list[dict[str, Any]]:
    out = []
    for c in citations:
        src = record.sources.get(c.source_id)
        out.append(
            {
                "source": c.source_id,
                "locator": c.locator,
                "title": src.title if src else None,
                "url": src.url if src else None,
                "authority": src.authority.value if src else None,
            }
        )
    return out


def participant_label(code: str) -> str:
    if code.startswith(("org:", "person:")):
        return code.split(":", 1)[1]
    try:
        return registry.get(code).name
    except registry.UnknownStateError:
        return code


def find_state(name: str) -> registry.State:
    try:
        return registry.get(registry.resolve(name))
    except registry.UnknownStateError as exc:
        raise NotFoundError(str(exc)) from None


def find_instrument(ctx: Context, name: str) -> model.Instrument:
    for inst in ctx.record.instruments.values():
        if name.casefold() in {
            inst.id.casefold(),
            inst.short_name.casefold(),
            inst.name.casefold(),
        }:
            return inst
    known = ", ".join(ctx.record.instruments)
    raise NotFoundError(f"No treaty or declaration is called {name!r}; known: {known}.")


def _plain(obj: Any) -> Any:
    if is_dataclass(obj) and not isinstance(obj, type):
        # Field by field, not asdict(): asdict deep-copies everything and this recursion
        # then walks it again, which made an as-of query spend most of its time here.
        return {f.name: _plain(getattr(obj, f.name)) for f in fields(obj)}
    if isinstance(obj, (list, tuple)):
        return [_plain(v) for v in obj]
    if isinstance(obj, dict):
        return {k: _plain(v) for k, v in obj.items()}
    if isinstance(obj, model.StrEnum):
        return obj.value
    return obj


# -- status --------------------------------------------------------------------------------

STATUS_COLUMNS = (
    "iso3",
    "state",
    "status",
    "signature",
    "consent",
    "consent_type",
    "entry_into_force",
    "withdrawal_effective",
)


def status(
    ctx: Context, treaty: str, as_of: dt.date | None = None, state: str | None = None
) -> list[dict[str, Any]]:
    """Every state's standing toward a treaty on a date (today by default)."""
    inst = find_instrument(ctx, treaty)
    iso3 = find_state(state).iso3 if state else None

    def build() -> list[dict[str, Any]]:
        rows = []
        for st in ctx.rules.status(inst.id, as_of=as_of, state=iso3):
            row = _plain(st)
            row["state"] = participant_label(row["iso3"])
            rows.append(row)
        rows.sort(key=lambda r: r["state"])
        return rows

    # The rows are the same on every day of a stretch between two changes of standing.
    key = f"status:{inst.id}:{ctx.rules.status_stretch(inst.id, as_of)}:{iso3}"
    return [dict(r) for r in ctx.memo(key, build)]


# -- states --------------------------------------------------------------------------------


def registry_row(st: registry.State) -> dict[str, Any]:
    """A state as the registry holds it: codes, names, region, and whether the depositary
    accepts its instruments."""
    return {
        "iso3": st.iso3,
        "iso2": st.iso2,
        "name": st.name,
        "formal_name": st.formal_name,
        "region": st.region,
        "subregion": st.subregion,
        "un_member": st.un_member,
        "can_deposit": st.iso3 not in registry.CANNOT_DEPOSIT,
    }


def state_story(ctx: Context, name: str) -> dict[str, Any]:
    """A state's whole story: names, groupings, actions, participation, statements, sources."""
    st = find_state(name)
    rec = ctx.record
    source_ids: set[str] = set()

    def use(citations: tuple[model.Citation, ...]) -> list[dict[str, Any]]:
        source_ids.update(c.source_id for c in citations)
        return cites(citations, rec)

    actions = [
        {
            "instrument": a.instrument,
            "action": a.kind.value,
            "date": a.date,
            "note": a.note,
            "citations": use(a.citations),
        }
        for a in rec.actions
        if a.state == st.iso3
    ]
    actions.sort(key=lambda a: (a["date"] or dt.date.max, a["instrument"]))
    participation = []
    for p in rec.participation:
        if p.participant == st.iso3:
            ev = rec.events.get(p.event)
            participation.append(
                {
                    "event": p.event,
                    "event_name": ev.name if ev else p.event,
                    "start": ev.start if ev else None,
                    "role": p.role.value,
                    "citations": use(p.citations),
                }
            )
    participation.sort(key=lambda p: (p["start"] or dt.date.max, p["event"]))
    statements = [
        {
            "id": s.id,
            "event": s.event,
            "date": s.date,
            "text": s.text,
            "topics": list(s.topics),
            "stance": s.stance.value if s.stance else None,
            "citations": use(s.citations),
        }
        for s in rec.statements
        if s.speaker == st.iso3
    ]
    obligations = [
        {
            "instrument": o.instrument,
            "obligation": o.obligation,
            "kind": o.kind,
            "date": o.date,
            "deadline": o.deadline,
            "years": o.years,
            "citations": use(o.citations),
        }
        for o in rec.obligations
        if o.state == st.iso3
    ]
    conflicts = [conflict_row(c, rec) for c in rec.conflicts if c.key.split("/")[1:2] == [st.iso3]]
    groups = [g.code for g in registry.groupings().values() if st.iso3 in g.members()]
    return {
        **registry_row(st),
        "names": list(st.aliases),
        "groupings": groups,
        "actions": actions,
        "participation": participation,
        "statements": statements,
        "obligation_facts": obligations,
        "conflicts": conflicts,
        "sources": [source_row(rec.sources[s]) for s in sorted(source_ids) if s in rec.sources],
    }


# -- events --------------------------------------------------------------------------------

EVENT_COLUMNS = ("id", "name", "kind", "instrument", "city", "country", "start", "end")


def event_row(ev: model.Event) -> dict[str, Any]:
    return {
        "id": ev.id,
        "name": ev.name,
        "kind": ev.kind.value,
        "instrument": ev.instrument,
        "city": ev.city,
        "country": ev.country,
        "start": ev.start,
        "end": ev.end,
    }


def events(
    ctx: Context, treaty: str | None = None, kind: str | None = None
) -> list[dict[str, Any]]:
    inst = find_instrument(ctx, treaty).id if treaty else None
    if kind is not None and kind not in {k.value for k in model.EventKind}:
        kinds = ", ".join(k.value for k in model.EventKind)
        raise BadRequestError(f"kind {kind!r} is not one of {kinds}.")
    rows = [
        event_row(ev)
        for ev in ctx.record.events.values()
        if (inst is None or ev.instrument == inst) and (kind is None or ev.kind.value == kind)
    ]
    rows.sort(key=lambda r: (r["start"] or dt.date.max, r["id"]))
    return rows


def event_year(row: dict[str, Any]) -> int | None:
    """The year an event took place, where the record knows it without a start day: from its
    end, else from its id (ids are slugged with their year, ``san-jose-2007``)."""
    for day in (row.get("start"), row.get("end")):
        if isinstance(day, dt.date):
            return day.year
    found = re.search(r"(?:^|-)((?:19|20)\d\d)(?:-|$)", str(row.get("id") or ""))
    return int(found.group(1)) if found else None


def event_detail(ctx: Context, event_id: str) -> dict[str, Any]:
    rec = ctx.record
    ev = rec.events.get(event_id)
    if ev is None:
        raise NotFoundError(f"No event has the id {event_id!r}; `treatywatch events` lists them.")
    participants = [
        {
            "participant": p.participant,
            "name": participant_label(p.participant),
            "role": p.role.value,
            "citations": cites(p.citations, rec),
        }
        for p in rec.participation
        if p.event == event_id
    ]
    participants.sort(key=lambda p: (p["role"], p["name"]))
    statements = [
        {
            "id": s.id,
            "speaker": s.speaker,
            "speaker_name": participant_label(s.speaker),
            "date": s.date,
            "text": s.text,
            "topics": list(s.topics),
            "stance": s.stance.value if s.stance else None,
            "citations": cites(s.citations, rec),
        }
        for s in rec.statements
        if s.event == event_id
    ]
    claims = [
        {
            "property": c.property,
            "as_of": c.as_of,
            "quantity": c.quantity,
            "unit": c.unit,
            "text": c.text,
            "citations": cites(c.citations, rec),
        }
        for c in rec.claims
        if c.subject == event_id
    ]
    conflicts = [conflict_row(c, rec) for c in rec.conflicts if c.key.split("/")[0] == event_id]
    return {
        **event_row(ev),
        "note": ev.note,
        "citations": cites(ev.citations, rec),
        "participants": participants,
        "statements": statements,
        "claims": claims,
        "conflicts": conflicts,
    }


# -- sources and conflicts -----------------------------------------------------------------

SOURCE_COLUMNS = ("id", "authority", "title", "publisher", "url", "published", "retrieved")


def source_row(src: model.Source) -> dict[str, Any]:
    return {
        "id": src.id,
        "authority": src.authority.value,
        "title": src.title,
        "publisher": src.publisher,
        "url": src.url,
        "sha256": src.sha256,
        "published": src.published,
        "retrieved": src.retrieved,
    }


def sources(ctx: Context, fact: str | None = None, q: str | None = None) -> list[dict[str, Any]]:
    """All sources, or those behind one fact (``action:12``, ``event:lima-2007``, ...);
    with ``q``, those whose id, title, publisher or address holds every word of it."""
    rec = ctx.record
    if fact is None:
        rows = [source_row(s) for s in rec.sources.values()]
        return [r for r in rows if _source_matches(r, q)] if q else rows
    citations = fact_citations(ctx, fact)
    rows = []
    for c in citations:
        src = rec.sources.get(c.source_id)
        if src is not None:
            rows.append({**source_row(src), "locator": c.locator})
    return rows


def _source_matches(row: dict[str, Any], q: str) -> bool:
    haystack = " ".join(str(row[k] or "") for k in ("id", "title", "publisher", "url")).casefold()
    return all(t in haystack for t in q.casefold().split())


def fact_citations(ctx: Context, fact: str) -> tuple[model.Citation, ...]:
    """The sources of one stored fact (its id is the database's, so the database is asked;
    a SQLite file through the standard library, as read commands do, see store/snapshot.py)."""
    fact_type, _, fact_id = fact.partition(":")
    if not fact_id:
        raise BadRequestError(
            f"fact {fact!r} should look like TYPE:ID, e.g. action:12 or event:lima-2007."
        )
    from treatywatch.store.snapshot import citations_of

    rows = citations_of(ctx.db, fact_type, fact_id)
    if rows is None:
        from sqlalchemy import select

        from treatywatch.store import schema as s

        with ctx.engine.connect() as conn:
            rows = [
                (r.source, r.locator)
                for r in conn.execute(
                    select(s.citation.c.source, s.citation.c.locator)
                    .where(s.citation.c.fact_type == fact_type, s.citation.c.fact_id == fact_id)
                    .order_by(s.citation.c.id)
                )
            ]
    if not rows:
        raise NotFoundError(f"No fact {fact!r} is in the record.")
    return tuple(model.Citation(source, locator) for source, locator in rows)


def conflict_row(c: model.Conflict, rec: model.Record) -> dict[str, Any]:
    """A conflict with its variants; ``chosen`` marks the value the rest of the site shows."""
    chosen = chosen_variant(c)
    return {
        "fact_type": c.fact_type,
        "key": c.key,
        "field": c.field,
        "variants": [
            {"value": v.value, "citations": cites(v.citations, rec), "chosen": i == chosen}
            for i, v in enumerate(c.variants)
        ],
    }


def chosen_variant(c: model.Conflict) -> int:
    """Which of a conflict's variants the views and the rules take: the record lists them
    in order of preference (the value its independent sources hold most strongly,
    ``model.preference``), so the first."""
    return 0


def conflicts(ctx: Context) -> list[dict[str, Any]]:
    return [conflict_row(c, ctx.record) for c in ctx.record.conflicts]


# -- statements ----------------------------------------------------------------------------


#: Statement topics (model.TOPICS) as a reader names them.
TOPIC_LABELS = {
    "universalisation": "Universalisation",
    "victim-assistance": "Victim assistance",
    "clearance": "Clearance",
    "stockpile-destruction": "Stockpile destruction",
    "transparency": "Transparency",
    "compliance": "Compliance",
    "cooperation-assistance": "Cooperation and assistance",
    "ccw-protocol": "CCW protocol (Convention on Certain Conventional Weapons)",
    "interoperability": "Interoperability",
    "national-implementation": "National implementation",
    "use-of-cluster-munitions": "Use of cluster munitions",
}


def topic_label(topic: str) -> str:
    return TOPIC_LABELS.get(topic) or topic.replace("-", " ").capitalize()


# -- treaties, states tables, series and obligations (API, pages, exports) ------------------

#: The status of a state that has taken no step toward a treaty on the date asked.
NOT_JOINED = "not_joined"
#: The status of an entity that cannot join: the depositary accepts no instrument from it
#: (``registry.CANNOT_DEPOSIT``), and it has taken no step either.
CANNOT_DEPOSIT = "cannot_deposit"
STATUS_ORDER = (
    "state_party", "not_in_force_yet", "signatory", "withdrawn", NOT_JOINED, CANNOT_DEPOSIT,
)  # fmt: skip
STATES_COLUMNS = ("iso3", "state", "region", "subregion", *STATUS_COLUMNS[2:])


def treaty_row(inst: model.Instrument, rec: model.Record) -> dict[str, Any]:
    return {
        "id": inst.id,
        "name": inst.name,
        "short_name": inst.short_name,
        "kind": inst.kind.value,
        "adopted": inst.adopted,
        "opened_for_signature": inst.opened_for_signature,
        "entered_into_force": inst.entered_into_force,
        "depositary": inst.depositary,
        "rules": inst.rules,
        "citations": cites(inst.citations, rec),
    }


def treaties(ctx: Context) -> list[dict[str, Any]]:
    """Every treaty and declaration the record follows, treaties first."""
    rows = [treaty_row(i, ctx.record) for i in ctx.record.instruments.values()]
    rows.sort(key=lambda r: (r["kind"] != "treaty", r["adopted"] or dt.date.max))
    return rows


def status_counts(ctx: Context, treaty: str, as_of: dt.date | None = None) -> dict[str, int]:
    """How many states stand in each status toward a treaty on a date.

    Counted over every state in the registry, as :func:`states` lists them, so that each
    count is the length of the list its link opens (``not_joined`` includes the states that
    never acted as well as those whose only act, e.g. adopting the text, is no consent;
    ``cannot_deposit`` counts apart the entities the depositary accepts no instrument from).
    """
    return count_statuses(states(ctx, treaty, as_of))


def count_statuses(rows: Iterable[dict[str, Any]]) -> dict[str, int]:
    """How many of ``rows`` (as :func:`states` gives them) stand in each status, in
    :data:`STATUS_ORDER`."""
    counts = dict.fromkeys(STATUS_ORDER, 0)
    for row in rows:
        counts[row["status"]] = counts.get(row["status"], 0) + 1
    return counts


def states(
    ctx: Context,
    treaty: str = "CCM",
    as_of: dt.date | None = None,
    status_is: str | None = None,
    region: str | None = None,
    grouping: str | None = None,
) -> list[dict[str, Any]]:
    """Every state in the registry with its standing toward ``treaty`` on ``as_of``.

    States that have taken no step have status ``not_joined``. ``region`` matches a UN region
    or sub-region; ``grouping`` is a grouping code or name, with membership as of the date.
    """
    by_state = {r["iso3"]: r for r in status(ctx, treaty, as_of)}
    members: set[str] | None = None
    if grouping:
        try:
            members = set(registry.grouping(grouping).members(as_of))
        except LookupError as exc:
            raise BadRequestError(str(exc).strip("'\"")) from None
    known = set(STATUS_ORDER) | {r["status"] for r in by_state.values()}
    if status_is is not None and status_is not in known:
        raise BadRequestError(f"status {status_is!r} is not one of {', '.join(sorted(known))}.")
    want_region = region.casefold() if region else None
    rows = []
    for st in registry.all_states():
        if members is not None and st.iso3 not in members:
            continue
        if want_region and want_region not in (st.region.casefold(), st.subregion.casefold()):
            continue
        row = by_state.get(st.iso3)
        out: dict[str, Any] = {
            "iso3": st.iso3,
            "state": st.name,
            "region": st.region,
            "subregion": st.subregion,
        }
        for col in STATUS_COLUMNS[2:]:
            out[col] = row.get(col) if row else None
        if row:
            out["status"] = row["status"]
        else:
            out["status"] = CANNOT_DEPOSIT if st.iso3 in registry.CANNOT_DEPOSIT else NOT_JOINED
        if status_is is not None and out["status"] != status_is:
            continue
        rows.append(out)
    rows.sort(key=lambda r: r["state"])
    return rows


def regions() -> list[str]:
    return sorted({s.region for s in registry.all_states()})


def parties_series(ctx: Context, treaty: str) -> list[dict[str, Any]]:
    """The treaty's counts over time (parties, signatories, ...), one point per change."""
    inst = find_instrument(ctx, treaty)
    points = [_plain(p) for p in ctx.rules.series(inst.id)]
    return [p if isinstance(p, dict) else {"value": p} for p in points]


def obligations(
    ctx: Context,
    treaty: str | None = None,
    as_of: dt.date | None = None,
    state: str | None = None,
    obligation: str | None = None,
    status: str | None = None,
) -> list[dict[str, Any]]:
    """Obligations computed by the treaties' rules, with due dates and status on ``as_of``;
    only those of one state, one obligation or one status when given."""
    iso3 = find_state(state).iso3 if state else None
    wanted = _obligation_filter(obligation, status)
    insts = [find_instrument(ctx, treaty)] if treaty else _treaty_instruments(ctx)
    rows = []
    for inst in insts:
        for ob in ctx.rules.obligations(inst.id, as_of=as_of, state=iso3):
            if not wanted(ob):
                continue
            row = _plain(ob)
            row.setdefault("instrument", inst.id)
            if "state" in row and isinstance(row["state"], str):
                row.setdefault("state_name", participant_label(row["state"]))
            rows.append(row)
    return rows


def deadlines(
    ctx: Context,
    treaty: str | None = None,
    within_days: int = 365,
    as_of: dt.date | None = None,
    overdue: bool = False,
    state: str | None = None,
    obligation: str | None = None,
    status: str | None = None,
) -> list[dict[str, Any]]:
    """Obligations falling due within ``within_days`` of ``as_of``, or already overdue;
    only those of one state, one obligation or one status when given."""
    if within_days < 0:
        raise BadRequestError(f"within_days {within_days} must be zero or more.")
    iso3 = find_state(state).iso3 if state else None
    wanted = _obligation_filter(obligation, status)
    insts = [find_instrument(ctx, treaty)] if treaty else _treaty_instruments(ctx)
    rows = []
    for inst in insts:
        found = (
            ctx.rules.overdue(inst.id, as_of=as_of)
            if overdue
            else ctx.rules.due_within(inst.id, within_days, as_of=as_of)
        )
        for ob in found:
            if (iso3 is not None and ob.state != iso3) or not wanted(ob):
                continue
            row = _plain(ob)
            row.setdefault("instrument", inst.id)
            if "state" in row and isinstance(row["state"], str):
                row.setdefault("state_name", participant_label(row["state"]))
            rows.append(row)
    return rows


def _treaty_instruments(ctx: Context) -> list[model.Instrument]:
    return [i for i in ctx.record.instruments.values() if i.kind is model.InstrumentKind.TREATY]


def _obligation_filter(obligation: str | None, status: str | None) -> Callable[[Any], bool]:
    """Whether an engine's obligation is of the kind and status asked for (either may be
    None for any). Each is checked against the values the rules have: an unknown one is an
    error, not an empty list that would read as "nothing is due"."""
    if obligation is not None and obligation not in COMPLIANCE_OBLIGATIONS:
        known = ", ".join(COMPLIANCE_OBLIGATIONS)
        raise BadRequestError(f"obligation {obligation[:40]!r} is not one of {known}.")
    if status is not None and status not in OBLIGATION_STATUSES:
        known = ", ".join(OBLIGATION_STATUSES)
        raise BadRequestError(f"status {status[:40]!r} is not one of {known}.")

    def wanted(ob: Any) -> bool:
        return (obligation is None or ob.obligation == obligation) and (
            status is None or ob.status.value == status
        )

    return wanted


# -- compliance: states by obligation on a date ---------------------------------------------

#: The obligations the compliance view shows, one column each, in this order.
COMPLIANCE_OBLIGATIONS = (
    "stockpile_destruction",
    "clearance",
    "transparency_initial",
    "transparency_annual",
)
ANNUAL_REPORT = "transparency_annual"
#: Obligation statuses, worst first: the order counts and legends use.
OBLIGATION_STATUSES = (
    "overdue",
    "unknown",
    "extended",
    "pending",
    "met-late",
    "met",
    "not-applicable",
)
#: A report with one of these statuses was received, by the record's facts.
RECEIVED = frozenset({"met", "met-late"})
#: Claims in which sources state reporting rates (subject: the treaty id).
REPORTING_CLAIMS = ("annual_reporting_rate", "annual_reports_submitted")
#: One row per state and obligation: the compliance matrix as a table (CSV, JSON, XLSX).
COMPLIANCE_COLUMNS = (
    "as_of",
    "instrument",
    "iso3",
    "state",
    "region",
    "obligation",
    "article",
    "year",
    "status",
    "due",
    "original_due",
    "completed",
    "extensions",
    "basis",
    "sources",
    "locators",
    "link",
)


def _state_labels(ctx: Context) -> dict[str, tuple[str, str]]:
    """iso3 -> (name, region), once per record revision."""
    return ctx.memo(
        "compliance:labels", lambda: {s.iso3: (s.name, s.region) for s in registry.all_states()}
    )


def _compliance_instruments(ctx: Context, treaty: str | None) -> list[model.Instrument]:
    with_rules = [i for i in _treaty_instruments(ctx) if i.rules]
    if not treaty:
        return with_rules
    try:
        inst = find_instrument(ctx, treaty)
    except NotFoundError:
        known = ", ".join(i.id for i in with_rules)
        raise BadRequestError(f"treaty {treaty!r} is not one of {known}.") from None
    if inst not in with_rules:
        known = ", ".join(i.id for i in with_rules)
        raise BadRequestError(
            f"{inst.id} has no obligations the rules compute; treaty must be one of {known}."
        )
    return [inst]


def compliance(
    ctx: Context,
    treaty: str | None = None,
    as_of: dt.date | None = None,
    state: str | None = None,
    reporting: bool = True,
) -> dict[str, Any]:
    """States by obligation on ``as_of`` (today), for one treaty or every treaty with rules.

    Each row is a state under a treaty with one cell per obligation of
    :data:`COMPLIANCE_OBLIGATIONS` (None where the rules compute none: stockpile destruction
    and clearance apply only where the record holds a fact); the annual-report cell is the
    latest report due on or before ``as_of``, else the next one due. ``counts`` tally the
    cells per obligation and status. With ``reporting``, ``reporting`` has per treaty the
    annual reports by the year they cover as the record shows them (``computed``) and, apart
    from them, the figures the sources state (``stated``, from claims).
    """
    day = as_of or dt.date.today()
    insts = _compliance_instruments(ctx, treaty)
    iso3 = find_state(state).iso3 if state else None
    row_for = _row_cache(ctx)
    rows: list[dict[str, Any]] = []
    counts: dict[str, dict[str, dict[str, int]]] = {}
    reach: dict[str, list[dict[str, Any]]] = {}
    series: dict[str, dict[str, Any]] = {}
    for inst in insts:
        tally = {o: dict.fromkeys(OBLIGATION_STATUSES, 0) for o in COMPLIANCE_OBLIGATIONS}
        for code, held in ctx.rules.compliance_by_state(inst.id, day, iso3):
            row, marks = row_for(inst.id, code, held)
            rows.append(row)
            for obligation, status in marks:
                tally[obligation][status] += 1
        counts[inst.id] = tally
        reach[inst.id] = coverage(ctx, inst.id, day)
        if reporting:
            series[inst.id] = {
                "computed": _reporting_series(ctx, inst.id, day, iso3),
                "stated": _stated_rates(ctx, inst.id),
            }
    rows.sort(key=lambda r: (r["state"], r["instrument"]))
    return {
        "as_of": day,
        "treaties": [i.id for i in insts],
        "state": iso3,
        "obligations": list(COMPLIANCE_OBLIGATIONS),
        "statuses": list(OBLIGATION_STATUSES),
        "counts": counts,
        "coverage": reach,
        "rows": rows,
        "reporting": series,
    }


def coverage(ctx: Context, treaty: str, as_of: dt.date | None = None) -> list[dict[str, Any]]:
    """How far the record of each obligation of ``treaty`` is complete (data/coverage.yaml),
    and whether it reaches ``as_of``: only there may the engine say "overdue"."""
    from treatywatch.rules.coverage import reach

    inst = find_instrument(ctx, treaty)
    day = as_of or dt.date.today()
    out: list[dict[str, Any]] = []
    for c in ctx.record.coverage:
        if c.instrument != inst.id:
            continue
        r = reach(c, ctx.record.events)
        out.append(
            {
                "obligation": c.part,
                "complete_through": c.complete_through,
                "through_event": c.through_event,
                "next_meeting": c.next_meeting,
                "reaches_as_of": r.reaches(day),
                "basis": c.basis,
            }
        )
    order = {name: i for i, name in enumerate(COMPLIANCE_OBLIGATIONS)}
    out.sort(key=lambda c: order.get(str(c["obligation"]), len(order)))
    return out


_Marks = tuple[tuple[str, str], ...]


def _row_cache(ctx: Context) -> Any:
    """A function from a state's engine answers to its row of the compliance view and the
    (obligation, status) pairs it adds to the counts, remembered per record revision by the
    answers' identity: the engine hands the same tuple on every day a state's answer holds,
    so a view asked on every date of a series builds a row only where something changed."""
    memo: dict[int, tuple[Any, dict[str, Any], _Marks]] = ctx.memo("compliance:rows", dict)
    labels = _state_labels(ctx)
    cell = _cell_cache(ctx)

    def row_for(instrument: str, code: str, held: tuple[Any, ...]) -> tuple[dict[str, Any], _Marks]:
        hit = memo.get(id(held))
        if hit is not None and hit[0] is held:
            return hit[1], hit[2]
        # The engine gives one answer per state and obligation.
        by_obligation: dict[str, dict[str, Any] | None] = dict.fromkeys(COMPLIANCE_OBLIGATIONS)
        for ob in held:
            by_obligation[ob.obligation] = cell(ob)
        name, region = labels.get(code) or (participant_label(code), None)
        row = {
            "instrument": instrument,
            "iso3": code,
            "state": name,
            "region": region,
            "link": f"/states/{code}#obligations",
            "cells": by_obligation,
        }
        marks = tuple((o, c["status"]) for o, c in by_obligation.items() if c is not None)
        if len(memo) > _CELL_MEMO_LIMIT:
            memo.clear()
        memo[id(held)] = (held, row, marks)
        return row, marks

    return row_for


def _cell_cache(ctx: Context) -> Any:
    """A function from an engine result to its cell, remembered per record revision: the
    engine hands the same result on every day its status holds, so a view asked on many
    dates builds each cell once. Keyed by identity (the result is kept, so its id stays its
    own), as hashing a result would cost more than building the cell."""
    memo: dict[int, tuple[Any, dict[str, Any]]] = ctx.memo("compliance:cells", dict)
    sources: dict[tuple[model.Citation, ...], list[dict[str, Any]]] = {}
    rec = ctx.record

    def cell(ob: Any) -> dict[str, Any]:
        hit = memo.get(id(ob))
        if hit is not None and hit[0] is ob:
            return hit[1]
        facts = sources.get(ob.facts)
        if facts is None:
            facts = sources[ob.facts] = cites(ob.facts, rec)
        built = {
            "status": ob.status.value,
            "due": ob.due,
            "year": ob.year,
            "article": ob.article,
            "basis": ob.basis,
            "original_due": ob.original_due,
            "completed": ob.completed,
            "extensions": ob.extensions,
            "facts": facts,
            "issues": ob.issues,
        }
        if len(memo) > _CELL_MEMO_LIMIT:
            memo.clear()
        memo[id(ob)] = (ob, built)
        return built

    return cell


_CELL_MEMO_LIMIT = 100_000


def _reporting_series(
    ctx: Context, instrument: str, day: dt.date, state: str | None
) -> list[dict[str, Any]]:
    """Per year covered, the annual reports as the record shows them on ``day``: how many
    were required, due by then, received, overdue, unknown and pending. ``rate`` is the
    share received where the record says for every report due (no ``unknown``), else None;
    ``rate_on_record`` the share the record shows received whatever the unknowns (a floor)."""
    years: dict[int, Counter[str]] = defaultdict(Counter)
    for ob in ctx.rules.obligations(instrument, day, state):
        if ob.obligation != ANNUAL_REPORT or ob.year is None or ob.due is None:
            continue
        tally = years[ob.year]
        tally["required"] += 1
        status = ob.status.value
        if ob.due <= day:
            tally["due"] += 1
            tally["received_due"] += status in RECEIVED
        tally["received"] += status in RECEIVED
        tally[status] += 1
    out = []
    for year in sorted(years):
        t = years[year]
        on_record = round(t["received_due"] / t["due"], 4) if t["due"] else None
        out.append(
            {
                "year": year,
                "required": t["required"],
                "due": t["due"],
                "received": t["received"],
                "overdue": t["overdue"],
                "unknown": t["unknown"],
                "pending": t["pending"],
                "rate": on_record if t["unknown"] == 0 else None,
                "rate_on_record": on_record,
            }
        )
    return out


def _stated_rates(ctx: Context, instrument: str) -> list[dict[str, Any]]:
    """The reporting figures the sources state (claims), with the year the reports they count
    cover: that of the latest annual due date on or before the claim's ``as_of``."""

    def build() -> list[dict[str, Any]]:
        annual = ctx.rules.rules(instrument).annual  # the view lists treaties with rules only
        out = []
        for c in ctx.record.claims:
            if c.subject != instrument or c.property not in REPORTING_CLAIMS:
                continue
            year = None
            if c.as_of is not None and annual is not None:
                due_passed = (c.as_of.month, c.as_of.day) >= (annual.month, annual.day)
                year = c.as_of.year - (1 if due_passed else 2)
            out.append(
                {
                    "property": c.property,
                    "as_of": c.as_of,
                    "year": year,
                    "quantity": c.quantity,
                    "unit": c.unit,
                    "text": c.text,
                    "citations": cites(c.citations, ctx.record),
                }
            )
        out.sort(key=lambda r: (r["as_of"] or dt.date.min, r["property"]))
        return out

    return ctx.memo(f"compliance:stated:{instrument}", build)


def compliance_rows(view: dict[str, Any]) -> list[dict[str, Any]]:
    """The compliance matrix as a table: one row per state and obligation that applies."""
    out = []
    for r in view["rows"]:
        for col in COMPLIANCE_OBLIGATIONS:
            c = r["cells"].get(col)
            if c is None:
                continue
            out.append(
                {
                    "as_of": view["as_of"],
                    "instrument": r["instrument"],
                    "iso3": r["iso3"],
                    "state": r["state"],
                    "region": r["region"],
                    "obligation": col,
                    "article": c["article"],
                    "year": c["year"],
                    "status": c["status"],
                    "due": c["due"],
                    "original_due": c["original_due"],
                    "completed": c["completed"],
                    "extensions": c["extensions"],
                    "basis": c["basis"],
                    "sources": "; ".join(f["source"] for f in c["facts"]),
                    "locators": "; ".join(f["locator"] or "" for f in c["facts"]),
                    "link": r["link"],
                }
            )
    return out
