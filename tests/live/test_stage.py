"""The facilitator's stage: presenter mode without app chrome, the join address phones can
reach, one journey stage per slide, and the speaker view's notes."""

import re
import uuid

from django.urls import reverse

from config.settings import lan_hosts
from live import qr, services, stage
from live.models import ActivityKind


def presenter(client, session, query="", **headers):
    return client.get(reverse("live:presenter", args=[session.pk]) + query, **headers)


def qr_path(url):
    """The QR code's drawing, which depends only on the encoded address."""
    return re.search(r' d="([^"]+)"', qr.qr_svg(url)).group(1)


def test_presenter_has_no_app_menu_language_switch_or_log_out(live_session, as_facilitator):
    page = presenter(as_facilitator, live_session).text
    assert "Log out" not in page
    assert 'id="language-switch"' not in page
    assert "site-nav" not in page
    assert "data-stage-fullscreen" in page and 'aria-keyshortcuts="F"' in page


def test_join_address_and_qr_follow_the_host_the_page_was_opened_with(
    live_session, as_facilitator, settings
):
    settings.ALLOWED_HOSTS = ["192.168.1.20"]
    settings.SITE_URL = ""
    page = presenter(as_facilitator, live_session, HTTP_HOST="192.168.1.20:8000").text
    assert "<strong>192.168.1.20:8000/join</strong>" in page
    assert "127.0.0.1" not in page and "testserver" not in page
    assert qr_path(f"http://192.168.1.20:8000/join/?code={live_session.code}") in page


def test_join_address_and_qr_use_site_url_when_set(live_session, as_facilitator, settings):
    settings.SITE_URL = "https://arvopolku.example.com"
    page = presenter(as_facilitator, live_session).text
    assert "<strong>arvopolku.example.com/join</strong>" in page
    assert qr_path(f"https://arvopolku.example.com/join/?code={live_session.code}") in page
    control = as_facilitator.get(reverse("live:control", args=[live_session.pk])).text
    assert f"https://arvopolku.example.com/join/?code={live_session.code}" in control


def test_development_accepts_this_computers_network_address():
    from django.conf import settings

    assert lan_hosts()
    assert set(lan_hosts()) <= set(settings.ALLOWED_HOSTS)


def test_one_slide_per_stage_with_its_worksheet_content(live_session, stages, as_facilitator):
    stages[0].expectation = "Answers within a day"
    stages[0].save()
    page = presenter(as_facilitator, live_session).text
    numbers = re.findall(r'class="stage-slide[^"]*" data-slide="(\d+)"', page)
    assert numbers == [str(n) for n in range(len(stages) + 1)]
    assert "Answers within a day" in page
    assert f"<span data-stage-number>1</span> / {len(stages) + 1}" in page


def test_the_slide_asked_for_is_the_one_shown(live_session, stages, as_facilitator):
    page = presenter(as_facilitator, live_session, "?slide=2").text
    shown = re.findall(r'data-slide="(\d+)">', page)  # the only slides without `hidden`
    assert shown == ["2"]
    assert presenter(as_facilitator, live_session, "?slide=nonsense").status_code == 200


def test_speaker_view_shows_notes_the_room_view_does_not(live_session, stages, as_facilitator):
    stages[1].notes = "Ask who has waited for an answer"
    stages[1].guidance = "Keep it short"
    stages[1].save()
    room = presenter(as_facilitator, live_session).text
    speaker = presenter(as_facilitator, live_session, "?view=speaker").text
    assert "Ask who has waited for an answer" in speaker and "Keep it short" in speaker
    assert "Ask who has waited for an answer" not in room and "Keep it short" not in room
    assert "Notes for the facilitator" not in room


def test_a_stage_slide_shows_the_rooms_rating_of_that_stage(
    live_session, stages, phone, as_facilitator
):
    activity = services.start_activity(session=live_session, kind=ActivityKind.RATING)
    services.rate(
        participant=phone.participant, activity=activity, stage=stages[0], value=2,
        submission_id=uuid.uuid4(),
    )  # fmt: skip
    page = presenter(as_facilitator, live_session, "?slide=1").text
    assert "data-stage-average>+2" in page


def test_clamp_slide_keeps_the_number_inside_the_deck():
    assert stage.clamp_slide("3", 5) == 3
    assert stage.clamp_slide("99", 5) == 5
    assert stage.clamp_slide("-1", 5) == 0
    assert stage.clamp_slide(None, 5) == 0


def test_join_base_prefers_site_url():
    assert stage.join_base("https://a.example/", "http", "10.0.0.5:8000") == "https://a.example"
    assert stage.join_base("", "http", "10.0.0.5:8000") == "http://10.0.0.5:8000"


def test_the_speaker_views_poll_keeps_the_notes_and_the_slide(live_session, stages, as_facilitator):
    stages[0].notes = "Mention the survey from last spring"
    stages[0].save()
    url = reverse("live:presenter-results", args=[live_session.pk])
    speaker = as_facilitator.get(url + "?view=speaker&slide=1").text
    room = as_facilitator.get(url + "?slide=1").text
    assert "Mention the survey from last spring" in speaker
    assert "Mention the survey from last spring" not in room
    assert re.findall(r'data-slide="(\d+)">', room) == ["1"]


def test_a_stage_slide_keeps_the_timer_and_the_answer_count_in_view(
    live_session, stages, as_facilitator
):
    activity = services.start_activity(session=live_session, kind=ActivityKind.RATING)
    services.set_timer(activity=activity, seconds=300)
    page = presenter(as_facilitator, live_session, "?slide=1").text
    shown = page.split('data-slide="1">', 1)[1].split("</section>", 1)[0]
    assert 'role="timer"' in shown and "0 answered" in shown


def slide_html(page, number):
    return page.split(f'data-slide="{number}"', 1)[1].split("</section>", 1)[0]


def test_a_stage_slide_shows_its_dots_and_rank(live_session, stages, phone, as_facilitator):
    activity = services.start_activity(session=live_session, kind=ActivityKind.DOTS)
    services.change_dots(
        participant=phone.participant, activity=activity, stage=stages[1], delta=1,
        submission_id=uuid.uuid4(),
    )  # fmt: skip
    page = presenter(as_facilitator, live_session).text
    assert "data-stage-dots>1<" in slide_html(page, 2) and "Rank 1" in slide_html(page, 2)
    assert "data-stage-dots>0<" in slide_html(page, 1)


def test_a_stage_slide_shows_only_its_own_approved_ideas(
    live_session, stages, phone, as_facilitator
):
    from live.models import Idea

    activity = services.start_activity(session=live_session, kind=ActivityKind.IDEAS)
    for stage_, text in ((stages[0], "Chat on the site"), (stages[1], "Call back in a day")):
        services.post_idea(
            participant=phone.participant, activity=activity, stage=stage_, text=text,
            submission_id=uuid.uuid4(),
        )  # fmt: skip
    for idea in Idea.objects.filter(activity=activity):
        services.review_idea(idea=idea, decision="approve")
    page = presenter(as_facilitator, live_session).text
    assert "Chat on the site" in slide_html(page, 1)
    assert "Call back in a day" not in slide_html(page, 1)
    assert "Call back in a day" in slide_html(page, 2)
