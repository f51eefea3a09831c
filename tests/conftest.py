"""One cast for every test: facilitator, manager and viewer in one organisation, an outsider
in another (with a workshop of their own)."""

import ipaddress
import socket

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from workshops.models import Membership, Organisation, Role, WorkshopMember, WorkshopRole
from workshops.views import create_workshop


class NetworkBlocked(OSError):
    """A test tried to reach a host other than this machine."""


LOCAL_NAMES = {"localhost", "testserver", ""}


def is_local(host) -> bool:
    if isinstance(host, bytes):
        host = host.decode()
    if host in LOCAL_NAMES:
        return True
    try:
        return ipaddress.ip_address(host.split("%")[0]).is_loopback
    except ValueError:
        return False


@pytest.fixture(autouse=True)
def no_network(monkeypatch):
    """No test reaches the internet: connections and name lookups go only to this machine
    (PostgreSQL, Redis and the live server run on 127.0.0.1). A test that needs a remote
    host is wrong, not unlucky."""
    connect, connect_ex, getaddrinfo = (
        socket.socket.connect,
        socket.socket.connect_ex,
        socket.getaddrinfo,
    )

    def check(sock, address):
        if sock.family in (socket.AF_INET, socket.AF_INET6) and not is_local(address[0]):
            raise NetworkBlocked(f"network access in a test: {address!r}")

    def guarded_connect(sock, address):
        check(sock, address)
        return connect(sock, address)

    def guarded_connect_ex(sock, address):
        check(sock, address)
        return connect_ex(sock, address)

    def guarded_getaddrinfo(host, *args, **kwargs):
        if host is not None and not is_local(host):
            raise NetworkBlocked(f"name lookup in a test: {host!r}")
        return getaddrinfo(host, *args, **kwargs)

    monkeypatch.setattr(socket.socket, "connect", guarded_connect)
    monkeypatch.setattr(socket.socket, "connect_ex", guarded_connect_ex)
    monkeypatch.setattr(socket, "getaddrinfo", guarded_getaddrinfo)


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
