"""Any tabular source, read through a declared mapping file (TOML).

A mapping names the source, says which column holds each harmonised field,
how dates are written, which coordinate system points use (WGS84 lon/lat or
British National Grid easting/northing), how the source's own types map to
harmonised categories, and optional value clean-ups. Worked examples ship in
``diogel/sources/mappings/`` (ambulance call-outs, fire incidents, and a SYNTHETIC
youth-justice extract with personal identifiers).

A mapping may declare personal identifier columns in ``[identifiers]``: an NHS
number, and/or a name (one or more columns) with a date of birth. They are read,
normalised and replaced at ingest by a keyed pseudonym
(:mod:`diogel.governance.pseudonymise`) under the key of the agreement the import
is made under, in ``person_pseudonym``; the raw values are never part of the
parsed file, so they cannot reach the warehouse (not even a quarantined value: a
bad identifier is quarantined with its reason and the value withheld).
"""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from pyproj import Transformer

from diogel.governance.pseudonymise import (
    PseudonymisationError,
    load_or_create_key,
    name_and_birth_date,
    nhs_number,
    pseudonym,
)
from diogel.sources.base import HARMONISED_COLUMNS, BadFileError, ParsedFile, RowRejections
from diogel.sources.categories import CATEGORIES
from diogel.sources.csvfile import read_csv

_SOURCE_NAME = re.compile(r"^[a-z][a-z0-9_]{1,30}$")
SYSTEMS = {"EPSG:4326", "EPSG:27700"}
_FROM_BNG = Transformer.from_crs("EPSG:27700", "EPSG:4326", always_xy=True)


#: What a quarantined identifier shows instead of its value.
WITHHELD = "(withheld: personal identifier)"
IDENTIFIER_KEYS = ("nhs_number", "name", "birth_date")


class MappingError(ValueError):
    """A mapping file Diogel cannot use; the message names the file and the key."""


@dataclass(frozen=True)
class Identifiers:
    """The personal identifier columns of a mapping (``[identifiers]``).

    An NHS number is preferred; a row without one is pseudonymised from its name
    and date of birth when the mapping gives those.
    """

    nhs_number: str | None = None
    name: tuple[str, ...] = ()
    birth_date: str | None = None
    birth_date_format: str | None = None

    @property
    def columns(self) -> tuple[str, ...]:
        names = [self.nhs_number, *self.name, self.birth_date]
        return tuple(dict.fromkeys(n for n in names if n))


@dataclass(frozen=True)
class Mapping:
    path: Path
    source: str
    label: str
    columns: dict[str, Any]
    formats: dict[str, str]
    system: str
    categories: dict[str, tuple[str, str]]
    default_category: tuple[str, str] | None
    values: dict[str, dict[str, str]] = field(default_factory=dict)
    reporting_area: str | None = None
    identifiers: Identifiers | None = None

    @property
    def field_columns(self) -> tuple[str, ...]:
        """The file columns named in ``[columns]``."""
        names: list[str] = []
        for value in self.columns.values():
            names.extend(value if isinstance(value, list) else [value])
        return tuple(dict.fromkeys(names))

    @property
    def required_columns(self) -> tuple[str, ...]:
        extra = self.identifiers.columns if self.identifiers else ()
        return tuple(dict.fromkeys([*self.field_columns, *extra]))


def shipped_mappings() -> dict[str, Path]:
    folder = resources.files("diogel.sources") / "mappings"
    return {
        p.name.removesuffix(".toml"): Path(str(p))
        for p in folder.iterdir()
        if p.name.endswith(".toml")
    }


def load_mapping(path: Path) -> Mapping:
    """Read and check a mapping file."""
    shipped = shipped_mappings().get(path.name.removesuffix(".toml"))
    if not path.is_file() and shipped is not None and path.parent == Path("."):
        path = shipped
    try:
        doc = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise MappingError(f"{path}: cannot be read ({exc.strerror})") from exc
    except tomllib.TOMLDecodeError as exc:
        raise MappingError(f"{path}: not valid TOML ({exc})") from exc
    source = str(doc.get("source", ""))
    if not _SOURCE_NAME.match(source):
        raise MappingError(f"{path}: 'source' must be a short lower-case name, e.g. ambulance")
    columns = doc.get("columns")
    if not isinstance(columns, dict) or not columns:
        raise MappingError(f"{path}: a [columns] table is required")
    known = {
        "reference",
        "occurred",
        "occurred_date",
        "occurred_time",
        "source_type",
        "easting",
        "northing",
        "longitude",
        "latitude",
        "lsoa11",
        "location_text",
        "outcome",
    }
    unknown = sorted(set(columns) - known)
    if unknown:
        raise MappingError(f"{path}: unknown field(s) in [columns]: {', '.join(unknown)}")
    if "source_type" not in columns:
        raise MappingError(f"{path}: [columns] needs source_type")
    if "occurred" not in columns and "occurred_date" not in columns:
        raise MappingError(f"{path}: [columns] needs occurred or occurred_date")
    if isinstance(columns["source_type"], str):
        columns["source_type"] = [columns["source_type"]]
    for pair in (("easting", "northing"), ("longitude", "latitude")):
        if (pair[0] in columns) != (pair[1] in columns):
            raise MappingError(f"{path}: give both {pair[0]} and {pair[1]}, or neither")
    system = str(
        doc.get("coordinates", {}).get(
            "system", "EPSG:27700" if "easting" in columns else "EPSG:4326"
        )
    )
    if system not in SYSTEMS:
        raise MappingError(
            f"{path}: coordinate system {system!r} is not one of {', '.join(sorted(SYSTEMS))}"
        )
    formats = {str(k): str(v) for k, v in doc.get("formats", {}).items()}
    for key in ("occurred", "occurred_date", "occurred_time"):
        if key in columns and key not in formats:
            raise MappingError(f"{path}: [formats] needs a {key} format, e.g. '%d/%m/%Y'")
    raw_categories = doc.get("categories", {})
    categories: dict[str, tuple[str, str]] = {}
    default = None
    for key, spec in raw_categories.items():
        if not isinstance(spec, dict) or spec.get("category") not in CATEGORIES:
            raise MappingError(
                f"{path}: [categories] {key!r} needs a category, one of {', '.join(CATEGORIES)}"
            )
        pair = (str(spec["category"]), str(spec.get("subcategory", spec["category"])))
        if key == "default":
            default = pair
        else:
            categories[key] = pair
    values = {
        str(k): {str(a): str(b) for a, b in v.items()} for k, v in doc.get("values", {}).items()
    }
    identifiers = _load_identifiers(path, doc, formats)
    if identifiers is not None:
        for key, value in columns.items():
            for column_name in value if isinstance(value, list) else [value]:
                if column_name in identifiers.columns:
                    raise MappingError(
                        f"{path}: [columns] {key} = {column_name!r} is a personal identifier "
                        "in [identifiers]; it would reach the warehouse unpseudonymised"
                    )
    return Mapping(
        path,
        source,
        str(doc.get("label", source)),
        columns,
        formats,
        system,
        categories,
        default,
        values,
        doc.get("reporting_area"),
        identifiers,
    )


def _load_identifiers(
    path: Path, doc: dict[str, Any], formats: dict[str, str]
) -> Identifiers | None:
    """Check ``[identifiers]``: which columns hold an NHS number, a name, a birth date."""
    if "identifiers" not in doc:
        return None
    raw = doc["identifiers"]
    if not isinstance(raw, dict) or not raw:
        raise MappingError(f'{path}: [identifiers] must be a table, e.g. nhs_number = "NHS No"')
    unknown = sorted(set(raw) - set(IDENTIFIER_KEYS))
    if unknown:
        raise MappingError(
            f"{path}: unknown key(s) in [identifiers]: {', '.join(unknown)} "
            f"(known: {', '.join(IDENTIFIER_KEYS)})"
        )
    for key in ("nhs_number", "birth_date"):
        if key in raw and (not isinstance(raw[key], str) or not raw[key].strip()):
            raise MappingError(f"{path}: [identifiers] {key} must be one column name")
    name = raw.get("name", [])
    if isinstance(name, str):
        name = [name]
    if not isinstance(name, list) or not all(isinstance(n, str) and n.strip() for n in name):
        raise MappingError(
            f"{path}: [identifiers] name must be a column name or a list of them, "
            'e.g. ["Forename", "Surname"]'
        )
    if bool(name) != ("birth_date" in raw):
        raise MappingError(
            f"{path}: [identifiers] name and birth_date go together (a name alone "
            "links different people)"
        )
    if not name and "nhs_number" not in raw:
        raise MappingError(f"{path}: [identifiers] needs nhs_number, or name and birth_date")
    if "birth_date" in raw and "birth_date" not in formats:
        raise MappingError(f"{path}: [formats] needs a birth_date format, e.g. '%d/%m/%Y'")
    return Identifiers(
        raw.get("nhs_number"),
        tuple(name),
        raw.get("birth_date"),
        formats.get("birth_date"),
    )


def parse_generic_file(
    path: Path,
    mapping: Mapping,
    known_lsoas: set[str],
    supplier: str,
    period: str | None = None,
    name: str | None = None,
    agreement: str | None = None,
    keys_dir: Path | None = None,
) -> ParsedFile:
    """Read ``path`` through ``mapping``; ``period`` (YYYY-MM) rejects rows outside it.

    A mapping with ``[identifiers]`` needs ``agreement`` (the reference of the
    agreement the import is made under) and ``keys_dir`` (where its pseudonym key
    is kept, ``DIOGEL_PSEUDONYM_KEYS_DIR``).

    Raises
    ------
    BadFileError
        When the file cannot be read, or identifiers are declared and no agreement
        is named.
    """
    label = name or path.name
    key = _pseudonym_key(mapping, label, agreement, keys_dir)
    table = read_csv(path, mapping.required_columns, label, allow_empty=True)
    n = len(table)
    if n == 0:
        return _nil_return(mapping, label, supplier, period, agreement)
    lines = np.array(table.lines)
    private = mapping.identifiers.columns if mapping.identifiers else ()
    identifiers = {c: table.columns.pop(c) for c in private}

    def column(name: str) -> pd.Series:
        values = pd.Series(table.columns[name], dtype=object).str.strip()
        if name in mapping.values:
            values = values.replace(mapping.values[name])
        return values

    # The identifiers were taken out of the table above: nothing below (and no
    # quarantined value) can quote them.
    checks = RowRejections(lines, {**table.columns, **{c: [WITHHELD] * n for c in private}})

    def reject(mask: np.ndarray, col: str, values: pd.Series, reason: str) -> None:
        checks.reject(mask, col, reason, values.to_numpy())

    cols = mapping.columns
    # When it happened.
    if "occurred" in cols:
        raw = column(cols["occurred"])
        when = pd.to_datetime(raw, format=mapping.formats["occurred"], errors="coerce")
        reject(
            when.isna().to_numpy(),
            cols["occurred"],
            raw,
            f"not a date and time in the form {mapping.formats['occurred']}",
        )
        occurred_date = when.dt.date
        occurred_time = when.dt.time
    else:
        raw = column(cols["occurred_date"])
        day = pd.to_datetime(raw, format=mapping.formats["occurred_date"], errors="coerce")
        reject(
            day.isna().to_numpy(),
            cols["occurred_date"],
            raw,
            f"not a date in the form {mapping.formats['occurred_date']}",
        )
        occurred_date = day.dt.date
        occurred_time = pd.Series([None] * n, dtype=object)
        if "occurred_time" in cols:
            raw_time = column(cols["occurred_time"])
            clock = pd.to_datetime(
                raw_time, format=mapping.formats["occurred_time"], errors="coerce"
            )
            given = (raw_time != "").to_numpy()
            reject(
                given & clock.isna().to_numpy(),
                cols["occurred_time"],
                raw_time,
                f"not a time in the form {mapping.formats['occurred_time']}",
            )
            occurred_time = clock.dt.time.where(given, None)
    months = pd.Series(
        [d.replace(day=1) if isinstance(d, dt.date) else None for d in occurred_date], dtype=object
    )
    if period:
        try:
            declared = dt.date.fromisoformat(f"{period}-01")
        except ValueError as exc:
            raise BadFileError(f"{label}: period {period!r} is not a month (YYYY-MM)") from exc
        reject(
            (months != declared).to_numpy() & months.notna().to_numpy(),
            str(cols.get("occurred") or cols["occurred_date"]),
            raw,
            f"outside the declared period {period}",
        )

    # What it was.
    type_columns = cols["source_type"]
    source_type = column(type_columns[0])
    for extra in type_columns[1:]:
        source_type = source_type + " / " + column(extra)
    reject(
        (source_type.str.strip(" /") == "").to_numpy(),
        type_columns[0],
        source_type,
        "the type is empty",
    )
    mapped = source_type.map(mapping.categories)
    if mapping.default_category is None:
        reject(
            mapped.isna().to_numpy(),
            type_columns[0],
            source_type,
            "type not in the mapping's [categories] and no default",
        )
    pairs = mapped.where(mapped.notna(), pd.Series([mapping.default_category] * n))

    # Where it was.
    lon = np.full(n, np.nan)
    lat = np.full(n, np.nan)
    if "easting" in cols or "longitude" in cols:
        x_col, y_col = ("easting", "northing") if "easting" in cols else ("longitude", "latitude")
        x_raw, y_raw = column(cols[x_col]), column(cols[y_col])
        x = pd.to_numeric(x_raw, errors="coerce").to_numpy(float)
        y = pd.to_numeric(y_raw, errors="coerce").to_numpy(float)
        given = (x_raw != "").to_numpy() | (y_raw != "").to_numpy()
        reject(
            given & (np.isnan(x) | np.isnan(y)), cols[x_col], x_raw, "coordinates are not numbers"
        )
        if mapping.system == "EPSG:27700":
            out_of_grid = given & ~((x >= 0) & (x <= 700_000) & (y >= 0) & (y <= 1_300_000))
            reject(
                out_of_grid & ~np.isnan(x),
                cols[x_col],
                x_raw,
                "not a British National Grid easting/northing",
            )
            ok = given & checks.keep
            lon[ok], lat[ok] = _FROM_BNG.transform(x[ok], y[ok])
        else:
            out_of_range = given & ~((np.abs(x) <= 180) & (np.abs(y) <= 90))
            reject(
                out_of_range & ~np.isnan(x), cols[x_col], x_raw, "longitude/latitude out of range"
            )
            lon, lat = np.where(given, x, np.nan), np.where(given, y, np.nan)
    lsoa = pd.Series([None] * n, dtype=object)
    if "lsoa11" in cols:
        lsoa_raw = column(cols["lsoa11"])
        given = (lsoa_raw != "").to_numpy()
        welsh = lsoa_raw.isin(known_lsoas).to_numpy()
        english = lsoa_raw.str.startswith("E01").to_numpy(bool)
        reject(given & ~welsh & ~english, cols["lsoa11"], lsoa_raw, "not a known LSOA (2011) code")
        lsoa = lsoa_raw.where(pd.Series(welsh), None)
    no_place = lsoa.isna().to_numpy() & np.isnan(lon)
    english_lsoa = ("lsoa11" in cols) and column(cols["lsoa11"]).str.startswith("E01").to_numpy(
        bool
    )
    flags = np.where(english_lsoa, "outside_wales", np.where(no_place, "no_location", ""))

    # Who it was, pseudonymised.
    people = pd.Series([None] * n, dtype=object)
    if mapping.identifiers is not None and key is not None:
        people = _pseudonymise(mapping, identifiers, key, checks)

    keep = checks.keep

    def text(key: str) -> pd.Series:
        if key not in cols:
            return pd.Series([None] * n, dtype=object)
        values = column(cols[key])
        return values.where(values != "", None)

    rows = pd.DataFrame(
        {
            "line": lines,
            "category": [p[0] if isinstance(p, tuple) else None for p in pairs],
            "subcategory": [p[1] if isinstance(p, tuple) else None for p in pairs],
            "source_type": source_type,
            "month": months,
            "occurred_date": occurred_date.astype(object),
            "occurred_time": occurred_time.astype(object),
            "lsoa11": lsoa,
            "longitude": lon,
            "latitude": lat,
            "location_text": text("location_text"),
            "outcome": text("outcome"),
            "reference": text("reference"),
            "flags": flags,
            "person_pseudonym": people,
        }
    )[[*HARMONISED_COLUMNS, "person_pseudonym"]][keep].reset_index(drop=True)
    valid_months = [m for m in rows["month"] if isinstance(m, dt.date)]
    if not valid_months:
        raise BadFileError(f"{label}: no row has a usable date, so the file's period is unknown")
    start = min(valid_months)
    last = max(valid_months)
    end = (last + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1)
    return ParsedFile(
        source=mapping.source,
        supplier=supplier,
        period_start=start,
        period_end=end,
        rows_read=n,
        rows=rows,
        rejections=checks.sorted(),
        reporting_area=mapping.reporting_area,
        pseudonymised_under=agreement if mapping.identifiers else None,
    )


def _nil_return(
    mapping: Mapping, label: str, supplier: str, period: str | None, agreement: str | None
) -> ParsedFile:
    """A file with its header row only: a nil return for the declared month."""
    if not period:
        raise BadFileError(
            f"{label}: the file has a header but no rows. If it is a nil return (nothing "
            "to report), give its month (YYYY-MM) as the period"
        )
    try:
        start = dt.date.fromisoformat(f"{period}-01")
    except ValueError as exc:
        raise BadFileError(f"{label}: period {period!r} is not a month (YYYY-MM)") from exc
    end = (start + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1)
    return ParsedFile(
        source=mapping.source,
        supplier=supplier,
        period_start=start,
        period_end=end,
        rows_read=0,
        rows=pd.DataFrame(columns=[*HARMONISED_COLUMNS, "person_pseudonym"]),
        reporting_area=mapping.reporting_area,
        pseudonymised_under=agreement if mapping.identifiers else None,
    )


def _pseudonym_key(
    mapping: Mapping, label: str, agreement: str | None, keys_dir: Path | None
) -> bytes | None:
    """The agreement's key when the mapping declares identifiers (checked before
    the file is read, so a missing agreement fails fast)."""
    if mapping.identifiers is None:
        return None
    if not agreement:
        raise BadFileError(
            f"{label}: the mapping {mapping.path.name} declares personal identifiers, so "
            "the import must name the data-sharing agreement it is made under "
            "(--agreement REF); their pseudonyms are made with that agreement's key"
        )
    if keys_dir is None:
        raise ValueError("keys_dir is needed to pseudonymise identifiers")
    try:
        return load_or_create_key(keys_dir, agreement)
    except PseudonymisationError as exc:
        raise BadFileError(f"{label}: {exc}") from exc


def _pseudonymise(
    mapping: Mapping, values: dict[str, list[str]], key: bytes, checks: RowRejections
) -> pd.Series:
    """One pseudonym per row: of the NHS number when given, else of the name and date
    of birth; a row whose identifier is given but unusable is rejected (a mistyped
    number would otherwise link to nobody, or to someone else). Rows with no
    identifier at all are kept without a pseudonym."""
    ids = mapping.identifiers
    assert ids is not None
    n = len(checks.lines)

    def cells(column: str | None) -> list[str]:
        if column is None:
            return [""] * n
        cleanup = mapping.values.get(column, {})
        return [cleanup.get(v.strip(), v.strip()) for v in values[column]]

    nhs = cells(ids.nhs_number)
    names = [" ".join(parts) for parts in zip(*(cells(c) for c in ids.name), strict=True)]
    if not names:
        names = [""] * n
    births = cells(ids.birth_date)
    out: list[str | None] = [None] * n
    bad: dict[tuple[str, str], np.ndarray] = {}

    def fail(column: str, reason: str, i: int) -> None:
        bad.setdefault((column, reason), np.zeros(n, dtype=bool))[i] = True

    for i in range(n):
        if nhs[i]:
            try:
                out[i] = pseudonym(key, nhs_number(nhs[i]), "nhs")
            except PseudonymisationError as exc:
                fail(str(ids.nhs_number), f"not a usable NHS number: {exc}", i)
            continue
        if not (names[i].strip() or births[i]) or ids.birth_date is None:
            continue
        born = _iso_date(births[i], str(ids.birth_date_format))
        if born is None:
            reason = f"not a date of birth in the form {ids.birth_date_format}"
            fail(ids.birth_date, reason, i)
            continue
        try:
            out[i] = pseudonym(key, name_and_birth_date(names[i], born), "name_dob")
        except PseudonymisationError:
            fail(ids.name[0], "the name is empty once normalised: no pseudonym can be made", i)
    for (column, reason), mask in bad.items():
        checks.reject(mask, column, reason, [WITHHELD] * n)
    return pd.Series(out, dtype=object)


def _iso_date(raw: str, form: str) -> str | None:
    try:
        return dt.datetime.strptime(raw, form).date().isoformat()
    except ValueError:
        return None
