"""What an install and a checkout leave behind: setuptools' licence warning on every
install, and SQLite's side files showing as untracked after serving (issue 19)."""

from __future__ import annotations

import subprocess
import tomllib

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
