"""Scorecards from the stored values: each measure's latest period for an area, judged
by :func:`diogel.performance.scorecard` against its target and the period before.

Values withheld by disclosure control stay withheld here: a suppressed value has no
number to show, only the symbol.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.translation import get_language
from django.utils.translation import gettext as _

from diogel.geography import Level, ReferenceDataError
from diogel.landscape.areas import AreaIndex
from diogel.performance import Framework, ScorecardRow, scorecard
from diogel.programme.vocab import Rag
from diogel.reports.i18n import SUPPRESSED
from diogel.web.areas.loader import area_index, area_name, geography
from diogel.web.performance.models import Measure, MeasureValue

#: GOV.UK tag colours; the tag's text always says the status too.
RAG_TAGS = {
    Rag.RED: "govuk-tag--red",
    Rag.AMBER: "govuk-tag--orange",
    Rag.GREEN: "govuk-tag--green",
    Rag.BLUE: "govuk-tag--blue",
}


def _cy() -> bool:
    return get_language() == "cy"


def area_known(code: str) -> bool:
    if code in area_index():
        return True
    try:
        geography().hierarchy.area(code)
    except (KeyError, ReferenceDataError):
        return False
    return True


def format_value(value: float | None, unit: str) -> str:
    """A number as a scorecard shows it: shares as percentages, whole numbers with
    thousands separators, others to two decimal places."""
    if value is None:
        return ""
    if "share" in unit:
        return f"{value * 100:.1f}%"
    if float(value).is_integer():
        return f"{value:,.0f}"
    return f"{value:,.2f}"


def shown(value: MeasureValue | None, unit: str) -> str:
    """A stored value as text: the number, the suppression symbol, or "no data"."""
    if value is None or not value.has_data:
        return _("no data")
    if value.suppressed or value.value is None:
        return SUPPRESSED
    return format_value(float(value.value), unit)


@dataclass(frozen=True)
class Row:
    """One line of a scorecard, ready to show or export."""

    measure: Measure
    core: ScorecardRow
    value_text: str
    target_text: str

    @property
    def rag_label(self) -> str:
        rag = self.core.rag
        if rag is None:
            return ""
        return rag.label_cy if _cy() else rag.label_en

    @property
    def rag_tag(self) -> str:
        return RAG_TAGS[self.core.rag] if self.core.rag else ""

    @property
    def trend_label(self) -> str:
        trend = self.core.trend
        if trend is None:
            return ""
        label = trend.direction.label_cy if _cy() else trend.direction.label_en
        if trend.change is None:
            return label
        return f"{label} ({trend.change * 100:+.1f}%)"

    @property
    def status(self) -> str:
        """For the downloads: value, no data or suppressed."""
        if not self.core.has_data:
            return "no data"
        return "suppressed" if self.core.suppressed else "value"


@dataclass(frozen=True)
class Scorecard:
    area: str
    name: str
    rows: list[Row]


def area_scorecard(area: str, measures: Iterable[Measure] | None = None) -> Scorecard:
    """The scorecard of ``area``: every measure with a value stored for it."""
    values = list(MeasureValue.objects.filter(area=area).select_related("measure", "entered_by"))
    with_values = {v.measure_id for v in values}
    chosen = [
        m for m in (measures if measures is not None else Measure.objects.all())
        if m.pk in with_values
    ]  # fmt: skip
    framework = Framework((), tuple(m.as_core() for m in chosen), ())
    core_rows = scorecard(framework, [v.as_core() for v in values], area)
    by_key = {(v.measure.code, v.period): v for v in values}
    rows = []
    for measure, core in zip(chosen, core_rows, strict=True):
        stored = by_key.get((measure.code, core.period or ""))
        rows.append(
            Row(
                measure,
                core,
                shown(stored, measure.unit),
                format_value(core.target, measure.unit) if core.target is not None else "",
            )
        )
    return Scorecard(area, area_name(area), rows)


def _members(code: str, index: AreaIndex) -> frozenset[str]:
    """The local authorities making up an area (empty when it is not made of them)."""
    if code in index:
        return index.local_authorities(code)
    try:
        hierarchy = geography().hierarchy
        area = hierarchy.area(code)
        return frozenset(a.code for a in hierarchy.areas_at(Level.LOCAL_AUTHORITY, area))
    except (KeyError, ValueError, ReferenceDataError):
        return frozenset()


def footprint_areas(footprint: Iterable[str]) -> list[str]:
    """The areas with stored values that lie wholly inside a board's footprint,
    largest first."""
    index = area_index()
    cover = index.cover(c for c in footprint if c in index)
    if not cover:
        return []
    codes = set(MeasureValue.objects.values_list("area", flat=True).distinct())
    inside = []
    for code in codes:
        members = _members(code, index)
        if members and members <= cover:
            inside.append((-len(members), area_name(code), code))
    return [code for _size, _name, code in sorted(inside)]


def areas_with_values() -> list[tuple[str, str]]:
    """Every area some value is stored for, as (code, name), by name."""
    codes = set(MeasureValue.objects.values_list("area", flat=True).distinct())
    return sorted(((c, area_name(c)) for c in codes), key=lambda pair: pair[1])
