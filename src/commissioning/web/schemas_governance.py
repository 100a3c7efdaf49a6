"""Request bodies of the capability and governance API (responses are the services' documents)."""

from __future__ import annotations

from datetime import date
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field


class PostedStatus(StrEnum):
    PASSED = "passed"
    FAILED = "failed"


class TestResultIn(BaseModel):
    """One test of the capability and how it ended."""

    __test__ = False
    model_config = ConfigDict(extra="forbid")

    test: str = Field(min_length=1, max_length=1000,
                      description="The test (a spec file, e.g. e2e/intake.spec.ts)")
    status: PostedStatus


class UsageIn(BaseModel):
    """How much the capability was used: ``count`` uses in ``window_days`` up to
    ``observed_on`` (default: today)."""

    model_config = ConfigDict(extra="forbid")

    count: int = Field(ge=0, le=10**12)
    window_days: int = Field(default=30, ge=1, le=3650)
    observed_on: date | None = None


class CapabilityEvidenceIn(BaseModel):
    """Evidence for a capability. Who posts it (and, with ``verified``, who verified it) is the
    token's name."""

    model_config = ConfigDict(extra="forbid")

    receipts: list[str] = Field(default_factory=list, max_length=200,
                                description="Code receipts: path or path#Symbol")
    test_results: list[TestResultIn] = Field(default_factory=list, max_length=500)
    usage: UsageIn | None = None
    verified: bool = Field(default=False,
                           description="The caller verified the capability now (L4)")
    source: str = Field(default="", max_length=500,
                        description="Where the evidence comes from (a CI run, a dashboard)")


class ProposalIn(BaseModel):
    """A governance proposal; who proposes it is the token's name."""

    model_config = ConfigDict(extra="forbid")

    action: str = Field(min_length=1, max_length=100,
                        description="An action type of the governance matrix, e.g. "
                                    "waive_evidence")
    subject: dict[str, str] = Field(default_factory=dict, max_length=20,
                                    description="What it is about: {table, kind} for a waiver, "
                                                "{slug, level} for a raised claim")
    reason: str = Field(min_length=1, max_length=4000, pattern=r"\S")
    expires_on: date | None = Field(default=None,
                                    description="A waiver stops counting after this day")


class DecisionIn(BaseModel):
    """Why the proposal is approved or rejected (recorded with the token's name)."""

    model_config = ConfigDict(extra="forbid")

    reason: str = Field(min_length=1, max_length=4000, pattern=r"\S")


class ExecutionIn(BaseModel):
    """What was done to carry an approved proposal out."""

    model_config = ConfigDict(extra="forbid")

    reason: str = Field(default="", max_length=4000)
