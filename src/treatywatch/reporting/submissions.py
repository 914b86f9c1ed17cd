"""Article 7 reports drafted, submitted and amended online: storage and the rules of each step.

A report is one state's report to one treaty for one period (the initial report, or the
annual report covering a year). Each version is a row of ``report_submission`` with its
forms in ``report_form``; amending a submitted report adds a new draft version and keeps
the old one as it was. Every write is one transaction with its audit entry.

Submitting the first version sets the day the report was received in the transparency
record: a ``report_fact`` (origin ``workspace``) citing a source made for the submission,
so the rules engine counts it, and builds keep it (they replace only ``origin='data'``).

Who may do what is not decided here but in ``workspace.authz``; callers ask it first.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from treatywatch.reporting import entries as checks
from treatywatch.reporting.schema import Forms, forms_for
from treatywatch.store import schema as s

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection, Engine

    from treatywatch.workspace.accounts import Account
    from treatywatch.workspace.audit import Actor

KINDS = ("initial", "annual")
#: The first year an annual report can cover (the Mine Ban Convention entered into force
#: in 1999).
FIRST_YEAR = 1999
#: Facts written from the workspace get ids above every id a build hands out, as the facts
#: accepted through review do (ingest.store.REVIEW_ID_BASE).
FACT_ID_BASE = 1_000_000_000


class ReportError(ValueError):
    """A step that cannot be taken; the message is one sentence for the focal point."""


class ReportNotFoundError(ReportError):
    pass


class ReportConflictError(ReportError):
    """The report is not in the state the step needs (already submitted, a draft exists)."""


class ReportInvalidError(ReportError):
    """The entries have problems; ``problems`` holds one sentence each."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__(" ".join(problems))


@dataclass(frozen=True)
class FormEntry:
    visibility: str  # public | restricted
    data: dict[str, Any]


@dataclass(frozen=True)
class Submission:
    id: int
    instrument: str
    state: str
    report: str
    year: int | None
    version: int
    status: str  # draft | submitted
    created: dt.datetime
    submitted: dt.datetime | None
    account: int
    fact: int | None
    forms: dict[str, FormEntry] = field(default_factory=dict)

    @property
    def period(self) -> str:
        """The report's period as its addresses name it: the year covered, or ``initial``."""
        return str(self.year) if self.year is not None else "initial"

    @property
    def entries(self) -> dict[str, dict[str, Any]]:
        return {code: f.data for code, f in self.forms.items()}

    @property
    def visibility(self) -> dict[str, str]:
        return {code: f.visibility for code, f in self.forms.items()}

    def as_dict(self, *, public_only: bool = False) -> dict[str, Any]:
        """The version as the API shows it; ``public_only`` leaves restricted forms out
        entirely (not even their codes), as everything public must."""
        forms = {
            code: {"visibility": f.visibility, "entries": f.data}
            for code, f in sorted(self.forms.items())
            if not public_only or f.visibility == "public"
        }
        return {
            "id": self.id,
            **self._key(),
            "created": _stamp(self.created),
            "submitted": _stamp(self.submitted),
            "received": self.submitted.date().isoformat() if self.submitted else None,
            "forms": forms,
        }

    def _key(self) -> dict[str, Any]:
        """Which report and version this is, and where it stands."""
        return {
            "instrument": self.instrument,
            "state": self.state,
            "report": self.report,
            "year": self.year,
            "version": self.version,
            "status": self.status,
        }

    def audit_view(self) -> dict[str, Any]:
        """What the audit log keeps of a version: its key and status, each form's visibility
        and a hash of its entries (the entries themselves may be restricted)."""
        return {
            **self._key(),
            "forms": {
                code: {"visibility": f.visibility, "sha256": _digest(f.data)}
                for code, f in sorted(self.forms.items())
            },
        }


def _stamp(value: dt.datetime | None) -> str | None:
    return value.isoformat(timespec="seconds") + "Z" if value else None


def _digest(data: Any) -> str:
    return hashlib.sha256(json.dumps(data, sort_keys=True).encode()).hexdigest()


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0)


# -- reading ---------------------------------------------------------------------------------


def _load(conn: Connection, rows: list[Any]) -> list[Submission]:
    from sqlalchemy import select

    ids = [r.id for r in rows]
    forms: dict[int, dict[str, FormEntry]] = {i: {} for i in ids}
    if ids:
        t = s.report_form
        for f in conn.execute(select(t).where(t.c.submission.in_(ids)).order_by(t.c.form)):
            forms[f.submission][f.form] = FormEntry(f.visibility, json.loads(f.data))
    return [
        Submission(
            id=r.id, instrument=r.instrument, state=r.state, report=r.report, year=r.year,
            version=r.version, status=r.status, created=r.created, submitted=r.submitted,
            account=r.account, fact=r.fact, forms=forms[r.id],
        )
        for r in rows
    ]  # fmt: skip


def get(eng: Engine, submission_id: int) -> Submission:
    with eng.connect() as conn:
        return _get(conn, submission_id)


def _get(conn: Connection, submission_id: int, *, lock: bool = False) -> Submission:
    from sqlalchemy import select

    query = select(s.report_submission).where(s.report_submission.c.id == submission_id)
    if lock:  # PostgreSQL holds the row until the transaction ends; SQLite locks the file
        query = query.with_for_update()
    row = conn.execute(query).first()
    if row is None:
        raise ReportNotFoundError(f"There is no report {submission_id}.")
    return _load(conn, [row])[0]


def versions(
    eng: Engine,
    *,
    state: str | None = None,
    instrument: str | None = None,
    report: str | None = None,
    year: int | None = None,
    status: str | None = None,
) -> list[Submission]:
    """Every stored version matching the filters, by treaty, state, period and version."""
    from sqlalchemy import select

    t = s.report_submission
    query = select(t).order_by(t.c.instrument, t.c.state, t.c.report, t.c.year, t.c.version)
    for column, value in (
        (t.c.state, state),
        (t.c.instrument, instrument),
        (t.c.report, report),
        (t.c.status, status),
    ):
        if value is not None:
            query = query.where(column == value)
    if year is not None:
        query = query.where(t.c.year == year)
    with eng.connect() as conn:
        return _load(conn, list(conn.execute(query)))


def _same_report(conn: Connection, sub: Submission) -> list[Any]:
    from sqlalchemy import select

    t = s.report_submission
    year = t.c.year.is_(None) if sub.year is None else t.c.year == sub.year
    return list(
        conn.execute(
            select(t.c.id, t.c.version, t.c.status, t.c.fact)
            .where(t.c.instrument == sub.instrument, t.c.state == sub.state)
            .where(t.c.report == sub.report, year)
            .order_by(t.c.version)
        )
    )


# -- checking --------------------------------------------------------------------------------


def forms_of(instrument: str) -> Forms:
    try:
        return forms_for(instrument)
    except KeyError:
        from treatywatch.reporting.schema import treaties_with_forms

        raise ReportError(
            f"{instrument} has no reporting forms; reports can be made to "
            f"{', '.join(treaties_with_forms())}."
        ) from None


def problems(sub: Submission) -> list[str]:
    """Everything that keeps this version from being submitted, one sentence each."""
    _, found = checks.check(forms_of(sub.instrument), sub.entries, complete=True)
    return found


def _period(instrument: str, report: str, year: int | None, today: dt.date) -> int | None:
    if report not in KINDS:
        raise ReportError(f"Report {report!r} is neither initial nor annual.")
    if report == "initial":
        if year is not None:
            raise ReportError("An initial report covers no calendar year; leave the year out.")
        return None
    if year is None:
        raise ReportError("An annual report needs the calendar year it covers.")
    if not FIRST_YEAR <= year <= today.year:
        raise ReportError(
            f"Year {year} is not one an annual report can cover ({FIRST_YEAR} to {today.year})."
        )
    return year


# -- writing ---------------------------------------------------------------------------------


def _write_forms(
    conn: Connection, submission_id: int, data: dict[str, dict[str, Any]], vis: dict[str, str]
) -> None:
    from sqlalchemy import delete, insert

    conn.execute(delete(s.report_form).where(s.report_form.c.submission == submission_id))
    rows = [
        {
            "submission": submission_id,
            "form": code,
            "visibility": vis.get(code, "public"),
            "data": json.dumps(data.get(code, {}), sort_keys=True),
        }
        for code in vis
    ]
    if rows:
        conn.execute(insert(s.report_form), rows)


def _checked(
    forms: Forms, entries: Any, visibility: Any, base: dict[str, str] | None = None
) -> tuple[dict[str, Any], dict[str, str]]:
    data, found = checks.check(forms, entries or {})
    vis, vis_problems = checks.check_visibility(forms, visibility, base)
    if found or vis_problems:
        raise ReportInvalidError(found + vis_problems)
    return data, vis


def create_draft(
    eng: Engine,
    actor: Account,
    instrument: str,
    state: str,
    report: str = "annual",
    year: int | None = None,
    entries: Any = None,
    visibility: Any = None,
    comment: str = "",
    today: dt.date | None = None,
) -> Submission:
    """Version 1 of a new report, as a draft. A report already begun is refused: its draft
    is edited, and a submitted one amended."""
    from sqlalchemy import insert

    from treatywatch import registry
    from treatywatch.workspace import audit

    forms = forms_of(instrument)
    try:
        iso3 = registry.resolve(state)
    except registry.UnknownStateError as exc:
        raise ReportError(str(exc)) from None
    period = _period(instrument, report, year, today or dt.date.today())
    data, vis = _checked(forms, entries, visibility)
    with eng.begin() as conn:
        probe = Submission(0, forms.instrument, iso3, report, period, 0, "", _now(), None, 0, None)
        existing = _same_report(conn, probe)
        if existing:
            last = existing[-1]
            step = "edit its draft" if last.status == "draft" else "amend it"
            raise ReportConflictError(
                f"{iso3}'s {_name(probe)} to the {forms.instrument} is begun already "
                f"(report {last.id}); {step} instead."
            )
        inserted = conn.execute(
            insert(s.report_submission).values(
                instrument=forms.instrument, state=iso3, report=report, year=period, version=1,
                status="draft", created=_now(), submitted=None, account=actor.id, fact=None,
            )
        )  # fmt: skip
        new_id = _inserted_id(inserted)
        _write_forms(conn, int(new_id), data, vis)
        sub = _get(conn, int(new_id))
        target = f"report:{sub.id}"
        audit.record(conn, actor, "report.draft", target, None, sub.audit_view(), comment)
    return sub


def save(
    eng: Engine,
    actor: Actor,
    submission_id: int,
    entries: Any,
    visibility: Any = None,
    comment: str = "",
) -> Submission:
    """Replace a draft's entries (and, if given, its forms' visibility). A value of the
    wrong kind is refused with every problem; what is required may still be missing."""
    from treatywatch.workspace import audit

    with eng.begin() as conn:
        before = _get(conn, submission_id, lock=True)
        if before.status != "draft":
            raise ReportConflictError(
                f"Report {submission_id} (version {before.version}) is submitted and kept as "
                "it was; amend it to change it."
            )
        forms = forms_of(before.instrument)
        data, vis = _checked(forms, entries, visibility, before.visibility)
        _write_forms(conn, submission_id, data, vis)
        after = _get(conn, submission_id)
        audit.record(
            conn, actor, "report.save", f"report:{submission_id}",
            before.audit_view(), after.audit_view(), comment,
        )  # fmt: skip
    return after


def submit(
    eng: Engine, actor: Actor, submission_id: int, comment: str = "", now: dt.datetime | None = None
) -> Submission:
    """Submit a draft. The first version submitted sets the day the report was received;
    an amendment's submission replaces what the public sees and keeps that day."""
    from treatywatch.workspace.retry import retrying

    def once() -> Submission:
        with eng.begin() as conn:
            return _submit(conn, actor, submission_id, comment, now or _now())

    # another writer may take the fact or citation id this one chose (see retry.py)
    return retrying(
        once,
        lambda _busy: ReportConflictError(
            "The record was changed by someone else at the same moment; submit again."
        ),
    )


def _submit(
    conn: Connection, actor: Actor, submission_id: int, comment: str, now: dt.datetime
) -> Submission:
    from sqlalchemy import update

    from treatywatch.workspace import audit

    before = _get(conn, submission_id, lock=True)
    if before.status != "draft":
        raise ReportConflictError(
            f"Report {submission_id} (version {before.version}) is submitted already."
        )
    found = problems(before)
    if found:
        raise ReportInvalidError(found)
    fact = next((r.fact for r in _same_report(conn, before) if r.fact is not None), None)
    if fact is None:
        fact = _receive(conn, before, now.date())
    conn.execute(
        update(s.report_submission)
        .where(s.report_submission.c.id == submission_id)
        .values(status="submitted", submitted=now, fact=fact)
    )
    after = _get(conn, submission_id)
    audit.record(
        conn, actor, "report.submit", f"report:{submission_id}",
        before.audit_view(), {**after.audit_view(), "received": now.date().isoformat()}, comment,
    )  # fmt: skip
    _bump_revision(conn, f"report:{submission_id}:submitted")
    return after


def amend(eng: Engine, actor: Actor, submission_id: int, comment: str = "") -> Submission:
    """A new draft version of a submitted report, holding what the latest version holds.
    Every earlier version is kept; until the new one is submitted, the public sees the last
    submitted one."""
    from sqlalchemy import insert

    from treatywatch.workspace import audit

    with eng.begin() as conn:
        base = _get(conn, submission_id, lock=True)
        same = _same_report(conn, base)
        latest = same[-1]
        if latest.status == "draft":
            raise ReportConflictError(
                f"Version {latest.version} of this report (report {latest.id}) is a draft "
                "already; edit it instead."
            )
        source = _get(conn, latest.id)
        inserted = conn.execute(
            insert(s.report_submission).values(
                instrument=source.instrument, state=source.state, report=source.report,
                year=source.year, version=source.version + 1, status="draft", created=_now(),
                submitted=None, account=source.account, fact=None,
            )
        )  # fmt: skip
        new_id = _inserted_id(inserted)
        _write_forms(conn, int(new_id), source.entries, source.visibility)
        sub = _get(conn, int(new_id))
        audit.record(
            conn, actor, "report.amend", f"report:{sub.id}",
            source.audit_view(), sub.audit_view(), comment,
        )  # fmt: skip
    return sub


def _inserted_id(result: Any) -> int:
    key = result.inserted_primary_key
    assert key is not None
    return int(key[0])


def _name(sub: Submission) -> str:
    return "initial report" if sub.report == "initial" else f"annual report covering {sub.year}"


def source_id(sub: Submission) -> str:
    return f"online-report-{sub.id}"


def public_path(instrument: str, state: str, period: str) -> str:
    return f"/reports/{instrument}/{state}/{period}"


def _receive(conn: Connection, sub: Submission, day: dt.date) -> int:
    """The transparency record's fact that the report was received on ``day``, citing a
    source made for this submission; its id."""
    from sqlalchemy import insert

    from treatywatch import registry

    name = registry.get(sub.state).name
    sid = source_id(sub)
    conn.execute(
        insert(s.source).values(
            id=sid, authority="official",
            title=f"{name}: Article 7 {_name(sub)} to the {sub.instrument}, submitted online",
            publisher=f"Government of {name}, through its national focal point",
            url=public_path(sub.instrument, sub.state, sub.period), sha256=None,
            published=day, retrieved=day, origin="workspace",
        )
    )  # fmt: skip
    fact_id = _next_id(conn, s.report_fact)
    conn.execute(
        insert(s.report_fact).values(
            id=fact_id, instrument=sub.instrument, state=sub.state, report=sub.report,
            year=sub.year, status="received", date=day,
            note=f"submitted online by the state's focal point (report {sub.id})",
            origin="workspace",
        )
    )  # fmt: skip
    conn.execute(
        insert(s.citation).values(
            id=_next_id(conn, s.citation), fact_type="report", fact_id=str(fact_id),
            source=sid, locator=f"version {sub.version}, day of submission", origin="workspace",
        )
    )  # fmt: skip
    return fact_id


def _next_id(conn: Connection, table: Any) -> int:
    from sqlalchemy import func, select

    top = conn.execute(select(func.max(table.c.id))).scalar() or 0
    return max(int(top), FACT_ID_BASE) + 1


def _bump_revision(conn: Connection, marker: str) -> None:
    """A new revision, so that every reader of the record (the site, the commands' copies)
    reads it again and the rules engine counts the new fact."""
    from sqlalchemy import insert, select, update

    old = conn.execute(
        select(s.build_info.c.value).where(s.build_info.c.key == "revision")
    ).scalar()
    rev = hashlib.sha256(f"{old}|{marker}".encode()).hexdigest()
    if old is None:
        conn.execute(insert(s.build_info).values(key="revision", value=rev))
    else:
        conn.execute(update(s.build_info).where(s.build_info.c.key == "revision").values(value=rev))
