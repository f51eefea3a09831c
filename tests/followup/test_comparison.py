"""followup.comparison: what changed between two review snapshots, without a database."""

from followup import comparison


def snapshot(**parts):
    base = {"measures": [], "actions": {"done": [], "late": []}, "feedback": {}, "emotion": []}
    return base | parts


def measure(id, status, value="1"):
    return {"id": id, "name": f"M{id}", "stage": "S", "target": "5", "value": value,
            "status": status}  # fmt: skip


def test_status_change_rules():
    assert comparison.status_change("off_target", "on_target") == comparison.BETTER
    assert comparison.status_change("on_target", "within_tolerance") == comparison.WORSE
    assert comparison.status_change("on_target", "on_target") == comparison.SAME
    assert comparison.status_change("no_data", "off_target") == comparison.SAME
    assert comparison.status_change(None, "on_target") == comparison.NEW
    assert comparison.status_change("on_target", None) == comparison.REMOVED


def test_measures_are_lined_up_by_id_worst_changes_first():
    then = snapshot(measures=[measure("a", "off_target"), measure("b", "on_target"),
                              measure("gone", "on_target")])  # fmt: skip
    now = snapshot(measures=[measure("a", "on_target"), measure("b", "off_target"),
                             measure("c", "no_data")])  # fmt: skip
    rows = comparison.compare(then, now)["measures"]
    assert [(r["name"], r["change"]) for r in rows] == [
        ("Mb", "worse"),
        ("Ma", "better"),
        ("Mc", "new"),
        ("Mgone", "removed"),
    ]


def test_actions_done_and_late_since_the_previous_review():
    a1, a2, a3 = ({"id": i, "what": i, "stage": "S"} for i in ("1", "2", "3"))
    then = snapshot(actions={"done": [a1], "late": [a2, a3]})
    now = snapshot(actions={"done": [a1, a2], "late": [a3]})
    actions = comparison.compare(then, now)["actions"]
    assert (actions["done_then"], actions["done_now"]) == (1, 2)
    assert (actions["late_then"], actions["late_now"]) == (2, 1)
    assert actions["newly_done"] == [a2]
    assert actions["still_late"] == [a3]
    assert actions["newly_late"] == []


def test_new_feedback_per_stage():
    then = snapshot(feedback={"total": 3, "stages": [{"id": "s", "name": "S", "count": 3}]})
    now = snapshot(feedback={"total": 8, "flagged_open": 1,
                             "stages": [{"id": "s", "name": "S", "count": 5},
                                        {"id": "t", "name": "T", "count": 3}]})  # fmt: skip
    feedback = comparison.compare(then, now)["feedback"]
    assert feedback["new"] == 5
    assert [(s["name"], s["new"]) for s in feedback["stages"]] == [("S", 2), ("T", 3)]


def test_emotion_curve_then_and_now_by_stage():
    then = snapshot(
        emotion=[
            {
                "id": "j",
                "name": "Nyt",
                "stages": [
                    {"id": "s1", "name": "A", "today": -2},
                    {"id": "s2", "name": "B", "today": 1},
                ],
            }
        ]
    )
    now = snapshot(emotion=[{"id": "j", "name": "Nyt", "stages": [
        {"id": "s1", "name": "A", "today": 0}, {"id": "s3", "name": "C", "today": 2},
        {"id": "s2", "name": "B", "today": 1}]}])  # fmt: skip
    (curve,) = comparison.compare(then, now)["curves"]
    assert curve["labels"] == ["A", "C", "B"]
    assert curve["then"] == [-2, None, 1]
    assert curve["now"] == [0, 2, 1]
    assert curve["changed"]


def test_first_review_compares_with_nothing():
    result = comparison.compare(None, snapshot(measures=[measure("a", "on_target")]))
    assert result["measures"][0]["change"] == comparison.NEW
