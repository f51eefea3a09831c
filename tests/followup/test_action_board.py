"""The action board: all actions of the workshop, filters, overdue, "my actions", status."""

import datetime

import pytest
from django.urls import reverse

from followup.services import today
from journey.models import Action
from workshops.models import Change

HTMX = {"HX-Request": "true"}


@pytest.fixture
def actions(workshop, stage, manager):
    manager.first_name, manager.last_name = "Bob", "Builder"
    manager.save()
    other = workshop.journeys.get().phases.get(key="after").stages.first()
    day = today()
    return {
        "late": Action.objects.create(
            stage=stage, what="Puhelinnumero etusivulle", owner="bob",
            due_date=day - datetime.timedelta(days=3),
        ),
        "soon": Action.objects.create(
            stage=other, what="Käyttöopas", owner="Bob Builder",
            due_date=day + datetime.timedelta(days=5), status="doing",
        ),
        "done": Action.objects.create(
            stage=stage, what="Aukioloajat", owner="Liisa",
            due_date=day - datetime.timedelta(days=10), status="done",
        ),
        "later": Action.objects.create(stage=other, what="Palautekysely", owner="Liisa"),
    }  # fmt: skip


def board(client, workshop, **filters):
    return client.get(reverse("followup:actions", args=[workshop.pk]), filters).text


def test_board_lists_every_action_and_highlights_the_overdue(
    en_client_for, viewer, workshop, actions
):
    page = board(en_client_for(viewer), workshop)
    for action in actions.values():
        assert action.what in page
    late_row = page[page.index(f'id="action-{actions["late"].pk}"') :][:200]
    assert 'class="overdue"' in late_row
    done_row = page[page.index(f'id="action-{actions["done"].pk}"') :][:200]
    assert 'class="overdue"' not in done_row  # done in time or late, it is not overdue now
    assert "Kano, segment and profitability actions join this board" in page


def test_my_actions_match_username_or_full_name(en_client_for, manager, workshop, actions):
    page = board(en_client_for(manager), workshop, mine="on")
    assert "Puhelinnumero etusivulle" in page and "Käyttöopas" in page
    assert "Aukioloajat" not in page and "Palautekysely" not in page


@pytest.mark.parametrize(
    ("filters", "shown"),
    [
        ({"owner": "Liisa"}, {"done", "later"}),
        ({"status": "doing"}, {"soon"}),
        ({"status": "open"}, {"late", "soon", "later"}),
        ({"due": "overdue"}, {"late"}),
        ({"due": "week"}, {"soon"}),
        ({"due": "none"}, {"later"}),
    ],
)
def test_filters(en_client_for, viewer, workshop, actions, filters, shown):
    page = board(en_client_for(viewer), workshop, **filters)
    assert {key for key, action in actions.items() if action.what in page} == shown


def test_filter_by_stage(en_client_for, viewer, workshop, stage, actions):
    page = board(en_client_for(viewer), workshop, stage=stage.pk)
    assert "Puhelinnumero etusivulle" in page and "Käyttöopas" not in page


def test_status_change_from_the_board_is_kept_in_the_history(en_client_for, manager, actions):
    action = actions["late"]
    response = en_client_for(manager).post(
        reverse("followup:action-status", args=[action.pk]),
        {"status": "done", "base_version": action.edit_version},
        headers=HTMX,
    )
    assert response.status_code == 200
    assert "<html" not in response.text and "Saved" in response.text
    action.refresh_from_db()
    assert action.status == "done"
    change = Change.objects.get(target_id=action.pk)
    assert (change.field, change.old_value, change.new_value, change.user) == (
        "status",
        "todo",
        "done",
        manager,
    )


def test_stale_version_gets_409_and_changes_nothing(en_client_for, manager, actions):
    action = actions["late"]
    started_from = action.edit_version
    Action.objects.filter(pk=action.pk).update(status="doing")
    response = en_client_for(manager).post(
        reverse("followup:action-status", args=[action.pk]),
        {"status": "done", "base_version": started_from},
        headers=HTMX,
    )
    assert response.status_code == 409
    assert "Someone else changed this action" in response.text
    action.refresh_from_db()
    assert action.status == "doing"


def test_viewer_gets_403(client_for, viewer, actions):
    url = reverse("followup:action-status", args=[actions["late"].pk])
    assert client_for(viewer).post(url, {"status": "done"}).status_code == 403


def test_other_organisation_gets_404(client_for, outsider, workshop, actions):
    client = client_for(outsider)
    assert client.get(reverse("followup:actions", args=[workshop.pk])).status_code == 404
    url = reverse("followup:action-status", args=[actions["late"].pk])
    assert client.post(url, {"status": "done"}).status_code == 404
