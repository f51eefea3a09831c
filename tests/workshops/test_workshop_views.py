import re
import uuid

from django.core import mail
from django.test import Client
from django.urls import reverse

from journey import method
from journey.models import Stage
from workshops.models import Change, Workshop, WorkshopMember


def test_create_workshop_from_english_template(client_for, facilitator, organisation):
    response = client_for(facilitator).post(
        reverse("workshops:create"),
        {
            "name": "Clinic",
            "client": "Smile Ltd",
            "language": "en",
            "organisation": organisation.pk,
        },
    )
    workshop = Workshop.objects.get(name="Clinic")
    assert response.status_code == 302
    stages = list(
        Stage.objects.filter(phase__journey__workshop=workshop)
        .order_by("phase__position", "position")
        .values_list("name", flat=True)
    )
    assert len(stages) == 12
    assert stages[0] == "Need or desire arises" and stages[-1] == "Others' comments"


def test_manager_cannot_create_workshops(client_for, manager, organisation):
    response = client_for(manager).post(
        reverse("workshops:create"),
        {"name": "X", "language": "fi", "organisation": organisation.pk},
    )
    assert response.status_code == 422
    assert not Workshop.objects.filter(name="X").exists()


def test_dashboard_shows_completion_and_recent_changes(client_for, manager, workshop, stage):
    client = client_for(manager)
    from journey.worksheet import value_version

    client.post(
        reverse("journey:stage-field-save", args=[stage.pk, "expectation"]),
        {"expectation": "Nopea vastaus", "base_version": value_version("")},
        headers={"HX-Request": "true"},
    )
    html = client.get(reverse("workshops:dashboard", args=[workshop.pk])).text
    assert "Yrityksen tietojen löytäminen" in html
    assert "bob" in html
    one_field = round(100 / len(method.COMPLETION_FIELDS))
    assert f"{one_field} %" in html  # one of the stage's core fields is filled


def test_duplicate_copies_the_worksheets(client_for, facilitator, workshop, stage):
    Stage.objects.filter(pk=stage.pk).update(expectation="Kopioituva")
    response = client_for(facilitator).post(
        reverse("workshops:duplicate", args=[workshop.pk]), {"name": "Kopio"}
    )
    copy = Workshop.objects.get(name="Kopio")
    assert response.status_code == 302
    assert Stage.objects.filter(phase__journey__workshop=copy, expectation="Kopioituva").exists()


def test_archive_hides_workshop_from_the_list(client_for, facilitator, workshop):
    client = client_for(facilitator)
    client.post(reverse("workshops:archive", args=[workshop.pk]), {"archived": "1"})
    assert "Muovitukku" not in client.get(reverse("workshops:home")).text
    assert "Muovitukku" in client.get(reverse("workshops:home"), {"archived": "1"}).text


def test_manager_cannot_archive(client_for, manager, workshop):
    response = client_for(manager).post(
        reverse("workshops:archive", args=[workshop.pk]), {"archived": "1"}
    )
    assert response.status_code == 403


def test_invitation_by_email_link_adds_a_manager(client_for, facilitator, workshop):
    client_for(facilitator).post(
        reverse("workshops:members", args=[workshop.pk]),
        {"email": "new@example.com", "role": "manager"},
    )
    assert len(mail.outbox) == 1
    link = next(word for word in mail.outbox[0].body.split() if "/invitations/" in word)
    guest = Client()
    response = guest.post(link, {"username": "newbie", "password": "long-enough-pw"})
    assert response.status_code == 302
    member = WorkshopMember.objects.get(user__username="newbie")
    assert member.workshop == workshop and member.role == "manager"
    assert "Muovitukku" in guest.get(reverse("workshops:home")).text


def test_language_preference_is_kept_per_user(client_for, manager, workshop):
    client = client_for(manager)
    client.post(reverse("workshops:set-language"), {"language": "en", "next": "/"})
    assert "Workshops" in client.get(reverse("workshops:home")).text
    client.cookies.clear()
    client.force_login(manager)
    assert 'lang="en"' in client.get(reverse("workshops:home")).text


def test_login_is_rate_limited(db, facilitator, settings):
    client = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(reverse("login"), {"username": "alice", "password": "wrong"})
    response = client.post(reverse("login"), {"username": "alice", "password": "pw-12345"})
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_login_with_right_password_works(db, facilitator):
    client = Client()
    response = client.post(reverse("login"), {"username": "alice", "password": "pw-12345"})
    assert response.status_code == 302


def test_invitation_form_preselects_the_least_powerful_role(client_for, facilitator, workshop):
    page = client_for(facilitator).get(reverse("workshops:members", args=[workshop.pk])).text
    selected = re.search(r'<option value="(facilitator|manager|viewer)"[^>]*\bselected\b', page)
    assert selected and selected.group(1) == "viewer"


def test_recent_changes_name_fields_as_the_user_knows_them(client_for, manager, workshop):
    for target_type, field in (
        ("stage", "experience_today"),
        ("selectionphase", "status"),
        ("criterionscore", "score"),
    ):
        Change.objects.create(
            workshop=workshop,
            target_type=target_type,
            target_id=uuid.uuid4(),
            target_label="Kohde",
            field=field,
            old_value="1",
            new_value="2",
        )
    page = client_for(manager).get(reverse("workshops:dashboard", args=[workshop.pk])).text
    for label in ("Kohde · Kokemus nyt", "Kohde · Tila", "Kohde · Pisteet"):
        assert label in page
    for raw in ("experience_today", "· status", "· score"):
        assert raw not in page
