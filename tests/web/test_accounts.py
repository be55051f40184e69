from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.test import Client, override_settings

from diogel.web.accounts.demo import DEMO_PEOPLE, create_demo_accounts
from diogel.web.accounts.models import Organisation, User
from diogel.web.accounts.permissions import GRANTS, Capability, has_capability, role_of
from diogel.web.accounts.roles import ACCOUNT_ROLES, Role


@pytest.mark.django_db
def test_demo_accounts_can_sign_in_with_the_printed_password() -> None:
    accounts = create_demo_accounts()
    assert {a.role for a in accounts} == set(ACCOUNT_ROLES)
    for account in accounts:
        client = Client()
        response = client.post(
            "/en/sign-in/", {"username": account.username, "password": account.password}
        )
        assert response.status_code == 302, account.username
        assert response["Location"] == "/en/account/"
        assert client.get("/en/account/").context["user"].username == account.username


@pytest.mark.django_db
def test_demo_passwords_change_on_every_run() -> None:
    first = {a.username: a.password for a in create_demo_accounts()}
    second = {a.username: a.password for a in create_demo_accounts()}
    assert all(first[name] != second[name] for name in first)
    assert User.objects.count() == len(DEMO_PEOPLE)


@pytest.mark.django_db
@override_settings(DEMO_MODE=False)
def test_demo_accounts_are_refused_outside_demo_mode() -> None:
    with pytest.raises(ImproperlyConfigured, match="demo mode"):
        create_demo_accounts()
    assert not User.objects.exists()


@pytest.mark.django_db
def test_repeated_failures_lock_the_account_out(settings: object) -> None:
    create_demo_accounts()
    client = Client()
    limit = 5
    for _ in range(limit):
        client.post("/en/sign-in/", {"username": "demo-analyst", "password": "wrong-password"})
    # Even the right password is refused once locked out.
    user = User.objects.get(username="demo-analyst")
    user.set_password("the-right-password-now")
    user.save()
    response = client.post(
        "/cy/sign-in/", {"username": "demo-analyst", "password": "the-right-password-now"}
    )
    assert response.status_code == 429
    assert "Mae eich cyfrif wedi'i gloi" in response.content.decode()
    assert "30 munud" in response.content.decode()


@pytest.mark.django_db
def test_wrong_password_shows_an_error_summary() -> None:
    create_demo_accounts()
    response = Client().post("/en/sign-in/", {"username": "demo-analyst", "password": "nope"})
    assert response.status_code == 200
    assert "There is a problem" in response.content.decode()


@pytest.mark.django_db
def test_admin_access_follows_the_role() -> None:
    organisation = Organisation.objects.create(slug="x", name_en="X", name_cy="X", kind="other")
    user = User.objects.create_user("a", password="long-enough-pass", organisation=organisation)
    assert not user.is_staff
    user.role = Role.ADMINISTRATOR
    user.save()
    assert user.is_staff
    assert user.is_superuser
    user.role = Role.ANALYST
    user.is_superuser = False
    user.save()
    assert not user.is_staff
    assert not user.is_superuser


@pytest.mark.django_db
def test_createsuperuser_makes_an_administrator() -> None:
    user = User.objects.create_superuser("root", password="long-enough-pass")
    assert user.role == Role.ADMINISTRATOR
    assert role_of(user) is Role.ADMINISTRATOR


@pytest.mark.django_db
def test_inactive_accounts_are_treated_as_the_public(demo_accounts: dict[Role, User]) -> None:
    user = demo_accounts[Role.ADMINISTRATOR]
    user.is_active = False
    assert role_of(user) is Role.PUBLIC
    assert not has_capability(user, Capability.ADMINISTER_SITE)


def test_every_capability_is_granted_to_someone() -> None:
    assert set(GRANTS) == set(Capability)
    assert all(GRANTS[c] for c in Capability)


@pytest.mark.django_db
def test_the_matrix_would_catch_a_broken_grant(
    client_for: Callable[[Role], Client], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Widening a grant changes what the public see, which the matrix compares."""
    assert client_for(Role.PUBLIC).get("/en/organisations/").status_code == 302
    monkeypatch.setitem(GRANTS, Capability.VIEW_PARTNER_DIRECTORY, frozenset(Role))
    assert client_for(Role.PUBLIC).get("/en/organisations/").status_code == 200


def _django(settings_module: str, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "django", *args],
        env={**os.environ, "DJANGO_SETTINGS_MODULE": settings_module, **env},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


PRODUCTION_ENV = {
    "SECRET_KEY": "p" * 20 + "q" * 20 + "r" * 20 + "-production-like-key",
    "DIOGEL_ALLOWED_HOSTS": "diogel.example.org",
}


def test_deploy_check_is_clean_under_production_settings() -> None:
    result = _django(
        "diogel.web.settings.production",
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        **PRODUCTION_ENV,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_production_refuses_to_start_without_a_secret_key() -> None:
    result = _django("diogel.web.settings.production", "check", SECRET_KEY="")
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_production_never_allows_demo_accounts() -> None:
    code = (
        "import django; django.setup();from django.conf import settings; print(settings.DEMO_MODE)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        env={
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "diogel.web.settings.production",
            "DIOGEL_DEMO": "true",
            **PRODUCTION_ENV,
        },
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.stdout.strip() == "False", result.stderr
