from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from segments import services
from segments.models import ValueCriterion
from tests.conftest import HTMX
from tests.segments.conftest import in_english, post_field, score


def test_new_workshop_has_the_methods_criteria_in_its_language(workshop, en_workshop):
    fi = list(workshop.value_criteria.values_list("key", "name"))
    assert fi[0] == ("volume", "Myyntivolyymi")
    assert [key for key, _ in fi] == [
        "volume",
        "frequency",
        "margin",
        "profit",
        "relationship",
        "loyalty",
        "share_of_wallet",
        "duration",
        "chemistry",
        "satisfaction",
        "strategic",
        "reference",
        "learning",
        "potential",
        "risk",
    ]
    risk = en_workshop.value_criteria.get(key="risk")
    assert risk.name == "Risk" and "5 = low risk" in risk.description


def test_value_page_explains_the_rule_and_the_reverse_risk(client_for, facilitator, en_workshop):
    services.create_segment(workshop=en_workshop, name="Families")
    client = in_english(client_for(facilitator))
    response = client.get(reverse("segments:value", args=[en_workshop.pk]))
    assert response.status_code == 200
    assert "5 = low risk" in response.text
    assert "Weighted total = sum of weight × score ÷ sum of the weights" in response.text


def test_score_saves_and_tells_the_ranking_to_refresh(client_for, manager, segment, workshop):
    volume = workshop.value_criteria.get(key="volume")
    response = score(client_for(manager), segment, volume, 4)
    assert response.status_code == 200
    assert response["HX-Trigger"] == "segments-ranking"
    assert segment.scores.get(criterion=volume).score == 4


def test_score_out_of_range_gets_422(client_for, manager, segment, workshop):
    volume = workshop.value_criteria.get(key="volume")
    assert score(client_for(manager), segment, volume, 6).status_code == 422
    assert segment.scores.get(criterion=volume).score is None


def test_ranking_shows_segments_by_weighted_total(
    client_for, manager, workshop, segment, other_segment
):
    client = client_for(manager)
    volume = workshop.value_criteria.get(key="volume")
    margin = workshop.value_criteria.get(key="margin")
    post_field(client, "criterion", volume, "weight", "3")
    score(client, segment, volume, 2)  # (3*2 + 1*5) / 4 = 2.75
    score(client, segment, margin, 5)
    score(client, other_segment, volume, 4)  # (3*4 + 1*1) / 4 = 3.25
    score(client, other_segment, margin, 1)
    ranked = services.ranking(workshop)
    assert [(r.name, r.total, r.rank) for r in ranked] == [
        ("Yrittäjät", 3.25, 1),
        ("Perheelliset", 2.75, 2),
    ]
    response = client.get(reverse("segments:value", args=[workshop.pk]), headers=HTMX)
    assert response.status_code == 200
    assert "<html" not in response.text
    assert 'id="ranking"' in response.text
    table = response.text.split('class="ranking-table"')[1]
    assert table.index("Yrittäjät") < table.index("Perheelliset")
    assert "3,25" in response.text or "3.25" in response.text
    assert "<svg" in response.text


def test_value_page_lists_a_score_field_per_segment_and_criterion(
    client_for, manager, workshop, segment, other_segment
):
    response = client_for(manager).get(reverse("segments:value", args=[workshop.pk]))
    assert response.status_code == 200
    assert response.text.count('id="field-score-') == 2 * 15
    assert response.text.count('id="field-criterion-') == 3 * 15  # weight, name, measured


def test_weight_must_be_a_number_from_0_to_100(client_for, manager, workshop):
    volume = workshop.value_criteria.get(key="volume")
    client = client_for(manager)
    assert post_field(client, "criterion", volume, "weight", "-1").status_code == 422
    assert post_field(client, "criterion", volume, "weight", "abc").status_code == 422
    assert post_field(client, "criterion", volume, "weight", "2.5").status_code == 200
    volume.refresh_from_db()
    assert volume.weight == 2.5


def test_add_and_delete_a_criterion(client_for, manager, workshop, segment):
    client = client_for(manager)
    response = client.post(
        reverse("segments:criterion-add", args=[workshop.pk]), {"name": "Ekologisuus", "weight": 2}
    )
    assert response.status_code == 302
    criterion = workshop.value_criteria.get(name="Ekologisuus")
    assert criterion.weight == 2 and criterion.position == 16
    assert segment.scores.filter(criterion=criterion).exists()
    client.post(reverse("segments:criterion-delete", args=[criterion.pk]))
    assert not ValueCriterion.objects.filter(pk=criterion.pk).exists()


def test_default_criteria_are_added_back_once(client_for, manager, workshop):
    client = client_for(manager)
    workshop.value_criteria.filter(key__in=["risk", "volume"]).delete()
    client.post(reverse("segments:criteria-defaults", args=[workshop.pk]))
    client.post(reverse("segments:criteria-defaults", args=[workshop.pk]))
    assert workshop.value_criteria.count() == 15
    assert workshop.value_criteria.filter(key="risk").count() == 1


def test_viewer_reads_but_cannot_score_or_change_criteria(client_for, viewer, workshop, segment):
    client = client_for(viewer)
    volume = workshop.value_criteria.get(key="volume")
    response = client.get(reverse("segments:value", args=[workshop.pk]))
    assert response.status_code == 200
    assert "<select" not in response.text.split('id="scores"')[1].split("</section>")[0]
    assert score(client, segment, volume, 3).status_code == 403
    assert post_field(client, "criterion", volume, "weight", "2").status_code == 403
    add = client.post(reverse("segments:criterion-add", args=[workshop.pk]), {"name": "x"})
    assert add.status_code == 403
    assert client.post(reverse("segments:criterion-delete", args=[volume.pk])).status_code == 403
    defaults = client.post(reverse("segments:criteria-defaults", args=[workshop.pk]))
    assert defaults.status_code == 403


def test_other_organisation_gets_404(client_for, outsider, workshop, segment):
    client = client_for(outsider)
    volume = workshop.value_criteria.get(key="volume")
    assert client.get(reverse("segments:value", args=[workshop.pk])).status_code == 404
    assert score(client, segment, volume, 3).status_code == 404
    assert client.post(reverse("segments:criterion-delete", args=[volume.pk])).status_code == 404


def test_value_cube_is_shown_per_segment(client_for, manager, workshop, segment):
    client = client_for(manager)
    for name, value in (("cube_volume", 5), ("cube_efficiency", 4), ("cube_duration", 3)):
        post_field(client, "segment", segment, name, str(value))
    response = client.get(reverse("segments:value", args=[workshop.pk]))
    assert '<td class="num">60</td>' in response.text  # 5 × 4 × 3
    # nothing is scored yet, so the only chart is the cube, with the segment in it
    assert response.text.count("<svg") == 1
    assert "Perheelliset" in response.text.split("<svg")[1]


def _queries(client, url):
    client.get(url)  # warm the chart cache
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context.captured_queries)


def test_value_page_costs_the_same_queries_for_3_and_12_segments(client_for, manager, workshop):
    client = client_for(manager)
    url = reverse("segments:value", args=[workshop.pk])
    for n in range(3):
        services.create_segment(workshop=workshop, name=f"S{n}")
    few = _queries(client, url)
    for n in range(3, 12):
        services.create_segment(workshop=workshop, name=f"S{n}")
    assert _queries(client, url) == few


def test_missing_score_rows_are_made_when_the_page_opens(client_for, manager, workshop, segment):
    segment.scores.filter(criterion__key__in=["risk", "margin"]).delete()
    response = client_for(manager).get(reverse("segments:value", args=[workshop.pk]))
    assert response.status_code == 200
    assert segment.scores.count() == 15
