"""Actions per group: the method's text by default, edited by the consultant (autosave)."""

from django.urls import reverse

from profitability.models import GroupAction
from profitability.services import ordered_settings, rerun_analysis

from ..conftest import HTMX


def url(action):
    return reverse("profitability:action-save", args=[action.pk])


def test_default_text_comes_from_the_method_in_the_workshop_language(pm):
    first = pm.group_actions.get(group=1)
    assert first.action == "protect"
    assert first.text.startswith("Pidä näistä asiakkaista erityisen hyvää huolta")
    assert not first.edited


def test_saves_the_consultants_text_and_shows_saved(pm, manager, en_client_for):
    action = pm.group_actions.get(group=3)
    response = en_client_for(manager).post(
        url(action), {"text": "Minimitilaus 200 €", "version": action.version}, headers=HTMX
    )
    assert response.status_code == 200
    assert "<html" not in response.text
    assert "Saved" in response.text
    action.refresh_from_db()
    assert (action.text, action.edited, action.version) == ("Minimitilaus 200 €", True, 2)


def test_stale_version_gets_409_and_keeps_both_texts(pm, manager, en_client_for):
    action = pm.group_actions.get(group=2)
    GroupAction.objects.filter(pk=action.pk).update(text="Their text", version=5)
    response = en_client_for(manager).post(
        url(action), {"text": "My text", "version": 1}, headers=HTMX
    )
    assert response.status_code == 409
    assert "Their text" in response.text and "My text" in response.text
    action.refresh_from_db()
    assert action.text == "Their text"


def test_rerun_keeps_edited_texts_and_updates_untouched_defaults(pm):
    first = pm.group_actions.get(group=1)
    GroupAction.objects.filter(pk=first.pk).update(text="Own words", edited=True)
    assert pm.group_actions.get(group=2).action == "teach_to_buy"  # Beta loses 100.00
    # Without order handling Beta breaks even (60.00 - 45.00 - 15.00): no longer a loss.
    rows = [s for s in ordered_settings(pm) if s.name != "Order handling"]
    rerun_analysis(pm=pm, rows=rows)
    second = pm.group_actions.get(group=2)
    assert second.action == "adapt_processes"
    assert second.text.startswith("Palvele näitä asiakkaita kevyemmillä")
    assert pm.group_actions.get(group=1).text == "Own words"


def test_viewer_gets_403(pm, viewer, en_client_for):
    action = pm.group_actions.get(group=1)
    response = en_client_for(viewer).post(url(action), {"text": "x", "version": 1})
    assert response.status_code == 403
    action.refresh_from_db()
    assert action.text != "x"


def test_other_organisation_gets_404(pm, outsider, en_client_for):
    action = pm.group_actions.get(group=1)
    assert en_client_for(outsider).post(url(action), {"text": "x"}).status_code == 404


def test_get_is_not_allowed(pm, manager, en_client_for):
    action = pm.group_actions.get(group=1)
    assert en_client_for(manager).get(url(action)).status_code == 405


def test_invalid_post_without_htmx_shows_the_results_page_with_the_error(
    pm, manager, en_client_for
):
    action = pm.group_actions.get(group=1)
    response = en_client_for(manager).post(url(action), {"text": "x", "version": "nope"})
    assert response.status_code == 422
    assert "<html" in response.text
    assert "field group-action error" in response.text
    assert "Most profitable customers" in response.text


def test_stale_post_without_htmx_shows_both_texts_on_the_full_page(pm, manager, en_client_for):
    action = pm.group_actions.get(group=2)
    GroupAction.objects.filter(pk=action.pk).update(text="Their text", version=5)
    response = en_client_for(manager).post(url(action), {"text": "My text", "version": 1})
    assert response.status_code == 409
    assert "<html" in response.text
    assert "Their text" in response.text and "My text" in response.text
