"""The capability ladder over the evidence: the verified level, and the gap to the claim.

Pure, as ``assess`` is for tables: no I/O and no clock — ``today`` decides freshness, and
without it nothing goes stale (the caller owns the clock). It walks the ``capability`` machine's
rungs up from L0 while each rung's evidence holds; the first that does not is where the verified
level stops. A claimed level above the verified one is a gap (the first rung that does not
hold), and every gap becomes a task. Adding holding evidence (a receipt that exists, a passing
test, fresher usage or verification) never lowers the level; a failing test holds L2 back, so
one green test cannot hide a red one (as the test-report observer does for tables). The order
of the evidence never matters.

What the tree and the reports say is observed elsewhere (``observe/capabilities.py``) and comes
in as :class:`Facts`: which receipts exist, and how each test fared in the ingested reports.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date

from commissioning.capabilities.model import (
    CapabilityKind,
    CapabilityRecord,
    ResultStatus,
    level_name,
)
from commissioning.machines import Machine, MachineKind

DEFAULT_FRESHNESS_DAYS = 30


@dataclass(frozen=True, slots=True, order=True)
class ReceiptCheck:
    """Whether a receipt exists in the tree; ``where`` is ``path:line`` when it does, else why
    not."""

    ref: str
    exists: bool
    where: str = ""


@dataclass(frozen=True, slots=True, order=True)
class TestCheck:
    """How one test fared: counts of passed and failed tests and where that was read."""

    __test__ = False

    test: str
    passed: int
    failed: int
    source: str

    @property
    def holds(self) -> bool:
        return self.passed > 0 and self.failed == 0


@dataclass(frozen=True, slots=True)
class Facts:
    """What observation found for one capability's evidence."""

    receipts: tuple[ReceiptCheck, ...] = ()
    tests: tuple[TestCheck, ...] = ()


@dataclass(frozen=True, slots=True)
class LevelResult:
    """One rung: does its evidence hold, which items prove it, or why not."""

    n: int
    kind: CapabilityKind
    holds: bool
    evidence: tuple[str, ...] = ()
    reason: str = ""


@dataclass(frozen=True, slots=True)
class CapabilityGap:
    """The first rung above the verified level, on the way to a higher claim."""

    slug: str
    n: int
    kind: CapabilityKind
    missing: str
    claimed: int


@dataclass(frozen=True, slots=True)
class CapabilityAssessment:
    record: CapabilityRecord
    verified: int
    results: tuple[LevelResult, ...]
    gap: CapabilityGap | None
    ahead: tuple[CapabilityKind, ...] = ()

    @property
    def slug(self) -> str:
        return self.record.slug

    @property
    def claimed(self) -> int:
        return self.record.claimed_level


@dataclass(frozen=True, slots=True)
class _Context:
    record: CapabilityRecord
    facts: Facts
    today: date | None
    freshness_days: int

    def fresh(self, day: date) -> bool:
        return self.today is None or (self.today - day).days <= self.freshness_days


Check = Callable[[_Context], tuple[bool, tuple[str, ...], str]]


def _receipts(ctx: _Context) -> tuple[bool, tuple[str, ...], str]:
    found = tuple(sorted(f"{c.ref} ({c.where})" if c.where else c.ref
                         for c in ctx.facts.receipts if c.exists))
    absent = sorted(c.ref for c in ctx.facts.receipts if not c.exists)
    if found:
        return True, found, ""
    tail = f"; not found: {', '.join(absent)}" if absent else "; none is named"
    return False, (), "no code receipt exists in the tree" + tail


def _tests(ctx: _Context) -> tuple[bool, tuple[str, ...], str]:
    posted = [TestCheck(t.test, int(t.status is ResultStatus.PASSED),
                        int(t.status is ResultStatus.FAILED), t.source or t.by)
              for t in ctx.record.evidence.test_results if t.status is not ResultStatus.DECLARED]
    checks = sorted({*ctx.facts.tests, *posted})
    failing = [c for c in checks if c.failed]
    if failing:
        named = ", ".join(f"{c.test} ({c.failed} failed in {c.source})" for c in failing)
        return False, (), f"tests are failing: {named}"
    passing = tuple(f"{c.test}: {c.passed} passed ({c.source})" for c in checks if c.holds)
    if passing:
        return True, passing, ""
    declared = sorted({t.test for t in ctx.record.evidence.test_results})
    tail = f"; no result for: {', '.join(declared)}" if declared else "; no test is named"
    return False, (), "no passing test result in an ingested report" + tail


def _usage(ctx: _Context) -> tuple[bool, tuple[str, ...], str]:
    usage = ctx.record.evidence.usage
    if usage is None or usage.count <= 0:
        return False, (), "no usage evidence (POST a usage count with its window)"
    said = (f"{usage.count} uses in {usage.window_days} days to "
            f"{usage.observed_on.isoformat()}" + (f" ({usage.by})" if usage.by else ""))
    if not ctx.fresh(usage.observed_on):
        return False, (), f"usage is stale: {said}, older than {ctx.freshness_days} days"
    return True, (said,), ""


def _verification(ctx: _Context) -> tuple[bool, tuple[str, ...], str]:
    who, when = ctx.record.verified_by, ctx.record.last_verified
    if not who or when is None:
        return False, (), "not verified by a named agent or person"
    said = f"verified by {who} on {when.date().isoformat()}"
    if not ctx.fresh(when.date()):
        return False, (), f"verification is stale: {said}, older than {ctx.freshness_days} days"
    return True, (said,), ""


CHECKS: Mapping[str, Check] = {
    "receipts": _receipts,
    "test_results": _tests,
    "usage": _usage,
    "verification": _verification,
}


def assess_capability(
    record: CapabilityRecord, facts: Facts, machine: Machine, *,
    today: date | None = None, freshness_days: int = DEFAULT_FRESHNESS_DAYS,
) -> CapabilityAssessment:
    """The verified level of ``record`` on the ladder ``machine``, every rung's verdict, and the
    gap when the claim is higher."""
    if machine.kind is not MachineKind.LADDER:
        raise ValueError(f"assess_capability() needs a ladder, got {machine.kind.value} "
                         f"'{machine.name}'")
    ctx = _Context(record, facts, today, freshness_days)
    results: list[LevelResult] = []
    for state in machine.by_rank():
        n = state.n or 0
        if n == 0:
            results.append(LevelResult(0, CapabilityKind(state.id), True, ("in the spec",)))
            continue
        check = CHECKS.get(state.evidence or "")
        if check is None:
            raise ValueError(f"capability ladder rung '{state.id}' names evidence "
                             f"'{state.evidence}', which no check knows ({sorted(CHECKS)})")
        holds, items, reason = check(ctx)
        results.append(LevelResult(n, CapabilityKind(state.id), holds, items, reason))
    verified = 0
    for result in results[1:]:
        if not result.holds:
            break
        verified = result.n
    gap = None
    if record.claimed_level > verified and verified + 1 < len(results):
        first = results[verified + 1]
        gap = CapabilityGap(record.slug, first.n, first.kind, first.reason,
                            record.claimed_level)
    ahead = tuple(r.kind for r in results if r.n > verified + 1 and r.holds)
    return CapabilityAssessment(record=record, verified=verified, results=tuple(results),
                                gap=gap, ahead=ahead)


def assessment_to_dict(a: CapabilityAssessment, machine: Machine) -> dict[str, object]:
    """One capability as the status document, the CLI and the API show it."""
    record = a.record
    names = {s.n: s.name for s in machine.states}
    return {
        "slug": record.slug,
        "feature_name": record.feature_name,
        "capability_enabled": record.capability_enabled,
        "prd_slug": record.prd_slug,
        "claimed_level": level_name(record.claimed_level),
        "verified_level": level_name(a.verified),
        "verified_name": names.get(a.verified, ""),
        "levels": {level_name(r.n): {"kind": r.kind.value, "holds": r.holds,
                                     "evidence": list(r.evidence), "reason": r.reason}
                   for r in a.results if r.n > 0},
        "gap": None if a.gap is None else {
            "level": level_name(a.gap.n), "kind": a.gap.kind.value, "missing": a.gap.missing},
        "ahead": [k.value for k in a.ahead],
        "last_verified": None if record.last_verified is None
        else record.last_verified.isoformat().replace("+00:00", "Z"),
        "verified_by": record.verified_by,
        "retired": not record.active,
    }
