"""Uploading a response file into a survey round: all or nothing."""

import io
import json

import openpyxl
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from kano import services
from kano.figures import figures_document
from kano.models import Answer, Factor, Respondent
from tests.kano.conftest import add_answers

GOOD = (
    "respondent;factor;functional;dysfunctional;importance;Segment\n"
    "r1;Nopea toimitus;1;4;7;Yritys\n"
    "r1;Selkeä lasku;2;5;9;Yritys\n"
    "r2;Nopea toimitus;pidän siitä;en pidä siitä;;Kuluttaja\n"
    "r2;Selkeä lasku;odotan sitä;voin sietää sen;6;Kuluttaja\n"
    "r3;Nopea toimitus;I like it;I dislike it;8;Kuluttaja\n"
    "r3;Selkeä lasku;3;3;;Kuluttaja\n"
)


def upload(client, survey, content, name="answers.csv", **extra):
    data = content.encode("utf-8") if isinstance(content, str) else content
    return client.post(
        reverse("kano:survey-upload", args=[survey.pk]),
        {"file": SimpleUploadedFile(name, data), **extra},
    )


def test_upload_saves_respondents_answers_and_attributes(en_client_for, facilitator, survey):
    response = upload(en_client_for(facilitator), survey, GOOD)
    assert response.status_code == 302
    follow = en_client_for(facilitator).get(response["Location"])
    assert follow.status_code == 200
    assert Respondent.objects.filter(survey=survey, source="upload").count() == 3
    assert Answer.objects.filter(respondent__survey=survey).count() == 6
    r2 = Respondent.objects.get(survey=survey, key="r2")
    assert r2.attributes == {"Segment": "Kuluttaja"}
    answer = r2.answers.get(factor__name="Nopea toimitus")
    assert (answer.functional, answer.dysfunctional, answer.importance) == (1, 5, None)


def test_upload_shows_a_success_message(en_client_for, facilitator, survey):
    client = en_client_for(facilitator)
    response = client.post(
        reverse("kano:survey-upload", args=[survey.pk]),
        {"file": SimpleUploadedFile("a.csv", GOOD.encode())},
        follow=True,
    )
    assert "Imported 3 respondents and 6 answers." in response.text


def test_upload_of_xlsx_works_too(en_client_for, facilitator, survey):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    for line in GOOD.strip().split("\n"):
        sheet.append(line.split(";"))
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = upload(en_client_for(facilitator), survey, buffer.getvalue(), name="a.xlsx")
    assert response.status_code == 302
    assert Answer.objects.filter(respondent__survey=survey).count() == 6


def test_bad_rows_are_listed_with_row_and_column_and_nothing_is_saved(
    en_client_for, facilitator, survey
):
    content = (
        "respondent,factor,functional,dysfunctional\n"
        "r1,Nopea toimitus,1,4\n"
        "r2,Nopea toimitus,maybe,4\n"
        "r3,Selkeä lasku,1,\n"
        "r1,Nopea toimitus,2,2\n"
    )
    response = upload(en_client_for(facilitator), survey, content)
    assert response.status_code == 422
    assert "The file has 3 problems. Nothing was saved." in response.text
    errors = response.context["upload_errors"]
    assert [(e.row, e.column, e.code) for e in errors] == [
        (3, "functional", "unknown_answer"),
        (4, "dysfunctional", "missing_half"),
        (5, "factor", "duplicate_row"),
    ]
    assert '<td class="num">3</td><td>functional</td><td>maybe</td>' in response.text
    assert not Respondent.objects.exists()


def test_unknown_factor_names_the_row_and_saves_nothing(en_client_for, facilitator, survey):
    content = (
        "respondent,factor,functional,dysfunctional\nr1,Nopea toimitus,1,4\n\nr1,Parkkipaikka,1,4\n"
    )
    response = upload(en_client_for(facilitator), survey, content)
    assert response.status_code == 422
    [error] = response.context["upload_errors"]
    assert (error.row, error.column, error.value) == (4, "factor", "Parkkipaikka")
    assert "Row 4, column “factor”: “Parkkipaikka” is not a factor" in response.text
    assert not Respondent.objects.exists()
    assert not Factor.objects.filter(name="Parkkipaikka").exists()


def test_create_missing_factors_adds_them_with_questions(en_client_for, facilitator, survey):
    content = "respondent,factor,functional,dysfunctional\nr1,Parkkipaikka,1,4\n"
    response = upload(en_client_for(facilitator), survey, content, create_factors="on")
    assert response.status_code == 302
    factor = Factor.objects.get(workshop=survey.workshop, name="Parkkipaikka")
    assert factor.functional_question == "Jos ”Parkkipaikka” toteutuu, miltä se sinusta tuntuu?"
    assert factor.answers.count() == 1


def test_factor_names_match_without_case(en_client_for, facilitator, survey):
    content = "respondent,factor,functional,dysfunctional\nr1,NOPEA toimitus,1,4\n"
    assert upload(en_client_for(facilitator), survey, content).status_code == 302
    assert Answer.objects.get().factor.name == "Nopea toimitus"


def test_respondent_already_in_the_round_is_refused(en_client_for, facilitator, survey, factors):
    add_answers(survey, [("r2", factors[0], 1, 1)])
    response = upload(en_client_for(facilitator), survey, GOOD)
    assert response.status_code == 422
    [error] = response.context["upload_errors"]
    assert (error.row, error.column, error.value) == (4, "respondent", "r2")
    assert Answer.objects.count() == 1


def test_empty_file_and_wrong_encoding_are_refused(en_client_for, facilitator, survey):
    client = en_client_for(facilitator)
    response = upload(client, survey, b"")
    assert response.status_code == 422
    response = upload(client, survey, "respondent,factor,functional,dysfunctional\n")
    assert "no answer rows" in response.text
    latin1 = "respondent,factor,functional,dysfunctional\nr1,Selkeä,1,4\n".encode("latin-1")
    response = upload(client, survey, latin1)
    assert response.status_code == 422
    assert response.context["upload_errors"][0].row == 2
    assert not Respondent.objects.exists()


def test_viewer_and_manager_cannot_upload(en_client_for, viewer, manager, survey):
    for user in (viewer, manager):
        assert upload(en_client_for(user), survey, GOOD).status_code == 403
    assert not Respondent.objects.exists()


def test_outsider_gets_404(en_client_for, outsider, survey):
    assert upload(en_client_for(outsider), survey, GOOD).status_code == 404


def test_upload_gives_the_same_figures_as_the_command(
    en_client_for, facilitator, survey, tmp_path, capsys
):
    path = tmp_path / "answers.csv"
    path.write_text(GOOD, encoding="utf-8")
    call_command("kano_analyze", str(path), "--format", "json")
    from_command = json.loads(capsys.readouterr().out)

    assert upload(en_client_for(facilitator), survey, GOOD).status_code == 302
    names = {str(f.pk): f.name for f in survey.workshop.kano_factors.all()}
    from_upload = figures_document(services.survey_results(survey), names)
    assert from_upload == from_command

    page = en_client_for(facilitator).get(reverse("kano:results", args=[survey.workshop_id]))
    first = from_command["factors"][0]
    assert f'<td class="num">{first["better"]:.2f}</td>' in page.text
    assert "n = 3" in page.text


def test_two_spellings_of_one_factor_for_one_respondent_are_refused(
    en_client_for, facilitator, survey
):
    content = (
        "respondent,factor,functional,dysfunctional\n"
        "r1,Nopea toimitus,1,4\n"
        "r1,NOPEA TOIMITUS,2,4\n"
        "r2,nopea toimitus,2,4\n"
    )
    response = upload(en_client_for(facilitator), survey, content)
    assert response.status_code == 422
    [error] = response.context["upload_errors"]
    assert (error.row, error.column, error.value) == (3, "factor", "NOPEA TOIMITUS")
    assert not Respondent.objects.exists()
