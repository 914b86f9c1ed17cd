"""`treatywatch ingest` at the edges (issue 18, item 12): paths that are not regular files
are refused in one sentence each, never read without bound or waited on, and the rest of
the batch goes on with exit status 1."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import DATA, needs_extractor
from treatywatch.ingest.readers import ReadError, read_document

ROOT = Path(__file__).resolve().parents[2]


def _read_in_child(path: Path, timeout: float = 20) -> str:
    """What reading ``path`` says, in a child process killed after ``timeout`` seconds."""
    code = (
        "import sys\n"
        "from treatywatch.ingest.readers import ReadError, read_document\n"
        "try:\n"
        f"    read_document({str(path)!r})\n"
        "    print('read')\n"
        "except ReadError as exc:\n"
        "    print(exc)\n"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    try:
        done = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, timeout=timeout, env=env
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"reading {path} was still going after {timeout} s")
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout.strip()


def test_a_fifo_is_refused_without_waiting_for_a_writer(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    message = _read_in_child(fifo)
    assert message == f"{fifo}: a named pipe (FIFO), not a file; only files are read."


def test_dev_zero_is_refused_without_reading_it() -> None:
    assert _read_in_child(Path("/dev/zero")) == (
        "/dev/zero: a device, not a file; only files are read."
    )


def test_a_broken_symbolic_link_is_named(tmp_path: Path) -> None:
    link = tmp_path / "gone.pdf"
    link.symlink_to(tmp_path / "nowhere.pdf")
    with pytest.raises(ReadError, match=r"gone\.pdf: a symbolic link to a file that does not"):
        read_document(link)


def test_a_folder_gives_its_fifos_and_broken_links_to_be_refused(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.txt").write_text("Chile said yes.")
    os.mkfifo(tmp_path / "pipe.txt")
    (tmp_path / "gone.pdf").symlink_to(tmp_path / "nowhere.pdf")
    (tmp_path / "notes.png").write_bytes(b"\x89PNG")
    (tmp_path / "loop").symlink_to(tmp_path)  # a link to a folder is not followed
    from treatywatch.ingest.readers import find_documents

    files, problems = find_documents([tmp_path])
    assert files == [tmp_path / "gone.pdf", tmp_path / "pipe.txt", tmp_path / "sub" / "a.txt"]
    assert problems == []


def test_a_path_that_cannot_be_looked_at_is_a_problem_not_a_crash(tmp_path: Path) -> None:
    from treatywatch.ingest.readers import find_documents

    files, problems = find_documents([tmp_path / ("a" * 300), tmp_path / "missing.txt"])
    assert files == [tmp_path / "missing.txt"]
    assert len(problems) == 1 and "File name too long" in problems[0]


@needs_extractor
def test_ingest_names_every_bad_path_and_goes_on(tmp_path: Path) -> None:
    # Before: /dev/zero read without bound, a FIFO hung, an unreadable path ended the batch
    # with a traceback, and a folder's FIFOs and broken links were skipped without a word.
    from treatywatch.store.build import build

    db = str(tmp_path / "edges.sqlite")
    build(db, DATA)
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "good.txt").write_text("Chile said that it supports the Convention.")
    os.mkfifo(folder / "pipe.txt")
    (folder / "gone.pdf").symlink_to(folder / "nowhere.pdf")
    fifo = tmp_path / "named.txt"
    os.mkfifo(fifo)
    too_long = tmp_path / ("a" * 300)
    other = tmp_path / "other.txt"
    other.write_text("Peru said that it supports the Convention.")
    args = ["/dev/zero", str(fifo), str(folder), str(too_long), str(other)]
    if os.geteuid() != 0:
        locked = tmp_path / "locked.txt"
        locked.write_text("Norway said so.")
        locked.chmod(0)
        args.append(str(locked))
    try:
        done = subprocess.run(
            [sys.executable, "-m", "treatywatch", "ingest", *args, "--db", db],
            capture_output=True,
            text=True,
            timeout=120,
        )
    except subprocess.TimeoutExpired:
        pytest.fail("ingest was still going after 120 s")
    assert done.returncode == 1, done.stderr
    errors = [line for line in done.stderr.splitlines() if line.startswith("Error: ")]
    assert len(errors) == len(args) - 2 + 2, done.stderr  # each bad path, one line each
    assert all(line.endswith(".") and "Traceback" not in line for line in errors)
    assert any("/dev/zero: a device" in line for line in errors)
    assert any(f"{fifo}: a named pipe" in line for line in errors)
    assert any("pipe.txt: a named pipe" in line for line in errors)
    assert any("gone.pdf: a symbolic link" in line for line in errors)
    assert any("File name too long" in line for line in errors)
    assert "2 document(s) added" in done.stderr
