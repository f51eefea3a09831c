from django.urls import path

from . import views

app_name = "journey"

urlpatterns = [
    path("workshops/<uuid:workshop_id>/journeys/new/", views.journey_create, name="create"),
    path("workshops/<uuid:workshop_id>/compare/", views.journey_compare, name="compare"),
    path("workshops/<uuid:workshop_id>/my-stages/", views.my_stages, name="my-stages"),
    path("journeys/<uuid:journey_id>/", views.journey_detail, name="detail"),
    path("journeys/<uuid:journey_id>/rename/", views.journey_rename, name="rename"),
    path("journeys/<uuid:journey_id>/delete/", views.journey_delete, name="delete"),
    path("journeys/<uuid:journey_id>/map/", views.journey_map, name="map"),
    path("journeys/<uuid:journey_id>/reorder/", views.stage_reorder, name="stage-reorder"),
    path("phases/<uuid:phase_id>/stages/new/", views.stage_add, name="stage-add"),
    path("phases/<uuid:phase_id>/rename/", views.phase_rename, name="phase-rename"),
    path("stages/<uuid:stage_id>/", views.stage_detail, name="stage"),
    path("stages/<uuid:stage_id>/rename/", views.stage_rename, name="stage-rename"),
    path("stages/<uuid:stage_id>/move/", views.stage_move, name="stage-move"),
    path("stages/<uuid:stage_id>/delete/", views.stage_delete, name="stage-delete"),
    path("stages/<uuid:stage_id>/assign/", views.stage_assign, name="stage-assign"),
    path("stages/<uuid:stage_id>/history/", views.stage_history, name="history"),
    path("stages/<uuid:stage_id>/fields/<slug:name>/", views.stage_field, name="stage-field"),
    path(
        "stages/<uuid:stage_id>/fields/<slug:name>/save/",
        views.stage_field_save,
        name="stage-field-save",
    ),
    path("stages/<uuid:stage_id>/<slug:kind>/new/", views.row_add, name="row-add"),
    path("rows/<slug:kind>/<uuid:row_id>/save/", views.row_save, name="row-save"),
    path("rows/<slug:kind>/<uuid:row_id>/delete/", views.row_delete, name="row-delete"),
    path("changes/<int:change_id>/restore/", views.change_restore, name="change-restore"),
]
