"""Adding, editing and deleting measures; measures from the stage worksheets."""

from decimal import Decimal

from django.urls import reverse

from followup.models import Feedback, Measure, MeasureValue
from journey.models import Stage


def test_manager_adds_a_measure(client_for, manager, workshop, stage):
    response = client_for(manager).post(
        reverse("followup:measures", args=[workshop.pk]),
        {"stage": stage.pk, "name": "Vastausaika", "unit": "h", "direction": "lower",
         "target": "24", "tolerance": "4", "period": "week", "owner": "Liisa",
         "source": "manual", "source_scale": 5},
    )  # fmt: skip
    assert response.status_code == 302
    measure = Measure.objects.get()
    assert (measure.stage, measure.direction, measure.target, measure.period) == (
        stage,
        "lower",
        Decimal("24"),
        "week",
    )


def test_nps_measure_uses_the_0_to_10_scale_and_computes_its_history(
    client_for, manager, workshop, stage
):
    Feedback.objects.create(workshop=workshop, stage=stage, rating=10, scale=10)
    client_for(manager).post(
        reverse("followup:measures", args=[workshop.pk]),
        {"stage": stage.pk, "name": "NPS", "direction": "higher", "target": "30",
         "tolerance": "0", "period": "month", "source": "feedback_nps", "source_scale": 5},
    )  # fmt: skip
    measure = Measure.objects.get()
    assert measure.source_scale == 10
    assert MeasureValue.objects.get(measure=measure).value == Decimal("100")


def test_share_level_must_be_on_the_scale(en_client_for, manager, workshop, stage):
    response = en_client_for(manager).post(
        reverse("followup:measures", args=[workshop.pk]),
        {"stage": stage.pk, "name": "Osuus", "direction": "higher", "target": "80",
         "tolerance": "0", "period": "month", "source": "feedback_share", "source_scale": 5,
         "source_level": 7},
    )  # fmt: skip
    assert response.status_code == 422
    assert "The level must be on the rating scale (1-5)" in response.text
    assert not Measure.objects.exists()


def test_stage_of_another_workshop_is_refused(client_for, facilitator, workshop, en_workshop):
    other_stage = Stage.objects.filter(phase__journey__workshop=en_workshop).first()
    response = client_for(facilitator).post(
        reverse("followup:measures", args=[workshop.pk]),
        {"stage": other_stage.pk, "name": "X", "direction": "higher", "target": "1",
         "tolerance": "0", "period": "month", "source": "manual", "source_scale": 5},
    )  # fmt: skip
    assert response.status_code == 422
    assert not Measure.objects.exists()


def test_measures_from_the_worksheets(client_for, manager, workshop, stage):
    Stage.objects.filter(pk=stage.pk).update(metric="Vastausprosentti", metric_target="90 %")
    other = Stage.objects.filter(phase__journey__workshop=workshop).exclude(pk=stage.pk).first()
    Stage.objects.filter(pk=other.pk).update(metric="Tunnelma", metric_target="hyvä")
    client_for(manager).post(reverse("followup:measures-from-worksheets", args=[workshop.pk]))
    measure = Measure.objects.get()
    assert (measure.stage, measure.name, measure.target, measure.unit) == (
        stage,
        "Vastausprosentti",
        Decimal("90"),
        "%",
    )


def test_edit_and_delete(client_for, manager, measure):
    client = client_for(manager)
    url = reverse("followup:measure", args=[measure.pk])
    response = client.post(
        url,
        {"stage": measure.stage_id, "name": "NPS 2", "direction": "higher", "target": "60",
         "tolerance": "5", "period": "month", "source": "manual", "source_scale": 5},
    )  # fmt: skip
    assert response.status_code == 302
    measure.refresh_from_db()
    assert (measure.name, measure.target) == ("NPS 2", Decimal("60"))
    client.post(reverse("followup:measure-delete", args=[measure.pk]))
    assert not Measure.objects.exists()


def test_viewer_reads_but_cannot_change(client_for, viewer, workshop, measure):
    client = client_for(viewer)
    assert client.get(reverse("followup:measures", args=[workshop.pk])).status_code == 200
    assert client.get(reverse("followup:measure", args=[measure.pk])).status_code == 200
    assert client.post(reverse("followup:measure", args=[measure.pk]), {}).status_code == 403
    assert client.post(reverse("followup:measure-delete", args=[measure.pk])).status_code == 403
    assert client.post(reverse("followup:measures", args=[workshop.pk]), {}).status_code == 403
