"""Fixtures of the test-report suite."""

from tests.cli.conftest import run  # noqa: F401  (the `commission` runner, shared)
