"""Acts the record entails without stating them: each instrument's ``implied_by`` rule.

One function, run where a record is put together: by the loader over ``data/``, and by the
store's reader over the database, so that an act accepted through review entails the same
as one written in a file.
"""

from __future__ import annotations

from treatywatch import model


def implied_acts(record: model.Record) -> list[model.Action]:
    """The undated acts each rule entails for states the record does not show doing them.

    A rule naming an instrument the record lacks entails nothing here; the loader refuses
    such a rule with its file named before it gets this far.
    """
    out: list[model.Action] = []
    for inst in record.instruments.values():
        rule = inst.implied_by
        if rule is None or rule.instrument not in record.instruments:
            continue
        done = {
            a.state for a in record.actions if a.instrument == inst.id and a.kind is rule.implies
        }
        entailing = {
            a.state
            for a in record.actions
            if a.instrument == rule.instrument and a.kind is rule.action
        }
        out.extend(
            model.Action(
                instrument=inst.id,
                state=state,
                kind=rule.implies,
                date=None,
                citations=(rule.citation,),
                note=f"derived from its {rule.action.value} of the {rule.instrument}: "
                f"{rule.reason}",
            )
            for state in sorted(entailing - done)
        )
    return out
