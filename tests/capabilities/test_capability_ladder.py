"""The capability ladder: levels from evidence, freshness from `today`, the gap to the claim.

Pure, so held to properties: deterministic, independent of the order of the evidence, and
monotone (holding evidence never lowers the level).
"""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import UTC, date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from commissioning.capabilities import (
    CapabilityEvidence,
    CapabilityKind,
    CapabilityRecord,
    Facts,
    Receipt,
    ReceiptCheck,
    ResultStatus,
    TestCheck,
    TestResult,
    Usage,
    assess_capability,
    assessment_to_dict,
    evidence_from_json,
    evidence_to_json,
)
from commissioning.machines import builtin_machine

MACHINE = builtin_machine("capability")
TODAY = date(2026, 11, 21)
RECEIPT = ReceiptCheck("src/a.ts#make", True, "src/a.ts:3")
PASSING = TestCheck("e2e/a.spec.ts", 3, 0, "reports/e2e.xml")


def record(claimed: int = 4, **changes: object) -> CapabilityRecord:
    base = CapabilityRecord(id="id-1", venture="v", slug="make-things", feature_name="Make",
                            capability_enabled="makes things", prd_slug="prd-make",
                            claimed_level=claimed)
    return replace(base, **changes)  # type: ignore[arg-type]


def used(days_ago: int = 0, count: int = 10) -> CapabilityEvidence:
    return CapabilityEvidence(usage=Usage(count, 7, date.fromordinal(TODAY.toordinal()
                                                                     - days_ago), "ops"))


def test_the_machine_is_a_ladder_of_five_levels() -> None:
    assert [s.id for s in MACHINE.by_rank()] == ["named", "implemented", "tested", "used",
                                                 "verified"]
    assert [s.evidence for s in MACHINE.by_rank()][1:] == ["receipts", "test_results",
                                                           "usage", "verification"]


def test_each_level_needs_the_ones_below() -> None:
    a = assess_capability(record(), Facts(), MACHINE, today=TODAY)
    assert (a.verified, a.gap.n if a.gap else None) == (0, 1)
    assert a.gap is not None and a.gap.kind is CapabilityKind.IMPLEMENTED
    assert "no code receipt" in a.gap.missing
    a = assess_capability(record(), Facts(receipts=(RECEIPT,)), MACHINE, today=TODAY)
    assert (a.verified, a.gap and a.gap.kind) == (1, CapabilityKind.TESTED)
    a = assess_capability(record(), Facts((RECEIPT,), (PASSING,)), MACHINE, today=TODAY)
    assert (a.verified, a.gap and a.gap.kind) == (2, CapabilityKind.USED)
    full = record(evidence=used(), verified_by="@ciara",
                  last_verified=datetime(2026, 11, 20, tzinfo=UTC))
    a = assess_capability(full, Facts((RECEIPT,), (PASSING,)), MACHINE, today=TODAY)
    assert (a.verified, a.gap) == (4, None)


def test_evidence_above_a_missing_level_is_ahead_not_counted() -> None:
    r = record(evidence=used(), verified_by="@ciara",
               last_verified=datetime(2026, 11, 20, tzinfo=UTC))
    a = assess_capability(r, Facts(receipts=(RECEIPT,)), MACHINE, today=TODAY)
    assert a.verified == 1
    assert a.ahead == (CapabilityKind.USED, CapabilityKind.VERIFIED)


def test_a_claim_at_or_below_the_verified_level_is_no_gap() -> None:
    assert assess_capability(record(claimed=1), Facts((RECEIPT,)), MACHINE).gap is None
    assert assess_capability(record(claimed=0), Facts(), MACHINE).gap is None


def test_a_failing_test_holds_l2_back_even_beside_a_passing_one() -> None:
    failing = TestCheck("e2e/b.spec.ts", 1, 1, "reports/nightly.json")
    a = assess_capability(record(), Facts((RECEIPT,), (PASSING, failing)), MACHINE)
    assert a.verified == 1
    assert a.gap is not None and "failing: e2e/b.spec.ts (1 failed" in a.gap.missing


def test_posted_test_results_count_like_report_results() -> None:
    posted = CapabilityEvidence(test_results=(TestResult("e2e/a.spec.ts", ResultStatus.PASSED,
                                                         "ci run 41", "agent"),))
    a = assess_capability(record(evidence=posted), Facts((RECEIPT,)), MACHINE)
    assert a.verified == 2
    declared = CapabilityEvidence(test_results=(TestResult("e2e/a.spec.ts"),))
    a = assess_capability(record(evidence=declared), Facts((RECEIPT,)), MACHINE)
    assert a.verified == 1 and a.gap is not None and "no result for: e2e/a.spec.ts" in \
        a.gap.missing


@pytest.mark.parametrize(("days_ago", "fresh"), [(0, True), (30, True), (31, False)])
def test_usage_and_verification_go_stale_after_the_freshness_window(days_ago: int,
                                                                     fresh: bool) -> None:
    when = datetime.combine(date.fromordinal(TODAY.toordinal() - days_ago),
                            datetime.min.time(), UTC)
    r = record(evidence=used(days_ago), verified_by="@ciara", last_verified=when)
    a = assess_capability(r, Facts((RECEIPT,), (PASSING,)), MACHINE, today=TODAY,
                          freshness_days=30)
    assert a.verified == (4 if fresh else 2)
    if not fresh:
        assert a.gap is not None and "usage is stale" in a.gap.missing
    # Without a clock nothing is stale: the caller owns `today`.
    assert assess_capability(r, Facts((RECEIPT,), (PASSING,)), MACHINE).verified == 4


def test_zero_uses_are_no_usage() -> None:
    a = assess_capability(record(evidence=used(count=0)), Facts((RECEIPT,), (PASSING,)),
                          MACHINE, today=TODAY)
    assert a.verified == 2


def test_the_document_names_levels_and_the_gap() -> None:
    a = assess_capability(record(claimed=3), Facts((RECEIPT,)), MACHINE, today=TODAY)
    shown = assessment_to_dict(a, MACHINE)
    assert shown["claimed_level"] == "L3" and shown["verified_level"] == "L1"
    assert shown["gap"] == {"level": "L2", "kind": "tested", "missing": a.results[2].reason}
    assert shown["levels"]["L1"]["evidence"] == ["src/a.ts#make (src/a.ts:3)"]  # type: ignore[index]


def test_a_workflow_machine_is_refused() -> None:
    with pytest.raises(ValueError, match="needs a ladder"):
        assess_capability(record(), Facts(), builtin_machine("task"))


# -- properties -------------------------------------------------------------------------------

receipts = st.builds(ReceiptCheck, st.sampled_from(["a.ts", "b.ts#X", "c/"]), st.booleans(),
                     st.just(""))
tests = st.builds(TestCheck, st.sampled_from(["e2e/a.spec.ts", "e2e/b.spec.ts"]),
                  st.integers(0, 3), st.integers(0, 1), st.sampled_from(["r1", "r2"]))
usages = st.none() | st.builds(Usage, st.integers(0, 50), st.integers(1, 30),
                               st.dates(date(2026, 9, 1), TODAY))
verifications = st.tuples(st.none() | st.sampled_from(["@a", "@b"]),
                          st.none() | st.datetimes(datetime(2026, 9, 1), datetime(2026, 11, 21),
                                                   timezones=st.just(UTC)))


@st.composite
def cases(draw: st.DrawFn) -> tuple[CapabilityRecord, Facts]:
    who, when = draw(verifications)
    r = record(claimed=draw(st.integers(0, 4)),
               evidence=CapabilityEvidence(usage=draw(usages)), verified_by=who,
               last_verified=when)
    return r, Facts(tuple(draw(st.lists(receipts, max_size=4))),
                    tuple(draw(st.lists(tests, max_size=4))))


@given(cases(), st.randoms(use_true_random=False))
def test_deterministic_and_independent_of_order(case: tuple[CapabilityRecord, Facts],
                                                rnd: random.Random) -> None:
    r, facts = case
    shuffled_r = list(facts.receipts)
    shuffled_t = list(facts.tests)
    rnd.shuffle(shuffled_r)
    rnd.shuffle(shuffled_t)
    one = assess_capability(r, facts, MACHINE, today=TODAY)
    two = assess_capability(r, Facts(tuple(shuffled_r), tuple(shuffled_t)), MACHINE,
                            today=TODAY)
    assert assessment_to_dict(one, MACHINE) == assessment_to_dict(two, MACHINE)


@given(cases(), st.lists(receipts.filter(lambda c: c.exists), max_size=2),
       st.lists(tests.filter(lambda c: c.holds), max_size=2))
def test_holding_evidence_never_lowers_the_level(case: tuple[CapabilityRecord, Facts],
                                                 more_receipts: list[ReceiptCheck],
                                                 more_tests: list[TestCheck]) -> None:
    r, facts = case
    before = assess_capability(r, facts, MACHINE, today=TODAY)
    richer = Facts((*facts.receipts, *more_receipts), (*facts.tests, *more_tests))
    after = assess_capability(r, richer, MACHINE, today=TODAY)
    assert after.verified >= before.verified
    assert (after.gap is None) or (after.claimed > after.verified)


@given(cases())
def test_the_gap_is_the_first_level_that_does_not_hold(case: tuple[CapabilityRecord, Facts],
                                                      ) -> None:
    r, facts = case
    a = assess_capability(r, facts, MACHINE, today=TODAY)
    assert all(res.holds for res in a.results[: a.verified + 1])
    if a.verified < 4:
        assert not a.results[a.verified + 1].holds
    assert (a.gap is not None) == (r.claimed_level > a.verified)
    if a.gap is not None:
        assert a.gap.n == a.verified + 1


evidences = st.builds(
    CapabilityEvidence,
    st.lists(st.builds(Receipt, st.from_regex(r"src/[a-z]{1,5}\.ts", fullmatch=True),
                       st.sampled_from(["", "feature-matrix", "@a"])),
             max_size=3, unique_by=lambda r: r.ref).map(lambda xs: tuple(sorted(xs))),
    st.lists(st.builds(TestResult, st.sampled_from(["e2e/a.spec.ts", "e2e/b.spec.ts"]),
                       st.sampled_from(list(ResultStatus)), st.sampled_from(["", "ci"])),
             max_size=3, unique_by=lambda t: (t.test, t.source)).map(lambda xs: tuple(sorted(xs))),
    usages)


@given(evidences)
def test_the_evidence_json_round_trips(evidence: CapabilityEvidence) -> None:
    data = evidence_to_json(evidence)
    assert set(data) == {"receipts", "test_results", "usage"}
    assert evidence_from_json(data) == evidence
