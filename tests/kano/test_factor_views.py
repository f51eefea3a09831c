"""The factor list: add, edit (with a version check), delete and stage linking."""

from django.urls import reverse

from kano.forms import factor_version
from kano.models import Factor
from tests.conftest import HTMX


def test_factor_list_shows_factors_and_questions(en_client_for, facilitator, factors):
    response = en_client_for(facilitator).get(
        reverse("kano:factors", args=[factors[0].workshop_id])
    )
    assert response.status_code == 200
    assert "Nopea toimitus" in response.text
    # The questions are written in the workshop's language (Finnish), whatever the UI language.
    assert "Jos ”Nopea toimitus” toteutuu, miltä se sinusta tuntuu?" in response.text
    assert "Add a factor" in response.text


def test_add_factor_generates_both_questions_in_workshop_language(en_client_for, manager, workshop):
    response = en_client_for(manager).post(
        reverse("kano:factor-add", args=[workshop.pk]),
        {"name": "  Ystävällinen   palvelu ", "description": "Asiakaspalvelu"},
        headers=HTMX,
    )
    assert response.status_code == 200
    assert "<html" not in response.text
    factor = Factor.objects.get(workshop=workshop)
    assert factor.name == "Ystävällinen palvelu"
    assert (
        factor.functional_question
        == "Jos ”Ystävällinen palvelu” toteutuu, miltä se sinusta tuntuu?"
    )
    assert factor.dysfunctional_question == (
        "Jos ”Ystävällinen palvelu” ei toteudu, miltä se sinusta tuntuu?"
    )
    assert 'value="Ystävällinen palvelu"' in response.text


def test_add_factor_in_english_workshop_writes_english_questions(
    en_client_for, facilitator, en_workshop
):
    en_client_for(facilitator).post(
        reverse("kano:factor-add", args=[en_workshop.pk]), {"name": "Free parking"}
    )
    factor = Factor.objects.get(workshop=en_workshop)
    assert factor.functional_question == "If “Free parking” is provided, how do you feel?"
    assert factor.dysfunctional_question == "If “Free parking” is not provided, how do you feel?"


def test_add_factor_keeps_questions_typed_by_the_user_and_links_stages(
    en_client_for, facilitator, workshop, stage
):
    en_client_for(facilitator).post(
        reverse("kano:factor-add", args=[workshop.pk]),
        {
            "name": "Soitto takaisin",
            "functional_question": "Jos soitamme takaisin tunnissa?",
            "stages": [str(stage.pk)],
        },
    )
    factor = Factor.objects.get(workshop=workshop)
    assert factor.functional_question == "Jos soitamme takaisin tunnissa?"
    assert factor.dysfunctional_question.startswith("Jos ”Soitto takaisin” ei")
    assert list(factor.stages.all()) == [stage]


def test_duplicate_factor_name_is_refused_with_422(en_client_for, facilitator, factors):
    response = en_client_for(facilitator).post(
        reverse("kano:factor-add", args=[factors[0].workshop_id]),
        {"name": "nopea TOIMITUS"},
        headers=HTMX,
    )
    assert response.status_code == 422
    assert "There is already a factor with this name." in response.text
    assert Factor.objects.filter(workshop_id=factors[0].workshop_id).count() == 2


def test_save_factor_updates_fields_stages_and_shows_saved(en_client_for, manager, factors, stage):
    factor = factors[0]
    response = en_client_for(manager).post(
        reverse("kano:factor-save", args=[factor.pk]),
        {
            "name": "Nopea toimitus",
            "description": "Alle 24 h",
            "functional_question": "Jos toimitus tulee huomenna?",
            "dysfunctional_question": "Jos toimitus tulee viikon päästä?",
            "stages": [str(stage.pk)],
            "base_version": factor_version(factor),
        },
        headers=HTMX,
    )
    assert response.status_code == 200
    assert "✓ Saved" in response.text
    assert "<html" not in response.text
    factor.refresh_from_db()
    assert factor.description == "Alle 24 h"
    assert factor.functional_question == "Jos toimitus tulee huomenna?"
    assert list(factor.stages.all()) == [stage]


def test_stale_version_gets_409_and_keeps_both_texts(en_client_for, manager, factors):
    factor = factors[0]
    data = {
        "name": "Nopea toimitus",
        "functional_question": "Bobin kysymys",
        "dysfunctional_question": "x",
        "base_version": factor_version(factor),
    }
    client = en_client_for(manager)
    first = client.post(reverse("kano:factor-save", args=[factor.pk]), data, headers=HTMX)
    assert first.status_code == 200
    data["functional_question"] = "Toinen versio"
    response = client.post(reverse("kano:factor-save", args=[factor.pk]), data, headers=HTMX)
    assert response.status_code == 409
    assert "Someone else changed this factor" in response.text
    assert "Bobin kysymys" in response.text  # theirs
    assert "Toinen versio" in response.text  # mine, still in the field
    factor.refresh_from_db()
    assert factor.functional_question == "Bobin kysymys"


def test_invalid_factor_save_gets_422_and_saves_nothing(en_client_for, manager, factors):
    factor = factors[0]
    response = en_client_for(manager).post(
        reverse("kano:factor-save", args=[factor.pk]),
        {"name": "", "base_version": factor_version(factor)},
        headers=HTMX,
    )
    assert response.status_code == 422
    factor.refresh_from_db()
    assert factor.name == "Nopea toimitus"


def test_delete_factor_removes_it_from_the_list(en_client_for, facilitator, factors):
    response = en_client_for(facilitator).post(
        reverse("kano:factor-delete", args=[factors[0].pk]), headers=HTMX
    )
    assert response.status_code == 200
    assert "Nopea toimitus" not in response.text
    assert "Selkeä lasku" in response.text
    assert not Factor.objects.filter(pk=factors[0].pk).exists()


def test_factor_row_partial_shows_the_stored_version(en_client_for, manager, factors):
    response = en_client_for(manager).get(
        reverse("kano:factor-row", args=[factors[0].pk]), headers=HTMX
    )
    assert response.status_code == 200
    assert "<html" not in response.text
    assert 'value="Nopea toimitus"' in response.text


def test_viewer_sees_factors_read_only_and_gets_403_on_writes(en_client_for, viewer, factors):
    client = en_client_for(viewer)
    page = client.get(reverse("kano:factors", args=[factors[0].workshop_id]))
    assert page.status_code == 200
    assert "Nopea toimitus" in page.text
    assert "Add a factor" not in page.text
    factor = factors[0]
    for url, data in (
        (reverse("kano:factor-add", args=[factor.workshop_id]), {"name": "X"}),
        (reverse("kano:factor-save", args=[factor.pk]), {"name": "X", "base_version": ""}),
        (reverse("kano:factor-delete", args=[factor.pk]), {}),
    ):
        assert client.post(url, data).status_code == 403
    factor.refresh_from_db()
    assert factor.name == "Nopea toimitus"


def test_other_organisation_gets_404(en_client_for, outsider, factors):
    client = en_client_for(outsider)
    assert client.get(reverse("kano:factors", args=[factors[0].workshop_id])).status_code == 404
    response = client.post(
        reverse("kano:factor-save", args=[factors[0].pk]), {"name": "X", "base_version": ""}
    )
    assert response.status_code == 404


def test_write_urls_refuse_get_and_read_urls_refuse_post(en_client_for, facilitator, factors):
    client = en_client_for(facilitator)
    factor = factors[0]
    assert client.get(reverse("kano:factor-save", args=[factor.pk])).status_code == 405
    assert client.get(reverse("kano:factor-delete", args=[factor.pk])).status_code == 405
    assert client.get(reverse("kano:factor-add", args=[factor.workshop_id])).status_code == 405
    assert client.post(reverse("kano:factors", args=[factor.workshop_id])).status_code == 405


def test_anonymous_is_sent_to_login(client, factors):
    response = client.get(reverse("kano:factors", args=[factors[0].workshop_id]))
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_keep_my_version_after_a_conflict_saves_mine(en_client_for, manager, factors):
    factor = factors[0]
    started_from = factor_version(factor)
    Factor.objects.filter(pk=factor.pk).update(functional_question="Their question")
    factor.refresh_from_db()
    data = {
        "name": "Nopea toimitus",
        "functional_question": "My question",
        "dysfunctional_question": "x",
        "base_version": started_from,
    }
    url = reverse("kano:factor-save", args=[factor.pk])
    client = en_client_for(manager)
    conflict = client.post(url, data, headers=HTMX)
    assert conflict.status_code == 409
    assert f'value="{factor_version(factor)}"' in conflict.text  # "Keep my version" posts theirs
    data["base_version"] = factor_version(factor)
    assert client.post(url, data, headers=HTMX).status_code == 200
    factor.refresh_from_db()
    assert factor.functional_question == "My question"
