import uuid

from django.template.loader import render_to_string
from django.urls import reverse

from live import services
from live.models import ActivityKind
from workshops import registry
from workshops.access import get_workshop_for_user


def tile_html(client, workshop):
    """The live tile as the dashboard renders it (through the registry), for this user."""
    request = client.get(reverse("live:join")).wsgi_request
    workshop = get_workshop_for_user(request, workshop.pk)
    tile = registry.dashboard_tiles["live"]
    context = {"tile_context": tile.context(request, workshop), "workshop": workshop}
    return render_to_string(tile.template, context, request=request)


def test_dashboard_tile_offers_the_facilitator_a_start(as_facilitator, workshop):
    html = tile_html(as_facilitator, workshop)
    assert reverse("live:start", args=[workshop.pk]) in html
    assert "Start a live session" in html


def test_dashboard_tile_links_the_running_session(as_facilitator, workshop, live_session):
    html = tile_html(as_facilitator, workshop)
    assert live_session.code in html
    assert reverse("live:control", args=[live_session.pk]) in html
    assert reverse("live:start", args=[workshop.pk]) not in html


def test_manager_sees_no_start_button(client_for, manager, workshop):
    html = tile_html(client_for(manager), workshop)
    assert reverse("live:start", args=[workshop.pk]) not in html


def test_report_chapter_summarises_ratings_dots_and_ideas(live_session, phone, stages, workshop):
    rating = services.start_activity(session=live_session, kind=ActivityKind.RATING)
    services.rate(participant=phone.participant, activity=rating, stage=stages[0], value=-2,
                  submission_id=uuid.uuid4())  # fmt: skip
    dots = services.start_activity(session=live_session, kind=ActivityKind.DOTS)
    services.change_dots(participant=phone.participant, activity=dots, stage=stages[5], delta=1,
                         submission_id=uuid.uuid4())  # fmt: skip
    ideas = services.start_activity(session=live_session, kind=ActivityKind.IDEAS)
    services.post_idea(participant=phone.participant, activity=ideas, stage=stages[1],
                       text="Clearer invoice", submission_id=uuid.uuid4())  # fmt: skip
    services.review_idea(idea=ideas.ideas.get(), decision="approve")
    services.end_session(session=live_session)

    chapter = registry.report_chapters["live"]
    html = render_to_string(chapter.template, chapter.context(workshop, {}))
    assert html.strip().startswith('<section class="chapter">')
    assert "<h1>" in html
    assert stages[0].name in html and "−2" in html
    assert stages[5].name in html
    assert "Clearer invoice" in html and "Maija" in html
    assert "Make an action" not in html  # the report is for reading
