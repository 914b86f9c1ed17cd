"""The workspace's door: who gets in, what each role reaches, forms that only their own page
can send, and the audit log of every change. Against the app over the bundled record."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.conftest import DATA

PASSWORD = "correct horse battery"
ROLES = ("anonymous", "editor", "focal-point", "administrator")
#: The accounts the route table signs in as, one per role (the focal point is Norway's).
ACCOUNTS = {
    "editor": ("ed", "editor", None),
    "focal-point": ("fp-nor", "focal-point", "NOR"),
    "administrator": ("admin", "administrator", None),
}
PAGE_ANON = 303  # a page asked for without a session sends the browser to the login form
API_ANON = 401


@pytest.fixture(scope="module")
def ws_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A database of its own (the tests add accounts and facts), with one account per role."""
    from treatywatch.store.build import build
    from treatywatch.store.db import engine
    from treatywatch.workspace import accounts

    path = tmp_path_factory.mktemp("workspace") / "ws.sqlite"
    build(str(path), DATA)
    eng = engine(str(path))
    from treatywatch.store.migrate import upgrade

    with eng.begin() as conn:
        upgrade(conn)
    for name, role, state in ACCOUNTS.values():
        accounts.add(eng, name, PASSWORD, role, state)
    return str(path)


@pytest.fixture(scope="module")
def app(ws_db: str) -> Any:
    from treatywatch.api.app import create_app

    return create_app(ws_db, workspace=True)


_addresses = iter(range(1, 250))


def new_client(app: Any) -> TestClient:
    """A browser of its own (cookies) from an address of its own, so that one test's failed
    logins never count against another's."""
    # https: the session cookie is Secure, so the client sends it back only over TLS.
    return TestClient(
        app,
        base_url="https://testserver",
        follow_redirects=False,
        client=(f"192.0.2.{next(_addresses)}", 50000),
    )


def form_token(client: TestClient, path: str = "/workspace/login") -> str:
    page = client.get(path)
    assert page.status_code == 200, page.text
    match = re.search(r'name="csrf_token" value="([^"]+)"', page.text)
    assert match, f"no csrf_token field on {path}"
    return match.group(1)


def sign_in(client: TestClient, name: str, password: str = PASSWORD) -> Any:
    token = form_token(client)
    return client.post(
        "/workspace/login", data={"name": name, "password": password, "csrf_token": token}
    )


def signed_in(app: Any, role: str) -> TestClient:
    client = new_client(app)
    if role != "anonymous":
        assert sign_in(client, ACCOUNTS[role][0]).status_code == 303
    return client


def session_csrf(client: TestClient) -> str:
    return form_token(client, "/workspace/")


@pytest.fixture(scope="module")
def clients(app: Any) -> Iterator[dict[str, TestClient]]:
    made = {role: signed_in(app, role) for role in ROLES}
    yield made
    for c in made.values():
        c.close()


def first_action_and_source(db: str) -> tuple[int, str]:
    from sqlalchemy import select

    from treatywatch.store import schema as s
    from treatywatch.store.db import engine

    with engine(db).connect() as conn:
        row = conn.execute(
            select(s.action.c.id, s.citation.c.source)
            .join(s.citation, s.citation.c.fact_id == s.action.c.id.cast(s.citation.c.fact_id.type))
            .where(s.citation.c.fact_type == "action")
            .order_by(s.action.c.id)
        ).first()
    assert row is not None
    return int(row.id), str(row.source)


# -- every route, every role ---------------------------------------------------------------

E, F, A = "editor", "focal-point", "administrator"


def _expect(anon: int, allowed: set[str], yes: int, no: int = 403) -> dict[str, int]:
    return {"anonymous": anon} | {r: (yes if r in allowed else no) for r in (E, F, A)}


#: (method, path, body kind, expected status per role). A POST an account may make is sent
#: with input the route refuses (422), so the table shows it got past authorisation without
#: changing anything.
ROUTES: list[tuple[str, str, str | None, dict[str, int]]] = [
    ("GET", "/workspace/login", None, _expect(200, {E, F, A}, 200)),
    ("GET", "/workspace/", None, _expect(PAGE_ANON, {E, F, A}, 200)),
    ("GET", "/workspace/api/me", None, _expect(API_ANON, {E, F, A}, 200)),
    ("GET", "/workspace/accounts", None, _expect(PAGE_ANON, {A}, 200)),
    ("POST", "/workspace/accounts", "bad-account", _expect(PAGE_ANON, {A}, 422)),
    ("POST", "/workspace/accounts/nobody/role", "bad-role", _expect(PAGE_ANON, {A}, 422)),
    ("POST", "/workspace/accounts/nobody/disable", "form", _expect(PAGE_ANON, {A}, 422)),
    ("GET", "/workspace/audit", None, _expect(PAGE_ANON, {E, A}, 200)),
    ("GET", "/workspace/audit?format=csv", None, _expect(PAGE_ANON, {E, A}, 200)),
    ("GET", "/workspace/api/audit", None, _expect(API_ANON, {E, A}, 200)),
    ("GET", "/workspace/facts/action/1/history", None, _expect(PAGE_ANON, {E, A}, 200)),
    ("GET", "/workspace/facts/actions/new", None, _expect(PAGE_ANON, {E, A}, 200)),
    ("POST", "/workspace/facts/actions", "bad-correction", _expect(PAGE_ANON, {E, A}, 422)),
    ("POST", "/workspace/api/facts/actions", "bad-json", _expect(API_ANON, {E, A}, 422)),
    # Review (routes_review): the route table's database has no document ingested, so a
    # document's page and form answer 404 once past authorisation.
    ("GET", "/workspace/review", None, _expect(PAGE_ANON, {E, A}, 200)),
    ("GET", "/workspace/review/0123456789abcdef", None, _expect(PAGE_ANON, {E, A}, 404)),
    ("POST", "/workspace/review/0123456789abcdef", "form", _expect(PAGE_ANON, {E, A}, 404)),
    ("GET", "/workspace/api/candidates", None, _expect(API_ANON, {E, A}, 200)),
    ("POST", "/workspace/api/candidates/accept", "bad-json", _expect(API_ANON, {E, A}, 422)),
    ("POST", "/workspace/api/candidates/reject", "bad-json", _expect(API_ANON, {E, A}, 422)),
    ("POST", "/workspace/logout", "form", _expect(PAGE_ANON, set(), 0)),  # below
]
BAD_CORRECTION = {
    "instrument": "CCM",
    "state": "NOR",
    "kind": "ratification",
    "date": "2009-01-01",
    "source": "no-such-source",
    "locator": "p. 1",
    "comment": "test",
}


def _send(client: TestClient, method: str, path: str, body: str | None, csrf: str) -> Any:
    if method == "GET":
        return client.get(path)
    if body == "bad-json":
        return client.post(path, json=BAD_CORRECTION, headers={"X-CSRF-Token": csrf})
    data = {"csrf_token": csrf}
    if body == "bad-account":
        data |= {"name": "short-pw", "password": "x", "role": "editor"}
    elif body == "bad-role":
        data |= {"role": "editor"}
    elif body == "bad-correction":
        data |= BAD_CORRECTION
    return client.post(path, data=data)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(
    ("method", "path", "body", "expected"),
    [r for r in ROUTES if r[1] != "/workspace/logout"],
    ids=[f"{r[0]} {r[1]}" for r in ROUTES if r[1] != "/workspace/logout"],
)
def test_each_route_answers_each_role_as_the_permission_table_says(
    clients: dict[str, TestClient],
    role: str,
    method: str,
    path: str,
    body: str | None,
    expected: dict[str, int],
) -> None:
    client = clients[role]
    csrf = session_csrf(client) if role != "anonymous" else "no-session"
    response = _send(client, method, path, body, csrf)
    assert response.status_code == expected[role], response.text[:300]
    if response.status_code == PAGE_ANON:
        assert response.headers["location"].startswith("/workspace/login?next=")
    if response.status_code in (401, 403, 422) and "/api/" in path:
        assert response.json()["error"].endswith(".")


def test_the_route_table_names_every_route_of_the_auth_audit_accounts_and_facts_modules(
    app: Any,
) -> None:
    # A route added to these modules without a row above would go untested for authorisation.
    from fastapi.routing import APIRoute

    from treatywatch.workspace import (
        routes_accounts,
        routes_audit,
        routes_auth,
        routes_facts,
        routes_review,
    )

    tested = [(m, p.removeprefix("/workspace").split("?")[0]) for m, p, _, _ in ROUTES]
    tested.append(("POST", "/login"))  # signing in has tests of its own below
    untested = [
        f"{method} {route.path}"
        for module in (routes_auth, routes_audit, routes_accounts, routes_facts, routes_review)
        for route in module.router.routes
        if isinstance(route, APIRoute)
        for method in route.methods
        if not any(m == method and route.path_regex.match(p) for m, p in tested)
    ]
    assert untested == []


def test_a_focal_point_is_told_in_one_sentence_why_it_may_not(
    clients: dict[str, TestClient],
) -> None:
    response = clients[F].get("/workspace/api/audit")
    assert response.status_code == 403
    assert response.json()["error"] == "Your account (focal-point) may not do this."


def test_me_names_the_account_and_what_it_may_do(clients: dict[str, TestClient]) -> None:
    me = clients[F].get("/workspace/api/me").json()
    assert (me["name"], me["role"], me["state"]) == ("fp-nor", "focal-point", "NOR")
    assert set(me["permissions"]) == {"report.read", "report.write"}
    assert "password" not in str(me)
    home = clients[A].get("/workspace/")
    assert "Add accounts, change their roles and disable them." in home.text
    assert "Signed in as <strong>admin</strong>" in home.text


# -- CSRF ------------------------------------------------------------------------------------

STATE_CHANGING = [(m, p, b) for m, p, b, _ in ROUTES if m == "POST"]


@pytest.mark.parametrize(
    ("method", "path", "body"), STATE_CHANGING, ids=[r[1] for r in STATE_CHANGING]
)
@pytest.mark.parametrize("token", ["missing", "wrong"])
def test_a_form_without_its_csrf_token_is_refused_with_403(
    app: Any, method: str, path: str, body: str | None, token: str
) -> None:
    client = signed_in(app, A if "accounts" in path or "logout" in path else E)
    sent = "" if token == "missing" else "forged-" + "x" * 40
    if body == "bad-json":
        headers = {} if token == "missing" else {"X-CSRF-Token": sent}
        response = client.post(path, json=BAD_CORRECTION, headers=headers)
    else:
        data = {"csrf_token": sent} if token == "wrong" else {}
        response = client.post(path, data=data | {"name": "x", "role": "editor"})
    assert response.status_code == 403
    assert client.get("/workspace/api/me").status_code == 200  # still signed in: nothing ran


def test_the_login_form_itself_needs_its_token(app: Any) -> None:
    client = new_client(app)
    client.get("/workspace/login")
    response = client.post("/workspace/login", data={"name": "ed", "password": PASSWORD})
    assert response.status_code == 403
    assert "tw_session" not in response.headers.get("set-cookie", "")


# -- signing in ------------------------------------------------------------------------------


def test_the_session_cookie_is_secure_httponly_samesite_strict_and_only_for_the_workspace(
    app: Any,
) -> None:
    response = sign_in(new_client(app), "ed")
    assert response.status_code == 303
    cookie = next(c for c in response.headers.get_list("set-cookie") if c.startswith("tw_session="))
    flags = {part.strip().split("=")[0].lower(): part.strip() for part in cookie.split(";")}
    assert "secure" in flags
    assert "httponly" in flags
    assert flags["samesite"].lower() == "samesite=strict"
    assert flags["path"] == "Path=/workspace"
    assert len(cookie.split(";")[0].split("=", 1)[1]) >= 40  # a token nobody guesses


def test_a_wrong_password_is_refused_and_the_form_says_so_in_one_sentence(app: Any) -> None:
    response = sign_in(new_client(app), "ed", "not the password")
    assert response.status_code == 401
    assert "The name or the password is wrong, or the account is disabled." in response.text


def test_a_disabled_account_cannot_sign_in_and_loses_its_sessions(ws_db: str, app: Any) -> None:
    from treatywatch.store.db import engine
    from treatywatch.workspace import accounts

    accounts.add(engine(ws_db), "leaving", PASSWORD, "editor")
    browser = new_client(app)
    assert sign_in(browser, "leaving").status_code == 303
    assert browser.get("/workspace/api/me").status_code == 200
    accounts.disable(engine(ws_db), "leaving", actor="admin-test")
    assert browser.get("/workspace/api/me").status_code == 401  # the open session ended
    again = sign_in(new_client(app), "leaving")
    assert again.status_code == 401
    assert "tw_session" not in again.headers.get("set-cookie", "")


def test_the_sixth_failed_login_for_one_name_within_a_minute_is_refused_even_with_the_password(
    ws_db: str, app: Any
) -> None:
    from treatywatch.store.db import engine
    from treatywatch.workspace import accounts

    accounts.add(engine(ws_db), "guessed", PASSWORD, "editor")
    # Each attempt from another address: limiting by address alone would not stop this.
    for _ in range(5):
        assert sign_in(new_client(app), "guessed", "wrong guess").status_code == 401
    refused = sign_in(new_client(app), "guessed", PASSWORD)
    assert refused.status_code == 429
    assert "Too many failed logins for this account or address; wait a minute" in refused.text
    assert "tw_session" not in refused.headers.get("set-cookie", "")
    assert sign_in(new_client(app), "ed").status_code == 303  # other accounts are unaffected


def test_the_sixth_failed_login_from_one_address_within_a_minute_is_refused(app: Any) -> None:
    client = new_client(app)  # one address trying many names
    for i in range(5):
        assert sign_in(client, f"nobody-{i}", "guess").status_code == 401
    assert sign_in(client, "admin").status_code == 429


def test_failures_older_than_a_minute_no_longer_count(ws_db: str) -> None:
    from treatywatch.store.db import engine
    from treatywatch.workspace import ratelimit

    eng = engine(ws_db)
    then = dt.datetime(2030, 1, 1, 12, 0, 0)
    for _ in range(5):
        ratelimit.failed(eng, "slow", "198.51.100.7", now=then)
    assert ratelimit.too_many(eng, "slow", "198.51.100.8", now=then + dt.timedelta(seconds=59))
    assert not ratelimit.too_many(eng, "slow", "198.51.100.8", now=then + dt.timedelta(seconds=61))


def test_after_signing_in_the_browser_goes_where_it_was_going_and_only_inside_the_workspace(
    app: Any,
) -> None:
    client = new_client(app)
    first = client.get("/workspace/audit?actor=ed")
    assert first.headers["location"] == "/workspace/login?next=/workspace/audit"
    for target, lands in (
        ("/workspace/audit", "/workspace/audit"),
        ("https://evil.example/", "/workspace/"),
        ("//evil.example/workspace/", "/workspace/"),
    ):
        browser = new_client(app)
        token = form_token(browser)
        response = browser.post(
            "/workspace/login",
            data={"name": "ed", "password": PASSWORD, "csrf_token": token, "next": target},
        )
        assert response.headers["location"] == lands


def test_logout_ends_the_session_on_the_server(app: Any) -> None:
    client = signed_in(app, E)
    cookie = client.cookies.get("tw_session")
    out = client.post("/workspace/logout", data={"csrf_token": session_csrf(client)})
    assert out.status_code == 303
    assert out.headers["location"] == "/workspace/login"
    assert cookie
    replay = new_client(app).get("/workspace/api/me", headers={"Cookie": f"tw_session={cookie}"})
    assert replay.status_code == 401  # the old token is worth nothing now


# -- the public site stays read-only ---------------------------------------------------------


def test_without_the_flag_there_is_no_workspace_and_no_write(ws_db: str) -> None:
    from treatywatch.api.app import create_app

    public = TestClient(create_app(ws_db), base_url="https://testserver", follow_redirects=False)
    for path in ("/workspace", "/workspace/", "/workspace/login", "/workspace/api/me"):
        assert public.get(path).status_code == 404, path
    refused = public.post("/workspace/login", data={"name": "ed", "password": PASSWORD})
    assert refused.status_code == 405
    assert public.post("/workspace/api/facts/actions", json=BAD_CORRECTION).status_code == 405


def test_with_the_workspace_the_public_site_still_refuses_writes(app: Any) -> None:
    client = signed_in(app, A)
    assert client.post("/api/v1/states", json={}).status_code == 405
    assert client.delete("/states/NOR").status_code == 405
    assert client.get("/states/NOR").status_code == 200


# -- administrators manage accounts; every change is in the audit log ------------------------


def test_an_administrator_adds_changes_and_disables_an_account_and_each_is_audited(
    ws_db: str, app: Any
) -> None:
    from treatywatch.store.db import engine
    from treatywatch.workspace import audit

    admin = signed_in(app, A)
    csrf = session_csrf(admin)
    added = admin.post(
        "/workspace/accounts",
        data={"csrf_token": csrf, "name": "ana", "password": PASSWORD, "role": "editor",
              "comment": "joins the support unit"},
    )  # fmt: skip
    assert added.status_code == 303
    assert "Account ana added." in admin.get(added.headers["location"]).text
    ana = new_client(app)
    assert sign_in(ana, "ana").status_code == 303
    moved = admin.post(
        "/workspace/accounts/ana/role",
        data={"csrf_token": csrf, "role": "focal-point", "state": "lao", "comment": "seconded"},
    )
    assert moved.status_code == 303
    assert ana.get("/workspace/api/me").status_code == 401  # the old role's session ended
    assert sign_in(ana, "ana").status_code == 303
    assert ana.get("/workspace/api/me").json()["state"] == "LAO"
    gone = admin.post(
        "/workspace/accounts/ana/disable", data={"csrf_token": csrf, "comment": "left"}
    )
    assert gone.status_code == 303
    assert ana.get("/workspace/api/me").status_code == 401

    entries = audit.entries(engine(ws_db), target="account:ana")
    assert [e.action for e in entries] == ["account.disable", "account.role", "account.add"]
    assert {e.actor for e in entries} == {"admin"}
    disable, role, add = entries
    assert add.before is None and add.after is not None
    assert add.after["role"] == "editor" and add.comment == "joins the support unit"
    assert role.before is not None and role.after is not None
    assert (role.before["role"], role.after["role"], role.after["state"]) == (
        "editor", "focal-point", "LAO",
    )  # fmt: skip
    assert disable.after is not None and disable.after["disabled"] is True
    assert all("password" not in str(e.after) for e in entries)

    shown = admin.get("/workspace/api/audit", params={"target": "account:ana"}).json()
    assert [e["action"] for e in shown["entries"]] == [e.action for e in entries]


def test_an_administrator_cannot_lock_itself_out(app: Any) -> None:
    admin = signed_in(app, A)
    response = admin.post(
        "/workspace/accounts/admin/disable", data={"csrf_token": session_csrf(admin)}
    )
    assert response.status_code == 422
    assert "You cannot change your own account" in response.text
    assert admin.get("/workspace/api/me").status_code == 200


def test_a_focal_point_needs_a_registry_state_in_the_accounts_form(app: Any) -> None:
    admin = signed_in(app, A)
    response = admin.post(
        "/workspace/accounts",
        data={"csrf_token": session_csrf(admin), "name": "fp-x", "password": PASSWORD,
              "role": "focal-point", "state": "XXX"},
    )  # fmt: skip
    assert response.status_code == 422
    assert "&#39;XXX&#39; is not the ISO3 code of a state in the registry." in response.text


# -- the audit log: filters, downloads, a fact's history; an editor's correction -------------


def test_an_editor_corrects_an_action_citing_a_source_and_its_history_shows_before_and_after(
    ws_db: str, app: Any
) -> None:
    action_id, source = first_action_and_source(ws_db)
    editor = signed_in(app, E)
    csrf = session_csrf(editor)
    body = {
        "instrument": "CCM", "state": "NOR", "kind": "ratification", "date": "2008-12-03",
        "source": source, "locator": "p. 2", "comment": "the depositary notice gives this day",
        "corrects": action_id,
    }  # fmt: skip
    made = editor.post("/workspace/api/facts/actions", json=body, headers={"X-CSRF-Token": csrf})
    assert made.status_code == 201, made.text
    fact = made.json()["fact"]
    assert fact["origin"] == "workspace"
    assert fact["id"] > 1_000_000_000  # above every id a build hands out: survives rebuilds
    assert fact["citation"] == {"source": source, "locator": "p. 2"}

    history = editor.get(f"/workspace/facts/action/{action_id}/history?format=json").json()
    [entry] = history["entries"]
    assert entry["actor"] == "ed" and entry["action"] == "fact.correct"
    assert entry["before"]["id"] == action_id and entry["after"]["id"] == fact["id"]
    assert entry["comment"] == "the depositary notice gives this day"
    page = editor.get(f"/workspace/facts/action/{action_id}/history")
    assert "the depositary notice gives this day" in page.text

    csv_text = editor.get("/workspace/audit", params={"action": "fact.", "format": "csv"}).text
    header, *lines = csv_text.strip().splitlines()
    assert header.split(",")[:5] == ["id", "at", "actor", "action", "target"]
    assert any(f"fact:action:{action_id}" in line for line in lines)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"source": "no-such-source"}, "No source has the id 'no-such-source'"),
        ({"locator": " "}, "Give the locator"),
        ({"comment": ""}, "Say why in the comment"),
        ({"state": "XXX"}, "'XXX' is not the ISO3 code of a state"),
        ({"kind": "vibes"}, "Action 'vibes' is not one of"),
        ({"instrument": "NPT"}, "'NPT' is not an instrument of the record."),
        ({"corrects": 999_999_999_999}, "No action fact has the id 999999999999."),
    ],
)
def test_a_correction_without_what_it_needs_is_refused_in_one_sentence(
    ws_db: str, app: Any, change: dict[str, Any], message: str
) -> None:
    from treatywatch.store.db import engine
    from treatywatch.workspace import audit

    _, source = first_action_and_source(ws_db)
    editor = signed_in(app, E)
    body = {**BAD_CORRECTION, "source": source, **change}
    before = len(audit.entries(engine(ws_db)))
    response = editor.post(
        "/workspace/api/facts/actions", json=body, headers={"X-CSRF-Token": session_csrf(editor)}
    )
    assert response.status_code == 422
    assert message in response.json()["error"]
    assert len(audit.entries(engine(ws_db))) == before  # nothing written, not even the log


def test_the_audit_log_filters_by_actor_action_target_and_dates(
    ws_db: str, clients: dict[str, TestClient]
) -> None:
    from treatywatch.store.db import engine
    from treatywatch.workspace import accounts

    accounts.add(engine(ws_db), "filtered", PASSWORD, "editor", actor="cli:tester")
    api = clients[E]
    mine = api.get("/workspace/api/audit", params={"actor": "cli:tester"}).json()
    assert [e["target"] for e in mine["entries"]] == ["account:filtered"]
    today = dt.datetime.now(dt.UTC).date()
    window = {"since": today.isoformat(), "until": today.isoformat(), "target": "account:"}
    assert api.get("/workspace/api/audit", params=window).json()["count"] >= 1
    past = {"until": (today - dt.timedelta(days=1)).isoformat()}
    assert api.get("/workspace/api/audit", params=past).json()["count"] == 0
    bad = api.get("/workspace/api/audit", params={"since": "yesterday"})
    assert bad.status_code == 422
    assert "since" in bad.json()["error"]
    page = api.get("/workspace/audit", params={"actor": "cli:tester"})
    assert "account:filtered" in page.text


def test_every_workspace_page_is_served_with_the_sites_security_headers(
    clients: dict[str, TestClient],
) -> None:
    for path in ("/workspace/login", "/workspace/", "/workspace/audit"):
        response = clients[E].get(path)
        assert "script-src 'self'" in response.headers["content-security-policy"]
        assert response.headers["x-frame-options"] == "DENY"
    assert "<script" not in clients[E].get("/workspace/").text.split("</head>")[1]


# -- storage on SQLite and PostgreSQL --------------------------------------------------------


@pytest.mark.postgres
def test_accounts_sessions_and_the_audit_log_are_stored_alike_on_both_databases(
    any_db: str, tmp_path: Path
) -> None:
    from treatywatch.store.db import engine
    from treatywatch.store.migrate import upgrade
    from treatywatch.workspace import accounts, audit, ratelimit, sessions
    from treatywatch.workspace.accounts import AccountError, AccountRole

    eng = engine(any_db)
    with eng.begin() as conn:
        upgrade(conn)
    made = accounts.add(eng, "fp", PASSWORD, "focal-point", "nor", actor="cli:root")
    assert (made.role, made.state, made.disabled) == (AccountRole.FOCAL_POINT, "NOR", False)
    with pytest.raises(AccountError, match="already exists"):
        accounts.add(eng, "fp", PASSWORD, "editor")
    with pytest.raises(AccountError, match="needs --state"):
        accounts.add(eng, "fp2", PASSWORD, "focal-point")
    with pytest.raises(AccountError, match="Only a focal point has a state"):
        accounts.add(eng, "ed", PASSWORD, "editor", "NOR")
    with pytest.raises(AccountError, match="at least 8 characters"):
        accounts.add(eng, "ed", "short", "editor")
    assert accounts.authenticate(eng, "fp", PASSWORD) == made
    assert accounts.authenticate(eng, "fp", PASSWORD + "!") is None
    assert accounts.authenticate(eng, "nobody", PASSWORD) is None

    session = sessions.create(eng, made)
    found = sessions.lookup(eng, session.token)
    assert found is not None and found.account == made and found.csrf == session.csrf
    assert sessions.lookup(eng, "not-a-token") is None
    changed = accounts.set_role(eng, "fp", "editor", actor="cli:root")
    assert changed.state is None and sessions.lookup(eng, session.token) is None
    accounts.disable(eng, "fp", actor="cli:root", comment="gone")
    assert accounts.authenticate(eng, "fp", PASSWORD) is None
    assert [a.name for a in accounts.list_all(eng)] == ["fp"]

    entries = audit.entries(eng, actor="cli:root")
    assert [e.action for e in entries] == ["account.disable", "account.role", "account.add"]
    assert entries[0].comment == "gone" and entries[0].before is not None
    assert audit.entries(eng, action="account.", target="account:fp") == entries
    assert audit.entries(eng, action="account.role")[0].after == changed.as_dict()
    assert audit.entries(eng, target="account:") == entries
    assert audit.entries(eng, target="account_") == []  # a prefix, not a LIKE pattern

    for _ in range(ratelimit.LIMIT):
        ratelimit.failed(eng, "fp", "203.0.113.1")
    assert ratelimit.too_many(eng, "fp", "203.0.113.2")
    assert ratelimit.too_many(eng, "other", "203.0.113.1")
    assert not ratelimit.too_many(eng, "other", "203.0.113.2")


def test_a_rebuild_keeps_accounts_the_audit_log_and_corrected_facts(ws_db: str, app: Any) -> None:
    from sqlalchemy import select

    from treatywatch.query import open_context
    from treatywatch.store import schema as s
    from treatywatch.store.build import build
    from treatywatch.store.db import engine
    from treatywatch.workspace import audit

    _, source = first_action_and_source(ws_db)
    editor = signed_in(app, E)
    body = {
        "instrument": "APMBC", "state": "TUV", "kind": "accession", "date": "2011-09-13",
        "source": source, "locator": "para. 4", "comment": "kept across builds",
    }  # fmt: skip
    made = editor.post(
        "/workspace/api/facts/actions", json=body, headers={"X-CSRF-Token": session_csrf(editor)}
    )
    assert made.status_code == 201, made.text
    fact_id = made.json()["fact"]["id"]
    logged = len(audit.entries(engine(ws_db)))

    build(ws_db, DATA)

    with engine(ws_db).connect() as conn:
        origin = conn.execute(select(s.action.c.origin).where(s.action.c.id == fact_id)).scalar()
    assert origin == "workspace"
    record = open_context(ws_db).record
    assert any(
        a.state == "TUV" and a.kind.value == "accession" and a.instrument == "APMBC"
        and any(c.source_id == source and c.locator == "para. 4" for c in a.citations)
        for a in record.actions
    )  # fmt: skip
    assert len(audit.entries(engine(ws_db))) == logged
    assert editor.get("/workspace/api/me").status_code == 200  # sessions survive too


def test_the_correction_form_stores_the_fact_and_shows_its_history(ws_db: str, app: Any) -> None:
    _, source = first_action_and_source(ws_db)
    editor = signed_in(app, E)
    form = editor.get("/workspace/facts/actions/new")
    assert 'name="csrf_token"' in form.text and 'name="comment"' in form.text
    data = {
        "csrf_token": session_csrf(editor), "instrument": "CCM", "state": "ATG",
        "kind": "accession", "date": "2010-08-23", "source": source, "locator": "p. 9",
        "comment": "from the form",
    }  # fmt: skip
    stored = editor.post("/workspace/facts/actions", data=data)
    assert stored.status_code == 303
    history = editor.get(stored.headers["location"])
    assert history.status_code == 200
    assert "from the form" in history.text and "ATG" in history.text
    refused = editor.post("/workspace/facts/actions", data=data | {"date": "23/08/2010"})
    assert refused.status_code == 422
    assert "YYYY-MM-DD" in refused.text and 'value="p. 9"' in refused.text  # kept for a retry
