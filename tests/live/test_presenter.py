import re
import uuid

import pytest
from django.urls import reverse

from live import services
from live.models import ActivityKind

from .conftest import HTMX


def results_url(session, seen=""):
    return reverse("live:presenter-results", args=[session.pk]) + (f"?seen={seen}" if seen else "")


def seen_of(html):
    return re.search(r"present/results/\?seen=([0-9a-f]+)", html).group(1)


def rate(participant, activity, stage, value):
    services.rate(
        participant=participant, activity=activity, stage=stage, value=value,
        submission_id=uuid.uuid4(),
    )  # fmt: skip


def test_presenter_page_polls_its_results_every_second(live_session, as_facilitator):
    page = as_facilitator.get(reverse("live:presenter", args=[live_session.pk])).text
    assert 'hx-trigger="every 1s"' in page
    assert live_session.code in page and "/join" in page


def test_room_emotion_curve_shows_averages_and_counts(live_session, join, stage, as_facilitator):
    activity = services.start_activity(session=live_session, kind=ActivityKind.RATING)
    for value in (3, 2, -2):
        rate(join(live_session).participant, activity, stage, value)
    response = as_facilitator.get(results_url(live_session), headers=HTMX)
    assert response.status_code == 200 and "<html" not in response.text
    assert 'data-total="3"' in response.text
    assert "<svg" in response.text
    # the average 1.0 of three ratings, in the table for screen readers and on the chart
    assert f"<td>{stage.name}</td><td>+1.0</td><td>3</td>" in response.text
    assert "+1.0" in response.text.split("<svg", 1)[1]


def test_results_update_without_reload_and_204_while_unchanged(
    live_session, phone, stage, as_facilitator
):
    activity = services.start_activity(session=live_session, kind=ActivityKind.RATING)
    first = as_facilitator.get(results_url(live_session), headers=HTMX).text
    seen = seen_of(first)
    assert as_facilitator.get(results_url(live_session, seen), headers=HTMX).status_code == 204
    rate(phone.participant, activity, stage, 2)
    response = as_facilitator.get(results_url(live_session, seen), headers=HTMX)
    assert response.status_code == 200
    assert 'data-total="1"' in response.text


def test_dot_totals_per_target_most_first(live_session, join, stages, as_facilitator):
    activity = services.start_activity(session=live_session, kind=ActivityKind.DOTS)
    a, b = join(live_session).participant, join(live_session).participant
    for participant, stage in [(a, stages[2]), (b, stages[2]), (a, stages[0])]:
        services.change_dots(
            participant=participant, activity=activity, stage=stage, delta=1,
            submission_id=uuid.uuid4(),
        )  # fmt: skip
    html = as_facilitator.get(results_url(live_session), headers=HTMX).text
    assert 'data-total="3"' in html
    assert html.index(stages[2].name) < html.index(stages[0].name)
    assert 'data-dots="2"' in html and 'data-dots="1"' in html


def test_hidden_results_show_only_counts_until_voting_ends(
    live_session, phone, stage, as_facilitator
):
    activity = services.start_activity(session=live_session, kind=ActivityKind.RATING)
    as_facilitator.post(reverse("live:visibility", args=[live_session.pk]), {"hidden": "on"})
    rate(phone.participant, activity, stage, 3)
    html = as_facilitator.get(results_url(live_session), headers=HTMX).text
    assert "Results are hidden until voting ends" in html
    assert "<svg" not in html and 'data-responders="1"' in html
    as_facilitator.post(reverse("live:activity-close", args=[activity.pk]))
    html = as_facilitator.get(results_url(live_session), headers=HTMX).text
    assert "<svg" in html and 'data-total="1"' in html


def test_approved_ideas_on_the_big_screen(live_session, phone, stage, as_facilitator):
    activity = services.start_activity(session=live_session, kind=ActivityKind.IDEAS)
    services.post_idea(
        participant=phone.participant, activity=activity, stage=stage, text="Bigger signs",
        submission_id=uuid.uuid4(),
    )  # fmt: skip
    html = as_facilitator.get(results_url(live_session), headers=HTMX).text
    assert "Bigger signs" not in html and "1 idea waiting for approval" in html
    services.review_idea(idea=activity.ideas.get(), decision="approve")
    html = as_facilitator.get(results_url(live_session), headers=HTMX).text
    assert "Bigger signs" in html and "Maija" in html


@pytest.mark.parametrize("who", ["manager", "viewer"])
def test_presenter_view_is_for_the_facilitator(request, client_for, live_session, who):
    client = client_for(request.getfixturevalue(who))
    assert client.get(reverse("live:presenter", args=[live_session.pk])).status_code == 403
    assert client.get(results_url(live_session)).status_code == 403


def test_presenter_poll_costs_the_same_for_12_and_30_stages(
    live_session, phone, stages, as_facilitator, django_assert_max_num_queries
):
    from journey import services as journey_services

    activity = services.start_activity(session=live_session, kind=ActivityKind.RATING)
    for stage in stages:
        rate(phone.participant, activity, stage, 1)
    with django_assert_max_num_queries(20) as small:
        as_facilitator.get(results_url(live_session), headers=HTMX)
    phase = stages[0].phase
    for n in range(18):
        journey_services.add_stage(phase=phase, name=f"Extra {n}")
    with django_assert_max_num_queries(len(small.captured_queries)):
        as_facilitator.get(results_url(live_session), headers=HTMX)
