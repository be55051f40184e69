"""Repeat locations: the busiest places and how concentrated incidents are.

A place (a street or landmark police.uk snaps records to) is finer than any
publication level of a protected source, so places are published for open sources
only; ``diogel analyse repeat-locations``, reports and performance measures all ask
here.
"""

from __future__ import annotations

from diogel.analysis.places import concentration, top_places
from diogel.disclosure.rules import OPEN_SOURCES
from diogel.figures.answers import Answer
from diogel.figures.base import AREA_COLUMNS, incident_frame
from diogel.figures.query import FigureError
from diogel.geography import Area, Level
from diogel.warehouse import Warehouse


class Place(Answer):
    lsoa11: str
    place: str
    count: int


class Concentration(Answer):
    places: int
    incidents: int
    top_5pc_share: float
    top_10pc_share: float
    gini: float


class PlacesAnswer(Answer):
    source: str
    area: str | None
    category: str | None
    places: list[Place]
    concentration: Concentration | None


def repeat_places(
    warehouse: Warehouse,
    source: str,
    area: Area | None,
    category: str | None,
    first: str,
    last: str,
    limit: int = 20,
) -> PlacesAnswer:
    """The ``limit`` busiest located places of ``source`` in ``area`` (Wales when None)
    and the concentration of its located incidents (top 5% and 10% share, Gini).

    Raises
    ------
    FigureError
        For a protected source: its places would be below its publication level.
    """
    if source not in OPEN_SOURCES:
        raise FigureError(
            f"repeat locations are published for open sources only; {source} is published by area"
        )
    inside = area is not None and area.level is not Level.WALES
    column = AREA_COLUMNS.get(area.level) if inside and area is not None else None
    frame = incident_frame(
        warehouse,
        ["lsoa11", "location_text"],
        source,
        category,
        first,
        last,
        column,
        area.code if column and area is not None else None,
    )
    frame = frame.rename(columns={"location_text": "place"}).dropna(subset=["lsoa11"])
    if frame.empty:
        return PlacesAnswer(
            source=source,
            area=area.code if area else None,
            category=category,
            places=[],
            concentration=None,
        )
    top = top_places(frame, limit)
    summary = concentration(frame)
    return PlacesAnswer(
        source=source,
        area=area.code if area else None,
        category=category,
        places=[
            Place(lsoa11=str(lsoa), place=str(place), count=int(n))
            for lsoa, place, n in zip(top["lsoa11"], top["place"], top["count"], strict=True)
        ],
        concentration=Concentration(**summary.__dict__),
    )
