"""Alembic environment: always run programmatically with a connection from srek_desk.db.migrate."""

from __future__ import annotations

from alembic import context
from sqlmodel import SQLModel

from srek_desk.db import models  # noqa: F401  (registers the tables)

config = context.config
target_metadata = SQLModel.metadata


def include_name(name: str | None, type_: str, _parent: object) -> bool:
    """Tables SQLite manages itself (the FTS5 offer index and its shadow tables) are not models."""
    from srek_desk.db.search import is_search_table

    return not (type_ == "table" and is_search_table(name))


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is None:
        raise RuntimeError("SREK Desk runs migrations only through srek_desk.db.migrate")
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=True,
        compare_type=True,
        include_name=include_name,
    )
    with context.begin_transaction():
        context.run_migrations()


if context.is_offline_mode():
    raise RuntimeError("offline SQL generation is not supported")
run_migrations_online()
