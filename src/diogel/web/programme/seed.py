"""Load the cited programme (``diogel.programme``) into the tracker, in place by codes.

The boards it names must be in the register first (``diogel seed wales-landscape``).
Seeding again adds what the file has and the tracker lacks, updates only what nobody
changed on the site since, and deletes nothing: owners' updates, who may update what,
and entries the file no longer has all stay (:mod:`diogel.web.core.seeding`).
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
from diogel.programme.model import Update as CoreUpdate
from diogel.web.boards.models import Board, Person
from diogel.web.boards.seed import source_entries
from diogel.web.core.seeding import Seeding, SeedReport, present
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


def seed_programme(path: Path | None = None) -> SeedReport:
    """Bring the tracker up to the programme at ``path`` (default: Wales), in one
    transaction.

    Additive (:mod:`diogel.web.core.seeding`): it creates what the file has and the
    tracker lacks, updates only the fields nobody changed on the site since the last
    seeding, and deletes nothing, so the updates owners recorded, who may update what,
    and any entry the file no longer has stay as they are.
    """
    landscape = load_landscape(settings.DIOGEL.landscape_file, settings.DIOGEL.footprints_file)
    core = load_programme(path or settings.DIOGEL.programme_file, landscape)
    boards = {b.code: b for b in Board.objects.all()}
    people = {p.code: p for p in Person.objects.all()}
    with transaction.atomic():
        seeding = Seeding("wales-programme")
        programme = seeding.sync(
            Programme,
            core.code,
            {
                "name_en": core.name_en,
                "name_cy": core.name_cy or "",
                "board": _board(core.board, boards),
                "start": core.start or "",
                "closed": core.closed or "",
                "sources": _sources(core.sources, core),
                **_sro(core.sro, people),
            },
            find={"code": core.code},
        )
        if programme is None:  # removed on the site, and all that hung from it
            return seeding.finish()
        for v in core.vision:
            seeding.sync(
                VisionStatement,
                f"{core.code}/{v.number}",
                {"text": v.text, "sources": _sources(v.sources, core)},
                find={"programme": programme, "number": v.number},
            )
        principles: dict[str, Principle] = {}
        for p in core.principles:
            principle = seeding.sync(
                Principle,
                f"{core.code}/{p.code}",
                {
                    "number": p.number,
                    "title_en": p.title_en,
                    "title_cy": p.title_cy or "",
                    "sources": _sources(p.sources, core),
                },
                find={"programme": programme, "code": p.code},
            )
            if principle is not None:
                principles[p.code] = principle
        sets: dict[str, RecommendationSet] = {}
        for order, s in enumerate(core.recommendation_sets):
            found_set = seeding.sync(
                RecommendationSet,
                s.code,
                {
                    "title": s.title,
                    "issued_by": s.issued_by,
                    "date": s.date or "",
                    "sources": _sources(s.sources, core),
                    "order": order,
                },
                find={"code": s.code},
            )
            if found_set is not None:
                sets[s.code] = found_set
        recommendations: dict[str, Recommendation] = {}
        for r in core.recommendations:
            if r.set not in sets:
                continue  # its set was removed on the site, and the set's recommendations
            recommendation = seeding.sync(
                Recommendation,
                r.code,
                {
                    "set": sets[r.set],
                    "label": r.label,
                    "number": r.number,
                    "text": r.text,
                    "owners": list(r.owners),
                    "principles": list(r.principles),
                    "sources": _sources(r.sources, core),
                },
                find={"code": r.code},
            )
            if recommendation is not None:
                recommendations[r.code] = recommendation
        streams: dict[str, Workstream] = {}
        for w in core.workstreams:
            if w.principle not in principles:
                continue
            stream = seeding.sync(
                Workstream,
                w.code,
                {
                    "programme": programme,
                    "number": w.number,
                    "principle": principles[w.principle],
                    "title_en": w.title_en,
                    "title_cy": w.title_cy or "",
                    "sources": _sources(w.sources, core),
                    **_sro(w.sro, people),
                },
                find={"code": w.code},
            )
            if stream is not None:
                streams[w.code] = stream
        objectives: dict[str, Objective] = {}
        actions: dict[tuple[str, str], Action] = {}
        for order, o in enumerate(core.objectives):
            if o.workstream not in streams:
                continue
            objective = seeding.sync(
                Objective,
                o.code,
                {
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
                find={"code": o.code},
                links={"recommendations": present(recommendations, o.recommendations)},
            )
            if objective is None:
                continue
            objectives[o.code] = objective
            for n, u in enumerate(o.updates):
                _sync_update(seeding, core, f"{o.code}/{n}", u, objective=objective)
            for a_order, a in enumerate(o.actions):
                action = seeding.sync(
                    Action,
                    f"{o.code}/{a.code}",
                    {
                        "text": a.text,
                        "owner": a.owner or "",
                        "due": a.due or "",
                        "progress": a.progress.value,
                        "rag": a.rag.value if a.rag else "",
                        "sources": _sources(a.sources, core),
                        "order": a_order,
                    },
                    find={"objective": objective, "code": a.code},
                )
                if action is None:
                    continue
                actions[(o.code, a.code)] = action
                for n, u in enumerate(a.updates):
                    _sync_update(seeding, core, f"{o.code}/{a.code}/{n}", u, action=action)
        for o in core.objectives:
            if o.code not in objectives:
                continue
            seeding.sync(
                Objective,
                o.code,
                {},
                find={"code": o.code},
                links={"depends_on": present(objectives, o.depends_on)},
            )
            for a in o.actions:
                if (o.code, a.code) in actions:
                    seeding.sync(
                        Action,
                        f"{o.code}/{a.code}",
                        {},
                        find={"objective": objectives[o.code], "code": a.code},
                        links={
                            "depends_on": [
                                actions[(o.code, c)] for c in a.depends_on if (o.code, c) in actions
                            ]
                        },
                    )
        for h in core.handovers:
            seeding.sync(
                Handover,
                h.code,
                {
                    "from_board": _board(h.from_board, boards),
                    "to_board": _board(h.to_board, boards),
                    "requested": h.requested or "",
                    "agreed": h.agreed or "",
                    "letter_reference": h.letter_reference,
                    "response_reference": h.response_reference or "",
                    "note": h.note,
                    "sources": _sources(h.sources, core),
                },
                find={"code": h.code},
                links={"objectives": present(objectives, h.objectives)},
            )
        return seeding.finish()


def _sync_update(
    seeding: Seeding,
    core: CoreProgramme,
    key: str,
    update: CoreUpdate,
    *,
    objective: Objective | None = None,
    action: Action | None = None,
) -> None:
    """One of the file's updates on an objective or an action (``key``: its place)."""
    seeding.sync(
        Update,
        key,
        {
            "date": update.date,
            "text": update.text,
            "progress": update.progress.value if update.progress else "",
            "rag": update.rag.value if update.rag else "",
            "by": update.by or "",
            "sources": _sources(update.sources, core),
        },
        # Updates have no code: the file's (seeded) update of that date on the entry.
        find={"objective": objective, "action": action, "date": update.date, "seeded": True},
        create={"seeded": True},
    )


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
