"""The calendar feed of a person's action due dates, behind a secret, rotatable URL."""

import datetime

import pytest
from django.urls import reverse
from icalendar import Calendar

from followup.models import CalendarToken
from journey.models import Action
from workshops.views import create_workshop


@pytest.fixture
def token(manager):
    return CalendarToken.objects.create(user=manager)


def feed(client, token_text):
    return client.get(reverse("followup:calendar-feed", args=[token_text]))


def events(response):
    calendar = Calendar.from_ical(response.content)
    return {str(e.get("summary")): e for e in calendar.walk("VEVENT")}


def test_feed_has_an_all_day_event_per_open_action_of_the_person(client, token, stage):
    Action.objects.create(stage=stage, what="Puhelinnumero etusivulle", owner="bob",
                          due_date=datetime.date(2025, 4, 30))  # fmt: skip
    Action.objects.create(stage=stage, what="Jonkun muun", owner="Liisa",
                          due_date=datetime.date(2025, 4, 30))  # fmt: skip
    Action.objects.create(stage=stage, what="Jo tehty", owner="bob", status="done",
                          due_date=datetime.date(2025, 4, 1))  # fmt: skip
    Action.objects.create(stage=stage, what="Ei päivää", owner="bob")
    response = feed(client, token.token)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    found = events(response)
    assert set(found) == {"Puhelinnumero etusivulle"}
    event = found["Puhelinnumero etusivulle"]
    assert event.decoded("dtstart") == datetime.date(2025, 4, 30)
    assert event.decoded("dtend") == datetime.date(2025, 5, 1)
    assert "Muovitukku" in str(event.get("description"))
    assert str(event.get("uid")).endswith("@arvopolku")


def test_only_workshops_the_person_can_see(client, token, manager, organisation, facilitator):
    hidden = create_workshop(
        organisation=organisation, name="Salainen", client="", language="fi", by=facilitator
    )
    stage = hidden.journeys.get().phases.first().stages.first()
    Action.objects.create(stage=stage, what="Ei näy", owner="bob",
                          due_date=datetime.date(2025, 4, 30))  # fmt: skip
    assert events(feed(client, token.token)) == {}


def test_wrong_token_is_404(client, token):
    assert feed(client, "not-the-token").status_code == 404


def test_rotating_makes_the_old_address_404(client_for, client, manager, token):
    old = token.token
    response = client_for(manager).post(reverse("followup:calendar-rotate"))
    assert response.status_code == 302
    new = CalendarToken.objects.get(user=manager).token
    assert new != old
    assert feed(client, old).status_code == 404
    assert feed(client, new).status_code == 200


def test_settings_page_shows_the_address(en_client_for, manager):
    page = en_client_for(manager).get(reverse("followup:calendar")).text
    token = CalendarToken.objects.get(user=manager)
    assert f"/cal/{token.token}.ics" in page


def test_rotate_needs_post(client_for, manager):
    assert client_for(manager).get(reverse("followup:calendar-rotate")).status_code == 405
