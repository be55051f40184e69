"""Bounded inputs: a dashboard or records request with months out of bounds, or a month
or page that is not one, is refused with a clear message before any figure is computed,
and never answered with a server error."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

import pytest
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import diogel.web.insight.views as views
from diogel.reports import ReportContext
from diogel.reports.measures import months_with_data
from diogel.web.accounts.roles import Role
from tests.months import count_months

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("hub_site")]

GWENT = "/en/dashboard/?area=W15000003&level=local_authority&source=police_uk_street"
NEXT_YEAR = dt.date.today().year + 1
# Newport's violence in 2021, open police.uk records: many pages of 50.
OPEN_RECORDS = (
    "/en/dashboard/records/?area=W06000022&level=lsoa11&source=police_uk_street"
    "&category=violence&from=2021-01&to=2021-12&purpose=monitoring"
)
_MONTH = re.compile(r"[0-9]{4}-(0[1-9]|1[0-2])")


def ask(client: Client, url: str, **params: str) -> Any:
    """GET ``url`` with ``params`` added to its query (the test client's ``data`` would
    replace the query instead)."""
    return client.get(url + "&" + urlencode(params))


def allowed(first: str, last: str) -> bool:
    """Whether a request may ask for these months: real, this century up to next year,
    in order and at most 120 of them (the default maximum)."""
    if not (_MONTH.fullmatch(first) and _MONTH.fullmatch(last)):
        return False
    if not (int(first[:4]) >= 2000 and int(last[:4]) <= NEXT_YEAR and first <= last):
        return False
    return count_months(first, last) <= 120


#: Month parameters: any text, month-like strings about and beyond the bounds, and a few
#: real months with data.
MONTHS = st.one_of(
    st.text(max_size=12),
    st.builds(
        "{:04d}-{:02d}".format,
        st.integers(1890, 3000) | st.integers(1995, NEXT_YEAR + 3),
        st.integers(0, 13),
    ),
    st.sampled_from(
        ["2021-01", "2021-06", "2021-12", "2020-12", "", "9" * 5000, "20\uff12\uff11-01"]
    ),
)


@pytest.fixture
def computed(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The figures the dashboard and records pages compute, by name, as they are asked."""
    calls: list[str] = []
    for name in ("area_totals", "trend_result", "hotspot_result", "record_page"):
        real = getattr(views, name)

        def counted(*args: Any, _real: Any = real, _name: str = name, **kwargs: Any) -> Any:
            calls.append(_name)
            return _real(*args, **kwargs)

        monkeypatch.setattr(views, name, counted)
    return calls


@pytest.mark.parametrize(
    ("months", "says"),
    [
        # The operator's request: 1900 to 2999 took 12.6 s and 22.8 MB.
        ("from=1900-01&to=2999-12", f"Choose months from 2000-01 to {NEXT_YEAR}-12"),
        (f"from=2021-01&to={NEXT_YEAR + 1}-01", f"Choose months from 2000-01 to {NEXT_YEAR}-12"),
        ("from=1999-12&to=2000-12", f"Choose months from 2000-01 to {NEXT_YEAR}-12"),
        ("from=2010-01&to=2021-12", "Choose at most 120 months at a time"),
        ("from=2021-06&to=2021-01", "the first no later than the last"),
    ],
)
@pytest.mark.parametrize("download", ["", "&format=csv"])
def test_months_out_of_bounds_are_refused_in_the_form_before_any_figure(
    client_for: Callable[[Role], Client], computed: list[str], months: str, says: str, download: str
) -> None:
    response = client_for(Role.PUBLIC).get(f"{GWENT}&{months}{download}")
    assert response.status_code == 400
    html = response.content.decode()
    assert says in html
    assert 'href="#filter-from"' in html
    assert computed == []


def test_the_longest_range_allowed_is_answered(
    client_for: Callable[[Role], Client], computed: list[str]
) -> None:
    response = client_for(Role.PUBLIC).get(f"{GWENT}&from=2012-01&to=2021-12&format=csv")
    assert response.status_code == 200
    assert "area_totals" in computed


def test_the_bounds_are_said_in_welsh(
    client_for: Callable[[Role], Client], computed: list[str]
) -> None:
    welsh = GWENT.replace("/en/", "/cy/")
    years = client_for(Role.PUBLIC).get(f"{welsh}&from=1900-01&to=2999-12")
    assert years.status_code == 400
    assert f"Dewiswch fisoedd o 2000-01 i {NEXT_YEAR}-12" in years.content.decode()
    span = client_for(Role.PUBLIC).get(f"{welsh}&from=2010-01&to=2021-12")
    assert "Dewiswch 120 mis ar y mwyaf ar y tro" in span.content.decode()
    assert computed == []


def test_the_maximum_is_a_setting(
    client_for: Callable[[Role], Client], computed: list[str], settings: Any
) -> None:
    import dataclasses

    settings.DIOGEL = dataclasses.replace(settings.DIOGEL, max_months=12)
    response = client_for(Role.PUBLIC).get(f"{GWENT}&from=2021-01&to=2022-01")
    assert response.status_code == 400
    assert "Choose at most 12 months at a time" in response.content.decode()
    assert computed == []


MALFORMED = [
    "2020-13",
    "abc",
    "2020-1",
    "2021-05x",
    "0000-01",
    "9999-12",
    "2021-01\n",
    "\uff12\uff10\uff12\uff11-01",  # fullwidth digits: digits to Python's int(), not a month
    "20\uff12\uff11-01",
    "2021-0\x001",
    "x" * 100_000,
]


@pytest.mark.parametrize("value", MALFORMED, ids=lambda v: repr(v[:12]))
@pytest.mark.parametrize("field", ["from", "to"])
@pytest.mark.parametrize(
    "page",
    [GWENT, GWENT + "&format=csv", GWENT + "&format=csv&table=trend", OPEN_RECORDS],
    ids=["dashboard", "areas csv", "months csv", "records"],
)
@pytest.mark.parametrize("role", [Role.PUBLIC, Role.ANALYST])
def test_a_malformed_month_is_a_form_error_not_a_crash(
    client_for: Callable[[Role], Client],
    computed: list[str],
    value: str,
    field: str,
    page: str,
    role: Role,
) -> None:
    response = ask(client_for(role), re.sub(rf"&{field}=[^&]*", "", page), **{field: value})
    assert response.status_code < 500
    if role is Role.PUBLIC and "records" in page:
        # To sign in, before anything is read (or, for a URL too long to come back to
        # or holding a NUL, refused outright).
        assert response.status_code in (302, 400)
        return
    assert response.status_code == 400
    if "\x00" in value:  # refused by the site's middleware before any view
        assert b"NUL character" in response.content
        return
    assert 'href="#filter-from"' in response.content.decode()
    assert computed == []


def test_no_month_parameters_make_a_server_error(
    client_for: Callable[[Role], Client], computed: list[str], hub: ReportContext
) -> None:
    months = months_with_data(hub.warehouse, "police_uk_street")
    defaults = {"from": months[-12], "to": months[-1]}
    clients = {role: client_for(role) for role in (Role.PUBLIC, Role.ANALYST)}
    month = MONTHS

    @given(
        first=month,
        last=month,
        csv=st.booleans(),
        role=st.sampled_from([Role.PUBLIC, Role.ANALYST]),
    )
    @settings(
        max_examples=150,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.too_slow],
    )
    def check(first: str, last: str, csv: bool, role: Role) -> None:
        computed.clear()
        asked = {"from": first, "to": last, **({"format": "csv"} if csv else {})}
        response = ask(clients[role], GWENT, **asked)
        assert response.status_code in (200, 400), (asked, response.status_code)
        if allowed(first or defaults["from"], last or defaults["to"]):
            assert response.status_code == 200, asked
        else:
            assert response.status_code == 400, asked
            assert computed == [], asked

    check()


@pytest.mark.parametrize("page", ["abc", "-5", "0", "00", "1.5", "1e3", " 2", "\uff12"])
def test_a_page_that_is_not_a_page_number_is_not_found(
    client_for: Callable[[Role], Client], computed: list[str], page: str
) -> None:
    response = ask(client_for(Role.ANALYST), OPEN_RECORDS, page=page)
    assert response.status_code == 404
    assert "record_page" not in computed


def page_of(html: str) -> tuple[int, int]:
    match = re.search(r"Page (\d+) of (\d+)", html)
    assert match, "the page says which page it is"
    return int(match.group(1)), int(match.group(2))


def test_a_page_beyond_the_last_shows_the_last(
    client_for: Callable[[Role], Client], computed: list[str]
) -> None:
    analyst = client_for(Role.ANALYST)
    first = analyst.get(OPEN_RECORDS).content.decode()
    summary = re.search(r'data-testid="records-summary">(\d[\d,]*) records', first)
    assert summary
    total = int(summary.group(1).replace(",", ""))
    last = -(-total // views.RECORDS_PER_PAGE)
    assert last > 2, "the test needs several pages"
    expected = ask(analyst, OPEN_RECORDS, page=str(last)).content.decode()
    assert page_of(expected) == (last, last)
    for beyond in (str(last + 1), str(10**9), str(2**63), "9" * 5000):
        html = ask(analyst, OPEN_RECORDS, page=beyond).content.decode()
        assert page_of(html) == (last, last)
        assert (
            html.split('data-testid="records-table"')[1]
            == (expected.split('data-testid="records-table"')[1])
        )
