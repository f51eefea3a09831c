"""Autosave of one field (segments, cells, scores, criteria, phases): the journey's pattern."""

from django.urls import reverse

from segments.editing import value_version
from segments.models import Segment
from tests.conftest import HTMX
from tests.segments.conftest import post_field, save_url
from workshops.models import Change


def test_saves_needs_and_shows_saved(client_for, manager, segment):
    response = post_field(client_for(manager), "segment", segment, "needs", "Turvallisuus")
    assert response.status_code == 200
    assert "<html" not in response.text
    assert "Tallennettu" in response.text
    segment.refresh_from_db()
    assert segment.needs == "Turvallisuus"
    # Only the status swaps in, so typing goes on undisturbed.
    assert response["HX-Retarget"] == f"#field-segment-{segment.pk.hex}-needs .autosave-state"


def test_change_is_kept_in_history_with_the_segment_as_target(client_for, manager, segment):
    client = client_for(manager)
    post_field(client, "segment", segment, "values", "Eka")
    post_field(client, "segment", segment, "values", "Toka")
    changes = Change.objects.filter(target_id=segment.pk, field="values").order_by("id")
    assert [(c.old_value, c.new_value, c.user.username, c.stage_id) for c in changes] == [
        ("", "Eka", "bob", None),
        ("Eka", "Toka", "bob", None),
    ]
    assert {c.target_type for c in changes} == {"segment"}


def test_choice_field_saves_a_grouping_dimension(client_for, manager, segment):
    response = post_field(client_for(manager), "segment", segment, "main_benefit", "service")
    assert response.status_code == 200
    segment.refresh_from_db()
    assert segment.main_benefit == "service"


def test_unknown_choice_gets_422_and_saves_nothing(client_for, manager, segment):
    response = post_field(client_for(manager), "segment", segment, "loyalty_level", "eternal")
    assert response.status_code == 422
    assert f'id="field-segment-{segment.pk.hex}-loyalty_level"' in response.text
    segment.refresh_from_db()
    assert segment.loyalty_level == ""


def test_cube_score_out_of_range_gets_422(client_for, manager, segment):
    assert (
        post_field(client_for(manager), "segment", segment, "cube_volume", "6").status_code == 422
    )
    assert (
        post_field(client_for(manager), "segment", segment, "cube_volume", "5").status_code == 200
    )
    segment.refresh_from_db()
    assert segment.cube_volume == 5


def test_name_cannot_be_emptied(client_for, manager, segment):
    response = post_field(client_for(manager), "segment", segment, "name", "")
    assert response.status_code == 422
    segment.refresh_from_db()
    assert segment.name == "Perheelliset"


def test_ranking_name_is_saved_with_a_hint_to_choose_a_positive_one(client_for, manager, segment):
    response = post_field(client_for(manager), "segment", segment, "name", "C-asiakkaat")
    assert response.status_code == 200
    assert "Potentiaaliset" in response.text
    assert 'class="naming-hint"' in response.text
    segment.refresh_from_db()
    assert segment.name == "C-asiakkaat"


def test_positive_name_gets_no_hint(client_for, manager, segment):
    response = post_field(client_for(manager), "segment", segment, "name", "Potentiaaliset")
    assert 'class="naming-hint"' not in response.text


def test_stale_version_gets_409_and_keeps_both_texts(client_for, manager, facilitator, segment):
    original = value_version("")
    first = post_field(client_for(facilitator), "segment", segment, "needs", "Alice", base=original)
    assert first.status_code == 200
    response = post_field(client_for(manager), "segment", segment, "needs", "Bob", base=original)
    assert response.status_code == 409
    assert "Alice" in response.text  # theirs, shown
    assert "Bob" in response.text  # mine, still in the field
    assert "Säilytä oma versioni" in response.text
    segment.refresh_from_db()
    assert segment.needs == "Alice"


def test_conflict_resolved_by_keeping_mine(client_for, manager, facilitator, segment):
    original = value_version("")
    post_field(client_for(facilitator), "segment", segment, "needs", "Alice", base=original)
    response = post_field(
        client_for(manager),
        "segment",
        segment,
        "needs",
        "Bob",
        base=original,
        resolve="mine",
        conflict_version=value_version("Alice"),
    )
    assert response.status_code == 200
    segment.refresh_from_db()
    assert segment.needs == "Bob"


def test_keep_mine_against_an_outdated_conflict_conflicts_again(
    client_for, manager, facilitator, segment
):
    original = value_version("")
    post_field(client_for(facilitator), "segment", segment, "needs", "A1", base=original)
    post_field(client_for(facilitator), "segment", segment, "needs", "A2")
    response = post_field(
        client_for(manager),
        "segment",
        segment,
        "needs",
        "B",
        base=original,
        resolve="mine",
        conflict_version=value_version("A1"),
    )
    assert response.status_code == 409
    segment.refresh_from_db()
    assert segment.needs == "A2"


def test_use_their_version_reloads_the_field(client_for, manager, segment):
    Segment.objects.filter(pk=segment.pk).update(needs="Theirs")
    url = reverse("segments:part-field", args=["segment", segment.pk, "needs"])
    response = client_for(manager).get(url, headers=HTMX)
    assert response.status_code == 200
    assert "Theirs" in response.text
    assert value_version("Theirs") in response.text


def test_viewer_gets_403(client_for, viewer, segment):
    assert post_field(client_for(viewer), "segment", segment, "needs", "x").status_code == 403
    segment.refresh_from_db()
    assert segment.needs == ""


def test_viewer_sees_the_field_without_an_input(client_for, viewer, segment):
    Segment.objects.filter(pk=segment.pk).update(needs="Luettava")
    url = reverse("segments:part-field", args=["segment", segment.pk, "needs"])
    response = client_for(viewer).get(url, headers=HTMX)
    assert response.status_code == 200
    assert "Luettava" in response.text
    assert "<textarea" not in response.text


def test_other_organisation_gets_404(client_for, outsider, segment):
    assert post_field(client_for(outsider), "segment", segment, "needs", "x").status_code == 404
    url = reverse("segments:part-field", args=["segment", segment.pk, "needs"])
    assert client_for(outsider).get(url).status_code == 404


def test_unknown_field_or_kind_gets_404(client_for, manager, segment):
    client = client_for(manager)
    assert client.post(save_url("segment", segment, "workshop"), {}).status_code == 404
    assert client.post(save_url("stage", segment, "needs"), {}).status_code == 404


def test_a_kind_with_another_objects_id_gets_404(client_for, manager, segment):
    # a segment's id under the "cell" kind finds nothing
    assert post_field_raw(client_for(manager), "cell", segment.pk, "text").status_code == 404


def post_field_raw(client, kind, object_id, name):
    url = reverse("segments:part-save", args=[kind, object_id, name])
    return client.post(url, {name: "x", "base_version": ""}, headers=HTMX)


def test_get_on_save_is_405(client_for, manager, segment):
    assert client_for(manager).get(save_url("segment", segment, "needs")).status_code == 405


def test_without_htmx_the_save_redirects_back_to_the_field(client_for, manager, segment):
    response = client_for(manager).post(
        save_url("segment", segment, "needs"), {"needs": "x", "base_version": value_version("")}
    )
    assert response.status_code == 302
    assert response["Location"] == (
        reverse("segments:detail", args=[segment.pk]) + f"#field-segment-{segment.pk.hex}-needs"
    )
