"""Who may do what: bearer tokens with a role, checked the same way by every surface.

A token looks like ``cm_<public id>_<secret>``. The public id finds the stored record; the
secret is checked against an HMAC-SHA256 keyed by a per-token random salt, compared in constant
time. The secret itself is printed once by ``commission token create`` and never stored.

Roles, from least to most trusted::

    reader   reads (when the server asks a token for reads at all)
    agent    reads, posts evidence (attestations), triggers a rescan
    admin    all of the above, moves tasks, changes configuration

Governance proposals need the agent or admin role to submit or decide at all; deciding also
needs the token's name in a governance role the proposal's route accepts (``[governance.roles]``,
``services/proposals.py``).

The outer-loop agent of seed 000 gets ``agent``: it can read and post evidence but cannot move
a task or change configuration. An anonymous caller may only read, and only while reads are open.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum

from commissioning.errors import AuthError, PermissionDeniedError, UserInputError
from commissioning.store import Store, open_store

ROLES: tuple[str, ...] = ("reader", "agent", "admin")
PREFIX = "cm"


class Action(StrEnum):
    READ = "read"
    ATTEST = "attest"
    SCAN = "scan"
    MOVE_TASK = "move_task"
    CONFIGURE = "configure"
    PROPOSE = "propose"  # submit a governance proposal
    DECIDE = "decide"  # approve, reject or execute one (the governance roles are checked too)


ALLOWED: Mapping[Action, frozenset[str]] = {
    Action.READ: frozenset({"reader", "agent", "admin"}),
    Action.ATTEST: frozenset({"agent", "admin"}),
    Action.SCAN: frozenset({"agent", "admin"}),
    Action.MOVE_TASK: frozenset({"admin"}),
    Action.CONFIGURE: frozenset({"admin"}),
    Action.PROPOSE: frozenset({"agent", "admin"}),
    Action.DECIDE: frozenset({"agent", "admin"}),
}

_VERBS: Mapping[Action, str] = {
    Action.READ: "read", Action.ATTEST: "post attestations", Action.SCAN: "trigger a rescan",
    Action.MOVE_TASK: "move tasks", Action.CONFIGURE: "change the configuration",
    Action.PROPOSE: "submit proposals", Action.DECIDE: "decide proposals",
}

_HINT = "create one with `commission token create --role agent` and send it as " \
        "`Authorization: Bearer <token>`"


@dataclass(frozen=True, slots=True)
class Principal:
    """Who is calling: a token's name and role, or the anonymous reader."""

    name: str
    role: str
    token_id: int | None = None

    @property
    def anonymous(self) -> bool:
        return self.token_id is None


ANONYMOUS = Principal(name="anonymous", role="anonymous")


@dataclass(frozen=True, slots=True)
class IssuedToken:
    """A new token. ``token`` is the secret: shown to the user once, kept nowhere."""

    name: str
    role: str
    token: str
    public_id: str
    created_at: datetime


@dataclass(frozen=True, slots=True)
class TokenInfo:
    name: str
    role: str
    public_id: str
    created_at: datetime
    revoked_at: datetime | None


def digest(salt: str, secret: str) -> str:
    """HMAC-SHA256 of the secret, keyed by the token's own salt (hex in, hex out)."""
    return hmac.new(bytes.fromhex(salt), secret.encode("utf-8"), hashlib.sha256).hexdigest()


def issue_token(store: Store, role: str, name: str | None = None) -> IssuedToken:
    """Create a token with ``role`` in ``store``; only its salted digest is written."""
    if role not in ROLES:
        raise UserInputError(f"unknown role '{role}'", hint=f"one of: {', '.join(ROLES)}")
    public_id = secrets.token_hex(6)
    secret = secrets.token_urlsafe(32)
    salt = secrets.token_hex(16)
    now = datetime.now(UTC).replace(microsecond=0)
    label = (name or f"{role}-{public_id}").strip()
    if not label:
        raise UserInputError("a token name must not be blank")
    store.tokens.add(public_id=public_id, name=label, role=role, salt=salt,
                     digest=digest(salt, secret), created_at=now)
    return IssuedToken(name=label, role=role, token=f"{PREFIX}_{public_id}_{secret}",
                       public_id=public_id, created_at=now)


def create_token(store_url: str, role: str, name: str | None = None) -> IssuedToken:
    """``commission token create``: open the store, issue one token, close."""
    with open_store(store_url) as store:
        return issue_token(store, role, name)


def list_tokens(store_url: str) -> list[TokenInfo]:
    with open_store(store_url) as store:
        return [TokenInfo(name=t.name, role=t.role, public_id=t.public_id,
                          created_at=t.created_at, revoked_at=t.revoked_at)
                for t in store.tokens.list_tokens()]


def revoke_token(store_url: str, name: str) -> None:
    with open_store(store_url) as store:
        if not store.tokens.revoke(name, datetime.now(UTC).replace(microsecond=0)):
            raise UserInputError(f"no active token named '{name}'",
                                 hint="`commission token list` shows the tokens")


def authenticate(store: Store, token: str) -> Principal:
    """The principal a presented token stands for; :class:`AuthError` when it is not valid."""
    parts = token.strip().split("_", 2)
    if len(parts) != 3 or parts[0] != PREFIX or not parts[1] or not parts[2]:
        raise AuthError("the bearer token is malformed", hint=_HINT)
    record = store.tokens.by_public_id(parts[1])
    if record is None or not hmac.compare_digest(record.digest, digest(record.salt, parts[2])):
        raise AuthError("the bearer token is not valid", hint=_HINT)
    if record.revoked_at is not None:
        raise AuthError(f"the token '{record.name}' was revoked", hint=_HINT)
    return Principal(name=record.name, role=record.role, token_id=record.id)


def authorize(principal: Principal, action: Action) -> None:
    """Raise :class:`PermissionDeniedError` unless the principal's role may perform ``action``."""
    allowed = ALLOWED[action]
    if principal.role not in allowed:
        needs = tuple(r for r in ROLES if r in allowed)
        verb = _VERBS[action]
        raise PermissionDeniedError(
            f"the {principal.role} token '{principal.name}' may not {verb}",
            role=principal.role, needs=needs,
            hint=f"this needs a token with the role {' or '.join(needs)}")


def check(store: Store, token: str | None, action: Action, *, open_reads: bool) -> Principal:
    """The one gate every surface calls: anonymous reads while open, else a valid token whose
    role allows ``action`` (401 without a valid token, 403 with the wrong role)."""
    if not token:
        if action is Action.READ and open_reads:
            return ANONYMOUS
        raise AuthError(f"{'reading' if action is Action.READ else 'this write'} needs a "
                        f"bearer token", hint=_HINT)
    principal = authenticate(store, token)
    authorize(principal, action)
    return principal
