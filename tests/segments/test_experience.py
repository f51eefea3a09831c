from django.urls import reverse

from tests.conftest import HTMX
from tests.segments.conftest import post_field


def _cell(segment, kind, dimension, moment):
    return segment.experience.get(kind=kind, dimension=dimension, moment=moment)


def test_fill_a_value_experience_cell_text_and_strength(client_for, manager, segment):
    client = client_for(manager)
    target = _cell(segment, "sacrifice", "economic", "transaction")
    assert post_field(client, "experience", target, "text", "Käsiraha").status_code == 200
    response = post_field(client, "experience", target, "strength", "-2")
    assert response.status_code == 200
    assert response["HX-Trigger"] == "segments-experience"
    target.refresh_from_db()
    assert (target.text, target.strength) == ("Käsiraha", -2)


def test_strength_outside_minus_three_and_three_gets_422(client_for, manager, segment):
    target = _cell(segment, "gain", "social", "after")
    assert post_field(client_for(manager), "experience", target, "strength", "4").status_code == 422
    target.refresh_from_db()
    assert target.strength is None


def test_summary_adds_gains_against_sacrifices_per_moment(client_for, manager, segment):
    client = client_for(manager)
    post_field(
        client, "experience", _cell(segment, "gain", "functional", "before"), "strength", "3"
    )
    post_field(client, "experience", _cell(segment, "gain", "emotional", "before"), "strength", "1")
    post_field(
        client, "experience", _cell(segment, "sacrifice", "economic", "before"), "strength", "-3"
    )
    response = client.get(reverse("segments:detail", args=[segment.pk]), headers=HTMX)
    rows = response.text.split("<tbody>")[1]
    # before purchase: gains 4, sacrifices -3, net 1; nothing else rated
    assert '<td class="num">4</td><td class="num">-3</td><td class="num">1</td>' in rows
    assert rows.count('<td class="num">0</td><td class="num">0</td><td class="num">0</td>') == 2


def test_viewer_cannot_edit_a_cell(client_for, viewer, segment):
    target = _cell(segment, "gain", "social", "after")
    assert post_field(client_for(viewer), "experience", target, "text", "x").status_code == 403


def test_other_organisation_gets_404(client_for, outsider, segment):
    target = _cell(segment, "gain", "social", "after")
    assert post_field(client_for(outsider), "experience", target, "text", "x").status_code == 404
