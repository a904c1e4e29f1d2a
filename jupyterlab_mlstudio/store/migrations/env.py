"""Alembic environment: runs on the connection the Database hands over."""

from __future__ import annotations

from alembic import context

from jupyterlab_mlstudio.store.models import metadata

connection = context.config.attributes.get("connection")
if connection is None:  # pragma: no cover - the package always passes a connection
    raise RuntimeError("Run migrations through jupyterlab_mlstudio.store.Database.upgrade()")

context.configure(
    connection=connection,
    target_metadata=metadata,
    render_as_batch=connection.dialect.name == "sqlite",
)
with context.begin_transaction():
    context.run_migrations()
