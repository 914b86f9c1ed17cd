"""Groupings of states (EU, ASEAN, African Union, ...) with membership over time."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cache
from pathlib import Path

_FILE = Path(__file__).with_name("groupings.yaml")


@dataclass(frozen=True, slots=True)
class Membership:
    state: str
    joined: dt.date | None
    left: dt.date | None

    def active(self, on: dt.date | None) -> bool:
        if on is None:
            return self.left is None
        return (self.joined is None or self.joined <= on) and (self.left is None or on < self.left)


@dataclass(frozen=True, slots=True)
class Grouping:
    code: str
    name: str
    source: str
    memberships: tuple[Membership, ...]

    def members(self, on: dt.date | None = None) -> list[str]:
        return sorted({m.state for m in self.memberships if m.active(on)})


def _date(value: object) -> dt.date | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value))


@cache
def groupings() -> dict[str, Grouping]:
    from treatywatch import yamlfile
    from treatywatch.registry.states import is_state

    with _FILE.open(encoding="utf-8") as fh:
        raw = yamlfile.safe_load(fh) or {}
    out: dict[str, Grouping] = {}
    for code, spec in raw.items():
        memberships = []
        for m in spec.get("members", []):
            if isinstance(m, str):
                m = {"state": m}
            if not is_state(m["state"]):
                raise RuntimeError(f"groupings.yaml: {code} lists unknown state {m['state']!r}")
            memberships.append(
                Membership(
                    state=m["state"], joined=_date(m.get("joined")), left=_date(m.get("left"))
                )
            )
        out[str(code)] = Grouping(
            code=str(code),
            name=str(spec["name"]),
            source=str(spec.get("source", "")),
            memberships=tuple(memberships),
        )
    return out


def grouping(code: str) -> Grouping:
    for key, value in groupings().items():
        if key.casefold() == code.casefold() or value.name.casefold() == code.casefold():
            return value
    raise LookupError(f"No grouping is called {code!r}; known: {', '.join(groupings())}.")


def members_of(code: str, on: dt.date | None = None) -> list[str]:
    return grouping(code).members(on)
