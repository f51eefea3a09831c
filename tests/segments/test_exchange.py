import json

import pytest

from segments import services
from segments.models import CriterionScore, MatrixCell, Segment, SelectionPhase
from workshops import exchange

RULES = [
    {
        "conditions": [
            {"attribute": "toimiala", "operator": "=", "value": "Taksi <&> ä"},
            {"attribute": "revenue", "operator": ">=", "value": "10 000,50"},
        ]
    },
    {"conditions": [{"attribute": "name", "operator": "contains", "value": "Oy"}]},
]


@pytest.fixture
def filled_workshop(workshop, facilitator):
    matrix = services.get_matrix(workshop)
    matrix = services.apply_example(matrix=matrix, language="fi")
    cell = matrix.cells.get(row_value="Taksi", column_value="Pullistelija")
    cell.text = "Näyttävä auto, ä ö å € \n rivi"
    cell.save()
    segment = services.promote_cell(cell=cell)
    Segment.objects.filter(pk=segment.pk).update(
        needs="Luotettavuus",
        usage_intensity="heavy",
        main_benefit="brand",
        loyalty_level="committed",
        attitude="delighted",
        cube_volume=4,
        cube_efficiency=2,
        cube_duration=5,
        q_know_us="Osa",
        evidence="mixed",
        lifecycle_stage="Kasvava",
        customer_rules=RULES,
    )
    second = services.create_segment(workshop=workshop, name="Perheelliset")
    volume = workshop.value_criteria.get(key="volume")
    volume.weight = 2.5
    volume.measured = True
    volume.save()
    CriterionScore.objects.filter(segment=segment, criterion=volume).update(score=5, measured=True)
    CriterionScore.objects.filter(segment=second, criterion__key="risk").update(score=2)
    services.add_criterion(workshop=workshop, name="Oma kriteeri", weight=0)
    cell = second.experience.get(kind="sacrifice", dimension="emotional", moment="after")
    cell.text = "Epävarmuus"
    cell.strength = -2
    cell.save()
    # a cell of a removed value is kept too
    services.set_axes(
        matrix=matrix,
        row_axis=matrix.row_axis,
        row_values=matrix.row_values[:-1],
        column_axis=matrix.column_axis,
        column_values=matrix.column_values,
    )
    MatrixCell.objects.filter(row_value="Yritysleasing", column_value="Pullistelija").update(
        text="Poistettu rivi"
    )
    SelectionPhase.objects.filter(workshop=workshop, phase=3).update(
        status="in_progress", notes="Pisteytys kesken"
    )
    return workshop


def test_export_then_import_gives_an_identical_workshop(filled_workshop, organisation):
    first = exchange.export_workshop(filled_workshop)
    section = first["segments"]
    assert [s["name"] for s in section["segments"]] == ["Pullistelija · Taksi", "Perheelliset"]
    assert len(section["criteria"]) == 16
    assert section["matrix"]["cells"][-1]["text"] == "Poistettu rivi"
    copy = exchange.import_workshop(json.dumps(first), organisation=organisation)
    assert copy.pk != filled_workshop.pk
    assert exchange.export_workshop(copy) == first
    assert section["segments"][0]["customer_rules"] == RULES
    assert section["segments"][1]["customer_rules"] == []
    promoted = Segment.objects.get(workshop=copy, name="Pullistelija · Taksi")
    assert promoted.matrix_cells.get().text.startswith("Näyttävä auto")
    assert promoted.experience.count() == 24
    assert promoted.scores.count() == 16
    assert CriterionScore.objects.get(segment=promoted, criterion__key="volume").measured
    assert promoted.customer_rules == RULES
    assert copy.selection_phases.get(phase=3).notes == "Pisteytys kesken"


def test_a_fresh_workshop_round_trips_too(workshop, organisation):
    first = exchange.export_workshop(workshop)
    assert first["segments"]["matrix"] is None
    assert [p["status"] for p in first["segments"]["selection"]] == ["not_started"] * 5
    copy = exchange.import_workshop(json.dumps(first), organisation=organisation)
    assert exchange.export_workshop(copy) == first


def test_a_file_without_segments_imports_with_five_phases(workshop, organisation):
    data = exchange.export_workshop(workshop)
    del data["segments"]
    copy = exchange.import_workshop(json.dumps(data), organisation=organisation)
    assert copy.selection_phases.count() == 5
    assert not copy.segments.exists()


def _broken(workshop, change):
    data = exchange.export_workshop(workshop)
    change(data["segments"])
    return data


def test_score_naming_a_missing_criterion_is_refused_and_creates_nothing(
    filled_workshop, organisation
):
    def change(section):
        section["segments"][0]["scores"][0]["criterion"] = 99

    data = _broken(filled_workshop, change)
    before = Segment.objects.count()
    with pytest.raises(exchange.ExchangeError) as error:
        exchange.import_workshop(json.dumps(data), organisation=organisation)
    assert "no criterion 99" in str(error.value)
    assert Segment.objects.count() == before


def test_cell_naming_a_missing_segment_is_refused(filled_workshop, organisation):
    def change(section):
        section["matrix"]["cells"][0]["segment"] = 7

    with pytest.raises(exchange.ExchangeError) as error:
        exchange.import_workshop(
            json.dumps(_broken(filled_workshop, change)), organisation=organisation
        )
    assert "no segment 7" in str(error.value)


def test_out_of_range_values_are_refused_with_their_path(filled_workshop, organisation):
    def change(section):
        section["segments"][1]["experience"][0]["strength"] = 9
        section["segments"][0]["loyalty_level"] = "eternal"

    with pytest.raises(exchange.ExchangeError) as error:
        exchange.import_workshop(
            json.dumps(_broken(filled_workshop, change)), organisation=organisation
        )
    text = str(error.value)
    assert "segments.segments.1.experience.0.strength" in text
    assert "segments.segments.0.loyalty_level" in text


def test_empty_segment_name_is_refused(filled_workshop, organisation):
    def change(section):
        section["segments"][0]["name"] = ""

    with pytest.raises(exchange.ExchangeError):
        exchange.import_workshop(
            json.dumps(_broken(filled_workshop, change)), organisation=organisation
        )


def test_duplicate_axis_values_are_refused(filled_workshop, organisation):
    def change(section):
        section["matrix"]["row_values"].append(section["matrix"]["row_values"][0])

    with pytest.raises(exchange.ExchangeError) as error:
        exchange.import_workshop(
            json.dumps(_broken(filled_workshop, change)), organisation=organisation
        )
    assert "the same value twice" in str(error.value)


def test_bad_rules_in_a_file_are_refused_naming_the_place(workshop, organisation):
    data = exchange.export_workshop(workshop)
    data["segments"]["segments"] = [
        {
            "name": "Rules",
            "customer_rules": [{"conditions": [{"attribute": "x", "operator": "~", "value": "1"}]}],
        }
    ]
    with pytest.raises(exchange.ExchangeError) as error:
        exchange.import_workshop(json.dumps(data), organisation=organisation)
    assert "customer_rules" in str(error.value)
    assert not Segment.objects.filter(name="Rules").exists()
