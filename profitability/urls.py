from django.urls import path

from . import views

app_name = "profitability"

urlpatterns = [
    path("workshops/<uuid:workshop_id>/profitability/", views.model_list, name="list"),
    path("workshops/<uuid:workshop_id>/profitability/upload/", views.upload, name="upload"),
    path(
        "workshops/<uuid:workshop_id>/profitability/templates/<str:file_kind>.csv",
        views.file_template,
        name="file-template",
    ),
    path(
        "profitability/<uuid:profitability_model_id>/",
        views.results,
        name="results",
    ),
    path(
        "profitability/<uuid:profitability_model_id>/customers/",
        views.customer_list,
        name="customers",
    ),
    path(
        "profitability/customers/<uuid:customer_result_id>/",
        views.customer_detail,
        name="customer",
    ),
    path(
        "profitability/<uuid:profitability_model_id>/settings/",
        views.settings_page,
        name="settings",
    ),
    path(
        "profitability/<uuid:profitability_model_id>/settings/add/",
        views.setting_add,
        name="setting-add",
    ),
    path(
        "profitability/settings/<uuid:activity_setting_id>/",
        views.setting_save,
        name="setting-save",
    ),
    path(
        "profitability/settings/<uuid:activity_setting_id>/delete/",
        views.setting_delete,
        name="setting-delete",
    ),
    path(
        "profitability/<uuid:profitability_model_id>/rerun/",
        views.rerun,
        name="rerun",
    ),
    path(
        "profitability/actions/<uuid:group_action_id>/",
        views.action_save,
        name="action-save",
    ),
    path(
        "profitability/actions/<uuid:group_action_id>/field/",
        views.action_field,
        name="action",
    ),
    path(
        "profitability/<uuid:profitability_model_id>/what-if/",
        views.what_if,
        name="what-if",
    ),
    path(
        "profitability/<uuid:profitability_model_id>/delete/",
        views.model_delete,
        name="delete",
    ),
]
