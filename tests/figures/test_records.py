"""Record pages read only the rows a record scope covers, each at its grant's level.

Over SYNTHETIC ED imports under named agreements and providers
(:mod:`tests.ed_agreements`); what each scope should return is counted from the
plan, not from the warehouse.
"""

from __future__ import annotations

import duckdb
import pytest

from diogel.figures import FigureError, FigureQuery, record_page
from diogel.figures.records import PERSONAL_COLUMNS
from diogel.geography import Geography, Level
from diogel.governance import DataLevel, RecordGrant, RecordScope
from diogel.warehouse import Warehouse
from tests.ed_agreements import (
    ABUHB,
    AGREEMENT,
    CAV,
    ELSEWHERE,
    MONTHS,
    PURPOSE,
    EdImport,
    load_plan,
)

ED = FigureQuery(Level.LOCAL_AUTHORITY, None, None, "istv", MONTHS[0], MONTHS[-1])


@pytest.fixture(scope="module")
def planned(geo: Geography, tmp_path_factory: pytest.TempPathFactory) -> tuple[Warehouse, dict]:
    root = tmp_path_factory.mktemp("records")
    warehouse = Warehouse(root / "warehouse")
    return warehouse, load_plan(warehouse, geo, root / "files")


def scope(*grants: tuple[str, str, DataLevel]) -> RecordScope:
    return RecordScope("istv", PURPOSE, frozenset(RecordGrant(*g) for g in grants))


def rows_of(plan: dict[str, EdImport], *pairs: tuple[str, str]) -> dict[int, int]:
    """Import id → accepted rows, for the planned imports under these pairs."""
    return {p.import_id: p.rows for p in plan.values() if (p.agreement, p.provider) in pairs}


def by_import(page: dict) -> dict[int, int]:
    found: dict[int, int] = {}
    for record in page["records"]:
        found[record["import_id"]] = found.get(record["import_id"], 0) + 1
    return found


def test_a_scope_reads_only_its_agreement_and_provider(
    planned: tuple[Warehouse, dict[str, EdImport]],
) -> None:
    warehouse, plan = planned
    page = record_page(
        warehouse, ED, scope((AGREEMENT, ABUHB, DataLevel.PSEUDONYMISED)), limit=1000
    )
    want = rows_of(plan, (AGREEMENT, ABUHB))
    assert by_import(page) == want
    assert page["total"] == sum(want.values()) == 5
    assert not set(PERSONAL_COLUMNS) & set(page["columns"])


def test_two_grants_keep_their_own_levels(planned: tuple[Warehouse, dict[str, EdImport]]) -> None:
    warehouse, plan = planned
    both = scope((AGREEMENT, CAV, DataLevel.PSEUDONYMISED), (ELSEWHERE, ABUHB, DataLevel.PERSONAL))
    page = record_page(warehouse, ED, both, limit=1000)
    assert by_import(page) == rows_of(plan, (AGREEMENT, CAV), (ELSEWHERE, ABUHB))
    assert set(PERSONAL_COLUMNS) <= set(page["columns"])
    pseudonymised = plan["other-provider"].import_id
    for record in page["records"]:
        shown = [record[c] for c in ("location_text", "reference", "latitude")]
        if record["import_id"] == pseudonymised:
            assert shown == [None, None, None]  # the pseudonymised grant's rows: no free text
        else:
            assert record["location_text"] is not None  # SYNTHETIC location descriptions


def test_rows_under_no_agreement_are_never_read(
    planned: tuple[Warehouse, dict[str, EdImport]],
) -> None:
    warehouse, plan = planned
    # A grant can name only an agreement; an import without one (or without a provider)
    # matches none, whatever the provider.
    page = record_page(warehouse, ED, scope((AGREEMENT, ABUHB, DataLevel.PERSONAL)), limit=1000)
    never = {plan["no-agreement"].import_id, plan["no-agreement-same-provider"].import_id}
    assert not never & set(by_import(page))


def test_independent_count_from_the_warehouse_file(
    planned: tuple[Warehouse, dict[str, EdImport]],
) -> None:
    """The same count by a query of the test's own, straight on the DuckDB file."""
    warehouse, _plan = planned
    con = duckdb.connect(str(warehouse.catalogue_path), read_only=True)
    try:
        row = con.execute(
            "select count(*) from incidents i join imports m using (import_id) "
            "where m.status = 'current' and m.agreement = ? and m.provider = ?",
            [AGREEMENT, ABUHB],
        ).fetchone()
    finally:
        con.close()
    page = record_page(warehouse, ED, scope((AGREEMENT, ABUHB, DataLevel.PERSONAL)), limit=1)
    assert row is not None
    assert page["total"] == row[0]


def test_a_scope_is_for_one_source(planned: tuple[Warehouse, dict[str, EdImport]]) -> None:
    warehouse, _plan = planned
    police = FigureQuery(Level.LOCAL_AUTHORITY, None, None, "police_uk_street", *MONTHS)
    with pytest.raises(FigureError, match="not of istv"):
        record_page(warehouse, police, scope((AGREEMENT, ABUHB, DataLevel.PERSONAL)))
    # Asked without a source, the scope's own source is the only one read.
    anything = FigureQuery(Level.LOCAL_AUTHORITY, None, None, None, *MONTHS)
    page = record_page(warehouse, anything, scope((AGREEMENT, ABUHB, DataLevel.PERSONAL)))
    assert {r["source"] for r in page["records"]} == {"istv"}


def test_a_grant_below_record_level_reads_nothing(
    planned: tuple[Warehouse, dict[str, EdImport]],
) -> None:
    warehouse, _plan = planned
    with pytest.raises(FigureError, match="record-level"):
        record_page(warehouse, ED, scope((AGREEMENT, ABUHB, DataLevel.AGGREGATE)))
    mixed = scope((AGREEMENT, ABUHB, DataLevel.AGGREGATE), (AGREEMENT, CAV, DataLevel.PERSONAL))
    page = record_page(warehouse, ED, mixed, limit=1000)
    assert {r["supplier"] for r in page["records"]} == {"SYN-UHW"}
