"""Report sections built from :mod:`diogel.reports.measures`, shared by every report.

Each builder returns a :class:`~diogel.reports.document.Section` whose tables
hold raw numbers and whose words are message ids (``_`` marks them; they are
translated when the report is rendered).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from diogel.analysis.cost import estimate_costs, load_unit_costs
from diogel.disclosure.rules import rule_for_source
from diogel.figures.base import count_incidents
from diogel.figures.cells import Cell, combine
from diogel.figures.health import ed_police_monthly
from diogel.geography import Area, Level
from diogel.reports.document import Column, Figure, Section, Sentence, Table
from diogel.reports.i18n import _
from diogel.reports.measures import (
    EMERGENCY_DEPARTMENTS,
    POLICE,
    ReportContext,
    category_counts,
    deprivation_profile,
    ed_against_police,
    ed_monthly,
    headlines,
    health_boards_for,
    lsoa_hotspots,
    repeat_places,
    time_profile,
    trend_rows,
)

#: Police categories a monitoring report leads with, in order.
HEADLINE_CATEGORIES = (
    "violence",
    "robbery",
    "possession_of_weapons",
    "public_order",
    "criminal_damage_arson",
    "drugs",
    "asb",
)
#: How many hotspot areas a table lists (the map shows them all).
HOTSPOT_ROWS = 15


@dataclass(frozen=True)
class Scope:
    """What a report covers: an area, the months of its trend and of its period."""

    ctx: ReportContext
    area: Area
    trend_first: str
    period_first: str
    last: str

    def area_param(self) -> list[Any]:
        return ["area", {"en": self.area.name_en, "cy": self.area.name_cy}]


def _withheld(rows: list[dict[str, Any]], keys: tuple[str, ...]) -> list[str]:
    """Cells withheld by disclosure control (shown with its symbol); a row that says
    its value's state (``<key>_state`` or ``state``) is withheld only when that is
    ``withheld``: "no data" is shown as missing, never as withheld or zero."""

    def hidden(row: dict[str, Any], key: str) -> bool:
        if row.get(key) is not None:
            return False
        state = row.get(f"{key}_state", row.get("state"))
        return state is None or state == "withheld"

    return [f"{i}:{k}" for i, row in enumerate(rows) for k in keys if hidden(row, k)]


def headline_section(scope: Scope, annual: bool = False) -> tuple[Section, list[dict[str, Any]]]:
    rows = headlines(scope.ctx, scope.area, scope.last, HEADLINE_CATEGORIES, scope.trend_first)
    monthly = [
        Column("count", _("This month")),
        Column("previous", _("Same month a year before")),
        Column("change", _("Change"), "change"),
        Column("expected", _("Expected"), "decimal1"),
        Column("flag", _("Against expected range"), "flag"),
    ]
    yearly = [
        Column("twelve_months", _("12 months")),
        Column("previous_twelve_months", _("12 months a year before")),
        Column("change_twelve_months", _("Change over 12 months"), "change"),
        Column("rate_twelve_months", _("Rate per 1,000 residents (12 months)"), "decimal2"),
    ]
    table = Table(
        "headline",
        _("Police-recorded crime in {area}: {month}")
        if not annual
        else _("Police-recorded crime in {area}: 12 months to {month}"),
        [Column("category", _("Category"), "category"), *([] if annual else monthly), *yearly],
        rows,
        {"area": scope.area_param(), "month": ["month", scope.last]},
        POLICE,
    )
    return Section("headline", _("Headline figures"), tables=[table]), rows


def trend_section(scope: Scope, category: str = "violence") -> tuple[Section, list[dict[str, Any]]]:
    rows = trend_rows(scope.ctx, scope.area, category, scope.trend_first, scope.last)
    table = Table(
        f"trend_{category}",
        _("{Category} a month in {area}, with the expected range"),
        [
            Column("month", _("Month"), "month"),
            Column("count", _("Crimes recorded")),
            Column("rolling_12", _("12 months to the month")),
            Column("expected", _("Expected"), "decimal1"),
            Column("lower", _("Expected from"), "int"),
            Column("upper", _("Expected to"), "int"),
            Column("flag", _("Against expected range"), "flag"),
        ],
        rows,
        {"Category": ["Category", category], "area": scope.area_param()},
        POLICE,
    )
    above = sum(1 for r in rows if r["flag"] == "above")
    figure = Figure(
        f"trend_{category}",
        "trend",
        Sentence(table.caption, table.caption_params),
        Sentence(
            _(
                "Line chart of {category} recorded by the police a month in {area} from "
                "{first} to {last}, with the expected range shaded; {above} months were "
                "above the range."
            ),
            {
                "category": ["category", category],
                "area": scope.area_param(),
                "first": ["month", scope.trend_first],
                "last": ["month", scope.last],
                "above": ["number", above],
            },
        ),
        table,
    )
    return Section(f"trend_{category}", _("Trend over time"), figures=[figure]), rows


def category_section(scope: Scope) -> Section:
    month = category_counts(scope.ctx, scope.area, scope.last, scope.last)
    twelve = category_counts(scope.ctx, scope.area, scope.period_first, scope.last)
    codes = sorted(twelve, key=lambda c: -twelve[c])
    rows = [{"category": c, "count": month.get(c, 0), "twelve_months": twelve[c]} for c in codes]
    table = Table(
        "categories",
        _("Police-recorded crime and anti-social behaviour in {area} by category"),
        [
            Column("category", _("Category"), "category"),
            Column("count", _("Last month")),
            Column("twelve_months", _("Period")),
        ],
        rows,
        {"area": scope.area_param()},
        POLICE,
    )
    figure = Figure(
        "categories",
        "bars",
        Sentence(table.caption, table.caption_params),
        Sentence(
            _(
                "Bar chart of police-recorded incidents in {area} from {first} to {last} by "
                "category; the largest is {category}."
            ),
            {
                "area": scope.area_param(),
                "first": ["month", scope.period_first],
                "last": ["month", scope.last],
                "category": ["category", codes[0] if codes else "other"],
            },
        ),
        table,
        {"value": "twelve_months"},
    )
    return Section("categories", _("Categories"), figures=[figure])


def hotspot_section(
    scope: Scope, category: str = "violence"
) -> tuple[Section, list[dict[str, Any]]]:
    areas = lsoa_hotspots(scope.ctx, scope.area, category, scope.period_first, scope.last)
    hot = [a for a in areas if str(a["class"]).startswith("hot")]
    hot.sort(key=lambda a: -a["z"])
    rows = [
        {k: a[k] for k in ("code", "name_en", "name_cy", "count", "rate", "z", "p_adjusted")}
        | {"class": a["class"]}
        for a in hot[:HOTSPOT_ROWS]
    ]
    table = Table(
        f"hotspots_{category}",
        _("Neighbourhoods (LSOAs) where {category} is significantly concentrated"),
        [
            Column("code", _("LSOA"), "text"),
            Column("name", _("Name"), "area"),
            Column("count", _("Crimes")),
            Column("rate", _("Rate per 1,000 residents"), "decimal2"),
            Column("z", _("Gi* z-score"), "decimal2"),
            Column("p_adjusted", _("Adjusted p"), "decimal3"),
            Column("class", _("Hotspot"), "hotspot"),
        ],
        rows,
        {"category": ["category", category]},
        POLICE,
    )
    figure = Figure(
        f"map_{category}",
        "map",
        Sentence(
            _("{Category} per 1,000 residents by LSOA, {first} to {last}"),
            {
                "Category": ["Category", category],
                "first": ["month", scope.period_first],
                "last": ["month", scope.last],
            },
        ),
        Sentence(
            _(
                "Map of {area} shaded by the rate of {category} per 1,000 residents in each of "
                "its {lsoas} neighbourhoods; {hot} significant hotspots are outlined in red."
            ),
            {
                "area": scope.area_param(),
                "category": ["category", category],
                "lsoas": ["number", len(areas)],
                "hot": ["number", len(hot)],
            },
        ),
        table,
        {
            "level": Level.LSOA11.value,
            "values": {a["code"]: round(a["rate"], 4) for a in areas},
            "hot": [a["code"] for a in hot],
        },
    )
    sentences = []
    if hot:
        top = hot[0]
        sentences.append(
            Sentence(
                _(
                    "{hot} of {lsoas} neighbourhoods are significant hotspots of {category}; "
                    "the strongest is {name} ({code}), at {rate} per 1,000 residents."
                ),
                {
                    "hot": ["number", len(hot)],
                    "lsoas": ["number", len(areas)],
                    "category": ["category", category],
                    "name": ["area", {"en": top["name_en"], "cy": top["name_cy"]}],
                    "code": ["text", top["code"]],
                    "rate": ["decimal1", top["rate"]],
                },
            )
        )
    section = Section(
        f"hotspots_{category}", _("Where: hotspots"), sentences=sentences, figures=[figure]
    )
    return section, areas


def ed_police_section(scope: Scope) -> tuple[Section, list[dict[str, Any]], int]:
    boards = health_boards_for(scope.ctx, scope.area)
    codes = {b.code for b in boards}
    monthly, withheld = ed_monthly(scope.ctx, boards, scope.trend_first, scope.last)
    monthly_table = Table(
        "ed_police_monthly",
        _("Assaults seen in emergency departments and police-recorded violence a month"),
        [
            Column("month", _("Month"), "month"),
            Column("ed", _("ED assault attendances")),
            Column("police", _("Police-recorded violence")),
        ],
        monthly,
        source=EMERGENCY_DEPARTMENTS,
        suppressed_cells=withheld,
        withheld=_withheld(monthly, ("ed", "police")),
    )
    compared = [
        row
        for row in ed_against_police(scope.ctx, scope.period_first, scope.last)
        if row["code"] in codes
    ]
    board_table = Table(
        "ed_police",
        _("Emergency department assaults for every police-recorded violent crime"),
        [
            Column("code", _("Health board code"), "text"),
            Column("name", _("Health board"), "area"),
            Column("ed_assaults", _("ED assault attendances")),
            Column("police_violence", _("Police-recorded violence")),
            Column("ratio", _("ED attendances per police crime"), "decimal2"),
            Column("ci_low", _("95% interval from"), "decimal2"),
            Column("ci_high", _("95% interval to"), "decimal2"),
        ],
        compared,
        source=EMERGENCY_DEPARTMENTS,
        suppressed_cells=sum(1 for r in compared if r["ed_assaults"] is None),
        withheld=_withheld(compared, ("ed_assaults", "ratio", "ci_low", "ci_high")),
    )
    figure = Figure(
        "ed_police_monthly",
        "two_series",
        Sentence(monthly_table.caption),
        Sentence(
            _(
                "Line chart comparing assault attendances at emergency departments with "
                "violence recorded by the police in the same health board areas, a month, from "
                "{first} to {last}."
            ),
            {"first": ["month", scope.trend_first], "last": ["month", scope.last]},
        ),
        monthly_table,
    )
    sentences = [
        Sentence(
            _(
                "Emergency department figures cover every department in the health board "
                "areas serving {area}, not only its residents."
            ),
            {"area": scope.area_param()},
        )
    ]
    for row in compared:
        if row["ed_assaults"] is not None and row["ratio"] is not None:
            sentences.append(
                Sentence(
                    _(
                        "In {board}, emergency departments saw {ed} assault attendances from "
                        "{first} to {last}: {ratio} for every violent crime the police recorded."
                    ),
                    {
                        "board": ["area", {"en": row["name_en"], "cy": row["name_cy"]}],
                        "ed": ["number", row["ed_assaults"]],
                        "first": ["month", scope.period_first],
                        "last": ["month", scope.last],
                        "ratio": ["decimal2", row["ratio"]],
                    },
                )
            )
    section = Section(
        "ed_police",
        _("Emergency departments and police"),
        sentences=sentences,
        figures=[figure],
        tables=[board_table],
    )
    return section, compared, withheld + board_table.suppressed_cells


def night_time_section(scope: Scope) -> tuple[Section, dict[str, Any]]:
    # Day × hour tables are published for whole calendar years only (a fixed window:
    # consecutive monthly reports cannot be differenced): the last one complete.
    year = scope.last[:4] if scope.last.endswith("-12") else str(int(scope.last[:4]) - 1)
    first, last = f"{year}-01", f"{year}-12"
    cells, withheld, untimed, total = time_profile(scope.ctx, scope.area, year)
    rows = [{"day": d, **{f"h{h:02d}": cells[d][h] for h in range(24)}} for d in range(7)]
    table = Table(
        "night_time",
        _("Emergency department assault attendances by day and hour"),
        [Column("day", _("Day"), "day"), *(Column(f"h{h:02d}", f"{h:02d}") for h in range(24))],
        rows,
        # The fixed window the table covers (a calendar year), as data for readers.
        caption_params={"first": ["month", first], "last": ["month", last]},
        source=EMERGENCY_DEPARTMENTS,
        suppressed_cells=withheld,
        withheld=[f"{d}:h{h:02d}" for d in range(7) for h in range(24) if cells[d][h] is None],
    )
    # Friday and Saturday nights: 20:00 to 05:59 the next morning.
    night = [(4, h) for h in range(20, 24)] + [(5, h) for h in range(6)]
    night += [(5, h) for h in range(20, 24)] + [(6, h) for h in range(6)]
    shown = [cells[d][h] for d, h in night]
    share = None
    if total and all(v is not None for v in shown):
        share = sum(v or 0 for v in shown) / total
    figure = Figure(
        "night_time",
        "heatmap",
        Sentence(table.caption),
        Sentence(
            _(
                "Grid of assault attendances at emergency departments by day of the week and "
                "hour of the day, {first} to {last}; darker cells mean more attendances."
            ),
            {"first": ["month", first], "last": ["month", last]},
        ),
        table,
    )
    sentences = []
    if share is not None:
        sentences.append(
            Sentence(
                _(
                    "{share} of assault attendances with a known time were on Friday or "
                    "Saturday nights (20:00 to 06:00), 20 of the week's 168 hours."
                ),
                {"share": ["percent", share]},
            )
        )
    if untimed:
        sentences.append(
            Sentence(
                _("{n} attendances had no time recorded and are not shown."),
                {"n": ["number", untimed]},
            )
        )
    section = Section(
        "night_time", _("When: the night-time economy"), sentences=sentences, figures=[figure]
    )
    return section, {"share": share, "withheld": withheld, "total": total}


def repeat_places_section(scope: Scope, category: str | None) -> Section:
    places, summary = repeat_places(scope.ctx, scope.area, category, scope.period_first, scope.last)
    table = Table(
        f"places_{category or 'all'}",
        _("The places with most police-recorded incidents"),
        [
            Column("place", _("Place (police.uk anonymised location)"), "text"),
            Column("lsoa11", _("LSOA"), "text"),
            Column("count", _("Incidents")),
        ],
        places,
        source=POLICE,
    )
    sentences = []
    if summary:
        sentences.append(
            Sentence(
                _(
                    "The busiest 5% of {places} places account for {share} of incidents "
                    "(Gini coefficient {gini})."
                ),
                {
                    "places": ["number", summary["places"]],
                    "share": ["percent", summary["top_5pc_share"]],
                    "gini": ["decimal2", summary["gini"]],
                },
            )
        )
    return Section(
        f"places_{category or 'all'}",
        _("Repeat locations"),
        sentences=sentences,
        tables=[table],
    )


def deprivation_section(scope: Scope, hotspots: list[dict[str, Any]], category: str) -> Section:
    lsoas_in_wales = len(scope.ctx.geo.hierarchy.areas_at(Level.LSOA11))
    profile = deprivation_profile(hotspots, lsoas_in_wales)
    table = Table(
        f"deprivation_{category}",
        _("{Category} by deprivation: WIMD 2019 decile (1 = most deprived tenth of Wales)"),
        [
            Column("decile", _("WIMD decile"), "text"),
            Column("lsoas", _("LSOAs")),
            Column("population", _("Residents (2011)")),
            Column("count", _("Crimes")),
            Column("rate", _("Rate per 1,000 residents"), "decimal2"),
        ],
        profile["deciles"],
        {"Category": ["Category", category]},
        POLICE,
    )
    figure = Figure(
        f"deprivation_{category}",
        "bars",
        Sentence(table.caption, table.caption_params),
        Sentence(
            _(
                "Bar chart of the rate of {category} per 1,000 residents in each WIMD decile of "
                "neighbourhoods in {area}."
            ),
            {"category": ["category", category], "area": scope.area_param()},
        ),
        table,
        {"value": "rate", "label": "decile"},
    )
    sentences = []
    if profile["spearman_rho"] is not None:
        sentences.append(
            Sentence(
                _(
                    "Across {lsoas} neighbourhoods, the rate of {category} rises with "
                    "deprivation: Spearman's rank correlation {rho} (p {p})."
                )
                if profile["spearman_rho"] > 0
                else _(
                    "Across {lsoas} neighbourhoods, the rate of {category} does not rise with "
                    "deprivation: Spearman's rank correlation {rho} (p {p})."
                ),
                {
                    "lsoas": ["number", profile["lsoas"]],
                    "category": ["category", category],
                    "rho": ["decimal2", profile["spearman_rho"]],
                    "p": ["decimal3", profile["spearman_p"]],
                },
            )
        )
    return Section(
        f"deprivation_{category}",
        _("Deprivation and population"),
        sentences=sentences,
        figures=[figure],
    )


def cost_section(scope: Scope, deflator: float = 1.0) -> tuple[Section, list[dict[str, Any]]]:
    """Estimated cost of the period's costed records: police.uk records in the area and
    ED attendances in the health boards serving it."""
    costs = load_unit_costs()
    police = count_incidents(
        scope.ctx.warehouse,
        ["source", "subcategory"],
        POLICE,
        scope.period_first,
        scope.last,
        scope.area,
    )
    # ED attendances from the protected base: the period's total for the boards is a
    # figure only when every month of it is published.
    ed = combine(
        [
            Cell(m.ed, m.ed_state)
            for m in ed_police_monthly(
                scope.ctx.geo,
                scope.ctx.warehouse,
                health_boards_for(scope.ctx, scope.area),
                scope.period_first,
                scope.last,
            ).months
        ]
    )
    counted = [
        (str(r.keys["source"]), str(r.keys["source"]), r.keys["subcategory"], r.count)
        for r in police
    ] + [(EMERGENCY_DEPARTMENTS, EMERGENCY_DEPARTMENTS, "assault", ed.value or 0)]
    lines = estimate_costs(counted, costs, deflator)
    by_line: dict[tuple[str, str], dict[str, Any]] = {}
    for line in lines:
        if line.cost_line is None or line.unit_cost is None or line.total is None:
            continue
        row = by_line.setdefault(
            (line.source, line.cost_line),
            {
                "source": line.source,
                "cost_line": line.cost_line,
                "count": 0,
                "unit_cost": line.unit_cost,
                "total": 0.0,
            },
        )
        row["count"] += line.count
        row["total"] += line.total
    rows = sorted(by_line.values(), key=lambda r: -r["total"])
    # The ED line's count is the protected base's figure: withheld (or no data) there,
    # withheld here, and with it its cost.
    rule = rule_for_source(EMERGENCY_DEPARTMENTS)
    for r in rows:
        if r["source"] == EMERGENCY_DEPARTMENTS and (
            not ed.published or rule.low <= r["count"] <= rule.high
        ):
            r["count"] = None
            r["total"] = None
            r["state"] = ed.state if not ed.published else "withheld"
    table = Table(
        "cost",
        _("Estimated cost of crime, {price_year} prices"),
        [
            Column("source", _("Source"), "text"),
            Column("cost_line", _("Unit cost applied"), "text"),
            Column("count", _("Records")),
            Column("unit_cost", _("Unit cost"), "money"),
            Column("total", _("Estimated cost"), "money"),
        ],
        rows,
        {"price_year": ["text", costs.price_year]},
        EMERGENCY_DEPARTMENTS
        if any(r["source"] == EMERGENCY_DEPARTMENTS for r in rows)
        else POLICE,
        suppressed_cells=sum(2 for r in rows if r.get("state") == "withheld"),
        withheld=_withheld(rows, ("count", "total")),
    )
    total = sum(r["total"] or 0 for r in rows)
    sentences = [
        Sentence(
            _(
                "At {source} unit costs, the costed records from {first} to {last} represent "
                "an estimated {total} in costs to victims, services and society."
            ),
            {
                "source": ["text", costs.title],
                "first": ["month", scope.period_first],
                "last": ["month", scope.last],
                "total": ["money", total],
            },
        ),
        Sentence(
            _(
                "police.uk joins violence with sexual offences, so police-recorded violence is "
                "not costed; emergency department assaults are costed as violence with injury."
            )
        ),
    ]
    return Section("cost", _("Cost"), sentences=sentences, tables=[table]), rows


def editable_section(key: str, heading: str) -> Section:
    return Section(key, heading, editable=key)
