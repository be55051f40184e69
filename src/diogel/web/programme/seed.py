"""Load the cited programme (``diogel.programme``) into the tracker, in place by codes.

The boards it names must be in the register first (``diogel seed wales-landscape``).
Seeding again updates what the file holds and keeps what owners recorded on the site:
their updates, and who may update what.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import transaction

from diogel.landscape import load_landscape
from diogel.landscape.model import Source
from diogel.programme import load_programme
from diogel.programme.model import Programme as CoreProgramme
from diogel.programme.model import Sro
from diogel.web.boards.models import Board, Person
from diogel.web.boards.seed import source_entries
from diogel.web.programme.models import (
    Action,
    Handover,
    Objective,
    Principle,
    Programme,
    Recommendation,
    RecommendationSet,
    Update,
    VisionStatement,
    Workstream,
)


class SeedError(Exception):
    """The programme names something the site's register does not hold."""


def _sources(sources: tuple[Source, ...], programme: CoreProgramme) -> list[dict[str, Any]]:
    return source_entries(sources, programme.documents)


def _sro(sro: Sro, people: dict[str, Person]) -> dict[str, Any]:
    return {
        "sro_role": sro.role,
        "sro_organisation": sro.organisation or "",
        "sro_name": sro.name or "",
        "sro_as_of": sro.as_of or "",
        "sro_person": people.get(sro.person or ""),
        "sro_seat": sro.seat or "",
    }


def _board(code: str, boards: dict[str, Board]) -> Board:
    try:
        return boards[code]
    except KeyError:
        raise SeedError(
            f"the programme names board {code!r}, which the register does not hold: "
            "run `diogel seed wales-landscape` first"
        ) from None


def seed_programme(path: Path | None = None) -> dict[str, int]:
    """Bring the tracker up to the programme at ``path`` (default: Wales), in one
    transaction; returns how many of each entry were loaded."""
    landscape = load_landscape(settings.DIOGEL.landscape_file, settings.DIOGEL.footprints_file)
    core = load_programme(path or settings.DIOGEL.programme_file, landscape)
    boards = {b.code: b for b in Board.objects.all()}
    people = {p.code: p for p in Person.objects.all()}
    with transaction.atomic():
        programme, _new = Programme.objects.update_or_create(
            code=core.code,
            defaults={
                "name_en": core.name_en,
                "name_cy": core.name_cy or "",
                "board": _board(core.board, boards),
                "start": core.start or "",
                "closed": core.closed or "",
                "sources": _sources(core.sources, core),
                **_sro(core.sro, people),
            },
        )
        for v in core.vision:
            VisionStatement.objects.update_or_create(
                programme=programme,
                number=v.number,
                defaults={"text": v.text, "sources": _sources(v.sources, core)},
            )
        principles = {}
        for p in core.principles:
            principles[p.code], _new = Principle.objects.update_or_create(
                programme=programme,
                code=p.code,
                defaults={
                    "number": p.number,
                    "title_en": p.title_en,
                    "title_cy": p.title_cy or "",
                    "sources": _sources(p.sources, core),
                },
            )
        sets = {}
        for order, s in enumerate(core.recommendation_sets):
            sets[s.code], _new = RecommendationSet.objects.update_or_create(
                code=s.code,
                defaults={
                    "title": s.title,
                    "issued_by": s.issued_by,
                    "date": s.date or "",
                    "sources": _sources(s.sources, core),
                    "order": order,
                },
            )
        recommendations = {}
        for r in core.recommendations:
            recommendations[r.code], _new = Recommendation.objects.update_or_create(
                code=r.code,
                defaults={
                    "set": sets[r.set],
                    "label": r.label,
                    "number": r.number,
                    "text": r.text,
                    "owners": list(r.owners),
                    "principles": list(r.principles),
                    "sources": _sources(r.sources, core),
                },
            )
        streams = {}
        for w in core.workstreams:
            streams[w.code], _new = Workstream.objects.update_or_create(
                code=w.code,
                defaults={
                    "programme": programme,
                    "number": w.number,
                    "principle": principles[w.principle],
                    "title_en": w.title_en,
                    "title_cy": w.title_cy or "",
                    "sources": _sources(w.sources, core),
                    **_sro(w.sro, people),
                },
            )
        objectives: dict[str, Objective] = {}
        actions = 0
        for order, o in enumerate(core.objectives):
            objective, _new = Objective.objects.update_or_create(
                code=o.code,
                defaults={
                    "workstream": streams[o.workstream],
                    "text": o.text,
                    "owner": o.owner or "",
                    "due": o.due or "",
                    "progress": o.progress.value,
                    "rag": o.rag.value if o.rag else "",
                    "governed_by": _board(o.governed_by, boards) if o.governed_by else None,
                    "governance_note": o.governance_note,
                    "sources": _sources(o.sources, core),
                    "order": order,
                },
            )
            objectives[o.code] = objective
            objective.recommendations.set([recommendations[c] for c in o.recommendations])
            objective.updates.filter(seeded=True).delete()  # the file's: replace
            for u in o.updates:
                Update.objects.create(
                    objective=objective,
                    date=u.date,
                    text=u.text,
                    progress=u.progress.value if u.progress else "",
                    rag=u.rag.value if u.rag else "",
                    by=u.by or "",
                    seeded=True,
                    sources=_sources(u.sources, core),
                )
            by_code = {}
            for a_order, a in enumerate(o.actions):
                action, _new = Action.objects.update_or_create(
                    objective=objective,
                    code=a.code,
                    defaults={
                        "text": a.text,
                        "owner": a.owner or "",
                        "due": a.due or "",
                        "progress": a.progress.value,
                        "rag": a.rag.value if a.rag else "",
                        "sources": _sources(a.sources, core),
                        "order": a_order,
                    },
                )
                by_code[a.code] = action
                actions += 1
                action.updates.filter(seeded=True).delete()
                for u in a.updates:
                    Update.objects.create(
                        action=action,
                        date=u.date,
                        text=u.text,
                        progress=u.progress.value if u.progress else "",
                        rag=u.rag.value if u.rag else "",
                        by=u.by or "",
                        seeded=True,
                        sources=_sources(u.sources, core),
                    )
            for a in o.actions:
                by_code[a.code].depends_on.set([by_code[c] for c in a.depends_on if c in by_code])
        for o in core.objectives:
            objectives[o.code].depends_on.set([objectives[c] for c in o.depends_on])
        for h in core.handovers:
            handover, _new = Handover.objects.update_or_create(
                code=h.code,
                defaults={
                    "from_board": _board(h.from_board, boards),
                    "to_board": _board(h.to_board, boards),
                    "requested": h.requested or "",
                    "agreed": h.agreed or "",
                    "letter_reference": h.letter_reference,
                    "response_reference": h.response_reference or "",
                    "note": h.note,
                    "sources": _sources(h.sources, core),
                },
            )
            handover.objectives.set([objectives[c] for c in h.objectives])
    return {
        "recommendations": len(core.recommendations),
        "work-streams": len(core.workstreams),
        "objectives": len(core.objectives),
        "actions": actions,
        "hand-overs": len(core.handovers),
    }


#: The work-stream whose objectives the demo's analyst keeps (evidence: data and analysis).
DEMO_KEPT_WORKSTREAM = "evidence"


def give_objectives_to(username: str, workstream: str = DEMO_KEPT_WORKSTREAM) -> int:
    """Let ``username`` record updates on a work-stream's objectives; returns how many."""
    from diogel.web.accounts.models import User

    user = User.objects.get(username=username)
    objectives = list(Objective.objects.filter(workstream__code=workstream))
    for objective in objectives:
        objective.keepers.add(user)
    return len(objectives)
