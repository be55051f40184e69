-- The warehouse schema version 2 (before pseudonyms, purges and the chained audit
-- log), kept to test the in-place upgrade.
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
    agreement     varchar,            -- data-sharing agreement, once that register exists
    mapping       varchar,            -- generic adapter: mapping file used
    status        varchar not null,   -- current | superseded
    superseded_by bigint
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
    location_basis    varchar not null, -- file_lsoa | point | none
    longitude         double,
    latitude          double,
    location_text     varchar,
    outcome           varchar,
    reference         varchar,
    flags             varchar
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

-- Who saw record-level data from the command line (the web keeps its own trail).
create table if not exists audit_log (
    seen_at timestamp not null,  -- UTC
    who     varchar not null,
    action  varchar not null,
    target  varchar not null,
    detail  varchar
);

create or replace view current_incidents as
    select i.* from incidents i join imports m using (import_id) where m.status = 'current';
