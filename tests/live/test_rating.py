import uuid

import pytest

from journey.models import Stage
from live import services
from live.models import ActivityKind, Rating, Submission

from .conftest import HTMX, submission_ids, url


@pytest.fixture
def rating(live_session):
    return services.start_activity(session=live_session, kind=ActivityKind.RATING)


def rate(phone, session, activity, stage, value, submission_id=None):
    return phone.post(
        url("participant-rate", session),
        {
            "activity": activity.pk,
            "stage": stage.pk,
            "value": value,
            "submission_id": submission_id or uuid.uuid4(),
        },
        headers=HTMX,
    )


def test_rating_a_stage_saves_it_and_says_saved(live_session, phone, rating, stage):
    response = rate(phone, live_session, rating, stage, -2)
    assert response.status_code == 200
    assert "Saved" in response.text and "<html" not in response.text
    assert submission_ids(response.text)  # the next submit gets a new id
    assert Rating.objects.get().value == -2


def test_changing_a_rating_updates_it_never_duplicates(live_session, phone, rating, stage):
    rate(phone, live_session, rating, stage, -2)
    rate(phone, live_session, rating, stage, 3)
    assert list(Rating.objects.values_list("stage", "value")) == [(stage.pk, 3)]


def test_double_submit_with_the_same_id_counts_once(live_session, phone, rating, stage):
    same = uuid.uuid4()
    assert rate(phone, live_session, rating, stage, 1, same).status_code == 200
    assert rate(phone, live_session, rating, stage, 1, same).status_code == 200
    assert Rating.objects.count() == 1
    assert Submission.objects.filter(submission_id=same).count() == 1


def test_rating_outside_the_scale_is_refused(live_session, phone, rating, stage):
    response = rate(phone, live_session, rating, stage, 4)
    assert response.status_code == 422
    assert not Rating.objects.exists()


def test_stage_of_another_journey_is_refused(live_session, phone, rating, en_workshop):
    foreign = Stage.objects.filter(phase__journey__workshop=en_workshop).first()
    assert rate(phone, live_session, rating, foreign, 1).status_code == 422
    assert not Rating.objects.exists()


def test_each_participant_rates_separately(live_session, phone, join, rating, stage):
    other = join(live_session, "Pekka")
    rate(phone, live_session, rating, stage, 3)
    rate(other, live_session, rating, stage, -1)
    assert sorted(Rating.objects.values_list("value", flat=True)) == [-1, 3]


def test_closed_activity_takes_no_more_ratings(live_session, phone, rating, stage):
    services.close_activity(activity=rating)
    response = rate(phone, live_session, rating, stage, 1)
    assert response.status_code == 409
    assert "has ended or changed" in response.text
    assert not Rating.objects.exists()


def test_form_of_an_earlier_activity_cannot_write_into_the_current_one(
    live_session, phone, rating, stage
):
    services.start_activity(session=live_session, kind=ActivityKind.RATING)
    assert rate(phone, live_session, rating, stage, 1).status_code == 409
    assert not Rating.objects.exists()


def test_page_shows_the_participants_own_ratings(live_session, phone, rating, stage):
    rate(phone, live_session, rating, stage, 2)
    page = phone.get(url("participant", live_session)).text
    assert f'name="value" value="2" id="r-{stage.pk}-6" checked' in page


def test_without_javascript_a_rating_redirects_back_to_the_page(live_session, phone, rating, stage):
    response = phone.post(
        url("participant-rate", live_session),
        {"activity": rating.pk, "stage": stage.pk, "value": 0, "submission_id": uuid.uuid4()},
    )
    assert response.status_code == 302
    assert Rating.objects.get().value == 0
