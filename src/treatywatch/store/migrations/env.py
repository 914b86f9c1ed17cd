"""Alembic environment: migrations run on the connection treatywatch hands over."""

from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine

from treatywatch.store.schema import metadata

config = context.config
connection = config.attributes.get("connection")

if connection is None:
    # `alembic revision --autogenerate` from the command line: an in-memory SQLite is enough.
    url = config.get_main_option("sqlalchemy.url") or "sqlite://"
    with create_engine(url).connect() as conn:
        context.configure(connection=conn, target_metadata=metadata, render_as_batch=True)
        with context.begin_transaction():
            context.run_migrations()
else:
    context.configure(connection=connection, target_metadata=metadata, render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()
