"""Volume, margin and profit scores filled from profitability data, marked measured; a score a
person types is theirs and is never overwritten."""

from django.urls import reverse

from segments import services
from segments.models import CriterionScore, Segment
from tests.segments.conftest import in_english, post_field
from workshops.models import Change


def scores(segment):
    return {
        s.criterion.key: (s.score, s.measured)
        for s in segment.scores.select_related("criterion").filter(
            criterion__key__in=["volume", "margin", "profit", "risk"]
        )
    }


def test_importing_a_model_fills_the_scores_as_measured(workshop, food, retail, model):
    # Food makers: A (revenue 1500 €, margin 63 %, profit 300 €); Retail: C (200 €, -5 %,
    # -150 €). Two segments: the higher gets 5, the lower 1.
    assert scores(food) == {
        "volume": (5, True),
        "margin": (5, True),
        "profit": (5, True),
        "risk": (None, False),
    }
    assert scores(retail)["volume"] == (1, True)
    assert scores(retail)["profit"] == (1, True)
    assert workshop.value_criteria.get(key="volume").measured
    change = Change.objects.filter(field="score", user=None).first()
    assert change is not None  # the history says the data set it


def test_a_typed_score_is_not_overwritten(workshop, facilitator, food, retail, media_root):
    CriterionScore.objects.filter(segment=retail, criterion__key="volume").update(score=4)
    from tests.profitability.conftest import make_model
    from tests.segments.conftest import CUSTOMERS

    make_model(workshop, facilitator, customers=CUSTOMERS)
    assert scores(retail)["volume"] == (4, False)
    assert scores(retail)["margin"] == (1, True)


def test_editing_a_measured_score_makes_it_an_estimate_that_stays(
    client_for, manager, workshop, food, retail, model
):
    row = food.scores.get(criterion__key="volume")
    response = post_field(in_english(client_for(manager)), "score", row, "score", "3")
    assert response.status_code == 200
    assert "estimated" in response.text
    assert "measured" not in response.text
    assert scores(food)["volume"] == (3, False)
    assert services.fill_measured_scores(workshop) == 0
    assert scores(food)["volume"] == (3, False)


def test_value_page_shows_which_scores_are_measured(client_for, viewer, workshop, food, model):
    response = in_english(client_for(viewer)).get(reverse("segments:value", args=[workshop.pk]))
    assert response.status_code == 200
    row = food.scores.get(criterion__key="volume")
    part = response.text.split(f'id="field-score-{row.pk.hex}-score"')[1].split("</td>")[0]
    assert "measured" in part


def test_rules_change_refills_the_scores(client_for, manager, workshop, food, retail, model):
    # Retail takes B by a rule as well: 500 € revenue against Food makers' 1500 €.
    services.save_customer_rules(
        segment=retail,
        rules_data=[{"conditions": [{"attribute": "industry", "operator": "=", "value": "metal"}]}],
        base_version=services_version(retail),
    )
    assert scores(retail)["volume"] == (1, True)
    assert services.segment_profitability(workshop)["by_key"][str(retail.pk)]["customers"] == 2


def services_version(segment):
    from segments.editing import value_version

    return value_version(services.rules_text(Segment.objects.get(pk=segment.pk).customer_rules))


def test_deleting_the_model_clears_the_measured_scores(
    client_for, facilitator, workshop, food, model, django_capture_on_commit_callbacks
):
    CriterionScore.objects.filter(segment=food, criterion__key="risk").update(score=2)
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(facilitator).post(reverse("profitability:delete", args=[model.pk]))
    assert response.status_code == 302
    assert scores(food) == {
        "volume": (None, False),
        "margin": (None, False),
        "profit": (None, False),
        "risk": (2, False),
    }


def test_a_single_segment_with_data_gets_the_middle_score(workshop, facilitator, food, media_root):
    from tests.profitability.conftest import make_model
    from tests.segments.conftest import CUSTOMERS

    make_model(workshop, facilitator, customers=CUSTOMERS)
    assert scores(food)["volume"] == (3, True)


def test_update_button_refills_and_viewer_may_not(client_for, manager, viewer, workshop, model):
    url = reverse("segments:measured-fill", args=[workshop.pk])
    assert client_for(viewer).post(url).status_code == 403
    response = client_for(manager).post(url)
    assert response.status_code == 302
