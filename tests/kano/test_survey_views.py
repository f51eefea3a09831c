"""Survey rounds: create, open, close, delete, the link with code and QR, live progress."""

import datetime

from django.urls import reverse

from kano.models import Survey
from tests.conftest import HTMX
from tests.kano.conftest import add_answers


def test_facilitator_creates_a_round_with_attributes(en_client_for, facilitator, workshop):
    response = en_client_for(facilitator).post(
        reverse("kano:survey-create", args=[workshop.pk]),
        {
            "name": "Syksy 2025",
            "date": "2025-09-01",
            "ask_importance": "on",
            "attribute_lines": "Asiakasryhmä: Yritys, Kuluttaja\nRooli",
        },
    )
    survey = Survey.objects.get(workshop=workshop)
    assert response.status_code == 302
    assert response["Location"] == reverse("kano:survey", args=[survey.pk])
    assert survey.status == "draft"
    assert survey.ask_importance
    assert survey.attribute_questions == [
        {"name": "Asiakasryhmä", "options": ["Yritys", "Kuluttaja"]},
        {"name": "Rooli", "options": []},
    ]
    assert len(survey.public_token) >= 20


def test_bad_attribute_lines_get_422(en_client_for, facilitator, workshop):
    response = en_client_for(facilitator).post(
        reverse("kano:survey-create", args=[workshop.pk]),
        {"name": "X", "date": "2025-09-01", "attribute_lines": "Rooli\nrooli: a"},
    )
    assert response.status_code == 422
    assert "is given twice" in response.text
    assert not Survey.objects.exists()


def test_survey_list_shows_rounds_with_response_counts(en_client_for, viewer, survey, factors):
    add_answers(survey, [("r1", factors[0], 1, 4), ("r2", factors[0], 2, 5)])
    response = en_client_for(viewer).get(reverse("kano:surveys", args=[survey.workshop_id]))
    assert response.status_code == 200
    assert "Kevät 2025" in response.text
    assert '<td class="num">2</td>' in response.text
    assert "New survey round" not in response.text  # only the facilitator creates rounds


def test_survey_page_shows_link_code_and_qr(en_client_for, facilitator, survey):
    response = en_client_for(facilitator).get(reverse("kano:survey", args=[survey.pk]))
    assert response.status_code == 200
    link = "http://testserver" + reverse("kano:public-survey", args=[survey.public_token])
    assert link in response.text
    assert survey.short_code in response.text
    assert "http://testserver/k/" in response.text
    assert '<svg xmlns="http://www.w3.org/2000/svg"' in response.text  # the QR code


def test_open_and_close_the_round(en_client_for, facilitator, survey):
    client = en_client_for(facilitator)
    url = reverse("kano:survey-status", args=[survey.pk])
    response = client.post(url, {"status": "closed"}, follow=True)
    assert "The survey is closed" in response.text
    assert Survey.objects.get(pk=survey.pk).status == "closed"
    client.post(url, {"status": "open"})
    assert Survey.objects.get(pk=survey.pk).status == "open"


def test_progress_partial_counts_responses_and_polls_while_open(
    en_client_for, viewer, survey, factors
):
    add_answers(survey, [("a", factors[0], 1, 4), ("a", factors[1], 1, 4), ("b", factors[0], 2, 5)])
    client = en_client_for(viewer)
    response = client.get(reverse("kano:survey-progress", args=[survey.pk]), headers=HTMX)
    assert response.status_code == 200
    assert "<html" not in response.text
    assert "<strong>2</strong> respondents" in response.text
    assert 'hx-trigger="every 3s"' in response.text
    assert '<td>Nopea toimitus</td><td class="num">2</td>' in response.text
    assert '<td>Selkeä lasku</td><td class="num">1</td>' in response.text
    Survey.objects.filter(pk=survey.pk).update(status="closed")
    closed = client.get(reverse("kano:survey-progress", args=[survey.pk]), headers=HTMX)
    assert "every 3s" not in closed.text  # polling stops with the round


def test_delete_round_needs_confirmation(en_client_for, facilitator, survey, factors):
    add_answers(survey, [("a", factors[0], 1, 4)])
    client = en_client_for(facilitator)
    url = reverse("kano:survey-delete", args=[survey.pk])
    client.post(url)
    assert Survey.objects.filter(pk=survey.pk).exists()
    response = client.post(url, {"confirm": "yes"})
    assert response.status_code == 302
    assert not Survey.objects.filter(pk=survey.pk).exists()


def test_viewer_and_manager_get_403_on_round_writes(
    en_client_for, viewer, manager, survey, workshop
):
    for user in (viewer, manager):
        client = en_client_for(user)
        assert (
            client.post(reverse("kano:survey-create", args=[workshop.pk]), {"name": "x"})
        ).status_code == 403
        url = reverse("kano:survey-status", args=[survey.pk])
        assert client.post(url, {"status": "closed"}).status_code == 403
        url = reverse("kano:survey-delete", args=[survey.pk])
        assert client.post(url, {"confirm": "yes"}).status_code == 403
    assert Survey.objects.get(pk=survey.pk).status == "open"


def test_other_organisation_gets_404(en_client_for, outsider, survey):
    client = en_client_for(outsider)
    assert client.get(reverse("kano:survey", args=[survey.pk])).status_code == 404
    assert client.get(reverse("kano:surveys", args=[survey.workshop_id])).status_code == 404
    url = reverse("kano:survey-status", args=[survey.pk])
    assert client.post(url, {"status": "closed"}).status_code == 404


def test_methods(en_client_for, facilitator, survey):
    client = en_client_for(facilitator)
    assert client.get(reverse("kano:survey-status", args=[survey.pk])).status_code == 405
    assert client.get(reverse("kano:survey-upload", args=[survey.pk])).status_code == 405
    assert client.post(reverse("kano:survey", args=[survey.pk])).status_code == 405
    assert client.post(reverse("kano:survey-progress", args=[survey.pk])).status_code == 405


def test_questionnaire_preview_lists_questions_and_the_five_answers(en_client_for, viewer, factors):
    response = en_client_for(viewer).get(
        reverse("kano:questionnaire", args=[factors[0].workshop_id])
    )
    assert response.status_code == 200
    assert "Jos ”Selkeä lasku” ei toteudu, miltä se sinusta tuntuu?" in response.text
    for label in ("Pidän siitä", "Odotan sitä", "Yhdentekevää", "Voin sietää sen", "En pidä siitä"):
        assert label in response.text


def test_english_questionnaire_preview(en_client_for, facilitator, en_factors):
    response = en_client_for(facilitator).get(
        reverse("kano:questionnaire", args=[en_factors[0].workshop_id])
    )
    for label in ("I like it", "I expect it", "I am neutral", "I can live with it", "I dislike it"):
        assert label in response.text


def test_template_download_is_a_csv_in_the_workshop_language(en_client_for, viewer, workshop):
    response = en_client_for(viewer).get(reverse("kano:template", args=[workshop.pk]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    assert response.content.decode("utf-8-sig").startswith("vastaaja,tekijä,")


def test_survey_dates_use_the_finnish_date_format(client_for, viewer, survey):
    Survey.objects.filter(pk=survey.pk).update(date=datetime.date(2025, 3, 1))
    page = client_for(viewer).get(reverse("kano:surveys", args=[survey.workshop_id])).text
    assert "<td>1.3.2025</td>" in page
    assert "2025-03-01" not in page
