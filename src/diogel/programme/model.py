"""The programme tracker's records: recommendations, work-streams, objectives, hand-overs.

Every record carries at least one :class:`~diogel.landscape.model.Source` (the seed
document and a short quotation or section), as the landscape's records do, so the
tracker can be checked against the documents. Dates are partial ISO dates
(``"2020"``, ``"2020-09"``, ``"2020-09-15"``), which sort correctly as text.

Boards are named by their codes in the landscape register
(:mod:`diogel.landscape`): the programme board hands objectives over to another
board there.

Examples
--------
>>> from dataclasses import replace
>>> src = (Source("002_x.txt", "Establish the Safer Communities Network"),)
>>> o = Objective("network", "skills", "Establish the network", None, Progress.OUTSTANDING, src)
>>> o.current_progress, o.current_rag
(<Progress.OUTSTANDING: 'outstanding'>, None)
>>> later = Update("2021-03", "Network hosted by the WLGA", Progress.ACHIEVED, None, None, src)
>>> replace(o, updates=(later,)).current_progress
<Progress.ACHIEVED: 'achieved'>
"""

from __future__ import annotations

from dataclasses import dataclass

from diogel.landscape.model import Document, Source
from diogel.programme.vocab import Progress, Rag

__all__ = [
    "Action",
    "Document",
    "Handover",
    "Objective",
    "Principle",
    "Programme",
    "Recommendation",
    "RecommendationSet",
    "Source",
    "Sro",
    "Update",
    "VisionStatement",
    "Workstream",
]


@dataclass(frozen=True)
class VisionStatement:
    """One numbered statement of the shared vision."""

    number: int
    text: str
    sources: tuple[Source, ...]


@dataclass(frozen=True)
class Principle:
    """One of the principles the vision is to be achieved by (each became a work-stream)."""

    code: str
    number: int
    title_en: str
    title_cy: str | None
    sources: tuple[Source, ...]


@dataclass(frozen=True)
class RecommendationSet:
    """A document's numbered recommendations (e.g. the Wales Audit Office's R1 to R7)."""

    code: str
    title: str
    issued_by: str
    date: str | None
    sources: tuple[Source, ...]


@dataclass(frozen=True)
class Recommendation:
    """A recommendation as its document gives it; ``owners`` as that document names them
    (roles or organisations), empty when it names none."""

    code: str
    set: str
    label: str
    number: int
    text: str
    owners: tuple[str, ...]
    sources: tuple[Source, ...]
    principles: tuple[str, ...] = ()


@dataclass(frozen=True)
class Sro:
    """A senior responsible owner: the role always; a name only as a document gives it,
    dated to that document. ``person`` and ``seat`` point into the landscape register."""

    role: str
    organisation: str | None = None
    name: str | None = None
    as_of: str | None = None
    person: str | None = None
    seat: str | None = None


@dataclass(frozen=True)
class Workstream:
    """A work-stream of the programme, led by a senior responsible owner."""

    code: str
    number: int
    principle: str
    title_en: str
    title_cy: str | None
    sro: Sro
    sources: tuple[Source, ...]


@dataclass(frozen=True)
class Update:
    """A dated progress note; its progress and RAG, when given, supersede earlier ones
    (of one date, the one recorded later supersedes: its place in ``updates``)."""

    date: str
    text: str
    progress: Progress | None
    rag: Rag | None
    by: str | None
    sources: tuple[Source, ...]


@dataclass(frozen=True)
class Action:
    """A step towards an objective, with an owner and a due date where known."""

    code: str
    text: str
    owner: str | None
    progress: Progress
    sources: tuple[Source, ...]
    due: str | None = None
    rag: Rag | None = None
    depends_on: tuple[str, ...] = ()
    updates: tuple[Update, ...] = ()

    @property
    def current_progress(self) -> Progress:
        return _latest_progress(self.updates) or self.progress

    @property
    def current_rag(self) -> Rag | None:
        return _latest_rag(self.updates) or self.rag


@dataclass(frozen=True)
class Objective:
    """What a work-stream set out to do; achieved or still outstanding at closure.

    ``governed_by`` is the board overseeing it before any hand-over (the programme
    board when left out); ``depends_on`` names other objectives.
    """

    code: str
    workstream: str
    text: str
    owner: str | None
    progress: Progress
    sources: tuple[Source, ...]
    due: str | None = None
    rag: Rag | None = None
    depends_on: tuple[str, ...] = ()
    recommendations: tuple[str, ...] = ()
    governed_by: str | None = None
    governance_note: str = ""
    actions: tuple[Action, ...] = ()
    updates: tuple[Update, ...] = ()

    @property
    def current_progress(self) -> Progress:
        """The latest update's progress, else the objective's own."""
        return _latest_progress(self.updates) or self.progress

    @property
    def current_rag(self) -> Rag | None:
        return _latest_rag(self.updates) or self.rag


def _latest_first(updates: tuple[Update, ...]) -> list[Update]:
    """Updates latest first: by date, and of updates of one date the one recorded last
    (later in ``updates``) first, so a later update supersedes an earlier one of the
    same day."""
    return list(reversed(sorted(updates, key=lambda u: u.date)))


def _latest_progress(updates: tuple[Update, ...]) -> Progress | None:
    for update in _latest_first(updates):
        if update.progress is not None:
            return update.progress
    return None


def _latest_rag(updates: tuple[Update, ...]) -> Rag | None:
    for update in _latest_first(updates):
        if update.rag is not None:
            return update.rag
    return None


@dataclass(frozen=True)
class Handover:
    """Governance of objectives passing from one board to another, by letter.

    ``requested`` is the letter's date and ``agreed`` the receiving board's decision
    (None while it has not agreed).
    """

    code: str
    from_board: str
    to_board: str
    requested: str | None
    letter_reference: str
    objectives: tuple[str, ...]
    sources: tuple[Source, ...]
    agreed: str | None = None
    response_reference: str | None = None
    note: str = ""


@dataclass(frozen=True)
class Programme:
    """The whole tracker, as :func:`diogel.programme.load_programme` validates it."""

    code: str
    name_en: str
    name_cy: str | None
    board: str
    sro: Sro
    start: str | None
    closed: str | None
    sources: tuple[Source, ...]
    documents: tuple[Document, ...]
    vision: tuple[VisionStatement, ...]
    principles: tuple[Principle, ...]
    recommendation_sets: tuple[RecommendationSet, ...]
    recommendations: tuple[Recommendation, ...]
    workstreams: tuple[Workstream, ...]
    objectives: tuple[Objective, ...]
    handovers: tuple[Handover, ...]

    def recommendation(self, code: str) -> Recommendation:
        for r in self.recommendations:
            if r.code == code:
                return r
        raise KeyError(f"no recommendation {code!r}")

    def recommendations_in(self, set_code: str) -> list[Recommendation]:
        return [r for r in self.recommendations if r.set == set_code]

    def workstream(self, code: str) -> Workstream:
        for w in self.workstreams:
            if w.code == code:
                return w
        raise KeyError(f"no work-stream {code!r}")

    def objective(self, code: str) -> Objective:
        for o in self.objectives:
            if o.code == code:
                return o
        raise KeyError(f"no objective {code!r}")

    def objectives_of(self, workstream: str) -> list[Objective]:
        return [o for o in self.objectives if o.workstream == workstream]

    def handovers_of(self, objective: str) -> list[Handover]:
        """Hand-overs naming ``objective``, earliest first."""
        found = [h for h in self.handovers if objective in h.objectives]
        return sorted(found, key=lambda h: h.agreed or h.requested or "")

    def governor(self, objective: str, on: str | None = None) -> str:
        """The board governing ``objective`` on the day ``on`` (default: now).

        The receiving board of the last hand-over agreed by then, else the board the
        objective names, else the programme board. A hand-over requested but not yet
        agreed leaves governance where it was.
        """
        board = self.objective(objective).governed_by or self.board
        for h in self.handovers_of(objective):
            if h.agreed is not None and (on is None or h.agreed <= on):
                board = h.to_board
        return board
