"""The `journeys` section of the workshop exchange format."""

import datetime
from typing import Literal

from django.conf import settings
from django.db import transaction
from pydantic import BaseModel, ConfigDict, Field, create_model

from . import method
from .models import (
    Action,
    ActionStatus,
    Channel,
    Criticality,
    FeedbackPlanItem,
    Frequency,
    Interaction,
    Journey,
    JourneyKind,
    Phase,
    Stage,
    StageRole,
    Standardisation,
    Touchpoint,
)


def _choice(choices):
    return Literal[tuple([""] + [value for value, _ in choices.choices])]


class TouchpointData(BaseModel):
    model_config = ConfigDict(extra="forbid")
    channel: Literal[tuple(Channel.values)] = "other"
    interaction: Literal[tuple(Interaction.values)] = "people"
    frequency: Literal[tuple(Frequency.values)] = "routine"
    description: str = ""
    rating: int | None = Field(None, ge=-3, le=3)


class FeedbackPlanData(BaseModel):
    model_config = ConfigDict(extra="forbid")
    whom: str = Field("", max_length=300)
    what: str = ""
    channel: str = Field("", max_length=300)
    when: str = Field("", max_length=300)


class ActionData(BaseModel):
    model_config = ConfigDict(extra="forbid")
    what: str = Field(min_length=1)
    owner: str = Field("", max_length=200)
    due_date: datetime.date | None = None
    status: Literal[tuple(ActionStatus.values)] = "todo"


def _stage_field_type(spec):
    if spec.kind in ("text",):
        return (str, "")
    if spec.kind == "line":
        return (str, Field("", max_length=300))
    if spec.kind == "choice":
        choices = {
            "role": StageRole,
            "criticality": Criticality,
            "standardisation": Standardisation,
        }[spec.name]
        return (_choice(choices), "")
    if spec.kind == "scale":
        return (int | None, Field(None, ge=spec.low, le=spec.high))
    if spec.kind == "bool":
        return (bool, False)
    raise ValueError(spec.kind)


StageData = create_model(
    "StageData",
    __config__=ConfigDict(extra="forbid"),
    name=(str, Field(min_length=1, max_length=200)),
    guidance=(str, ""),
    **{spec.name: _stage_field_type(spec) for spec in method.FIELDS},
    touchpoints=(list[TouchpointData], []),
    feedback_plan=(list[FeedbackPlanData], []),
    actions=(list[ActionData], []),
)


class PhaseData(BaseModel):
    model_config = ConfigDict(extra="forbid")
    key: Literal["before", "purchase", "after"]
    name: str = Field(min_length=1, max_length=200)
    stages: list[StageData] = []


class JourneyData(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: str = Field(min_length=1, max_length=200)
    segment: str = Field("", max_length=200)
    kind: Literal[tuple(JourneyKind.values)] = "today"
    phases: list[PhaseData] = []


ROWS = (
    ("touchpoints", Touchpoint, TouchpointData),
    ("feedback_plan", FeedbackPlanItem, FeedbackPlanData),
    ("actions", Action, ActionData),
)


def export_journeys(workshop) -> list[JourneyData]:
    journeys = workshop.journeys.prefetch_related(
        "phases__stages__touchpoints", "phases__stages__feedback_plan", "phases__stages__actions"
    )
    result = []
    for journey in journeys:
        phases = []
        for phase in journey.phases.all():
            stages = []
            for stage in phase.stages.all():
                values = {spec.name: getattr(stage, spec.name) for spec in method.FIELDS}
                for relation, model, schema in ROWS:
                    values[relation] = [
                        schema(**{f: getattr(row, f) for f in model.ROW_FIELDS})
                        for row in getattr(stage, relation).all()
                    ]
                stages.append(StageData(name=stage.name, guidance=stage.guidance, **values))
            phases.append(PhaseData(key=phase.key, name=phase.name, stages=stages))
        result.append(
            JourneyData(
                name=journey.name, segment=journey.segment, kind=journey.kind, phases=phases
            )
        )
    return result


def check_journeys(journeys: list) -> list[str]:
    """Rows per stage over `settings.JOURNEY_LIMITS`, each named by its path in the file."""
    problems = []
    for j, journey in enumerate(journeys):
        for p, phase in enumerate(journey.phases):
            for s, stage in enumerate(phase.stages):
                for relation, _model, _schema in ROWS:
                    count, limit = len(getattr(stage, relation)), settings.JOURNEY_LIMITS[relation]
                    if count > limit:
                        problems.append(
                            f"journeys.{j}.phases.{p}.stages.{s}.{relation}: {count} rows, "
                            f"at most {limit} per stage"
                        )
    return problems


# Rows per transaction: a few tens of milliseconds of SQLite's write lock each, so concurrent
# saves wait at most that long between two batches.
WRITE_BATCH = 1000


def _write_in_batches(model, objects: list) -> None:
    for start in range(0, len(objects), WRITE_BATCH):
        with transaction.atomic():
            model.objects.bulk_create(objects[start : start + WRITE_BATCH])


def load_journeys(workshop, journeys: list, by=None):
    """Write in short transactions; exchange.import_workshop keeps the whole all-or-nothing."""
    written = []  # (stage, stage_data): rows are built after the transaction, not inside it
    for j, data in enumerate(journeys):
        with transaction.atomic():
            journey = Journey.objects.create(
                workshop=workshop,
                name=data.name,
                segment=data.segment,
                kind=data.kind,
                position=j,
            )
            for p, phase_data in enumerate(data.phases):
                phase = Phase.objects.create(
                    journey=journey, key=phase_data.key, name=phase_data.name, position=p
                )
                stages = Stage.objects.bulk_create(
                    Stage(
                        phase=phase,
                        position=s,
                        name=stage_data.name,
                        guidance=stage_data.guidance,
                        **{spec.name: getattr(stage_data, spec.name) for spec in method.FIELDS},
                    )
                    for s, stage_data in enumerate(phase_data.stages)
                )
                written.extend(zip(stages, phase_data.stages, strict=True))
    for relation, model, _schema in ROWS:
        rows = [
            model(stage=stage, position=r, **item.model_dump())
            for stage, stage_data in written
            for r, item in enumerate(getattr(stage_data, relation))
        ]
        _write_in_batches(model, rows)
