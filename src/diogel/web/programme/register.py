"""The tracker as the core sees it, so the closure report is the core's, run on what
owners have recorded on the site."""

from __future__ import annotations

from typing import Any

from diogel.landscape.model import Document, Source
from diogel.programme import model as core
from diogel.programme.vocab import Progress, Rag
from diogel.web.programme.models import (
    Action,
    Handover,
    Objective,
    Programme,
    Recommendation,
    RecommendationSet,
    Update,
)


def _sources(entries: list[dict[str, Any]]) -> tuple[Source, ...]:
    return tuple(
        Source(
            str(e.get("document", "")),
            str(e.get("quote", "")),
            str(e.get("section", "")),
            e.get("date"),
        )
        for e in entries
    )


def _documents(*groups: list[dict[str, Any]]) -> tuple[Document, ...]:
    seen: dict[str, Document] = {}
    for entries in groups:
        for e in entries:
            seen.setdefault(e["document"], Document(e["document"], e.get("title", ""), None))
    return tuple(seen.values())


def _sro(holder: Any) -> core.Sro:
    return core.Sro(
        role=holder.sro_role,
        organisation=holder.sro_organisation or None,
        name=holder.sro_name or None,
        as_of=holder.sro_as_of or None,
        person=holder.sro_person.code if holder.sro_person else None,
        seat=holder.sro_seat or None,
    )


def _updates(updates: list[Update]) -> tuple[core.Update, ...]:
    """In the order they were recorded within a date (``Update``'s ordering: date, then
    pk), which the core takes as the later superseding the earlier."""
    return tuple(
        core.Update(
            u.date,
            u.text,
            Progress(u.progress) if u.progress else None,
            Rag(u.rag) if u.rag else None,
            u.by or None,
            _sources(u.sources),
        )
        for u in updates
    )


def _action(a: Action) -> core.Action:
    return core.Action(
        code=a.code,
        text=a.text,
        owner=a.owner or None,
        progress=Progress(a.progress),
        sources=_sources(a.sources),
        due=a.due or None,
        rag=Rag(a.rag) if a.rag else None,
        depends_on=tuple(d.code for d in a.depends_on.all()),
        updates=_updates(list(a.updates.all())),
    )


def _objective(o: Objective) -> core.Objective:
    return core.Objective(
        code=o.code,
        workstream=o.workstream.code,
        text=o.text,
        owner=o.owner or None,
        progress=Progress(o.progress),
        sources=_sources(o.sources),
        due=o.due or None,
        rag=Rag(o.rag) if o.rag else None,
        depends_on=tuple(d.code for d in o.depends_on.all()),
        recommendations=tuple(r.code for r in o.recommendations.all()),
        governed_by=o.governed_by.code if o.governed_by else None,
        governance_note=o.governance_note,
        actions=tuple(_action(a) for a in o.actions.all()),
        updates=_updates(list(o.updates.all())),
    )


def programme_from_register(programme: Programme | None = None) -> core.Programme:
    """The programme (default: the only one) as it stands in the database."""
    programme = programme or Programme.objects.select_related("board", "sro_person").get()
    objectives = (
        Objective.objects.filter(workstream__programme=programme)
        .select_related("workstream", "governed_by")
        .prefetch_related(
            "depends_on",
            "recommendations",
            "updates",
            "actions__depends_on",
            "actions__updates",
        )
    )
    return core.Programme(
        code=programme.code,
        name_en=programme.name_en,
        name_cy=programme.name_cy or None,
        board=programme.board.code,
        sro=_sro(programme),
        start=programme.start or None,
        closed=programme.closed or None,
        sources=_sources(programme.sources),
        documents=_documents(programme.sources),
        vision=tuple(
            core.VisionStatement(v.number, v.text, _sources(v.sources))
            for v in programme.vision.all()
        ),
        principles=tuple(
            core.Principle(p.code, p.number, p.title_en, p.title_cy or None, _sources(p.sources))
            for p in programme.principles.all()
        ),
        recommendation_sets=tuple(
            core.RecommendationSet(
                s.code, s.title, s.issued_by, s.date or None, _sources(s.sources)
            )
            for s in RecommendationSet.objects.all()
        ),
        recommendations=tuple(
            core.Recommendation(
                r.code,
                r.set.code,
                r.label,
                r.number,
                r.text,
                tuple(r.owners),
                _sources(r.sources),
                tuple(r.principles),
            )
            for r in Recommendation.objects.select_related("set")
        ),
        workstreams=tuple(
            core.Workstream(
                w.code,
                w.number,
                w.principle.code,
                w.title_en,
                w.title_cy or None,
                _sro(w),
                _sources(w.sources),
            )
            for w in programme.workstreams.select_related("principle", "sro_person")
        ),
        objectives=tuple(_objective(o) for o in objectives),
        handovers=tuple(
            core.Handover(
                code=h.code,
                from_board=h.from_board.code,
                to_board=h.to_board.code,
                requested=h.requested or None,
                letter_reference=h.letter_reference,
                objectives=tuple(o.code for o in h.objectives.all()),
                sources=_sources(h.sources),
                agreed=h.agreed or None,
                response_reference=h.response_reference or None,
                note=h.note,
            )
            for h in Handover.objects.select_related("from_board", "to_board").prefetch_related(
                "objectives"
            )
        ),
    )
