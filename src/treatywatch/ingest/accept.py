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

    def _cite(self, fact_type: str, fact_id: object, doc: Any, span: Any) -> None:
        from sqlalchemy import insert

        locator = f"characters {span[0]}-{span[1]}" if span else ""
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

        event = self._event_near(doc, span and (span[0], span[0] + 200))
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
                    s.participation.c.role == "participant",
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
                        role="participant",
                        origin="review",
                    )
                )
            self._cite("participation", existing, doc, span)
        if p.get("stated_count") is not None:
            self._claim(
                doc, span, event, "states_participating", int(p["stated_count"]), "states", ""
            )

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

    def _accept_event(self, cid: int, doc: Any, p: dict[str, Any], span: Any) -> None:
        from sqlalchemy import insert

        start, end = _date(p.get("start")), _date(p.get("end"))
        city = (p.get("city") or "").casefold()
        same = next(
            (
                ev
                for ev in self.record.events.values()
                if start and ev.start == start and (ev.city or "").casefold() == city
            ),
            None,
        )
        if same is not None:
            self._cite("event", same.id, doc, span)
            if end and same.end and end != same.end:
                self._conflict_note("event", same.id, "end", str(same.end), str(end), doc, span)
            return
        name = str(p.get("name") or "Event")
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

    def _accept_statement(self, cid: int, doc: Any, p: dict[str, Any], span: Any) -> None:
        from sqlalchemy import insert

        on = _date(p.get("date"))
        topics = [t for t in p.get("topics", []) if t in model.TOPICS]
        stance = p.get("stance") if p.get("stance") in {x.value for x in model.Stance} else None
        sid = f"doc-{doc.sha256[:12]}-statement-{cid}"
        self.conn.execute(
            insert(s.statement).values(
                id=sid, speaker=p["speaker"], event=self._event_near(doc, span, on), date=on,
                text=str(p.get("text", "")), topics=" ".join(topics), stance=stance,
                origin="review",
            )
        )  # fmt: skip
        self._cite("statement", sid, doc, span)

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
            {"value": theirs, "citations": [{"source": source_id(doc.sha256), "locator": locator}]},
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
