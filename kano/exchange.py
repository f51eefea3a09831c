"""The `kano` section of the workshop exchange format.

Shape:

    "kano": {
      "factors": [{"name", "description", "functional_question", "dysfunctional_question",
                   "stages": [{"journey": 0, "phase": 1, "stage": 2}, ...]}, ...],
      "surveys": [{"name", "date", "status", "ask_importance", "attribute_questions",
                   "respondents": [{"id", "attributes", "created", "source",
                                    "answers": [{"factor": 0, "functional": 1,
                                                 "dysfunctional": 4, "importance": 7}]}]}],
      "consensus": [{"factor": 0, "category": "M", "note", "by", "date", "created"}]
    }

Factors are referred to by their index in `factors`. A linked stage is referred to by its
index path in the same file's `journeys` section: journey, phase and stage positions, counted
from 0 in the order the journeys section lists them. Index paths are exact where names are not
(two journeys or stages may share a name) and they survive renaming. The journeys section
loads first (order 10), this one after it (order 20) and re-links the factors.

Survey links and codes are secrets of one installation: an imported round gets new ones.
So are web respondents' tokens: a respondent's `id` is the hash the database keeps, never the
token that lets the respondent change their answers (kano/respondent_keys.py). Files written
before carry a `key` instead of the `id`; they still import, with web tokens hashed.
"""

import datetime
from typing import Annotated, Literal

from django.db import transaction
from pydantic import BaseModel, ConfigDict, Field, model_validator

from workshops.exchange import ExchangeError

from . import respondent_keys
from .codes import new_short_code
from .models import (
    Answer,
    Category,
    ConsensusClassification,
    Factor,
    Respondent,
    RespondentSource,
    Survey,
    SurveyStatus,
)

Text200 = Annotated[str, Field(max_length=200)]


class StageRef(BaseModel):
    model_config = ConfigDict(extra="forbid")
    journey: int = Field(ge=0)
    phase: int = Field(ge=0)
    stage: int = Field(ge=0)


class FactorData(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: str = Field(min_length=1, max_length=200)
    description: str = ""
    functional_question: str = ""
    dysfunctional_question: str = ""
    stages: list[StageRef] = []


class AnswerData(BaseModel):
    model_config = ConfigDict(extra="forbid")
    factor: int = Field(ge=0)
    functional: int = Field(ge=1, le=5)
    dysfunctional: int = Field(ge=1, le=5)
    importance: int | None = Field(None, ge=1, le=9)


class RespondentData(BaseModel):
    model_config = ConfigDict(extra="forbid")
    # Not secret: a web respondent's token never leaves their browser.
    id: str = Field(min_length=1, max_length=200)
    attributes: dict[str, str] = {}
    created: datetime.datetime
    source: Literal[tuple(RespondentSource.values)] = "web"
    answers: list[AnswerData] = []

    @model_validator(mode="before")
    @classmethod
    def key_of_older_files(cls, data):
        # Older files named the respondent by its `key`, a web respondent's secret token.
        if isinstance(data, dict) and "key" in data and "id" not in data:
            data = dict(data)
            key = data.pop("key")
            web = data.get("source", "web") == RespondentSource.WEB
            data["id"] = respondent_keys.public_id(key, web=web) if isinstance(key, str) else key
        return data


class AttributeQuestionData(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: str = Field(min_length=1, max_length=100)
    options: list[Annotated[str, Field(max_length=100)]] = []


class SurveyData(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: str = Field(min_length=1, max_length=200)
    date: datetime.date
    status: Literal[tuple(SurveyStatus.values)] = "closed"
    ask_importance: bool = False
    attribute_questions: list[AttributeQuestionData] = []
    respondents: list[RespondentData] = []


class ConsensusData(BaseModel):
    model_config = ConfigDict(extra="forbid")
    factor: int = Field(ge=0)
    category: Literal[tuple(Category.values)]
    note: str = ""
    by: str = Field("", max_length=150)
    date: datetime.date
    created: datetime.datetime


class KanoData(BaseModel):
    model_config = ConfigDict(extra="forbid")
    factors: list[FactorData] = []
    surveys: list[SurveyData] = []
    consensus: list[ConsensusData] = []

    @model_validator(mode="after")
    def references_are_consistent(self):
        count = len(self.factors)
        names = [f.name.strip().casefold() for f in self.factors]
        if len(set(names)) != len(names):
            raise ValueError("factors: two factors have the same name")
        for s, survey in enumerate(self.surveys):
            keys = set()
            for r, respondent in enumerate(survey.respondents):
                if respondent.id in keys:
                    raise ValueError(
                        f"surveys.{s}.respondents.{r}: the id {respondent.id!r} is repeated"
                    )
                keys.add(respondent.id)
                answered = set()
                for a, answer in enumerate(respondent.answers):
                    where = f"surveys.{s}.respondents.{r}.answers.{a}"
                    if answer.factor >= count:
                        raise ValueError(f"{where}: factor {answer.factor} does not exist")
                    if answer.factor in answered:
                        raise ValueError(f"{where}: factor {answer.factor} is answered twice")
                    answered.add(answer.factor)
        for c, item in enumerate(self.consensus):
            if item.factor >= count:
                raise ValueError(f"consensus.{c}: factor {item.factor} does not exist")
        return self


def _stage_paths(workshop) -> dict:
    """{stage id: StageRef} in the order the journeys section exports them."""
    paths = {}
    for j, journey in enumerate(workshop.journeys.prefetch_related("phases__stages")):
        for p, phase in enumerate(journey.phases.all()):
            for s, stage in enumerate(phase.stages.all()):
                paths[stage.pk] = StageRef(journey=j, phase=p, stage=s)
    return paths


def export_kano(workshop) -> KanoData:
    factors = list(workshop.kano_factors.prefetch_related("stages"))
    index = {factor.pk: i for i, factor in enumerate(factors)}
    paths = _stage_paths(workshop)
    factor_data = [
        FactorData(
            name=factor.name,
            description=factor.description,
            functional_question=factor.functional_question,
            dysfunctional_question=factor.dysfunctional_question,
            stages=sorted(
                (paths[stage.pk] for stage in factor.stages.all() if stage.pk in paths),
                key=lambda ref: (ref.journey, ref.phase, ref.stage),
            ),
        )
        for factor in factors
    ]
    surveys = list(workshop.kano_surveys.order_by("date", "created_at"))
    answers: dict = {}
    for answer in (
        Answer.objects.filter(respondent__survey__workshop=workshop)
        .order_by("respondent_id", "factor__position", "factor__created_at")
        .values_list("respondent_id", "factor_id", "functional", "dysfunctional", "importance")
    ):
        answers.setdefault(answer[0], []).append(
            AnswerData(
                factor=index[answer[1]],
                functional=answer[2],
                dysfunctional=answer[3],
                importance=answer[4],
            )
        )
    respondents: dict = {}
    for respondent in Respondent.objects.filter(survey__workshop=workshop).order_by(
        "created", "key"
    ):
        respondents.setdefault(respondent.survey_id, []).append(
            RespondentData(
                id=respondent_keys.public_id(
                    respondent.key, web=respondent.source == RespondentSource.WEB
                ),
                attributes=respondent.attributes,
                created=respondent.created,
                source=respondent.source,
                answers=answers.get(respondent.pk, []),
            )
        )
    survey_data = [
        SurveyData(
            name=survey.name,
            date=survey.date,
            status=survey.status,
            ask_importance=survey.ask_importance,
            attribute_questions=survey.attribute_questions,
            respondents=respondents.get(survey.pk, []),
        )
        for survey in surveys
    ]
    consensus = [
        ConsensusData(
            factor=index[item.factor_id],
            category=item.category,
            note=item.note,
            by=item.by_name,
            date=item.date,
            created=item.created_at,
        )
        for item in ConsensusClassification.objects.filter(factor__workshop=workshop).order_by(
            "date", "created_at"
        )
    ]
    return KanoData(factors=factor_data, surveys=survey_data, consensus=consensus)


@transaction.atomic
def load_kano(workshop, data: KanoData, by=None):
    stages = {(ref.journey, ref.phase, ref.stage): pk for pk, ref in _stage_paths(workshop).items()}
    factors = Factor.objects.bulk_create(
        Factor(
            workshop=workshop,
            name=item.name,
            description=item.description,
            functional_question=item.functional_question,
            dysfunctional_question=item.dysfunctional_question,
            position=i,
        )
        for i, item in enumerate(data.factors)
    )
    links = []
    for f, (factor, item) in enumerate(zip(factors, data.factors, strict=True)):
        for r, ref in enumerate(item.stages):
            stage_id = stages.get((ref.journey, ref.phase, ref.stage))
            if stage_id is None:
                raise ExchangeError(
                    [
                        f"kano.factors.{f}.stages.{r}: there is no stage {ref.stage} in phase "
                        f"{ref.phase} of journey {ref.journey} in the journeys section"
                    ]
                )
            links.append(Factor.stages.through(factor_id=factor.pk, stage_id=stage_id))
    Factor.stages.through.objects.bulk_create(links, ignore_conflicts=True)

    respondents, answers = [], []
    for item in data.surveys:
        survey = Survey.objects.create(
            workshop=workshop,
            name=item.name,
            date=item.date,
            status=item.status,
            ask_importance=item.ask_importance,
            attribute_questions=[q.model_dump() for q in item.attribute_questions],
            short_code=new_short_code(),
        )
        for respondent_data in item.respondents:
            respondent = Respondent(
                survey=survey,
                key=respondent_data.id,
                attributes=respondent_data.attributes,
                created=respondent_data.created,
                source=respondent_data.source,
            )
            respondents.append(respondent)
            answers.extend(
                Answer(
                    respondent=respondent,
                    factor=factors[answer.factor],
                    functional=answer.functional,
                    dysfunctional=answer.dysfunctional,
                    importance=answer.importance,
                )
                for answer in respondent_data.answers
            )
    Respondent.objects.bulk_create(respondents, batch_size=2000)
    Answer.objects.bulk_create(answers, batch_size=2000)
    ConsensusClassification.objects.bulk_create(
        ConsensusClassification(
            factor=factors[item.factor],
            category=item.category,
            note=item.note,
            by_name=item.by,
            date=item.date,
            created_at=item.created,
        )
        for item in data.consensus
    )
