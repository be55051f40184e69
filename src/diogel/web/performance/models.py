"""The performance framework on the site: measures, their named owners and their values.

``Measure`` mirrors a measure of :func:`diogel.performance.load_framework` (loaded by
``diogel manage seed_measures``, updated in place by its code); ``keepers`` are the
people who may enter its values. ``MeasureValue`` holds one value per measure, area
and period: hub values computed from the warehouse (:mod:`.recompute`, again after
every import) and the values owners enter. "No data" is a row with ``has_data``
false and no value, never a zero; a value disclosure control withholds is
``suppressed`` with no value.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from diogel.geography import Level
from diogel.performance import (
    Frequency,
    HubQuery,
    MeasureLevel,
    MeasureType,
    Method,
    Polarity,
    Statistic,
    Target,
)
from diogel.performance import Measure as CoreMeasure
from diogel.performance import MeasureValue as CoreValue


def _choices(kind: Any) -> list[tuple[str, str]]:
    return [(member.value, member.label_en) for member in kind]


class Measure(models.Model):
    code = models.SlugField(_("code"), max_length=80, unique=True)
    name_en = models.CharField(_("name in English"), max_length=300)
    name_cy = models.CharField(_("name in Welsh"), max_length=300, blank=True)
    level = models.CharField(_("level"), max_length=20, choices=_choices(MeasureLevel))
    measure_type = models.CharField(_("type"), max_length=20, choices=_choices(MeasureType))
    unit = models.CharField(_("unit"), max_length=80)
    polarity = models.CharField(_("polarity"), max_length=20, choices=_choices(Polarity))
    frequency = models.CharField(_("frequency"), max_length=20, choices=_choices(Frequency))
    method = models.CharField(_("method"), max_length=20, choices=_choices(Method))
    definition = models.TextField(_("definition"), blank=True)
    # What a hub measure computes: statistic, source, category and level.
    hub = models.JSONField(_("hub query"), null=True, blank=True)
    # The owner the framework names (a role or body, as the seed documents give it).
    owner = models.CharField(_("owner"), max_length=300, blank=True)
    # basis, value or change on a baseline, tolerance.
    target = models.JSONField(_("target"), null=True, blank=True)
    public = models.BooleanField(_("open data"), default=True)
    objectives = models.JSONField(_("objectives"), default=list, blank=True)
    recommendations = models.JSONField(_("recommendations"), default=list, blank=True)
    sources = models.JSONField(_("sources"), default=list, blank=True)
    order = models.PositiveIntegerField(_("order"), default=0)
    # The named people who enter this measure's values (with administrators).
    keepers = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("keepers"),
        blank=True,
        related_name="measures_kept",
    )

    class Meta:
        ordering = ["order", "code"]
        verbose_name = _("measure")
        verbose_name_plural = _("measures")

    def __str__(self) -> str:
        return self.name_en

    @property
    def name(self) -> str:
        return self.name_cy if get_language() == "cy" and self.name_cy else self.name_en

    @property
    def name_language(self) -> str:
        return "cy" if get_language() == "cy" and self.name_cy else "en"

    @property
    def is_hub(self) -> bool:
        return self.method == Method.HUB.value

    def _label(self, member: Any) -> str:
        return str(member.label_cy if get_language() == "cy" else member.label_en)

    @property
    def label_level(self) -> str:
        return self._label(MeasureLevel(self.level))

    @property
    def label_type(self) -> str:
        return self._label(MeasureType(self.measure_type))

    @property
    def label_polarity(self) -> str:
        return self._label(Polarity(self.polarity))

    @property
    def label_frequency(self) -> str:
        return self._label(Frequency(self.frequency))

    @property
    def label_method(self) -> str:
        return self._label(Method(self.method))

    def as_core(self) -> CoreMeasure:
        """The core measure, for :func:`diogel.performance.scorecard` and computing."""
        hub = None
        if self.hub:
            hub = HubQuery(
                Statistic(self.hub["statistic"]),
                self.hub["source"],
                self.hub.get("category"),
                Level(self.hub["level"]),
            )
        target = None
        if self.target:
            target = Target(
                self.target.get("basis", ""),
                self.target.get("value"),
                self.target.get("change"),
                self.target.get("baseline"),
                self.target.get("tolerance", 0.05),
            )
        return CoreMeasure(
            code=self.code,
            name_en=self.name_en,
            name_cy=self.name_cy or None,
            level=MeasureLevel(self.level),
            type=MeasureType(self.measure_type),
            unit=self.unit,
            polarity=Polarity(self.polarity),
            frequency=Frequency(self.frequency),
            method=Method(self.method),
            sources=(),
            definition=self.definition,
            hub=hub,
            owner=self.owner or None,
            target=target,
            public=self.public,
            objectives=tuple(self.objectives),
            recommendations=tuple(self.recommendations),
        )


class MeasureValue(models.Model):
    measure = models.ForeignKey(
        Measure, verbose_name=_("measure"), on_delete=models.CASCADE, related_name="values"
    )
    area = models.CharField(_("area code"), max_length=12)
    period = models.CharField(_("period"), max_length=7)  # YYYY, YYYY-Qn or YYYY-MM
    value = models.DecimalField(_("value"), max_digits=24, decimal_places=9, null=True, blank=True)
    count = models.PositiveIntegerField(_("records behind it"), null=True, blank=True)
    has_data = models.BooleanField(_("has data"), default=True)
    suppressed = models.BooleanField(_("withheld by disclosure control"), default=False)
    method = models.CharField(_("method"), max_length=20, choices=_choices(Method))
    computed_at = models.DateTimeField(_("computed"), null=True, blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("entered by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="measure_values",
    )
    # Who gave a value the framework file carries (a body, as the seed names it).
    entered_by_name = models.CharField(_("entered by (as recorded)"), max_length=300, blank=True)
    note = models.TextField(_("note"), blank=True)
    sources = models.JSONField(_("sources"), default=list, blank=True)
    updated = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["measure", "area", "period"]
        verbose_name = _("measure value")
        verbose_name_plural = _("measure values")
        constraints = [
            models.UniqueConstraint(
                fields=["measure", "area", "period"], name="one_value_per_measure_area_period"
            ),
            # "No data" and a withheld value are never a number.
            models.CheckConstraint(
                condition=models.Q(value__isnull=True) | models.Q(has_data=True, suppressed=False),
                name="no_number_without_data",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.measure.code} {self.area} {self.period}"

    @property
    def who(self) -> str:
        if self.entered_by is not None:
            return self.entered_by.get_full_name() or self.entered_by.get_username()
        return self.entered_by_name

    def as_core(self, area_name: str | None = None) -> CoreValue:
        return CoreValue(
            self.measure.code,
            self.area,
            area_name,
            self.period,
            None if self.value is None else float(self.value),
            Method(self.method),
            count=self.count,
            has_data=self.has_data,
            suppressed=self.suppressed,
            entered_by=self.who or None,
        )


def to_decimal(value: float | None) -> Decimal | None:
    """A float as the stored decimal (nine places), None kept as None."""
    if value is None:
        return None
    return Decimal(repr(value)).quantize(Decimal("0.000000001"))
