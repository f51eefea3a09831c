"""Editing a segment's customer rules on its page: save, preview, errors, conflicts, access."""

from django.urls import reverse

from segments.editing import value_version
from segments.models import Segment
from segments.services import rules_text
from tests.conftest import HTMX
from tests.segments.conftest import FOOD, in_english
from workshops.models import Change


def rules_url(segment):
    return reverse("segments:rules-save", args=[segment.pk])


def form(segment, *rows, base=None):
    """POST data of the editor: rows of (rule, condition, attribute, operator, value)."""
    stored = Segment.objects.get(pk=segment.pk).customer_rules
    data = {"base_version": base if base is not None else value_version(rules_text(stored))}
    for i, j, attribute, operator, value in rows:
        data[f"rule-{i}-{j}-attribute"] = attribute
        data[f"rule-{i}-{j}-operator"] = operator
        data[f"rule-{i}-{j}-value"] = value
    return data


def test_saves_rules_and_shows_the_new_count(client_for, manager, retail, model):
    client = in_english(client_for(manager))
    data = form(retail, (0, 0, "industry", "=", "Metal"), (1, 0, "revenue", "<", "250"))
    response = client.post(rules_url(retail), data, headers=HTMX)
    assert response.status_code == 200
    assert "<html" not in response.text
    assert "Saved" in response.text
    retail.refresh_from_db()
    assert retail.customer_rules == [
        {"conditions": [{"attribute": "industry", "operator": "=", "value": "Metal"}]},
        {"conditions": [{"attribute": "revenue", "operator": "<", "value": "250"}]},
    ]
    # B by its industry, C by its segment column (C's revenue 200 € matches too).
    assert "Customers meeting these rules: 2 of 3." in response.text
    assert "rules: 2." in response.text
    change = Change.objects.get(target_id=retail.pk, field="customer_rules")
    assert change.new_value == "industry = Metal\nrevenue < 250"
    assert change.user.username == "bob"


def test_conditions_of_one_rule_are_kept_together_and_removed_rows_dropped(
    client_for, manager, food, model
):
    data = form(
        food,
        (0, 0, "industry", "=", "food"),
        (0, 1, "employees", ">", "100"),
        (0, 2, "revenue", ">", "1"),
    )
    data["rule-0-2-remove"] = "1"
    response = client_for(manager).post(rules_url(food), data, headers=HTMX)
    assert response.status_code == 200
    food.refresh_from_db()
    assert food.customer_rules == [
        {
            "conditions": [
                {"attribute": "industry", "operator": "=", "value": "food"},
                {"attribute": "employees", "operator": ">", "value": "100"},
            ]
        }
    ]


def test_bad_rules_are_refused_naming_the_condition_and_nothing_changes(
    client_for, manager, food, model
):
    client = in_english(client_for(manager))
    data = form(
        food,
        (0, 0, "industry", "=", "food"),
        (0, 1, "region", "=", "North"),
        (1, 0, "revenue", ">", "a lot"),
    )
    response = client.post(rules_url(food), data, headers=HTMX)
    assert response.status_code == 422
    assert "Rule 1, condition 2, attribute: unknown attribute" in response.text
    assert "Rule 2, condition 1, value: give a number" in response.text
    assert 'value="a lot"' in response.text  # what was typed stays in the field
    food.refresh_from_db()
    assert food.customer_rules == FOOD


def test_stale_version_gets_409_and_keeps_both(client_for, manager, facilitator, food, model):
    start = value_version(rules_text(FOOD))
    first = client_for(facilitator).post(
        rules_url(food), form(food, (0, 0, "industry", "=", "Metal"), base=start), headers=HTMX
    )
    assert first.status_code == 200
    client = in_english(client_for(manager))
    mine = form(food, (0, 0, "employees", ">", "10"), base=start)
    response = client.post(rules_url(food), mine, headers=HTMX)
    assert response.status_code == 409
    assert "industry = Metal" in response.text  # theirs, shown
    assert 'value="10"' in response.text  # mine, still in the fields
    assert "Keep my version" in response.text
    food.refresh_from_db()
    assert food.customer_rules[0]["conditions"][0]["value"] == "Metal"
    # Keeping mine, after seeing theirs, replaces them.
    mine.update({"resolve": "mine", "conflict_version": value_version("industry = Metal")})
    response = client.post(rules_url(food), mine, headers=HTMX)
    assert response.status_code == 200
    food.refresh_from_db()
    assert food.customer_rules[0]["conditions"][0]["attribute"] == "employees"


def test_rule_values_are_escaped(client_for, manager, food, model):
    client = in_english(client_for(manager))
    data = form(food, (0, 0, "name", "contains", '<script>alert("x")</script>'))
    response = client.post(rules_url(food), data, headers=HTMX)
    assert response.status_code == 200
    assert "<script>alert" not in response.text
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in response.text
    page = client.get(reverse("segments:detail", args=[food.pk]))
    assert "<script>alert" not in page.text


def test_viewer_sees_the_rules_without_inputs(client_for, viewer, food, model):
    response = in_english(client_for(viewer)).get(reverse("segments:detail", args=[food.pk]))
    assert response.status_code == 200
    assert "industry = food" in response.text
    assert 'name="rule-0-0-attribute"' not in response.text
    assert "Customers meeting these rules: 2 of 3." in response.text  # A and C
    assert "rules: 1." in response.text  # C's segment column puts it in Retail


def test_editor_has_a_label_for_every_input(client_for, manager, food, model):
    response = in_english(client_for(manager)).get(reverse("segments:detail", args=[food.pk]))
    text = response.text
    for name in ("attribute", "operator", "value"):
        assert f'<label for="rule-0-0-{name}">' in text
        assert f'<label for="rule-1-0-{name}">' in text  # the empty rule to add another
    assert '<label for="rule-0-0-remove">' in text
    assert "Rule 1, condition 1: attribute" in text


def test_preview_counts_without_saving(client_for, viewer, food, model):
    url = reverse("segments:rules-preview", args=[food.pk])
    query = {
        "rule-0-0-attribute": "employees",
        "rule-0-0-operator": ">=",
        "rule-0-0-value": "100",
    }
    response = in_english(client_for(viewer)).get(url, query, headers=HTMX)
    assert response.status_code == 200
    assert 'id="rules-preview"' in response.text
    # A (120) and B ("1 200"); neither's segment column names a segment, and Food makers
    # comes first, so both would belong to it.
    assert "Customers meeting these rules: 2 of 3." in response.text
    assert "rules: 2." in response.text
    food.refresh_from_db()
    assert food.customer_rules == FOOD


def test_viewer_gets_403_and_outsider_404(client_for, viewer, outsider, food, model):
    data = form(food, (0, 0, "industry", "=", "Metal"))
    assert client_for(viewer).post(rules_url(food), data).status_code == 403
    assert client_for(outsider).post(rules_url(food), data).status_code == 404
    preview = reverse("segments:rules-preview", args=[food.pk])
    assert client_for(outsider).get(preview).status_code == 404
    food.refresh_from_db()
    assert food.customer_rules == FOOD


def test_without_javascript_the_save_redirects_to_the_page(client_for, manager, food, model):
    response = client_for(manager).post(rules_url(food), form(food, (0, 0, "orders", ">", "1")))
    assert response.status_code == 302
    assert response["Location"].endswith("#customer-rules")


def test_get_is_not_allowed(client_for, manager, food):
    assert client_for(manager).get(rules_url(food)).status_code == 405
