"""Pickled copies of what every command would otherwise rebuild, in the user's cache
folder: the record of a SQLite database per revision (store/snapshot.py) and the state
registry per version of its sources (registry/states.py).

A copy is named by a key that changes whenever what it was made from changes, so it is
never stale; anything wrong with one (missing, partial, written by other code) is a miss,
and the caller rebuilds and writes it again. Writes go to a partial file renamed into
place, so two processes never read half a copy.
"""

from __future__ import annotations

import hashlib
import importlib.util
import os
import pickle
from pathlib import Path
from typing import Any


def folder() -> Path:
    env = os.environ.get("TREATYWATCH_CACHE")
    if env:
        return Path(env)
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("treatywatch", appauthor=False))


def source_stamp(*modules: str) -> str:
    """Size and modification time of each module's file, found without importing it (nor
    its package: finding a submodule the usual way imports the packages above it)."""
    parts = []
    for name in modules:
        path = _module_file(name)
        try:
            st = os.stat(path) if path else None
        except OSError:
            st = None
        parts.append(f"{name}:{st.st_size}:{st.st_mtime_ns}" if st else name)
    return "|".join(parts)


def _module_file(name: str) -> str | None:
    top, _, rest = name.partition(".")
    spec = importlib.util.find_spec(top)
    if spec is None or not rest:
        return spec.origin if spec is not None else None
    for folder in spec.submodule_search_locations or ():
        base = Path(folder).joinpath(*rest.split("."))
        for candidate in (base.with_suffix(".py"), base / "__init__.py"):
            if candidate.is_file():
                return str(candidate)
    return None


def file_stamp(*paths: Path) -> str:
    return "|".join(f"{p.name}:{p.stat().st_size}:{p.stat().st_mtime_ns}" for p in paths)


def _path(kind: str, key: str) -> Path:
    digest = hashlib.sha256(key.encode()).hexdigest()[:32]
    return folder() / f"{kind}-{digest}.pickle"


def load(kind: str, key: str, expect: type) -> Any | None:
    """The copy of ``kind`` made under ``key``, if there is a sound one of type ``expect``."""
    try:
        with _path(kind, key).open("rb") as fh:
            value = pickle.load(fh)  # our own copy, in the user's own cache folder
    except Exception:  # a missing, partial or foreign copy is a miss, whatever the error
        return None
    return value if isinstance(value, expect) else None


def save(kind: str, key: str, value: Any) -> None:
    target = _path(kind, key)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        partial = target.with_name(f".{target.name}.{os.getpid()}.partial")
        with partial.open("wb") as fh:
            pickle.dump(value, fh, protocol=pickle.HIGHEST_PROTOCOL)
        partial.replace(target)
    except OSError:
        pass  # a read-only cache folder costs speed, not the answer
