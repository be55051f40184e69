"""Agenda items (and their papers) carry a confidentiality level, a publication state and
the people named on them.

Items recorded before this were open to every signed-in partner: they become
published partners' items, so nobody loses sight of what they read, and their
keepers can narrow them. New items start as drafts.
"""

from django.conf import settings
from django.db import migrations, models

LEVELS = [
    ("public", "Public"),
    ("partners", "Partners"),
    ("board_members", "Board members"),
    ("named", "Named people"),
]
STATES = [("draft", "Draft"), ("published", "Published"), ("withdrawn", "Withdrawn")]


class Migration(migrations.Migration):
    dependencies = [
        ("boards", "0003_office_holders_linked_to_accounts"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="meetingitem",
            name="confidentiality",
            field=models.CharField(
                choices=LEVELS, default="partners", max_length=20, verbose_name="who may see it"
            ),
        ),
        # Existing items take "published" (what they were in effect); then new ones "draft".
        migrations.AddField(
            model_name="meetingitem",
            name="publication",
            field=models.CharField(
                choices=STATES,
                db_index=True,
                default="published",
                max_length=10,
                verbose_name="publication",
            ),
        ),
        migrations.AlterField(
            model_name="meetingitem",
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
            model_name="meetingitem",
            name="named_readers",
            field=models.ManyToManyField(
                blank=True,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
                verbose_name="named people",
            ),
        ),
    ]
