"""The curated record: the reviewable files under ``data/``, loaded and validated."""

from __future__ import annotations

import os
from pathlib import Path

from treatywatch.record.loader import RecordError, load
from treatywatch.record.rows import Problem

__all__ = ["Problem", "RecordError", "default_data_dir", "load"]


def default_data_dir() -> Path:
    """``$TREATYWATCH_DATA``, else the ``data/`` folder of this source checkout."""
    env = os.environ.get("TREATYWATCH_DATA")
    if env:
        return Path(env)
    return Path(__file__).resolve().parents[3] / "data"
