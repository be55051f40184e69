"""Seeding that never loses what people recorded.

A seed (``diogel seed wales-landscape``, ``wales-programme``, ``measures``; ``diogel
demo`` runs all three on every start) brings the database up to a register file.
Every seed goes through :class:`Seeding`, which keeps three rules:

* it creates what the file has and the database lacks;
* it changes a field only while the row still holds what the file said of it when
  the seed last ran, that is when nobody has changed it on the site since. A field
  changed on the site is kept; when the file changes that field too, a warning names
  it;
* it deletes nothing. An entry the file no longer has stays, with a warning; a row
  removed on the site is not brought back (a warning names it once).

What the file said of each entry is kept in :class:`~diogel.web.core.models.SeedRecord`,
one per entry, so any change on the site (its forms, the admin, a shell) shows as a
difference, whatever path it took. For a row the seed has no record of (rows seeded
before records were kept, or recorded on the site under the code the file now
gives) the seed takes the row as it is: equal fields are the file's from then on, a
field that differs is the site's and is kept, with a warning.

Running a seed twice changes nothing the second time (0 created, 0 updated).
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, TypeVar

from django.apps import apps
from django.core.management.base import BaseCommand
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models

from diogel.web.core.models import SeedRecord

M = TypeVar("M", bound=models.Model)


@dataclass
class SeedReport:
    """What one run of a seed did: rows created and updated by kind, and its warnings.

    ``created`` and ``updated`` count rows by model (``app_label.model_name``); ``unchanged`` counts
    the file's entries the run left as they were (including those kept as the site
    has them).
    """

    seed: str
    created: Counter[str] = field(default_factory=Counter)
    updated: Counter[str] = field(default_factory=Counter)
    unchanged: int = 0
    warnings: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        """The command's output: a summary line, what changed by kind, then warnings."""
        created, updated = sum(self.created.values()), sum(self.updated.values())
        out = [f"{self.seed}: {created} created, {updated} updated, {self.unchanged} unchanged"]
        for word, counts in (("created", self.created), ("updated", self.updated)):
            if counts:
                detail = ", ".join(f"{n} {_kind(label, n)}" for label, n in sorted(counts.items()))
                out.append(f"  {word}: {detail}")
        out += [f"warning: {w}" for w in self.warnings]
        return out


def present(rows: Mapping[str, M], codes: Iterable[str]) -> list[M]:
    """The rows of ``codes`` still there (one removed on the site is left out)."""
    return [rows[code] for code in codes if code in rows]


def _kind(label: str, n: int) -> str:
    meta = apps.get_model(label)._meta
    return str(meta.verbose_name if n == 1 else meta.verbose_name_plural)


def plain(value: Any) -> Any:
    """``value`` as a seed record holds it: rows by primary key, decimals as exact
    text, tuples as lists; so the file's value and the stored one compare equal."""
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    return json.loads(json.dumps(value, cls=DjangoJSONEncoder))


class Seeding:
    """One run of the seed named ``seed``, inside the caller's transaction.

    Call :meth:`sync` for every entry of the file, then :meth:`finish`.
    """

    def __init__(self, seed: str) -> None:
        self.seed = seed
        self.report = SeedReport(seed)
        self._records = {(r.model, r.key): r for r in SeedRecord.objects.filter(seed=seed)}
        self._rows: dict[str, dict[Any, models.Model]] = {}  # recorded rows, by model
        self._claimed: dict[str, set[Any]] = {}  # rows any seed record points at, by model
        self._seen: set[tuple[str, str]] = set()
        self._fresh: set[tuple[str, str]] = set()  # created by this run
        self._changed: dict[str, set[str]] = {}  # keys updated by this run, by model
        self._dirty: set[tuple[str, str]] = set()  # records to save

    def sync(
        self,
        model: type[M],
        key: str,
        values: Mapping[str, Any],
        *,
        find: Mapping[str, Any],
        links: Mapping[str, Iterable[models.Model]] | None = None,
        create: Mapping[str, Any] | None = None,
    ) -> M | None:
        """Bring the row for the file's entry ``key`` up to ``values`` and ``links``.

        Parameters
        ----------
        model
            The row's model.
        key
            The entry's identity in the file, unique for the model (e.g. a board's
            code and a seat's code).
        values
            The fields the seed owns, as the file gives them (foreign keys as rows or
            None). A later call for the same entry may give more of its fields.
        find
            How to recognise a row the seed has no record of: its natural key, or for
            rows without a code the fields that identify one. Rows another entry's
            record points at are never taken.
        links
            The many-to-many fields the seed owns, as the rows the file links to. They
            are merged link by link: links added on the site stay, links removed on
            the site stay removed.
        create
            Fields a new row needs that the seed does not keep up to date.

        Returns
        -------
        The row, or None when it was removed on the site (the seed does not bring it
        back: leave out what hangs from it).
        """
        label = model._meta.label_lower
        entry = (label, key)
        self._seen.add(entry)
        links = links or {}
        record = self._records.get(entry)
        row: M | None = None
        if record is not None:
            if record.row is None:
                return None  # removed on the site, and already reported
            row = self._recorded_rows(model).get(record.row)  # type: ignore[assignment]
            if row is None:
                self._warn(f"not recreated: {self._name(model, key)}, removed on the site")
                record.row = None
                self._dirty.add(entry)
                return None
        else:
            claimed = self._claimed_rows(model)
            row = model._default_manager.filter(**find).exclude(pk__in=claimed).first()
            if row is None:
                row = model._default_manager.create(**{**find, **(create or {}), **values})
                self._fresh.add(entry)
                self.report.created[label] += 1
            record = SeedRecord(seed=self.seed, model=label, key=key, row=row.pk, values={})
            self._records[entry] = record
            claimed.add(row.pk)
            self._dirty.add(entry)
        fresh = entry in self._fresh
        saved = dict(record.values)
        changed: list[str] = []
        for name, value in values.items():
            new = plain(value)
            field = model._meta.get_field(name)
            assert isinstance(field, models.Field), name  # a field of the row, not a relation
            attname = field.attname  # foreign keys by their id
            current = plain(getattr(row, attname))
            # A row this run created takes what a later call gives (its links to rows
            # created after it); any other row, only what nobody changed on the site.
            if (current != new) if fresh else self._merge(model, key, name, saved, current, new):
                setattr(row, attname, new if attname != name else value)
                changed.append(name)
            saved[name] = new
        if changed:
            row.save(update_fields=changed)
        for name, targets in links.items():
            manager = getattr(row, name)
            new_links = sorted({t.pk for t in targets})
            if fresh:
                manager.set(new_links)
            else:
                current_links = set(manager.values_list("pk", flat=True))
                result = self._merge_links(model, key, name, saved, current_links, new_links)
                if result != current_links:
                    manager.add(*(result - current_links))
                    manager.remove(*(current_links - result))
                    changed.append(name)
            saved[name] = new_links
        if saved != record.values:
            record.values = saved
            self._dirty.add(entry)
        if changed and not fresh and key not in self._changed.setdefault(label, set()):
            self._changed[label].add(key)
            self.report.updated[label] += 1
        return row

    def finish(self) -> SeedReport:
        """Keep, and name, what the file no longer has; save the records; report."""
        for entry, record in list(self._records.items()):
            if entry in self._seen:
                continue
            model = apps.get_model(record.model)
            if record.row is not None and model._default_manager.filter(pk=record.row).exists():
                self._warn(
                    f"kept {self._name(model, record.key)}: the file no longer has it; "
                    "it stays, as the site's own"
                )
            if record.pk is not None:
                record.delete()
            del self._records[entry]
            self._dirty.discard(entry)
        dirty = [self._records[e] for e in self._dirty]
        SeedRecord.objects.bulk_create([r for r in dirty if r.pk is None])
        SeedRecord.objects.bulk_update([r for r in dirty if r.pk is not None], ["row", "values"])
        touched = sum(self.report.created.values()) + sum(self.report.updated.values())
        self.report.unchanged = len(self._seen) - touched
        return self.report

    def _merge(
        self,
        model: type[models.Model],
        key: str,
        name: str,
        saved: dict[str, Any],
        current: Any,
        new: Any,
    ) -> bool:
        """Whether the field takes the file's ``new`` value (warning when it may not)."""
        if current == new:
            return False
        if name in saved:
            if new == saved[name]:
                return False  # the file has not changed it: the site's value, if any, stands
            if current == saved[name]:
                return True  # nobody changed it since the seed last ran
            self._warn(
                f"kept the site's {name} of {self._name(model, key)}: it was changed on "
                "the site, and the file now changes it too"
            )
            return False
        self._warn(f"kept the site's {name} of {self._name(model, key)}: it differs from the file")
        return False

    def _merge_links(
        self,
        model: type[models.Model],
        key: str,
        name: str,
        saved: dict[str, Any],
        current: set[Any],
        new: list[Any],
    ) -> set[Any]:
        """The links to keep: the site's, with what the file added and less what it
        removed since the seed last ran."""
        wanted = set(new)
        if name not in saved:
            if current != wanted:
                self._warn(
                    f"kept the site's {name} of {self._name(model, key)}: they differ from the file"
                )
            return current
        before = set(saved[name])
        return (current | (wanted - before)) - (before - wanted)

    def _recorded_rows(self, model: type[models.Model]) -> dict[Any, models.Model]:
        label = model._meta.label_lower
        if label not in self._rows:
            ids = [r.row for (m, _k), r in self._records.items() if m == label and r.row]
            self._rows[label] = model._default_manager.in_bulk(ids)
        return self._rows[label]

    def _claimed_rows(self, model: type[models.Model]) -> set[Any]:
        label = model._meta.label_lower
        if label not in self._claimed:
            self._claimed[label] = set(
                SeedRecord.objects.filter(model=label, row__isnull=False).values_list(
                    "row", flat=True
                )
            )
        return self._claimed[label]

    @staticmethod
    def _name(model: type[models.Model], key: str) -> str:
        return f"{model._meta.verbose_name} {key}"

    def _warn(self, text: str) -> None:
        if text not in self.report.warnings:
            self.report.warnings.append(text)


def write_report(command: BaseCommand, report: SeedReport) -> None:
    """Print a seed's report from its management command: the summary and what
    changed on standard output, each warning on standard error."""
    for line in report.lines():
        if line.startswith("warning: "):
            command.stderr.write(line, command.style.WARNING)
        else:
            command.stdout.write(line)
