import django.db.models.manager
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("workshops", "0005_report_include_empty"),
    ]

    operations = [
        migrations.AddField(
            model_name="workshop",
            name="importing",
            field=models.BooleanField(default=False, editable=False),
        ),
        migrations.AlterModelOptions(
            name="workshop",
            options={
                "base_manager_name": "all_objects",
                "default_manager_name": "objects",
                "ordering": ["-created_at"],
            },
        ),
        migrations.AlterModelManagers(
            name="workshop",
            managers=[
                ("all_objects", django.db.models.manager.Manager()),
                ("objects", django.db.models.manager.Manager()),
            ],
        ),
    ]
