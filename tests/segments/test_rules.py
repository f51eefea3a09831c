"""segments.rules: checking and evaluating customer rules, and assigning customers. No database."""

import polars as pl
import pytest

from segments.rules import (
    UNASSIGNED,
    Rule,
    SegmentRules,
    assign,
    attribute_kinds,
    check_rules,
    matching_count,
    summarise,
)


@pytest.fixture
def customers():
    return pl.DataFrame(
        {
            "customer_id": ["A", "B", "C", "D", "E"],
            "name": ["Alpha", "Beta", "Gamma", "Delta", "Epsilon"],
            "segment": ["Retail", None, "unknown", " RETAIL ", None],
            "revenue": [100.0, 20000.0, 5000.0, 1.0, 15000.0],
            "profit": [-10.0, 900.0, 100.0, 0.0, -300.0],
            "industry": ["Food", "food ", "Metal", None, "Food  service"],
            "employees": ["1 200,5", "30", "many", None, "12.5"],
            "size": ["10", "20", None, "30", "40"],
        }
    )


def rule(*conditions):
    return Rule.model_validate(
        {"conditions": [{"attribute": a, "operator": o, "value": v} for a, o, v in conditions]}
    )


def matched(customers, *conditions):
    segments = [SegmentRules(key="s", name="Never named", rules=[rule(*conditions)])]
    return [
        cid
        for cid, key in zip(customers["customer_id"], assign(customers, segments), strict=True)
        if key == "s"
    ]


def test_text_equality_ignores_case_and_spaces(customers):
    assert matched(customers, ("industry", "=", "FOOD")) == ["A", "B"]
    assert matched(customers, ("industry", "=", "food service")) == ["E"]


def test_conditions_of_a_rule_must_all_hold(customers):
    assert matched(customers, ("industry", "contains", "food"), ("revenue", ">", "10000")) == [
        "B",
        "E",
    ]


def test_numbers_written_as_text_compare_as_numbers(customers):
    # "1 200,5" is 1200.5; "many" is no number and never matches an ordering.
    assert matched(customers, ("employees", ">=", "30")) == ["A", "B"]
    assert matched(customers, ("employees", "=", "1200.50")) == ["A"]
    assert matched(customers, ("size", "<", "25,5")) == ["A", "B"]


def test_a_missing_value_matches_no_condition_not_even_not_equal(customers):
    assert matched(customers, ("industry", "!=", "Metal")) == ["A", "B", "E"]
    assert "D" not in matched(customers, ("employees", "<", "1000000"))


def test_an_attribute_the_data_lacks_matches_nobody(customers):
    assert matched(customers, ("region", "=", "North")) == []


def test_first_matching_segment_in_order_wins_and_the_rest_are_unassigned(customers):
    big = SegmentRules(key="big", name="Big", rules=[rule(("revenue", ">", "10000"))])
    food = SegmentRules(key="food", name="Food", rules=[rule(("industry", "contains", "food"))])
    assert assign(customers, [big, food]).to_list() == [
        "food",
        "big",
        UNASSIGNED,
        UNASSIGNED,
        "big",
    ]
    assert assign(customers, [food, big]).to_list() == [
        "food",
        "food",
        UNASSIGNED,
        UNASSIGNED,
        "food",
    ]


def test_the_segment_column_wins_over_rules_when_it_names_a_segment(customers):
    retail = SegmentRules(key="retail", name="retail", rules=[])
    everyone = SegmentRules(key="all", name="All", rules=[rule(("revenue", ">=", "0"))])
    # A and D name Retail (any case, extra spaces); C names no segment, so rules decide.
    assert assign(customers, [everyone, retail]).to_list() == [
        "retail",
        "all",
        "all",
        "retail",
        "all",
    ]


def test_any_rule_of_a_segment_may_hold(customers):
    either = SegmentRules(
        key="s",
        name="S",
        rules=[rule(("industry", "=", "metal")), rule(("profit", "<", "-100"))],
    )
    assert assign(customers, [either]).to_list() == [
        UNASSIGNED,
        UNASSIGNED,
        "s",
        UNASSIGNED,
        "s",
    ]


def test_no_segments_leaves_everyone_unassigned(customers):
    assert assign(customers, []).to_list() == [UNASSIGNED] * 5


def test_matching_count_counts_the_rules_alone(customers):
    assert matching_count(customers, [rule(("industry", "contains", "food"))]) == 3
    assert matching_count(customers, []) == 0
    assert matching_count(customers, [rule(("region", "=", "x"))]) == 0


def test_attribute_kinds_name_number_mixed_and_text_columns(customers):
    kinds = attribute_kinds(customers)
    assert kinds["revenue"] == "number" and kinds["profit"] == "number"  # built-in
    assert kinds["size"] == "number"
    assert kinds["employees"] == "mixed"
    assert kinds["industry"] == "text"
    assert "segment" not in kinds


def test_check_names_rule_condition_and_field_of_each_problem(customers):
    raw = [
        {"conditions": [{"attribute": "industry", "operator": "=", "value": "Food"}]},
        {
            "conditions": [
                {"attribute": "region", "operator": "=", "value": "North"},
                {"attribute": "industry", "operator": ">", "value": "3"},
                {"attribute": "revenue", "operator": ">", "value": "lots"},
                {"attribute": "revenue", "operator": "=", "value": "big"},
                {"attribute": "revenue", "operator": "~", "value": "1"},
                {"attribute": "revenue", "operator": "<", "value": ""},
            ]
        },
    ]
    rules, problems = check_rules(raw, attribute_kinds(customers))
    assert [r.conditions[0].value for r in rules] == ["Food"]  # the bad rule is not kept
    found = [(p.rule, p.condition, p.field, p.message) for p in problems]
    assert found == [
        (2, 1, "attribute", "unknown"),
        (2, 2, "operator", "text_attribute"),
        (2, 3, "value", "not_a_number"),
        (2, 4, "value", "not_a_number"),
        (2, 5, "operator", "literal_error"),
        (2, 6, "value", "string_too_short"),
    ]


def test_ordering_on_a_mixed_column_is_allowed(customers):
    rules, problems = check_rules(
        [{"conditions": [{"attribute": "employees", "operator": ">", "value": "1 000"}]}],
        attribute_kinds(customers),
    )
    assert problems == [] and len(rules) == 1


def test_summarise_sums_cents_per_segment_with_shares():
    money = pl.DataFrame(
        {
            "revenue": [1000, 500, 200],
            "gross_margin": [400, 100, -10],
            "cost_to_serve": [100, 200, 40],
            "profit": [300, -100, -50],
        }
    )
    rows = summarise(money, pl.Series(["a", UNASSIGNED, "a"]), ["a", "b"])
    assert [r["key"] for r in rows] == ["a", "b", UNASSIGNED]
    a, b, rest = rows
    assert (a["customers"], a["revenue"], a["profit"]) == (2, 1200, 250)
    assert a["profit_pct"] == pytest.approx(250 / 1200 * 100)
    assert a["share_of_customer_profit"] == pytest.approx(250 / 150)
    assert b == {
        "key": "b",
        "customers": 0,
        "revenue": 0,
        "gross_margin": 0,
        "cost_to_serve": 0,
        "profit": 0,
        "profit_pct": None,
        "share_of_customer_profit": 0.0,
    }
    assert rest["customers"] == 1 and rest["profit"] == -100
