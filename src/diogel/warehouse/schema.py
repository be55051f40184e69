"""The warehouse tables. Created on first use; ``SCHEMA_VERSION`` guards changes.

Version 3 added ``incidents.person_pseudonym`` (keyed pseudonyms made at ingest),
``imports.purged_at`` (retention purges) and the hash chain of ``audit_log`` (the old
command-line audit log, no longer written).
Version 4 added ``import_coverage`` (which reporting body and months each import
reports for, so "reported zero" can be told from "no file") and
``imports.supplier_mismatch_reason`` (why an import was allowed whose supplier is not
the body the file names). Version 5 added ``imports.provider``: the organisation
that disclosed the file (a disclosing party of its agreement), so record-level
access follows the agreement and its disclosing parties exactly. Older warehouses
are upgraded in place the first time they are opened for writing.
"""

from __future__ import annotations

import duckdb

SCHEMA_VERSION = 5

DDL = """
create table if not exists schema_info (version integer not null);

create sequence if not exists import_ids start 1;

create table if not exists imports (
    import_id     bigint primary key,
    source        varchar not null,   -- adapter, e.g. police_uk_street, istv
    supplier      varchar not null,   -- organisation that sent the file
    file_name     varchar not null,
    sha256        varchar not null,
    period_start  date not null,
    period_end    date not null,
    rows_read     bigint not null,
    rows_accepted bigint not null,
    rows_rejected bigint not null,
    imported_by   varchar not null,
    imported_at   timestamp not null,  -- UTC
    agreement     varchar,            -- data-sharing agreement the file came under
    mapping       varchar,            -- generic adapter: mapping file used
    status        varchar not null,   -- current | superseded | purged
    superseded_by bigint,
    purged_at     timestamp,          -- UTC; record-level rows deleted, counts kept
    supplier_mismatch_reason varchar, -- why accepted though the file names another body
    provider      varchar             -- organisation (slug) that disclosed it under agreement
);

-- What each import reports for: one row per reporting body (its area: police force
-- area, health board; NULL when the file names none) and month of the import's
-- period, written with the import, rows or none (a nil return is a reported zero).
-- Kept when the import is superseded or purged; readers count current imports only.
create table if not exists import_coverage (
    import_id      bigint not null,
    source         varchar not null,
    reporting_area varchar,
    month          date not null     -- first day of the month
);

-- One row per accepted record. Never deduplicated by content: (import_id, line)
-- identifies a record and traces it to its file and line.
create table if not exists incidents (
    import_id         bigint not null,
    line              bigint not null,
    source            varchar not null,
    supplier          varchar not null,
    category          varchar not null,
    subcategory       varchar,
    source_type       varchar,
    month             date not null,
    occurred_date     date,
    occurred_time     time,
    lsoa11            varchar,
    msoa11            varchar,
    local_authority   varchar,
    health_board      varchar,
    police_force_area varchar,
    psb               varchar,
    csp               varchar,
    region            varchar,
    reporting_area    varchar,          -- area of the recording body (force, health board)
    location_basis    varchar not null, -- file_lsoa | point | site (ED: its health board) | none
    longitude         double,
    latitude          double,
    location_text     varchar,
    outcome           varchar,
    reference         varchar,
    flags             varchar,
    person_pseudonym  varchar           -- keyed pseudonym of the person (never the identifier)
);

-- police.uk outcome files: what happened to crimes already counted as incidents.
create table if not exists crime_outcomes (
    import_id    bigint not null,
    line         bigint not null,
    crime_id     varchar not null,
    month        date not null,
    lsoa11       varchar,
    outcome_type varchar not null
);

create table if not exists quarantine (
    import_id   bigint not null,
    line        bigint not null,
    column_name varchar not null,
    value       varchar,
    reason      varchar not null
);

-- Source-specific fields (e.g. ISTV assault method and location type), by record.
create table if not exists incident_detail (
    import_id bigint not null,
    line      bigint not null,
    field     varchar not null,
    value     varchar
);

-- Who saw or purged record-level data from the command line before the one audit
-- trail (diogel.audit). No longer written: kept as evidence, and carried into the trail
-- by `diogel audit adopt-warehouse-log`.
create sequence if not exists audit_ids start 1;

create table if not exists audit_log (
    seen_at       timestamp not null,  -- UTC
    who           varchar not null,
    action        varchar not null,
    target        varchar not null,
    detail        varchar,
    entry_id      bigint,
    previous_hash varchar,
    entry_hash    varchar
);

-- The newest entry's hash and the number of entries: catches entries cut off the end.
create table if not exists audit_head (
    last_hash varchar not null,
    entries   bigint not null
);

create or replace view current_incidents as
    select i.* from incidents i join imports m using (import_id) where m.status = 'current';

create or replace view current_coverage as
    select c.* from import_coverage c join imports m using (import_id)
    where m.status = 'current';
"""


#: The ``imports`` table's columns, in order: written on import, read back as provenance.
IMPORT_COLUMNS: tuple[str, ...] = (
    "import_id",
    "source",
    "supplier",
    "file_name",
    "sha256",
    "period_start",
    "period_end",
    "rows_read",
    "rows_accepted",
    "rows_rejected",
    "imported_by",
    "imported_at",
    "agreement",
    "mapping",
    "status",
    "superseded_by",
    "purged_at",
    "supplier_mismatch_reason",
    "provider",
)


def ensure_schema(con: duckdb.DuckDBPyConnection) -> None:
    """Create the tables if they are missing; refuse a warehouse of another version.

    Only writes when the schema is missing: a write on every connection would make
    DuckDB checkpoint the whole file when the connection closes.
    """
    present = con.execute(
        "select count(*) from information_schema.tables where table_name = 'schema_info'"
    ).fetchone()
    version = None
    if present and present[0]:
        row = con.execute("select max(version) from schema_info").fetchone()
        version = row[0] if row else None
    if version == SCHEMA_VERSION:
        return
    if version is not None and version > SCHEMA_VERSION:
        raise RuntimeError(
            f"warehouse schema version {version} is newer than this Diogel ({SCHEMA_VERSION})"
        )
    con.execute("begin transaction")
    try:
        # Every statement is "if not exists": older warehouses gain the new tables.
        con.execute(DDL)
        if version is not None and version < 3:
            _upgrade_to_3(con)
        if version is not None and version < 4:
            _upgrade_to_4(con)
        if version is not None and version < 5:
            con.execute("alter table imports add column if not exists provider varchar")
        con.execute("delete from schema_info")
        con.execute("insert into schema_info values (?)", [SCHEMA_VERSION])
        con.execute("commit")
    except BaseException:
        con.execute("rollback")
        raise


def _upgrade_to_3(con: duckdb.DuckDBPyConnection) -> None:
    """Add version 3's columns to a version 2 warehouse and chain its audit log."""
    from diogel.warehouse.audit import chain_existing_entries

    con.execute("alter table imports add column if not exists purged_at timestamp")
    con.execute("alter table incidents add column if not exists person_pseudonym varchar")
    for column in ("entry_id bigint", "previous_hash varchar", "entry_hash varchar"):
        con.execute(f"alter table audit_log add column if not exists {column}")
    # The view was bound to the old column list.
    con.execute(
        "create or replace view current_incidents as select i.* from incidents i "
        "join imports m using (import_id) where m.status = 'current'"
    )
    chain_existing_entries(con)


def _upgrade_to_4(con: duckdb.DuckDBPyConnection) -> None:
    """Add version 4's column and fill ``import_coverage`` for the imports already made.

    Each import covers the months of its period for the reporting area its incidents
    carry; an import with no incidents left (purged, outcomes, nothing accepted) takes
    its force's area from its supplier when that is a Welsh police force, else NULL.
    """
    from diogel.sources.police_uk import FORCE_AREAS

    con.execute("alter table imports add column if not exists supplier_mismatch_reason varchar")
    forces = " union all ".join("select ?, ?" for _ in FORCE_AREAS)
    con.execute(
        f"""
        insert into import_coverage (import_id, source, reporting_area, month)
        with forces(supplier, area) as ({forces}),
        areas as (
            select m.import_id, m.source, i.reporting_area
            from imports m
            join (select distinct import_id, reporting_area from incidents) i using (import_id)
            union all
            select m.import_id, m.source, f.area
            from imports m left join forces f on f.supplier = m.supplier
            where not exists (select 1 from incidents i where i.import_id = m.import_id)
        )
        select a.import_id, a.source, a.reporting_area, cast(s.month as date)
        from areas a join imports m using (import_id),
        lateral (
            select unnest(generate_series(
                date_trunc('month', m.period_start), date_trunc('month', m.period_end),
                interval 1 month
            )) as month
        ) s
        where not exists (select 1 from import_coverage c where c.import_id = a.import_id)
        """,
        [value for pair in FORCE_AREAS.items() for value in pair],
    )
