"""One cast for every test: facilitator, manager and viewer in one organisation, an outsider
in another (with a workshop of their own)."""

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from workshops.models import Membership, Organisation, Role, WorkshopMember, WorkshopRole
from workshops.views import create_workshop


def make_user(username, organisation, role):
    user = get_user_model().objects.create_user(username, f"{username}@example.com", "pw-12345")
    Membership.objects.create(organisation=organisation, user=user, role=role)
    return user


@pytest.fixture
def organisation(db):
    return Organisation.objects.create(name="Konsultit Oy", slug="konsultit")


@pytest.fixture
def other_organisation(db):
    return Organisation.objects.create(name="Other Consulting", slug="other")


@pytest.fixture
def facilitator(organisation):
    return make_user("alice", organisation, Role.FACILITATOR)


@pytest.fixture
def workshop(organisation, facilitator):
    return create_workshop(
        organisation=organisation,
        name="Muovitukku",
        client="Muovi Oy",
        language="fi",
        by=facilitator,
    )


@pytest.fixture
def en_workshop(organisation, facilitator):
    return create_workshop(
        organisation=organisation, name="Clinic", client="Smile Ltd", language="en", by=facilitator
    )


@pytest.fixture
def manager(organisation, workshop):
    user = make_user("bob", organisation, Role.MANAGER)
    WorkshopMember.objects.create(workshop=workshop, user=user, role=WorkshopRole.MANAGER)
    return user


@pytest.fixture
def viewer(organisation, workshop):
    user = make_user("charlie", organisation, Role.VIEWER)
    WorkshopMember.objects.create(workshop=workshop, user=user, role=WorkshopRole.VIEWER)
    return user


@pytest.fixture
def outsider(other_organisation):
    user = make_user("mallory", other_organisation, Role.OWNER)
    create_workshop(
        organisation=other_organisation, name="Mallory's own", client="", language="en", by=user
    )
    return user


@pytest.fixture
def client_for(db):
    def login(user):
        client = Client()
        client.force_login(user)
        return client

    return login


@pytest.fixture
def stage(workshop):
    journey = workshop.journeys.get()
    return journey.phases.get(key="purchase").stages.order_by("position").first()


HTMX = {"HX-Request": "true"}
