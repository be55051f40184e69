"""ISTV: the Information Sharing to Tackle Violence minimum data set (ISB 1594).

An emergency department's monthly submission to its community safety
partnership. The header (reporting period start and end dates, site code of
treatment) is mandatory; per assault: arrival date and time at A&E (required),
assault date and time (mandatory), assault method (mandatory, 2-character code),
assault method other description (required, up to 25 characters), assault
location type (mandatory, 2-character code) and assault location description
(required, up to 255 characters). There are no patient identifiers.

Two shapes are read:

- CSV with one row per assault and the header fields repeated on every row;
- XML with one ``SubmissionHeader`` and repeated ``Assault`` elements (element
  names follow the data element names; see ``XML_ELEMENTS``). For XML the
  ``line`` of a record is the ordinal of its ``Assault`` element.

Code lists are reference data (:mod:`diogel.sources.istv_codes`).

A **nil return** (a department reporting no assaults for a period) is a file with no
assault records: an XML ``SubmissionHeader`` with no ``Assault`` elements, or a CSV
with its header row only. It is imported with no rows, so the period counts as
reported. A CSV nil return has no header values, so its period and site come from
the caller (``period``, ``site``) or from a file name ending ``istv-<site>-<YYYY-MM>.csv``
(as ``diogel synthetic istv`` writes them).

The site is the supplier: a ``site`` given by the caller must be the file's
``SITE_CODE_OF_TREATMENT`` unless a reason for the difference is given.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path
from xml.etree.ElementTree import Element, ParseError

import pandas as pd
from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

from diogel.sources.base import (
    BadFileError,
    ParsedFile,
    Rejection,
    SupplierMismatchError,
    same_body,
)
from diogel.sources.csvfile import read_csv
from diogel.sources.istv_codes import IstvCodeLists, load_code_lists

SOURCE = "istv"

CSV_COLUMNS = (
    "REPORTING_PERIOD_START_DATE",
    "REPORTING_PERIOD_END_DATE",
    "SITE_CODE_OF_TREATMENT",
    "ARRIVAL_DATE_TIME",
    "ASSAULT_DATE_TIME",
    "ASSAULT_METHOD",
    "ASSAULT_METHOD_OTHER_DESCRIPTION",
    "ASSAULT_LOCATION_TYPE",
    "ASSAULT_LOCATION_DESCRIPTION",
)
HEADER_FIELDS = CSV_COLUMNS[:3]
ASSAULT_FIELDS = CSV_COLUMNS[3:]

#: XML element name for each data element.
XML_ELEMENTS = {
    "REPORTING_PERIOD_START_DATE": "ReportingPeriodStartDate",
    "REPORTING_PERIOD_END_DATE": "ReportingPeriodEndDate",
    "SITE_CODE_OF_TREATMENT": "SiteCodeOfTreatment",
    "ARRIVAL_DATE_TIME": "ArrivalDateTimeAtAccidentAndEmergencyDepartment",
    "ASSAULT_DATE_TIME": "AssaultDateTime",
    "ASSAULT_METHOD": "AssaultMethod",
    "ASSAULT_METHOD_OTHER_DESCRIPTION": "AssaultMethodOtherDescription",
    "ASSAULT_LOCATION_TYPE": "AssaultLocationType",
    "ASSAULT_LOCATION_DESCRIPTION": "AssaultLocationDescription",
}
MAX_METHOD_DESCRIPTION = 25
MAX_LOCATION_DESCRIPTION = 255
MAX_XML_BYTES = 200 * 1024 * 1024
#: A file name ending in the site and month, e.g. SYNTHETIC-istv-SYN-UHW-2021-03.csv.
_FILE_NAME = re.compile(
    r"istv-(?P<site>[A-Za-z0-9-]{1,12})-(?P<month>\d{4}-\d{2})\.(csv|xml)$", re.I
)
_MONTH = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")


@dataclass(frozen=True)
class _Records:
    header: dict[str, str]
    assaults: list[dict[str, str]]
    lines: list[int]


def _parse_date(value: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        return None


def _parse_datetime(value: str) -> dt.datetime | None:
    text = value.strip().replace(" ", "T", 1)
    if len(text) < 16:
        return None
    try:
        return dt.datetime.fromisoformat(text).replace(tzinfo=None)
    except ValueError:
        return None


def _read_csv_records(path: Path, label: str) -> _Records:
    table = read_csv(path, CSV_COLUMNS, label, allow_empty=True)
    if not len(table):
        return _Records({f: "" for f in HEADER_FIELDS}, [], [])
    for field in HEADER_FIELDS:
        values = sorted(set(table.columns[field]))
        if len(values) != 1:
            raise BadFileError(
                f"{label}: {field} must be the same on every row (found "
                f"{', '.join(repr(v) for v in values[:3])})"
            )
    header = {f: table.columns[f][0].strip() for f in HEADER_FIELDS}
    assaults = [{f: table.columns[f][i] for f in ASSAULT_FIELDS} for i in range(len(table))]
    return _Records(header, assaults, table.lines)


def _read_xml_records(path: Path, label: str) -> _Records:
    raw = path.read_bytes()
    if not raw.strip():
        raise BadFileError(f"{label}: the file is empty")
    if len(raw) > MAX_XML_BYTES:
        raise BadFileError(f"{label}: larger than {MAX_XML_BYTES // 2**20} MB")
    try:
        root = fromstring(raw, forbid_dtd=True)
    except (ParseError, DefusedXmlException, ValueError) as exc:
        raise BadFileError(f"{label}: not well-formed or not allowed XML ({exc})") from exc

    def text(parent: Element, field: str) -> str:
        child = parent.find(XML_ELEMENTS[field])
        return (child.text or "").strip() if child is not None else ""

    head = root.find("SubmissionHeader")
    if head is None:
        raise BadFileError(f"{label}: no SubmissionHeader element")
    header = {f: text(head, f) for f in HEADER_FIELDS}
    elements = root.findall("Assault")  # none: a nil return
    assaults = [{f: text(e, f) for f in ASSAULT_FIELDS} for e in elements]
    return _Records(header, assaults, list(range(1, len(elements) + 1)))


def _month_period(label: str, month: str) -> tuple[dt.date, dt.date]:
    if not _MONTH.match(month):
        raise BadFileError(f"{label}: period {month!r} is not a month (YYYY-MM)")
    start = dt.date.fromisoformat(f"{month}-01")
    return start, (start + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1)


def _nil_return_header(
    label: str, period: str | None, site: str | None
) -> tuple[dt.date, dt.date, str]:
    """Period and site of a CSV nil return: given, else from the file name."""
    named = _FILE_NAME.search(label)
    month = period or (named["month"] if named else None)
    code = site or (named["site"] if named else None)
    if not month or not code:
        raise BadFileError(
            f"{label}: the file has a header but no rows. If it is a nil return (no "
            "assaults), give its period (YYYY-MM) and site code, or name the file "
            "...istv-<site>-<YYYY-MM>.csv"
        )
    start, end = _month_period(label, month)
    return start, end, code


def parse_istv_file(
    path: Path,
    codes: IstvCodeLists | None = None,
    site_health_boards: dict[str, str] | None = None,
    name: str | None = None,
    period: str | None = None,
    site: str | None = None,
    supplier_mismatch_reason: str | None = None,
) -> ParsedFile:
    """Read an ISTV submission (CSV or XML, by file suffix) into harmonised rows.

    ``period`` (YYYY-MM) and ``site`` are what the caller says the file is; the
    file's own header must agree (a site only with ``supplier_mismatch_reason``),
    and for a CSV nil return they stand in for the missing header values.
    """
    label = name or path.name
    codes = codes or load_code_lists()
    records = (
        _read_xml_records(path, label)
        if label.lower().endswith(".xml")
        else _read_csv_records(path, label)
    )
    mismatch = None
    start: dt.date | None
    end: dt.date | None
    if not records.lines and not any(records.header.values()):
        start, end, site_code = _nil_return_header(label, period, site)
    else:
        start = _parse_date(records.header["REPORTING_PERIOD_START_DATE"])
        end = _parse_date(records.header["REPORTING_PERIOD_END_DATE"])
        site_code = records.header["SITE_CODE_OF_TREATMENT"]
        declared = _month_period(label, period) if period is not None else None
        if declared is not None and None not in (start, end) and declared != (start, end):
            raise BadFileError(
                f"{label}: the file's reporting period is {start} to {end}, not {period}"
            )
        if site and site_code and not same_body(site, site_code):
            named = f"SITE_CODE_OF_TREATMENT {site_code}"
            if not supplier_mismatch_reason or not supplier_mismatch_reason.strip():
                raise SupplierMismatchError(
                    f"{label}: the site {site!r} does not agree with the file ({named}); "
                    "the import is refused and nothing was imported. To import it all "
                    "the same, give the reason, which is recorded with the import"
                )
            mismatch = f"{named}; accepted because: {supplier_mismatch_reason.strip()}"
            site_code = site
    site = site_code
    if start is None or end is None:
        raise BadFileError(
            f"{label}: the reporting period start and end must be dates (YYYY-MM-DD)"
        )
    if end < start:
        raise BadFileError(f"{label}: the reporting period ends ({end}) before it starts ({start})")
    if (end - start).days > 92:
        raise BadFileError(
            f"{label}: a reporting period of {(end - start).days + 1} days is "
            "longer than a quarter; wrong period?"
        )
    if not site or len(site) > 12:
        raise BadFileError(f"{label}: SITE_CODE_OF_TREATMENT is missing or too long")

    rejections: list[Rejection] = []
    kept: list[dict[str, object]] = []
    details: list[dict[str, object]] = []
    for line, assault in zip(records.lines, records.assaults, strict=True):

        def reject(
            field: str, reason: str, line: int = line, assault: dict[str, str] = assault
        ) -> None:
            rejections.append(Rejection(line, field, str(assault.get(field, ""))[:200], reason))

        assaulted = _parse_datetime(assault["ASSAULT_DATE_TIME"])
        arrived_text = assault["ARRIVAL_DATE_TIME"].strip()
        arrived = _parse_datetime(arrived_text) if arrived_text else None
        method = codes.assault_method.get(assault["ASSAULT_METHOD"].strip())
        location = codes.assault_location_type.get(assault["ASSAULT_LOCATION_TYPE"].strip())
        before = len(rejections)
        if assaulted is None:
            reject(
                "ASSAULT_DATE_TIME",
                "mandatory date and time (YYYY-MM-DD HH:MM) missing or not valid",
            )
        if arrived_text and arrived is None:
            reject("ARRIVAL_DATE_TIME", "not a valid date and time (YYYY-MM-DD HH:MM)")
        if method is None:
            reject("ASSAULT_METHOD", "not a code in the assault method code list")
        if location is None:
            reject("ASSAULT_LOCATION_TYPE", "not a code in the assault location type code list")
        if len(assault["ASSAULT_METHOD_OTHER_DESCRIPTION"]) > MAX_METHOD_DESCRIPTION:
            reject(
                "ASSAULT_METHOD_OTHER_DESCRIPTION",
                f"longer than {MAX_METHOD_DESCRIPTION} characters",
            )
        if len(assault["ASSAULT_LOCATION_DESCRIPTION"]) > MAX_LOCATION_DESCRIPTION:
            reject(
                "ASSAULT_LOCATION_DESCRIPTION", f"longer than {MAX_LOCATION_DESCRIPTION} characters"
            )
        attendance = arrived or assaulted
        if attendance is not None and not start <= attendance.date() <= end:
            reject(
                "ARRIVAL_DATE_TIME" if arrived else "ASSAULT_DATE_TIME",
                f"attendance is outside the reporting period {start} to {end}",
            )
        if assaulted and arrived and assaulted > arrived:
            reject("ASSAULT_DATE_TIME", "the assault is after the arrival at A&E")
        if len(rejections) > before or assaulted is None or method is None or location is None:
            continue
        flags = []
        if method.needs_description and not assault["ASSAULT_METHOD_OTHER_DESCRIPTION"].strip():
            flags.append("method_description_missing")
        if arrived is None:
            flags.append("arrival_missing")
        flags.append("no_location")
        kept.append(
            {
                "line": line,
                "category": "violence",
                "subcategory": method.subcategory or "other",
                "source_type": f"{method.code} {method.label_en}",
                "month": assaulted.date().replace(day=1),
                "occurred_date": assaulted.date(),
                "occurred_time": assaulted.time(),
                "lsoa11": None,
                "longitude": float("nan"),
                "latitude": float("nan"),
                "location_text": assault["ASSAULT_LOCATION_DESCRIPTION"].strip() or None,
                "outcome": None,
                "reference": None,
                "flags": ",".join(flags),
            }
        )
        details.append(
            {
                "line": line,
                "site_code": site,
                "arrival": arrived.isoformat(sep=" ") if arrived else None,
                "assault_method": method.code,
                "assault_method_other": assault["ASSAULT_METHOD_OTHER_DESCRIPTION"].strip() or None,
                "assault_location_type": location.code,
                "assault_location_type_label": location.label_en,
            }
        )
    from diogel.sources.base import HARMONISED_COLUMNS

    rows = pd.DataFrame(kept, columns=list(HARMONISED_COLUMNS))
    rows["longitude"] = rows["longitude"].astype(float)
    rows["latitude"] = rows["latitude"].astype(float)
    return ParsedFile(
        source=SOURCE,
        supplier=site,
        period_start=start,
        period_end=end,
        rows_read=len(records.lines),
        rows=rows,
        rejections=rejections,
        detail=pd.DataFrame(details) if details else None,
        reporting_area=(site_health_boards or {}).get(site),
        supplier_mismatch=mismatch,
    )
