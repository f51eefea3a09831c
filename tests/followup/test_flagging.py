"""followup.flagging: which feedback needs an immediate reaction, without a database."""

import pytest

from followup import flagging


@pytest.mark.parametrize(
    ("rating", "scale", "low"),
    [(1, 5, True), (2, 5, True), (3, 5, False), (5, 5, False),
     (0, 10, True), (6, 10, True), (7, 10, False), (10, 10, False), (None, 5, False)],
)  # fmt: skip
def test_low_ratings_per_scale(rating, scale, low):
    assert flagging.is_low(rating, scale) is low


def test_unknown_scale_is_refused():
    with pytest.raises(ValueError):
        flagging.is_low(3, 7)


@pytest.mark.parametrize(
    "context",
    [{"must_be_factor": True}, {"critical_stage": True}, {"gate_stage": True}],
)
def test_low_rating_on_must_be_critical_or_gate_is_flagged(context):
    assert flagging.should_flag(rating=2, scale=5, **context)
    assert flagging.should_flag(rating=6, scale=10, **context)


@pytest.mark.parametrize(
    "context",
    [{"must_be_factor": True}, {"critical_stage": True}, {"gate_stage": True}],
)
def test_good_rating_is_not_flagged_even_on_a_critical_stage(context):
    assert not flagging.should_flag(rating=3, scale=5, **context)
    assert not flagging.should_flag(rating=7, scale=10, **context)


def test_low_rating_on_an_ordinary_stage_is_not_flagged():
    assert not flagging.should_flag(rating=1, scale=5)


def test_feedback_without_a_rating_is_not_flagged():
    assert not flagging.should_flag(rating=None, scale=5, gate_stage=True)


def test_reasons_name_every_rule_that_applies():
    reasons = flagging.flag_reasons(
        rating=1, scale=5, must_be_factor=True, critical_stage=True, gate_stage=True
    )
    assert reasons == [flagging.MUST_BE, flagging.CRITICAL_STAGE, flagging.GATE_STAGE]
