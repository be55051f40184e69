"""The Wales register seeded, with the demo secretariat keeping its demo boards."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from diogel.web.accounts.models import User
from diogel.web.accounts.roles import Role
from diogel.web.boards.seed import DEMO_SECRETARIAT_BOARDS, give_boards_to


@pytest.fixture
def seeded_register(demo_accounts: dict[Role, User]) -> None:
    """Wales seeded; the demo secretariat keeps the Newport CSP and the Gwent group only."""
    call_command("seed_wales_landscape", verbosity=0)
    assert give_boards_to(demo_accounts[Role.BOARD_SECRETARIAT].username) == len(
        DEMO_SECRETARIAT_BOARDS
    )
