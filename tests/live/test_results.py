import uuid

import pytest
from django.urls import reverse

from journey.models import Action, Stage
from live import services
from live.models import ActivityKind
from workshops.models import Change


def rate(participant, activity, stage, value):
    services.rate(
        participant=participant, activity=activity, stage=stage, value=value,
        submission_id=uuid.uuid4(),
    )  # fmt: skip


@pytest.fixture
def rated(live_session, join, stages):
    """Two stages rated by the room: averages +1.5 and -0.5."""
    activity = services.start_activity(session=live_session, kind=ActivityKind.RATING)
    a, b = join(live_session).participant, join(live_session).participant
    rate(a, activity, stages[0], 2)
    rate(b, activity, stages[0], 1)
    rate(a, activity, stages[1], 0)
    rate(b, activity, stages[1], -1)
    return activity


def test_results_page_shows_ratings_per_stage(live_session, rated, stages, client_for, viewer):
    response = client_for(viewer).get(reverse("live:results", args=[live_session.pk]))
    assert response.status_code == 200
    assert "+1.5" in response.text and "−0.5" in response.text
    assert "<svg" in response.text
    # a viewer reads, but fills nothing
    assert reverse("live:apply-ratings", args=[rated.pk]) not in response.text


def test_dot_votes_give_stage_and_action_priorities(live_session, join, stages, as_facilitator):
    action = Action.objects.create(stage=stages[4], what="Answer within an hour")
    on_stages = services.start_activity(session=live_session, kind=ActivityKind.DOTS)
    a, b = join(live_session).participant, join(live_session).participant
    for participant, stage in [(a, stages[3]), (b, stages[3]), (a, stages[7])]:
        services.change_dots(participant=participant, activity=on_stages, stage=stage, delta=1,
                             submission_id=uuid.uuid4())  # fmt: skip
    on_actions = services.start_activity(
        session=live_session, kind=ActivityKind.DOTS, dot_target="actions"
    )
    services.change_dots(participant=b, activity=on_actions, action=action, delta=1,
                         submission_id=uuid.uuid4())  # fmt: skip
    html = as_facilitator.get(reverse("live:results", args=[live_session.pk])).text
    priorities = html.split("Priorities from the dot votes")[1]
    assert priorities.index(stages[3].name) < priorities.index(stages[7].name)
    assert "Answer within an hour" in priorities
    assert "2 dots" in priorities and "1 dot" in priorities


def test_fill_experience_today_shows_a_preview_first(rated, stages, as_facilitator):
    response = as_facilitator.get(reverse("live:apply-ratings", args=[rated.pk]))
    assert response.status_code == 200
    assert "+2" in response.text and "−1" in response.text  # 1.5 -> 2, -0.5 -> -1
    assert Stage.objects.get(pk=stages[0].pk).experience_today is None


def test_confirming_the_preview_fills_experience_today_with_history(rated, stages, as_facilitator):
    preview = as_facilitator.get(reverse("live:apply-ratings", args=[rated.pk])).text
    version = preview.split('name="version" value="')[1].split('"')[0]
    response = as_facilitator.post(
        reverse("live:apply-ratings", args=[rated.pk]), {"version": version}
    )
    assert response.status_code == 302
    assert Stage.objects.get(pk=stages[0].pk).experience_today == 2
    assert Stage.objects.get(pk=stages[1].pk).experience_today == -1
    assert Stage.objects.get(pk=stages[2].pk).experience_today is None  # not rated: untouched
    change = Change.objects.get(stage_id=stages[0].pk, field="experience_today")
    assert (change.old_value, change.new_value) == ("", "2")


def test_ratings_changed_since_the_preview_give_409_and_a_new_preview(
    rated, stages, live_session, join, as_facilitator
):
    preview = as_facilitator.get(reverse("live:apply-ratings", args=[rated.pk])).text
    version = preview.split('name="version" value="')[1].split('"')[0]
    for _ in range(3):
        rate(join(live_session).participant, rated, stages[2], 3)
    response = as_facilitator.post(
        reverse("live:apply-ratings", args=[rated.pk]), {"version": version}
    )
    assert response.status_code == 409
    assert "changed since the preview" in response.text
    assert Stage.objects.get(pk=stages[0].pk).experience_today is None


def test_a_stage_edited_on_its_worksheet_since_the_preview_gives_409_and_is_kept(
    rated, stages, as_facilitator
):
    preview = as_facilitator.get(reverse("live:apply-ratings", args=[rated.pk])).text
    version = preview.split('name="version" value="')[1].split('"')[0]
    Stage.objects.filter(pk=stages[0].pk).update(experience_today=-3)  # typed by a manager
    response = as_facilitator.post(
        reverse("live:apply-ratings", args=[rated.pk]), {"version": version}
    )
    assert response.status_code == 409
    assert Stage.objects.get(pk=stages[0].pk).experience_today == -3


@pytest.mark.parametrize("who", ["manager", "viewer"])
def test_only_the_facilitator_fills_experience_today(request, client_for, rated, stages, who):
    client = client_for(request.getfixturevalue(who))
    url = reverse("live:apply-ratings", args=[rated.pk])
    assert client.get(url).status_code == 403
    assert client.post(url, {"version": "x"}).status_code == 403
    assert Stage.objects.get(pk=stages[0].pk).experience_today is None
