"""Hub measures' stored values, recomputed from the warehouse.

:func:`recompute` asks :func:`diogel.performance.compute_measure` (the same figures
as ``diogel counts`` and ``diogel analyse``) for every whole period touching the
months given and replaces the stored values of those periods. An import calls
:func:`recompute_after_import` for its months, so the scorecards follow the data.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from diogel.geography import ReferenceDataError
from diogel.performance import Frequency, MeasureError, compute_measure
from diogel.warehouse import Warehouse
from diogel.warehouse.queries import list_imports
from diogel.warehouse.store import (
    WarehouseBusyError,
    WarehouseUnreadableError,
    reuse_connections,
)
from diogel.web.areas.loader import geography
from diogel.web.performance.models import Measure, MeasureValue, to_decimal

log = logging.getLogger(__name__)
#: What :func:`recompute` raises when the warehouse or the geography cannot answer (or
#: a month is not one): callers report these, never crash on them.
RECOMPUTE_ERRORS = (
    MeasureError,
    ReferenceDataError,
    WarehouseBusyError,
    WarehouseUnreadableError,
    ValueError,
)
MONTH = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")


def _warehouse() -> Warehouse:
    return Warehouse(settings.DIOGEL.warehouse_dir)


def whole_periods(first: str, last: str, frequency: Frequency) -> tuple[str, str]:
    """``first``..``last`` widened to the whole periods of ``frequency`` they touch.

    >>> whole_periods("2021-05", "2021-05", Frequency.QUARTERLY)
    ('2021-04', '2021-06')
    >>> whole_periods("2021-05", "2022-02", Frequency.ANNUAL)
    ('2021-01', '2022-12')
    """
    size = frequency.months
    start_month = (int(first[5:7]) - 1) // size * size + 1
    end_month = (int(last[5:7]) - 1) // size * size + size
    return f"{first[:4]}-{start_month:02d}", f"{last[:4]}-{end_month:02d}"


def warehouse_months() -> tuple[str, str] | None:
    """The first and last month any current import covers (None for an empty hub)."""
    current = [i for i in list_imports(_warehouse()) if i.get("status") == "current"]
    if not current:
        return None
    first = min(i["period_start"] for i in current)
    last = max(i["period_end"] for i in current)
    return f"{first:%Y-%m}", f"{last:%Y-%m}"


def recompute(
    first: str, last: str, codes: list[str] | None = None, source: str | None = None
) -> dict[str, int]:
    """Recompute the hub measures (only ``codes``, only those of ``source``) for every
    whole period touching ``first``..``last``; returns how many values each stored.

    Raises
    ------
    MeasureError, ReferenceDataError, WarehouseBusyError, WarehouseUnreadableError
        When the warehouse or the geography cannot answer.
    """
    for month in (first, last):
        if not MONTH.match(month):
            raise ValueError(f"{month!r} is not a month like 2021-07")
    # One open warehouse for every measure (each asks for many figures).
    with reuse_connections():
        return _recompute(first, last, codes, source)


def _recompute(
    first: str, last: str, codes: list[str] | None, source: str | None
) -> dict[str, int]:
    measures = Measure.objects.filter(method="hub")
    if codes is not None:
        measures = measures.filter(code__in=codes)
    geo, warehouse, now = geography(), _warehouse(), timezone.now()
    stored: dict[str, int] = {}
    for measure in measures:
        if source is not None and (measure.hub or {}).get("source") != source:
            continue
        core = measure.as_core()
        lo, hi = whole_periods(first, last, core.frequency)
        values = compute_measure(core, geo, warehouse, lo, hi)
        with transaction.atomic():
            periods = {v.period for v in values}
            MeasureValue.objects.filter(measure=measure, period__in=periods).delete()
            MeasureValue.objects.bulk_create(
                MeasureValue(
                    measure=measure,
                    area=v.area,
                    period=v.period,
                    value=to_decimal(v.value),
                    count=v.count,
                    has_data=v.has_data,
                    suppressed=v.suppressed,
                    method=v.method.value,
                    computed_at=now,
                )
                for v in values
            )
        stored[measure.code] = len(values)
    return stored


def recompute_all() -> dict[str, int]:
    """Every hub measure over every month the warehouse holds."""
    months = warehouse_months()
    return recompute(*months) if months else {}


def recompute_after_import(period_start: Any, period_end: Any, source: str | None = None) -> int:
    """After an import: recompute the measures of its source for its months. Never
    fails the import; a problem is logged and the values stay as they were."""
    first = f"{period_start:%Y-%m}" if isinstance(period_start, dt.date) else str(period_start)
    last = f"{period_end:%Y-%m}" if isinstance(period_end, dt.date) else str(period_end)
    try:
        return sum(recompute(first, last, source=source).values())
    except RECOMPUTE_ERRORS as exc:
        log.warning("measures not recomputed for %s..%s: %s", first, last, exc)
        return 0
