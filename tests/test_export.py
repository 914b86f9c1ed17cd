"""Open data: every download, and the whole record as a valid Frictionless Data Package."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.conftest import DATA


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    from treatywatch.store.build import build

    path = tmp_path_factory.mktemp("export") / "export.sqlite"
    build(str(path), Path(os.environ.get("TREATYWATCH_TEST_DATA", DATA)))
    return str(path)


def _validate(zip_path: Path, into: Path) -> dict:
    from frictionless import validate

    with zipfile.ZipFile(zip_path) as zf:
        zf.extractall(into)
    report = validate(into / "datapackage.json")
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])[:10]
    return json.loads((into / "datapackage.json").read_text(encoding="utf-8"))


def test_cli_exports_a_valid_data_package(db: str, tmp_path: Path) -> None:
    out = tmp_path / "record.zip"
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "treatywatch",
            "export",
            "--format",
            "datapackage",
            "--output",
            str(out),
            "--db",
            db,
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    descriptor = _validate(out, tmp_path / "pkg")
    names = {r["name"] for r in descriptor["resources"]}
    assert {"sources", "instruments", "events", "actions", "statements", "conflicts"} <= names
    assert {"status-ccm", "series-ccm"} <= names
    actions = next(r for r in descriptor["resources"] if r["name"] == "actions")
    assert {"sources", "locators"} <= {f["name"] for f in actions["schema"]["fields"]}


def test_cli_exports_xlsx_and_json_and_refuses_other_formats(db: str, tmp_path: Path) -> None:
    import openpyxl

    def run(fmt: str, out: Path) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "treatywatch", "export", "-f", fmt, "-o", str(out), "--db", db],
            capture_output=True,
            text=True,
            timeout=120,
        )

    assert run("xlsx", tmp_path / "r.xlsx").returncode == 0
    wb = openpyxl.load_workbook(tmp_path / "r.xlsx")
    assert "actions" in wb.sheetnames and "sources" in wb.sheetnames
    assert run("json", tmp_path / "r.json").returncode == 0
    assert "actions" in json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    bad = run("pdf", tmp_path / "r.pdf")
    assert bad.returncode == 1 and "pdf" in bad.stderr


def test_every_table_downloads_from_the_site(db: str, tmp_path: Path) -> None:
    import io

    import openpyxl
    from fastapi.testclient import TestClient

    from treatywatch.api.app import create_app

    with TestClient(create_app(db)) as client:
        page = client.get("/downloads").text
        zipped = client.get("/downloads/treatywatch-datapackage.zip")
        assert zipped.status_code == 200
        (tmp_path / "site.zip").write_bytes(zipped.content)
        descriptor = _validate(tmp_path / "site.zip", tmp_path / "site")
        for res in descriptor["resources"]:
            name = res["name"]
            assert f"/downloads/{name}.csv" in page
            csv_text = client.get(f"/downloads/{name}.csv").text
            assert csv_text.splitlines()[0].split(",")[0] == res["schema"]["fields"][0]["name"]
            as_json = client.get(f"/downloads/{name}.json").json()
            assert isinstance(as_json, list)
            wb = openpyxl.load_workbook(io.BytesIO(client.get(f"/downloads/{name}.xlsx").content))
            assert wb.active.max_row == len(as_json) + 1
        assert client.get("/downloads/nothing.csv").status_code == 404
        assert client.get("/downloads/actions.pdf").status_code == 404
