"""The API against its own OpenAPI document, with schemathesis (bounded: a few examples each).

Every operation is called with generated input, valid and invalid, as an admin (so writes run
for real), and each answer must be a documented status in the documented shape, never a 5xx.
"""

from __future__ import annotations

from itertools import product
from typing import Any

import schemathesis
from fastapi import FastAPI
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)
from tests.web.live import Tokens

CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance,
          response_schema_conformance]


def test_the_api_keeps_its_openapi_promises(app: FastAPI, tokens: Tokens) -> None:
    schema = schemathesis.openapi.from_asgi("/api/openapi.json", app)
    headers = {"Authorization": f"Bearer {tokens.admin}"}
    tested = []
    for result, mode in product(schema.get_all_operations(), GenerationMode):
        operation = result.ok()

        @given(case=operation.as_strategy(generation_mode=mode))
        @settings(max_examples=8, deadline=None, database=None, derandomize=True,
                  suppress_health_check=list(HealthCheck))
        def call(case: Any) -> None:
            case.call_and_validate(headers=headers, checks=CHECKS)

        try:
            call()
        except Unsatisfiable:  # nothing to make invalid: an operation without input
            assert mode is GenerationMode.NEGATIVE, operation.label
            continue
        tested.append((operation.label, mode.value))
    assert len([t for t in tested if t[1] == "positive"]) >= 13, tested
    assert len([t for t in tested if t[1] == "negative"]) >= 8, tested
