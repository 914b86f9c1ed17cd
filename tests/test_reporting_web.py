"""Article 7 reports through the web: a focal point's JSON API and web forms in the workspace,
and the public pages, API and downloads, which show the public forms and never a restricted
one. Against the app over the bundled record."""

from __future__ import annotations

import csv
import io
import re
from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.conftest import DATA

PASSWORD = "a long enough password"
SECRET = "Depot Nine at Xieng Khouang"
FILLED = {
    "A": {"measures": [{"measure": "Law on the Convention", "kind": "legislation"}]},
    "B": {"has_stockpile": False, "destroyed": 400},
    "D": {"retained": [{"type": SECRET, "quantity": 5}]},
    "F": {"contaminated": True, "area_contaminated": 8_400_000, "area_cleared": 52_500},
}
_addresses = iter(range(1, 250))


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    from treatywatch.store.build import build
    from treatywatch.store.db import engine
    from treatywatch.store.migrate import upgrade
    from treatywatch.workspace import accounts

    path = str(tmp_path_factory.mktemp("reports-web") / "reports.sqlite")
    build(path, DATA)
    eng = engine(path)
    with eng.begin() as conn:
        upgrade(conn)
    accounts.add(eng, "fp-lao", PASSWORD, "focal-point", "LAO")
    accounts.add(eng, "fp-nor", PASSWORD, "focal-point", "NOR")
    accounts.add(eng, "ed", PASSWORD, "editor")
    return path


@pytest.fixture(scope="module")
def app(db: str) -> Any:
    from treatywatch.api.app import create_app

    return create_app(db, workspace=True)


def client_of(app: Any, name: str | None = None) -> TestClient:
    # https: the session cookie is Secure; an address of its own keeps logins apart.
    client = TestClient(
        app,
        base_url="https://testserver",
        follow_redirects=False,
        client=(f"192.0.2.{next(_addresses)}", 50000),
    )
    if name is not None:
        token = csrf(client, "/workspace/login")
        done = client.post(
            "/workspace/login", data={"name": name, "password": PASSWORD, "csrf_token": token}
        )
        assert done.status_code == 303, done.text
    return client


def csrf(client: TestClient, path: str = "/workspace/reports") -> str:
    page = client.get(path)
    assert page.status_code == 200, page.text
    match = re.search(r'name="csrf_token" value="([^"]+)"', page.text)
    assert match, f"no csrf_token on {path}"
    return match.group(1)


def api(client: TestClient) -> dict[str, str]:
    return {"X-CSRF-Token": csrf(client)}


def submitted(app: Any, year: int, entries: dict[str, Any] = FILLED) -> dict[str, Any]:
    """LAO's CCM annual report for ``year``, Form D restricted, submitted through the API."""
    fp = client_of(app, "fp-lao")
    headers = api(fp)
    body = {"instrument": "CCM", "state": "LAO", "report": "annual", "year": year}
    made = fp.post("/workspace/api/reports", json=body, headers=headers)
    assert made.status_code == 201, made.text
    rid = made.json()["report"]["id"]
    put = fp.put(
        f"/workspace/api/reports/{rid}/entries",
        json={"entries": entries, "visibility": {"D": "restricted"}},
        headers=headers,
    )
    assert put.status_code == 200, put.text
    done = fp.post(f"/workspace/api/reports/{rid}/submit", json={}, headers=headers)
    assert done.status_code == 200, done.text
    report: dict[str, Any] = done.json()["report"]
    return report


def test_a_focal_point_drafts_checks_submits_and_amends_through_the_api(app: Any) -> None:
    fp = client_of(app, "fp-lao")
    body = {"instrument": "CCM", "state": "LAO", "report": "annual", "year": 2023}
    assert fp.post("/workspace/api/reports", json=body).status_code == 403  # no CSRF token
    headers = api(fp)
    made = fp.post("/workspace/api/reports", json=body, headers=headers)
    assert made.status_code == 201, made.text
    rid = made.json()["report"]["id"]
    assert (
        "Form B, The State Party holds or controls stockpiles of cluster munitions: this "
        "field is required."
    ) in made.json()["problems"]

    bad = fp.put(
        f"/workspace/api/reports/{rid}/entries",
        json={"entries": {"F": {"area_cleared": "a lot"}}},
        headers=headers,
    )
    assert bad.status_code == 422
    assert bad.json()["problems"] == [
        "Form F, Area cleared during the period: 'a lot' is not a number."
    ]
    check = fp.post(f"/workspace/api/reports/{rid}/validate", headers=headers)
    assert check.status_code == 200 and check.json()["valid"] is False
    early = fp.post(f"/workspace/api/reports/{rid}/submit", headers=headers)
    assert early.status_code == 422 and early.json()["problems"]

    restricted = {"entries": FILLED, "visibility": {"D": "restricted"}}
    fp.put(f"/workspace/api/reports/{rid}/entries", json=restricted, headers=headers)
    done = fp.post(f"/workspace/api/reports/{rid}/submit", json={"comment": "ok"}, headers=headers)
    assert done.status_code == 200, done.text
    assert done.json()["report"]["status"] == "submitted"
    again = fp.post(f"/workspace/api/reports/{rid}/submit", headers=headers)
    assert again.status_code == 409

    amended = fp.post(f"/workspace/api/reports/{rid}/amend", json={}, headers=headers)
    assert amended.status_code == 201, amended.text
    assert amended.json()["report"]["version"] == 2
    listed = fp.get("/workspace/api/reports").json()["reports"]
    mine = [(r["year"], r["version"], r["status"]) for r in listed if r["year"] == 2023]
    assert mine == [(2023, 1, "submitted"), (2023, 2, "draft")]


def test_the_public_side_shows_the_public_forms_and_never_the_restricted_one(
    app: Any, db: str
) -> None:
    from treatywatch.api.app import create_app

    submitted(app, 2024)
    # The public site alone, without the workspace, reads the same reports.
    public = TestClient(create_app(db))
    page = public.get("/reports/CCM/LAO/2024")
    assert page.status_code == 200, page.text
    assert "Form B: Stockpiled cluster munitions and their destruction" in page.text
    assert "Form F: Contaminated areas and clearance" in page.text
    assert "Retention and transfer" not in page.text and SECRET not in page.text
    assert "<svg" in page.text  # the figures over the years

    as_json = public.get("/reports/CCM/LAO/2024.json")
    assert as_json.status_code == 200
    forms = as_json.json()["forms"]
    assert "D" not in forms and set("ABCEFGHIJ") == set(forms)
    assert {code for code, f in forms.items() if f["entries"]} == {"A", "B", "F"}
    assert as_json.json()["figures"]["stocks_destroyed"] == 400
    as_csv = public.get("/reports/CCM/LAO/2024.csv")
    assert as_csv.status_code == 200 and as_csv.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(as_csv.text)))
    assert {r["form"] for r in rows} == {"A", "B", "F"}
    assert any(r["field"] == "area_cleared" and r["value"] == "52500" for r in rows)

    listed = public.get("/api/v1/reports/CCM/LAO")
    assert listed.status_code == 200
    years = {r["year"]: r for r in listed.json()["reports"]}
    assert "D" not in years[2024]["forms"] and years[2024]["forms"]["F"]["entries"]
    assert any(
        f["year"] == 2024 and f["area_cleared_m2"] == 52_500 for f in listed.json()["figures"]
    )
    totals = public.get("/api/v1/reports/CCM")
    assert totals.status_code == 200
    for answer in (page, as_json, as_csv, listed, totals, public.get("/reports/CCM/LAO")):
        assert SECRET not in answer.text
        assert 'stocks_retained": 5' not in answer.text


def test_a_focal_point_cannot_reach_another_states_report(app: Any) -> None:
    report = submitted(app, 2022)
    rid = report["id"]
    nor = client_of(app, "fp-nor")
    headers = api(nor)
    assert nor.get(f"/workspace/api/reports/{rid}").status_code == 403
    assert nor.get(f"/workspace/reports/{rid}").status_code == 403
    assert nor.get("/workspace/api/reports?state=LAO").status_code == 403
    assert SECRET not in nor.get("/workspace/api/reports").text
    put = nor.put(f"/workspace/api/reports/{rid}/entries", json={"entries": {}}, headers=headers)
    assert put.status_code == 403
    assert nor.post(f"/workspace/api/reports/{rid}/amend", headers=headers).status_code == 403
    body = {"instrument": "CCM", "state": "LAO", "report": "annual", "year": 2021}
    assert nor.post("/workspace/api/reports", json=body, headers=headers).status_code == 403

    # An editor reads every state's report, restricted forms too, and writes none.
    ed = client_of(app, "ed")
    seen = ed.get(f"/workspace/api/reports/{rid}")
    assert seen.status_code == 200 and seen.json()["report"]["forms"]["D"]["visibility"] == (
        "restricted"
    )
    assert ed.post(f"/workspace/api/reports/{rid}/amend", headers=api(ed)).status_code == 403
    anonymous = client_of(app)
    assert anonymous.get(f"/workspace/api/reports/{rid}").status_code == 401


def test_the_web_form_is_made_from_the_schema_and_submits(app: Any) -> None:
    fp = client_of(app, "fp-lao")
    token = csrf(fp)
    made = fp.post(
        "/workspace/reports",
        data={"csrf_token": token, "instrument": "CCM", "report": "annual", "year": "2020"},
    )
    assert made.status_code == 303, made.text
    where = made.headers["location"]
    page = fp.get(where)
    assert page.status_code == 200
    for name in ("f.B.destroyed", "f.B.stockpiles.0.quantity", "f.F.area_cleared", "f.J.matters"):
        assert f'name="{name}"' in page.text
    assert page.text.count('value="restricted"') == 10  # a choice for every form, A to J
    form = {
        "csrf_token": token,
        "f.A.measures.0.measure": "Decree 12",
        "f.B.has_stockpile": "no",
        "f.B.destroyed": "-5",
        "f.F.contaminated": "yes",
        "vis.D": "restricted",
        "step": "submit",
    }
    refused = fp.post(where, data=form)
    assert refused.status_code == 422
    assert "Cluster munitions destroyed during the period covered: -5 is below the minimum" in (
        refused.text
    )
    form["f.B.destroyed"] = "15"
    form["f.D.retained.0.type"] = SECRET
    done = fp.post(where, data=form)
    assert done.status_code == 303, done.text
    shown = fp.get(done.headers["location"])
    assert "version 1, submitted" in shown.text and "Amend the report" in shown.text
    public = client_of(app).get("/reports/CCM/LAO/2020")
    assert "Decree 12" in public.text and SECRET not in public.text


@pytest.mark.parametrize(
    ("path", "status"),
    [
        ("/reports/XYZ/LAO/2024", 404),
        ("/reports/CCM/Atlantis/2024", 404),
        ("/reports/CCM/LAO/someday", 404),
        ("/reports/CCM/NOR/2024", 404),
        ("/api/v1/reports/XYZ", 404),
        ("/api/v1/reports/CCM/Atlantis", 404),
    ],
)
def test_a_report_that_is_not_there_is_one_sentence(app: Any, path: str, status: int) -> None:
    answer = client_of(app).get(path, headers={"Accept": "application/json"})
    assert answer.status_code == status
    assert answer.json()["error"].endswith(".")
