"""The public survey: answer on a phone without an account, resume, one response per token."""

import re

import pytest
from django.core.cache import cache
from django.urls import reverse

from kano import public
from kano.models import Answer, Respondent, Survey
from kano.public import _cookie_name
from kano.respondent_keys import hashed_key


def survey_url(survey):
    return reverse("kano:public-survey", args=[survey.public_token])


def answers_for(factors, *pairs, importance=None):
    data = {}
    for factor, (functional, dysfunctional) in zip(factors, pairs, strict=False):
        data[f"f_{factor.pk.hex}"] = str(functional)
        data[f"d_{factor.pk.hex}"] = str(dysfunctional)
        if importance is not None:
            data[f"i_{factor.pk.hex}"] = str(importance)
    return data


@pytest.fixture(autouse=True)
def empty_cache(db):
    cache.clear()  # the rate limit counts in the shared cache
    yield
    cache.clear()


def test_survey_page_shows_questions_and_answers_in_workshop_language(public_client, survey):
    response = public_client.get(survey_url(survey))
    assert response.status_code == 200
    assert "Jos ”Nopea toimitus” toteutuu, miltä se sinusta tuntuu?" in response.text
    for label in ("Pidän siitä", "Odotan sitä", "Yhdentekevää", "Voin sietää sen", "En pidä siitä"):
        assert label in response.text
    assert 'name="viewport"' in response.text
    assert 'name="csrfmiddlewaretoken"' in response.text


def resume_token(html, survey) -> str:
    prefix = reverse("kano:public-resume", args=[survey.public_token, "TOKEN"]).split("TOKEN")[0]
    return re.search(re.escape(prefix) + r"([A-Za-z0-9_-]+)/", html).group(1)


def test_answering_saves_one_respondent_and_shows_thanks(public_client, en_survey, en_factors):
    response = public_client.post(
        survey_url(en_survey), answers_for(en_factors, (1, 4), (2, 5)), follow=True
    )
    assert response.status_code == 200
    assert "Thank you! Your answers are saved." in response.text
    respondent = Respondent.objects.get(survey=en_survey)
    assert respondent.source == "web"
    stored = {a.factor_id: (a.functional, a.dysfunctional) for a in respondent.answers.all()}
    assert stored == {en_factors[0].pk: (1, 4), en_factors[1].pk: (2, 5)}
    # the resume link names this respondent's own token, which the database keeps only hashed
    token = resume_token(response.text, en_survey)
    assert len(token) >= 20 and token != respondent.key
    assert respondent.key == hashed_key(token)


def test_same_browser_answering_again_changes_the_same_response(
    public_client, en_survey, en_factors
):
    public_client.post(survey_url(en_survey), answers_for(en_factors, (1, 4), (2, 5)))
    public_client.post(survey_url(en_survey), answers_for(en_factors, (5, 1), (3, 3)))
    respondent = Respondent.objects.get(survey=en_survey)
    assert Answer.objects.filter(respondent__survey=en_survey).count() == 2
    assert respondent.answers.get(factor=en_factors[0]).functional == 5


def test_partial_answers_are_saved_and_the_page_resumes_with_them(
    public_client, en_survey, en_factors
):
    response = public_client.post(
        survey_url(en_survey), answers_for(en_factors[:1], (2, 5)), follow=True
    )
    assert "Saved: 1 of 2 answered." in response.text
    page = public_client.get(survey_url(en_survey))
    assert "You have answered 1 of 2." in page.text
    functional = page.context["form"][f"f_{en_factors[0].pk.hex}"]
    assert functional.value() == 2
    # the second factor is answered later and joins the same response
    public_client.post(survey_url(en_survey), answers_for(en_factors[1:], (1, 5)))
    assert Respondent.objects.filter(survey=en_survey).count() == 1
    assert Answer.objects.filter(respondent__survey=en_survey).count() == 2


def test_resume_link_restores_the_response_in_another_browser(
    public_client, client, en_survey, en_factors
):
    saved = public_client.post(
        survey_url(en_survey), answers_for(en_factors, (1, 4), (2, 5)), follow=True
    )
    token = resume_token(saved.text, en_survey)
    respondent = Respondent.objects.get(survey=en_survey)
    other = client  # a fresh browser without the cookie
    resume = other.get(reverse("kano:public-resume", args=[en_survey.public_token, token]))
    assert resume.status_code == 302
    other.post(survey_url(en_survey), answers_for(en_factors, (3, 3), (3, 3)))
    assert Respondent.objects.filter(survey=en_survey).count() == 1
    assert respondent.answers.get(factor=en_factors[0]).functional == 3


def test_a_browser_without_the_token_is_a_new_respondent(
    public_client, client, en_survey, en_factors
):
    public_client.post(survey_url(en_survey), answers_for(en_factors, (1, 4), (2, 5)))
    client.post(survey_url(en_survey), answers_for(en_factors, (1, 4), (2, 5)))
    assert Respondent.objects.filter(survey=en_survey).count() == 2


def test_a_forged_cookie_is_ignored(public_client, en_survey, en_factors):
    public_client.post(survey_url(en_survey), answers_for(en_factors, (1, 4), (2, 5)))
    key = Respondent.objects.get(survey=en_survey).key
    intruder = type(public_client)()
    intruder.cookies[_cookie_name(en_survey)] = key  # not signed by the server
    intruder.post(survey_url(en_survey), answers_for(en_factors, (5, 5), (5, 5)))
    assert Respondent.objects.filter(survey=en_survey).count() == 2
    assert Respondent.objects.get(key=key).answers.get(factor=en_factors[0]).functional == 1


def test_one_half_of_a_pair_is_an_error_and_nothing_is_saved(public_client, en_survey, en_factors):
    data = {f"f_{en_factors[0].pk.hex}": "1"}
    response = public_client.post(survey_url(en_survey), data)
    assert response.status_code == 422
    assert "Answer both questions about this factor." in response.text
    assert not Respondent.objects.filter(survey=en_survey).exists()


def test_answer_out_of_range_is_refused(public_client, en_survey, en_factors):
    data = answers_for(en_factors[:1], (6, 1))
    response = public_client.post(survey_url(en_survey), data)
    assert response.status_code == 422
    assert not Answer.objects.exists()


def test_importance_and_attributes_are_saved_when_the_round_asks(
    public_client, en_survey, en_factors
):
    Survey.objects.filter(pk=en_survey.pk).update(
        ask_importance=True,
        attribute_questions=[{"name": "Customer group", "options": ["Business", "Consumer"]}],
    )
    page = public_client.get(survey_url(en_survey))
    assert "How important is this to you?" in page.text
    assert "Customer group" in page.text
    data = answers_for(en_factors, (1, 4), (2, 5), importance=8) | {"attr_0": "Business"}
    public_client.post(survey_url(en_survey), data)
    respondent = Respondent.objects.get(survey=en_survey)
    assert respondent.attributes == {"Customer group": "Business"}
    assert {a.importance for a in respondent.answers.all()} == {8}


def test_closed_survey_shows_closed_page_and_saves_nothing(public_client, en_survey, en_factors):
    page = public_client.get(survey_url(en_survey))
    assert page.status_code == 200
    Survey.objects.filter(pk=en_survey.pk).update(status="closed")
    response = public_client.post(survey_url(en_survey), answers_for(en_factors, (1, 4)))
    assert response.status_code == 409
    assert "Survey closed" in response.text
    assert not Respondent.objects.exists()
    assert "Survey closed" in public_client.get(survey_url(en_survey)).text


def test_survey_not_yet_opened_says_so(public_client, en_survey):
    Survey.objects.filter(pk=en_survey.pk).update(status="draft")
    response = public_client.get(survey_url(en_survey))
    assert response.status_code == 200
    assert "Survey not open yet" in response.text


def test_wrong_survey_token_gives_404(public_client, en_survey):
    assert public_client.get(reverse("kano:public-survey", args=["nope"])).status_code == 404
    assert public_client.post(reverse("kano:public-survey", args=["nope"])).status_code == 404


def test_wrong_respondent_token_gives_404(public_client, en_survey, en_factors):
    public_client.post(survey_url(en_survey), answers_for(en_factors, (1, 4)))
    url = reverse("kano:public-resume", args=[en_survey.public_token, "guessed"])
    assert public_client.get(url).status_code == 404


def test_resume_link_cannot_take_over_an_uploaded_respondent(public_client, en_survey):
    Respondent.objects.create(survey=en_survey, key="r1", source="upload")
    url = reverse("kano:public-resume", args=[en_survey.public_token, "r1"])
    assert public_client.get(url).status_code == 404


def test_archived_workshop_survey_is_not_found(public_client, en_survey):
    en_survey.workshop.archived = True
    en_survey.workshop.save()
    assert public_client.get(survey_url(en_survey)).status_code == 404


def test_short_code_page_leads_to_the_survey(public_client, en_survey):
    page = public_client.get(reverse("kano:public-entry"))
    assert page.status_code == 200
    assert "Survey code" in page.text
    code = en_survey.short_code.lower()
    typed = f"{code[:3]} {code[3:]}"
    response = public_client.post(reverse("kano:public-entry"), {"code": typed})
    assert response.status_code == 302
    assert response["Location"] == survey_url(en_survey)


def test_unknown_short_code_shows_an_error(public_client, en_survey):
    response = public_client.post(reverse("kano:public-entry"), {"code": "ZZZZZZ"})
    assert response.status_code == 422
    assert "No survey has this code." in response.text


def test_public_posts_are_rate_limited(public_client, en_survey, en_factors, monkeypatch):
    monkeypatch.setattr(public, "SURVEY_POSTS_PER_MINUTE", 3)
    data = answers_for(en_factors, (1, 4))
    statuses = [public_client.post(survey_url(en_survey), data).status_code for _ in range(4)]
    assert statuses == [302, 302, 302, 429]
    monkeypatch.setattr(public, "CODE_POSTS_PER_MINUTE", 2)
    entry = reverse("kano:public-entry")
    codes = [public_client.post(entry, {"code": "ZZZZZZ"}).status_code for _ in range(3)]
    assert codes == [422, 422, 429]


def test_short_codes_avoid_look_alike_letters(workshop):
    codes = {Survey.objects.create(workshop=workshop, name=f"r{i}").short_code for i in range(30)}
    assert len(codes) == 30
    for code in codes:
        assert len(code) == 6
        assert not set(code) & set("01OIL")


def test_empty_submission_is_refused_with_a_message_and_saves_nothing(
    public_client, en_survey, en_factors
):
    response = public_client.post(survey_url(en_survey), {})
    assert response.status_code == 422
    assert "Nothing was answered" in response.text
    assert "Saved: 0" not in response.text
    assert not Respondent.objects.filter(survey=en_survey).exists()
