"""The journey's parts of the report and of the XLSX/CSV export."""

from django.db.models import Prefetch
from django.utils.translation import gettext as _

from workshops import registry
from workshops.exports.tables import Column, Table

from . import method
from .analysis import StagePoint, gap_list
from .charts import emotion_curve_svg
from .models import Action, Stage

MAP_LANES = (
    "doing",
    "thinking",
    "feeling",
    "expectation",
    "touchpoints",
    "target_level",
    "measurement",
    "frontline",
    "classification",
)


def _display(stage, spec):
    value = getattr(stage, spec.name)
    if spec.kind == "choice":
        return getattr(stage, f"get_{spec.name}_display")() if value else ""
    if spec.kind == "bool":
        return _("Yes") if value else _("No")
    if spec.kind == "scale" and value is not None:
        return f"{value:+d}" if spec.low < 0 and value else str(value)
    return value or ""


def _phases(journey):
    return list(
        journey.phases.prefetch_related(
            Prefetch("stages", queryset=Stage.objects.order_by("position")),
            "stages__touchpoints",
            "stages__feedback_plan",
            "stages__actions",
        )
    )


def journey_chapter_context(workshop, options):
    lanes = options.get("lanes") or list(MAP_LANES) + list(registry.map_lanes)
    journeys = []
    for journey in workshop.journeys.all():
        phases = _phases(journey)
        stages = [s for p in phases for s in p.stages.all()]
        points = [
            StagePoint(
                str(s.pk),
                s.name,
                s.phase.name,
                s.importance,
                s.experience_today,
                s.experience_target,
            )
            for s in stages
        ]
        worksheets = []
        for stage in stages:
            sections = {}
            for spec in method.FIELDS:
                value = _display(stage, spec)
                if value != "":
                    label = Stage._meta.get_field(spec.name).verbose_name
                    sections.setdefault(spec.section, []).append((label, value))
            worksheets.append(
                {
                    "stage": stage,
                    "sections": [
                        (name, sections[name]) for name in method.SECTIONS if name in sections
                    ],
                }
            )
        lane_values = [
            (lane, values) for lane, values in registry.lane_values(stages) if lane.key in lanes
        ]
        journeys.append(
            {
                "journey": journey,
                "phases": phases,
                "stages": stages,
                "worksheets": worksheets,
                "map_pages": _map_pages(phases, lane_values),
                "gaps": gap_list(points),
                "curve_svg": emotion_curve_svg(
                    [p.name for p in points],
                    [p.today for p in points],
                    [p.target for p in points],
                    today_label=_("Today"),
                    target_label=_("Target"),
                    later=(options or {}).get("later"),
                ),
            }
        )
    return {"journeys": journeys, "shown": set(lanes)}


MAP_STAGES_PER_PAGE = 6


def _map_pages(phases, lane_values):
    """The map in landscape pages of at most six stages, phase by phase, so that columns stay
    wide enough for long (Finnish) words."""
    pages = []
    for phase in phases:
        stages = list(phase.stages.all())
        for start in range(0, max(len(stages), 1), MAP_STAGES_PER_PAGE):
            chunk = stages[start : start + MAP_STAGES_PER_PAGE]
            if not chunk:
                continue
            pages.append(
                {
                    "phase": phase,
                    "stages": chunk,
                    "continued": start > 0,
                    "extra_lanes": [
                        (lane, [values.get(s.pk, []) for s in chunk])
                        for lane, values in lane_values
                    ],
                }
            )
    return pages


def actions_chapter_context(workshop, options):
    actions = (
        Action.objects.filter(stage__phase__journey__workshop=workshop)
        .select_related("stage__phase__journey")
        .order_by("due_date", "stage__phase__position", "stage__position")
    )
    return {"actions": actions}


def journey_tables(workshop) -> list[Table]:
    stages = (
        Stage.objects.filter(phase__journey__workshop=workshop)
        .select_related("phase__journey")
        .order_by("phase__journey__position", "phase__position", "position")
    )
    stage_columns = [
        Column("journey", _("Journey"), width=24),
        Column("phase", _("Phase")),
        Column("stage", _("Stage"), width=28),
    ]
    for spec in method.FIELDS:
        kind = {"scale": "int", "bool": "bool"}.get(spec.kind, "text")
        stage_columns.append(
            Column(
                spec.name,
                str(Stage._meta.get_field(spec.name).verbose_name),
                kind=kind,
                width=12 if kind != "text" else 30,
            )
        )
    stage_rows = []
    for stage in stages:
        row = {"journey": stage.phase.journey.name, "phase": stage.phase.name, "stage": stage.name}
        for spec in method.FIELDS:
            value = getattr(stage, spec.name)
            row[spec.name] = _display(stage, spec) if spec.kind in ("choice", "bool") else value
        stage_rows.append(row)

    def rows_of(relation, fields):
        rows = []
        for stage in stages.prefetch_related(relation):
            for item in getattr(stage, relation).all():
                row = {"journey": stage.phase.journey.name, "stage": stage.name}
                for name in fields:
                    display = getattr(item, f"get_{name}_display", None)
                    row[name] = display() if display else getattr(item, name)
                rows.append(row)
        return rows

    base = [Column("journey", _("Journey"), width=24), Column("stage", _("Stage"), width=28)]
    return [
        Table("stages", _("Stages"), stage_columns, stage_rows),
        Table(
            "touchpoints",
            _("Touchpoints"),
            base
            + [
                Column("channel", _("Channel")),
                Column("interaction", _("Kind of interaction")),
                Column("frequency", _("Frequency")),
                Column("description", _("Description"), width=40),
                Column("rating", _("Rating"), "int", 8),
            ],
            rows_of(
                "touchpoints", ["channel", "interaction", "frequency", "description", "rating"]
            ),
        ),
        Table(
            "feedback_plan",
            _("Feedback plan"),
            base
            + [
                Column("whom", _("Whom to ask")),
                Column("what", _("What to ask"), width=40),
                Column("channel", _("In which channel")),
                Column("when", _("When")),
            ],
            rows_of("feedback_plan", ["whom", "what", "channel", "when"]),
        ),
        Table(
            "actions",
            _("Actions"),
            base
            + [
                Column("what", _("What"), width=40),
                Column("owner", _("Owner")),
                Column("due_date", _("Due date"), "date", 12),
                Column("status", _("Status"), width=12),
            ],
            rows_of("actions", ["what", "owner", "due_date", "status"]),
        ),
    ]
