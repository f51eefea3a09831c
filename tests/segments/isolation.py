"""Objects of every kind the segments URLs name, in the victim's workshop, with SECRET texts."""

from segments import services


def victim_params(*, workshop, stage) -> dict:
    segment = services.create_segment(workshop=workshop, name="SECRET segment")
    segment.needs = "SECRET needs"
    segment.save()
    matrix = services.get_matrix(workshop)
    services.set_axes(
        matrix=matrix,
        row_axis="SECRET rows",
        row_values=["SECRET row"],
        column_axis="SECRET columns",
        column_values=["SECRET column"],
    )
    cell = matrix.cells.get()
    cell.text = "SECRET cell"
    cell.save()
    criterion = services.add_criterion(workshop=workshop, name="SECRET criterion")
    return {
        "segment_id": segment.pk,
        "matrix_cell_id": cell.pk,
        "value_criterion_id": criterion.pk,
        "segment_part": "segment",
        "segment_part_id": segment.pk,
        "segment_field": "needs",
    }
