"""The performance framework: measures, targets, values, RAG and scorecards.

Measures are data (``data/measures.toml``, replaceable through
``DIOGEL_MEASURES_FILE``): hub measures are computed from the warehouse by
:mod:`~diogel.performance.compute` each time they are asked for, manual and survey
measures hold the values their owners enter. :mod:`~diogel.performance.rag` judges
values against target and trend with each measure's polarity.

Examples
--------
>>> framework = load_framework()
>>> sorted({m.method.value for m in framework.measures})
['hub', 'manual', 'survey']
>>> [m.code for m in framework.evidencing("wao-r7")][:1]
['citizens-know-where-plans-are']
"""

from __future__ import annotations

from diogel.performance.compute import MeasureError, compute_measure, compute_measures
from diogel.performance.loader import (
    MeasureFileError,
    default_measures_path,
    load_framework,
    parse_framework,
)
from diogel.performance.model import (
    Framework,
    HubQuery,
    Measure,
    MeasureValue,
    RecordedValue,
    Target,
)
from diogel.performance.periods import Period
from diogel.performance.rag import ScorecardRow, Trend, rag_status, scorecard, target_value, trend
from diogel.performance.vocab import (
    Direction,
    Frequency,
    MeasureLevel,
    MeasureType,
    Method,
    Polarity,
    Statistic,
)

__all__ = [
    "Direction",
    "Framework",
    "Frequency",
    "HubQuery",
    "Measure",
    "MeasureError",
    "MeasureFileError",
    "MeasureLevel",
    "MeasureType",
    "MeasureValue",
    "Method",
    "Period",
    "Polarity",
    "RecordedValue",
    "ScorecardRow",
    "Statistic",
    "Target",
    "Trend",
    "compute_measure",
    "compute_measures",
    "default_measures_path",
    "load_framework",
    "parse_framework",
    "rag_status",
    "scorecard",
    "target_value",
    "trend",
]
