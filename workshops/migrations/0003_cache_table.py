"""Creates the database cache table (rate limits, cached charts), so that `migrate` alone
makes a working server: before, a server started without `createcachetable` answered 500 on
every chart page. Idempotent: `createcachetable` skips tables that exist; without a
DatabaseCache backend (e.g. Redis) it does nothing."""

from django.conf import settings
from django.core.management import call_command
from django.db import migrations


def create_cache_tables(apps, schema_editor):
    database = schema_editor.connection.alias
    uses_database_cache = any(
        cache["BACKEND"] == "django.core.cache.backends.db.DatabaseCache"
        for cache in settings.CACHES.values()
    )
    if uses_database_cache:
        call_command("createcachetable", database=database, verbosity=0)


class Migration(migrations.Migration):
    dependencies = [("workshops", "0002_alter_organisation_accent_color_report")]

    operations = [migrations.RunPython(create_cache_tables, migrations.RunPython.noop)]
