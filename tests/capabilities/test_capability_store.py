"""The capability repository on SQLite and on the real PostgreSQL: the seed's columns, sync,
retire (never delete), held raises, posted evidence."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime

import pytest
from sqlalchemy import inspect, text
from sqlalchemy.exc import IntegrityError

from commissioning.capabilities import (
    CapabilityEvidence,
    CapabilitySpec,
    Receipt,
    ResultStatus,
    TestResult,
    Usage,
)
from commissioning.errors import UnknownCapabilityError
from commissioning.report import VentureInfo
from commissioning.store import Store

PLANT = VentureInfo("plant", "/ventures/plant")
OTHER = VentureInfo("other", "/ventures/other")
T0 = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)
T1 = datetime(2026, 11, 21, 9, 0, tzinfo=UTC)


def spec(slug: str, level: int = 2, **changes: object) -> CapabilitySpec:
    base = {"slug": slug, "feature_name": slug.title(), "capability_enabled": f"does {slug}",
            "prd_slug": f"prd-{slug}", "claimed_level": level,
            "receipts": ("src/a.ts#make",), "tests": ("e2e/a.spec.ts",)}
    base.update(changes)
    return CapabilitySpec(**base)  # type: ignore[arg-type]


def test_the_table_has_exactly_the_seed_fields_plus_venture_and_retired(store: Store) -> None:
    columns = {c["name"] for c in inspect(store.engine).get_columns("commissioning_capabilities")}
    assert columns == {"id", "slug", "feature_name", "capability_enabled", "prd_slug",
                       "claimed_level", "evidence", "last_verified", "verified_by",
                       "updated_at", "venture_id", "retired_at"}


def test_sync_creates_then_updates_retires_and_revives(store: Store) -> None:
    first = store.capabilities.sync(PLANT, [spec("make"), spec("sell", 1)], T0)
    assert (first.created, first.updated) == (("make", "sell"), ())
    made = store.capabilities.get("plant", "make")
    assert uuid.UUID(made.id).version == 4
    assert (made.claimed_level, made.updated_at) == (2, T0)
    assert made.evidence.receipts == (Receipt("src/a.ts#make", "feature-matrix"),)
    assert made.evidence.test_results[0].test == "e2e/a.spec.ts"

    second = store.capabilities.sync(PLANT, [spec("make", 1, feature_name="Make it")], T1)
    assert (second.updated, second.retired, second.unchanged) == (("make",), ("sell",), ())
    assert [c.slug for c in store.capabilities.list_for("plant")] == ["make"]
    retired = store.capabilities.list_for("plant", include_retired=True)
    assert [(c.slug, c.retired_at) for c in retired] == [("make", None), ("sell", T1)]
    assert store.capabilities.get("plant", "make").feature_name == "Make it"

    third = store.capabilities.sync(PLANT, [spec("make", 1, feature_name="Make it"),
                                            spec("sell", 1)], T1)
    assert (third.revived, third.unchanged) == (("sell",), ("make",))


def test_a_raised_claim_is_held_without_an_executed_proposal(store: Store) -> None:
    store.capabilities.sync(PLANT, [spec("make", 1)], T0)
    held = store.capabilities.sync(PLANT, [spec("make", 3)], T1)
    assert held.held == (("make", "raising L1 → L3 needs an approved raise_claimed_level "
                                  "proposal"),)
    assert store.capabilities.get("plant", "make").claimed_level == 1
    allowed = store.capabilities.sync(PLANT, [spec("make", 3)], T1, allowed_raises={"make": 3})
    assert allowed.updated == ("make",) and not allowed.held
    assert store.capabilities.get("plant", "make").claimed_level == 3
    lowered = store.capabilities.sync(PLANT, [spec("make", 0)], T1)
    assert lowered.updated == ("make",) and store.capabilities.get("plant", "make") \
        .claimed_level == 0


def test_the_slug_is_unique_per_venture(store: Store) -> None:
    store.capabilities.sync(PLANT, [spec("make")], T0)
    store.capabilities.sync(OTHER, [spec("make", 4)], T0)
    assert store.capabilities.get("plant", "make").claimed_level == 2
    assert store.capabilities.get("other", "make").claimed_level == 4
    row = store.capabilities.get("plant", "make")
    with pytest.raises(IntegrityError), store.engine.begin() as connection:
        connection.execute(text(
            "INSERT INTO commissioning_capabilities (id, venture_id, slug, feature_name, "
            "capability_enabled, prd_slug, claimed_level, evidence, updated_at) "
            "SELECT :id, venture_id, slug, 'x', 'x', 'x', 'L1', '{}', updated_at "
            "FROM commissioning_capabilities WHERE id = :old"), {"id": str(uuid.uuid4()),
                                                                 "old": row.id})


def test_the_claimed_level_is_checked_by_the_database(store: Store) -> None:
    store.capabilities.sync(PLANT, [spec("make")], T0)
    with pytest.raises(IntegrityError), store.engine.begin() as connection:
        connection.execute(text("UPDATE commissioning_capabilities SET claimed_level = 'L9'"))


def test_posted_evidence_merges_and_a_verification_is_stamped(store: Store) -> None:
    store.capabilities.sync(PLANT, [spec("make")], T0)
    posted = CapabilityEvidence(
        receipts=(Receipt("src/b.ts", "agent"),),
        test_results=(TestResult("e2e/b.spec.ts", ResultStatus.PASSED, "ci", "agent"),),
        usage=Usage(41, 7, date(2026, 11, 21), "agent"))
    after = store.capabilities.add_evidence("plant", "make", posted, T1, verified_by="@ciara")
    assert [r.ref for r in after.evidence.receipts] == ["src/a.ts#make", "src/b.ts"]
    assert {t.test for t in after.evidence.test_results} == {"e2e/a.spec.ts", "e2e/b.spec.ts"}
    assert after.evidence.usage == Usage(41, 7, date(2026, 11, 21), "agent")
    assert (after.verified_by, after.last_verified, after.updated_at) == ("@ciara", T1, T1)
    # A later sync replaces what the matrix declared, keeps what was posted.
    store.capabilities.sync(PLANT, [spec("make", receipts=("src/c.ts",))], T1)
    kept = store.capabilities.get("plant", "make")
    assert [r.ref for r in kept.evidence.receipts] == ["src/b.ts", "src/c.ts"]
    assert kept.evidence.usage is not None and kept.verified_by == "@ciara"


def test_unknown_and_retired_capabilities_refuse_evidence(store: Store) -> None:
    with pytest.raises(UnknownCapabilityError, match="no capability 'nope'"):
        store.capabilities.get("plant", "nope")
    store.capabilities.sync(PLANT, [spec("make")], T0)
    store.capabilities.sync(PLANT, [], T1)
    with pytest.raises(UnknownCapabilityError, match="retired"):
        store.capabilities.add_evidence("plant", "make", CapabilityEvidence(
            receipts=(Receipt("x.ts"),)), T1)
