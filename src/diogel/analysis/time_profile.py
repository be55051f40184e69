"""Day-of-week by hour profiles: the night-time economy view."""

from __future__ import annotations

import pandas as pd

DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def day_hour_profile(frame: pd.DataFrame) -> pd.DataFrame:
    """A 7 x 24 table of counts (rows Monday..Sunday, columns hours 0..23).

    ``frame`` needs ``occurred_date`` and ``occurred_time``; rows without a time
    are left out (and should be reported as such by the caller).
    """
    timed = frame.dropna(subset=["occurred_date", "occurred_time"])
    days = pd.to_datetime(timed["occurred_date"]).dt.day_of_week
    hours = pd.Series([t.hour for t in timed["occurred_time"]], index=timed.index)
    table = pd.crosstab(days, hours).reindex(index=range(7), columns=range(24), fill_value=0)
    table.index = list(DAYS)
    return table
