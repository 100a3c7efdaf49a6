"""The capability vocabulary (seed 000's ``commissioning_capabilities``): frozen, typed values.

A capability is a product feature at a claimed maturity level L0–L4. The feature matrix (a
Markdown table in the venture) is the *claim*; the store keeps the *evidence* as the seed shapes
it — ``{receipts, test_results, usage}`` plus ``last_verified`` and ``verified_by`` — and the
capability ladder turns evidence into the *verified* level. Everything here is plain data with
a JSON form; nothing reads a file, a clock or a database.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from enum import StrEnum
from typing import Any

TOP_LEVEL = 4
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
SPEC_SOURCE = "feature-matrix"  # the `by` of receipts and tests declared in the spec


class CapabilityKind(StrEnum):
    """The rungs of the capability ladder (machines/definitions/capability.toml), by state id.

    A capability gap's task carries one of these as its kind, as a table gap's carries a
    :class:`~commissioning.evidence.Kind`."""

    NAMED = "named"
    IMPLEMENTED = "implemented"
    TESTED = "tested"
    USED = "used"
    VERIFIED = "verified"


def parse_level(text: str | int) -> int:
    """``"L2"``, ``"l2"``, ``"2"`` or ``2`` → 2; :class:`ValueError` for anything else."""
    raw = str(text).strip().upper().removeprefix("L")
    if not raw.isdigit() or not 0 <= int(raw) <= TOP_LEVEL:
        raise ValueError(f"not a capability level: {text!r} (one of L0, L1, L2, L3, L4)")
    return int(raw)


def level_name(n: int) -> str:
    return f"L{n}"


def is_slug(text: str) -> bool:
    """Kebab-case: lower-case letters and digits in words joined by single hyphens."""
    return bool(SLUG.fullmatch(text))


@dataclass(frozen=True, slots=True, order=True)
class Receipt:
    """A code receipt: ``path`` or ``path#Symbol`` that should exist in the venture's tree."""

    ref: str
    by: str = ""
    at: str = ""  # ISO date or datetime the receipt was given

    @property
    def path(self) -> str:
        return self.ref.split("#", 1)[0].strip().lstrip("/")

    @property
    def symbol(self) -> str | None:
        _, _, symbol = self.ref.partition("#")
        return symbol.strip() or None


class ResultStatus(StrEnum):
    DECLARED = "declared"  # named in the spec: its outcome is read from the ingested reports
    PASSED = "passed"
    FAILED = "failed"


@dataclass(frozen=True, slots=True, order=True)
class TestResult:
    """A test of the capability: ``test`` is a spec file (``e2e/intake.spec.ts``), optionally
    narrowed to the tests whose title contains a text (``e2e/intake.spec.ts::receives``)."""

    __test__ = False  # not a pytest class, whatever its name

    test: str
    status: ResultStatus = ResultStatus.DECLARED
    source: str = ""
    by: str = ""
    at: str = ""


@dataclass(frozen=True, slots=True)
class Usage:
    """How much the capability is used: ``count`` uses in the ``window_days`` before
    ``observed_on``, as posted through the API."""

    count: int
    window_days: int
    observed_on: date
    by: str = ""
    source: str = ""


@dataclass(frozen=True, slots=True)
class CapabilityEvidence:
    """The seed's ``evidence`` JSON: ``{receipts: [], test_results: [], usage: {}}``."""

    receipts: tuple[Receipt, ...] = ()
    test_results: tuple[TestResult, ...] = ()
    usage: Usage | None = None

    def merged(self, other: CapabilityEvidence) -> CapabilityEvidence:
        """``other`` added: a receipt once per ref, a test result once per (test, source) with
        the newest winning, the newer usage."""
        receipts = {r.ref: r for r in (*self.receipts, *other.receipts)}
        tests = {(t.test, t.source): t for t in (*self.test_results, *other.test_results)}
        usage = self.usage
        if other.usage is not None and (usage is None
                                        or other.usage.observed_on >= usage.observed_on):
            usage = other.usage
        return CapabilityEvidence(tuple(sorted(receipts.values())),
                                  tuple(sorted(tests.values())), usage)

    def with_spec(self, receipts: tuple[str, ...], tests: tuple[str, ...]) -> CapabilityEvidence:
        """The spec's receipts and tests replace those the spec declared before; what was posted
        through the API stays."""
        kept_r = tuple(r for r in self.receipts if r.by != SPEC_SOURCE)
        kept_t = tuple(t for t in self.test_results if t.by != SPEC_SOURCE)
        declared = CapabilityEvidence(
            tuple(Receipt(ref, by=SPEC_SOURCE) for ref in receipts),
            tuple(TestResult(test, by=SPEC_SOURCE, source=SPEC_SOURCE) for test in tests))
        return CapabilityEvidence(kept_r, kept_t, self.usage).merged(declared)


@dataclass(frozen=True, slots=True)
class CapabilitySpec:
    """One row of the feature matrix: the claim. ``line`` is its 1-based line in the file."""

    slug: str
    feature_name: str
    capability_enabled: str
    prd_slug: str
    claimed_level: int
    receipts: tuple[str, ...] = ()
    tests: tuple[str, ...] = ()
    line: int = 0


@dataclass(frozen=True, slots=True)
class CapabilityRecord:
    """A capability as the store holds it (``retired_at`` set: gone from the spec)."""

    id: str
    venture: str
    slug: str
    feature_name: str
    capability_enabled: str
    prd_slug: str
    claimed_level: int
    evidence: CapabilityEvidence = field(default_factory=CapabilityEvidence)
    last_verified: datetime | None = None
    verified_by: str | None = None
    updated_at: datetime | None = None
    retired_at: datetime | None = None

    @property
    def active(self) -> bool:
        return self.retired_at is None

    def verified(self, by: str, at: datetime) -> CapabilityRecord:
        return replace(self, verified_by=by, last_verified=at)


# -- JSON ----------------------------------------------------------------------------------------


def evidence_to_json(evidence: CapabilityEvidence) -> dict[str, Any]:
    """The stored ``evidence`` column: exactly the seed's three keys."""
    usage = evidence.usage
    return {
        "receipts": [{"ref": r.ref, "by": r.by, "at": r.at} for r in evidence.receipts],
        "test_results": [{"test": t.test, "status": t.status.value, "source": t.source,
                          "by": t.by, "at": t.at} for t in evidence.test_results],
        "usage": {} if usage is None else {
            "count": usage.count, "window_days": usage.window_days,
            "observed_on": usage.observed_on.isoformat(), "by": usage.by,
            "source": usage.source},
    }


def evidence_from_json(data: Mapping[str, Any] | None) -> CapabilityEvidence:
    """Read the stored column back (tolerant of keys a later version may add)."""
    if not data:
        return CapabilityEvidence()
    receipts = tuple(sorted(Receipt(str(r["ref"]), str(r.get("by", "")), str(r.get("at", "")))
                            for r in data.get("receipts", []) if r.get("ref")))
    tests = tuple(sorted(
        TestResult(str(t["test"]), ResultStatus(str(t.get("status", "declared"))),
                   str(t.get("source", "")), str(t.get("by", "")), str(t.get("at", "")))
        for t in data.get("test_results", []) if t.get("test")))
    raw = data.get("usage") or {}
    usage = None
    if raw.get("observed_on") is not None:
        usage = Usage(int(raw.get("count", 0)), int(raw.get("window_days", 0)),
                      date.fromisoformat(str(raw["observed_on"])), str(raw.get("by", "")),
                      str(raw.get("source", "")))
    return CapabilityEvidence(receipts, tests, usage)
