"""Follow-up fixtures on the cast's workshop: measures, feedback and English clients."""

import datetime
from decimal import Decimal

import pytest
from django.test import Client

from followup.models import Measure, MeasureValue


@pytest.fixture
def en_client_for(db):
    """A signed-in client whose UI language is English (the tests read English labels)."""

    def login(user):
        client = Client()
        client.cookies["django_language"] = "en"
        if user is not None:
            client.force_login(user)
        return client

    return login


@pytest.fixture
def public_client(db):
    client = Client()
    client.cookies["django_language"] = "en"
    return client


@pytest.fixture
def make_measure(stage):
    def make(target_stage=None, **fields):
        values = {
            "name": "NPS",
            "target": Decimal("50"),
            "tolerance": Decimal("10"),
            "direction": "higher",
            "period": "month",
        }
        values.update(fields)
        return Measure.objects.create(stage=target_stage or stage, **values)

    return make


@pytest.fixture
def measure(make_measure):
    return make_measure()


def set_value(measure, day, value):
    return MeasureValue.objects.update_or_create(
        measure=measure, period_start=day, defaults={"value": Decimal(str(value))}
    )[0]


@pytest.fixture
def this_month():
    from followup.services import today

    return today().replace(day=1)


@pytest.fixture
def last_month(this_month):
    return (this_month - datetime.timedelta(days=1)).replace(day=1)
