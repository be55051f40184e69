"""Board footprints as sets of local authorities, from :mod:`diogel.geography`.

A board's footprint may name Wales, police force areas, local authorities or the
PSB, CSP and region footprints of ``footprints_wales.toml`` (or the user's copy).
All of those are groupings of whole local authorities, so comparing two boards'
footprints is comparing two sets of local authority codes. This needs only the
codes shipped with the package, not the LSOA reference files.

Examples
--------
>>> index = AreaIndex.default()
>>> sorted(index.local_authorities("W15000003"))[:2]
['W06000018', 'W06000019']
>>> index.local_authorities("csp-cwm-taf") == {"W06000016", "W06000024"}
True
>>> index.name("W06000024")
'Merthyr Tydfil'
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from diogel.geography import names
from diogel.geography.footprints import load_footprints


@dataclass(frozen=True)
class AreaIndex:
    """Area code → member local authorities and English name."""

    members: dict[str, frozenset[str]]
    names: dict[str, str]

    @classmethod
    def default(cls, footprints_file: Path | None = None) -> AreaIndex:
        """Wales, its police force areas and local authorities, and the footprints file."""
        las = names.LOCAL_AUTHORITIES
        members: dict[str, frozenset[str]] = {names.WALES_CODE: frozenset(las)}
        labels: dict[str, str] = {names.WALES_CODE: names.WALES_NAMES[0]}
        for code, (name_en, _cy) in las.items():
            members[code] = frozenset({code})
            labels[code] = name_en
        for code, (name_en, _cy, authorities) in names.POLICE_FORCE_AREAS.items():
            members[code] = frozenset(authorities)
            labels[code] = name_en
        for footprint in load_footprints(footprints_file, las):
            members[footprint.code] = frozenset(footprint.local_authorities)
            labels[footprint.code] = footprint.name_en
        return cls(members, labels)

    def __contains__(self, code: object) -> bool:
        return code in self.members

    def local_authorities(self, code: str) -> frozenset[str]:
        """The local authorities making up ``code`` (KeyError when unknown)."""
        return self.members[code]

    def cover(self, codes: Iterable[str]) -> frozenset[str]:
        """The local authorities of a whole footprint (a union of its areas)."""
        out: set[str] = set()
        for code in codes:
            out |= self.members[code]
        return frozenset(out)

    def name(self, code: str) -> str:
        return self.names.get(code, code)

    @property
    def local_authority_codes(self) -> tuple[str, ...]:
        return tuple(sorted(names.LOCAL_AUTHORITIES))
