from django.urls import reverse

from segments import services
from segments.models import Segment, ValueExperienceCell
from tests.conftest import HTMX


def test_list_shows_segments_with_their_rank(client_for, manager, segment, other_segment):
    response = client_for(manager).get(reverse("segments:list", args=[segment.workshop_id]))
    assert response.status_code == 200
    assert "Perheelliset" in response.text and "Yrittäjät" in response.text
    assert reverse("segments:detail", args=[segment.pk]) in response.text


def test_list_flags_a_name_that_ranks_people(client_for, manager, workshop):
    services.create_segment(workshop=workshop, name="C-asiakkaat")
    response = client_for(manager).get(reverse("segments:list", args=[workshop.pk]))
    # the badge's title is the method's hint in the workshop's language
    assert 'class="badge gate" title="Nimi näyttää asettavan asiakkaat' in response.text


def test_manager_adds_a_segment_with_its_value_experience_cells(client_for, manager, workshop):
    response = client_for(manager).post(
        reverse("segments:create", args=[workshop.pk]), {"name": "Kiireiset"}
    )
    segment = Segment.objects.get(workshop=workshop, name="Kiireiset")
    assert response.status_code == 302
    assert response["Location"] == reverse("segments:detail", args=[segment.pk])
    assert ValueExperienceCell.objects.filter(segment=segment).count() == 24
    # a score row for every criterion of the workshop
    assert segment.scores.count() == workshop.value_criteria.count() == 15


def test_a_name_of_only_spaces_is_refused_with_a_message(client_for, manager, workshop):
    before = Segment.objects.filter(workshop=workshop).count()
    response = client_for(manager).post(
        reverse("segments:create", args=[workshop.pk]), {"name": "   "}
    )
    assert response.status_code == 422
    assert "<html" in response.text
    assert "Anna segmentille nimi" in response.text
    assert Segment.objects.filter(workshop=workshop).count() == before


def test_viewer_cannot_add_a_segment(client_for, viewer, workshop):
    response = client_for(viewer).post(
        reverse("segments:create", args=[workshop.pk]), {"name": "Kiireiset"}
    )
    assert response.status_code == 403
    assert not Segment.objects.filter(name="Kiireiset").exists()


def test_viewer_reads_the_list_and_the_segment(client_for, viewer, segment):
    client = client_for(viewer)
    assert client.get(reverse("segments:list", args=[segment.workshop_id])).status_code == 200
    response = client.get(reverse("segments:detail", args=[segment.pk]))
    assert response.status_code == 200
    assert "<textarea" not in response.text


def test_other_organisation_gets_404(client_for, outsider, segment):
    client = client_for(outsider)
    assert client.get(reverse("segments:list", args=[segment.workshop_id])).status_code == 404
    assert client.get(reverse("segments:detail", args=[segment.pk])).status_code == 404
    response = client.post(reverse("segments:create", args=[segment.workshop_id]), {"name": "x"})
    assert response.status_code == 404


def test_create_is_post_only(client_for, manager, workshop):
    response = client_for(manager).get(reverse("segments:create", args=[workshop.pk]))
    assert response.status_code == 405


def test_segment_page_shows_every_field_with_the_methods_prompts(client_for, manager, segment):
    response = client_for(manager).get(reverse("segments:detail", args=[segment.pk]))
    assert response.status_code == 200
    assert f'id="field-segment-{segment.pk.hex}-identification_criteria"' in response.text
    # prompts come from the method in the workshop's language (Finnish here)
    assert "Mistä tunnistat ryhmän jäsenen" in response.text
    assert "Ovatko he kiinnostuneita" in response.text
    # 24 value experience cells, each with a text and a strength
    assert response.text.count("field-experience-") == 48
    assert f'id="field-segment-{segment.pk.hex}-decision_maker_values"' in response.text


def test_english_workshop_shows_english_prompts(client_for, facilitator, en_workshop):
    segment = services.create_segment(workshop=en_workshop, name="Families")
    response = client_for(facilitator).get(reverse("segments:detail", args=[segment.pk]))
    assert "How do you recognise a member of the group" in response.text
    assert "a heavy sacrifice" in response.text


def test_htmx_get_of_the_segment_returns_the_experience_summary(client_for, manager, segment):
    cell = segment.experience.get(kind="gain", dimension="functional", moment="before")
    cell.strength = 3
    cell.save()
    response = client_for(manager).get(reverse("segments:detail", args=[segment.pk]), headers=HTMX)
    assert response.status_code == 200
    assert "<html" not in response.text
    assert 'id="experience-summary"' in response.text
    assert "<svg" in response.text


def test_facilitator_deletes_a_segment(client_for, facilitator, segment):
    client = client_for(facilitator)
    assert client.get(reverse("segments:delete", args=[segment.pk])).status_code == 200
    response = client.post(reverse("segments:delete", args=[segment.pk]))
    assert response.status_code == 302
    assert not Segment.objects.filter(pk=segment.pk).exists()


def test_manager_cannot_delete_a_segment(client_for, manager, segment):
    assert (
        client_for(manager).post(reverse("segments:delete", args=[segment.pk])).status_code == 403
    )
    assert Segment.objects.filter(pk=segment.pk).exists()


XSS = "<script>alert(1)</script>"


def test_segment_name_with_script_is_escaped_on_every_page(client_for, manager, workshop):
    segment = services.create_segment(workshop=workshop, name=XSS)
    row = segment.scores.first()
    row.score = 4
    row.save()
    Segment.objects.filter(pk=segment.pk).update(cube_volume=3, cube_efficiency=3, cube_duration=2)
    cell = segment.experience.first()
    cell.strength = 2
    cell.text = XSS
    cell.save()
    client = client_for(manager)
    pages = [
        reverse("segments:list", args=[workshop.pk]),
        reverse("segments:detail", args=[segment.pk]),
        reverse("segments:value", args=[workshop.pk]),
        reverse("segments:selection", args=[workshop.pk]),
        reverse("segments:history", args=[segment.pk]),
    ]
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        assert XSS not in response.text, url
    value_page = client.get(reverse("segments:value", args=[workshop.pk])).text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in value_page
    # the ranking chart and the cube chart carry the name as escaped SVG text
    assert value_page.count("<svg") >= 2


def test_cell_text_with_script_is_escaped_on_the_matrix(client_for, manager, workshop):
    matrix = services.get_matrix(workshop)
    services.set_axes(
        matrix=matrix, row_axis=XSS, row_values=[XSS], column_axis="c", column_values=["c"]
    )
    cell = matrix.cells.get()
    cell.text = XSS
    cell.save()
    services.promote_cell(cell=cell)
    response = client_for(manager).get(reverse("segments:matrix", args=[workshop.pk]))
    assert response.status_code == 200
    assert XSS not in response.text
    assert "&lt;script&gt;" in response.text
