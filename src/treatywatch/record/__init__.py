"""The curated record: the reviewable files under ``data/``, loaded and validated."""

from __future__ import annotations

import os
from pathlib import Path

from treatywatch.record.loader import RecordError, load
from treatywatch.record.rows import Problem

__all__ = ["Problem", "RecordError", "default_data_dir", "load"]


def default_data_dir() -> Path:
    """``$TREATYWATCH_DATA``, else the ``data/`` folder of this source checkout, else the
    copy of it an installed wheel carries (setup.py puts it there)."""
    env = os.environ.get("TREATYWATCH_DATA")
    if env:
        return Path(env)
    here = Path(__file__).resolve()
    checkout = here.parents[3] / "data"
    if (checkout / "instruments.yaml").is_file():
        return checkout
    return here.parents[1] / "_bundled" / "data"
