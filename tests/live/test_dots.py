import uuid

import pytest

from journey.models import Action, Stage
from live import services
from live.models import ActivityKind, DotVote, Submission

from .conftest import HTMX, url


@pytest.fixture
def dots(live_session):
    return services.start_activity(
        session=live_session, kind=ActivityKind.DOTS, dots_per_participant=3
    )


def spend(phone, session, activity, target, op="add", submission_id=None):
    return phone.post(
        url("participant-dots", session),
        {
            "activity": activity.pk,
            "target": target.pk,
            "op": op,
            "submission_id": submission_id or uuid.uuid4(),
        },
        headers=HTMX,
    )


def total(participant=None):
    rows = DotVote.objects.all()
    if participant is not None:
        rows = rows.filter(participant=participant)
    return sum(rows.values_list("count", flat=True))


def test_page_lists_the_stages_with_all_dots_left(live_session, phone, dots, stages):
    page = phone.get(url("participant", live_session)).text
    assert "<strong>3</strong> dots of 3 left" in page
    for stage in stages:
        assert stage.name in page


def test_spending_a_dot_counts_it_and_shows_dots_left(live_session, phone, dots, stage):
    response = spend(phone, live_session, dots, stage)
    assert response.status_code == 200
    assert "<strong>2</strong> dots of 3 left" in response.text
    assert DotVote.objects.get(stage=stage).count == 1


def test_several_dots_on_one_stage(live_session, phone, dots, stage):
    spend(phone, live_session, dots, stage)
    spend(phone, live_session, dots, stage)
    assert DotVote.objects.get(stage=stage).count == 2


def test_no_more_than_n_dots(live_session, phone, dots, stages):
    for stage in stages[:3]:
        assert spend(phone, live_session, dots, stage).status_code == 200
    response = spend(phone, live_session, dots, stages[3])
    assert response.status_code == 422
    assert "used all your dots" in response.text
    assert total() == 3


def test_double_submit_with_the_same_id_counts_once(live_session, phone, dots, stage):
    same = uuid.uuid4()
    assert spend(phone, live_session, dots, stage, submission_id=same).status_code == 200
    retry = spend(phone, live_session, dots, stage, submission_id=same)
    assert retry.status_code == 200
    assert "<strong>2</strong> dots of 3 left" in retry.text
    assert total() == 1
    assert Submission.objects.filter(submission_id=same).count() == 1


def test_taking_a_dot_back_frees_it(live_session, phone, dots, stages):
    for stage in stages[:3]:
        spend(phone, live_session, dots, stage)
    assert spend(phone, live_session, dots, stages[0], op="remove").status_code == 200
    assert spend(phone, live_session, dots, stages[5]).status_code == 200
    assert not DotVote.objects.filter(stage=stages[0]).exists()
    assert total() == 3


def test_dots_of_each_participant_are_their_own(live_session, phone, join, dots, stages):
    other = join(live_session, "Pekka")
    for stage in stages[:3]:
        spend(phone, live_session, dots, stage)
    assert spend(other, live_session, dots, stages[0]).status_code == 200
    assert total(other.participant) == 1


def test_dots_on_actions(live_session, phone, stage):
    action = Action.objects.create(stage=stage, what="Call back the same day")
    activity = services.start_activity(
        session=live_session, kind=ActivityKind.DOTS, dot_target="actions"
    )
    page = phone.get(url("participant", live_session)).text
    assert "Call back the same day" in page
    assert spend(phone, live_session, activity, action).status_code == 200
    vote = DotVote.objects.get()
    assert vote.action == action and vote.stage is None


def test_a_stage_is_not_a_target_of_an_action_vote(live_session, phone, stage):
    activity = services.start_activity(
        session=live_session, kind=ActivityKind.DOTS, dot_target="actions"
    )
    assert spend(phone, live_session, activity, stage).status_code == 422
    assert not DotVote.objects.exists()


def test_stage_of_another_journey_is_refused(live_session, phone, dots, en_workshop):
    foreign = Stage.objects.filter(phase__journey__workshop=en_workshop).first()
    assert spend(phone, live_session, dots, foreign).status_code == 422
    assert not DotVote.objects.exists()


def test_service_never_goes_over_n(live_session, phone, dots, stage):
    participant = phone.participant
    outcomes = [
        services.change_dots(
            participant=participant, activity=dots, stage=stage, delta=1,
            submission_id=uuid.uuid4(),
        )
        for _ in range(5)
    ]  # fmt: skip
    assert outcomes == ["saved"] * 3 + ["no_dots"] * 2
    assert total() == 3
