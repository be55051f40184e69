"""Every URL the site serves, requested by every role, gets the status this table expects.

A new URL fails :func:`test_every_url_is_in_the_matrix` until its row is added
here, so no page ships without a decision about who may see it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import translation

from diogel.web.accounts.models import Organisation, User
from diogel.web.accounts.roles import Role

P, PM, AN, DC, BS, AD = (
    Role.PUBLIC,
    Role.PARTNER_MEMBER,
    Role.ANALYST,
    Role.DATA_CONTROLLER,
    Role.BOARD_SECRETARIAT,
    Role.ADMINISTRATOR,
)
ALL = (P, PM, AN, DC, BS, AD)
SIGNED_IN = (PM, AN, DC, BS, AD)


def everyone(status: int) -> dict[Role, int]:
    return dict.fromkeys(ALL, status)


def signed_in_only(status: int = 200) -> dict[Role, int]:
    # The public are redirected to sign in.
    return {P: 302, **dict.fromkeys(SIGNED_IN, status)}


def administrators_only(status: int = 200) -> dict[Role, int]:
    # Django admin sends anyone who is not an administrator to its sign-in page.
    return {**dict.fromkeys((P, PM, AN, DC, BS), 302), AD: status}


def data_handlers_only() -> dict[Role, int]:
    # Analysts, data controllers and administrators bring files in; others may not.
    return {P: 302, PM: 403, AN: 200, DC: 200, BS: 403, AD: 200}


def analysts_only(status: int = 200) -> dict[Role, int]:
    # Analysts (and administrators) generate reports and write their narrative.
    return {P: 302, PM: 403, AN: status, DC: 403, BS: 403, AD: status}


def secretariat_only(status: int = 200) -> dict[Role, int]:
    # The board secretariat (and administrators) publish reports.
    return {P: 302, PM: 403, AN: 403, DC: 403, BS: status, AD: status}


OBJECTIVE = "evidence-hub-business-case"  # a seeded objective of the evidence work-stream
#: A measure entered by its owner, whose keeper in the matrix is the secretariat.
MATRIX_MEASURE = "pcc-funding-safer-gwent"

SIGN_IN_PAGE = {P: 200, **dict.fromkeys(SIGNED_IN, 302)}  # signed-in people are sent on

EXPECTED: dict[str, dict[Role, int]] = {
    "healthz": everyone(200),
    "area_geojson": everyone(200),
    "areas:finder": everyone(200),
    "areas:level": everyone(200),
    "areas:detail": everyone(200),
    "core:home": everyone(200),
    "core:accessibility": everyone(200),
    "core:privacy": everyone(200),
    "accounts:login": SIGN_IN_PAGE,
    "accounts:logout": everyone(405),  # sign-out is POST only
    "accounts:profile": signed_in_only(),
    "accounts:organisation_list": signed_in_only(),
    "accounts:organisation_detail": signed_in_only(),
    "imports:list": data_handlers_only(),
    "imports:upload": data_handlers_only(),
    "imports:detail": data_handlers_only(),
    "imports:audit": {P: 302, PM: 403, AN: 403, DC: 200, BS: 403, AD: 200},
    "agreements:list": signed_in_only(),
    "insight:dashboard": everyone(200),
    "boards:list": everyone(200),
    "boards:detail": everyone(200),
    "boards:tracker": everyone(200),
    "boards:meetings": signed_in_only(),
    "boards:reviews": signed_in_only(),
    "boards:duties": signed_in_only(),
    "boards:authority_duties": signed_in_only(),
    "boards:meeting_new": secretariat_only(),
    "boards:meeting": signed_in_only(),
    "boards:meeting_export": signed_in_only(),
    # The matrix's item is a published partners' item: the public are sent to sign in.
    # Every level, state and relation: tests/web/boards/test_confidentiality.py.
    "boards:meeting_paper": signed_in_only(),
    "boards:meeting_item": signed_in_only(),
    "boards:papers": everyone(200),  # lists what each viewer may see
    "boards:representation_export": signed_in_only(),
    # The secretariat here keeps the board; one that does not is refused (test_keepers.py).
    "boards:edit": secretariat_only(),
    "boards:seats": signed_in_only(),
    "boards:tracker_export": everyone(200),
    "boards:landscape": everyone(200),
    "boards:landscape_json": everyone(200),
    "boards:network": everyone(200),
    "boards:matrix": everyone(200),
    "boards:matrix_export": everyone(200),
    "boards:reviews_export": signed_in_only(),
    "boards:review_new": secretariat_only(),
    "boards:review": signed_in_only(),
    "funding:overview": everyone(200),
    "funding:workbook": everyone(200),
    "funding:table_csv": everyone(200),
    "programme:overview": everyone(200),
    "programme:recommendations": everyone(200),
    "programme:workstream": everyone(200),
    "programme:objective": everyone(200),
    "programme:closure": everyone(200),
    "programme:closure_json": everyone(200),
    "programme:export_json": everyone(200),
    "programme:export_csv": everyone(200),
    "programme:export_xlsx": everyone(200),
    **{
        f"admin:programme_{model}_{view}": administrators_only()
        for model in ("objective", "recommendation")
        for view in ("changelist", "add", "history", "delete", "change")
    },
    "performance:list": everyone(200),
    "performance:detail": everyone(200),
    "performance:scorecard": everyone(200),
    "performance:scorecard_csv": everyone(200),
    "performance:scorecard_xlsx": everyone(200),
    "performance:scorecard_pdf": everyone(200),
    "performance:board": everyone(200),
    "performance:board_csv": everyone(200),
    "performance:board_xlsx": everyone(200),
    "performance:board_pdf": everyone(200),
    # Every partner may enter measures; the secretariat here is the measure's keeper and
    # the others are not (tests/web/performance/test_keepers.py has the whole matrix).
    "performance:enter": secretariat_only(),
    **{
        f"admin:boards_{model}_{view}": administrators_only()
        for model in ("board", "trackerentry", "domestichomicidereview", "person")
        for view in ("changelist", "add", "history", "delete", "change")
    },
    **{
        f"admin:performance_{model}_{view}": administrators_only()
        for model in ("measure", "measurevalue")
        for view in ("changelist", "add", "history", "delete", "change")
    },
    "insight:records": signed_in_only(400),  # asks which source, area and purpose
    "agreements:detail": signed_in_only(),
    # Data controllers manage their own organisation's agreements: the one here discloses
    # under the matrix agreement; other organisations' are refused (test_agreement_forms.py).
    "agreements:register": {P: 302, PM: 403, AN: 403, DC: 200, BS: 403, AD: 200},
    "agreements:edit": {P: 302, PM: 403, AN: 403, DC: 200, BS: 403, AD: 200},
    "agreements:review": {P: 302, PM: 403, AN: 403, DC: 200, BS: 403, AD: 200},
    "agreements:revoke": {P: 302, PM: 403, AN: 403, DC: 200, BS: 403, AD: 200},
    # The signed copy is for members of its parties (the data controller's health board)
    # and administrators.
    "agreements:document": {P: 302, PM: 403, AN: 403, DC: 200, BS: 403, AD: 200},
    "admin:agreements_agreement_changelist": administrators_only(),
    "admin:agreements_agreement_add": administrators_only(),
    "admin:agreements_agreement_history": administrators_only(),
    "admin:agreements_agreement_delete": administrators_only(),
    "admin:agreements_agreement_change": administrators_only(),
    "reports:list": signed_in_only(),
    "reports:request": analysts_only(),
    "reports:detail": signed_in_only(),
    "reports:view": signed_in_only(),
    "reports:pdf": signed_in_only(),
    "reports:document": signed_in_only(),
    "reports:regenerate": analysts_only(405),  # POST only
    "reports:narrative": analysts_only(405),  # POST only
    "reports:publish": secretariat_only(405),  # POST only
    "reports:published": everyone(200),
    "reports:published_view": everyone(200),
    "reports:published_pdf": everyone(200),
    "vega_bundle": everyone(200),
    "admin:audit_entry_changelist": administrators_only(),
    "admin:audit_entry_add": administrators_only(403),  # the trail is never edited
    "admin:audit_entry_history": administrators_only(),
    "admin:audit_entry_delete": administrators_only(403),
    "admin:audit_entry_change": administrators_only(),  # read-only view
    "admin:index": administrators_only(),
    "admin:login": {**dict.fromkeys((P, PM, AN, DC, BS), 200), AD: 302},
    "admin:logout": administrators_only(405),  # POST only
    "admin:password_change": administrators_only(),
    "admin:password_change_done": administrators_only(),
    "admin:autocomplete": administrators_only(403),  # needs query parameters
    "admin:jsi18n": administrators_only(),
    "admin:view_on_site": administrators_only(404),  # organisations have no public page yet
    "admin:app_list": administrators_only(),
    "admin:accounts_organisation_changelist": administrators_only(),
    "admin:accounts_organisation_add": administrators_only(),
    "admin:accounts_organisation_history": administrators_only(),
    "admin:accounts_organisation_delete": administrators_only(),
    "admin:accounts_organisation_change": administrators_only(),
    "admin:accounts_user_changelist": administrators_only(),
    "admin:accounts_user_add": administrators_only(),
    "admin:accounts_user_history": administrators_only(),
    "admin:accounts_user_delete": administrators_only(),
    "admin:accounts_user_change": administrators_only(),
    "admin:auth_user_password_change": administrators_only(),
    "admin:auth_group_changelist": administrators_only(),
    "admin:auth_group_add": administrators_only(),
    "admin:auth_group_history": administrators_only(),
    "admin:auth_group_delete": administrators_only(),
    "admin:auth_group_change": administrators_only(),
    "admin:axes_accessattempt_changelist": administrators_only(),
    "admin:axes_accessattempt_add": administrators_only(403),  # attempts are only recorded
    "admin:axes_accessattempt_history": administrators_only(),
    "admin:axes_accessattempt_delete": administrators_only(),
    "admin:axes_accessattempt_change": administrators_only(),
    "admin:axes_accessfailurelog_changelist": administrators_only(),
    "admin:axes_accessfailurelog_add": administrators_only(403),
    "admin:axes_accessfailurelog_history": administrators_only(),
    "admin:axes_accessfailurelog_delete": administrators_only(),
    "admin:axes_accessfailurelog_change": administrators_only(),
    "admin:axes_accesslog_changelist": administrators_only(),
    "admin:axes_accesslog_add": administrators_only(403),
    "admin:axes_accesslog_history": administrators_only(),
    "admin:axes_accesslog_delete": administrators_only(),
    "admin:axes_accesslog_change": administrators_only(),
    # The API decides access per request (tests/web/api/test_access_matrix.py); these rows
    # only check each endpoint answers every role. Records without parameters are 422.
    "api:api-root": everyone(404),
    "api:openapi-json": everyone(200),
    "api:openapi-view": everyone(200),
    "api:areas": everyone(200),
    "api:area": everyone(200),
    "api:totals": everyone(200),
    "api:trends": everyone(200),
    "api:hotspots": everyone(200),
    "api:records": everyone(422),
    "admin:api_apitoken_changelist": administrators_only(),
    "admin:api_apitoken_add": administrators_only(),
    "admin:api_apitoken_history": administrators_only(),
    "admin:api_apitoken_delete": administrators_only(),
    "admin:api_apitoken_change": administrators_only(),
}


def named_patterns(
    resolvers: list[URLPattern | URLResolver] | None = None, namespace: str = ""
) -> Iterator[tuple[str, URLPattern]]:
    for entry in resolvers if resolvers is not None else get_resolver().url_patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from named_patterns(entry.url_patterns, inner)
        elif entry.name:
            yield f"{namespace}{entry.name}", entry


def published_report(author: User) -> Any:
    """A small ready, published report (its files are rendered when first asked for)."""
    from diogel.web.reports.models import Report
    from tests.web.reports.documents import small_document

    document = small_document()
    return Report.objects.create(
        kind=Report.Kind.VIOLENCE_MONITORING,
        parameters=document.parameters,
        area_code="W15000003",
        title_en="Violence Monitoring Report: Gwent, March 2021",
        title_cy="Adroddiad Monitro Trais: Gwent, Mawrth 2021",
        status=Report.Status.READY,
        document=document.to_json(),
        requested_by=author,
        confidentiality="public",
        publication="published",
    )


@pytest.fixture
def admin_objects(demo_accounts: dict[Role, User], sample_import: int) -> dict[str, int]:
    """One real object per model the admin offers, keyed by ``app_model``."""
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog
    from django.contrib.auth.models import Group

    seen = {"username": "someone", "ip_address": "192.0.2.1", "user_agent": "test"}
    from diogel.web.audit.trail import record_as

    audit = record_as(demo_accounts[Role.ANALYST], "view", "import 1")
    from django.core.management import call_command

    from diogel.web.api.models import ApiToken
    from diogel.web.boards.models import (
        Board,
        DomesticHomicideReview,
        Meeting,
        MeetingItem,
        Person,
        TrackerEntry,
    )
    from diogel.web.programme.models import Objective, Recommendation
    from tests.web.agreements.factories import attach_document
    from tests.web.agreements.test_agreements import make_agreement

    # The real register and programme: their pages need boards, work-streams, objectives.
    call_command("seed_wales_landscape", verbosity=0)
    call_command("seed_wales_programme", verbosity=0)
    board = Board.objects.get(code="gwent-csp-oversight-group")
    board.secretariat.add(demo_accounts[Role.BOARD_SECRETARIAT])
    meeting = Meeting.objects.create(board=board, date=dt.date(2021, 3, 25))
    item = MeetingItem.objects.create(
        meeting=meeting, number=1, title="Minutes", publication="published"
    )
    paper = Path(settings.DIOGEL.var_dir) / "papers" / str(meeting.pk) / f"{item.pk}-matrix.pdf"
    paper.parent.mkdir(parents=True, exist_ok=True)
    paper.write_bytes(b"%PDF-1.4 matrix")
    item.paper_file = str(paper.relative_to(Path(settings.DIOGEL.var_dir) / "papers"))
    item.paper_name = "minutes.pdf"
    item.save()
    from diogel.web.performance.models import Measure
    from diogel.web.performance.seed import seed_measures

    seed_measures()
    kept = Measure.objects.get(code=MATRIX_MEASURE)
    kept.keepers.add(demo_accounts[Role.BOARD_SECRETARIAT])
    # In force whatever day the test runs, disclosed by the data controller's health board.
    agreement = make_agreement("dda-istv-gwent", ends=dt.date.today() + dt.timedelta(days=365))
    agreement.disclosing_parties.add(Organisation.objects.get(slug="aneurin-bevan-uhb"))
    document = attach_document(agreement, demo_accounts[Role.ADMINISTRATOR])

    return {
        "api_apitoken": ApiToken.issue(demo_accounts[Role.ANALYST], "matrix")[0].pk,
        "agreements_agreement": agreement.pk,
        "agreement_document": document.pk,
        "boards_board": board.pk,
        "meeting": meeting.pk,
        "meeting_item": item.pk,
        "boards_domestichomicidereview": DomesticHomicideReview.objects.create(
            reference="dhr-2021-01", commissioning_board=board, notified=dt.date(2021, 1, 4)
        ).pk,
        "boards_trackerentry": TrackerEntry.objects.get(region="W15000003", quarter="2020-01").pk,
        "boards_person": Person.objects.order_by("pk").first().pk,  # type: ignore[union-attr]
        "programme_objective": Objective.objects.get(code=OBJECTIVE).pk,
        "programme_recommendation": Recommendation.objects.get(code="wao-r1").pk,
        "report": published_report(demo_accounts[Role.ANALYST]).pk,
        "performance_measure": kept.pk,
        "performance_measurevalue": kept.values.get().pk,
        "audit_entry": audit.entry_id,
        "import": sample_import,
        "accounts_organisation": Organisation.objects.get(slug="gwent-police").pk,
        "accounts_user": demo_accounts[Role.ANALYST].pk,
        "auth_user": demo_accounts[Role.ANALYST].pk,
        "auth_group": Group.objects.create(name="Analysts").pk,
        "axes_accessattempt": AccessAttempt.objects.create(failures_since_start=1, **seen).pk,
        "axes_accesslog": AccessLog.objects.create(**seen).pk,
        "axes_accessfailurelog": AccessFailureLog.objects.create(**seen).pk,
    }


def url_for(name: str, pattern: URLPattern, objects: dict[str, int]) -> str:
    """A concrete URL for a pattern, filling its parameters with real objects."""
    params = set(pattern.pattern.regex.groupindex)
    kwargs: dict[str, str] = {}
    if "slug" in params:
        kwargs["slug"] = "gwent-police"
    if "level" in params:
        kwargs["level"] = "local_authority"
    if "code" in params:
        board_page = name.startswith("boards:") and name != "boards:authority_duties"
        kwargs["code"] = "gwent-csp-oversight-group" if board_page else "W06000022"
        if name == "programme:workstream":
            kwargs["code"] = "evidence"
        if name == "programme:objective":
            kwargs["code"] = OBJECTIVE
    if "app_label" in params:
        kwargs["app_label"] = "accounts"
    model = next((m for m in objects if name.startswith(f"admin:{m}_")), None)
    if "object_id" in params and model:
        kwargs["object_id"] = str(objects[model])
    if "id" in params and model:
        kwargs["id"] = str(objects[model])
    if "reference" in params:
        kwargs["reference"] = "dhr-2021-01" if name.startswith("boards:") else "dda-istv-gwent"
    if "table" in params:
        kwargs["table"] = "by-source"
    if "item_id" in params:
        kwargs["item_id"] = str(objects["meeting_item"])
    if "report_id" in params:
        kwargs["report_id"] = str(objects["report"])
    if "meeting_id" in params:
        kwargs["meeting_id"] = str(objects["meeting"])
    if "measure" in params:
        kwargs["measure"] = MATRIX_MEASURE
    if "area" in params:
        kwargs["area"] = "W06000022"
    if "board" in params:
        kwargs["board"] = "gwent-csp-oversight-group"
    if "document_id" in params:
        kwargs["document_id"] = str(objects["agreement_document"])
    if "import_id" in params:
        kwargs["import_id"] = str(objects["import"])
    if "content_type_id" in params:
        from django.contrib.contenttypes.models import ContentType

        kwargs["content_type_id"] = str(ContentType.objects.get_for_model(Organisation).pk)
        kwargs["object_id"] = str(objects["accounts_organisation"])
    with translation.override("en"):
        return reverse(name, kwargs=kwargs)


def test_every_url_is_in_the_matrix() -> None:
    served = {name for name, _ in named_patterns()}
    assert served - EXPECTED.keys() == set(), "add these URLs to the permission matrix"
    assert EXPECTED.keys() - served == set(), "these matrix rows name URLs that no longer exist"


@pytest.mark.django_db
@pytest.mark.parametrize("role", ALL, ids=lambda r: r.value)
def test_status_for_every_url_and_role(
    role: Role,
    client_for: Callable[[Role], Client],
    admin_objects: dict[str, int],
) -> None:
    client = client_for(role)
    failures = []
    for name, pattern in named_patterns():
        url = url_for(name, pattern, admin_objects)
        urls = [url, url.replace("/en/", "/cy/", 1)] if url.startswith("/en/") else [url]
        for each in urls:
            status = client.get(each).status_code
            if status != EXPECTED[name][role]:
                failures.append(f"{each}: expected {EXPECTED[name][role]}, got {status}")
    assert not failures, f"{role.value}:\n" + "\n".join(failures)


@pytest.mark.django_db
def test_public_are_sent_to_sign_in_and_come_back(client_for: Callable[[Role], Client]) -> None:
    response = client_for(P).get("/cy/account/")
    assert response.status_code == 302
    assert response["Location"] == "/cy/sign-in/?next=/cy/account/"
