from django.urls import reverse

from journey import services as journey_services
from journey.models import Journey


def _journey(workshop, name, segment_text):
    journey = journey_services.create_journey_from_template(workshop=workshop, name=name)
    Journey.objects.filter(pk=journey.pk).update(segment=segment_text)
    return journey


def test_segment_page_lists_its_journeys_with_links_to_their_maps(
    client_for, manager, workshop, segment
):
    today = _journey(workshop, "Perheen polku tänään", "Perheelliset")
    ideal = _journey(workshop, "Perheen ihannepolku", " perheelliset ")
    other = _journey(workshop, "Yrittäjän polku", "Yrittäjät")
    response = client_for(manager).get(reverse("segments:detail", args=[segment.pk]))
    assert reverse("journey:map", args=[today.pk]) in response.text
    assert reverse("journey:map", args=[ideal.pk]) in response.text
    assert reverse("journey:map", args=[other.pk]) not in response.text
    compare = reverse("journey:compare", args=[workshop.pk]) + f"?a={today.pk}&amp;b={ideal.pk}"
    assert compare in response.text


def test_one_journey_gets_no_compare_link(client_for, manager, workshop, segment):
    _journey(workshop, "Perheen polku", "Perheelliset")
    response = client_for(manager).get(reverse("segments:detail", args=[segment.pk]))
    assert reverse("journey:compare", args=[workshop.pk]) not in response.text


def test_two_segments_journeys_side_by_side(client_for, manager, workshop, segment, other_segment):
    family = _journey(workshop, "Perheen polku", "Perheelliset")
    business = _journey(workshop, "Yrittäjän polku", "Yrittäjät")
    client = client_for(manager)
    url = reverse("segments:compare-journeys", args=[workshop.pk])
    response = client.get(url, {"a": segment.pk, "b": other_segment.pk})
    assert response.status_code == 302
    assert response["Location"] == (
        reverse("journey:compare", args=[workshop.pk]) + f"?a={family.pk}&b={business.pk}"
    )
    page = client.get(response["Location"])
    assert "Perheen polku" in page.text and "Yrittäjän polku" in page.text


def test_compare_without_journeys_opens_the_plain_comparison(
    client_for, manager, workshop, segment, other_segment
):
    url = reverse("segments:compare-journeys", args=[workshop.pk])
    response = client_for(manager).get(url, {"a": segment.pk, "b": other_segment.pk})
    assert response["Location"] == reverse("journey:compare", args=[workshop.pk])


def test_compare_ignores_another_workshops_segment(
    client_for, facilitator, workshop, en_workshop, segment
):
    from segments import services

    foreign = services.create_segment(workshop=en_workshop, name="Perheelliset")
    _journey(en_workshop, "Foreign", "Perheelliset")
    _journey(workshop, "Perheen polku", "Perheelliset")
    url = reverse("segments:compare-journeys", args=[workshop.pk])
    response = client_for(facilitator).get(url, {"a": segment.pk, "b": foreign.pk})
    assert response["Location"] == reverse("journey:compare", args=[workshop.pk])
