"""The per-treaty rule declarations (``treaties/*.yaml``), parsed into typed, frozen values.

The YAML is the single place where periods and articles are written; the engine holds no
treaty-specific numbers, so a new treaty is a new file.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from treatywatch import model


class RulesError(ValueError):
    """A rules declaration is missing or malformed; the message names the file and key."""


@dataclass(frozen=True, slots=True)
class Extension:
    article: str
    further_article: str
    max_years: float
    text: str


@dataclass(frozen=True, slots=True)
class DeadlineRule:
    """An obligation due a fixed period after entry into force for the state."""

    name: str
    article: str
    years: float = 0
    days: int = 0
    text: str = ""
    extension: Extension | None = None


@dataclass(frozen=True, slots=True)
class AnnualRule:
    name: str
    article: str
    month: int
    day: int
    text: str = ""


@dataclass(frozen=True, slots=True)
class Meeting:
    name: str
    article: str
    years_after_entry_into_force: float
    text: str = ""


@dataclass(frozen=True, slots=True)
class TreatyRules:
    treaty: str
    name: str
    eif_article: str
    eif_threshold: int
    eif_counts: frozenset[model.ActionKind]
    eif_months: int
    eif_text: str
    later_article: str
    later_months: int
    later_text: str
    succession_article: str
    provisional_article: str
    deadlines: tuple[DeadlineRule, ...]  # stockpile destruction, clearance, initial report
    annual: AnnualRule | None
    withdrawal_article: str
    withdrawal_months: int
    withdrawal_condition: str
    meetings: tuple[Meeting, ...]
    declared: dict[str, Any]  # the YAML as written, for display

    def deadline(self, name: str) -> DeadlineRule | None:
        return next((d for d in self.deadlines if d.name == name), None)


def _get(node: Any, key: str, where: str) -> Any:
    if not isinstance(node, dict) or key not in node:
        raise RulesError(f"{where}: missing {key!r}")
    return node[key]


def parse(raw: Any, where: str) -> TreatyRules:
    eif = _get(raw, "entry_into_force", where)
    later = _get(eif, "later_states", f"{where}: entry_into_force")
    succ = eif.get("succession") or {}
    obligations = _get(raw, "obligations", where)
    deadlines: list[DeadlineRule] = []
    annual: AnnualRule | None = None
    for name, node in obligations.items():
        at = f"{where}: obligations.{name}"
        if "month" in node:
            annual = AnnualRule(
                name,
                str(_get(node, "article", at)),
                int(node["month"]),
                int(_get(node, "day", at)),
                node.get("text", ""),
            )
            continue
        if node.get("from") != "entry_into_force":
            raise RulesError(f"{at}: only periods from entry_into_force are computed")
        ext = node.get("extension")
        extension = (
            Extension(
                str(_get(ext, "article", at)),
                str(ext.get("further_article", ext["article"])),
                float(_get(ext, "max_years", at)),
                ext.get("text", ""),
            )
            if ext
            else None
        )
        deadlines.append(
            DeadlineRule(
                name,
                str(_get(node, "article", at)),
                float(node.get("years", 0)),
                int(node.get("days", 0)),
                node.get("text", ""),
                extension,
            )
        )
    wd = _get(raw, "withdrawal", where)
    meetings = tuple(
        Meeting(
            name,
            str(_get(m, "article", where)),
            float(m["years_after_entry_into_force"]),
            m.get("text", ""),
        )
        for name, m in (raw.get("meetings") or {}).items()
    )
    try:
        counts = frozenset(model.ActionKind(k) for k in _get(eif, "counts", where))
    except ValueError as exc:
        raise RulesError(f"{where}: entry_into_force.counts: {exc}") from None
    return TreatyRules(
        treaty=str(_get(raw, "treaty", where)),
        name=str(raw.get("name", "")),
        eif_article=str(_get(eif, "article", where)),
        eif_threshold=int(_get(eif, "threshold", where)),
        eif_counts=counts,
        eif_months=int(_get(eif, "months_after_month", where)),
        eif_text=str(eif.get("text", "")),
        later_article=str(_get(later, "article", where)),
        later_months=int(_get(later, "months_after_month", where)),
        later_text=str(later.get("text", "")),
        succession_article=str(succ.get("article", later["article"])),
        provisional_article=str((raw.get("provisional_application") or {}).get("article", "")),
        deadlines=tuple(deadlines),
        annual=annual,
        withdrawal_article=str(_get(wd, "article", where)),
        withdrawal_months=int(_get(wd, "months", where)),
        withdrawal_condition=str(wd.get("condition", "")),
        meetings=meetings,
        declared=raw,
    )


@cache
def load_rules(name: str) -> TreatyRules:
    """The declaration ``treaties/<name>.yaml`` shipped with the package (``ccm``, ``apmbc``)."""
    file = f"{name.lower()}.yaml"
    try:
        text = (resources.files("treatywatch.rules") / "treaties" / file).read_text("utf-8")
    except (FileNotFoundError, OSError):
        raise RulesError(f"no rules declaration {file!r} in treatywatch/rules/treaties") from None
    # Parsed once per version of the file and of this module, not on every command: YAML
    # is a tenth of a read command's start-up.
    from treatywatch import cachefile

    key = f"{file}|{hashlib.sha256(text.encode()).hexdigest()}|{cachefile.source_stamp(__name__)}"
    kept = cachefile.load("rules", key, TreatyRules)
    if kept is not None:
        return kept
    from treatywatch import yamlfile

    rules = parse(yamlfile.safe_load(text), file)
    cachefile.save("rules", key, rules)
    return rules
