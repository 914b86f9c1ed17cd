"""Who may do what in the workspace, decided here and nowhere else.

``PERMISSIONS`` is the one table: each permission, the roles that hold it, and whether a
role holds it everywhere or only for its own state (a focal point and its state's reports).
Routes ask ``allowed`` (or depend on ``auth.require``); they never look at roles themselves.
Permissions may be added; never rename one, routes and tests name them.
"""

from __future__ import annotations

from enum import Enum

from treatywatch.workspace.accounts import Account, AccountRole


class Scope(Enum):
    ANY = "any"  # every state's data
    OWN_STATE = "own state"  # only the data of the account's own state


EDITOR, FOCAL_POINT, ADMINISTRATOR = (
    AccountRole.EDITOR,
    AccountRole.FOCAL_POINT,
    AccountRole.ADMINISTRATOR,
)

PERMISSIONS: dict[str, dict[AccountRole, Scope]] = {
    "review": {EDITOR: Scope.ANY, ADMINISTRATOR: Scope.ANY},
    "correct": {EDITOR: Scope.ANY, ADMINISTRATOR: Scope.ANY},
    "audit.read": {EDITOR: Scope.ANY, ADMINISTRATOR: Scope.ANY},
    "accounts.manage": {ADMINISTRATOR: Scope.ANY},
    "report.read": {FOCAL_POINT: Scope.OWN_STATE, EDITOR: Scope.ANY, ADMINISTRATOR: Scope.ANY},
    # Only the state itself drafts, validates, submits and amends its reports.
    "report.write": {FOCAL_POINT: Scope.OWN_STATE},
}


class UnknownPermissionError(KeyError):
    pass


def allowed(account: Account, permission: str, state: str | None = None) -> bool:
    """Whether ``account`` holds ``permission`` for ``state``.

    With ``state`` None the question is whether it holds the permission at all, for some
    state: the gate of a route. A route that then acts on one state's data asks again with
    that state, so that a focal point reaches its own state's data only. A disabled
    account holds nothing. A permission not in the table is a programming error.
    """
    try:
        holders = PERMISSIONS[permission]
    except KeyError:
        raise UnknownPermissionError(f"No permission named {permission!r}.") from None
    if account.disabled:
        return False
    scope = holders.get(account.role)
    if scope is None:
        return False
    if scope is Scope.ANY or state is None:
        return True
    return account.state is not None and account.state == state.upper()


def permissions_of(account: Account) -> list[str]:
    """The permissions an account holds (for its own state where they are scoped)."""
    return [p for p in PERMISSIONS if allowed(account, p, account.state)]
