"""Which disclosure rule applies to which source, and to data from which agreement.

Defaults: open police.uk data is published as it is, everything else is suppressed
(counts 1 to 4 shown as a symbol) and published by local authority and above
(emergency departments by health board). A rules file (setting
``DIOGEL_DISCLOSURE_RULES_FILE``) changes a source's rule and sets stricter ones for
data that came under a named data-sharing agreement; a figure is protected by the
strictest rule of the source and of every agreement its current imports came under.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field, replace
from pathlib import Path

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


#: Rule fields a rules file may set.
_FIELDS = ("low", "high", "rounding", "base_level")
#: Publication levels, finest first (a stricter rule publishes at a coarser level).
_COARSENESS = (
    Level.LOCAL_AUTHORITY,
    Level.HEALTH_BOARD,
    Level.POLICE_FORCE_AREA,
    Level.REGION,
    Level.WALES,
)


class RulesFileError(ValueError):
    """A disclosure rules file that cannot be used; the message names the entry."""


@dataclass(frozen=True)
class RuleBook:
    """Rules per source and per agreement, as a rules file sets them."""

    sources: dict[str, dict[str, object]] = field(default_factory=dict)
    agreements: dict[str, dict[str, object]] = field(default_factory=dict)

    def rule(self, source: str, agreements: frozenset[str] = frozenset()) -> DisclosureRule:
        """The strictest rule of ``source`` and of the ``agreements`` its data came under.

        Examples
        --------
        >>> book = RuleBook(agreements={"ISP-1": {"high": 9, "rounding": 5}})
        >>> book.rule("istv", frozenset({"ISP-1"}))
        DisclosureRule(suppress=True, low=1, high=9, symbol='*', secondary=True, rounding=5)
        >>> book.rule("police_uk_street", frozenset({"ISP-1"})).suppress
        False
        """
        base = rule_for_source(source)
        if not base.suppress and source not in self.sources:
            return base  # open data stays open whatever agreement it came under
        rule = _apply(base, self.sources.get(source, {}))
        for code in sorted(agreements):
            if code in self.agreements:
                other = _apply(DEFAULT, self.agreements[code])
                rule = DisclosureRule(
                    suppress=True,
                    low=min(rule.low, other.low),
                    high=max(rule.high, other.high),
                    symbol=rule.symbol,
                    secondary=True,
                    rounding=max(rule.rounding or 0, other.rounding or 0) or None,
                )
        return rule

    def base_level(self, source: str, agreements: frozenset[str] = frozenset()) -> Level:
        """The coarsest publication level the source's rules ask for."""
        levels = [base_level_for(source)]
        for entry in [self.sources.get(source, {})] + [
            self.agreements[c] for c in sorted(agreements) if c in self.agreements
        ]:
            if "base_level" in entry:
                levels.append(Level(str(entry["base_level"])))
        return max(levels, key=_COARSENESS.index)


def _apply(rule: DisclosureRule, entry: dict[str, object]) -> DisclosureRule:
    changes = {k: entry[k] for k in ("low", "high", "rounding") if k in entry}
    return replace(rule, suppress=True, **changes) if changes else rule  # type: ignore[arg-type]


def load_rule_book(path: Path | None) -> RuleBook:
    """The rules file at ``path`` (no file: the defaults), checked entry by entry.

    Raises
    ------
    RulesFileError
        Naming the entry and field that is wrong.
    """
    if path is None:
        return RuleBook()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise RulesFileError(f"{path}: {exc}") from exc
    book: dict[str, dict[str, dict[str, object]]] = {"sources": {}, "agreements": {}}
    for table in data:
        if table not in book:
            raise RulesFileError(f"{path}: unknown table [{table}]; use sources or agreements")
    for table in book:
        for name, entry in dict(data.get(table, {})).items():
            where = f"{path}: [{table}.{name}]"
            if not isinstance(entry, dict):
                raise RulesFileError(f"{where} must be a table")
            unknown = sorted(set(entry) - set(_FIELDS))
            if unknown:
                raise RulesFileError(f"{where}: unknown field(s) {unknown}; use {_FIELDS}")
            for key in ("low", "high", "rounding"):
                if key in entry and (not isinstance(entry[key], int) or entry[key] < 1):
                    raise RulesFileError(f"{where}: {key} must be a whole number of 1 or more")
            if "base_level" in entry and entry["base_level"] not in {
                lv.value for lv in _COARSENESS
            }:
                raise RulesFileError(
                    f"{where}: base_level must be one of {[lv.value for lv in _COARSENESS]}"
                )
            try:
                _apply(DEFAULT, entry)
            except ValueError as exc:
                raise RulesFileError(f"{where}: {exc}") from exc
            book[table][str(name)] = entry
    return RuleBook(book["sources"], book["agreements"])
