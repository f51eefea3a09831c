from django.urls import path

from . import views

app_name = "segments"

urlpatterns = [
    path("workshops/<uuid:workshop_id>/segments/", views.segment_list, name="list"),
    path("workshops/<uuid:workshop_id>/segments/new/", views.segment_create, name="create"),
    path("workshops/<uuid:workshop_id>/segments/suggest/", views.suggest, name="suggest"),
    path(
        "workshops/<uuid:workshop_id>/segments/suggest/create/",
        views.suggest_create,
        name="suggest-create",
    ),
    path(
        "workshops/<uuid:workshop_id>/segments/compare-journeys/",
        views.compare_journeys,
        name="compare-journeys",
    ),
    path("workshops/<uuid:workshop_id>/segment-matrix/", views.matrix, name="matrix"),
    path("workshops/<uuid:workshop_id>/segment-matrix/axes/", views.matrix_axes, name="axes"),
    path(
        "workshops/<uuid:workshop_id>/segment-matrix/example/",
        views.matrix_example,
        name="matrix-example",
    ),
    path("workshops/<uuid:workshop_id>/customer-value/", views.value, name="value"),
    path(
        "workshops/<uuid:workshop_id>/customer-value/criteria/new/",
        views.criterion_add,
        name="criterion-add",
    ),
    path(
        "workshops/<uuid:workshop_id>/customer-value/criteria/defaults/",
        views.criteria_defaults,
        name="criteria-defaults",
    ),
    path("workshops/<uuid:workshop_id>/customer-selection/", views.selection, name="selection"),
    path(
        "workshops/<uuid:workshop_id>/segments/profitability/",
        views.profitability,
        name="profitability",
    ),
    path(
        "workshops/<uuid:workshop_id>/customer-value/measured/",
        views.measured_fill,
        name="measured-fill",
    ),
    path("segments/<uuid:segment_id>/", views.segment_detail, name="detail"),
    path("segments/<uuid:segment_id>/delete/", views.segment_delete, name="delete"),
    path("segments/<uuid:segment_id>/rules/", views.rules_save, name="rules-save"),
    path("segments/<uuid:segment_id>/rules/preview/", views.rules_preview, name="rules-preview"),
    path("segments/<uuid:segment_id>/history/", views.segment_history, name="history"),
    path(
        "segments/<uuid:segment_id>/history/<int:change_id>/restore/",
        views.change_restore,
        name="change-restore",
    ),
    path(
        "segment-matrix-cells/<uuid:matrix_cell_id>/promote/",
        views.cell_promote,
        name="cell-promote",
    ),
    path(
        "value-criteria/<uuid:value_criterion_id>/delete/",
        views.criterion_delete,
        name="criterion-delete",
    ),
    path(
        "segment-parts/<slug:segment_part>/<uuid:segment_part_id>/<slug:segment_field>/",
        views.part_field,
        name="part-field",
    ),
    path(
        "segment-parts/<slug:segment_part>/<uuid:segment_part_id>/<slug:segment_field>/save/",
        views.part_save,
        name="part-save",
    ),
]
