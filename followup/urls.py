from django.urls import path

from . import public, views

app_name = "followup"

W = "workshops/<uuid:workshop_id>/followup"

urlpatterns = [
    path(f"{W}/", views.dashboard, name="dashboard"),
    path(f"{W}/measures/", views.measure_list, name="measures"),
    path(
        f"{W}/measures/from-worksheets/",
        views.measures_from_worksheets,
        name="measures-from-worksheets",
    ),
    path(f"{W}/grid/", views.grid, name="grid"),
    path(f"{W}/values/import/", views.values_import, name="values-import"),
    path(f"{W}/values/template.csv", views.values_template, name="values-template"),
    path(f"{W}/feedback/", views.feedback_list, name="feedback"),
    path(f"{W}/feedback/new/", views.feedback_add, name="feedback-add"),
    path(f"{W}/feedback/import/", views.feedback_import, name="feedback-import"),
    path(
        f"{W}/feedback/import/<uuid:upload_id>/",
        views.feedback_import_map,
        name="feedback-import-map",
    ),
    path(f"{W}/actions/", views.action_board, name="actions"),
    path(f"{W}/reviews/", views.review_list, name="reviews"),
    path("followup/measures/<uuid:measure_id>/", views.measure_edit, name="measure"),
    path(
        "followup/measures/<uuid:measure_id>/delete/",
        views.measure_delete,
        name="measure-delete",
    ),
    path(
        "followup/measures/<uuid:measure_id>/cells/<str:period_start>/",
        views.cell,
        name="cell",
    ),
    path(
        "followup/measures/<uuid:measure_id>/cells/<str:period_start>/save/",
        views.cell_save,
        name="cell-save",
    ),
    path("followup/stages/<uuid:stage_id>/feedback/", views.stage_feedback, name="stage-feedback"),
    path("followup/stages/<uuid:stage_id>/links/new/", views.link_create, name="link-create"),
    path("followup/links/<uuid:link_id>/", views.link_detail, name="link"),
    path("followup/links/<uuid:link_id>/toggle/", views.link_toggle, name="link-toggle"),
    path(
        "followup/feedback/<uuid:feedback_id>/react/", views.feedback_react, name="feedback-react"
    ),
    path(
        "followup/feedback/<uuid:feedback_id>/delete/",
        views.feedback_delete,
        name="feedback-delete",
    ),
    path("followup/actions/<uuid:action_id>/status/", views.action_status, name="action-status"),
    path("followup/reviews/<uuid:review_id>/", views.review_detail, name="review"),
    path("calendar/", views.calendar_settings, name="calendar"),
    path("calendar/rotate/", views.calendar_rotate, name="calendar-rotate"),
    # Public, without an account: the secret token is the permission.
    path("f/<str:feedback_token>/", public.public_feedback, name="public-feedback"),
    path("cal/<str:calendar_token>.ics", public.calendar_feed, name="calendar-feed"),
]
