"""The `segments` section of the workshop exchange format.

Criteria, segments (every field, their customer rules, scores and value experience cells), the
segment matrix and the five customer selection phases. Scores name their criterion and matrix
cells their segment by position in the lists, so a file needs no database ids. Export then
import gives the same export.
"""

from typing import Annotated, Literal

from django.db import transaction
from pydantic import BaseModel, ConfigDict, Field, create_model, model_validator

from . import method, rules, services
from .models import (
    Attitude,
    CriterionScore,
    Evidence,
    LoyaltyLevel,
    MatrixCell,
    PhaseStatus,
    Segment,
    SegmentMatrix,
    SelectionPhase,
    SoughtBenefit,
    UsageIntensity,
    ValueCriterion,
    ValueExperienceCell,
)

CHOICES = {
    "usage_intensity": UsageIntensity,
    "main_benefit": SoughtBenefit,
    "loyalty_level": LoyaltyLevel,
    "attitude": Attitude,
    "evidence": Evidence,
}


def _field_type(spec):
    if spec.name == "name":
        return (str, Field(min_length=1, max_length=200))
    if spec.kind == "text":
        return (str, "")
    if spec.kind == "line":
        return (str, Field("", max_length=300))
    if spec.kind == "choice":
        return (Literal[tuple(["", *CHOICES[spec.name].values])], "")
    if spec.kind == "scale":
        return (int | None, Field(None, ge=spec.low, le=spec.high))
    raise ValueError(spec.kind)


class CriterionData(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: str = Field(min_length=1, max_length=200)
    key: str = Field("", max_length=40, pattern=r"^[-a-zA-Z0-9_]*$")
    description: str = ""
    weight: float = Field(1.0, ge=0, le=100)
    measured: bool = False


class ScoreData(BaseModel):
    model_config = ConfigDict(extra="forbid")
    criterion: int = Field(ge=0, description="position of the criterion in `criteria`")
    score: int = Field(ge=1, le=5)
    measured: bool = False


class ExperienceData(BaseModel):
    model_config = ConfigDict(extra="forbid")
    kind: Literal[method.EXPERIENCE_KINDS]
    dimension: Literal[method.EXPERIENCE_DIMENSIONS]
    moment: Literal[method.EXPERIENCE_MOMENTS]
    text: str = ""
    strength: int | None = Field(None, ge=-3, le=3)


SegmentData = create_model(
    "SegmentData",
    __config__=ConfigDict(extra="forbid"),
    **{spec.name: _field_type(spec) for spec in method.FIELDS},
    scores=(list[ScoreData], []),
    experience=(list[ExperienceData], []),
    customer_rules=(list[rules.Rule], Field([], max_length=rules.MAX_RULES)),
)


class CellData(BaseModel):
    model_config = ConfigDict(extra="forbid")
    row: str = Field(min_length=1, max_length=200)
    column: str = Field(min_length=1, max_length=200)
    text: str = ""
    segment: int | None = Field(None, ge=0, description="position of the segment in `segments`")


AxisValue = Annotated[str, Field(min_length=1, max_length=200)]


class MatrixData(BaseModel):
    model_config = ConfigDict(extra="forbid")
    row_axis: str = Field("", max_length=200)
    row_values: list[AxisValue] = Field([], max_length=50)
    column_axis: str = Field("", max_length=200)
    column_values: list[AxisValue] = Field([], max_length=50)
    cells: list[CellData] = []

    @model_validator(mode="after")
    def values_unique(self):
        for name in ("row_values", "column_values"):
            values = getattr(self, name)
            if len(values) != len(set(values)):
                raise ValueError(f"matrix.{name}: the same value twice")
        return self


class PhaseData(BaseModel):
    model_config = ConfigDict(extra="forbid")
    phase: int = Field(ge=1, le=5)
    status: Literal[tuple(PhaseStatus.values)] = "not_started"
    notes: str = ""


class SegmentsSection(BaseModel):
    model_config = ConfigDict(extra="forbid")
    criteria: list[CriterionData] = []
    segments: list[SegmentData] = []
    matrix: MatrixData | None = None
    selection: list[PhaseData] = []

    @model_validator(mode="after")
    def references_exist(self):
        criteria = len(self.criteria)
        for i, segment in enumerate(self.segments):
            seen = set()
            for j, score in enumerate(segment.scores):
                if score.criterion >= criteria:
                    raise ValueError(
                        f"segments.{i}.scores.{j}.criterion: no criterion {score.criterion}"
                    )
                if score.criterion in seen:
                    raise ValueError(f"segments.{i}.scores.{j}: criterion scored twice")
                seen.add(score.criterion)
            cells = [(c.kind, c.dimension, c.moment) for c in segment.experience]
            if len(cells) != len(set(cells)):
                raise ValueError(f"segments.{i}.experience: the same cell twice")
        if self.matrix:
            pairs = [(c.row, c.column) for c in self.matrix.cells]
            if len(pairs) != len(set(pairs)):
                raise ValueError("matrix.cells: the same row and column twice")
            for k, cell in enumerate(self.matrix.cells):
                if cell.segment is not None and cell.segment >= len(self.segments):
                    raise ValueError(f"matrix.cells.{k}.segment: no segment {cell.segment}")
        phases = [p.phase for p in self.selection]
        if len(phases) != len(set(phases)):
            raise ValueError("selection: the same phase twice")
        return self


def export_segments(workshop) -> SegmentsSection:
    criteria = list(workshop.value_criteria.all())
    criterion_index = {c.pk: i for i, c in enumerate(criteria)}
    segments = list(workshop.segments.prefetch_related("scores", "experience"))
    segment_index = {s.pk: i for i, s in enumerate(segments)}
    order = {
        key: {value: i for i, value in enumerate(values)}
        for key, values in (
            ("kind", method.EXPERIENCE_KINDS),
            ("dimension", method.EXPERIENCE_DIMENSIONS),
            ("moment", method.EXPERIENCE_MOMENTS),
        )
    }
    segment_data = []
    for segment in segments:
        scores = sorted(
            (s for s in segment.scores.all() if s.score is not None),
            key=lambda s: criterion_index[s.criterion_id],
        )
        cells = sorted(
            (c for c in segment.experience.all() if c.text or c.strength is not None),
            key=lambda c: (
                order["kind"][c.kind],
                order["dimension"][c.dimension],
                order["moment"][c.moment],
            ),
        )
        segment_data.append(
            SegmentData(
                **{spec.name: getattr(segment, spec.name) for spec in method.FIELDS},
                customer_rules=services.segment_rules([segment])[0].rules,
                scores=[
                    ScoreData(
                        criterion=criterion_index[s.criterion_id],
                        score=s.score,
                        measured=s.measured,
                    )
                    for s in scores
                ],
                experience=[
                    ExperienceData(
                        kind=c.kind,
                        dimension=c.dimension,
                        moment=c.moment,
                        text=c.text,
                        strength=c.strength,
                    )
                    for c in cells
                ],
            )
        )
    matrix = SegmentMatrix.objects.filter(workshop=workshop).first()
    matrix_data = None
    if matrix is not None:
        rows = {v: i for i, v in enumerate(matrix.row_values)}
        columns = {v: i for i, v in enumerate(matrix.column_values)}
        far = len(rows) + len(columns) + 1
        cells = sorted(
            (c for c in matrix.cells.all() if c.text or c.segment_id),
            key=lambda c: (
                rows.get(c.row_value, far),
                columns.get(c.column_value, far),
                c.row_value,
                c.column_value,
            ),
        )
        matrix_data = MatrixData(
            row_axis=matrix.row_axis,
            row_values=matrix.row_values,
            column_axis=matrix.column_axis,
            column_values=matrix.column_values,
            cells=[
                CellData(
                    row=c.row_value,
                    column=c.column_value,
                    text=c.text,
                    segment=segment_index.get(c.segment_id),
                )
                for c in cells
            ],
        )
    return SegmentsSection(
        criteria=[
            CriterionData(
                name=c.name,
                key=c.key,
                description=c.description,
                weight=c.weight,
                measured=c.measured,
            )
            for c in criteria
        ],
        segments=segment_data,
        matrix=matrix_data,
        selection=_phases(workshop),
    )


def _phases(workshop) -> list[PhaseData]:
    """All five phases, also for a workshop that has not opened the selection worksheet."""
    stored = {p.phase: p for p in workshop.selection_phases.all()}
    return [
        PhaseData(phase=n, status=stored[n].status, notes=stored[n].notes)
        if n in stored
        else PhaseData(phase=n)
        for n in method.SELECTION_PHASES
    ]


@transaction.atomic
def load_segments(workshop, data: SegmentsSection, by=None):
    criteria = ValueCriterion.objects.bulk_create(
        ValueCriterion(workshop=workshop, position=i, **c.model_dump())
        for i, c in enumerate(data.criteria)
    )
    fields = [spec.name for spec in method.FIELDS]
    segments = Segment.objects.bulk_create(
        Segment(
            workshop=workshop,
            position=i,
            customer_rules=[rule.model_dump() for rule in s.customer_rules],
            **{name: getattr(s, name) for name in fields},
        )
        for i, s in enumerate(data.segments)
    )
    scores, cells = [], []
    for segment, segment_data in zip(segments, data.segments, strict=True):
        given = {score.criterion: score for score in segment_data.scores}
        for i, criterion in enumerate(criteria):
            score = given.get(i)
            scores.append(
                CriterionScore(
                    segment=segment,
                    criterion=criterion,
                    score=score.score if score else None,
                    measured=score.measured if score else False,
                )
            )
        filled = {(c.kind, c.dimension, c.moment): c for c in segment_data.experience}
        for cell in services.experience_cells(segment):
            item = filled.get((cell.kind, cell.dimension, cell.moment))
            if item:
                cell.text, cell.strength = item.text, item.strength
            cells.append(cell)
    CriterionScore.objects.bulk_create(scores)
    ValueExperienceCell.objects.bulk_create(cells)
    if data.matrix is not None:
        matrix = SegmentMatrix.objects.create(
            workshop=workshop,
            row_axis=data.matrix.row_axis,
            row_values=data.matrix.row_values,
            column_axis=data.matrix.column_axis,
            column_values=data.matrix.column_values,
        )
        given = {(c.row, c.column): c for c in data.matrix.cells}
        pairs = [(r, c) for r in data.matrix.row_values for c in data.matrix.column_values]
        on_axes = set(pairs)
        pairs += [pair for pair in given if pair not in on_axes]  # cells of removed values
        new_cells = []
        for row, column in pairs:
            item = given.get((row, column))
            new_cells.append(
                MatrixCell(
                    matrix=matrix,
                    row_value=row,
                    column_value=column,
                    text=item.text if item else "",
                    segment=segments[item.segment] if item and item.segment is not None else None,
                )
            )
        MatrixCell.objects.bulk_create(new_cells)
    given_phases = {p.phase: p for p in data.selection}
    SelectionPhase.objects.bulk_create(
        SelectionPhase(
            workshop=workshop,
            phase=number,
            status=given_phases[number].status if number in given_phases else "not_started",
            notes=given_phases[number].notes if number in given_phases else "",
        )
        for number in method.SELECTION_PHASES
    )
