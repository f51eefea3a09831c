"""`migrate` alone creates the database cache table: no separate `createcachetable` step."""

import importlib
from types import SimpleNamespace

from django.core.cache import cache
from django.db import connection
from django.test import override_settings
from django.urls import reverse

migration = importlib.import_module("workshops.migrations.0003_cache_table")
TABLE = "arvopolku_cache"


def drop_cache_table():
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TABLE {connection.ops.quote_name(TABLE)}")
    assert TABLE not in connection.introspection.table_names()


def run_migration():
    migration.create_cache_tables(None, SimpleNamespace(connection=connection))


def test_the_migration_creates_the_cache_table_and_chart_pages_work(client_for, manager, workshop):
    drop_cache_table()
    run_migration()
    assert TABLE in connection.introspection.table_names()
    cache.set("probe", 1)
    assert cache.get("probe") == 1
    journey = workshop.journeys.get()
    response = client_for(manager).get(reverse("journey:map", args=[journey.pk]))
    assert response.status_code == 200 and "<svg" in response.text


def test_the_migration_can_run_again(db):
    run_migration()
    run_migration()
    assert TABLE in connection.introspection.table_names()


@override_settings(CACHES={"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}})
def test_without_a_database_cache_it_creates_nothing(db):
    drop_cache_table()
    run_migration()
    assert TABLE not in connection.introspection.table_names()
