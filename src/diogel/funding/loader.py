"""Read and validate a funding file (TOML).

The shipped file, ``data/gwent_example.toml``, transcribes what the Gwent OPCC's
December 2017 paper (seed 003) says about funding; a partnership points
``DIOGEL_FUNDING_FILE`` at its own. Amounts are pounds, written as whole numbers
or with pence (``624545.00``); they are read as decimals, never floats, and held
as pence. Every problem is collected and named by entry and field. Given a
:class:`~diogel.programme.Programme`, a :class:`~diogel.landscape.Landscape`, a
:class:`~diogel.landscape.areas.AreaIndex` and a
:class:`~diogel.performance.Framework`, the objective, organisation, board, area
and measure codes are checked against them.

Money must add up: a fund's grants, a grant's yearly commitments and the
allocations from a grant or a pooled budget never come to more than it holds, and
spend never comes to more than its allocation.

Examples
--------
>>> text = '''
... [[document]]
... file = "003_gwent.txt"
... title = "Gwent paper"
... [[funder]]
... code = "pcc"
... name_en = "Police and Crime Commissioner"
... source = { document = "003", quote = "the Commissioner" }
... [[fund]]
... code = "core"
... name_en = "Core funding"
... funder = "pcc"
... kind = "core-funding"
... source = { document = "003", quote = "OPCC funding" }
... [[grant]]
... code = "g"
... fund = "core"
... amount = 100.00
... source = { document = "003", quote = "funding" }
... [[allocation]]
... code = "a"
... funding = "g"
... amount = 150
... theme = "asb"
... source = { document = "003", quote = "ASB Coordinators post" }
... '''
>>> try:
...     parse_funding(tomllib.loads(text, parse_float=Decimal), "example.toml")
... except FundingError as exc:
...     print(exc)
example.toml: 1 problem
  grant 'g', field 'amount': allocations come to £150.00 (a), more than its £100.00
"""

from __future__ import annotations

import re
import tomllib
from collections import defaultdict
from collections.abc import Mapping
from decimal import Decimal, InvalidOperation
from importlib import resources
from pathlib import Path
from typing import Any

from diogel.funding.model import (
    Allocation,
    Commitment,
    Contribution,
    Fund,
    Funder,
    Funding,
    Grant,
    PooledBudget,
    Spend,
    pounds,
)
from diogel.funding.vocab import CommitmentStatus, FundKind
from diogel.landscape.areas import AreaIndex
from diogel.landscape.fields import FieldReader
from diogel.landscape.model import Landscape
from diogel.landscape.vocab import Theme
from diogel.performance.model import Framework
from diogel.programme.model import Programme

#: A financial year, ``2017-18``.
YEAR = re.compile(r"^(\d{4})-(\d{2})$")


class FundingError(ValueError):
    """A funding file that cannot be used; ``problems`` lists every message."""

    def __init__(self, where: str, problems: list[str]) -> None:
        self.where = where
        self.problems = problems
        noun = "problem" if len(problems) == 1 else "problems"
        super().__init__(
            f"{where}: {len(problems)} {noun}\n" + "\n".join(f"  {p}" for p in problems)
        )


def default_funding_path() -> Path:
    """The shipped Gwent example."""
    return Path(str(resources.files("diogel.funding") / "data" / "gwent_example.toml"))


def load_funding(
    path: Path | None = None,
    *,
    programme: Programme | None = None,
    landscape: Landscape | None = None,
    areas: AreaIndex | None = None,
    framework: Framework | None = None,
) -> Funding:
    """Read and validate ``path`` (default: the shipped Gwent example).

    Raises
    ------
    FundingError
        Listing every problem found, each naming the entry and the field.
    """
    path = path or default_funding_path()
    try:
        document = tomllib.loads(path.read_text(encoding="utf-8"), parse_float=Decimal)
    except FileNotFoundError as exc:
        raise FundingError(str(path), ["file not found"]) from exc
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise FundingError(str(path), [f"not valid TOML ({exc})"]) from exc
    return parse_funding(
        document,
        str(path),
        programme=programme,
        landscape=landscape,
        areas=areas,
        framework=framework,
    )


_CITE = {"source", "sources"}
_TOPS = {"document", "funder", "fund", "grant", "pooled_budget", "allocation", "spend"}
_GRANT_KEYS = {
    "code", "fund", "recipient", "amount", "name_en", "start", "end", "as_of", "approximate",
    "commitment", "conditions", "note", *_CITE,
}  # fmt: skip
_ALLOCATION_KEYS = {
    "code", "funding", "amount", "project", "objective", "theme", "area", "year", "measures",
    "note", *_CITE,
}  # fmt: skip


class _Parser(FieldReader):
    def money(self, raw: Mapping[str, Any], key: str, entry: str, required: bool = True) -> int:
        """Pounds (a whole number or with pence) as pence; 0 after a problem."""
        value = raw.get(key)
        if value is None:
            if required:
                self.problem(entry, key, "missing (pounds, like 624545.00)")
            return 0
        if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
            self.problem(entry, key, f"{value!r} is not an amount of pounds like 624545.00")
            return 0
        try:
            # A float only comes from a caller parsing without parse_float=Decimal;
            # its shortest repr is the literal that was written.
            amount = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
            pence = amount * 100
            if not pence.is_finite() or pence != pence.to_integral_value():
                raise InvalidOperation
        except InvalidOperation:
            self.problem(entry, key, f"{value} is not a whole number of pence")
            return 0
        if pence < 0:
            self.problem(entry, key, "cannot be negative")
            return 0
        return int(pence)

    def year(self, raw: Mapping[str, Any], key: str, entry: str) -> str | None:
        value = raw.get(key)
        if value is None:
            return None
        match = YEAR.match(value) if isinstance(value, str) else None
        if match is None or (int(match[1]) + 1) % 100 != int(match[2]):
            self.problem(entry, key, f"{value!r} is not a financial year like 2017-18")
            return None
        return str(value)

    def period(self, raw: Mapping[str, Any], entry: str) -> tuple[str | None, str | None]:
        start, end = self.date(raw, "start", entry), self.date(raw, "end", entry)
        if start and end and end < start:
            self.problem(entry, "end", f"{end} is before start {start}")
        return start, end

    def status(self, raw: Mapping[str, Any], entry: str) -> CommitmentStatus:
        if "status" not in raw:
            self.problem(entry, "status", "missing")
            return CommitmentStatus.INDICATIVE
        found = self.enum(CommitmentStatus, raw["status"], entry, "status", "status")
        return found or CommitmentStatus.INDICATIVE

    def funder(self, raw: Mapping[str, Any], number: int) -> Funder:
        code, entry = self.code(raw, "funder", number)
        self.unknown_keys(
            raw, {"code", "name_en", "name_cy", "organisation", "note", *_CITE}, entry
        )
        return Funder(
            code,
            self.text(raw, "name_en", entry),
            self.optional_text(raw, "name_cy", entry),
            self.optional_text(raw, "organisation", entry),
            self.sources(raw, entry),
            self.text(raw, "note", entry, required=False),
        )

    def fund(self, raw: Mapping[str, Any], number: int) -> Fund:
        code, entry = self.code(raw, "fund", number)
        keys = {"code", "name_en", "name_cy", "funder", "kind", "amount", "start", "end", "note"}
        self.unknown_keys(raw, keys | _CITE, entry)
        kind = None
        if "kind" not in raw:
            self.problem(entry, "kind", "missing")
        else:
            kind = self.enum(FundKind, raw["kind"], entry, "kind", "fund kind")
        amount = self.money(raw, "amount", entry, required=False) if "amount" in raw else None
        start, end = self.period(raw, entry)
        return Fund(
            code,
            self.text(raw, "name_en", entry),
            self.optional_text(raw, "name_cy", entry),
            self.text(raw, "funder", entry),
            kind or FundKind.OTHER,
            self.sources(raw, entry),
            amount,
            start,
            end,
            self.text(raw, "note", entry, required=False),
        )

    def commitment(self, raw: Mapping[str, Any], entry: str) -> Commitment:
        self.unknown_keys(raw, {"year", "amount", "status", *_CITE}, entry)
        year = self.year(raw, "year", entry)
        if "year" not in raw:
            self.problem(entry, "year", "missing (a financial year like 2018-19)")
        cited = self.sources(raw, entry) if _CITE & set(raw) else ()
        return Commitment(
            year or "", self.money(raw, "amount", entry), self.status(raw, entry), cited
        )

    def grant(self, raw: Mapping[str, Any], number: int) -> Grant:
        code, entry = self.code(raw, "grant", number)
        self.unknown_keys(raw, _GRANT_KEYS, entry)
        start, end = self.period(raw, entry)
        before = len(self.problems)
        amount = self.money(raw, "amount", entry)
        amount_ok = len(self.problems) == before
        commitments = tuple(
            self.commitment(c, f"{entry} commitment {i}")
            for i, c in enumerate(self.table_list(raw, "commitment", entry), 1)
        )
        years = [c.year for c in commitments if c.year]
        for year in sorted({y for y in years if years.count(y) > 1}):
            self.problem(entry, "commitment", f"two commitments for {year}")
        for i, c in enumerate(commitments, 1):
            if c.year and not _within(c.year, start, end):
                self.problem(
                    f"{entry} commitment {i}", "year", f"{c.year} is outside {start}–{end}"
                )
        grant = Grant(
            code=code,
            fund=self.text(raw, "fund", entry),
            recipient=self.optional_text(raw, "recipient", entry),
            amount=amount,
            sources=self.sources(raw, entry),
            name_en=self.text(raw, "name_en", entry, required=False),
            start=start,
            end=end,
            as_of=self.date(raw, "as_of", entry),
            approximate=self.boolean(raw, "approximate", entry, False),
            commitments=commitments,
            conditions=self.str_list(raw, "conditions", entry),
            note=self.text(raw, "note", entry, required=False),
        )
        if amount_ok and grant.committed_by_year > amount:
            self.problem(
                entry,
                "commitment",
                f"yearly commitments come to £{pounds(grant.committed_by_year)}, "
                f"more than the grant's £{pounds(amount)}",
            )
        return grant

    def contribution(self, raw: Mapping[str, Any], entry: str) -> Contribution:
        self.unknown_keys(raw, {"partner", "amount", "status", "year", *_CITE}, entry)
        return Contribution(
            self.text(raw, "partner", entry),
            self.money(raw, "amount", entry),
            self.status(raw, entry),
            self.sources(raw, entry),
            self.year(raw, "year", entry),
        )

    def pooled_budget(self, raw: Mapping[str, Any], number: int) -> PooledBudget:
        code, entry = self.code(raw, "pooled budget", number)
        keys = {"code", "name_en", "name_cy", "held_by", "contribution", "start", "end", "note"}
        self.unknown_keys(raw, keys | _CITE, entry)
        contributions = tuple(
            self.contribution(c, f"{entry} contribution {i}")
            for i, c in enumerate(self.table_list(raw, "contribution", entry), 1)
        )
        if not contributions:
            self.problem(entry, "contribution", "missing: a pooled budget has partners' money")
        start, end = self.period(raw, entry)
        return PooledBudget(
            code,
            self.text(raw, "name_en", entry),
            self.optional_text(raw, "name_cy", entry),
            self.optional_text(raw, "held_by", entry),
            contributions,
            self.sources(raw, entry),
            start,
            end,
            self.text(raw, "note", entry, required=False),
        )

    def allocation(self, raw: Mapping[str, Any], number: int) -> Allocation:
        code, entry = self.code(raw, "allocation", number)
        self.unknown_keys(raw, _ALLOCATION_KEYS, entry)
        return Allocation(
            code=code,
            funding=self.text(raw, "funding", entry),
            amount=self.money(raw, "amount", entry),
            sources=self.sources(raw, entry),
            project=self.optional_text(raw, "project", entry),
            objective=self.optional_text(raw, "objective", entry),
            theme=self.optional_enum(Theme, raw, "theme", entry, "theme"),
            area=self.optional_text(raw, "area", entry),
            year=self.year(raw, "year", entry),
            measures=self.str_list(raw, "measures", entry),
            note=self.text(raw, "note", entry, required=False),
        )

    def spend(self, raw: Mapping[str, Any], number: int) -> Spend:
        entry = f"spend {number}"
        self.unknown_keys(raw, {"allocation", "date", "amount", "description", *_CITE}, entry)
        date = self.date(raw, "date", entry)
        if "date" not in raw:
            self.problem(entry, "date", "missing (every spend entry is dated)")
        return Spend(
            self.text(raw, "allocation", entry),
            date or "",
            self.money(raw, "amount", entry),
            self.sources(raw, entry),
            self.text(raw, "description", entry, required=False),
        )


def _within(year: str, start: str | None, end: str | None) -> bool:
    """Whether financial year ``year`` overlaps the (partial-date) period."""
    first = int(year[:4])
    year_start, year_end = f"{first}-04-01", f"{first + 1}-03-31"
    return (end is None or year_start <= end + "-99") and (start is None or year_end >= start)


def parse_funding(
    document: Mapping[str, Any],
    where: str,
    *,
    programme: Programme | None = None,
    landscape: Landscape | None = None,
    areas: AreaIndex | None = None,
    framework: Framework | None = None,
) -> Funding:
    """Validate a parsed TOML document and build the :class:`Funding`.

    Parse with ``tomllib.loads(text, parse_float=Decimal)`` so that amounts with
    pence are never floats (:func:`load_funding` does).

    Raises
    ------
    FundingError
        Listing every problem found.
    """
    p = _Parser()
    p.top_level(document, _TOPS)
    p.declare_documents(p.table_list(document, "document", "top level"))

    def each(key: str, build: Any) -> list[Any]:
        return [build(raw, i) for i, raw in enumerate(p.table_list(document, key, "top level"), 1)]

    funding = Funding(
        documents=tuple(p.documents.values()),
        funders=tuple(each("funder", p.funder)),
        funds=tuple(each("fund", p.fund)),
        grants=tuple(each("grant", p.grant)),
        pooled_budgets=tuple(each("pooled_budget", p.pooled_budget)),
        allocations=tuple(each("allocation", p.allocation)),
        spend=tuple(each("spend", p.spend)),
    )
    _check_references(p, funding)
    _check_sums(p, funding)
    _check_against(p, funding, programme, landscape, areas or AreaIndex.default(), framework)
    if p.problems:
        raise FundingError(where, p.problems)
    return funding


def _check_references(p: _Parser, f: Funding) -> None:
    p.duplicates("funder", [x.code for x in f.funders])
    p.duplicates("fund", [x.code for x in f.funds])
    p.duplicates("grant", [x.code for x in f.grants])
    p.duplicates("pooled budget", [x.code for x in f.pooled_budgets])
    p.duplicates("allocation", [x.code for x in f.allocations])
    both = {g.code for g in f.grants} & {b.code for b in f.pooled_budgets}
    for code in sorted(both):
        p.problem(f"pooled budget {code!r}", "code", "also a grant's code")
    funders, funds = {x.code for x in f.funders}, {x.code for x in f.funds}
    pots = {x.code for x in f.grants} | {x.code for x in f.pooled_budgets}
    allocations = {x.code for x in f.allocations}
    for fund in f.funds:
        if fund.funder and fund.funder not in funders:
            p.problem(f"fund {fund.code!r}", "funder", f"no funder {fund.funder!r}")
    for g in f.grants:
        if g.fund and g.fund not in funds:
            p.problem(f"grant {g.code!r}", "fund", f"no fund {g.fund!r}")
    for a in f.allocations:
        if a.funding and a.funding not in pots:
            p.problem(
                f"allocation {a.code!r}", "funding", f"no grant or pooled budget {a.funding!r}"
            )
    for i, s in enumerate(f.spend, 1):
        if s.allocation and s.allocation not in allocations:
            p.problem(f"spend {i}", "allocation", f"no allocation {s.allocation!r}")


def _check_sums(p: _Parser, f: Funding) -> None:
    """Allocations never exceed what they come from; grants, their fund; spend, its allocation."""

    def over(entry: str, parts: dict[str, int], limit: int, what: str, whose: str) -> None:
        total = sum(parts.values())
        if total > limit:
            names = ", ".join(parts)
            p.problem(
                entry,
                "amount",
                f"{what} come to £{pounds(total)} ({names}), more than {whose} £{pounds(limit)}",
            )

    grants_of: dict[str, dict[str, int]] = defaultdict(dict)
    for g in f.grants:
        grants_of[g.fund][g.code] = g.amount
    for fund in f.funds:
        if fund.amount is not None:
            over(f"fund {fund.code!r}", grants_of[fund.code], fund.amount, "grants", "its")
    allocated: dict[str, dict[str, int]] = defaultdict(dict)
    for a in f.allocations:
        allocated[a.funding][a.code] = allocated[a.funding].get(a.code, 0) + a.amount
    for g in f.grants:
        over(f"grant {g.code!r}", allocated[g.code], g.amount, "allocations", "its")
    for b in f.pooled_budgets:
        entry = f"pooled budget {b.code!r}"
        over(entry, allocated[b.code], b.total, "allocations", "the contributions'")
    spent: dict[str, int] = defaultdict(int)
    for s in f.spend:
        spent[s.allocation] += s.amount
    for a in f.allocations:
        if spent[a.code] > a.amount:
            p.problem(
                f"allocation {a.code!r}",
                "amount",
                f"spend comes to £{pounds(spent[a.code])}, more than its £{pounds(a.amount)}",
            )


def _check_against(
    p: _Parser,
    f: Funding,
    programme: Programme | None,
    landscape: Landscape | None,
    areas: AreaIndex,
    framework: Framework | None,
) -> None:
    for a in f.allocations:
        entry = f"allocation {a.code!r}"
        if a.area and a.area not in areas:
            p.problem(entry, "area", f"unknown area code {a.area!r}")
        if (
            programme is not None
            and a.objective
            and a.objective not in {o.code for o in programme.objectives}
        ):
            p.problem(entry, "objective", f"no objective {a.objective!r} in the programme")
        if framework is not None:
            known = {m.code for m in framework.measures}
            for code in a.measures:
                if code not in known:
                    p.problem(entry, "measures", f"no measure {code!r} in the framework")
    if landscape is None:
        return
    orgs = {o.code for o in landscape.organisations}
    bodies = orgs | {b.code for b in landscape.boards}
    for x in f.funders:
        if x.organisation and x.organisation not in orgs:
            p.problem(f"funder {x.code!r}", "organisation", f"no organisation {x.organisation!r}")
    for g in f.grants:
        if g.recipient and g.recipient not in bodies:
            p.problem(f"grant {g.code!r}", "recipient", f"no organisation or board {g.recipient!r}")
    for b in f.pooled_budgets:
        entry = f"pooled budget {b.code!r}"
        if b.held_by and b.held_by not in bodies:
            p.problem(entry, "held_by", f"no organisation or board {b.held_by!r}")
        for i, c in enumerate(b.contributions, 1):
            if c.partner and c.partner not in orgs:
                p.problem(f"{entry} contribution {i}", "partner", f"no organisation {c.partner!r}")
