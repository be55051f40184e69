"""The JSON API (``/api/v1/``): the insight answers for partner systems and dashboards."""
