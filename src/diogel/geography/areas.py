"""The area hierarchy: every Welsh area from LSOA to Wales, with names, parents,
population and deprivation.

Everything is built from LSOA 2011 membership: an area's population is the sum
of its LSOAs' Census 2011 populations, its WIMD scores are population-weighted
means of its LSOAs' scores, and its parent at a level is the one area of that
level all its LSOAs belong to (when there is exactly one).
"""

from __future__ import annotations

import math
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from diogel.geography import names
from diogel.geography.footprints import Footprint, load_footprints
from diogel.geography.levels import LSOA11_PARENT_LEVELS, Level
from diogel.geography.reference import (
    LSOA11_COUNT,
    LSOA21_COUNT,
    WIMD_DOMAINS,
    GeographyFiles,
    ReferenceDataError,
    read_boundaries,
    read_lookup,
    read_population,
    read_wimd,
)

#: Nesting rank: an area can only have parents of a higher rank. Health boards,
#: police force areas and footprints are all groupings of local authorities, so
#: they share a rank and are related through the overlap report instead.
RANK: dict[Level, int] = {
    Level.LSOA11: 0,
    Level.LSOA21: 0,
    Level.MSOA11: 1,
    Level.LOCAL_AUTHORITY: 2,
    Level.HEALTH_BOARD: 3,
    Level.POLICE_FORCE_AREA: 3,
    Level.PSB: 3,
    Level.CSP: 3,
    Level.REGION: 3,
    Level.WALES: 4,
}

#: Levels every LSOA (2011) carries a parent code for, as columns of ``lsoa11``.
LSOA11_PARENTS = LSOA11_PARENT_LEVELS
LA_GROUP_LEVELS = (
    Level.HEALTH_BOARD,
    Level.POLICE_FORCE_AREA,
    Level.PSB,
    Level.CSP,
    Level.REGION,
)

#: WIMD's "most deprived 10%" is ranks 1 to 191 (10% of 1,909, rounded up).
MOST_DEPRIVED_10PC_RANK = math.ceil(LSOA11_COUNT * 0.10)


@dataclass(frozen=True)
class Area:
    """One area, as shown on an area page or returned by ``diogel areas``."""

    code: str
    level: Level
    name_en: str
    name_cy: str
    parents: dict[Level, str] = field(default_factory=dict)
    population: int | None = None
    households: int | None = None
    hectares: float | None = None
    lsoa_count: int | None = None
    wimd_score: float | None = None
    wimd_rank: int | None = None
    wimd_domains: dict[str, float] = field(default_factory=dict)
    most_deprived_10pc_share: float | None = None
    local_name: str | None = None

    def name(self, language: str) -> str:
        return self.name_cy if language == "cy" else self.name_en

    def as_dict(self) -> dict[str, object]:
        return {
            "code": self.code,
            "level": self.level.value,
            "name_en": self.name_en,
            "name_cy": self.name_cy,
            "parents": {level.value: code for level, code in self.parents.items()},
            "population": self.population,
            "households": self.households,
            "lsoa_count": self.lsoa_count,
            "wimd_score": self.wimd_score,
            "wimd_rank": self.wimd_rank,
            "most_deprived_10pc_share": self.most_deprived_10pc_share,
        }


def _fold(text: str) -> str:
    """Case- and accent-insensitive form for searching ("Ynys Mon" finds "Ynys Môn")."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c)).strip()


class AreaHierarchy:
    """All Welsh areas with their parents, population and deprivation.

    Build with :meth:`from_files`; the frames ``lsoa11``, ``lsoa21`` and ``areas``
    are the tables everything else reads.
    """

    def __init__(
        self, lsoa11: pd.DataFrame, lsoa21: pd.DataFrame, footprints: tuple[Footprint, ...]
    ) -> None:
        self.lsoa11 = lsoa11
        self.lsoa21 = lsoa21
        self.footprints = footprints
        self.areas = self._build_areas()
        # LSOA 2021 areas that did not change keep their 2011 code, so a code alone
        # is not unique: areas are keyed by (level, code).
        self._rows: dict[tuple[Level, str], Any] = {
            (Level(str(row.level)), str(row.code)): row
            for row in self.areas.itertuples(index=False)
        }
        self._levels_of: dict[str, list[Level]] = {}
        for level, code in self._rows:
            self._levels_of.setdefault(code, []).append(level)
        self._search_keys = [
            (Level(level), code, _fold(code), _fold(en), _fold(cy), _fold(local or ""))
            for level, code, en, cy, local in zip(
                self.areas["level"],
                self.areas["code"],
                self.areas["name_en"],
                self.areas["name_cy"],
                self.areas["local_name"],
                strict=True,
            )
        ]

    # ----- building -----------------------------------------------------------------
    @classmethod
    def from_files(
        cls, files: GeographyFiles, footprints_path: Path | None = None
    ) -> AreaHierarchy:
        lookup = read_lookup(files.lookup)
        population = read_population(files.population)
        wimd = read_wimd(files.wimd)
        b11 = read_boundaries(files.lsoa11_boundaries, "11", LSOA11_COUNT)
        b21 = read_boundaries(files.lsoa21_boundaries, "21", LSOA21_COUNT)
        footprints = load_footprints(footprints_path, names.LOCAL_AUTHORITIES)

        unknown_la = sorted(set(lookup["local_authority"]) - names.LOCAL_AUTHORITIES.keys())
        unknown_hb = sorted(set(lookup["health_board"]) - names.HEALTH_BOARDS.keys())
        if unknown_la or unknown_hb:
            raise ReferenceDataError(
                f"{files.lookup}: codes Diogel does not know: {', '.join(unknown_la + unknown_hb)}"
            )
        for other, path in ((population, files.population), (wimd, files.wimd)):
            mismatch = set(other["lsoa11"]) ^ set(lookup["lsoa11"])
            if mismatch:
                raise ReferenceDataError(
                    f"{path} and {files.lookup} list different LSOAs, e.g. {sorted(mismatch)[0]}"
                )
        if set(b11.codes) != set(lookup["lsoa11"]):
            raise ReferenceDataError(
                f"{files.lsoa11_boundaries} and {files.lookup} list different LSOAs"
            )

        lsoa11 = lookup.merge(population, on="lsoa11").merge(wimd, on="lsoa11")
        lsoa11 = lsoa11.rename(columns={"lsoa11": "code"})
        name_by_code = dict(zip(b11.codes, b11.names_en, strict=True))
        welsh_by_code = dict(zip(b11.codes, b11.names_cy, strict=True))
        lsoa11["name_en"] = lsoa11["code"].map(name_by_code)
        lsoa11["name_cy"] = [
            welsh_by_code[c] or _welsh_small_area_name(name_by_code[c], la)
            for c, la in zip(lsoa11["code"], lsoa11["local_authority"], strict=True)
        ]
        lsoa11["wimd_rank"] = lsoa11["wimd"].rank(ascending=False, method="min").astype("int64")
        _add_la_group_parents(lsoa11, footprints)
        lsoa11 = lsoa11.sort_values("code", ignore_index=True)

        lsoa21 = pd.DataFrame({"code": b21.codes, "name_en": b21.names_en})
        lsoa21["local_authority"] = [
            _la_from_small_area_name(n, path=files.lsoa21_boundaries) for n in lsoa21["name_en"]
        ]
        lsoa21["name_cy"] = [
            _welsh_small_area_name(n, la)
            for n, la in zip(lsoa21["name_en"], lsoa21["local_authority"], strict=True)
        ]
        la_hb = lsoa11.drop_duplicates("local_authority").set_index("local_authority")
        lsoa21["health_board"] = lsoa21["local_authority"].map(la_hb["health_board"])
        _add_la_group_parents(lsoa21, footprints)
        lsoa21 = lsoa21.sort_values("code", ignore_index=True)
        return cls(lsoa11, lsoa21, footprints)

    def _build_areas(self) -> pd.DataFrame:
        lsoa = self.lsoa11
        frames = []
        la_names = names.LOCAL_AUTHORITIES
        footprint_names = {f.code: (f.name_en, f.name_cy) for f in self.footprints}
        name_tables: dict[Level, dict[str, tuple[str, str]]] = {
            Level.LOCAL_AUTHORITY: la_names,
            Level.HEALTH_BOARD: names.HEALTH_BOARDS,
            Level.POLICE_FORCE_AREA: {
                c: (e, w) for c, (e, w, _) in names.POLICE_FORCE_AREAS.items()
            },
            Level.PSB: footprint_names,
            Level.CSP: footprint_names,
            Level.REGION: footprint_names,
            Level.WALES: {names.WALES_CODE: names.WALES_NAMES},
        }
        msoa_names = lsoa.drop_duplicates("msoa11").set_index("msoa11")
        name_tables[Level.MSOA11] = {
            str(code): (str(en), _welsh_small_area_name(str(en), str(la)))
            for code, en, la in zip(
                msoa_names.index,
                msoa_names["msoa11_name"],
                msoa_names["local_authority"],
                strict=True,
            )
        }
        # LSOAs themselves.
        base = lsoa.assign(level=Level.LSOA11.value, lsoa_count=1)
        base["most_deprived_10pc_share"] = (base["wimd_rank"] <= MOST_DEPRIVED_10PC_RANK).astype(
            float
        )
        for parent in LSOA11_PARENTS:
            base[f"parent_{parent.value}"] = base[parent.value]
        frames.append(base)
        # Every level built from LSOAs.
        for level in LSOA11_PARENTS:
            frames.append(self._aggregate(level, name_tables[level]))
        # LSOA 2021: names and parents only (Census 2011 figures do not apply).
        l21 = self.lsoa21.assign(level=Level.LSOA21.value, local_name=None)
        for parent in (Level.LOCAL_AUTHORITY, *LA_GROUP_LEVELS, Level.WALES):
            l21[f"parent_{parent.value}"] = l21[parent.value]
        frames.append(l21)
        areas = pd.concat(frames, ignore_index=True)
        keep = [
            "code",
            "level",
            "name_en",
            "name_cy",
            "local_name",
            "population",
            "households",
            "hectares",
            "lsoa_count",
            "wimd_rank",
            "most_deprived_10pc_share",
            *WIMD_DOMAINS.values(),
            *[c for c in areas.columns if c.startswith("parent_")],
        ]
        return areas[keep]

    def _aggregate(self, level: Level, names_for: dict[str, tuple[str, str]]) -> pd.DataFrame:
        lsoa = self.lsoa11
        weights = lsoa["population"]
        grouped = lsoa.assign(
            **{f"w_{d}": lsoa[d] * weights for d in WIMD_DOMAINS.values()},
            deprived=(lsoa["wimd_rank"] <= MOST_DEPRIVED_10PC_RANK).astype(int),
        ).groupby(level.value)
        out = grouped.agg(
            population=("population", "sum"),
            households=("households", "sum"),
            hectares=("hectares", "sum"),
            lsoa_count=("code", "size"),
            deprived=("deprived", "sum"),
            **{f"w_{d}": (f"w_{d}", "sum") for d in WIMD_DOMAINS.values()},
        )
        for d in WIMD_DOMAINS.values():
            out[d] = out.pop(f"w_{d}") / out["population"]
        out["most_deprived_10pc_share"] = out.pop("deprived") / out["lsoa_count"]
        out["wimd_rank"] = out["wimd"].rank(ascending=False, method="min").astype("int64")
        out = out.reset_index().rename(columns={level.value: "code"})
        missing = sorted(set(out["code"]) - names_for.keys())
        if missing:
            raise ReferenceDataError(f"no names known for {level.value} code(s) {missing}")
        out["name_en"] = out["code"].map(lambda c: names_for[c][0])
        out["name_cy"] = out["code"].map(lambda c: names_for[c][1])
        out["level"] = level.value
        out["local_name"] = None
        for parent in LSOA11_PARENTS:
            if RANK[parent] <= RANK[level]:
                continue
            distinct = lsoa.groupby(level.value)[parent.value].agg(["nunique", "first"])
            unique = distinct["nunique"] == 1
            out[f"parent_{parent.value}"] = out["code"].map(distinct["first"].where(unique))
        return out

    # ----- queries ------------------------------------------------------------------
    def area(self, code: str, level: Level | None = None) -> Area:
        """The area with this code (at ``level``, when given).

        A code shared by an LSOA 2011 and an unchanged LSOA 2021 means the 2011 area
        unless ``level`` says otherwise. Raises :class:`KeyError` when there is none.
        """
        levels = self._levels_of.get(code)
        if not levels or (level is not None and level not in levels):
            raise KeyError(code if level is None else f"{level.value} {code}")
        return self._to_area(self._rows[(level or levels[0], code)])

    def areas_at(self, level: Level, within: str | Area | None = None) -> list[Area]:
        """Areas at ``level``, optionally only those overlapping the area ``within``."""
        frame = self.areas[self.areas["level"] == level.value]
        if within is not None:
            frame = frame[frame["code"].isin(self.overlapping(level, within))]
        return [self._to_area(row) for row in frame.itertuples(index=False)]

    def overlapping(self, level: Level, within: str | Area) -> set[str]:
        """Codes at ``level`` sharing at least one LSOA with the area ``within``."""
        container = within if isinstance(within, Area) else self.area(within)
        if level is Level.LSOA21 or container.level is Level.LSOA21:
            table, key = self.lsoa21, Level.LSOA21
            if container.level in (Level.LSOA11, Level.MSOA11) or level in (
                Level.LSOA11,
                Level.MSOA11,
            ):
                raise ValueError("LSOA 2021 areas relate to LSOA 2011 areas by best fit only")
        else:
            table, key = self.lsoa11, Level.LSOA11
        column = lambda lv: "code" if lv is key else lv.value  # noqa: E731
        members = table[table[column(container.level)] == container.code]
        return set(members[column(level)])

    def children(self, area: Area) -> list[Area]:
        """Areas one rank down that lie wholly inside ``area`` (e.g. a LA's MSOAs)."""
        code = area.code
        child_level = {
            Level.MSOA11: Level.LSOA11,
            Level.LOCAL_AUTHORITY: Level.MSOA11,
            Level.WALES: Level.LOCAL_AUTHORITY,
        }.get(area.level, Level.LOCAL_AUTHORITY if area.level in LA_GROUP_LEVELS else None)
        if child_level is None:
            return []
        column = f"parent_{area.level.value}"
        frame = self.areas[
            (self.areas["level"] == child_level.value) & (self.areas[column] == code)
        ]
        return [self._to_area(row) for row in frame.itertuples(index=False)]

    def search(self, text: str, limit: int = 20) -> list[Area]:
        """Areas whose code or English, Welsh or local name matches ``text``.

        Exact matches come first, then names starting with the text, then names
        containing it; larger areas before smaller ones within each group.
        """
        query = _fold(text)
        if not query:
            return []
        scored = []
        for level, code, *keys in self._search_keys:
            if query in keys:
                score = 0
            elif any(k.startswith(query) for k in keys):
                score = 1
            elif any(query in k for k in keys):
                score = 2
            else:
                continue
            scored.append((score, -RANK[level], level.value, code))
        scored.sort()
        return [self.area(code, Level(lv)) for *_, lv, code in scored[:limit]]

    def resolve(self, code_or_name: str) -> Area:
        """The one area a code or exact name refers to; :class:`LookupError` otherwise."""
        if code_or_name in self._levels_of:
            return self.area(code_or_name)
        query = _fold(code_or_name)
        # Official English and Welsh names first; WIMD local names only if none match.
        exact = [(lv, c) for lv, c, _, en, cy, _local in self._search_keys if query in (en, cy)]
        if not exact:
            exact = [(lv, c) for lv, c, _, _en, _cy, local in self._search_keys if query == local]
        if len(exact) == 1:
            return self.area(exact[0][1], exact[0][0])
        if not exact:
            raise LookupError(f"no area is called {code_or_name!r}")
        # e.g. "Gwent" is a police force area and a region: list the official area first.
        exact.sort(key=lambda pair: pair[0].is_footprint)
        choices = ", ".join(f"{c} ({lv.value})" for lv, c in exact)
        raise LookupError(f"{code_or_name!r} could mean {choices}; give a code")

    def _to_area(self, row: object) -> Area:
        get = row.__getattribute__
        level = Level(get("level"))
        parents = {}
        for candidate in Level:
            value = getattr(row, f"parent_{candidate.value}", None)
            if isinstance(value, str) and value:
                parents[candidate] = value

        def number(name: str) -> float | None:
            value = get(name)
            return None if value is None or pd.isna(value) else float(value)

        population = number("population")
        return Area(
            code=get("code"),
            level=level,
            name_en=get("name_en"),
            name_cy=get("name_cy"),
            parents=parents,
            population=None if population is None else int(population),
            households=None if number("households") is None else int(get("households")),
            hectares=number("hectares"),
            lsoa_count=None if number("lsoa_count") is None else int(get("lsoa_count")),
            wimd_score=number("wimd"),
            wimd_rank=None if number("wimd_rank") is None else int(get("wimd_rank")),
            wimd_domains={
                d: float(get(d)) for d in list(WIMD_DOMAINS.values())[1:] if number(d) is not None
            },
            most_deprived_10pc_share=number("most_deprived_10pc_share"),
            local_name=get("local_name") if isinstance(get("local_name"), str) else None,
        )


def _add_la_group_parents(frame: pd.DataFrame, footprints: tuple[Footprint, ...]) -> None:
    """Add police force area, PSB, CSP, region and Wales columns from the LA column."""
    pfa = {la: code for code, (_, _, las) in names.POLICE_FORCE_AREAS.items() for la in las}
    frame["police_force_area"] = frame["local_authority"].map(pfa)
    for level in (Level.PSB, Level.CSP, Level.REGION):
        owner = {la: f.code for f in footprints if f.level is level for la in f.local_authorities}
        frame[level.value] = frame["local_authority"].map(owner)
    frame["wales"] = names.WALES_CODE


def _la_from_small_area_name(name: str, path: Path) -> str:
    """ONS names small areas "<local authority> <number>", e.g. "Cardiff 001A"."""
    matches = [
        code for code, (en, _) in names.LOCAL_AUTHORITIES.items() if name.startswith(en + " ")
    ]
    if len(matches) != 1:
        raise ReferenceDataError(f"{path}: cannot tell the local authority of {name!r}")
    return matches[0]


def _welsh_small_area_name(name_en: str, local_authority: str) -> str:
    """ONS's Welsh small-area names put the Welsh LA name before the same number."""
    en, cy = names.LOCAL_AUTHORITIES[local_authority]
    return cy + name_en[len(en) :] if name_en.startswith(en + " ") else name_en
