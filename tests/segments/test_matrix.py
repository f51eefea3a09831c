from django.urls import reverse

from segments import services
from segments.models import MatrixCell, Segment
from tests.segments.conftest import post_field
from workshops.models import Change


def axes(client, workshop, rows, columns, row_axis="Koko", column_axis="Asenne"):
    return client.post(
        reverse("segments:axes", args=[workshop.pk]),
        {
            "row_axis": row_axis,
            "row_values": "\n".join(rows),
            "column_axis": column_axis,
            "column_values": "\n".join(columns),
        },
    )


def cell(workshop, row, column):
    return MatrixCell.objects.get(matrix__workshop=workshop, row_value=row, column_value=column)


def test_empty_matrix_offers_the_axes_form_and_the_example(client_for, manager, workshop):
    response = client_for(manager).get(reverse("segments:matrix", args=[workshop.pk]))
    assert response.status_code == 200
    assert reverse("segments:matrix-example", args=[workshop.pk]) in response.text
    assert 'name="row_values"' in response.text


def test_car_dealer_example_in_finnish(client_for, manager, workshop):
    response = client_for(manager).post(reverse("segments:matrix-example", args=[workshop.pk]))
    assert response.status_code == 302
    matrix = services.get_matrix(workshop)
    assert matrix.row_values == ["Henkilöauto", "Pakettiauto", "Maasturi", "Taksi", "Yritysleasing"]
    assert matrix.column_values[0] == "Tarkan markan ostaja"
    assert matrix.cells.count() == 25
    page = client_for(manager).get(reverse("segments:matrix", args=[workshop.pk]))
    assert "Pullistelija" in page.text and "Maasturi" in page.text


def test_car_dealer_example_in_english(client_for, facilitator, en_workshop):
    client_for(facilitator).post(reverse("segments:matrix-example", args=[en_workshop.pk]))
    matrix = services.get_matrix(en_workshop)
    assert matrix.row_values == ["Passenger car", "Van", "SUV", "Taxi", "Company leasing"]
    assert matrix.column_values == [
        "The penny-pincher",
        "Car as a family member",
        "The show-off",
        "Car as a mere tool",
        "The neighbour or the internet advises",
    ]


def test_axes_are_saved_with_a_cell_for_every_pair(client_for, manager, workshop):
    response = axes(client_for(manager), workshop, ["Pienet", " Suuret ", "", "Pienet"], ["A", "B"])
    assert response.status_code == 302
    matrix = services.get_matrix(workshop)
    assert matrix.row_values == ["Pienet", "Suuret"]  # trimmed, no blanks, no repeats
    assert matrix.cells.count() == 4
    assert Change.objects.filter(target_type="segmentmatrix", field="row_values").exists()


def test_too_many_values_get_422(client_for, manager, workshop):
    response = axes(client_for(manager), workshop, [str(n) for n in range(25)], ["A"])
    assert response.status_code == 422
    assert services.get_matrix(workshop).row_values == []


def test_fill_a_cell_inline(client_for, manager, workshop):
    client = client_for(manager)
    axes(client, workshop, ["Pienet"], ["Hintatietoiset"])
    target = cell(workshop, "Pienet", "Hintatietoiset")
    response = post_field(client, "cell", target, "text", "Selkeä hinnasto")
    assert response.status_code == 200
    target.refresh_from_db()
    assert target.text == "Selkeä hinnasto"
    page = client.get(reverse("segments:matrix", args=[workshop.pk]))
    assert "Selkeä hinnasto" in page.text


def test_renaming_a_value_keeps_its_cells(client_for, manager, workshop):
    client = client_for(manager)
    axes(client, workshop, ["Pienet", "Suuret"], ["A"])
    MatrixCell.objects.filter(row_value="Suuret").update(text="Isot tilaukset")
    axes(client, workshop, ["Pienet", "Suurasiakkaat"], ["A"])
    assert cell(workshop, "Suurasiakkaat", "A").text == "Isot tilaukset"


def test_reordering_values_keeps_each_values_cells(client_for, manager, workshop):
    client = client_for(manager)
    axes(client, workshop, ["Pienet", "Suuret"], ["A"])
    MatrixCell.objects.filter(row_value="Pienet").update(text="pieni")
    axes(client, workshop, ["Suuret", "Pienet"], ["A"])
    assert cell(workshop, "Pienet", "A").text == "pieni"
    assert cell(workshop, "Suuret", "A").text == ""


def test_cells_of_a_removed_value_are_kept_and_listed(client_for, manager, workshop):
    client = client_for(manager)
    axes(client, workshop, ["Pienet", "Suuret"], ["A"])
    MatrixCell.objects.filter(row_value="Suuret").update(text="Ei hukata tätä")
    axes(client, workshop, ["Pienet"], ["A"])
    page = client.get(reverse("segments:matrix", args=[workshop.pk]))
    assert "Ei hukata tätä" in page.text
    axes(client, workshop, ["Pienet", "Suuret"], ["A"])
    assert cell(workshop, "Suuret", "A").text == "Ei hukata tätä"


def test_promote_a_cell_to_a_segment(client_for, manager, workshop):
    client = client_for(manager)
    axes(client, workshop, ["Taksi"], ["Pullistelija"], row_axis="Autotyyppi", column_axis="Suhde")
    target = cell(workshop, "Taksi", "Pullistelija")
    MatrixCell.objects.filter(pk=target.pk).update(text="Näyttävä auto")
    response = client.post(reverse("segments:cell-promote", args=[target.pk]))
    segment = Segment.objects.get(workshop=workshop)
    assert response.status_code == 302
    assert response["Location"] == reverse("segments:detail", args=[segment.pk])
    assert segment.name == "Pullistelija · Taksi"
    assert segment.sought_benefits == "Näyttävä auto"
    assert "Autotyyppi: Taksi" in segment.identification_criteria
    target.refresh_from_db()
    assert target.segment == segment
    assert segment.experience.count() == 24
    page = client.get(reverse("segments:matrix", args=[workshop.pk]))
    assert reverse("segments:detail", args=[segment.pk]) in page.text


def test_promoting_twice_makes_one_segment(client_for, manager, workshop):
    client = client_for(manager)
    axes(client, workshop, ["Taksi"], ["Pullistelija"])
    target = cell(workshop, "Taksi", "Pullistelija")
    client.post(reverse("segments:cell-promote", args=[target.pk]))
    client.post(reverse("segments:cell-promote", args=[target.pk]))
    assert Segment.objects.filter(workshop=workshop).count() == 1


def test_viewer_cannot_change_axes_cells_or_promote(client_for, manager, viewer, workshop):
    axes(client_for(manager), workshop, ["Taksi"], ["Pullistelija"])
    target = cell(workshop, "Taksi", "Pullistelija")
    client = client_for(viewer)
    assert axes(client, workshop, ["X"], ["Y"]).status_code == 403
    assert client.post(reverse("segments:matrix-example", args=[workshop.pk])).status_code == 403
    assert post_field(client, "cell", target, "text", "x").status_code == 403
    assert client.post(reverse("segments:cell-promote", args=[target.pk])).status_code == 403
    assert not Segment.objects.exists()
    assert client.get(reverse("segments:matrix", args=[workshop.pk])).status_code == 200


def test_other_organisation_gets_404(client_for, manager, outsider, workshop):
    axes(client_for(manager), workshop, ["Taksi"], ["Pullistelija"])
    target = cell(workshop, "Taksi", "Pullistelija")
    client = client_for(outsider)
    assert client.get(reverse("segments:matrix", args=[workshop.pk])).status_code == 404
    assert client.post(reverse("segments:cell-promote", args=[target.pk])).status_code == 404
    assert post_field(client, "cell", target, "text", "x").status_code == 404


def test_promote_is_post_only(client_for, manager, workshop):
    axes(client_for(manager), workshop, ["Taksi"], ["Pullistelija"])
    target = cell(workshop, "Taksi", "Pullistelija")
    response = client_for(manager).get(reverse("segments:cell-promote", args=[target.pk]))
    assert response.status_code == 405
