"""The old audit log's tables go, once ``audit.0002`` has carried its entries into
the one trail."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("imports", "0002_audit_chain"),
        ("audit", "0002_carry_old_site_log"),
    ]

    operations = [
        migrations.DeleteModel(name="AuditEvent"),
        migrations.DeleteModel(name="AuditChainHead"),
    ]
