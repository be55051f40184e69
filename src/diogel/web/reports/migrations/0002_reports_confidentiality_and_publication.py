"""Reports carry a confidentiality level, a publication state (draft, published,
withdrawn) and the people named on them, in place of a published yes/no.

A report published before this was on the public page: it becomes a published
public report. One not published becomes a draft, which only its makers, the
keepers of the boards of its area and administrators see.
"""

from typing import Any

from django.conf import settings
from django.db import migrations, models

LEVELS = [
    ("public", "Public"),
    ("partners", "Partners"),
    ("board_members", "Board members"),
    ("named", "Named people"),
]
STATES = [("draft", "Draft"), ("published", "Published"), ("withdrawn", "Withdrawn")]


def states_from_flag(apps: Any, schema_editor: Any) -> None:
    Report = apps.get_model("reports", "Report")
    Report.objects.filter(published=True).update(publication="published")


def flag_from_states(apps: Any, schema_editor: Any) -> None:
    Report = apps.get_model("reports", "Report")
    Report.objects.filter(publication="published", confidentiality="public").update(published=True)


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="report",
            name="confidentiality",
            field=models.CharField(
                choices=LEVELS, default="public", max_length=20, verbose_name="who may see it"
            ),
        ),
        migrations.AddField(
            model_name="report",
            name="publication",
            field=models.CharField(
                choices=STATES,
                db_index=True,
                default="draft",
                max_length=10,
                verbose_name="publication",
            ),
        ),
        migrations.AddField(
            model_name="report",
            name="named_readers",
            field=models.ManyToManyField(
                blank=True,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
                verbose_name="named people",
            ),
        ),
        migrations.RunPython(states_from_flag, flag_from_states),
        migrations.RemoveField(model_name="report", name="published"),
    ]
