from django.urls import path

from . import participant_views, views

app_name = "live"

urlpatterns = [
    # the facilitator (signed in)
    path("workshops/<uuid:workshop_id>/live/start/", views.session_start, name="start"),
    path("live/<uuid:live_session_id>/", views.control, name="control"),
    path("live/<uuid:live_session_id>/room/", views.control_room, name="control-room"),
    path(
        "live/<uuid:live_session_id>/activities/new/", views.activity_start, name="activity-start"
    ),
    path("live/<uuid:live_session_id>/timer/", views.timer_set, name="timer"),
    path("live/<uuid:live_session_id>/visibility/", views.visibility_set, name="visibility"),
    path("live/<uuid:live_session_id>/end/", views.session_end, name="end"),
    path("live/<uuid:live_session_id>/present/", views.presenter, name="presenter"),
    path(
        "live/<uuid:live_session_id>/present/results/",
        views.presenter_results,
        name="presenter-results",
    ),
    path("live/<uuid:live_session_id>/results/", views.results_page, name="results"),
    path(
        "live/activities/<uuid:live_activity_id>/close/",
        views.activity_close,
        name="activity-close",
    ),
    path(
        "live/activities/<uuid:live_activity_id>/apply-ratings/",
        views.apply_ratings,
        name="apply-ratings",
    ),
    path(
        "live/activities/<uuid:live_activity_id>/kano-survey/",
        views.kano_save,
        name="kano-save",
    ),
    path("live/ideas/<uuid:live_idea_id>/review/", views.idea_review, name="idea-review"),
    path("live/ideas/<uuid:live_idea_id>/adopt/", views.idea_adopt, name="idea-adopt"),
    # participants (public: the code lets them in, the token in their cookie keeps them in)
    path("join/", participant_views.join_short, name="join-short"),
    path("live/join/", participant_views.join, name="join"),
    path("live/p/<uuid:live_session_id>/", participant_views.page, name="participant"),
    path("live/p/<uuid:live_session_id>/poll/", participant_views.poll, name="participant-poll"),
    path(
        "live/p/<uuid:live_session_id>/approved/",
        participant_views.approved_ideas,
        name="participant-approved",
    ),
    path("live/p/<uuid:live_session_id>/rate/", participant_views.rate, name="participant-rate"),
    path("live/p/<uuid:live_session_id>/dots/", participant_views.dots, name="participant-dots"),
    path("live/p/<uuid:live_session_id>/ideas/", participant_views.idea, name="participant-idea"),
    path(
        "live/p/<uuid:live_session_id>/answer/",
        participant_views.answer,
        name="participant-answer",
    ),
]
