"""The closure report: what a programme achieved, what is outstanding, who governs it.

Built from the tracker as it stands (or as it stood on a day), so a programme
board can generate its closure report instead of writing the tables by hand.

Examples
--------
>>> from diogel.programme import load_programme
>>> report = closure_report(load_programme())
>>> len(report.achieved), len(report.outstanding)
(19, 26)
>>> report.governors["safer-communities-board"]
17
"""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict, dataclass
from typing import Any

from diogel.programme.model import Programme, Source
from diogel.programme.vocab import Progress


@dataclass(frozen=True)
class ClosureLine:
    """One objective in the closure report, with the board governing it on the day."""

    objective: str
    workstream: str
    text: str
    progress: Progress
    owner: str | None
    governed_by: str
    governance_note: str
    handover: str | None
    due: str | None
    sources: tuple[Source, ...]


@dataclass(frozen=True)
class WorkstreamClosure:
    workstream: str
    title_en: str
    sro_role: str
    sro_name: str | None
    achieved: tuple[ClosureLine, ...]
    outstanding: tuple[ClosureLine, ...]


@dataclass(frozen=True)
class ClosureReport:
    programme: str
    name_en: str
    closed: str | None
    on: str | None
    workstreams: tuple[WorkstreamClosure, ...]

    @property
    def achieved(self) -> list[ClosureLine]:
        return [line for w in self.workstreams for line in w.achieved]

    @property
    def outstanding(self) -> list[ClosureLine]:
        return [line for w in self.workstreams for line in w.outstanding]

    @property
    def governors(self) -> Counter[str]:
        """How many outstanding objectives each board governs."""
        return Counter(line.governed_by for line in self.outstanding)

    def as_dict(self) -> dict[str, Any]:
        out = asdict(self)
        out["totals"] = {
            "achieved": len(self.achieved),
            "outstanding": len(self.outstanding),
            "governed_by": dict(sorted(self.governors.items())),
        }
        return out


def closure_report(programme: Programme, on: str | None = None) -> ClosureReport:
    """Achieved and outstanding objectives per work-stream, and who governs each.

    ``on`` (a partial ISO date) takes governance as it stood that day: hand-overs
    agreed later are not yet counted. Objectives whose progress is *closed* (stopped
    without being achieved) are neither achieved nor outstanding and are left out.
    """
    streams = []
    for w in programme.workstreams:
        achieved, outstanding = [], []
        for o in programme.objectives_of(w.code):
            progress = o.current_progress
            handed = [
                h.code
                for h in programme.handovers_of(o.code)
                if h.agreed is not None and (on is None or h.agreed <= on)
            ]
            line = ClosureLine(
                o.code,
                w.code,
                o.text,
                progress,
                o.owner,
                programme.governor(o.code, on),
                o.governance_note,
                handed[-1] if handed else None,
                o.due,
                o.sources,
            )
            if progress is Progress.ACHIEVED:
                achieved.append(line)
            elif not progress.finished:
                outstanding.append(line)
        streams.append(
            WorkstreamClosure(
                w.code, w.title_en, w.sro.role, w.sro.name, tuple(achieved), tuple(outstanding)
            )
        )
    return ClosureReport(programme.code, programme.name_en, programme.closed, on, tuple(streams))


def closure_markdown(report: ClosureReport, board_names: dict[str, str] | None = None) -> str:
    """The report as Markdown: per work-stream, achieved, then outstanding with governor."""
    names = board_names or {}
    lines = [f"# {report.name_en}: closure report", ""]
    if report.closed:
        lines += [f"Closed {report.closed}.", ""]
    lines += [
        f"{len(report.achieved)} objectives achieved; {len(report.outstanding)} outstanding.",
        "",
    ]
    for w in report.workstreams:
        sro = f"{w.sro_name}, {w.sro_role}" if w.sro_name else w.sro_role
        lines += [f"## {w.title_en}", "", f"SRO: {sro}", ""]
        if w.achieved:
            lines += ["Achieved:", "", *[f"- {line.text}" for line in w.achieved], ""]
        if w.outstanding:
            lines += ["Outstanding:", ""]
            for line in w.outstanding:
                board = names.get(line.governed_by, line.governed_by)
                note = f" {line.governance_note}" if line.governance_note else ""
                lines.append(f"- {line.text} (governed by {board}.{note})")
            lines.append("")
    return "\n".join(lines)
