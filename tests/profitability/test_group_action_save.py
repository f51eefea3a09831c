"""Actions per group: the method's text by default, edited by the consultant (autosave)."""

from django.urls import reverse

from profitability.models import GroupAction
from profitability.services import ordered_settings, rerun_analysis
from workshops.autosave import value_version

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
        url(action),
        {"text": "Minimitilaus 200 €", "base_version": value_version(action.text)},
        headers=HTMX,
    )
    assert response.status_code == 200
    assert "<html" not in response.text
    assert "Saved" in response.text
    action.refresh_from_db()
    assert (action.text, action.edited) == ("Minimitilaus 200 €", True)


def test_stale_version_gets_409_and_keeps_both_texts(pm, manager, en_client_for):
    action = pm.group_actions.get(group=2)
    started_from = value_version(action.text)
    GroupAction.objects.filter(pk=action.pk).update(text="Their text")
    response = en_client_for(manager).post(
        url(action), {"text": "My text", "base_version": started_from}, headers=HTMX
    )
    assert response.status_code == 409
    assert "Their text" in response.text and "My text" in response.text
    assert "Keep my version" in response.text and "Use their version" in response.text
    action.refresh_from_db()
    assert action.text == "Their text"


def test_keep_mine_after_a_conflict_saves_my_text(pm, manager, en_client_for):
    action = pm.group_actions.get(group=2)
    started_from = value_version(action.text)
    GroupAction.objects.filter(pk=action.pk).update(text="Their text")
    data = {
        "text": "My text",
        "base_version": started_from,
        "resolve": "mine",
        "conflict_version": value_version("Their text"),
    }
    assert en_client_for(manager).post(url(action), data, headers=HTMX).status_code == 200
    action.refresh_from_db()
    assert action.text == "My text"


def test_use_theirs_shows_the_stored_text(pm, manager, en_client_for):
    action = pm.group_actions.get(group=2)
    GroupAction.objects.filter(pk=action.pk).update(text="Their text")
    response = en_client_for(manager).get(
        reverse("profitability:action", args=[action.pk]), headers=HTMX
    )
    assert response.status_code == 200
    assert "Their text" in response.text


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
    response = en_client_for(manager).post(
        url(action), {"text": "x" * 20001, "base_version": value_version(action.text)}
    )
    assert response.status_code == 422
    assert "<html" in response.text
    assert "at most 20000 characters" in response.text  # the error, at its field
    assert "Most profitable customers" in response.text


def test_stale_post_without_htmx_shows_both_texts_on_the_full_page(pm, manager, en_client_for):
    action = pm.group_actions.get(group=2)
    started_from = value_version(action.text)
    GroupAction.objects.filter(pk=action.pk).update(text="Their text")
    response = en_client_for(manager).post(
        url(action), {"text": "My text", "base_version": started_from}
    )
    assert response.status_code == 409
    assert "<html" in response.text
    assert "Their text" in response.text and "My text" in response.text
