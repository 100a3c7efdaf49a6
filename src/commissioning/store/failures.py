"""Turning a driver failure inside a repository call into the one StoreError users see."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy.engine import URL
from sqlalchemy.exc import SQLAlchemyError

from commissioning.errors import StoreError
from commissioning.store.engine import describe, redact


@contextmanager
def failing_as(url: URL, action: str, outcome: str = "") -> Iterator[None]:
    """Re-raise any SQLAlchemy error as ``StoreError("<action> in the store at <url>: …")``."""
    try:
        yield
    except SQLAlchemyError as error:
        reason, hint = describe(error, url)
        tail = f"; {outcome}" if outcome else ""
        raise StoreError(f"{action} in the store at {redact(url)}: {reason}{tail}",
                         hint=hint) from None
