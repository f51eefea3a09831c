"""What changed between two follow-up reviews. Pure logic, no Django.

A review keeps a snapshot (a plain dict, see followup.reviews.take_snapshot) of the measures
against their targets, the actions done and late, the feedback counts per stage and the
emotion curve of every journey. `compare` lines two snapshots up by the ids they carry.
"""

from __future__ import annotations

from .measures import NO_DATA, OFF_TARGET, ON_TARGET, WITHIN_TOLERANCE

RANK = {ON_TARGET: 0, WITHIN_TOLERANCE: 1, OFF_TARGET: 2}

BETTER = "better"
WORSE = "worse"
SAME = "same"
NEW = "new"
REMOVED = "removed"


def status_change(then: str | None, now: str | None) -> str:
    """Better, worse or same between two statuses; a measure that had no data and now has
    (or the reverse) counts as a change only when both sides have data."""
    if then is None:
        return NEW
    if now is None:
        return REMOVED
    if then == NO_DATA or now == NO_DATA or then == now:
        return SAME
    return BETTER if RANK[now] < RANK[then] else WORSE


def _by_id(items: list[dict]) -> dict[str, dict]:
    return {item["id"]: item for item in items}


def compare(previous: dict | None, current: dict) -> dict:
    previous = previous or {}
    then_measures = _by_id(previous.get("measures", []))
    rows = []
    for item in current.get("measures", []):
        then = then_measures.get(item["id"])
        rows.append(
            {
                "name": item["name"],
                "stage": item["stage"],
                "unit": item.get("unit", ""),
                "target": item["target"],
                "then_value": then["value"] if then else None,
                "then_status": then["status"] if then else None,
                "now_value": item["value"],
                "now_status": item["status"],
                "change": status_change(then["status"] if then else None, item["status"]),
            }
        )
    now_ids = {item["id"] for item in current.get("measures", [])}
    for then in previous.get("measures", []):
        if then["id"] not in now_ids:
            rows.append(
                {
                    "name": then["name"],
                    "stage": then["stage"],
                    "unit": then.get("unit", ""),
                    "target": then["target"],
                    "then_value": then["value"],
                    "then_status": then["status"],
                    "now_value": None,
                    "now_status": None,
                    "change": REMOVED,
                }
            )

    then_actions = previous.get("actions", {})
    now_actions = current.get("actions", {})
    done_before = {a["id"] for a in then_actions.get("done", [])}
    late_before = {a["id"] for a in then_actions.get("late", [])}
    actions = {
        "done_then": len(then_actions.get("done", [])),
        "done_now": len(now_actions.get("done", [])),
        "late_then": len(then_actions.get("late", [])),
        "late_now": len(now_actions.get("late", [])),
        "newly_done": [a for a in now_actions.get("done", []) if a["id"] not in done_before],
        "newly_late": [a for a in now_actions.get("late", []) if a["id"] not in late_before],
        "still_late": [a for a in now_actions.get("late", []) if a["id"] in late_before],
    }

    then_feedback = previous.get("feedback", {})
    now_feedback = current.get("feedback", {})
    then_stages = _by_id(then_feedback.get("stages", []))
    stage_rows = []
    for item in now_feedback.get("stages", []):
        before = then_stages.get(item["id"], {}).get("count", 0)
        stage_rows.append(
            {
                "name": item["name"],
                "then": before,
                "now": item["count"],
                "new": max(item["count"] - before, 0),
                "mean5": item.get("mean5"),
                "nps": item.get("nps"),
            }
        )
    feedback = {
        "total_then": then_feedback.get("total", 0),
        "total_now": now_feedback.get("total", 0),
        "new": max(now_feedback.get("total", 0) - then_feedback.get("total", 0), 0),
        "flagged_open": now_feedback.get("flagged_open", 0),
        "stages": stage_rows,
    }

    then_journeys = _by_id(previous.get("emotion", []))
    curves = []
    for journey in current.get("emotion", []):
        before = _by_id(then_journeys.get(journey["id"], {}).get("stages", []))
        curves.append(
            {
                "id": journey["id"],
                "name": journey["name"],
                "labels": [s["name"] for s in journey["stages"]],
                "now": [s["today"] for s in journey["stages"]],
                "then": [before.get(s["id"], {}).get("today") for s in journey["stages"]],
                "changed": any(
                    before.get(s["id"], {}).get("today") != s["today"] for s in journey["stages"]
                ),
            }
        )
    order = {WORSE: 0, BETTER: 1, NEW: 2, REMOVED: 3, SAME: 4}
    rows.sort(key=lambda row: order[row["change"]])
    return {"measures": rows, "actions": actions, "feedback": feedback, "curves": curves}
