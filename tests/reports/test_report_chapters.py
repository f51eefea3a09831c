"""Which chapters a report holds, and its cover."""

from django.test import Client
from django.urls import reverse

from workshops.exports.pdf import build_report_html


def test_chapters_with_nothing_to_show_are_left_out(en_workshop):
    html = build_report_html(en_workshop)
    assert 'id="chapter-journey"' in html
    for key in ("profitability", "followup", "live", "kano", "segments"):
        assert f'id="chapter-{key}"' not in html, key
    assert "No live sessions were run in this workshop." not in html


def test_empty_chapters_are_included_when_asked_for(en_workshop):
    html = build_report_html(en_workshop, include_empty=True)
    for key in ("profitability", "followup", "live"):
        assert f'id="chapter-{key}"' in html, key
    assert "No live sessions were run in this workshop." in html


def test_preview_offers_the_option_and_honours_it(facilitator, en_workshop):
    client = Client()
    client.force_login(facilitator)
    page = client.get(reverse("workshops:report", args=[en_workshop.pk])).text
    assert 'name="include_empty"' in page
    assert "checked" not in page.split('name="include_empty"')[1].split(">")[0]
    url = reverse("workshops:report-preview", args=[en_workshop.pk])
    assert 'id="chapter-live"' not in client.get(url).text
    assert 'id="chapter-live"' in client.get(url, {"include_empty": "on"}).text


def test_cover_names_the_organisation_client_and_the_facilitator(facilitator, en_workshop):
    facilitator.first_name, facilitator.last_name = "Kaisa", "Lehtonen"
    facilitator.save()
    organisation = en_workshop.organisation
    cover = build_report_html(en_workshop).split('<nav class="toc"')[0]
    assert "Kaisa Lehtonen" in cover  # the workshop's creator, by full name
    assert organisation.name in cover and en_workshop.client in cover
    client = Client()
    client.force_login(facilitator)
    preview = client.get(reverse("workshops:report-preview", args=[en_workshop.pk])).text
    assert "Kaisa Lehtonen" in preview.split('<nav class="toc"')[0]
    assert ">alice<" not in preview
