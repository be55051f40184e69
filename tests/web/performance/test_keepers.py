"""A measure's named keepers enter its values, and nobody else does: every role against
a measure it keeps and one it does not; and the entry form's checks."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from diogel.web.accounts.permissions import has_capability
from diogel.web.accounts.roles import Role
from diogel.web.audit.models import Entry
from diogel.web.performance.models import MeasureValue
from tests.web.performance.conftest import KEPT, OTHER

pytestmark = pytest.mark.django_db
ROLES = (
    Role.PUBLIC,
    Role.PARTNER_MEMBER,
    Role.ANALYST,
    Role.DATA_CONTROLLER,
    Role.BOARD_SECRETARIAT,
    Role.ADMINISTRATOR,
)
GOOD = {"area": "W92000004", "period": "2021", "value": "42", "note": "from the register"}


def outcomes(client_for: Callable[[Role], Client]) -> dict[tuple[Role, str, str], int]:
    found = {}
    for role in ROLES:
        client = client_for(role)
        for code in (KEPT, OTHER):
            url = f"/en/performance/measures/{code}/enter/"
            found[(role, code, "page")] = client.get(url).status_code
            found[(role, code, "enter")] = client.post(url, GOOD).status_code
    return found


def expected() -> dict[tuple[Role, str, str], int]:
    out = {}
    for role in ROLES:
        for code in (KEPT, OTHER):
            for action, ok in (("page", 200), ("enter", 302)):
                if role is Role.PUBLIC:
                    status = 302  # sent to sign in
                elif role is Role.ADMINISTRATOR or (role is Role.PARTNER_MEMBER and code == KEPT):
                    status = ok
                else:
                    status = 403
                out[(role, code, action)] = status
    return out


def test_keepers_enter_their_own_measures_only(
    client_for: Callable[[Role], Client], measures: Any
) -> None:
    found = outcomes(client_for)
    wrong = {k: (v, expected()[k]) for k, v in found.items() if v != expected()[k]}
    assert not wrong, wrong
    # The keeper's value, then the administrator's; only the administrator's post
    # reached the measure nobody here keeps.
    entries = Entry.objects.filter(action="enter_measure_value").order_by("pk")
    assert [(e.actor, e.target) for e in entries] == [
        ("demo-partner", f"measure {KEPT}"),
        ("demo-admin", f"measure {KEPT}"),
        ("demo-admin", f"measure {OTHER}"),
    ]
    other = MeasureValue.objects.get(measure__code=OTHER, area="W92000004", period="2021")
    assert other.entered_by == measures[Role.ADMINISTRATOR]


def test_the_check_catches_a_rule_that_lets_anyone_enter(
    client_for: Callable[[Role], Client], measures: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(
        "diogel.web.performance.keepers.may_keep",
        lambda user, capability, keepers: has_capability(user, capability),
    )
    found = outcomes(client_for)
    assert found != expected()
    assert found[(Role.ANALYST, OTHER, "enter")] == 302


def test_hub_measures_are_computed_not_entered(
    client_for: Callable[[Role], Client], measures: Any
) -> None:
    admin = client_for(Role.ADMINISTRATOR)
    url = "/en/performance/measures/asb-incidents-local-authority/enter/"
    assert admin.get(url).status_code == 404
    assert admin.post(url, GOOD).status_code == 404


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"period": "2021-07"}, "period", "Enter the period as a year, for example 2021"),
        ({"period": "2999"}, "period", "The period cannot be in the future."),
        ({"period": ""}, "period", "Enter the period"),
        ({"value": "lots"}, "value", "Enter the value as a number, for example 1250 or 23.5"),
        ({"value": "-3"}, "value", "The value cannot be negative for a measure in people."),
        ({"area": "W99999999"}, "area", "Choose an area from the list"),
        ({"area": ""}, "area", "Choose the area the value is for"),
    ],
)
def test_the_form_says_what_is_wrong(
    client_for: Callable[[Role], Client],
    measures: Any,
    change: dict[str, str],
    field: str,
    message: str,
) -> None:
    response = client_for(Role.PARTNER_MEMBER).post(
        f"/en/performance/measures/{KEPT}/enter/", {**GOOD, **change}
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "There is a problem" in page
    assert f'href="#id_{field}"' in page
    assert message in page
    assert not MeasureValue.objects.filter(measure__code=KEPT).exists()


def test_a_percentage_and_a_quarter(client_for: Callable[[Role], Client], measures: Any) -> None:
    admin = client_for(Role.ADMINISTRATOR)
    url = "/en/performance/measures/citizens-know-where-plans-are/enter/"
    too_much = admin.post(url, {**GOOD, "value": "123"})
    assert "A percentage cannot be more than 100." in too_much.content.decode()
    funding = "/en/performance/measures/community-safety-coordination-funding-change/enter/"
    assert admin.post(funding, {**GOOD, "value": "-12.5"}).status_code == 302


def test_entering_again_replaces_the_value_and_shows_on_the_scorecard(
    client_for: Callable[[Role], Client], measures: Any
) -> None:
    keeper = client_for(Role.PARTNER_MEMBER)
    url = f"/en/performance/measures/{KEPT}/enter/"
    first = keeper.post(url, {**GOOD, "area": "W06000020", "value": "12"})
    assert first["Location"] == "/en/performance/scorecard/W06000020/"
    keeper.post(url, {**GOOD, "area": "W06000020", "value": "15"})
    value = MeasureValue.objects.get(measure__code=KEPT, area="W06000020")
    assert value.value == 15
    page = keeper.get("/cy/performance/scorecard/W06000020/").content.decode()
    assert 'data-measure="csp-leads-trained"' in page
    assert ">15<" in page
