from django.urls import reverse

from journey.models import Phase, Stage
from tests.conftest import HTMX


def names(journey):
    return list(
        Stage.objects.filter(phase__journey=journey)
        .order_by("phase__position", "position")
        .values_list("name", flat=True)
    )


def test_add_rename_and_delete_a_stage(client_for, manager, workshop):
    journey = workshop.journeys.get()
    phase = journey.phases.get(key="after")
    client = client_for(manager)
    response = client.post(
        reverse("journey:stage-add", args=[phase.pk]), {"name": "Kierrätys"}, headers=HTMX
    )
    assert response.status_code == 200 and "Kierrätys" in response.text
    stage = Stage.objects.get(name="Kierrätys")
    client.post(
        reverse("journey:stage-rename", args=[stage.pk]),
        {"name": "Kierrätys ja palautus"},
        headers=HTMX,
    )
    assert names(journey)[-1] == "Kierrätys ja palautus"
    client.post(reverse("journey:stage-delete", args=[stage.pk]), headers=HTMX)
    assert "Kierrätys ja palautus" not in names(journey)


def test_delete_asks_for_confirmation_without_javascript(client_for, manager, stage):
    page = client_for(manager).get(reverse("journey:stage-delete", args=[stage.pk]))
    assert page.status_code == 200 and stage.name in page.text
    assert Stage.objects.filter(pk=stage.pk).exists()


def test_move_down_across_a_phase_border(client_for, manager, workshop):
    journey = workshop.journeys.get()
    last_before = Stage.objects.get(phase__journey=journey, name="Valitseminen")
    client_for(manager).post(
        reverse("journey:stage-move", args=[last_before.pk]), {"direction": "down"}, headers=HTMX
    )
    last_before.refresh_from_db()
    assert last_before.phase.key == "purchase"
    assert names(journey).index("Valitseminen") == 2


def test_drag_and_drop_order_is_saved(client_for, manager, workshop):
    journey = workshop.journeys.get()
    before = journey.phases.get(key="before")
    stages = list(before.stages.order_by("position"))
    order = [f"{s.pk}:{before.pk}" for s in reversed(stages)]
    response = client_for(manager).post(
        reverse("journey:stage-reorder", args=[journey.pk]), {"order": order}, headers=HTMX
    )
    assert response.status_code == 200
    assert names(journey)[:3] == [s.name for s in reversed(stages)]


def test_reorder_with_a_foreign_stage_is_refused(client_for, manager, workshop, outsider):
    journey = workshop.journeys.get()
    foreign = Stage.objects.exclude(phase__journey__workshop=workshop).first()
    before = journey.phases.get(key="before")
    response = client_for(manager).post(
        reverse("journey:stage-reorder", args=[journey.pk]),
        {"order": [f"{foreign.pk}:{before.pk}"]},
        headers=HTMX,
    )
    assert response.status_code == 422
    foreign.refresh_from_db()
    assert foreign.phase.journey.workshop != workshop


def test_facilitator_renames_a_phase_and_manager_cannot(client_for, facilitator, manager, workshop):
    phase = workshop.journeys.get().phases.get(key="purchase")
    assert (
        client_for(manager)
        .post(reverse("journey:phase-rename", args=[phase.pk]), {"name": "X"})
        .status_code
        == 403
    )
    client_for(facilitator).post(
        reverse("journey:phase-rename", args=[phase.pk]), {"name": "Ostaminen"}, headers=HTMX
    )
    assert Phase.objects.get(pk=phase.pk).name == "Ostaminen"


def test_facilitator_assigns_a_manager_who_sees_it_in_my_stages(
    client_for, facilitator, manager, workshop, stage
):
    client_for(facilitator).post(
        reverse("journey:stage-assign", args=[stage.pk]),
        {"assign_managers": "1", "managers": [str(manager.pk)]},
    )
    page = client_for(manager).get(reverse("journey:my-stages", args=[workshop.pk]))
    assert stage.name in page.text


def test_journey_copy_starts_the_ideal_version(client_for, facilitator, workshop, stage):
    Stage.objects.filter(pk=stage.pk).update(expectation="Kopioituu")
    source = workshop.journeys.get()
    response = client_for(facilitator).post(
        reverse("journey:create", args=[workshop.pk]),
        {"name": "Ihanne", "kind": "ideal", "copy_from": source.pk},
    )
    assert response.status_code == 302
    ideal = workshop.journeys.get(kind="ideal")
    assert Stage.objects.filter(phase__journey=ideal, expectation="Kopioituu").exists()
    compare = client_for(facilitator).get(
        reverse("journey:compare", args=[workshop.pk]), {"a": source.pk, "b": ideal.pk}
    )
    assert compare.text.count("Kopioituu") == 2
