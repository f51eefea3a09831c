from pathlib import Path

import pytest
from django.urls import reverse

from live import hooks, services
from live.models import Activity, ActivityKind

from .conftest import HTMX


def start(client, session, **data):
    return client.post(reverse("live:activity-start", args=[session.pk]), data)


def test_facilitator_starts_a_dot_vote_with_n_dots(live_session, as_facilitator):
    response = start(as_facilitator, live_session, kind="dots", dots_per_participant=4,
                     dot_target="actions")  # fmt: skip
    assert response.status_code == 302
    live_session.refresh_from_db()
    activity = live_session.current_activity
    assert (activity.kind, activity.dots_per_participant, activity.dot_target) == (
        "dots", 4, "actions",
    )  # fmt: skip


def test_one_activity_at_a_time(live_session, as_facilitator):
    start(as_facilitator, live_session, kind="rating")
    start(as_facilitator, live_session, kind="ideas")
    assert Activity.objects.filter(session=live_session, closed_at__isnull=True).count() == 1
    live_session.refresh_from_db()
    assert live_session.current_activity.kind == "ideas"


def test_kano_is_not_offered_without_the_kano_app(live_session, as_facilitator, monkeypatch):
    monkeypatch.delitem(hooks.activity_handlers, "kano")
    page = as_facilitator.get(reverse("live:control", args=[live_session.pk])).text
    assert 'value="kano"' not in page
    assert start(as_facilitator, live_session, kind="kano").status_code == 422


def test_end_voting_closes_the_activity(live_session, as_facilitator):
    activity = services.start_activity(session=live_session, kind=ActivityKind.RATING)
    as_facilitator.post(reverse("live:activity-close", args=[activity.pk]))
    activity.refresh_from_db()
    assert activity.closed_at is not None


def test_room_partial_counts_people_and_answers_204_while_unchanged(
    live_session, join, as_facilitator
):
    join(live_session)
    room = reverse("live:control-room", args=[live_session.pk])
    response = as_facilitator.get(room, headers=HTMX)
    assert 'data-participants="1"' in response.text
    seen = response.text.split("?seen=")[1].split('"')[0]
    assert as_facilitator.get(f"{room}?seen={seen}", headers=HTMX).status_code == 204
    join(live_session)
    assert 'data-participants="2"' in as_facilitator.get(f"{room}?seen={seen}", headers=HTMX).text


@pytest.mark.parametrize("name", ["activity-start", "timer", "visibility", "end"])
@pytest.mark.parametrize("who", ["manager", "viewer"])
def test_only_the_facilitator_runs_the_session(request, client_for, live_session, name, who):
    client = client_for(request.getfixturevalue(who))
    response = client.post(reverse(f"live:{name}", args=[live_session.pk]), {"kind": "rating"})
    assert response.status_code == 403
    live_session.refresh_from_db()
    assert live_session.ended_at is None and live_session.current_activity is None


def test_start_form_nests_each_kinds_options_under_its_own_choice(as_facilitator, live_session):
    page = as_facilitator.get(reverse("live:control", args=[live_session.pk])).text
    dots = page.split('value="dots"', 1)[1].split('class="activity-choice"', 1)[0]
    rating = page.split('value="rating"', 1)[1].split('class="activity-choice"', 1)[0]
    assert 'name="dots_per_participant"' in dots and 'name="dot_target"' in dots
    assert 'name="dots_per_participant"' not in rating
    assert 'value="rating"' in page and 'type="radio"' in page
    css = Path("static/live/live.css").read_text(encoding="utf-8")
    assert ".activity-choice > input:not(:checked) ~ .activity-options" in css
