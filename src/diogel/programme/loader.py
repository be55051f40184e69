"""Read and validate a programme file (TOML).

The shipped file, ``data/wales_programme.toml``, transcribes the Safer Communities
Programme from the seed documents; a user points ``DIOGEL_PROGRAMME_FILE`` at their
own copy. Validation collects every problem before failing, and each message names
the file, the entry and the field. Given a :class:`~diogel.landscape.Landscape`, the
boards, organisations, people and seats the programme names are checked against it.

Examples
--------
>>> text = '''
... [[document]]
... file = "002_closure.txt"
... title = "Closure report"
... [programme]
... code = "p"
... name_en = "Programme"
... board = "board"
... sro = { role = "Director" }
... source = { document = "002", quote = "The Programme" }
... [[objective]]
... code = "network"
... workstream = "skills"
... text = "Establish the network"
... progress = "outstanding"
... source = { document = "002", quote = "Establish the network" }
... '''
>>> try:
...     parse_programme(tomllib.loads(text), "example.toml")
... except ProgrammeError as exc:
...     print(exc)
example.toml: 1 problem
  objective 'network', field 'workstream': no work-stream 'skills'
"""

from __future__ import annotations

import tomllib
from collections.abc import Callable, Mapping
from importlib import resources
from pathlib import Path
from typing import Any

from diogel.landscape.fields import FieldReader
from diogel.landscape.loader import escalation_cycles
from diogel.landscape.model import Landscape
from diogel.programme.model import (
    Action,
    Handover,
    Objective,
    Principle,
    Programme,
    Recommendation,
    RecommendationSet,
    Sro,
    Update,
    VisionStatement,
    Workstream,
)
from diogel.programme.vocab import Progress, Rag


class ProgrammeError(ValueError):
    """A programme file that cannot be used; ``problems`` lists every message."""

    def __init__(self, where: str, problems: list[str]) -> None:
        self.where = where
        self.problems = problems
        noun = "problem" if len(problems) == 1 else "problems"
        super().__init__(
            f"{where}: {len(problems)} {noun}\n" + "\n".join(f"  {p}" for p in problems)
        )


def default_programme_path() -> Path:
    """The shipped Safer Communities Programme."""
    return Path(str(resources.files("diogel.programme") / "data" / "wales_programme.toml"))


def load_programme(path: Path | None = None, landscape: Landscape | None = None) -> Programme:
    """Read and validate ``path`` (default: the shipped Welsh programme).

    Raises
    ------
    ProgrammeError
        Listing every problem found, each naming the entry and the field.
    """
    path = path or default_programme_path()
    try:
        document = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise ProgrammeError(str(path), ["file not found"]) from exc
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ProgrammeError(str(path), [f"not valid TOML ({exc})"]) from exc
    return parse_programme(document, str(path), landscape)


_TOPS = {"document", "programme", "vision", "principle", "recommendation_set",
         "recommendation", "workstream", "objective", "handover"}  # fmt: skip
_SRO_KEYS = {"role", "organisation", "name", "as_of", "person", "seat"}
_CITE = {"source", "sources"}


class _Parser(FieldReader):
    def sro(self, raw: Mapping[str, Any], key: str, entry: str) -> Sro:
        table = self.table(raw, key, entry)
        if table is None:
            if key not in raw:
                self.problem(entry, key, "missing (a table with at least a role)")
            return Sro("")
        where = f"{entry} {key}"
        self.unknown_keys(table, _SRO_KEYS, where)
        name = self.optional_text(table, "name", where)
        as_of = self.date(table, "as_of", where)
        if name and not as_of:
            # Names are held only as a document gives them, so each is dated to it.
            self.problem(where, "as_of", "missing: date a named person to the document")
        return Sro(
            self.text(table, "role", where),
            self.optional_text(table, "organisation", where),
            name,
            as_of,
            self.optional_text(table, "person", where),
            self.optional_text(table, "seat", where),
        )

    def programme(self, raw: Mapping[str, Any]) -> dict[str, Any]:
        entry = "programme"
        keys = {"code", "name_en", "name_cy", "board", "sro", "start", "closed", *_CITE}
        self.unknown_keys(raw, keys, entry)
        code, _ = self.code(raw, "programme", 1)
        start, closed = self.date(raw, "start", entry), self.date(raw, "closed", entry)
        if start and closed and closed < start:
            self.problem(entry, "closed", f"{closed} is before start {start}")
        return {
            "code": code,
            "name_en": self.text(raw, "name_en", entry),
            "name_cy": self.optional_text(raw, "name_cy", entry),
            "board": self.text(raw, "board", entry),
            "sro": self.sro(raw, "sro", entry),
            "start": start,
            "closed": closed,
            "sources": self.sources(raw, entry),
        }

    def vision(self, raw: Mapping[str, Any], number: int) -> VisionStatement:
        entry = f"vision {number}"
        self.unknown_keys(raw, {"number", "text", *_CITE}, entry)
        return VisionStatement(
            self.integer(raw, "number", entry) or number,
            self.text(raw, "text", entry),
            self.sources(raw, entry),
        )

    def principle(self, raw: Mapping[str, Any], number: int) -> Principle:
        code, entry = self.code(raw, "principle", number)
        self.unknown_keys(raw, {"code", "number", "title_en", "title_cy", *_CITE}, entry)
        return Principle(
            code,
            self.integer(raw, "number", entry) or number,
            self.text(raw, "title_en", entry),
            self.optional_text(raw, "title_cy", entry),
            self.sources(raw, entry),
        )

    def recommendation_set(self, raw: Mapping[str, Any], number: int) -> RecommendationSet:
        code, entry = self.code(raw, "recommendation set", number)
        self.unknown_keys(raw, {"code", "title", "issued_by", "date", *_CITE}, entry)
        return RecommendationSet(
            code,
            self.text(raw, "title", entry),
            self.text(raw, "issued_by", entry),
            self.date(raw, "date", entry),
            self.sources(raw, entry),
        )

    def recommendation(self, raw: Mapping[str, Any], number: int) -> Recommendation:
        code, entry = self.code(raw, "recommendation", number)
        keys = {"code", "set", "label", "number", "text", "owners", "principles", *_CITE}
        self.unknown_keys(raw, keys, entry)
        if "owners" not in raw:
            self.problem(entry, "owners", "missing (use [] when the document names none)")
        return Recommendation(
            code,
            self.text(raw, "set", entry),
            self.text(raw, "label", entry),
            self.integer(raw, "number", entry) or 0,
            self.text(raw, "text", entry),
            self.str_list(raw, "owners", entry),
            self.sources(raw, entry),
            self.str_list(raw, "principles", entry),
        )

    def workstream(self, raw: Mapping[str, Any], number: int) -> Workstream:
        code, entry = self.code(raw, "work-stream", number)
        keys = {"code", "number", "principle", "title_en", "title_cy", "sro", *_CITE}
        self.unknown_keys(raw, keys, entry)
        return Workstream(
            code,
            self.integer(raw, "number", entry) or number,
            self.text(raw, "principle", entry),
            self.text(raw, "title_en", entry),
            self.optional_text(raw, "title_cy", entry),
            self.sro(raw, "sro", entry),
            self.sources(raw, entry),
        )

    def update(self, raw: Mapping[str, Any], entry: str) -> Update:
        self.unknown_keys(raw, {"date", "text", "progress", "rag", "by", *_CITE}, entry)
        date = self.date(raw, "date", entry)
        if date is None and "date" not in raw:
            self.problem(entry, "date", "missing (every update is dated)")
        return Update(
            date or "",
            self.text(raw, "text", entry),
            self.optional_enum(Progress, raw, "progress", entry, "progress"),
            self.optional_enum(Rag, raw, "rag", entry, "RAG status"),
            self.optional_text(raw, "by", entry),
            self.sources(raw, entry),
        )

    def updates(self, raw: Mapping[str, Any], entry: str) -> tuple[Update, ...]:
        return tuple(
            self.update(u, f"{entry} update {i}")
            for i, u in enumerate(self.table_list(raw, "update", entry), 1)
        )

    def progress(self, raw: Mapping[str, Any], entry: str) -> Progress:
        if "progress" not in raw:
            self.problem(entry, "progress", "missing")
            return Progress.NOT_STARTED
        found = self.enum(Progress, raw["progress"], entry, "progress", "progress")
        return found or Progress.NOT_STARTED

    def action(self, raw: Mapping[str, Any], number: int, parent: str) -> Action:
        code, entry = self.code(raw, "action", number)
        entry = f"{parent} {entry}"
        keys = {"code", "text", "owner", "due", "progress", "rag", "depends_on", "update", *_CITE}
        self.unknown_keys(raw, keys, entry)
        return Action(
            code,
            self.text(raw, "text", entry),
            self.optional_text(raw, "owner", entry),
            self.progress(raw, entry),
            self.sources(raw, entry),
            self.date(raw, "due", entry),
            self.optional_enum(Rag, raw, "rag", entry, "RAG status"),
            self.str_list(raw, "depends_on", entry),
            self.updates(raw, entry),
        )

    def objective(self, raw: Mapping[str, Any], number: int) -> Objective:
        code, entry = self.code(raw, "objective", number)
        self.unknown_keys(raw, _OBJECTIVE_KEYS, entry)
        return Objective(
            code=code,
            workstream=self.text(raw, "workstream", entry),
            text=self.text(raw, "text", entry),
            owner=self.optional_text(raw, "owner", entry),
            progress=self.progress(raw, entry),
            sources=self.sources(raw, entry),
            due=self.date(raw, "due", entry),
            rag=self.optional_enum(Rag, raw, "rag", entry, "RAG status"),
            depends_on=self.str_list(raw, "depends_on", entry),
            recommendations=self.str_list(raw, "recommendations", entry),
            governed_by=self.optional_text(raw, "governed_by", entry),
            governance_note=self.text(raw, "governance_note", entry, required=False),
            actions=tuple(
                self.action(a, i, entry)
                for i, a in enumerate(self.table_list(raw, "action", entry), 1)
            ),
            updates=self.updates(raw, entry),
        )

    def handover(self, raw: Mapping[str, Any], number: int) -> Handover:
        code, entry = self.code(raw, "handover", number)
        self.unknown_keys(raw, _HANDOVER_KEYS, entry)
        requested, agreed = self.date(raw, "requested", entry), self.date(raw, "agreed", entry)
        if requested and agreed and agreed < requested:
            self.problem(entry, "agreed", f"{agreed} is before the request of {requested}")
        objectives = self.str_list(raw, "objectives", entry)
        if "objectives" in raw and not objectives:
            self.problem(entry, "objectives", "at least one objective")
        elif "objectives" not in raw:
            self.problem(entry, "objectives", "missing")
        return Handover(
            code,
            self.text(raw, "from_board", entry),
            self.text(raw, "to_board", entry),
            requested,
            self.text(raw, "letter_reference", entry),
            objectives,
            self.sources(raw, entry),
            agreed,
            self.optional_text(raw, "response_reference", entry),
            self.text(raw, "note", entry, required=False),
        )


_OBJECTIVE_KEYS = {
    "code", "workstream", "text", "owner", "progress", "due", "rag", "depends_on",
    "recommendations", "governed_by", "governance_note", "action", "update", *_CITE,
}  # fmt: skip
_HANDOVER_KEYS = {
    "code", "from_board", "to_board", "requested", "letter_reference", "objectives",
    "agreed", "response_reference", "note", *_CITE,
}  # fmt: skip


def parse_programme(
    document: Mapping[str, Any], where: str, landscape: Landscape | None = None
) -> Programme:
    """Validate a parsed TOML document and build the :class:`Programme`.

    Raises
    ------
    ProgrammeError
        Listing every problem found.
    """
    p = _Parser()
    p.top_level(document, _TOPS)
    p.declare_documents(p.table_list(document, "document", "top level"))
    head_raw = p.table(document, "programme", "top level")
    if head_raw is None:
        if "programme" not in document:
            p.problems.append("top level, field 'programme': missing ([programme] table)")
        head_raw = {}
    head = p.programme(head_raw) if head_raw or "programme" in document else None

    def each(key: str, build: Callable[[Mapping[str, Any], int], Any]) -> list[Any]:
        return [build(raw, i) for i, raw in enumerate(p.table_list(document, key, "top level"), 1)]

    vision: list[VisionStatement] = each("vision", p.vision)
    principles: list[Principle] = each("principle", p.principle)
    sets: list[RecommendationSet] = each("recommendation_set", p.recommendation_set)
    recommendations: list[Recommendation] = each("recommendation", p.recommendation)
    workstreams: list[Workstream] = each("workstream", p.workstream)
    objectives: list[Objective] = each("objective", p.objective)
    handovers: list[Handover] = each("handover", p.handover)
    if head is None:
        head = {"code": "", "name_en": "", "name_cy": None, "board": "", "sro": Sro(""),
                "start": None, "closed": None, "sources": ()}  # fmt: skip
    programme = Programme(
        documents=tuple(p.documents.values()),
        vision=tuple(vision),
        principles=tuple(principles),
        recommendation_sets=tuple(sets),
        recommendations=tuple(recommendations),
        workstreams=tuple(workstreams),
        objectives=tuple(objectives),
        handovers=tuple(handovers),
        **head,
    )
    _check_references(p, programme, landscape)
    if p.problems:
        raise ProgrammeError(where, p.problems)
    return programme


def _check_references(p: _Parser, prog: Programme, landscape: Landscape | None) -> None:
    p.duplicates("principle", [x.code for x in prog.principles])
    p.duplicates("recommendation set", [x.code for x in prog.recommendation_sets])
    p.duplicates("recommendation", [x.code for x in prog.recommendations])
    p.duplicates("work-stream", [x.code for x in prog.workstreams])
    p.duplicates("objective", [x.code for x in prog.objectives])
    p.duplicates("handover", [x.code for x in prog.handovers])
    principles = {x.code for x in prog.principles}
    sets = {x.code for x in prog.recommendation_sets}
    recs = {x.code for x in prog.recommendations}
    streams = {x.code for x in prog.workstreams}
    objectives = {x.code for x in prog.objectives}
    seen_labels: set[tuple[str, str]] = set()
    for r in prog.recommendations:
        entry = f"recommendation {r.code!r}"
        if r.set and r.set not in sets:
            p.problem(entry, "set", f"no recommendation set {r.set!r}")
        if (r.set, r.label) in seen_labels and r.label:
            p.problem(entry, "label", f"{r.label!r} used twice in set {r.set!r}")
        seen_labels.add((r.set, r.label))
        for code in r.principles:
            if code not in principles:
                p.problem(entry, "principles", f"no principle {code!r}")
    for w in prog.workstreams:
        if w.principle and w.principle not in principles:
            p.problem(f"work-stream {w.code!r}", "principle", f"no principle {w.principle!r}")
    for o in prog.objectives:
        entry = f"objective {o.code!r}"
        if o.workstream and o.workstream not in streams:
            p.problem(entry, "workstream", f"no work-stream {o.workstream!r}")
        for code in o.recommendations:
            if code not in recs:
                p.problem(entry, "recommendations", f"no recommendation {code!r}")
        for code in o.depends_on:
            if code not in objectives:
                p.problem(entry, "depends_on", f"no objective {code!r}")
            elif code == o.code:
                p.problem(entry, "depends_on", "an objective cannot depend on itself")
        actions = {a.code for a in o.actions}
        p.duplicates(f"{entry} action", [a.code for a in o.actions])
        for a in o.actions:
            for code in a.depends_on:
                if code not in actions:
                    p.problem(f"{entry} action {a.code!r}", "depends_on", f"no action {code!r}")
        for cycle in escalation_cycles({a.code: list(a.depends_on) for a in o.actions}):
            p.problem(entry, "action", "cycle in dependencies: " + " → ".join(cycle))
    for cycle in escalation_cycles({o.code: list(o.depends_on) for o in prog.objectives}):
        p.problem(f"objective {cycle[0]!r}", "depends_on", "cycle: " + " → ".join(cycle))
    for h in prog.handovers:
        entry = f"handover {h.code!r}"
        for code in h.objectives:
            if code not in objectives:
                p.problem(entry, "objectives", f"no objective {code!r}")
        if h.from_board and h.from_board == h.to_board:
            p.problem(entry, "to_board", "hands over to the board it comes from")
    if landscape is not None:
        _check_landscape(p, prog, landscape)


def _check_landscape(p: _Parser, prog: Programme, landscape: Landscape) -> None:
    boards = {b.code: b for b in landscape.boards}
    orgs = {o.code for o in landscape.organisations}
    people = {x.code for x in landscape.people}

    def board(entry: str, field: str, code: str | None) -> None:
        if code and code not in boards:
            p.problem(entry, field, f"no board {code!r} in the landscape")

    def sro(entry: str, s: Sro) -> None:
        if s.organisation and s.organisation not in orgs:
            p.problem(entry, "sro.organisation", f"no organisation {s.organisation!r}")
        if s.person and s.person not in people:
            p.problem(entry, "sro.person", f"no person {s.person!r} in the landscape")
        home = boards.get(prog.board)
        if s.seat and home is not None and s.seat not in {x.code for x in home.seats}:
            p.problem(entry, "sro.seat", f"board {prog.board!r} has no seat {s.seat!r}")

    board("programme", "board", prog.board)
    sro("programme", prog.sro)
    for w in prog.workstreams:
        sro(f"work-stream {w.code!r}", w.sro)
    for o in prog.objectives:
        board(f"objective {o.code!r}", "governed_by", o.governed_by)
    for h in prog.handovers:
        board(f"handover {h.code!r}", "from_board", h.from_board)
        board(f"handover {h.code!r}", "to_board", h.to_board)
