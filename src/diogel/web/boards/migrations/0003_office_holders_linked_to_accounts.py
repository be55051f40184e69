"""An office holder may be linked to their account on the site, so the people who hold a
board's seats read the papers for its board members."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("boards", "0002_landscape_people_history"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="person",
            name="account",
            field=models.OneToOneField(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="office_holder",
                to=settings.AUTH_USER_MODEL,
                verbose_name="account on the site",
            ),
        ),
    ]
