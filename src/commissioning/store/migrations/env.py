"""Alembic environment: runs on the connection ``open_store`` passes in ``config.attributes``.

There is no ``alembic.ini`` and no URL here: the store's engine module owns connections, opens
the transaction and takes the migration lock; this file only points Alembic at our metadata.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection

from commissioning.store.models import Base

connection = context.config.attributes.get("connection")
if not isinstance(connection, Connection):
    raise RuntimeError("commissioning migrations run through commissioning.store.open_store, "
                       "which passes a connection in config.attributes['connection']")

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=connection.dialect.name == "sqlite",
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
