"""The `treatywatch` command. Each command is one call into the library, then formatting."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer

from treatywatch.cli.common import (
    AsOfOption,
    DbOption,
    Format,
    FormatOption,
    UserError,
    WideOption,
    dumps,
    fail,
    output,
    parse_date,
    resolve_db,
)

app = typer.Typer(
    name="treatywatch",
    # Docstrings are wrapped for the source; markdown joins their lines into paragraphs
    # that the terminal's width wraps.
    rich_markup_mode="markdown",
    help=(
        "The sourced record of the Convention on Cluster Munitions and its sister treaties.\n\n"
        "Start with `treatywatch build` (reads data/ into a local SQLite database), then ask:\n\n"
        "  treatywatch status CCM --as-of 2011-09-16\n\n"
        "  treatywatch state 'Lao DPR'\n\n"
        "  treatywatch serve   (dashboard and API on http://127.0.0.1:8000)"
    ),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

F = TypeVar("F", bound=Callable[..., Any])


def handles_user_errors(fn: F) -> F:
    """Turn the library's 'you asked for something that isn't there' into exit 1."""
    import functools

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except Exception as exc:
            # The error types are imported only once something failed: the record's loader
            # and the build lock cost a read command start-up time it need not spend.
            from treatywatch.query import BadRequestError, NotFoundError
            from treatywatch.record import RecordError
            from treatywatch.store.db import MissingDatabaseError
            from treatywatch.store.lock import BuildLockedError

            if isinstance(exc, RecordError):
                typer.echo(str(exc), err=True)
                raise typer.Exit(1) from None
            mistakes = (
                UserError, NotFoundError, BadRequestError, MissingDatabaseError,
                BuildLockedError,
            )  # fmt: skip
            if isinstance(exc, mistakes):
                fail(str(exc).strip("'\""))
            raise

    return wrapper  # type: ignore[return-value]


@app.command()
@handles_user_errors
def build(
    db: DbOption = None,
    data: Annotated[
        Path | None,
        typer.Option(
            help="The record folder. Default: $TREATYWATCH_DATA, else ./data of this checkout."
        ),
    ] = None,
) -> None:
    """Validate the record in data/ and build the database from it.

    Every problem is reported with its file and line, and then nothing is written: the
    previous database stays as it was. Documents accepted through `review` are kept.
    """
    from treatywatch.record import default_data_dir
    from treatywatch.store.build import build as run_build

    target = resolve_db(db)
    report = run_build(target, data or default_data_dir())
    counts = ", ".join(f"{v} {k}" for k, v in report.counts.items() if v and k != "conflict")
    typer.echo(f"Built {target} from {data or default_data_dir()}: {counts}.", err=True)
    if report.conflicts:
        typer.echo(
            f"{report.conflicts} facts have sources that disagree; "
            "`treatywatch conflicts` lists them.",
            err=True,
        )


@app.command()
@handles_user_errors
def status(
    treaty: Annotated[str, typer.Argument(help="CCM, APMBC, or a declaration id.")],
    as_of: AsOfOption = None,
    state: Annotated[str | None, typer.Option(help="Only this state (any name or code).")] = None,
    fmt: FormatOption = Format.table,
    wide: WideOption = False,
    db: DbOption = None,
) -> None:
    """Where every state stands toward a treaty on a date, with the totals.

    Every state in the registry is listed, as on the web page and in the downloads.
    status is one of state_party, not_in_force_yet (consent given, entry into force for
    that state not yet reached on that date), signatory, withdrawn, not_joined (no step
    that binds it), cannot_deposit (Kosovo: the UN Secretary-General, the depositary,
    accepts no instrument from it).

    Example: treatywatch status CCM --as-of 2011-09-16 --format csv
    """
    from treatywatch.query import STATUS_COLUMNS, find_instrument, open_context, states

    ctx = open_context(resolve_db(db))
    inst = find_instrument(ctx, treaty)
    day = parse_date(as_of)
    rows = states(ctx, inst.id, day)
    if state is not None:
        from treatywatch.query import find_state

        iso3 = find_state(state).iso3
        rows = [r for r in rows if r["iso3"] == iso3]
    output(
        rows,
        fmt,
        STATUS_COLUMNS,
        title=f"{inst.id} as of {day or 'today'}",
        optional=("withdrawal_effective", "consent_type", "signature"),
        wide=wide,
        footer=None if state else _status_totals(rows),
    )


def _status_totals(rows: list[dict[str, Any]]) -> str:
    """Per-status totals, and what they are counted out of."""
    from treatywatch import registry
    from treatywatch.query import count_statuses

    counts = count_statuses(rows)

    parts = [f"{name.replace('_', ' ')} {n}" for name, n in counts.items() if n]
    every = registry.all_states()
    members = sum(1 for st in every if st.un_member)
    others = [
        st.name for st in every if not st.un_member and st.iso3 not in registry.CANNOT_DEPOSIT
    ]
    apart = [st.name for st in every if st.iso3 in registry.CANNOT_DEPOSIT]
    return (
        f"Totals: {', '.join(parts)}; out of {members + len(others)} states that can "
        f"deposit an instrument with the UN Secretary-General (the {members} UN members, "
        f"{', '.join(others)}); {', '.join(apart)} counted apart."
    )


@app.command("state")
@handles_user_errors
def state_cmd(
    name: Annotated[str, typer.Argument(help="Any name, former name, alias or ISO code.")],
    fmt: FormatOption = Format.table,
    db: DbOption = None,
) -> None:
    """A state's whole story: names, actions, participation, statements and sources.

    Example: treatywatch state "Lao DPR"   (the same as: Laos, LAO)
    """
    from treatywatch.query import open_context, state_story

    story = state_story(open_context(resolve_db(db)), name)
    if fmt is Format.json:
        sys.stdout.write(dumps(story) + "\n")
        return
    if fmt is Format.csv:
        output(story["actions"], fmt, ("instrument", "action", "date", "note"))
        return
    _print_story(story)


def _print_story(story: dict[str, Any]) -> None:
    from rich.console import Console

    from treatywatch.cli.common import print_table

    console = Console()
    console.print(f"[bold]{story['name']}[/bold] ({story['iso3']}) — {story['formal_name']}")
    console.print(
        f"{story['region']} / {story['subregion']}; "
        f"groupings: {', '.join(story['groupings']) or '—'}"
    )
    console.print(f"Also known as: {', '.join(story['names'])}")
    first_source = lambda row: row["citations"][0]["source"] if row["citations"] else ""  # noqa: E731
    for key, cols, title in (
        ("actions", ("instrument", "action", "date", "source"), "Actions"),
        ("participation", ("event_name", "start", "role", "source"), "Participation"),
        ("statements", ("date", "event", "stance", "text", "source"), "Statements"),
        (
            "obligation_facts",
            ("instrument", "obligation", "kind", "date", "deadline", "source"),
            "Obligations on record",
        ),
    ):
        rows = [{**r, "source": first_source(r)} for r in story[key]]
        if rows:
            print_table(rows, cols, title)
    if story["conflicts"]:
        console.print("[bold]Sources disagree on:[/bold]")
        for c in story["conflicts"]:
            values = "; ".join(_variant_text(v, c["field"]) for v in c["variants"])
            console.print(f"  {c['key']} {c['field']}: {values}")
    print_table(story["sources"], ("id", "title", "url"), "Sources")


@app.command()
@handles_user_errors
def events(
    treaty: Annotated[str | None, typer.Option(help="Only events of this treaty.")] = None,
    kind: Annotated[
        str | None, typer.Option(help="conference, meeting_of_states_parties, ...")
    ] = None,
    fmt: FormatOption = Format.table,
    wide: WideOption = False,
    db: DbOption = None,
) -> None:
    """Meetings and conferences, oldest first.

    Example: treatywatch events --treaty CCM --kind meeting_of_states_parties
    """
    from treatywatch.query import EVENT_COLUMNS, open_context
    from treatywatch.query import events as query_events

    output(
        query_events(open_context(resolve_db(db)), treaty, kind),
        fmt,
        EVENT_COLUMNS,
        optional=("instrument", "kind", "country", "city"),
        wide=wide,
    )


@app.command()
@handles_user_errors
def event(
    event_id: Annotated[str, typer.Argument(help="An event id from `treatywatch events`.")],
    fmt: FormatOption = Format.table,
    db: DbOption = None,
) -> None:
    """One event: its dates and place, participants, statements, claims, and their sources;
    each count of attendance a source gives, checked against the record's list.

    --format csv gives the participants; json gives everything.

    Example: treatywatch event oslo-2007
    """
    from treatywatch.query import open_context
    from treatywatch.query_meetings import meeting_detail

    detail = meeting_detail(open_context(resolve_db(db)), event_id)
    if fmt is Format.json:
        sys.stdout.write(dumps(detail) + "\n")
        return
    if fmt is Format.csv:
        output(detail["participants"], fmt, ("participant", "name", "role"))
        return
    _print_event(detail)


def _print_event(detail: dict[str, Any]) -> None:
    from collections import Counter

    from rich.console import Console

    from treatywatch.cli.common import print_table

    console = Console()
    when = " to ".join(str(d) for d in dict.fromkeys((detail["start"], detail["end"])) if d)
    where = ", ".join(x for x in (detail["city"], detail["country"]) if x)
    console.print(f"[bold]{detail['name']}[/bold] ({detail['id']})", highlight=False)
    console.print(
        f"{detail['kind'].replace('_', ' ')}; {when or 'dates not known'}; "
        f"{where or 'place not known'}"
        + (f"; {detail['instrument']}" if detail["instrument"] else ""),
        highlight=False,
    )
    if detail["note"]:
        console.print(detail["note"], markup=False)

    def first(row: dict[str, Any]) -> str:
        return str(row["citations"][0]["source"]) if row["citations"] else ""

    people = detail["participants"]
    if people:
        roles = Counter(p["role"] for p in people)
        by_role = ", ".join(f"{n} {role}" for role, n in sorted(roles.items()))
        print_table(
            [{**p, "source": first(p)} for p in people],
            ("participant", "name", "role", "source"),
            f"Participants on record: {len(people)} ({by_role})",
            optional=("source", "participant"),
        )
    else:
        console.print("No participants on record.")
    if detail["statements"]:
        print_table(
            [{**st, "source": first(st)} for st in detail["statements"]],
            ("speaker_name", "date", "stance", "text", "source"),
            "Statements",
            optional=("source", "date"),
        )
    if detail["claims"]:
        print_table(
            [{**c, "source": first(c)} for c in detail["claims"]],
            ("property", "quantity", "as_of", "text", "source"),
            "What the sources count",
            optional=("as_of",),
        )
    if detail["count_checks"]:
        console.print("[bold]The list of participants against the sources' counts[/bold]")
    for check in detail["count_checks"]:
        console.print(check["summary"], markup=False, highlight=False)
    for c in detail["conflicts"]:
        values = "; ".join(_variant_text(v, c["field"]) for v in c["variants"])
        console.print(f"Sources disagree on {c['field']}: {values}", markup=False)
    ids: dict[str, dict[str, Any]] = {}
    for group in (detail, *people, *detail["statements"], *detail["claims"]):
        for cite in group["citations"]:
            ids.setdefault(cite["source"], cite)
    print_table(
        [{"id": k, "title": v["title"], "url": v["url"]} for k, v in ids.items()],
        ("id", "title", "url"),
        "Sources",
        optional=("url",),
    )


@app.command()
@handles_user_errors
def sources(
    fact: Annotated[
        str | None,
        typer.Option(help="Only the sources of one fact, e.g. action:12 or event:lima-2007."),
    ] = None,
    fmt: FormatOption = Format.table,
    wide: WideOption = False,
    db: DbOption = None,
) -> None:
    """The sources behind the record, or behind one fact.

    Example: treatywatch sources --fact event:oslo-2007
    """
    from treatywatch.query import SOURCE_COLUMNS, open_context
    from treatywatch.query import sources as query_sources

    rows = query_sources(open_context(resolve_db(db)), fact)
    cols = (*SOURCE_COLUMNS, "locator") if fact else SOURCE_COLUMNS
    output(rows, fmt, cols, optional=("retrieved", "url", "publisher"), wide=wide)


def _variant_text(variant: dict[str, Any], field: str) -> str:
    """One source's value and its sources; a source that gives no value is named too."""
    sources = ", ".join(c["source"] for c in variant["citations"])
    return f"{variant['value'] or f'no {field} given'} ({sources})"


@app.command()
@handles_user_errors
def conflicts(fmt: FormatOption = Format.table, db: DbOption = None) -> None:
    """Facts on which sources disagree: every value, each with its sources."""
    from treatywatch.query import conflicts as query_conflicts
    from treatywatch.query import open_context

    rows = query_conflicts(open_context(resolve_db(db)))
    if fmt is Format.json:
        sys.stdout.write(dumps(rows) + "\n")
        return
    flat = [
        {
            "fact_type": r["fact_type"],
            "key": r["key"],
            "field": r["field"],
            "values": " | ".join(_variant_text(v, r["field"]) for v in r["variants"]),
        }
        for r in rows
    ]
    output(flat, fmt, ("fact_type", "key", "field", "values"))


@app.command()
@handles_user_errors
def serve(
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    db: DbOption = None,
    workspace: Annotated[
        bool,
        typer.Option(
            "--workspace",
            help="Also serve the signed-in workspace under /workspace (accounts: `user add`).",
        ),
    ] = False,
) -> None:
    """Serve the dashboard and the REST API (/api/v1) over a built database.

    On first run, when the SQLite database does not exist yet, it is built from the bundled
    record first (as `treatywatch build` would).
    """
    import uvicorn

    from treatywatch.api.app import create_app
    from treatywatch.query import open_context
    from treatywatch.store.db import sqlite_path

    target = resolve_db(db)
    path = sqlite_path(target)
    if path is not None and not path.exists():
        typer.echo(f"No database at {path} yet: building it from the bundled record.", err=True)
        build(db=target, data=None)
    open_context(target)  # fail now, clearly, if the database has not been built
    _check_free(host, port)
    extra = ", workspace: /workspace" if workspace else ""
    typer.echo(
        f"treatywatch on http://{host}:{port}/ (API: /api/v1{extra}, database {target})", err=True
    )
    uvicorn.run(create_app(target, workspace=workspace), host=host, port=port, log_level="warning")


def _check_free(host: str, port: int) -> None:
    """Say in one sentence, before announcing the address, that it cannot be served: uvicorn
    would print the address, then its own error, and exit 3 (outside 0/1/2)."""
    import errno
    import socket

    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except OSError as exc:
        raise UserError(f"Cannot serve on {host}: {exc.strerror or exc}.") from None
    family, kind, proto, _, address = infos[0]
    with socket.socket(family, kind, proto) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(address)
        except OSError as exc:
            in_use = exc.errno == errno.EADDRINUSE
            why = "is already in use" if in_use else f"cannot be used ({exc.strerror})"
            raise UserError(f"Port {port} on {host} {why}; choose another with --port.") from None


def _register_optional() -> None:
    """Commands that live in their own modules (rules, ingestion)."""
    import importlib

    for module, names in (
        ("treatywatch.cli.rules_commands", ("deadlines", "reports", "series")),
        ("treatywatch.cli.ingest_commands", ("text",)),
        ("treatywatch.cli.extract_commands", ("extract", "eval")),
        ("treatywatch.cli.review_commands", ("ingest", "review")),
        ("treatywatch.cli.export_commands", ("export",)),
        ("treatywatch.cli.user_commands", ("user",)),
    ):
        try:
            mod = importlib.import_module(module)
        except ModuleNotFoundError as exc:
            if exc.name != module:
                raise
            continue
        for name in names:
            obj = getattr(mod, name, None)
            if isinstance(obj, typer.Typer):
                app.add_typer(obj, name=name)
            elif obj is not None:
                app.command(name)(handles_user_errors(obj))


_register_optional()


def run() -> None:
    app()
