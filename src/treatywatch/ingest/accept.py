"""Turn accepted candidates into facts of the record, each citing its document."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from typing import TYPE_CHECKING, Any

from treatywatch import model
from treatywatch.ingest.store import REVIEW_ID_BASE, ReviewError, source_id
from treatywatch.store import schema as s

if TYPE_CHECKING:
    from sqlalchemy import Table
    from sqlalchemy.engine import Connection

_ACTIONS = {
    "endorsement": model.ActionKind.ENDORSEMENT,
    "adoption": model.ActionKind.ADOPTION,
    "signature": model.ActionKind.SIGNATURE,
    "ratification": model.ActionKind.RATIFICATION,
    "accession": model.ActionKind.ACCESSION,
    "acceptance": model.ActionKind.ACCEPTANCE,
    "approval": model.ActionKind.APPROVAL,
    "withdrawal": model.ActionKind.WITHDRAWAL_NOTIFICATION,
    "moratorium": model.ActionKind.MORATORIUM,
    "renounced": model.ActionKind.RENOUNCED,
}
_STOCKPILE = {
    "stockpile-destruction-started": "started",
    "stockpile-destruction-completed": "completed",
}
_EVENT_KINDS = (
    ("meeting of states parties", model.EventKind.MEETING_OF_STATES_PARTIES),
    ("review conference", model.EventKind.REVIEW_CONFERENCE),
    ("intersessional", model.EventKind.INTERSESSIONAL),
    ("diplomatic conference", model.EventKind.DIPLOMATIC_CONFERENCE),
    ("signing", model.EventKind.SIGNING_CONFERENCE),
    ("regional", model.EventKind.REGIONAL_CONFERENCE),
    ("conference", model.EventKind.CONFERENCE),
)
#: The claim a participant list's stated count makes, by the list's role.
_ROLE_COUNTS = {
    "state_party": "states_parties_participating",
    "signatory": "signatories_participating",
    "observer": "observer_states",
}
_CLAIM_PROPERTIES = (
    ("observer", "observer_states"),
    ("adopt", "states_adopting"),
    ("sign", "states_signing"),
    ("endors", "states_endorsing"),
    ("particip", "states_participating"),
    ("support", "states_participating"),
    ("part", "states_parties"),
    ("attend", "states_attending"),
    ("represent", "states_attending"),
    ("gather", "states_attending"),
    ("met ", "states_attending"),
    ("deleg", "states_attending"),
)


def _date(value: Any) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def _locator(given: str, span: Any) -> str:
    """Where in the document: the paragraph or heading a reader finds it under, then the
    characters the extractor read it from."""
    chars = f"characters {span[0]}-{span[1]}" if span else ""
    return "; ".join(x for x in (given, chars) if x)


_NAME_STOPWORDS = frozenset(["the", "of", "to", "on", "in", "for", "and", "a", "an"])


def name_key(name: str) -> tuple[str, ...]:
    """An event's name as words to compare: case, punctuation and small words aside."""
    words = re.findall(r"[^\W_]+", name.casefold())
    return tuple(w for w in words if w not in _NAME_STOPWORDS)


def _overlap(a: tuple[dt.date | None, dt.date | None], b: tuple[Any, Any]) -> bool:
    a_start, a_end = a[0], a[1] or a[0]
    b_start, b_end = b[0], b[1] or b[0]
    if a_start is None or b_start is None:
        return False
    return bool(a_start <= b_end and b_start <= a_end)


#: How far apart a quote and a candidate's words may be and still be one passage.
_PASSAGE_CHARS = 600
#: Words in a row two texts must share to be the same statement's words.
_SHARED_RUN = 8


def _same_words(a: str, b: str) -> bool:
    def runs(text: str) -> set[tuple[str, ...]]:
        words = re.findall(r"[^\W_]+", text.casefold())
        return {tuple(words[i : i + _SHARED_RUN]) for i in range(len(words) - _SHARED_RUN + 1)}

    return bool(runs(a) & runs(b))


def _shared_words(a: str, b: str) -> int:
    return len(set(name_key(a)) & set(name_key(b)))


class Acceptor:
    def __init__(self, conn: Connection, instrument: str, event: str | None) -> None:
        from treatywatch.store.read import _read

        self.conn = conn
        self.record = _read(conn)
        if instrument not in self.record.instruments:
            raise ReviewError(f"{instrument!r} is not an instrument of the record.")
        if event is not None and event not in self.record.events:
            raise ReviewError(f"No event has the id {event!r}; `treatywatch events` lists them.")
        self.instrument = instrument
        self.event = event
        self.documents: dict[str, Any] = {}
        self.accepted: list[int] = []

    # -- ids and citations -----------------------------------------------------------------

    def _next_id(self, table: Table) -> int:
        from sqlalchemy import func, select

        top = self.conn.execute(select(func.max(table.c.id))).scalar() or 0
        return max(int(top), REVIEW_ID_BASE) + 1

    def _cite(
        self, fact_type: str, fact_id: object, doc: Any, span: Any, locator: str = ""
    ) -> None:
        from sqlalchemy import insert

        locator = _locator(locator, span)
        self.conn.execute(
            insert(s.citation).values(
                id=self._next_id(s.citation),
                fact_type=fact_type,
                fact_id=str(fact_id),
                source=self._source(doc),
                locator=locator,
                origin="review",
            )
        )

    def _source(self, doc: Any) -> str:
        from sqlalchemy import insert

        # A document the record already cites (a seed, say) keeps its source id.
        sid = next(
            (x.id for x in self.record.sources.values() if x.sha256 == doc.sha256),
            source_id(doc.sha256),
        )
        if sid not in self.record.sources:
            title = doc.title or doc.path.rsplit("/", 1)[-1]
            self.conn.execute(
                insert(s.source).values(
                    id=sid,
                    authority=model.Authority.SECONDARY.value,
                    title=title,
                    publisher="ingested document",
                    url=None,
                    sha256=doc.sha256,
                    published=doc.date,
                    retrieved=None,
                    origin="review",
                )
            )
            self.record.sources[sid] = model.Source(
                sid, title, "ingested document", model.Authority.SECONDARY, sha256=doc.sha256
            )
        return sid

    def _document(self, sha: str) -> Any:
        from sqlalchemy import select

        if sha not in self.documents:
            self.documents[sha] = self.conn.execute(
                select(s.document).where(s.document.c.sha256 == sha)
            ).one()
        return self.documents[sha]

    def _reference(self, doc: Any) -> dt.date | None:
        """The day an undated document speaks from (its dateline, its first full date)."""
        from treatywatch.ingest.extract.dates import reference_date

        day, _ = reference_date(str(doc.text), None)
        return day

    def _context(self, doc: Any, span: Any, before: int = 300, after: int = 300) -> str:
        if not span:
            return ""
        return str(doc.text[max(0, span[0] - before) : span[1] + after])

    def _event_near(self, doc: Any, span: Any, on: dt.date | None = None) -> str | None:
        """The record's event a passage speaks of: named or placed near it, or spanning its date."""
        if self.event is not None:
            return self.event
        context = self._context(doc, span).casefold()
        best: tuple[int, str] | None = None
        for ev in self.record.events.values():
            score = 0
            if ev.name.casefold() in context:
                score += 3
            if ev.city and re.search(rf"\b{re.escape(ev.city.casefold())}\b", context):
                score += 2
            when = doc.date or on or self._reference(doc)
            year = when.year if when else None
            if ev.start and year and ev.start.year == year:
                score += 1
            if on and ev.start and ev.end and ev.start <= on <= ev.end:
                score += 3
            # The place named next to the passage is the one it speaks of.
            near = self._context(doc, span, before=120, after=120).casefold()
            if ev.city and re.search(rf"\b{re.escape(ev.city.casefold())}\b", near):
                score += 1
            if score >= 3 and (best is None or score > best[0]):
                best = (score, ev.id)
        return best[1] if best else None

    # -- one candidate ---------------------------------------------------------------------

    def accept(self, row: Any) -> None:
        doc = self._document(row.document)
        payload = json.loads(row.payload)
        span = (row.span_start, row.span_end) if row.span_start is not None else None
        handler = getattr(self, f"_accept_{row.kind}", None)
        if handler is None:
            raise ReviewError(f"Candidate {row.id} is a {row.kind}, which cannot be accepted.")
        handler(row.id, doc, payload, span)
        from sqlalchemy import update

        self.conn.execute(
            update(s.candidate).where(s.candidate.c.id == row.id).values(status="accepted")
        )
        self.accepted.append(row.id)

    def _accept_participant_list(self, cid: int, doc: Any, p: dict[str, Any], span: Any) -> None:
        from sqlalchemy import insert, select

        role = str(p.get("role") or model.Role.PARTICIPANT.value)
        if role not in {r.value for r in model.Role}:
            raise ReviewError(f"Candidate {cid}: the role {role!r} is not one the record knows.")
        locator = str(p.get("locator") or "")
        event = self._meeting(p) or self._event_near(doc, span and (span[0], span[0] + 200))
        if event is None:
            heading = self._context(doc, span, before=0, after=0)[:120].split(":")[0].strip()
            event = f"doc-{doc.sha256[:12]}-list-{cid}"
            self.conn.execute(
                insert(s.event).values(
                    id=event,
                    name=heading or "Participants listed in a document",
                    kind=model.EventKind.OTHER.value,
                    instrument=self.instrument,
                    start=_date(p.get("as_of")),
                    end=None,
                    note="created when a participant list was accepted",
                    origin="review",
                )
            )
            self._cite("event", event, doc, span)
        for iso3 in p.get("states", []):
            existing = self.conn.execute(
                select(s.participation.c.id).where(
                    s.participation.c.event == event,
                    s.participation.c.participant == iso3,
                    s.participation.c.role == role,
                    # Only a reviewed row: a bundled one is renumbered by every build.
                    s.participation.c.origin == "review",
                )
            ).scalar()
            if existing is None:
                existing = self._next_id(s.participation)
                self.conn.execute(
                    insert(s.participation).values(
                        id=existing,
                        event=event,
                        participant=iso3,
                        role=role,
                        origin="review",
                    )
                )
            self._cite("participation", existing, doc, span, locator)
        if p.get("stated_count") is not None:
            prop = _ROLE_COUNTS.get(role, "states_participating")
            self._claim(doc, span, event, prop, int(p["stated_count"]), "states", "")

    def _claim(
        self, doc: Any, span: Any, subject: str, prop: str, quantity: int, unit: str, text: str
    ) -> None:
        from sqlalchemy import insert

        cid = self._next_id(s.claim)
        self.conn.execute(
            insert(s.claim).values(
                id=cid, subject=subject, property=prop, quantity=quantity, unit=unit,
                text=text, origin="review",
            )
        )  # fmt: skip
        self._cite("claim", cid, doc, span)

    def _accept_claim(self, cid: int, doc: Any, p: dict[str, Any], span: Any) -> None:
        text = str(p.get("text", ""))
        # What is counted is said by the claim's own words ("delegates from 68 countries"),
        # else by the words after it ("Forty countries ... attended as observers").
        after = self._context(doc, span, before=0, after=80)
        prop = next(
            (
                name
                for words in (f"{text} ".casefold(), f"{after} ".casefold())
                for word, name in _CLAIM_PROPERTIES
                if word in words
            ),
            "count",
        )
        subject = self._event_near(doc, span) or source_id(doc.sha256)
        self._claim(doc, span, subject, prop, int(p["quantity"]), str(p.get("unit", "")), text)

    def match_event(
        self,
        name: str,
        city: str | None = None,
        country: str | None = None,
        start: dt.date | None = None,
        end: dt.date | None = None,
    ) -> model.Event | None:
        """The record's event a document's event is, whatever its instrument or kind: the
        same place (city, else country) on overlapping days, or the same name (the days
        choosing where names are shared, "Eighth Meeting of States Parties" of two
        treaties), or the same first day in the same city."""
        days = (start, end)
        city_key = (city or "").casefold()
        events = list(self.record.events.values())

        def same_place(ev: model.Event) -> bool:
            if city_key and ev.city:
                return ev.city.casefold() == city_key
            return bool(country and ev.country == country)

        placed = [ev for ev in events if same_place(ev) and _overlap(days, (ev.start, ev.end))]
        if placed:
            return max(placed, key=lambda ev: _shared_words(name, ev.name))
        key = name_key(name)
        if len(key) >= 3:
            named = [
                ev
                for ev in events
                if name_key(ev.name) == key
                or (len(key) >= 4 and name_key(ev.name)[: len(key)] == key)
            ]
            if len(named) > 1 and start is not None:
                named = [ev for ev in named if _overlap(days, (ev.start, ev.end))]
            if len(named) == 1:
                return named[0]
        if start is not None and city_key:
            return next(
                (
                    ev
                    for ev in events
                    if ev.start == start and (ev.city or "").casefold() == city_key
                ),
                None,
            )
        return None

    def _meeting(self, p: dict[str, Any]) -> str | None:
        """The record's event a candidate names as its meeting (a report's head, a page's
        title and days), or the one review was told to attach to."""
        if self.event is not None:
            return self.event
        meeting = p.get("meeting")
        if not isinstance(meeting, dict) or not meeting.get("name"):
            return None
        found = self.match_event(
            str(meeting["name"]),
            meeting.get("city"),
            meeting.get("country"),
            _date(meeting.get("start")),
            _date(meeting.get("end")),
        )
        return found.id if found else None

    def _accept_event(self, cid: int, doc: Any, p: dict[str, Any], span: Any) -> None:
        from sqlalchemy import insert

        start, end = _date(p.get("start")), _date(p.get("end"))
        name = str(p.get("name") or "Event")
        same = self.match_event(name, p.get("city"), p.get("country"), start, end)
        if same is None and start is None and p.get("city"):
            same = self._only_event_in(str(p["city"]), doc)
        if same is not None:
            # The same event, read again: one more source for it; days it gives otherwise
            # are kept beside the record's as a conflict.
            self._cite("event", same.id, doc, span)
            self._event_days_differ(same, start, end, doc, span)
            return
        kind = next(
            (k for word, k in _EVENT_KINDS if word in name.casefold()), model.EventKind.OTHER
        )
        eid = f"doc-{doc.sha256[:12]}-event-{cid}"
        self.conn.execute(
            insert(s.event).values(
                id=eid, name=name, kind=kind.value, instrument=None, city=p.get("city"),
                country=p.get("country"), start=start, end=end, note="", origin="review",
            )
        )  # fmt: skip
        self._cite("event", eid, doc, span)
        # Later candidates of the same review (another document's copy of it) find it.
        self.record.events[eid] = model.Event(
            id=eid, name=name, kind=kind, instrument=None, city=p.get("city"),
            country=p.get("country"), start=start, end=end,
        )  # fmt: skip

    def _event_days_differ(
        self, same: model.Event, start: dt.date | None, end: dt.date | None, doc: Any, span: Any
    ) -> None:
        """Keep the days a document gives otherwise than the record as a conflict, unless
        the record already holds them as one; one day within the event's days is a day of
        it (the adoption on 30 May of a conference of 19-30 May), not another start."""
        if start and not end and same.start and same.end and same.start <= start <= same.end:
            return
        for fld, ours, theirs in (("start", same.start, start), ("end", same.end, end)):
            if not (ours and theirs and ours != theirs):
                continue
            known = any(
                c.fact_type == "event" and c.key == same.id and c.field == fld
                and any(v.value == str(theirs) for v in c.variants)
                for c in self.record.conflicts
            )  # fmt: skip
            if not known:
                self._conflict_note("event", same.id, fld, str(ours), str(theirs), doc, span)

    def _only_event_in(self, city: str, doc: Any) -> model.Event | None:
        """An undated event in a city: the record's one event there in the document's year."""
        when = _date(doc.date) if isinstance(doc.date, str) else doc.date
        when = when or self._reference(doc)
        if when is None:
            return None
        there = [
            ev
            for ev in self.record.events.values()
            if (ev.city or "").casefold() == city.casefold()
            and ev.start is not None
            and ev.start.year == when.year
        ]
        return there[0] if len(there) == 1 else None

    def _accept_statement(self, cid: int, doc: Any, p: dict[str, Any], span: Any) -> None:
        from sqlalchemy import insert

        on = _date(p.get("date"))
        topics = [t for t in p.get("topics", []) if t in model.TOPICS]
        stance = p.get("stance") if p.get("stance") in {x.value for x in model.Stance} else None
        event = self._meeting(p) or self._event_near(doc, span, on)
        locator = str(p.get("locator") or "")
        text = str(p.get("text", ""))
        source = self._source(doc)
        same = next(
            (
                st
                for st in self.record.statements
                if st.speaker == p["speaker"]
                and (
                    (st.event == event and set(st.topics) == set(topics) and st.date == on)
                    # The same words of the same speaker, from this document or at the same
                    # meeting: a curated quote of the sentence the extractor read.
                    or (
                        _same_words(st.text, text)
                        and (
                            st.event in (event, None)
                            or event is None
                            or any(c.source_id == source for c in st.citations)
                        )
                    )
                    or self._same_passage(st, doc, span, source)
                )
            ),
            None,
        )
        if same is not None:
            self._cite("statement", same.id, doc, span, locator)
            return
        sid = f"doc-{doc.sha256[:12]}-statement-{cid}"
        agenda = str(p.get("agenda") or "")
        self.conn.execute(
            insert(s.statement).values(
                id=sid, speaker=p["speaker"], event=event, date=on,
                text=str(p.get("text", "")), topics=" ".join(topics), stance=stance,
                agenda=agenda, origin="review",
            )
        )  # fmt: skip
        self._cite("statement", sid, doc, span, locator)
        self.record.statements.append(
            model.Statement(
                id=sid, speaker=p["speaker"], event=event, date=on, text=str(p.get("text", "")),
                topics=tuple(topics), stance=model.Stance(stance) if stance else None,
                agenda=agenda,
            )
        )  # fmt: skip

    def _same_passage(self, st: model.Statement, doc: Any, span: Any, source: str) -> bool:
        """Whether a statement this document is already the source of quotes the passage
        the candidate was read from: its words stand in the same paragraph."""
        if not span or not any(c.source_id == source for c in st.citations):
            return False
        quote = " ".join(st.text.split()[:6])
        at = str(doc.text).find(quote) if len(quote) >= 20 else -1
        return at >= 0 and abs(at - span[0]) <= _PASSAGE_CHARS

    def _accept_action(self, cid: int, doc: Any, p: dict[str, Any], span: Any) -> None:
        from sqlalchemy import insert

        on = _date(p.get("date"))
        if p["action"] in _STOCKPILE:
            oid = self._next_id(s.obligation_fact)
            self.conn.execute(
                insert(s.obligation_fact).values(
                    id=oid, instrument=self.instrument, state=p["state"],
                    obligation="stockpile_destruction", kind=_STOCKPILE[p["action"]], date=on,
                    deadline=None, years=None, note="", origin="review",
                )
            )  # fmt: skip
            self._cite("obligation", oid, doc, span)
            return
        kind = _ACTIONS.get(p["action"])
        if kind is None:
            raise ReviewError(f"Candidate {cid}: action {p['action']!r} is not in the vocabulary.")
        aid = self._next_id(s.action)
        self.conn.execute(
            insert(s.action).values(
                id=aid, instrument=self.instrument, state=p["state"], kind=kind.value, date=on,
                note="", origin="review",
            )
        )  # fmt: skip
        self._cite("action", aid, doc, span)

    def _conflict_note(
        self, fact_type: str, key: str, fld: str, ours: str, theirs: str, doc: Any, span: Any
    ) -> None:
        from sqlalchemy import insert

        locator = f"characters {span[0]}-{span[1]}" if span else ""
        variants = [
            {"value": ours, "citations": []},
            {"value": theirs, "citations": [{"source": self._source(doc), "locator": locator}]},
        ]
        self.conn.execute(
            insert(s.conflict).values(
                id=self._next_id(s.conflict), fact_type=fact_type, key=key, field=fld,
                variants=json.dumps(variants, sort_keys=True), origin="review",
            )
        )  # fmt: skip

    # -- after all candidates --------------------------------------------------------------

    def finish(self) -> list[model.Conflict]:
        """The conflicts the accepted facts open or widen; bump the revision for readers."""
        from sqlalchemy import insert, select, update

        from treatywatch.store.read import _read

        before = {(c.key, c.field, c.variants) for c in self.record.conflicts}
        after = _read(self.conn).conflicts
        new = [c for c in after if (c.key, c.field, c.variants) not in before]
        old = self.conn.execute(
            select(s.build_info.c.value).where(s.build_info.c.key == "revision")
        ).scalar()
        marker = f"{old}|accepted:{','.join(map(str, self.accepted))}"
        rev = hashlib.sha256(marker.encode()).hexdigest()
        if old is None:
            self.conn.execute(insert(s.build_info).values(key="revision", value=rev))
        else:
            self.conn.execute(
                update(s.build_info).where(s.build_info.c.key == "revision").values(value=rev)
            )
        return new
