"""Property-based requests from the OpenAPI schema itself (schemathesis, in-process WSGI):
whatever the inputs, the API answers with a client error or an answer, never a 500.

Hypothesis drives each operation's strategy directly rather than through
schemathesis' pytest plugin, whose fixture support does not run on pytest 9.
Run alone with ``.venv/bin/pytest tests/web/api/test_schemathesis.py``.
"""

from __future__ import annotations

import itertools
import time
from pathlib import Path
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error

from diogel.web.accounts.models import User
from diogel.web.accounts.roles import Role
from diogel.web.api.models import ApiToken

pytestmark = [pytest.mark.django_db, pytest.mark.slow]
EXAMPLES = 100  # per operation and mode (valid inputs, then invalid ones)


def test_no_input_makes_a_server_error(
    demo_warehouse: Path, demo_accounts: dict[Role, User]
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
