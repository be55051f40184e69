"""Plain-language sentences generated from a report's numbers.

Only what the numbers support is said: a change is called a rise or a fall,
"above/below its expected range" only when the month is flagged, and a
12-month change is called significant only when its exact 95% interval
excludes no change.
"""

from __future__ import annotations

from typing import Any

from diogel.analysis.trends import shift_month
from diogel.reports.document import Sentence
from diogel.reports.i18n import _

RANGE_PHRASES = {
    "above": _(", above its expected range"),
    "below": _(", below its expected range"),
    None: _(", within its expected range"),
}


def headline_sentences(rows: list[dict[str, Any]], month: str) -> list[Sentence]:
    """A sentence for violence, then one for any other category outside its range."""
    out: list[Sentence] = []
    for row in rows:
        if row["category"] != "violence" and not row["flag"]:
            continue
        if row["count"] is None:
            continue  # no data for the month: nothing to say, and never a zero
        out.append(month_sentence(row, month))
        if row["category"] == "violence" and row["change_twelve_months"] is not None:
            out.append(twelve_month_sentence(row, month))
    return out


def month_sentence(row: dict[str, Any], month: str) -> Sentence:
    change = row["change"]
    params: dict[str, list[Any]] = {
        "Category": ["Category", row["category"]],
        "category": ["category", row["category"]],
        "count": ["number", row["count"]],
        "month": ["month", month],
        "previous_month": ["month", shift_month(month, -12)],
        "range": ["message", RANGE_PHRASES[row["flag"]] if row["expected"] is not None else ""],
    }
    if change is None:
        message = _("Police recorded {count} crimes of {category} in {month}.")
    elif change > 0:
        message = _("{Category} rose by {change} on {previous_month}, to {count}{range}.")
        params["change"] = ["percent", change]
    elif change < 0:
        message = _("{Category} fell by {change} on {previous_month}, to {count}{range}.")
        params["change"] = ["percent", -change]
    else:
        message = _("{Category} was unchanged on {previous_month}, at {count}{range}.")
    return Sentence(message, params)


def twelve_month_sentence(row: dict[str, Any], month: str) -> Sentence:
    change = row["change_twelve_months"]
    significant = row["ci_low"] is not None and (row["ci_low"] > 0 or (row["ci_high"] or 0) < 0)
    params: dict[str, list[Any]] = {
        "category": ["category", row["category"]],
        "month": ["month", month],
        "count": ["number", row["twelve_months"]],
        "previous": ["number", row["previous_twelve_months"]],
        "change": ["percent", abs(change)],
        "low": ["change", row["ci_low"]],
        "high": ["change", row["ci_high"]],
    }
    if change >= 0:
        message = (
            _(
                "Over the 12 months to {month}, {category} rose by {change} ({count} against "
                "{previous}), a significant rise (95% interval {low} to {high})."
            )
            if significant
            else _(
                "Over the 12 months to {month}, {category} rose by {change} ({count} against "
                "{previous}), within what chance alone could give (95% interval {low} to {high})."
            )
        )
    else:
        message = (
            _(
                "Over the 12 months to {month}, {category} fell by {change} ({count} against "
                "{previous}), a significant fall (95% interval {low} to {high})."
            )
            if significant
            else _(
                "Over the 12 months to {month}, {category} fell by {change} ({count} against "
                "{previous}), within what chance alone could give (95% interval {low} to {high})."
            )
        )
    return Sentence(message, params)
