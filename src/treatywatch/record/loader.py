"""Load the curated record from ``data/``, validating every row.

Every problem found is reported with its file and line; if there is any, nothing is
returned, so a build never stores half a record.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from operator import attrgetter
from pathlib import Path
from typing import Any, TypeVar

from treatywatch import model, registry
from treatywatch.record.conflicts import find_conflicts, ordered_values, rank
from treatywatch.record.derive import implied_acts
from treatywatch.record.rows import (
    Problem,
    Row,
    files,
    read_csv,
    read_yaml_list,
    read_yaml_mapping,
)

E = TypeVar("E")

SOURCE_COLUMNS = (
    "id",
    "authority",
    "title",
    "publisher",
    "url",
    "sha256",
    "published",
    "retrieved",
)
ACTION_COLUMNS = ("instrument", "state", "action", "date", "source", "locator", "note")
EVENT_COLUMNS = (
    "id", "name", "kind", "instrument", "city", "country", "start", "end", "source", "locator",
    "note",
)  # fmt: skip
PARTICIPATION_COLUMNS = ("event", "participant", "role", "source", "locator")
CLAIM_COLUMNS = ("subject", "property", "quantity", "unit", "text", "source", "locator")
#: Columns a file may leave out: a count's date is known for some claims only.
OPTIONAL_COLUMNS = {"claim": ("as_of",), "obligation": ("scope", "event", "document")}
OBLIGATION_COLUMNS = (
    "instrument", "state", "obligation", "kind", "date", "deadline", "years", "source", "locator",
    "note",
)  # fmt: skip

REPORT_COLUMNS = ("instrument", "state", "report", "year", "status", "date", "source", "locator")
OPTIONAL_COLUMNS["report"] = ("note",)

OBLIGATIONS = frozenset({"stockpile_destruction", "clearance"})
OBLIGATION_KINDS = model.OBLIGATION_KINDS
#: The keys of one part's entry under ``obligations:`` in coverage.yaml.
COVERAGE_KEYS = frozenset({"complete_through", "through_event", "next_meeting", "basis"})
_SLUG = re.compile(r"^[a-z0-9][a-z0-9-]*$")
_SHA256 = re.compile(r"^[0-9a-f]{64}$")
_ORG = re.compile(r"^org:[A-Za-z0-9&.\- ]+$")
_PERSON = re.compile(r"^person:\S.*$")


class RecordError(ValueError):
    """The record has problems; each names its file and line."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        shown = "\n".join(f"  {p}" for p in problems[:50])
        more = f"\n  ... and {len(problems) - 50} more" if len(problems) > 50 else ""
        super().__init__(f"The record has {len(problems)} problem(s):\n{shown}{more}")


class _Checker:
    """Validates single values, turning each failure into a Problem with file and line."""

    def __init__(self, today: dt.date) -> None:
        self.today = today

    def required(self, row: Row, column: str) -> str:
        value = row.values.get(column)
        if value is None or str(value).strip() == "":
            raise Problem(row.where(), f"{column} is empty")
        return str(value).strip()

    def date(self, row: Row, column: str, *, required: bool = False) -> dt.date | None:
        raw = row.values.get(column)
        if raw is None or str(raw).strip() == "":
            if required:
                raise Problem(row.where(), f"{column} is empty")
            return None
        if isinstance(raw, dt.date):
            value = raw
        else:
            try:
                value = dt.date.fromisoformat(str(raw).strip())
            except ValueError:
                raise Problem(
                    row.where(), f"{column} {raw!r} is not a date of the form YYYY-MM-DD"
                ) from None
        if value > self.today:
            raise Problem(row.where(), f"{column} {value} lies in the future")
        return value

    def choice(self, row: Row, column: str, allowed: Iterable[str]) -> str:
        value = self.required(row, column)
        options = sorted(allowed)
        if value not in options:
            raise Problem(row.where(), f"{column} {value!r} is not one of {', '.join(options)}")
        return value

    def state(self, row: Row, column: str) -> str:
        name = self.required(row, column)
        try:
            return registry.resolve(name)
        except registry.UnknownStateError as exc:
            raise Problem(row.where(), f"{column}: {exc}") from None

    def participant(self, row: Row, column: str) -> str:
        value = self.required(row, column)
        if _ORG.match(value) or _PERSON.match(value):
            return value
        return self.state(row, column)


class Loader:
    def __init__(self, data_dir: Path, today: dt.date | None = None) -> None:
        self.data_dir = data_dir
        self.check = _Checker(today or dt.date.today())
        self.problems: list[Problem] = []
        #: Whole files that could not be read: every row citing what they define would
        #: fail after them, so loading stops at the first stage that has one.
        self.unreadable: list[Problem] = []
        self.record = model.Record()
        #: Statement ids read so far: a record of thousands of statements checks each new
        #: id against a set, not by scanning the list.
        self._statement_ids: set[str] = set()

    # -- helpers ---------------------------------------------------------------------------

    def _each(self, rows: Iterable[Row], build: Callable[[Row], None]) -> None:
        try:
            for row in rows:
                try:
                    build(row)
                except Problem as problem:
                    self.problems.append(problem)
        except Problem as problem:  # a whole file is unreadable (header, YAML syntax)
            self.problems.append(problem)
            self.unreadable.append(problem)

    def _citation(self, row: Row) -> model.Citation:
        source = self.check.required(row, "source")
        if source not in self.record.sources:
            raise Problem(row.where(), f"source {source!r} is not in data/sources/")
        return model.Citation(source, str(row.values.get("locator") or "").strip())

    def _instrument(self, row: Row, column: str, *, required: bool = True) -> str | None:
        value = str(row.values.get(column) or "").strip()
        if not value and not required:
            return None
        value = self.check.required(row, column)
        if value not in self.record.instruments:
            known = ", ".join(self.record.instruments)
            raise Problem(row.where(), f"{column} {value!r} is not an instrument ({known})")
        return value

    # -- loading ---------------------------------------------------------------------------

    def load(self) -> model.Record:
        d = self.data_dir
        if not d.is_dir():
            raise RecordError([Problem(str(d), "the data folder does not exist")])
        for path in files(d / "sources", (".csv",)):
            self._each(read_csv(path, SOURCE_COLUMNS), self._source)
        instruments = d / "instruments.yaml"
        if instruments.exists():
            self._each(read_yaml_list(instruments), self._instrument_row)
        else:
            self.problems.append(Problem(str(instruments), "file is missing"))
        self._stop_if_unreadable()
        self._merged(d / "events", EVENT_COLUMNS, self._event_row, "event")
        self._stop_if_unreadable()
        self._merged(d / "actions", ACTION_COLUMNS, self._action_row, "action")
        self._merged(
            d / "participation", PARTICIPATION_COLUMNS, self._participation_row, "participation"
        )
        self._merged(d / "claims", CLAIM_COLUMNS, self._claim_row, "claim")
        self._merged(d / "obligations", OBLIGATION_COLUMNS, self._obligation_row, "obligation")
        self._merged(d / "reports", REPORT_COLUMNS, self._report_row, "report")
        coverage = d / "coverage.yaml"
        if coverage.exists():
            self._each(self._coverage_rows(coverage), self._coverage_row)
        for path in files(d / "statements", (".yaml", ".yml")):
            self._each(read_yaml_list(path), self._statement_row)
        if self.problems:
            raise RecordError(self.problems)
        self._finish()
        return self.record

    def _stop_if_unreadable(self) -> None:
        if self.unreadable:
            raise RecordError(self.unreadable)

    def _source(self, row: Row) -> None:
        c = self.check
        sid = c.required(row, "id")
        if not _SLUG.match(sid):
            raise Problem(
                row.where(), f"source id {sid!r} must be lower-case letters, digits and -"
            )
        if sid in self.record.sources:
            raise Problem(row.where(), f"source id {sid!r} is defined twice")
        url = row.values["url"] or None
        sha = (row.values["sha256"] or "").lower() or None
        if not url and not sha:
            raise Problem(row.where(), "a source needs a url or a sha256")
        if url and not url.startswith(("http://", "https://")):
            raise Problem(row.where(), f"url {url!r} is not an http(s) address")
        if sha and not _SHA256.match(sha):
            raise Problem(row.where(), "sha256 must be 64 hexadecimal digits")
        self.record.sources[sid] = model.Source(
            id=sid,
            title=c.required(row, "title"),
            publisher=c.required(row, "publisher"),
            authority=model.Authority(c.choice(row, "authority", model.Authority)),
            url=url,
            sha256=sha,
            published=c.date(row, "published"),
            retrieved=c.date(row, "retrieved"),
        )

    def _instrument_row(self, row: Row) -> None:
        c = self.check
        iid = c.required(row, "id")
        if iid in self.record.instruments:
            raise Problem(row.where(), f"instrument {iid!r} is defined twice")
        adopted = c.date(row, "adopted")
        opened = c.date(row, "opened_for_signature")
        if adopted and opened and opened < adopted:
            raise Problem(row.where(), "opened_for_signature is before adopted")
        in_force = c.date(row, "entered_into_force")
        if in_force and adopted and in_force < adopted:
            raise Problem(row.where(), "entered_into_force is before adopted")
        self.record.instruments[iid] = model.Instrument(
            id=iid,
            name=c.required(row, "name"),
            short_name=c.required(row, "short_name"),
            kind=model.InstrumentKind(c.choice(row, "kind", model.InstrumentKind)),
            adopted=adopted,
            opened_for_signature=opened,
            depositary=row.values.get("depositary") or None,
            rules=row.values.get("rules") or None,
            citations=(self._citation(row),),
            entered_into_force=in_force,
            implied_by=self._implication(row),
        )

    def _implication(self, row: Row) -> model.Implication | None:
        spec = row.values.get("implied_by")
        if spec is None:
            return None
        if not isinstance(spec, dict):
            raise Problem(row.where(), "implied_by must be a mapping")
        missing = sorted(set(model.Implication.KEYS) - spec.keys())
        if missing:
            raise Problem(row.where(), f"implied_by lacks {', '.join(missing)}")
        kinds = {k.value for k in model.ActionKind}
        for key in ("action", "implies"):
            if spec[key] not in kinds:
                raise Problem(row.where(), f"implied_by {key} {spec[key]!r} is not an action")
        if spec["source"] not in self.record.sources:
            raise Problem(row.where(), f"implied_by source {spec['source']!r} is not known")
        return model.Implication.from_mapping(spec)

    def _merged(
        self,
        folder: Path,
        columns: tuple[str, ...],
        build: Callable[[Row], tuple[tuple[Any, ...], Any]],
        label: str,
    ) -> None:
        """Rows that state the same fact with the same value merge into one fact with
        several citations; the same fact from the same source twice is a duplicate."""
        seen: dict[tuple[Any, ...], tuple[Row, set[str]]] = {}
        facts: dict[tuple[Any, ...], Any] = {}

        def one(row: Row) -> None:
            identity, fact = build(row)
            citation = fact.citations[0]
            if identity in seen:
                first, cited = seen[identity]
                if citation.source_id in cited:
                    raise Problem(
                        row.where(), f"duplicate {label}: the same as {first.where()}, same source"
                    )
                cited.add(citation.source_id)
                existing = facts[identity]
                facts[identity] = _with_citation(existing, citation)
            else:
                seen[identity] = (row, {citation.source_id})
                facts[identity] = fact

        for path in files(folder, (".csv",)):
            self._each(read_csv(path, columns, OPTIONAL_COLUMNS.get(label, ())), one)
        target = {
            "event": None,
            "action": self.record.actions,
            "participation": self.record.participation,
            "claim": self.record.claims,
            "obligation": self.record.obligations,
            "report": self.record.reports,
        }[label]
        if label == "event":
            self._events_from(facts.values())
        elif target is not None:
            target.extend(facts.values())

    def _events_from(self, events: Iterable[model.Event]) -> None:
        by_id: dict[str, list[model.Event]] = defaultdict(list)
        for event in events:
            by_id[event.id].append(event)
        sources = self.record.sources
        for eid, variants in by_id.items():
            self.record.events[eid] = _agreed(variants, sources)
            if len(variants) > 1:
                for field in ("start", "end", "city", "name", "country", "kind"):
                    values = ordered_values(variants, attrgetter(field), sources)
                    # A source that leaves a value out (no days given) does not disagree.
                    given = [(v, c) for v, c in values if v is not None]
                    if len(given) > 1:
                        self.record.conflicts.append(
                            model.Conflict(
                                "event",
                                eid,
                                field,
                                tuple(model.Variant(str(v), c) for v, c in given),
                            )
                        )

    def _event_row(self, row: Row) -> tuple[tuple[Any, ...], model.Event]:
        c = self.check
        eid = c.required(row, "id")
        if not _SLUG.match(eid):
            raise Problem(row.where(), f"event id {eid!r} must be lower-case letters, digits and -")
        start, end = c.date(row, "start"), c.date(row, "end")
        if start and end and end < start:
            raise Problem(row.where(), f"end {end} is before start {start}")
        country = c.state(row, "country") if row.values["country"] else None
        event = model.Event(
            id=eid,
            name=c.required(row, "name"),
            kind=model.EventKind(c.choice(row, "kind", model.EventKind)),
            instrument=self._instrument(row, "instrument", required=False),
            city=row.values["city"] or None,
            country=country,
            start=start,
            end=end,
            citations=(self._citation(row),),
            note=row.values["note"],
        )
        identity = (eid, event.name, event.kind, event.city, country, start, end)
        return identity, event

    def _action_row(self, row: Row) -> tuple[tuple[Any, ...], model.Action]:
        c = self.check
        instrument = self._instrument(row, "instrument")
        assert instrument is not None
        kind = model.ActionKind(c.choice(row, "action", model.ActionKind))
        date = c.date(row, "date")
        inst = self.record.instruments[instrument]
        earliest = inst.adopted
        if kind is model.ActionKind.SIGNATURE and inst.opened_for_signature:
            earliest = inst.opened_for_signature
        if date and earliest and date < earliest:
            raise Problem(
                row.where(), f"{kind.value} on {date} is before {instrument} existed ({earliest})"
            )
        action = model.Action(
            instrument=instrument,
            state=c.state(row, "state"),
            kind=kind,
            date=date,
            citations=(self._citation(row),),
            note=row.values["note"],
        )
        return (instrument, action.state, kind, date), action

    def _participation_row(self, row: Row) -> tuple[tuple[Any, ...], model.Participation]:
        c = self.check
        event = c.required(row, "event")
        if event not in self.record.events:
            raise Problem(row.where(), f"event {event!r} is not in data/events/")
        fact = model.Participation(
            event=event,
            participant=c.participant(row, "participant"),
            role=model.Role(c.choice(row, "role", model.Role)),
            citations=(self._citation(row),),
        )
        return (event, fact.participant, fact.role), fact

    def _subject(self, row: Row) -> str:
        subject = self.check.required(row, "subject")
        if subject not in self.record.events and subject not in self.record.instruments:
            raise Problem(row.where(), f"subject {subject!r} is neither an event nor an instrument")
        return subject

    def _claim_row(self, row: Row) -> tuple[tuple[Any, ...], model.Claim]:
        c = self.check
        raw = c.required(row, "quantity")
        try:
            quantity = int(raw)
        except ValueError:
            raise Problem(row.where(), f"quantity {raw!r} is not a whole number") from None
        claim = model.Claim(
            subject=self._subject(row),
            property=c.required(row, "property"),
            quantity=quantity,
            unit=c.required(row, "unit"),
            text=row.values["text"],
            citations=(self._citation(row),),
            as_of=c.date(row, "as_of"),
        )
        return (claim.subject, claim.property, claim.as_of, quantity), claim

    def _obligation_row(self, row: Row) -> tuple[tuple[Any, ...], model.ObligationFact]:
        c = self.check
        instrument = self._instrument(row, "instrument")
        assert instrument is not None
        raw_years = row.values["years"]
        try:
            years = float(raw_years) if raw_years else None
        except ValueError:
            raise Problem(row.where(), f"years {raw_years!r} is not a number") from None
        # A deadline may lie in the future; only the date of the fact itself may not.
        deadline_raw = row.values["deadline"]
        try:
            deadline = dt.date.fromisoformat(deadline_raw) if deadline_raw else None
        except ValueError:
            raise Problem(row.where(), f"deadline {deadline_raw!r} is not YYYY-MM-DD") from None
        fact = model.ObligationFact(
            instrument=instrument,
            state=c.state(row, "state"),
            obligation=c.choice(row, "obligation", OBLIGATIONS),
            kind=c.choice(row, "kind", OBLIGATION_KINDS),
            date=c.date(row, "date"),
            deadline=deadline,
            years=years,
            citations=(self._citation(row),),
            note=row.values["note"],
            scope=row.values.get("scope") or "",
            event=self._event_ref(row, "event"),
            document=row.values.get("document") or "",
        )
        identity = (
            instrument, fact.state, fact.obligation, fact.kind, fact.scope,
            fact.date, deadline, years,
        )  # fmt: skip
        return identity, fact

    def _event_ref(self, row: Row, column: str) -> str | None:
        value = str(row.values.get(column) or "").strip()
        if value and value not in self.record.events:
            raise Problem(row.where(), f"{column} {value!r} is not in data/events/")
        return value or None

    def _report_row(self, row: Row) -> tuple[tuple[Any, ...], model.ReportFact]:
        c = self.check
        instrument = self._instrument(row, "instrument")
        assert instrument is not None
        report = c.choice(row, "report", model.REPORT_KINDS)
        raw_year = row.values["year"]
        year: int | None = None
        if report == "annual":
            if not raw_year:
                raise Problem(row.where(), "year is empty: an annual report covers a year")
            if not raw_year.isascii() or not raw_year.isdigit() or len(raw_year) != 4:
                raise Problem(row.where(), f"year {raw_year!r} is not a year such as 2023")
            year = int(raw_year)
            if year >= c.today.year:
                raise Problem(row.where(), f"year {year} has not ended yet")
        elif raw_year:
            raise Problem(row.where(), "year is for annual reports; leave it empty for initial")
        status = c.choice(row, "status", model.REPORT_STATUSES)
        day = c.date(row, "date", required=status == "not_received")
        fact = model.ReportFact(
            instrument=instrument,
            state=c.state(row, "state"),
            report=report,
            year=year,
            status=status,
            date=day,
            citations=(self._citation(row),),
            note=row.values.get("note") or "",
        )
        return (instrument, fact.state, report, year, status, day), fact

    def _coverage_rows(self, path: Path) -> Iterable[Row]:
        """The entries under each treaty's ``obligations:`` key, one row per part."""
        for row in read_yaml_mapping(path):
            treaty, _, rest = str(row.values["key"]).partition(".")
            if rest.startswith("obligations.") and rest.count(".") == 1:
                part = rest.split(".")[1]
                yield Row(row.path, row.line, {"treaty": treaty, "part": part, **_mapping(row)})
            elif rest == "obligations" and not isinstance(row.values["value"], dict):
                raise Problem(row.where(), "obligations must map each obligation to its coverage")

    def _coverage_row(self, row: Row) -> None:
        c = self.check
        treaty = row.values["treaty"]
        if treaty not in self.record.instruments:
            raise Problem(row.where(), f"{treaty!r} is not an instrument")
        part = row.values["part"]
        if part not in model.COVERAGE_PARTS:
            options = ", ".join(sorted(model.COVERAGE_PARTS))
            raise Problem(row.where(), f"{part!r} is not one of {options}")
        unknown = sorted(set(row.values) - COVERAGE_KEYS - {"treaty", "part"})
        if unknown:
            raise Problem(row.where(), f"unknown key(s) {', '.join(unknown)}")
        if not str(row.values.get("basis") or "").strip():
            raise Problem(row.where(), "basis is empty: say what the coverage rests on")
        for key in ("through_event", "next_meeting"):
            value = row.values.get(key)
            if value and self.record.events.get(str(value)) is None:
                raise Problem(row.where(), f"{key} {value!r} is not in data/events/")
        self.record.coverage.append(
            model.Coverage(
                instrument=treaty,
                part=part,
                complete_through=c.date(row, "complete_through"),
                through_event=row.values.get("through_event") or None,
                next_meeting=row.values.get("next_meeting") or None,
                basis=" ".join(str(row.values["basis"]).split()),
            )
        )

    def _statement_row(self, row: Row) -> None:
        c = self.check
        sid = c.required(row, "id")
        if sid in self._statement_ids:
            raise Problem(row.where(), f"statement id {sid!r} is used twice")
        event = row.values.get("event")
        if event and event not in self.record.events:
            raise Problem(row.where(), f"event {event!r} is not in data/events/")
        topics = row.values.get("topics") or []
        if not isinstance(topics, list):
            raise Problem(row.where(), "topics must be a list")
        unknown = [t for t in topics if t not in model.TOPICS]
        if unknown:
            raise Problem(row.where(), f"unknown topic(s) {', '.join(map(str, unknown))}")
        stance = row.values.get("stance")
        if stance is not None and stance not in {s.value for s in model.Stance}:
            raise Problem(
                row.where(), f"stance {stance!r} is not one of {[s.value for s in model.Stance]}"
            )
        agenda = row.values.get("agenda")
        if agenda is not None and not isinstance(agenda, str):
            raise Problem(row.where(), "agenda must be text: the item as the source names it")
        statement = model.Statement(
            id=sid,
            speaker=c.participant(row, "speaker"),
            event=event or None,
            date=c.date(row, "date"),
            text=c.required(row, "text"),
            topics=tuple(str(t) for t in topics),
            stance=model.Stance(stance) if stance else None,
            citations=(self._citation(row),),
            agenda=" ".join((agenda or "").split()),
        )
        self.record.statements.append(statement)
        self._statement_ids.add(sid)

    def _derive(self) -> None:
        """Add the acts each instrument's ``implied_by`` entails and the record lacks."""
        rec = self.record
        for inst in rec.instruments.values():
            rule = inst.implied_by
            if rule is not None and rule.instrument not in rec.instruments:
                where = str(self.data_dir / "instruments.yaml")
                why = f"{inst.id}: implied_by names {rule.instrument!r}, not an instrument"
                raise RecordError([Problem(where, why)])
        rec.actions.extend(implied_acts(rec))

    def _finish(self) -> None:
        """Derive entailed acts, find the facts that sources disagree on, and order
        everything deterministically."""
        rec = self.record
        self._derive()
        rec.conflicts.extend(find_conflicts(rec))
        rec.actions.sort(key=lambda a: (a.instrument, a.state, a.kind.value, a.date or dt.date.min))
        rec.participation.sort(key=lambda p: (p.event, p.participant, p.role.value))
        rec.claims.sort(key=lambda c: (c.subject, c.property, c.as_of or dt.date.min, c.quantity))
        rec.obligations.sort(
            key=lambda o: (o.instrument, o.state, o.obligation, o.date or o.deadline or dt.date.min)
        )
        rec.reports.sort(
            key=lambda r: (r.instrument, r.state, r.report, r.year or 0, r.date or dt.date.min)
        )
        rec.statements.sort(key=lambda s: s.id)
        rec.events = dict(
            sorted(rec.events.items(), key=lambda kv: (kv[1].start or dt.date.min, kv[0]))
        )


def _agreed(variants: list[model.Event], sources: Mapping[str, model.Source]) -> model.Event:
    """An event as the record holds it where sources differ: each field the value its
    independent sources hold most strongly (conflicts.ordered_values), the end taken from
    the sources that agree on the start, and what the preferred ones leave out (days, a
    city) from the next source that gives it. It cites the sources of the days it shows."""
    from dataclasses import replace

    def best(field: str, among: list[model.Event]) -> Any:
        values = ordered_values(among, lambda v: getattr(v, field), sources)
        return next((v for v, _ in values if v is not None), None)

    start = best("start", variants)
    agreeing = [v for v in variants if v.start == start] or variants
    end = best("end", agreeing)
    if start is not None and end is not None and end < start:
        end = None  # the sources that give an end disagree with the start shown
    chosen = {f: best(f, variants) for f in ("name", "kind", "city", "country", "instrument")}
    first = min(agreeing, key=lambda v: rank(v, sources))
    cites = sorted(
        (c for v in agreeing for c in v.citations),
        key=lambda c: model.preference((c,), sources)[1],  # the most authoritative first
    )
    return replace(
        first,
        start=start,
        end=end,
        **{f: v for f, v in chosen.items() if v is not None},
        citations=tuple(dict.fromkeys(cites)),
    )


def _mapping(row: Row) -> dict[str, Any]:
    value = row.values["value"]
    if not isinstance(value, dict):
        raise Problem(row.where(), "expected a mapping (complete_through, basis, ...)")
    return {str(k): v for k, v in value.items()}


def _with_citation(fact: E, citation: model.Citation) -> E:
    from dataclasses import replace

    return replace(fact, citations=(*fact.citations, citation))  # type: ignore[type-var, attr-defined]


def load(data_dir: Path, today: dt.date | None = None) -> model.Record:
    """Load and validate the record; raises RecordError naming every problem's file and line."""
    return Loader(data_dir, today).load()
