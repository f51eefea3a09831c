from django.urls import path

from . import views

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
    path("language/", views.set_language, name="set-language"),
    path("health/", views.health, name="health"),
]
