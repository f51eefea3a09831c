from django.urls import path

from . import public, views

app_name = "kano"

urlpatterns = [
    path("workshops/<uuid:workshop_id>/kano/", views.factors, name="factors"),
    path("workshops/<uuid:workshop_id>/kano/factors/new/", views.factor_add, name="factor-add"),
    path(
        "workshops/<uuid:workshop_id>/kano/questionnaire/",
        views.questionnaire,
        name="questionnaire",
    ),
    path(
        "workshops/<uuid:workshop_id>/kano/responses-template.csv",
        views.template_download,
        name="template",
    ),
    path("workshops/<uuid:workshop_id>/kano/surveys/", views.surveys, name="surveys"),
    path(
        "workshops/<uuid:workshop_id>/kano/surveys/new/",
        views.survey_create,
        name="survey-create",
    ),
    path("workshops/<uuid:workshop_id>/kano/consensus/", views.consensus, name="consensus"),
    path(
        "workshops/<uuid:workshop_id>/kano/consensus/new/",
        views.consensus_add,
        name="consensus-add",
    ),
    path("workshops/<uuid:workshop_id>/kano/results/", views.results, name="results"),
    path("kano/factors/<uuid:factor_id>/", views.factor_row, name="factor-row"),
    path("kano/factors/<uuid:factor_id>/save/", views.factor_save, name="factor-save"),
    path("kano/factors/<uuid:factor_id>/delete/", views.factor_delete, name="factor-delete"),
    path("kano/surveys/<uuid:survey_id>/", views.survey_detail, name="survey"),
    path("kano/surveys/<uuid:survey_id>/progress/", views.survey_progress, name="survey-progress"),
    path("kano/surveys/<uuid:survey_id>/status/", views.survey_status, name="survey-status"),
    path("kano/surveys/<uuid:survey_id>/upload/", views.survey_upload, name="survey-upload"),
    path("kano/surveys/<uuid:survey_id>/delete/", views.survey_delete, name="survey-delete"),
    path(
        "kano/consensus/<uuid:classification_id>/delete/",
        views.consensus_delete,
        name="consensus-delete",
    ),
    # Public, for respondents without an account: the secret token is the permission.
    path("k/", public.public_entry, name="public-entry"),
    path("k/<str:survey_token>/", public.public_survey, name="public-survey"),
    path(
        "k/<str:survey_token>/r/<str:respondent_token>/",
        public.public_resume,
        name="public-resume",
    ),
]
