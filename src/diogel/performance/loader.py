"""Read and validate a performance framework file (TOML).

The shipped file, ``data/measures.toml``, holds the hub measures Diogel computes
from the warehouse and the manual and survey measures the seed documents give
figures for; a user points ``DIOGEL_MEASURES_FILE`` at their own copy. As for the
programme, every problem is collected and named by entry and field. Given a
:class:`~diogel.programme.Programme`, the objectives and recommendations measures
evidence are checked against it.

Examples
--------
>>> text = '''
... [[document]]
... file = "003_gwent.txt"
... title = "Gwent paper"
... [[measure]]
... code = "asb"
... name_en = "ASB incidents"
... level = "local"
... type = "outcome"
... unit = "incidents"
... polarity = "lower-is-better"
... frequency = "monthly"
... method = "hub"
... hub = { statistic = "count", source = "police_uk_street", category = "asb", level = "ward" }
... source = { document = "003", quote = "anti-social behaviour" }
... '''
>>> try:
...     parse_framework(tomllib.loads(text), "example.toml")
... except MeasureFileError as exc:
...     print(exc)
example.toml: 1 problem
  measure 'asb' hub, field 'level': unknown area level 'ward' (known: lsoa11, ...)
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from importlib import resources
from pathlib import Path
from typing import Any

from diogel.figures.base import AREA_COLUMNS
from diogel.geography import Level
from diogel.landscape.areas import AreaIndex
from diogel.landscape.fields import FieldReader
from diogel.performance.model import Framework, HubQuery, Measure, RecordedValue, Target
from diogel.performance.periods import PERIOD
from diogel.performance.vocab import (
    Frequency,
    MeasureLevel,
    MeasureType,
    Method,
    Polarity,
    Statistic,
)
from diogel.programme.model import Programme
from diogel.sources.categories import CATEGORIES

#: Levels a hub measure can be computed at (those the warehouse places records in).
HUB_LEVELS = {Level.LOCAL_AUTHORITY, Level.POLICE_FORCE_AREA, Level.HEALTH_BOARD,
              Level.CSP, Level.PSB, Level.REGION, Level.MSOA11, Level.LSOA11}  # fmt: skip
#: Levels of the bodies that send records (police forces, health boards).
BODY_LEVELS = {Level.POLICE_FORCE_AREA, Level.HEALTH_BOARD}


class MeasureFileError(ValueError):
    """A framework file that cannot be used; ``problems`` lists every message."""

    def __init__(self, where: str, problems: list[str]) -> None:
        self.where = where
        self.problems = problems
        noun = "problem" if len(problems) == 1 else "problems"
        super().__init__(
            f"{where}: {len(problems)} {noun}\n" + "\n".join(f"  {p}" for p in problems)
        )


def default_measures_path() -> Path:
    """The shipped performance framework."""
    return Path(str(resources.files("diogel.performance") / "data" / "measures.toml"))


def load_framework(
    path: Path | None = None,
    programme: Programme | None = None,
    areas: AreaIndex | None = None,
) -> Framework:
    """Read and validate ``path`` (default: the shipped framework).

    Raises
    ------
    MeasureFileError
        Listing every problem found, each naming the entry and the field.
    """
    path = path or default_measures_path()
    try:
        document = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise MeasureFileError(str(path), ["file not found"]) from exc
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise MeasureFileError(str(path), [f"not valid TOML ({exc})"]) from exc
    return parse_framework(document, str(path), programme, areas)


_CITE = {"source", "sources"}
_MEASURE_KEYS = {
    "code", "name_en", "name_cy", "level", "type", "unit", "polarity", "frequency", "method",
    "definition", "hub", "owner", "target", "public", "objectives", "recommendations", *_CITE,
}  # fmt: skip


class _Parser(FieldReader):
    def __init__(self, areas: AreaIndex) -> None:
        super().__init__()
        self.areas = areas

    def hub(self, raw: Mapping[str, Any], entry: str) -> HubQuery | None:
        table = self.table(raw, "hub", entry)
        if table is None:
            return None
        where = f"{entry} hub"
        self.unknown_keys(table, {"statistic", "source", "category", "level"}, where)
        statistic = self.enum(Statistic, table.get("statistic"), where, "statistic", "statistic")
        source = self.text(table, "source", where)
        category = self.optional_text(table, "category", where)
        if category is not None and category not in CATEGORIES:
            self.problem(where, "category", f"unknown category {category!r}")
        level: Level | None = None
        raw_level = table.get("level")
        try:
            level = Level(str(raw_level))
            if level not in HUB_LEVELS:
                raise ValueError
        except ValueError:
            known = ", ".join(x.value for x in sorted(HUB_LEVELS, key=_level_order))
            self.problem(where, "level", f"unknown area level {raw_level!r} (known: {known})")
            level = None
        if statistic is Statistic.COUNT_BY_REPORTING_BODY and level and level not in BODY_LEVELS:
            self.problem(where, "level", "records are sent by police forces and health boards only")
        if statistic is None or level is None:
            return None
        return HubQuery(statistic, source, category, level)

    def target(self, raw: Mapping[str, Any], entry: str) -> Target | None:
        table = self.table(raw, "target", entry)
        if table is None:
            return None
        where = f"{entry} target"
        keys = {"value", "change", "baseline", "tolerance", "basis", *_CITE}
        self.unknown_keys(table, keys, where)
        value, change = self.number(table, "value", where), self.number(table, "change", where)
        baseline = self.optional_text(table, "baseline", where)
        if (value is None) == (change is None):
            self.problem(where, "value", "give either a value or a change on a baseline")
        if change is not None and baseline != "year-before":
            self.problem(where, "baseline", 'a change needs baseline = "year-before"')
        if value is not None and baseline is not None:
            self.problem(where, "baseline", "a fixed value takes no baseline")
        tolerance = self.number(table, "tolerance", where)
        if tolerance is not None and not 0 <= tolerance < 1:
            self.problem(where, "tolerance", "a fraction from 0 up to 1")
            tolerance = None
        cited = self.sources(table, where) if _CITE & set(table) else ()
        return Target(
            self.text(table, "basis", where),
            value,
            change,
            baseline,
            0.05 if tolerance is None else tolerance,
            cited,
        )

    def measure(self, raw: Mapping[str, Any], number: int) -> Measure:
        code, entry = self.code(raw, "measure", number)
        self.unknown_keys(raw, _MEASURE_KEYS, entry)

        def required(kind: Any, key: str, label: str, fallback: Any) -> Any:
            if key not in raw:
                self.problem(entry, key, "missing")
                return fallback
            return self.enum(kind, raw[key], entry, key, label) or fallback

        method = required(Method, "method", "method", Method.MANUAL)
        hub = self.hub(raw, entry)
        owner = self.optional_text(raw, "owner", entry)
        if method is Method.HUB and hub is None and "hub" not in raw:
            self.problem(entry, "hub", "missing: a hub measure says what it computes")
        if method is not Method.HUB and "hub" in raw:
            self.problem(entry, "hub", f"only hub measures compute from the hub, not {method}")
        if method is Method.MANUAL and not owner:
            self.problem(entry, "owner", "missing: a manual measure names the owner entering it")
        return Measure(
            code=code,
            name_en=self.text(raw, "name_en", entry),
            name_cy=self.optional_text(raw, "name_cy", entry),
            level=required(MeasureLevel, "level", "level", MeasureLevel.LOCAL),
            type=required(MeasureType, "type", "measure type", MeasureType.OUTCOME),
            unit=self.text(raw, "unit", entry),
            polarity=required(Polarity, "polarity", "polarity", Polarity.NEUTRAL),
            frequency=required(Frequency, "frequency", "frequency", Frequency.ANNUAL),
            method=method,
            sources=self.sources(raw, entry),
            definition=self.text(raw, "definition", entry, required=False),
            hub=hub if method is Method.HUB else None,
            owner=owner,
            target=self.target(raw, entry),
            public=self.boolean(raw, "public", entry, True),
            objectives=self.str_list(raw, "objectives", entry),
            recommendations=self.str_list(raw, "recommendations", entry),
        )

    def value(self, raw: Mapping[str, Any], number: int) -> RecordedValue:
        entry = f"value {number}"
        keys = {"measure", "area", "period", "value", "entered_by", "note", *_CITE}
        self.unknown_keys(raw, keys, entry)
        area = self.text(raw, "area", entry)
        if area and area not in self.areas:
            self.problem(entry, "area", f"unknown area code {area!r}")
        period = raw.get("period")
        if not isinstance(period, str) or not PERIOD.match(period):
            self.problem(
                entry, "period", f"{period!r} is not a period like 2021, 2021-Q3 or 2021-07"
            )
            period = ""
        value = self.number(raw, "value", entry)
        if value is None and "value" not in raw:
            self.problem(entry, "value", "missing")
        return RecordedValue(
            self.text(raw, "measure", entry),
            area,
            period,
            0.0 if value is None else value,
            self.text(raw, "entered_by", entry),
            self.sources(raw, entry),
            self.text(raw, "note", entry, required=False),
        )


def _level_order(level: Level) -> int:
    return list(AREA_COLUMNS).index(level) if level in AREA_COLUMNS else 99


def parse_framework(
    document: Mapping[str, Any],
    where: str,
    programme: Programme | None = None,
    areas: AreaIndex | None = None,
) -> Framework:
    """Validate a parsed TOML document and build the :class:`Framework`.

    Raises
    ------
    MeasureFileError
        Listing every problem found.
    """
    p = _Parser(areas or AreaIndex.default())
    p.top_level(document, {"document", "measure", "value"})
    p.declare_documents(p.table_list(document, "document", "top level"))
    measures = [
        p.measure(r, i) for i, r in enumerate(p.table_list(document, "measure", "top level"), 1)
    ]
    values = [p.value(r, i) for i, r in enumerate(p.table_list(document, "value", "top level"), 1)]
    p.duplicates("measure", [m.code for m in measures])
    by_code = {m.code: m for m in measures}
    seen: set[tuple[str, str, str]] = set()
    for i, v in enumerate(values, 1):
        entry = f"value {i}"
        measure = by_code.get(v.measure)
        if v.measure and measure is None:
            p.problem(entry, "measure", f"no measure {v.measure!r}")
        elif measure is not None and measure.method is Method.HUB:
            p.problem(entry, "measure", f"{v.measure!r} is computed from the hub, not entered")
        if (v.measure, v.area, v.period) in seen:
            p.problem(entry, "period", f"{v.measure} already has a value for {v.area} {v.period}")
        seen.add((v.measure, v.area, v.period))
    if programme is not None:
        objectives = {o.code for o in programme.objectives}
        recommendations = {r.code for r in programme.recommendations}
        for m in measures:
            for code in m.objectives:
                if code not in objectives:
                    p.problem(f"measure {m.code!r}", "objectives", f"no objective {code!r}")
            for code in m.recommendations:
                if code not in recommendations:
                    p.problem(
                        f"measure {m.code!r}", "recommendations", f"no recommendation {code!r}"
                    )
    if p.problems:
        raise MeasureFileError(where, p.problems)
    return Framework(tuple(p.documents.values()), tuple(measures), tuple(values))
