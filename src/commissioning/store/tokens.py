"""The token repository: the only writer of ``api_tokens``.

It stores what the auth service hands it (a public id, a salt and a digest) and never sees a
token's secret: hashing and checking live in ``services/auth.py``. Tokens belong to the store,
not to a venture, so one token serves every venture of a shared PostgreSQL store.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Engine, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import sessionmaker

from commissioning.errors import UserInputError
from commissioning.store.failures import failing_as
from commissioning.store.models import ApiTokenRow


@dataclass(frozen=True, slots=True)
class TokenRecord:
    """A stored token: everything but its secret, which was shown once and never kept."""

    id: int
    public_id: str
    name: str
    role: str
    salt: str
    digest: str
    created_at: datetime
    revoked_at: datetime | None = None

    @property
    def active(self) -> bool:
        return self.revoked_at is None


class TokenRepository:
    """Adds, finds, lists and revokes API tokens."""

    def __init__(self, engine: Engine) -> None:
        self._url = engine.url
        self._session = sessionmaker(engine, expire_on_commit=False)

    def add(self, *, public_id: str, name: str, role: str, salt: str, digest: str,
            created_at: datetime) -> TokenRecord:
        """Store a new token; a name already taken is a :class:`UserInputError`."""
        row = ApiTokenRow(public_id=public_id, name=name, role=role, salt=salt, digest=digest,
                          created_at=created_at)
        with failing_as(self._url, f"could not store the token '{name}'"):
            try:
                with self._session.begin() as session:
                    session.add(row)
            except IntegrityError:
                raise UserInputError(f"a token named '{name}' already exists",
                                     hint="choose another --name, or revoke the old one") from None
        return _record(row)

    def by_public_id(self, public_id: str) -> TokenRecord | None:
        query = select(ApiTokenRow).where(ApiTokenRow.public_id == public_id)
        with failing_as(self._url, "could not read the tokens"), self._session() as session:
            row = session.scalars(query).one_or_none()
        return None if row is None else _record(row)

    def list_tokens(self) -> tuple[TokenRecord, ...]:
        query = select(ApiTokenRow).order_by(ApiTokenRow.name)
        with failing_as(self._url, "could not read the tokens"), self._session() as session:
            return tuple(_record(row) for row in session.scalars(query))

    def revoke(self, name: str, at: datetime) -> bool:
        """Revoke the active token called ``name``; False when there is none."""
        statement = (update(ApiTokenRow)
                     .where(ApiTokenRow.name == name, ApiTokenRow.revoked_at.is_(None))
                     .values(revoked_at=at))
        with failing_as(self._url, f"could not revoke the token '{name}'"), \
                self._session.begin() as session:
            return bool(session.execute(statement).rowcount)  # type: ignore[attr-defined]


def _record(row: ApiTokenRow) -> TokenRecord:
    return TokenRecord(id=row.id, public_id=row.public_id, name=row.name, role=row.role,
                       salt=row.salt, digest=row.digest, created_at=row.created_at,
                       revoked_at=row.revoked_at)
