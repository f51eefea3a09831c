"""The periodic e-mail digest: due and overdue actions, new flagged feedback."""

import datetime
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from followup.digest import send_digests
from followup.models import DigestLog, Feedback
from followup.services import today
from followup.tasks import send_digests_task
from journey.models import Action
from workshops.models import Profile


@pytest.fixture
def content(workshop, stage, manager, viewer):
    day = today()
    Action.objects.create(stage=stage, what="Puhelinnumero etusivulle", owner="bob",
                          due_date=day - datetime.timedelta(days=2))  # fmt: skip
    Action.objects.create(stage=stage, what="Käyttöopas", owner="Liisa",
                          due_date=day + datetime.timedelta(days=6))  # fmt: skip
    Action.objects.create(stage=stage, what="Ensi kuussa", owner="bob",
                          due_date=day + datetime.timedelta(days=30))  # fmt: skip
    Action.objects.create(stage=stage, what="Valmis", owner="bob", status="done",
                          due_date=day - datetime.timedelta(days=5))  # fmt: skip
    Feedback.objects.create(workshop=workshop, stage=stage, rating=1, flagged=True,
                            text="Kukaan ei vastannut")  # fmt: skip
    Feedback.objects.create(workshop=workshop, stage=stage, rating=5, text="Kiitos")


def message_to(address):
    (message,) = [m for m in mail.outbox if m.to == [address]]
    return message


def test_every_member_gets_due_overdue_and_flagged(content, facilitator, manager, viewer):
    Profile.objects.create(user=facilitator, language="en")
    assert send_digests(base_url="https://arvopolku.example") == 3
    body = message_to("bob@example.com").body
    assert "Puhelinnumero etusivulle" in body  # overdue, bob's own
    assert "Käyttöopas" in body  # due within seven days
    assert "Kukaan ei vastannut" in body  # new flagged feedback
    assert "Ensi kuussa" not in body and "Valmis" not in body and "Kiitos" not in body
    assert "https://arvopolku.example/workshops/" in body
    assert body.index("Puhelinnumero etusivulle") < body.index("Käyttöopas")
    assert "Puhelinnumero etusivulle" in message_to("charlie@example.com").body
    assert (
        "1 flagged" in message_to("alice@example.com").subject
        or message_to("alice@example.com").subject
    )
    assert DigestLog.objects.filter(user=manager).get().flagged == 1


def test_second_digest_reports_only_newer_flagged_feedback(content, workshop, stage):
    send_digests(now=timezone.now())
    mail.outbox.clear()
    Feedback.objects.create(workshop=workshop, stage=stage, rating=1, flagged=True,
                            text="Taas jonossa")  # fmt: skip
    send_digests(now=timezone.now() + datetime.timedelta(minutes=1))
    body = message_to("bob@example.com").body
    assert "Taas jonossa" in body
    assert "Kukaan ei vastannut" not in body


def test_nothing_to_tell_sends_nothing(workshop, manager):
    assert send_digests() == 0
    assert mail.outbox == []


def test_archived_workshops_are_left_out(content, workshop):
    workshop.archived = True
    workshop.save()
    assert send_digests() == 0


def test_command_sends_the_digest(content):
    out = StringIO()
    call_command("send_digests", "--base-url", "https://a.example", stdout=out)
    assert "Sent 3 digest e-mails" in out.getvalue()
    assert len(mail.outbox) == 3


def test_task_sends_the_digest(content):
    result = send_digests_task.enqueue()
    assert result.return_value == 3
    assert len(mail.outbox) == 3
