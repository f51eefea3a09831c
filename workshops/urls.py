from django.urls import path

from . import report_views, views

app_name = "workshops"

urlpatterns = [
    path("", views.home, name="home"),
    path("workshops/new/", views.workshop_create, name="create"),
    path("workshops/import/", views.workshop_import, name="import"),
    path("workshops/<uuid:workshop_id>/", views.dashboard, name="dashboard"),
    path("workshops/<uuid:workshop_id>/duplicate/", views.workshop_duplicate, name="duplicate"),
    path("workshops/<uuid:workshop_id>/archive/", views.workshop_archive, name="archive"),
    path(
        "workshops/<uuid:workshop_id>/export.json", views.workshop_export_json, name="export-json"
    ),
    path("workshops/<uuid:workshop_id>/people/", views.workshop_members, name="members"),
    path("invitations/<str:token>/", views.invitation_accept, name="invitation"),
    path("organisations/<uuid:organisation_id>/logo/", views.organisation_logo, name="logo"),
    path("organisations/<uuid:organisation_id>/", views.organisation_settings, name="organisation"),
    path("language/", views.set_language, name="set-language"),
    path("health/", views.health, name="health"),
    path("workshops/<uuid:workshop_id>/report/", report_views.report_page, name="report"),
    path(
        "workshops/<uuid:workshop_id>/report/preview/",
        report_views.report_preview,
        name="report-preview",
    ),
    path(
        "workshops/<uuid:workshop_id>/report/pdf/", report_views.report_create, name="report-create"
    ),
    path("reports/<uuid:report_id>/status/", report_views.report_status, name="report-status"),
    path("reports/<uuid:report_id>/retry/", report_views.report_retry, name="report-retry"),
    path(
        "reports/<uuid:report_id>/download/", report_views.report_download, name="report-download"
    ),
    path("workshops/<uuid:workshop_id>/export.xlsx", report_views.export_xlsx, name="export-xlsx"),
    path(
        "workshops/<uuid:workshop_id>/export/<slug:table_key>.csv",
        report_views.export_csv,
        name="export-csv",
    ),
]
