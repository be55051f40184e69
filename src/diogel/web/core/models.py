"""What the site keeps for itself rather than for one capability.

:class:`SeedRecord` is how a seed (``diogel seed ...``) tells the rows it wrote from
the rows people recorded or changed on the site: see :mod:`diogel.web.core.seeding`.
"""

from __future__ import annotations

from django.db import models


class SeedRecord(models.Model):
    """One entry a seed file gives, the row it went into, and what the file said of it.

    ``values`` holds each field the seed owns as the file gave it when the seed last
    ran (foreign keys and many-to-many links by primary key), so the next run can
    tell a field nobody changed since (it still holds that value: the file's new
    value may replace it) from one changed on the site (kept). ``row`` is empty once
    the row has been removed on the site: the seed does not bring it back.
    """

    seed = models.CharField(max_length=40)  # "wales-landscape", "wales-programme", "measures"
    model = models.CharField(max_length=100)  # the row's model, as "app_label.model_name"
    key = models.CharField(max_length=400)  # the entry's identity in the seed file
    row = models.BigIntegerField(null=True, blank=True)  # the row's primary key
    values = models.JSONField(default=dict)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["model", "key"], name="one_seed_record_per_entry")
        ]
        indexes = [models.Index(fields=["seed"], name="seed_record_seed")]

    def __str__(self) -> str:
        return f"{self.seed} {self.model} {self.key}"
