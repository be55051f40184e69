"""Bearer tokens: hashed at rest, shown once, refused when expired or revoked."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from django.utils import timezone

from diogel.web.accounts.models import User
from diogel.web.accounts.roles import Role
from diogel.web.api.models import TOKEN_PREFIX, ApiToken, hash_token

pytestmark = pytest.mark.django_db
RECORDS = "/api/v1/records?source=police_uk_street&purpose=monitoring&limit=1"


def bearer(secret: str) -> dict[str, str]:
    return {"HTTP_AUTHORIZATION": f"Bearer {secret}"}


def test_only_a_hash_of_the_token_is_stored(demo_accounts: dict[Role, User]) -> None:
    token, secret = ApiToken.issue(demo_accounts[Role.ANALYST], "Force analytics")
    assert secret.startswith(TOKEN_PREFIX)
    assert len(secret) > 40
    stored = ApiToken.objects.get(pk=token.pk)
    assert stored.key_hash == hash_token(secret)
    assert secret not in {str(v) for v in vars(stored).values()}
    assert secret.startswith(stored.prefix)


def test_a_token_acts_as_its_person_and_records_its_use(
    demo_warehouse: Path, demo_accounts: dict[Role, User]
) -> None:
    token, secret = ApiToken.issue(demo_accounts[Role.ANALYST], "Force analytics")
    assert token.last_used is None
    response = Client().get(RECORDS, **bearer(secret))  # type: ignore[arg-type]
    assert response.status_code == 200, response.content
    token.refresh_from_db()
    assert token.last_used is not None
    from diogel.web.audit.models import Entry

    entry = Entry.objects.get(action="api_records")
    assert entry.user == demo_accounts[Role.ANALYST]
    assert token.prefix in entry.detail  # which token was used is part of the record


@pytest.mark.parametrize(
    "header",
    [
        "Bearer dgl_not-a-real-token",
        "Basic dXNlcjpwYXNz",
        "Bearer ",
        "dgl_no_scheme",
    ],
)
def test_a_bad_or_malformed_token_is_refused_not_treated_as_anonymous(
    demo_warehouse: Path, header: str
) -> None:
    response = Client().get("/api/v1/totals", HTTP_AUTHORIZATION=header)
    assert response.status_code == 401
    assert "detail" in response.json()


@pytest.mark.parametrize("change", ["expired", "revoked", "inactive person"])
def test_expired_revoked_and_deactivated_tokens_are_refused(
    demo_warehouse: Path, demo_accounts: dict[Role, User], change: str
) -> None:
    person = demo_accounts[Role.ANALYST]
    token, secret = ApiToken.issue(person, "Force analytics")
    assert Client().get("/api/v1/totals", **bearer(secret)).status_code == 200  # type: ignore[arg-type]
    past = timezone.now() - dt.timedelta(seconds=1)
    if change == "expired":
        token.expires = past
        token.save()
    elif change == "revoked":
        token.revoked = past
        token.save()
    else:
        person.is_active = False
        person.save()
    response = Client().get("/api/v1/totals", **bearer(secret))  # type: ignore[arg-type]
    assert response.status_code == 401
    assert response.json() == {"detail": "the token is unknown, expired or revoked"}


def test_the_command_prints_the_token_once(demo_accounts: dict[Role, User]) -> None:
    out, err = io.StringIO(), io.StringIO()
    call_command(
        "create_api_token", "demo-analyst", "--name", "Nightly extract", "--days", "30",
        stdout=out, stderr=err,
    )  # fmt: skip
    secret = out.getvalue().strip()
    token = ApiToken.objects.get(key_hash=hash_token(secret))
    assert token.name == "Nightly extract"
    assert token.expires is not None
    assert token.expires.date() == (timezone.now() + dt.timedelta(days=30)).date()
    assert secret not in err.getvalue()
    with pytest.raises(CommandError, match="no such person"):
        call_command("create_api_token", "nobody", "--name", "x")


def test_administrators_make_tokens_in_the_admin_and_see_them_once(
    client_for: Callable[[Role], Client], demo_accounts: dict[Role, User]
) -> None:
    admin = client_for(Role.ADMINISTRATOR)
    analyst = demo_accounts[Role.ANALYST]
    response = admin.post(
        "/cy/admin/api/apitoken/add/",
        {"user": analyst.pk, "name": "Dangosfwrdd", "expires_0": "", "expires_1": ""},
        follow=True,
    )
    assert response.status_code == 200
    token = ApiToken.objects.get(name="Dangosfwrdd")
    page = response.content.decode()
    assert token.prefix in page
    assert "unwaith" in page  # the Welsh "shown only once" warning
    changed = admin.get(f"/en/admin/api/apitoken/{token.pk}/change/").content.decode()
    assert "cannot be recovered" not in changed  # never shown again
    admin.post(
        "/en/admin/api/apitoken/",
        {"action": "revoke", "_selected_action": [token.pk]},
    )
    token.refresh_from_db()
    assert token.revoked is not None
