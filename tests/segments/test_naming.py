import pytest

from segments.naming import ranking_name_hint


@pytest.mark.parametrize(
    "name",
    [
        "C customers",
        "C-asiakkaat",
        "B-asiakkaat",
        "B asiakkaat",
        "D-luokka",
        "A-asiakkaat",
        "A customers",
        "E-ryhmä",
        "class C",
        "Tier 3",
        "luokka D",
        "Second-class customers",
        "bad",
        "Bad payers",
        "Losers",
        "The worst ones",
        "Low-value clients",
        "Unprofitable",
        "huonot",
        "Huonoimmat asiakkaat",
        "luuserit",
        "Pahimmat",
        "Kannattamattomat",
        "Tappiolliset",
    ],
)
def test_names_that_rank_people_get_a_hint(name):
    assert ranking_name_hint(name, "en") is not None


@pytest.mark.parametrize(
    "name",
    [
        "Potential",
        "Potentiaaliset",
        "Perheelliset",
        "Car as a family member",
        "The penny-pincher",
        "A customer in a hurry",
        "A group of friends",
        "Big customers",
        "Business clients",
        "Classic car lovers",
        "Lowest price seekers",
        "Loistavat kumppanit",
        "Family customers",
        "Taxi · The show-off",
        "SUV",
        "",
        "   ",
    ],
)
def test_positive_and_descriptive_names_get_no_hint(name):
    assert ranking_name_hint(name, "fi") is None


def test_hint_speaks_the_workshop_language_and_suggests_a_positive_name():
    fi = ranking_name_hint("C-asiakkaat", "fi")
    en = ranking_name_hint("C customers", "en")
    assert "Potentiaaliset" in fi and "myönteinen" in fi
    assert "Potential" in en and "positive" in en


def test_finnish_names_are_checked_in_an_english_workshop_and_the_other_way_round():
    assert "Potential" in ranking_name_hint("huonot", "en")
    assert "Potentiaaliset" in ranking_name_hint("losers", "fi")


def test_unknown_language_falls_back_to_english():
    assert "Potential" in ranking_name_hint("bad", "sv")
