"""Which disclosure rule applies to which source.

The rule belongs to the data-sharing agreement a source arrives under; until
that register exists, these defaults apply: open police.uk data is published as
it is, everything else is suppressed (counts 1 to 4 shown as a symbol).
"""

from __future__ import annotations

from dataclasses import dataclass

from diogel.geography.levels import Level

#: Sources whose data is already public record by record.
OPEN_SOURCES = frozenset({"police_uk_street", "police_uk_outcomes", "police_uk_stop_search"})


@dataclass(frozen=True)
class DisclosureRule:
    """Suppress counts from ``low`` to ``high`` (inclusive) and protect them.

    ``rounding`` (e.g. 5) rounds every published count to that base afterwards.
    """

    suppress: bool = True
    low: int = 1
    high: int = 4
    symbol: str = "*"
    secondary: bool = True
    rounding: int | None = None

    def __post_init__(self) -> None:
        if self.low < 1 or self.high < self.low:
            raise ValueError("the suppression range must be 1 <= low <= high")
        if self.rounding is not None and self.rounding < 2:
            raise ValueError("rounding base must be 2 or more")


OPEN = DisclosureRule(suppress=False, secondary=False)
DEFAULT = DisclosureRule()


def rule_for_source(source: str) -> DisclosureRule:
    """The rule for a source (open police.uk data is not suppressed)."""
    return OPEN if source in OPEN_SOURCES else DEFAULT


def rule_for_sources(sources: set[str]) -> DisclosureRule:
    """A table mixing sources takes the strictest rule among them."""
    return OPEN if sources and sources <= OPEN_SOURCES else DEFAULT


#: The level each protected source is published at (see
#: :mod:`diogel.figures.publication`): emergency-department attendances are known by
#: the health board of the department that treated them.
BASE_LEVELS: dict[str, Level] = {"istv": Level.HEALTH_BOARD}
#: Every other protected source is published by local authority and above.
DEFAULT_BASE_LEVEL = Level.LOCAL_AUTHORITY


def base_level_for(source: str) -> Level:
    """The finest level a protected source's figures are published at."""
    return BASE_LEVELS.get(source, DEFAULT_BASE_LEVEL)
