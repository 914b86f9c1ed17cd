"""What an install and a checkout leave behind: setuptools' licence warning on every
install, SQLite's side files showing as untracked after serving, and a wheel that must run
with no checkout (issue 19)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import sysconfig
import time
import tomllib
import urllib.request
from pathlib import Path

from tests.conftest import ROOT


def test_the_licence_is_an_spdx_expression() -> None:
    # A table here made setuptools warn three times on every install.
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project["license"] == "MIT"


def test_sqlite_side_files_are_ignored() -> None:
    names = ["x.sqlite", "x.sqlite-wal", "x.sqlite-shm", "x.sqlite.build-lock"]
    result = subprocess.run(
        ["git", "-C", str(ROOT), "check-ignore", "--no-index", *names],
        capture_output=True,
        text=True,
    )
    assert result.stdout.split() == names


def test_a_wheel_installed_with_no_checkout_builds_serves_and_answers(tmp_path: Path) -> None:
    """`pip install .` then `treatywatch serve`, in a new venv, away from the checkout: the
    wheel carries the record, serve builds the database on first run, and the other commands
    read the same database afterwards (one default)."""
    wheels = tmp_path / "wheels"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", str(ROOT), "--no-deps", "--no-build-isolation",
         "-q", "-w", str(wheels)],
        check=True,
    )  # fmt: skip
    (wheel,) = wheels.glob("treatywatch-*.whl")
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = venv / "bin" / "python"
    subprocess.run(
        [sys.executable, "-m", "pip", "--python", str(python), "install", "-q", "--no-deps",
         str(wheel)],
        check=True,
    )  # fmt: skip
    # The dependencies come from the test environment (installing them again from the index
    # would test pip, not the wheel), appended after the venv's own site-packages so the
    # installed treatywatch, not the checkout's, is the one imported.
    own = Path(
        subprocess.run(
            [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
            capture_output=True, text=True, check=True,
        ).stdout.strip()
    )  # fmt: skip
    (own / "zz_test_dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    env = {
        "PATH": os.environ.get("PATH", ""),
        "HOME": str(tmp_path / "home"),
        "XDG_DATA_HOME": str(tmp_path / "home" / "data"),
        "LANG": "C.UTF-8",
    }
    where = subprocess.run(
        [str(python), "-c", "import treatywatch; print(treatywatch.__file__)"],
        capture_output=True, text=True, check=True, env=env, cwd=tmp_path,
    ).stdout  # fmt: skip
    assert where.startswith(str(own)), where

    port = _free_port()
    server = subprocess.Popen(
        [str(venv / "bin" / "treatywatch"), "serve", "--port", str(port)],
        env=env, cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )  # fmt: skip
    try:
        front = _fetch_when_up(f"http://127.0.0.1:{port}/", server, timeout=120)
        lao = _fetch_when_up(f"http://127.0.0.1:{port}/states/LAO", server, timeout=30)
    finally:
        server.terminate()
        said, _ = server.communicate(timeout=30)
    assert "The treaties today" in front
    assert "<svg" in front  # the map: the wheel carries the country shapes too
    assert "Lao People" in lao and "2009-03-18" in lao  # Lao PDR's CCM ratification
    assert "building it from the bundled record" in said
    db = Path(env["XDG_DATA_HOME"]) / "treatywatch" / "treatywatch.sqlite"
    assert db.is_file()

    status = subprocess.run(
        [str(venv / "bin" / "treatywatch"), "status", "CCM", "--as-of", "2025-12-01", "-f",
         "csv"],
        capture_output=True, text=True, env=env, cwd=tmp_path,
    )  # fmt: skip
    assert status.returncode == 0, status.stderr
    assert "LAO" in status.stdout


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _fetch_when_up(url: str, server: subprocess.Popen[str], timeout: float) -> str:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            out = server.stdout.read() if server.stdout else ""
            raise AssertionError(f"serve exited with {server.returncode}: {out}")
        try:
            with urllib.request.urlopen(url, timeout=10) as response:
                return str(response.read().decode("utf-8"))
        except OSError:
            time.sleep(0.5)
    raise AssertionError(f"nothing answered at {url} within {timeout} s")
