"""A web respondent's token never leaves their browser: not in export.json, the pages or the
exchange format, so a viewer cannot overwrite that person's answers with exported data."""

import json

from django.test import Client
from django.urls import reverse

from kano.models import Respondent
from kano.respondent_keys import hashed_key
from workshops import exchange

from .test_public_survey import answers_for, resume_token, survey_url


def answer_as_customer(survey, factors, pairs):
    phone = Client()
    response = phone.post(survey_url(survey), answers_for(factors, *pairs), follow=True)
    return resume_token(response.text, survey)


def test_export_json_carries_no_respondent_token(client_for, viewer, workshop, survey, factors):
    token = answer_as_customer(survey, factors, [(1, 4), (2, 5)])
    response = client_for(viewer).get(reverse("workshops:export-json", args=[workshop.pk]))
    assert response.status_code == 200
    assert token not in response.content.decode()
    respondent = json.loads(response.content)["kano"]["surveys"][0]["respondents"][0]
    assert "key" not in respondent
    assert respondent["id"] == Respondent.objects.get(survey=survey).key != token


def test_a_viewer_cannot_overwrite_answers_with_the_exported_id(
    client_for, viewer, workshop, survey, factors
):
    answer_as_customer(survey, factors, [(1, 4), (2, 5)])
    data = json.loads(
        client_for(viewer).get(reverse("workshops:export-json", args=[workshop.pk])).content
    )
    exported_id = data["kano"]["surveys"][0]["respondents"][0]["id"]
    attacker = client_for(viewer)
    resume = attacker.get(reverse("kano:public-resume", args=[survey.public_token, exported_id]))
    assert resume.status_code == 404
    attacker.post(survey_url(survey), answers_for(factors, (5, 5), (5, 5)))
    victim = Respondent.objects.get(key=exported_id)
    assert victim.answers.get(factor=factors[0]).functional == 1  # untouched


def test_the_database_keeps_only_the_hash_of_the_token(survey, factors):
    token = answer_as_customer(survey, factors, [(1, 4)])
    assert not Respondent.objects.filter(key=token).exists()
    assert Respondent.objects.filter(key=hashed_key(token)).exists()


def test_a_respondent_saved_before_hashing_still_resumes_and_exports_hashed(
    client_for, viewer, workshop, survey, factors
):
    bare = "A" * 22  # a token as handed out before keys were hashed
    Respondent.objects.create(survey=survey, key=bare, source="web")
    phone = Client()
    assert (
        phone.get(reverse("kano:public-resume", args=[survey.public_token, bare])).status_code
        == 302
    )
    text = client_for(viewer).get(reverse("workshops:export-json", args=[workshop.pk])).text
    assert bare not in text and hashed_key(bare) in text


def test_round_trip_keeps_ids_and_an_older_file_with_keys_still_imports(
    workshop, survey, factors, organisation
):
    answer_as_customer(survey, factors, [(1, 4), (2, 5)])
    first = exchange.export_workshop(workshop)
    copy = exchange.import_workshop(json.dumps(first), organisation=organisation)
    assert exchange.export_workshop(copy)["kano"] == first["kano"]
    # A file written before: respondents named by their `key`, a web respondent's bare token.
    older = json.loads(json.dumps(first))
    respondent = older["kano"]["surveys"][0]["respondents"][0]
    respondent["key"] = "B" * 22
    del respondent["id"]
    imported = exchange.import_workshop(json.dumps(older), organisation=organisation)
    keys = list(Respondent.objects.filter(survey__workshop=imported).values_list("key", flat=True))
    assert keys == [hashed_key("B" * 22)]
    assert Respondent.objects.get(key=keys[0]).answers.count() == 2
