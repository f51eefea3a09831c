"""The segment's Kano attribute values: edited by autosave, shown on the page, exported."""

from django.urls import reverse

from tests.segments.conftest import in_english, post_field
from workshops.matching import kano_values, matching_keys, same_name


def test_kano_attribute_values_autosave(client_for, manager, segment):
    response = post_field(
        client_for(manager), "segment", segment, "kano_attribute_values", "Business, Corporate"
    )
    assert response.status_code == 200
    segment.refresh_from_db()
    assert segment.kano_attribute_values == "Business, Corporate"


def test_segment_page_has_the_connections_section(client_for, viewer, segment):
    response = in_english(client_for(viewer)).get(reverse("segments:detail", args=[segment.pk]))
    assert response.status_code == 200
    assert "Yhteydet muihin osiin" in response.text  # section titles follow the workshop
    assert f"field-segment-{segment.pk.hex}-kano_attribute_values" in response.text


def test_kano_values_are_the_name_and_the_list_without_case_or_spaces():
    assert kano_values("Yritys", " Business ,corporate,, ") == {"yritys", "business", "corporate"}


def test_matching_keys_compare_the_chosen_attribute_only():
    pairs = [(1, {"A": "YRITYS"}), (2, {"B": "yritys"}), (3, {}), (4, None), (5, {"A": "x"})]
    assert matching_keys(pairs, "A", {"yritys"}) == [1]


def test_same_name_ignores_case():
    class Named:
        def __init__(self, name):
            self.name = name

    wanted = Named("Retail")
    assert same_name("RETAIL ", [Named("Wholesale"), wanted]) is wanted
    assert same_name("Export", [wanted]) is None
