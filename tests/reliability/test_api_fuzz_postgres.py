"""The schemathesis run of test_api_hostile, over the API on a real PostgreSQL database:
no 5xx and every answer as the OpenAPI document declares it (issue 18: "schemathesis over
the whole API on SQLite and PostgreSQL"). Fewer examples than on SQLite: the same
operations and checks, to catch what only the other database does differently."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings

from tests.conftest import DATA
from tests.reliability.test_api_hostile import API, CHECKS, RUNS

pytestmark = pytest.mark.postgres
EXAMPLES = 10


@pytest.fixture(scope="module")
def pg_db(postgres_server: str) -> Iterator[str]:
    import psycopg

    from treatywatch.store.build import build

    name = f"tw_fuzz_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(f"{postgres_server}/postgres", autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    url = f"{postgres_server}/{name}"
    build(url, DATA)
    yield url


@pytest.fixture(scope="module")
def pg_schema(pg_db: str) -> Any:
    from treatywatch.api.app import create_app

    return schemathesis.openapi.from_asgi(f"{API}/openapi.json", create_app(pg_db))


@pytest.mark.parametrize(("path", "mode"), RUNS)
def test_schemathesis_on_postgresql(pg_schema: Any, path: str, mode: Any) -> None:
    operation = pg_schema[f"{API}{path}"]["GET"]

    @given(case=operation.as_strategy(generation_mode=mode))
    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        derandomize=True,
        suppress_health_check=list(HealthCheck),
        database=None,
    )
    def run(case: Any) -> None:
        case.validate_response(case.call(), checks=CHECKS)

    run()
