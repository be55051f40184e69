"""Load the performance framework (``diogel.performance``) into the site's measures."""

from __future__ import annotations

from dataclasses import asdict
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import transaction

from diogel.performance import Framework, load_framework
from diogel.performance.model import Source
from diogel.programme import load_programme
from diogel.web.core.seeding import Seeding, SeedReport
from diogel.web.performance.models import Measure, MeasureValue, to_decimal


def _sources(sources: tuple[Source, ...], framework: Framework) -> list[dict[str, Any]]:
    out = []
    for source in sources:
        entry = asdict(source)
        entry["title"] = next(
            (d.title for d in framework.documents if d.file.startswith(source.document)),
            source.document,
        )
        out.append(entry)
    return out


def seed_measures(path: Path | None = None) -> SeedReport:
    """Bring the measures up to the framework at ``path`` (default: the site's).

    Additive (:mod:`diogel.web.core.seeding`): it creates the measures and values the
    file has and the site lacks, updates only the fields nobody changed on the site
    since the last seeding, and deletes nothing, so the measures' keepers and every
    value entered or computed on the site stay as they are (a value someone entered
    for the area and period of one of the file's is theirs). All in one transaction:
    a file that fails validation (it is checked against the programme) changes nothing.
    """
    programme = load_programme(settings.DIOGEL.programme_file)
    framework = load_framework(path or settings.DIOGEL.measures_file, programme)
    with transaction.atomic():
        seeding = Seeding("measures")
        measures: dict[str, Measure] = {}
        for order, m in enumerate(framework.measures):
            target = None
            if m.target is not None:
                target = {
                    "basis": m.target.basis,
                    "value": m.target.value,
                    "change": m.target.change,
                    "baseline": m.target.baseline,
                    "tolerance": m.target.tolerance,
                    "sources": _sources(m.target.sources, framework),
                }
            hub = None
            if m.hub is not None:
                hub = {
                    "statistic": m.hub.statistic.value,
                    "source": m.hub.source,
                    "category": m.hub.category,
                    "level": m.hub.level.value,
                }
            measure = seeding.sync(
                Measure,
                m.code,
                dict(
                    name_en=m.name_en,
                    name_cy=m.name_cy or "",
                    level=m.level.value,
                    measure_type=m.type.value,
                    unit=m.unit,
                    polarity=m.polarity.value,
                    frequency=m.frequency.value,
                    method=m.method.value,
                    definition=m.definition,
                    hub=hub,
                    owner=m.owner or "",
                    target=target,
                    public=m.public,
                    objectives=list(m.objectives),
                    recommendations=list(m.recommendations),
                    sources=_sources(m.sources, framework),
                    order=order,
                ),
                find={"code": m.code},
            )
            if measure is not None:
                measures[m.code] = measure
        for v in framework.values:
            if v.measure not in measures:
                continue  # the measure was removed on the site, with its values
            measure = measures[v.measure]
            seeding.sync(
                MeasureValue,
                f"{v.measure}/{v.area}/{v.period}",
                dict(
                    value=to_decimal(v.value),
                    has_data=True,
                    suppressed=False,
                    method=framework.measure(v.measure).method.value,
                    entered_by=None,
                    entered_by_name=v.entered_by,
                    note=v.note,
                    sources=_sources(v.sources, framework),
                ),
                find={"measure": measure, "area": v.area, "period": v.period},
            )
        return seeding.finish()


#: The demo's named owners: the analyst at the Gwent OPCC keeps the Commissioner's
#: funding of Safer Gwent; the partner member keeps the CSP leads' training.
DEMO_KEEPERS = {
    "demo-analyst": ("pcc-funding-safer-gwent",),
    "demo-partner": ("csp-leads-trained",),
}


def give_demo_measures() -> int:
    """Make the demo accounts the keepers of :data:`DEMO_KEEPERS`; returns how many."""
    from diogel.web.accounts.models import User

    given = 0
    for username, codes in DEMO_KEEPERS.items():
        user = User.objects.filter(username=username).first()
        if user is None:
            continue
        for measure in Measure.objects.filter(code__in=codes):
            measure.keepers.add(user)
            given += 1
    return given
