"""Every row of some tables, for comparing a database before and after a seed."""

from __future__ import annotations

from typing import Any

from django.db import models


def tables(*kinds: type[models.Model]) -> dict[str, list[dict[str, Any]]]:
    """Each model's rows (every field) by primary key, and those of its many-to-many
    link tables, keyed by table name."""
    out: dict[str, list[dict[str, Any]]] = {}
    for model in kinds:
        out[model._meta.db_table] = list(model._default_manager.order_by("pk").values())
        for m2m in model._meta.many_to_many:
            through = getattr(m2m.remote_field, "through", None)
            assert through is not None, m2m
            out[through._meta.db_table] = list(through._default_manager.order_by("pk").values())
    return out
