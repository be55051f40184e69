"""Property-based requests from the OpenAPI schema itself (schemathesis, in-process WSGI):
whatever the inputs, the API answers with a client error or an answer, never a 500.

Hypothesis drives each operation's strategy directly rather than through
schemathesis' pytest plugin, whose fixture support does not run on pytest 9.
Run alone with ``.venv/bin/pytest tests/web/api/test_schemathesis.py``.
"""

from __future__ import annotations

import itertools
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error

from diogel.web.accounts.models import User
from diogel.web.accounts.roles import Role
from diogel.web.api.models import ApiToken

pytestmark = [pytest.mark.django_db, pytest.mark.slow]
EXAMPLES = 100  # per operation and mode (valid inputs, then invalid ones)


@pytest.fixture
def keep_the_test_connection() -> Iterator[None]:
    """Calling the WSGI application directly fires the request signals, whose
    ``close_old_connections`` would close the test's database connection mid
    transaction (PostgreSQL); Django's own test client disconnects it the same way."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


def test_no_input_makes_a_server_error(
    demo_warehouse: Path, demo_accounts: dict[Role, User], keep_the_test_connection: None
) -> None:
    from diogel.web.wsgi import application

    # A partner with no agreement: records of open sources only, small-area ED refused.
    token = ApiToken.issue(demo_accounts[Role.ANALYST], "schemathesis")[1]
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)
    operations = [result.ok() for result in schema.get_all_operations()]  # type: ignore[union-attr]
    assert len(operations) == 6
    for operation, mode in itertools.product(operations, GenerationMode):

        @given(case=operation.as_strategy(mode))
        @settings(
            max_examples=EXAMPLES,
            deadline=None,
            database=None,
            suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
        )
        def check(case: Any) -> None:
            # Alternate anonymous and token callers, so both paths through access run.
            anonymous = hash(repr(case.query)) % 2 == 0
            headers = {} if anonymous else {"Authorization": f"Bearer {token}"}
            response = case.call(headers=headers)
            case.validate_response(response, checks=[not_a_server_error], headers=headers)

        started = time.perf_counter()
        check()
        print(f"{operation.label} {mode.value}: {time.perf_counter() - started:.1f} s")
