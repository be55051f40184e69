"""Analyses: trends and rates, hotspots, places, time profiles, hidden harm, cost.

One module per statistic; each works on plain arrays or data frames and knows
nothing of the web. See ``docs/methods.md`` for the methods and their references.
"""
