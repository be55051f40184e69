"""Controlled vocabularies of the programme tracker: progress and RAG.

Values are the words used in the programme's TOML file.

Examples
--------
>>> Progress("outstanding").label_cy
'Heb ei gwblhau'
>>> Rag.AMBER.label_en
'Amber'
>>> Progress.ACHIEVED.finished, Progress.IN_PROGRESS.finished
(True, False)
"""

from __future__ import annotations

from enum import StrEnum


class Progress(StrEnum):
    """Where an objective or action stands."""

    NOT_STARTED = "not-started"
    IN_PROGRESS = "in-progress"
    #: Carried beyond the programme's close (the closure report's "outstanding").
    OUTSTANDING = "outstanding"
    ON_HOLD = "on-hold"
    ACHIEVED = "achieved"
    #: Stopped without being achieved.
    CLOSED = "closed"

    @property
    def finished(self) -> bool:
        """Nothing more is to be done (achieved, or closed without being achieved)."""
        return self in (Progress.ACHIEVED, Progress.CLOSED)

    @property
    def label_en(self) -> str:
        return _PROGRESS_LABELS[self][0]

    @property
    def label_cy(self) -> str:
        return _PROGRESS_LABELS[self][1]


_PROGRESS_LABELS: dict[Progress, tuple[str, str]] = {
    Progress.NOT_STARTED: ("Not started", "Heb ddechrau"),
    Progress.IN_PROGRESS: ("In progress", "Ar waith"),
    Progress.OUTSTANDING: ("Outstanding", "Heb ei gwblhau"),
    Progress.ON_HOLD: ("On hold", "Wedi'i ohirio"),
    Progress.ACHIEVED: ("Achieved", "Wedi'i gyflawni"),
    Progress.CLOSED: ("Closed", "Wedi cau"),
}


class Rag(StrEnum):
    """Red, amber, green: on track or not (``blue`` is complete)."""

    RED = "red"
    AMBER = "amber"
    GREEN = "green"
    BLUE = "blue"

    @property
    def label_en(self) -> str:
        return _RAG_LABELS[self][0]

    @property
    def label_cy(self) -> str:
        return _RAG_LABELS[self][1]


_RAG_LABELS: dict[Rag, tuple[str, str]] = {
    Rag.RED: ("Red", "Coch"),
    Rag.AMBER: ("Amber", "Ambr"),
    Rag.GREEN: ("Green", "Gwyrdd"),
    Rag.BLUE: ("Complete", "Wedi'i gwblhau"),
}
