"""The `followup` section of the workshop exchange format: measures with their values,
feedback links (without their secret tokens: a copy gets new ones), customer feedback and
the reviews with their snapshots.

Stages are named by their place in the `journeys` section (journey, phase, stage indexes),
touchpoints by their index in the stage, Kano factors by name. Ids inside review snapshots
are written as such references too ("stage:0.1.2", "measure:3", "action:0.1.2.0"), so a
review of a copied workshop still lines up with that copy's measures and actions.
"""

import datetime
from decimal import Decimal
from typing import Any, Literal

from django.db import transaction
from pydantic import BaseModel, ConfigDict, Field

from workshops.exchange import ExchangeError

from . import measures
from .kano_link import workshop_factors
from .models import (
    Direction,
    Feedback,
    FeedbackLink,
    FeedbackSource,
    Measure,
    MeasureValue,
    Period,
    Review,
    Source,
)
from .services import rebuild_tallies
from .tablefile import fold


class StageRef(BaseModel):
    model_config = ConfigDict(extra="forbid")
    journey: int = Field(ge=0)
    phase: int = Field(ge=0)
    stage: int = Field(ge=0)


class ValueData(BaseModel):
    model_config = ConfigDict(extra="forbid")
    period_start: datetime.date
    value: Decimal = Field(max_digits=14, decimal_places=4)
    sample_size: int | None = Field(None, ge=0)
    spread: Decimal | None = Field(None, max_digits=8, decimal_places=3)


class MeasureData(BaseModel):
    model_config = ConfigDict(extra="forbid")
    stage: StageRef
    name: str = Field(min_length=1, max_length=200)
    unit: str = Field("", max_length=30)
    direction: Literal[tuple(Direction.values)] = "higher"
    target: Decimal = Field(max_digits=14, decimal_places=4)
    tolerance: Decimal = Field(Decimal(0), ge=0, max_digits=14, decimal_places=4)
    period: Literal[tuple(Period.values)] = "month"
    owner: str = Field("", max_length=200)
    source: Literal[tuple(Source.values)] = "manual"
    source_level: int | None = Field(None, ge=0, le=10)
    source_scale: Literal[5, 10] = 5
    values: list[ValueData] = []


class LinkData(BaseModel):
    model_config = ConfigDict(extra="forbid")
    stage: StageRef
    touchpoint: int | None = Field(None, ge=0)
    question: str = Field(min_length=1)
    channel: str = Field("", max_length=100)
    scale: Literal[5, 10] = 5
    active: bool = True
    created_at: datetime.datetime


class FeedbackData(BaseModel):
    model_config = ConfigDict(extra="forbid")
    date: datetime.date
    stage: StageRef
    touchpoint: int | None = Field(None, ge=0)
    channel: str = Field("", max_length=100)
    customer: str = Field("", max_length=200)
    rating: int | None = Field(None, ge=0, le=10)
    scale: Literal[5, 10] = 5
    text: str = ""
    tags: list[str] = []
    kano_factor: str | None = None
    flagged: bool = False
    reaction_note: str = ""
    reacted_by: str = Field("", max_length=150)
    reacted_at: datetime.datetime | None = None
    source: Literal[tuple(FeedbackSource.values)] = "manual"
    link: int | None = Field(None, ge=0)
    created_at: datetime.datetime


class ReviewData(BaseModel):
    model_config = ConfigDict(extra="forbid")
    date: datetime.date
    notes: str = ""
    snapshot: dict[str, Any] = {}
    created_at: datetime.datetime


class FollowupData(BaseModel):
    model_config = ConfigDict(extra="forbid")
    measures: list[MeasureData] = []
    links: list[LinkData] = []
    feedback: list[FeedbackData] = []
    reviews: list[ReviewData] = []


def _number(value) -> Decimal | None:
    return None if value is None else Decimal(measures.number_text(value))


def _structure(workshop):
    """Stage refs, touchpoint indexes and action refs, in the journeys section's order."""
    stage_refs, touchpoints, ids = {}, {}, {}
    journeys = workshop.journeys.prefetch_related(
        "phases__stages__touchpoints", "phases__stages__actions"
    )
    for j, journey in enumerate(journeys):
        ids[str(journey.pk)] = f"journey:{j}"
        for p, phase in enumerate(journey.phases.all()):
            for s, stage in enumerate(phase.stages.all()):
                stage_refs[stage.pk] = StageRef(journey=j, phase=p, stage=s)
                ids[str(stage.pk)] = f"stage:{j}.{p}.{s}"
                touchpoints[stage.pk] = list(stage.touchpoints.all())
                for a, action in enumerate(stage.actions.all()):
                    ids[str(action.pk)] = f"action:{j}.{p}.{s}.{a}"
    return stage_refs, touchpoints, ids


def _translate(data, mapping: dict):
    """A copy of snapshot data with the values of id fields replaced through `mapping`."""
    if isinstance(data, dict):
        return {
            key: (
                mapping.get(value, value)
                if isinstance(value, str) and (key == "id" or key.endswith("_id"))
                else _translate(value, mapping)
            )
            for key, value in data.items()
        }
    if isinstance(data, list):
        return [_translate(item, mapping) for item in data]
    return data


def export_followup(workshop) -> FollowupData:
    stage_refs, touchpoints, ids = _structure(workshop)
    measure_list = list(
        Measure.objects.filter(stage__phase__journey__workshop=workshop).prefetch_related("values")
    )
    measure_list.sort(key=lambda m: (_ref_key(stage_refs[m.stage_id]), m.position, m.created_at))
    measure_data = []
    for i, m in enumerate(measure_list):
        ids[str(m.pk)] = f"measure:{i}"
        measure_data.append(
            MeasureData(
                stage=stage_refs[m.stage_id],
                name=m.name,
                unit=m.unit,
                direction=m.direction,
                target=_number(m.target),
                tolerance=_number(m.tolerance),
                period=m.period,
                owner=m.owner,
                source=m.source,
                source_level=m.source_level,
                source_scale=m.source_scale,
                values=[
                    ValueData(
                        period_start=v.period_start,
                        value=_number(v.value),
                        sample_size=v.sample_size,
                        spread=_number(v.spread),
                    )
                    for v in sorted(m.values.all(), key=lambda v: v.period_start)
                ],
            )
        )

    def touchpoint_index(stage_id, touchpoint_id):
        if touchpoint_id is None:
            return None
        found = [t.pk for t in touchpoints.get(stage_id, [])]
        return found.index(touchpoint_id) if touchpoint_id in found else None

    links = []
    for link in FeedbackLink.objects.filter(stage__phase__journey__workshop=workshop):
        data = LinkData(
            stage=stage_refs[link.stage_id],
            touchpoint=touchpoint_index(link.stage_id, link.touchpoint_id),
            question=link.question,
            channel=link.channel,
            scale=link.scale,
            active=link.active,
            created_at=link.created_at,
        )
        links.append((data.model_dump_json(), link.pk, data))
    links.sort(key=lambda item: item[0])
    link_index = {pk: i for i, (_key, pk, _data) in enumerate(links)}

    feedback = []
    for item in Feedback.objects.filter(workshop=workshop).select_related("kano_factor"):
        data = FeedbackData(
            date=item.date,
            stage=stage_refs[item.stage_id],
            touchpoint=touchpoint_index(item.stage_id, item.touchpoint_id),
            channel=item.channel,
            customer=item.customer,
            rating=item.rating,
            scale=item.scale,
            text=item.text,
            tags=[str(tag) for tag in item.tags],
            kano_factor=item.kano_factor.name if item.kano_factor else None,
            flagged=item.flagged,
            reaction_note=item.reaction_note,
            reacted_by=item.reacted_by_name,
            reacted_at=item.reacted_at,
            source=item.source,
            link=link_index.get(item.link_id),
            created_at=item.created_at,
        )
        feedback.append((data.model_dump_json(), data))
    feedback.sort(key=lambda item: item[0])

    reviews = [
        ReviewData(
            date=review.date,
            notes=review.notes,
            snapshot=_translate(review.snapshot, ids),
            created_at=review.created_at,
        )
        for review in workshop.followup_reviews.order_by("date", "created_at")
    ]
    return FollowupData(
        measures=measure_data,
        links=[data for _key, _pk, data in links],
        feedback=[data for _key, data in feedback],
        reviews=reviews,
    )


def _ref_key(ref: StageRef):
    return (ref.journey, ref.phase, ref.stage)


@transaction.atomic
def load_followup(workshop, data: FollowupData, by=None):
    stage_refs, touchpoints, ids = _structure(workshop)
    stages = {_ref_key(ref): stage_id for stage_id, ref in stage_refs.items()}
    local = {ref: local_id for local_id, ref in ids.items()}  # "stage:0.1.2" -> new id

    def stage_id_of(ref, where):
        found = stages.get(_ref_key(ref))
        if found is None:
            raise ExchangeError([f"followup.{where}.stage: no such stage in the journeys"])
        return found

    def touchpoint_of(stage_id, index, where):
        if index is None:
            return None
        found = touchpoints.get(stage_id, [])
        if index >= len(found):
            raise ExchangeError([f"followup.{where}.touchpoint: no such touchpoint"])
        return found[index]

    new_measures, new_values = [], []
    positions: dict = {}
    for i, item in enumerate(data.measures):
        stage_id = stage_id_of(item.stage, f"measures.{i}")
        position = positions.get(stage_id, 0)
        positions[stage_id] = position + 1
        measure = Measure(
            stage_id=stage_id,
            position=position,
            **item.model_dump(exclude={"stage", "values"}),
        )
        new_measures.append(measure)
        local[f"measure:{i}"] = str(measure.pk)
        new_values.extend(
            MeasureValue(measure=measure, **value.model_dump()) for value in item.values
        )
    Measure.objects.bulk_create(new_measures)
    MeasureValue.objects.bulk_create(new_values, batch_size=2000)

    new_links = []
    for i, item in enumerate(data.links):
        stage_id = stage_id_of(item.stage, f"links.{i}")
        new_links.append(
            FeedbackLink(
                stage_id=stage_id,
                touchpoint=touchpoint_of(stage_id, item.touchpoint, f"links.{i}"),
                **item.model_dump(exclude={"stage", "touchpoint"}),
            )
        )
    FeedbackLink.objects.bulk_create(new_links)

    factors = {fold(f.name): f for f in workshop_factors(workshop)}
    new_feedback = []
    for i, item in enumerate(data.feedback):
        where = f"feedback.{i}"
        stage_id = stage_id_of(item.stage, where)
        if item.link is not None and item.link >= len(new_links):
            raise ExchangeError([f"followup.{where}.link: no such link"])
        factor = None
        if item.kano_factor is not None:
            factor = factors.get(fold(item.kano_factor))
            if factor is None:
                raise ExchangeError([f"followup.{where}.kano_factor: no such Kano factor"])
        new_feedback.append(
            Feedback(
                workshop=workshop,
                stage_id=stage_id,
                touchpoint=touchpoint_of(stage_id, item.touchpoint, where),
                kano_factor=factor,
                link=new_links[item.link] if item.link is not None else None,
                reacted_by_name=item.reacted_by,
                **item.model_dump(
                    exclude={"stage", "touchpoint", "kano_factor", "link", "reacted_by"}
                ),
            )
        )
    Feedback.objects.bulk_create(new_feedback, batch_size=2000)
    rebuild_tallies(workshop)

    Review.objects.bulk_create(
        Review(
            workshop=workshop,
            date=item.date,
            notes=item.notes,
            snapshot=_translate(item.snapshot, local),
            created_at=item.created_at,
            created_by=by if by is not None and by.is_authenticated else None,
        )
        for item in data.reviews
    )
