import pytest

from live.tally import RoomRating, dots_left, priorities, round_experience


@pytest.mark.parametrize(
    ("average", "expected"),
    [(1.5, 2), (-1.5, -2), (2.5, 3), (-2.5, -3), (0.49, 0), (-0.5, -1), (1.2, 1), (3.0, 3)],
)
def test_room_average_rounds_half_away_from_zero(average, expected):
    assert round_experience(average) == expected


def test_rounded_value_stays_on_the_scale():
    assert round_experience(3.4) == 3
    assert round_experience(-3.6) == -3


def test_room_rating_average_and_empty_stage():
    assert RoomRating(4, -6).average == -1.5
    assert RoomRating().average is None


def test_priorities_rank_by_dots_and_share_ties():
    result = priorities([("a", 3), ("b", 7), ("c", 3), ("d", 0), ("e", 1)])
    assert [(p.key, p.dots, p.rank) for p in result] == [
        ("b", 7, 1),
        ("a", 3, 2),
        ("c", 3, 2),
        ("e", 1, 4),
    ]


def test_dots_left_never_negative():
    assert dots_left(5, 2) == 3
    assert dots_left(5, 7) == 0
