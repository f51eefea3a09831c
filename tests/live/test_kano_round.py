"""The Kano round: chosen factors on the phones, the room's categories on the projector, and
the answers saved as a Kano survey round."""

import re
import uuid
from pathlib import Path

import pytest
from django.template.loader import render_to_string
from django.urls import reverse

from kano.models import Respondent, Survey
from kano.services import create_factor, survey_results
from live import services
from live.models import ActivityKind, KanoAnswer
from workshops import registry

from .conftest import HTMX, url

LIKE, EXPECT, NEUTRAL, LIVE_WITH, DISLIKE = 1, 2, 3, 4, 5


@pytest.fixture
def factors(workshop):
    return [
        create_factor(workshop=workshop, name=name)
        for name in ("Fast delivery", "Free returns", "Gift wrapping")
    ]


@pytest.fixture
def kano(live_session, factors):
    return services.start_activity(
        session=live_session, kind=ActivityKind.KANO, kano_factors=factors[:2]
    )


def answer(phone, session, activity, factor, functional, dysfunctional, submission_id=None):
    data = {
        "activity": activity.pk,
        "factor": factor.pk,
        "functional": functional,
        "dysfunctional": dysfunctional,
        "submission_id": submission_id or str(uuid.uuid4()),
    }
    return phone.post(url("participant-answer", session), data, headers=HTMX)


def presenter_html(client, session):
    return client.get(reverse("live:presenter-results", args=[session.pk])).text


def row_of(html, factor):
    start = html.index(f'data-factor="{factor.pk}"')
    return html[start : html.index("</tr>", start)]


def test_facilitator_starts_a_round_on_the_chosen_factors(
    live_session, factors, phone, as_facilitator
):
    control = as_facilitator.get(url("control", live_session)).text
    assert "Gift wrapping" in control and 'name="kano_factors"' in control
    response = as_facilitator.post(
        url("activity-start", live_session),
        {"kind": "kano", "kano_factors": [factors[0].pk, factors[1].pk]},
    )
    assert response.status_code == 302
    live_session.refresh_from_db()
    activity = live_session.current_activity
    assert activity.kind == "kano"
    assert set(activity.kano_factors.all()) == set(factors[:2])
    page = phone.get(url("participant", live_session)).text
    # The workshop is Finnish: its questions and the five standard answers in Finnish.
    assert factors[0].functional_question in page
    assert factors[0].dysfunctional_question in page
    assert "Pidän siitä" in page and "En pidä siitä" in page
    assert page.count('type="radio" name="functional"') == 2 * 5
    assert "Gift wrapping" not in page


def test_a_round_needs_a_factor_of_the_workshop(live_session, as_facilitator, en_workshop):
    stranger = create_factor(workshop=en_workshop, name="Other workshop's factor")
    empty = as_facilitator.post(url("activity-start", live_session), {"kind": "kano"})
    assert empty.status_code == 422
    assert "Choose at least one factor" in empty.text
    other = as_facilitator.post(
        url("activity-start", live_session), {"kind": "kano", "kano_factors": [stranger.pk]}
    )
    assert other.status_code == 422
    live_session.refresh_from_db()
    assert live_session.current_activity is None


def test_double_submit_counts_once_and_a_resubmit_updates(live_session, kano, factors, phone):
    same = str(uuid.uuid4())
    first = answer(phone, live_session, kano, factors[0], LIKE, DISLIKE, same)
    again = answer(phone, live_session, kano, factors[0], LIKE, DISLIKE, same)
    assert first.status_code == again.status_code == 200
    assert "Saved" in first.text
    assert KanoAnswer.objects.count() == 1
    changed = answer(phone, live_session, kano, factors[0], EXPECT, DISLIKE)
    assert changed.status_code == 200
    saved = KanoAnswer.objects.get()
    assert (saved.factor, saved.functional, saved.dysfunctional) == (factors[0], EXPECT, DISLIKE)


def test_half_an_answer_or_a_factor_outside_the_round_is_refused(
    live_session, kano, factors, phone
):
    half = answer(phone, live_session, kano, factors[0], LIKE, "")
    assert half.status_code == 422 and "Answer both questions" in half.text
    outside = answer(phone, live_session, kano, factors[2], LIKE, DISLIKE)
    assert outside.status_code == 422
    assert not KanoAnswer.objects.exists()


def test_presenter_shows_n_category_counts_and_the_mode_as_answers_arrive(
    live_session, kano, factors, join, as_facilitator
):
    phones = [join(live_session, name, ip=f"10.0.1.{i}") for i, name in enumerate("ABC")]
    first = as_facilitator.get(reverse("live:presenter", args=[live_session.pk])).text
    assert 'data-n="0"' in row_of(first, factors[0])
    stamp = re.search(r"present/results/\?seen=([0-9a-f]+)", first).group(1)
    poll = reverse("live:presenter-results", args=[live_session.pk]) + f"?seen={stamp}"
    assert as_facilitator.get(poll).status_code == 204
    # like / dislike: one-dimensional; expect / dislike: must-be (twice).
    answer(phones[0], live_session, kano, factors[0], LIKE, DISLIKE)
    answer(phones[1], live_session, kano, factors[0], EXPECT, DISLIKE)
    answer(phones[2], live_session, kano, factors[0], EXPECT, DISLIKE)
    answer(phones[2], live_session, kano, factors[1], LIKE, NEUTRAL)
    response = as_facilitator.get(poll)
    assert response.status_code == 200
    row = row_of(response.text, factors[0])
    assert 'data-n="3"' in row and 'data-M="2"' in row and 'data-O="1"' in row
    assert 'data-A="0"' in row and 'data-category="M"' in row and "Must-be" in row
    other = row_of(response.text, factors[1])
    assert 'data-n="1"' in other and 'data-A="1"' in other and 'data-category="A"' in other
    assert 'data-responders="3"' in response.text


def test_results_are_saved_as_a_closed_kano_survey_round(
    live_session, kano, factors, join, as_facilitator, workshop
):
    phones = [join(live_session, name, ip=f"10.0.2.{i}") for i, name in enumerate("ABC")]
    pairs = [(LIKE, DISLIKE), (EXPECT, DISLIKE), (EXPECT, DISLIKE)]
    for phone, (f, d) in zip(phones, pairs, strict=True):
        answer(phone, live_session, kano, factors[0], f, d)
    answer(phones[0], live_session, kano, factors[1], NEUTRAL, NEUTRAL)
    results = as_facilitator.get(url("results", live_session)).text
    assert "Kano round" in results and 'data-category="M"' in results
    assert "End voting to save" in results

    services.close_activity(activity=kano)
    save = reverse("live:kano-save", args=[kano.pk])
    response = as_facilitator.post(save)
    assert response.status_code == 302
    as_facilitator.post(save)  # a second click keeps the first round
    survey = Survey.objects.get(workshop=workshop)
    assert survey.status == "closed"
    assert survey.name.startswith("Live-sessio ")  # the workshop is Finnish
    respondents = Respondent.objects.filter(survey=survey)
    assert respondents.count() == 3
    assert set(respondents.values_list("source", flat=True)) == {"web"}

    by_factor = {r.factor: r for r in survey_results(survey)}
    fast = by_factor[str(factors[0].pk)]
    assert (fast.n, fast.counts["M"], fast.counts["O"], fast.category) == (3, 2, 1, "M")
    assert by_factor[str(factors[1].pk)].counts["I"] == 1

    page = as_facilitator.get(reverse("kano:results", args=[workshop.pk]), {"survey": survey.pk})
    assert page.status_code == 200
    rows = {row.factor.pk: row.result for row in page.context["rows"]}
    assert (rows[factors[0].pk].n, rows[factors[0].pk].counts) == (fast.n, fast.counts)
    after = as_facilitator.get(url("results", live_session)).text
    assert "Saved as a Kano survey round" in after


def test_an_open_or_empty_round_is_not_saved(live_session, kano, as_facilitator):
    save = reverse("live:kano-save", args=[kano.pk])
    as_facilitator.post(save)
    services.close_activity(activity=kano)
    as_facilitator.post(save)
    assert not Survey.objects.exists()


def test_participant_of_another_session_gets_404(
    live_session, kano, factors, phone, en_workshop, facilitator
):
    other = services.start_session(
        workshop=en_workshop, journey=en_workshop.journeys.get(), by=facilitator
    )
    services.start_activity(session=other, kind=ActivityKind.KANO, kano_factors=factors[:1])
    response = answer(phone, other, kano, factors[0], LIKE, DISLIKE)
    assert response.status_code == 404
    assert not KanoAnswer.objects.exists()


@pytest.mark.parametrize("role", ["manager", "viewer"])
def test_manager_or_viewer_cannot_start_or_save_a_round(
    role, request, live_session, kano, factors, client_for
):
    client = client_for(request.getfixturevalue(role))
    start = client.post(
        url("activity-start", live_session), {"kind": "kano", "kano_factors": [factors[0].pk]}
    )
    assert start.status_code == 403
    services.close_activity(activity=kano)
    assert client.post(reverse("live:kano-save", args=[kano.pk])).status_code == 403
    assert not Survey.objects.exists()


def test_report_chapter_shows_the_kano_round_without_buttons(
    live_session, kano, factors, phone, workshop
):
    answer(phone, live_session, kano, factors[0], EXPECT, DISLIKE)
    services.end_session(session=live_session)
    chapter = registry.report_chapters["live"]
    html = render_to_string(chapter.template, chapter.context(workshop, {}))
    row = row_of(html, factors[0])
    assert "Fast delivery" in row and 'data-M="1"' in row and 'data-category="M"' in row
    assert "Save as a Kano survey round" not in html


def test_phone_kano_round_is_styled_like_the_other_phone_pages(live_session, kano, phone):
    page = phone.get(url("participant", live_session)).text
    assert 'class="live-rate live-kano"' in page
    assert 'class="live-kano-option"><input type="radio"' in page
    assert "live/live.css" in page
    css = Path("static/live/live.css").read_text(encoding="utf-8")
    assert ".live-kano-option input:checked + label" in css
