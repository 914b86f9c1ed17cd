"""The administrator's page of accounts: list, add, change a role, disable."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Form
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from treatywatch.workspace import accounts
from treatywatch.workspace.accounts import Account, AccountError, AccountRole
from treatywatch.workspace.auth import PREFIX, check_csrf, engine_of, require
from treatywatch.workspace.views import page

router = APIRouter()
manager = require("accounts.manage")
ROLES = [r.value for r in AccountRole]
DONE = {
    "added": "Account {name} added.",
    "role": "The role of {name} changed; its sessions ended.",
    "disabled": "Account {name} disabled; its sessions ended.",
}


def _page(request: Request, status_code: int = 200, error: str | None = None) -> Response:
    message = None
    done, name = request.query_params.get("done", ""), request.query_params.get("name", "")
    if done in DONE and accounts.NAME.match(name):
        message = DONE[done].format(name=name)
    return page(
        request,
        "workspace/accounts.html",
        status_code=status_code,
        error=error,
        message=message,
        accounts=accounts.list_all(engine_of(request)),
        roles=ROLES,
    )


def _done(what: str, name: str) -> Response:
    return RedirectResponse(f"{PREFIX}/accounts?done={what}&name={name}", status_code=303)


def _not_yourself(account: Account, name: str) -> None:
    # An administrator who demoted or disabled itself could leave nobody to manage accounts.
    if account.name == name:
        raise AccountError("You cannot change your own account; ask another administrator.")


@router.get("/accounts")
def account_list(request: Request, _: Account = Depends(manager)) -> Response:
    return _page(request)


@router.post("/accounts", dependencies=[Depends(check_csrf)])
def account_add(
    request: Request,
    name: Annotated[str, Form(max_length=64)],
    password: Annotated[str, Form(max_length=1024)],
    role: Annotated[str, Form(max_length=16)],
    state: Annotated[str, Form(max_length=3)] = "",
    comment: Annotated[str, Form(max_length=2000)] = "",
    account: Account = Depends(manager),
) -> Response:
    try:
        accounts.add(
            engine_of(request), name, password, role, state or None, actor=account, comment=comment
        )
    except AccountError as exc:
        return _page(request, 422, str(exc))
    return _done("added", name)


@router.post("/accounts/{name}/role", dependencies=[Depends(check_csrf)])
def account_role(
    request: Request,
    name: str,
    role: Annotated[str, Form(max_length=16)],
    state: Annotated[str, Form(max_length=3)] = "",
    comment: Annotated[str, Form(max_length=2000)] = "",
    account: Account = Depends(manager),
) -> Response:
    try:
        _not_yourself(account, name)
        accounts.set_role(
            engine_of(request), name, role, state or None, actor=account, comment=comment
        )
    except AccountError as exc:
        return _page(request, 422, str(exc))
    return _done("role", name)


@router.post("/accounts/{name}/disable", dependencies=[Depends(check_csrf)])
def account_disable(
    request: Request,
    name: str,
    comment: Annotated[str, Form(max_length=2000)] = "",
    account: Account = Depends(manager),
) -> Response:
    try:
        _not_yourself(account, name)
        accounts.disable(engine_of(request), name, actor=account, comment=comment)
    except AccountError as exc:
        return _page(request, 422, str(exc))
    return _done("disabled", name)
