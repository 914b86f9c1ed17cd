"""YAML read with libyaml's C parser where PyYAML has it: the registry and the treaties'
rules are read on every command, and the pure-Python parser took most of a read
command's start-up (about 80 ms of it)."""

from __future__ import annotations

from typing import IO, Any

import yaml

_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def safe_load(source: str | bytes | IO[str] | IO[bytes]) -> Any:
    return yaml.load(source, Loader=_LOADER)
