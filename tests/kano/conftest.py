"""Kano fixtures: factors, survey rounds and answers on the cast's workshops."""

import pytest
from django.test import Client

from kano.models import Answer, Respondent, Survey
from kano.services import create_factor


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
def public_client():
    client = Client()
    client.cookies["django_language"] = "en"
    return client


@pytest.fixture
def factors(workshop):
    return [
        create_factor(workshop=workshop, name="Nopea toimitus"),
        create_factor(workshop=workshop, name="Selkeä lasku"),
    ]


@pytest.fixture
def en_factors(en_workshop):
    return [
        create_factor(workshop=en_workshop, name="Fast delivery"),
        create_factor(workshop=en_workshop, name="Clear invoice"),
    ]


@pytest.fixture
def survey(workshop, factors):
    return Survey.objects.create(workshop=workshop, name="Kevät 2025", status="open")


@pytest.fixture
def en_survey(en_workshop, en_factors):
    return Survey.objects.create(workshop=en_workshop, name="Spring round", status="open")


def add_answers(survey, rows, source="upload"):
    """rows: (respondent key, factor, functional, dysfunctional[, importance[, attributes]])."""
    respondents = {}
    for row in rows:
        key, factor, functional, dysfunctional, *rest = row
        importance = rest[0] if rest else None
        attributes = rest[1] if len(rest) > 1 else {}
        if key not in respondents:
            respondents[key] = Respondent.objects.create(
                survey=survey, key=key, attributes=attributes, source=source
            )
        Answer.objects.create(
            respondent=respondents[key],
            factor=factor,
            functional=functional,
            dysfunctional=dysfunctional,
            importance=importance,
        )
    return respondents
