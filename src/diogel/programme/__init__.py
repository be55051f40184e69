"""The programme tracker: recommendations, work-streams, objectives, hand-overs.

The tracker is data (``data/wales_programme.toml``, replaceable through
``DIOGEL_PROGRAMME_FILE``); this package loads and validates it
(:mod:`~diogel.programme.loader`) and generates the closure report
(:mod:`~diogel.programme.closure`). The web layer walks the validated
:class:`Programme` to seed its tables.

Examples
--------
>>> programme = load_programme()
>>> [len(programme.recommendations_in(s)) for s in ("wao-2016", "wtfsc-2017")]
[7, 11]
>>> programme.governor("skills-safer-communities-network")
'safer-communities-board'
"""

from __future__ import annotations

from diogel.programme.closure import (
    ClosureLine,
    ClosureReport,
    WorkstreamClosure,
    closure_markdown,
    closure_report,
)
from diogel.programme.loader import (
    ProgrammeError,
    default_programme_path,
    load_programme,
    parse_programme,
)
from diogel.programme.model import (
    Action,
    Document,
    Handover,
    Objective,
    Principle,
    Programme,
    Recommendation,
    RecommendationSet,
    Source,
    Sro,
    Update,
    VisionStatement,
    Workstream,
)
from diogel.programme.vocab import Progress, Rag

__all__ = [
    "Action",
    "ClosureLine",
    "ClosureReport",
    "Document",
    "Handover",
    "Objective",
    "Principle",
    "Programme",
    "ProgrammeError",
    "Progress",
    "Rag",
    "Recommendation",
    "RecommendationSet",
    "Source",
    "Sro",
    "Update",
    "VisionStatement",
    "Workstream",
    "WorkstreamClosure",
    "closure_markdown",
    "closure_report",
    "default_programme_path",
    "load_programme",
    "parse_programme",
]
