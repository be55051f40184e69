"""A report as data: the numbers, tables and sentences, free of any language.

A :class:`ReportDocument` is what :mod:`diogel.reports` builds from the
warehouse and what it stores; rendering turns it into English or Welsh HTML or
PDF. Words are message ids translated at render time; numbers stay raw so a
document can be compared, diffed and re-rendered without querying again.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

#: How a column's values are shown (see :mod:`diogel.reports.render`).
ColumnKind = Literal[
    "text",
    "area",
    "category",
    "month",
    "day",
    "int",
    "decimal1",
    "decimal2",
    "decimal3",
    "change",
    "money",
    "flag",
    "hotspot",
]


@dataclass(frozen=True)
class Column:
    key: str
    label: str  # message id
    kind: ColumnKind = "int"


@dataclass
class Table:
    """Rows of raw values; ``None`` in a disclosure-controlled cell means withheld."""

    id: str
    caption: str  # message id, formatted with caption_params
    columns: list[Column]
    rows: list[dict[str, Any]]
    caption_params: dict[str, list[Any]] = field(default_factory=dict)
    source: str = ""
    suppressed_cells: int = 0
    #: Keys of the values withheld by disclosure control, as "row index:column key".
    withheld: list[str] = field(default_factory=list)

    def column(self, key: str) -> Column:
        return next(c for c in self.columns if c.key == key)


@dataclass
class Sentence:
    """A message id and typed parameters: ``{"name": [kind, value]}``.

    Kinds: ``category``/``Category`` (lower/capitalised label), ``month``, ``change``
    (ratio − 1), ``number``, ``decimal1``, ``money``, ``area``, ``text``, ``percent``.
    """

    message: str
    params: dict[str, list[Any]] = field(default_factory=dict)


@dataclass
class Figure:
    """A chart or map with its data table and alternative text."""

    id: str
    kind: Literal["trend", "bars", "two_series", "heatmap", "map"]
    title: Sentence
    alt: Sentence
    table: Table
    options: dict[str, Any] = field(default_factory=dict)


@dataclass
class Section:
    id: str
    heading: str  # message id
    sentences: list[Sentence] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    #: Key of an analyst-written narrative shown in this section, if any.
    editable: str | None = None


@dataclass
class ReportDocument:
    kind: str
    title: Sentence
    area: dict[str, Any]
    period: dict[str, Any]
    parameters: dict[str, Any]
    generated_at: str
    software_version: str
    sections: list[Section]
    sources: list[str]
    imports_used: list[dict[str, Any]]
    #: Analyst-written sections: key -> {"en": text, "cy": text}.
    narrative: dict[str, dict[str, str]] = field(default_factory=dict)
    synthetic: bool = False

    def tables(self) -> list[Table]:
        """Every table in reading order, figures' data tables included."""
        out: list[Table] = []
        for section in self.sections:
            out.extend(f.table for f in section.figures)
            out.extend(section.tables)
        return out

    def table(self, table_id: str) -> Table:
        return next(t for t in self.tables() if t.id == table_id)

    def suppressed_cells(self) -> int:
        return sum(t.suppressed_cells for t in self.tables())

    def numbers(self) -> dict[str, list[dict[str, Any]]]:
        """Every table's rows keyed by table id: what must not change on regeneration."""
        return {t.id: t.rows for t in self.tables()}

    def to_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False, sort_keys=True, default=str)

    @classmethod
    def from_json(cls, text: str) -> ReportDocument:
        raw = json.loads(text)
        raw["title"] = Sentence(**raw["title"])
        raw["sections"] = [_section(s) for s in raw["sections"]]
        return cls(**raw)


def _table(raw: dict[str, Any]) -> Table:
    raw = dict(raw)
    raw["columns"] = [Column(**c) for c in raw["columns"]]
    return Table(**raw)


def _section(raw: dict[str, Any]) -> Section:
    raw = dict(raw)
    raw["sentences"] = [Sentence(**s) for s in raw["sentences"]]
    raw["tables"] = [_table(t) for t in raw["tables"]]
    raw["figures"] = [
        Figure(
            **{
                **f,
                "title": Sentence(**f["title"]),
                "alt": Sentence(**f["alt"]),
                "table": _table(f["table"]),
            }
        )
        for f in raw["figures"]
    ]
    return Section(**raw)
