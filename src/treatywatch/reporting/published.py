"""What the public site may show of the reports submitted online.

Only submitted versions, only the latest of each report, and of it only the forms the
state made public: a restricted form is dropped here, before anything reaches a page, the
API or a download, so no interface can show it by mistake. Nothing here writes.
"""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING, Any

from treatywatch.reporting import entries as checks
from treatywatch.reporting.schema import FIGURES, forms_for
from treatywatch.reporting.submissions import FormEntry, Submission, versions

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine

CSV_COLUMNS = ("form", "form_title", "field", "label", "row", "column", "value", "unit")


def treaty(name: str) -> str:
    """The treaty with reporting forms an address names (any case), else NotFoundError."""
    from treatywatch import query
    from treatywatch.reporting.schema import treaties_with_forms

    known = treaties_with_forms()
    if name.upper() not in known:
        raise query.NotFoundError(
            f"No reporting forms for {name[:40]!r}; reports are made to {', '.join(known)}."
        )
    return name.upper()


def resolve(name: str, state: str) -> tuple[str, str]:
    """The treaty and the state's code an address names, else NotFoundError."""
    from treatywatch import query, registry

    inst = treaty(name)
    try:
        return inst, registry.resolve(state)
    except registry.UnknownStateError as exc:
        raise query.NotFoundError(str(exc)) from None


def _public(sub: Submission) -> Submission:
    """The version with its restricted forms taken out."""
    forms = {c: f for c, f in sub.forms.items() if f.visibility == "public"}
    return Submission(**{**_fields(sub), "forms": forms})


def _fields(sub: Submission) -> dict[str, Any]:
    return {name: getattr(sub, name) for name in Submission.__dataclass_fields__}


def _has_reports(eng: Engine) -> bool:
    """Whether the database has the online reports' tables: one built before they existed
    (migration 0009), served read-only and never upgraded, has no report to show."""
    from sqlalchemy import inspect

    return bool(inspect(eng).has_table("report_submission"))


def latest(eng: Engine, instrument: str, state: str | None = None) -> list[Submission]:
    """The latest submitted version of each report, public forms only, oldest period first."""
    newest: dict[tuple[str, str, int | None], Submission] = {}
    if not _has_reports(eng):
        return []
    for sub in versions(eng, instrument=instrument, state=state, status="submitted"):
        newest[(sub.state, sub.report, sub.year)] = sub  # versions come in ascending order
    return [_public(x) for x in newest.values()]


def find(eng: Engine, instrument: str, state: str, period: str) -> Submission | None:
    """One report's latest submitted version (``period``: a year covered, or ``initial``)."""
    for sub in latest(eng, instrument, state):
        if sub.period == period:
            return sub
    return None


def figures(sub: Submission) -> dict[str, float]:
    """The totals its public forms give (stocks held, area cleared ...)."""
    return checks.figures(forms_for(sub.instrument), sub.entries)


def figures_by_year(eng: Engine, instrument: str, state: str | None = None) -> list[dict[str, Any]]:
    """Per year covered, each figure summed over the state's (or every state's) annual
    reports, public forms only: ``[{"year": 2024, "reports": 3, "stocks_held": ...}]``."""
    years: dict[int, dict[str, float]] = defaultdict(dict)
    counts: dict[int, int] = defaultdict(int)
    for sub in latest(eng, instrument, state):
        if sub.year is None:
            continue
        counts[sub.year] += 1
        for name, value in figures(sub).items():
            years[sub.year][name] = years[sub.year].get(name, 0) + value
    return [
        {"year": y, "reports": counts[y], **{k: years[y].get(k) for k in FIGURES}}
        for y in sorted(counts)
    ]


def as_dict(sub: Submission) -> dict[str, Any]:
    """A public version as the API and the JSON download give it, with its forms' titles
    and figures."""
    out = sub.as_dict(public_only=True)
    forms = forms_for(sub.instrument)
    for code, entry in out["forms"].items():
        form = forms.form(code)
        entry["title"] = form.title if form else code
        entry.pop("visibility", None)  # every form here is public
    out["figures"] = figures(sub)
    return out


def csv_rows(sub: Submission) -> list[dict[str, Any]]:
    """A public version as rows, one per value (a table's cell is one row too)."""
    forms = forms_for(sub.instrument)
    rows: list[dict[str, Any]] = []
    for form in forms.forms:
        entry: FormEntry | None = sub.forms.get(form.code)
        if entry is None or entry.visibility != "public":
            continue
        for f in form.fields:
            value = entry.data.get(f.name)
            if value is None:
                continue
            if f.type != "table":
                rows.append(_cell(form.code, form.title, f.name, f.label, "", "", value, f.unit))
                continue
            for n, row in enumerate(value, 1):
                for col in f.columns:
                    if col.name in row:
                        rows.append(
                            _cell(
                                form.code, form.title, f.name, f.label, str(n), col.name,
                                row[col.name], col.unit,
                            )
                        )  # fmt: skip
    return rows


def _cell(
    form: str, title: str, name: str, label: str, row: str, column: str, value: Any, unit: str
) -> dict[str, Any]:
    shown = ("yes" if value else "no") if isinstance(value, bool) else value
    return dict(zip(CSV_COLUMNS, (form, title, name, label, row, column, shown, unit), strict=True))
