"""The hook the Kano app will use: an extra activity kind with its own screens and answers,
counted once per submission id like the built-in ones."""

import uuid

import pytest
from django.http import HttpResponse
from django.template import Template
from django.urls import reverse

from kano.models import Factor
from live import hooks, services
from live.models import ActivityKind

from .conftest import HTMX, url

answers = []


def submit(request, participant, activity):
    def apply():
        answers.append(request.POST["answer"])
        return services.SAVED

    outcome = services.run_extra_submit(
        participant=participant,
        activity=activity,
        submission_id=uuid.UUID(request.POST["submission_id"]),
        apply=apply,
    )
    return HttpResponse(outcome)


@pytest.fixture
def kano_handler(monkeypatch):
    answers.clear()
    handler = hooks.ActivityHandler(
        kind="kano",
        participant_template=Template("<p>{{ question }}</p>"),
        presenter_template=Template("<p>{{ question }} ({{ responders }})</p>"),
        context=lambda activity, participant: {"question": "If delivery is fast, how do you feel?"},
        submit=submit,
    )
    monkeypatch.setitem(hooks.activity_handlers, "kano", handler)
    return handler


def test_registered_kind_is_offered_and_shown_on_every_screen(
    kano_handler, live_session, phone, as_facilitator, workshop
):
    factor = Factor.objects.create(workshop=workshop, name="Fast delivery")
    control = as_facilitator.get(reverse("live:control", args=[live_session.pk])).text
    assert 'value="kano"' in control
    as_facilitator.post(
        reverse("live:activity-start", args=[live_session.pk]),
        {"kind": "kano", "kano_factors": [factor.pk]},
    )
    assert "If delivery is fast" in phone.get(url("participant", live_session)).text
    presenter = as_facilitator.get(reverse("live:presenter", args=[live_session.pk])).text
    assert "If delivery is fast" in presenter


def test_answers_go_to_the_handler_once_per_submission_id(kano_handler, live_session, phone):
    activity = services.start_activity(session=live_session, kind=ActivityKind.KANO)
    same = str(uuid.uuid4())
    data = {"activity": activity.pk, "answer": "like", "submission_id": same}
    first = phone.post(url("participant-answer", live_session), data, headers=HTMX)
    again = phone.post(url("participant-answer", live_session), data, headers=HTMX)
    assert (first.text, again.text) == ("saved", "duplicate")
    assert answers == ["like"]


def test_answer_to_a_closed_activity_is_409(kano_handler, live_session, phone):
    activity = services.start_activity(session=live_session, kind=ActivityKind.KANO)
    services.close_activity(activity=activity)
    data = {"activity": activity.pk, "answer": "like", "submission_id": str(uuid.uuid4())}
    assert phone.post(url("participant-answer", live_session), data).status_code == 409
    assert answers == []


def test_answer_url_is_404_for_a_built_in_kind(live_session, phone):
    activity = services.start_activity(session=live_session, kind=ActivityKind.RATING)
    data = {"activity": activity.pk, "submission_id": str(uuid.uuid4())}
    assert phone.post(url("participant-answer", live_session), data).status_code == 404
