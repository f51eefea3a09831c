"""Writes of the follow-up: feedback with its flag, measure values (by hand, imported or
computed from the feedback log), reactions and action status changes."""

import datetime
import uuid
from collections import Counter, defaultdict
from decimal import Decimal

from django.db import connection, transaction
from django.db.models import Count, DateField, OuterRef, Subquery
from django.db.models.functions import Trunc
from django.utils import timezone

from journey.models import Action, Stage
from workshops import autosave
from workshops.history import record_change

from . import flagging, measures
from .kano_link import must_be_factor_ids
from .models import (
    NO_RATING,
    OPEN_FLAGS,
    Feedback,
    FeedbackSource,
    FeedbackTally,
    Measure,
    MeasureValue,
    Source,
)

BULK_BATCH = 2000


def user_label(user) -> str:
    if user is None or not user.is_authenticated:
        return ""
    return (user.get_full_name() or user.get_username())[:150]


def stage_flag_reasons(stage, *, rating, scale, must_be: bool) -> list[str]:
    return flagging.flag_reasons(
        rating=rating,
        scale=scale,
        must_be_factor=must_be,
        critical_stage=stage.criticality == "critical",
        gate_stage=stage.gate_stage,
    )


# --- latest values -----------------------------------------------------------------------------


def with_latest(queryset):
    """Measures annotated with their latest value and its period (two correlated subqueries
    on the (measure, period) unique index, so one query however many measures)."""
    latest = MeasureValue.objects.filter(measure=OuterRef("pk")).order_by("-period_start")
    return queryset.annotate(
        latest_value=Subquery(latest.values("value")[:1]),
        latest_period=Subquery(latest.values("period_start")[:1]),
    )


def measure_status(measure) -> str:
    return measures.status(
        measure.latest_value, measure.target, measure.tolerance, measure.direction
    )


def workshop_measures(workshop):
    return (
        Measure.objects.filter(stage__phase__journey__workshop=workshop)
        .select_related("stage__phase__journey")
        .order_by(
            "stage__phase__journey__position",
            "stage__phase__journey__created_at",
            "stage__phase__position",
            "stage__position",
            "position",
            "created_at",
        )
    )


def workshop_stages(workshop):
    return (
        Stage.objects.filter(phase__journey__workshop=workshop)
        .select_related("phase__journey")
        .order_by(
            "phase__journey__position", "phase__journey__created_at", "phase__position", "position"
        )
    )


# --- computed measures -------------------------------------------------------------------------


def _distributions(stage_ids, period, since=None, until=None) -> dict:
    """{(stage id, period start, scale): {rating: count}} in one GROUP BY query."""
    rows = Feedback.objects.filter(stage_id__in=stage_ids, rating__isnull=False)
    if since is not None:
        rows = rows.filter(date__gte=since)
    if until is not None:
        rows = rows.filter(date__lt=until)
    rows = (
        rows.annotate(bucket=Trunc("date", period, output_field=DateField()))
        .values_list("stage_id", "bucket", "scale", "rating")
        .annotate(n=Count("*"))
        .order_by()
    )
    found: dict = defaultdict(dict)
    for stage_id, bucket, scale, rating, n in rows:
        found[(stage_id, bucket, scale)][rating] = n
    return found


def computed_figure(measure, by_scale: dict) -> tuple[float, int, float | None] | None:
    """(value, ratings used, spread) of a computed measure in one period, or None when the
    period has no ratings the measure can use. `by_scale` is {scale: distribution}."""
    source = measure.source
    if source == Source.FEEDBACK_COMPLAINTS:
        n = sum(measures.count(d) for d in by_scale.values())
        if not n:
            return None
        low = sum(measures.low_count(d, flagging.LOW_UP_TO[scale]) for scale, d in by_scale.items())
        return float(low), n, None
    scale = 10 if source == Source.FEEDBACK_NPS else measure.source_scale
    dist = by_scale.get(scale, {})
    n = measures.count(dist)
    if not n:
        return None
    if source == Source.FEEDBACK_MEAN:
        value = round(measures.mean(dist), 2)
    elif source == Source.FEEDBACK_SHARE:
        level = measure.source_level if measure.source_level is not None else scale - 1
        value = round(measures.share_at_or_above(dist, level), 1)
    elif source == Source.FEEDBACK_NPS:
        value = round(measures.nps(dist), 1)
    else:
        raise ValueError(source)
    return value, n, round(measures.spread(dist), 3)


def refresh_computed(measure_list, *, since=None, until=None):
    """Recompute the values of computed measures from the feedback log, for every period or
    only for the periods between `since` and `until` (dates, inclusive)."""
    computed = [m for m in measure_list if m.is_computed]
    by_period = defaultdict(list)
    for measure in computed:
        by_period[measure.period].append(measure)
    for period, group in by_period.items():
        start = measures.period_start(since, period) if since else None
        end = measures.next_period(measures.period_start(until, period), period) if until else None
        found = _distributions({m.stage_id for m in group}, period, start, end)
        per_stage = defaultdict(lambda: defaultdict(dict))
        for (stage_id, bucket, scale), dist in found.items():
            per_stage[stage_id][bucket][scale] = dist
        new_values = []
        for measure in group:
            for bucket, by_scale in per_stage[measure.stage_id].items():
                figure = computed_figure(measure, by_scale)
                if figure is None:
                    continue
                value, n, spread = figure
                new_values.append(
                    MeasureValue(
                        measure=measure,
                        period_start=bucket,
                        value=Decimal(str(value)),
                        sample_size=n,
                        spread=None if spread is None else Decimal(str(spread)),
                    )
                )
        old = MeasureValue.objects.filter(measure__in=group)
        if start is not None:
            old = old.filter(period_start__gte=start)
        if end is not None:
            old = old.filter(period_start__lt=end)
        old.delete()
        MeasureValue.objects.bulk_create(new_values, batch_size=BULK_BATCH)


def refresh_for_stages(stage_ids, *, since=None, until=None):
    group = list(Measure.objects.filter(stage_id__in=stage_ids).exclude(source=Source.MANUAL))
    if group:
        refresh_computed(group, since=since, until=until)


# --- feedback ----------------------------------------------------------------------------------


def add_to_tally(counts: dict, sign: int = 1):
    """Add {(stage id, scale, rating or None): how many} to the tallies (or take it away)."""
    if not counts:
        return
    keys = {(stage_id, scale, NO_RATING if rating is None else rating): n
            for (stage_id, scale, rating), n in counts.items()}  # fmt: skip
    existing = {
        (t.stage_id, t.scale, t.rating): t
        for t in FeedbackTally.objects.select_for_update().filter(
            stage_id__in={key[0] for key in keys}
        )
    }
    changed, new = [], []
    for key, n in keys.items():
        tally = existing.get(key)
        if tally is None:
            if sign > 0:
                new.append(FeedbackTally(stage_id=key[0], scale=key[1], rating=key[2], count=n))
        else:
            tally.count = max(tally.count + sign * n, 0)
            changed.append(tally)
    FeedbackTally.objects.bulk_update(changed, ["count"], batch_size=BULK_BATCH)
    FeedbackTally.objects.bulk_create(new, batch_size=BULK_BATCH)


def count_saved_feedback(sender, instance, created, raw=False, **kwargs):
    """post_save receiver: every new record saved through the ORM counts in its tally (bulk
    writes add their counts themselves). Deletes are not followed by a signal, so deleting a
    workshop stays one SQL DELETE; delete_feedback takes the record off its tally."""
    if created and not raw:
        counts = {(instance.stage_id, instance.scale, instance.rating): 1}
        if instance.open_flag:
            counts[(instance.stage_id, 0, OPEN_FLAGS)] = 1
        add_to_tally(counts)


def rebuild_tallies(workshop):
    """Count the tallies of a workshop again from its feedback (after a bulk load)."""
    FeedbackTally.objects.filter(stage__phase__journey__workshop=workshop).delete()
    feedback = Feedback.objects.filter(workshop=workshop)
    rows = list(
        feedback.values_list("stage_id", "scale", "rating").annotate(n=Count("*")).order_by()
    )
    rows += [
        (stage_id, 0, OPEN_FLAGS, n)
        for stage_id, n in feedback.filter(flagged=True, reacted_at__isnull=True)
        .values_list("stage_id")
        .annotate(n=Count("*"))
        .order_by()
    ]
    FeedbackTally.objects.bulk_create(
        FeedbackTally(
            stage_id=stage_id,
            scale=scale,
            rating=NO_RATING if rating is None else rating,
            count=n,
        )
        for stage_id, scale, rating, n in rows
    )


def create_feedback(*, stage, by=None, source=FeedbackSource.MANUAL, link=None, **fields):
    """Save one feedback record with its flag, and update the computed measures of its
    stage for its period."""
    factor = fields.get("kano_factor")
    must_be = factor is not None and factor.pk in must_be_factor_ids([factor.pk])
    reasons = stage_flag_reasons(
        stage, rating=fields.get("rating"), scale=fields.get("scale", 5), must_be=must_be
    )
    with transaction.atomic():
        feedback = Feedback.objects.create(
            workshop_id=stage.phase.journey.workshop_id,
            stage=stage,
            flagged=bool(reasons),
            source=source,
            link=link,
            created_by=by if by is not None and by.is_authenticated else None,
            **fields,
        )
        refresh_for_stages([stage.pk], since=feedback.date, until=feedback.date)
    return feedback


def import_feedback(*, workshop, rows, by=None) -> int:
    """Write validated rows (importing.FeedbackRow) in one transaction.

    A survey export can hold hundreds of thousands of rows, so the rows go to the database
    with one prepared INSERT run many times (executemany), without a model instance per row.
    Values are converted by their model fields, as the ORM does it (UUIDs, dates and JSON
    differ between SQLite and PostgreSQL); texts and numbers go as they are.
    """
    stages = {str(s.pk): s for s in Stage.objects.filter(phase__journey__workshop=workshop)}
    must_be = {str(f) for f in must_be_factor_ids({r.factor_id for r in rows if r.factor_id})}
    creator = by.pk if by is not None and by.is_authenticated else None
    constant = {
        "workshop": workshop.pk,
        "touchpoint": None,
        "reaction_note": "",
        "reacted_by": None,
        "reacted_by_name": "",
        "reacted_at": None,
        "source": FeedbackSource.IMPORT,
        "link": None,
        "created_at": timezone.now(),
        "created_by": creator,
    }
    varying = (
        "id", "date", "stage", "kano_factor", "tags", "flagged",  # converted by their fields
        "channel", "customer", "rating", "scale", "text",  # plain values
    )  # fmt: skip
    prepare = _Preparer(Feedback)
    fixed = [prepare.value(name, value) for name, value in constant.items()]
    # What UUIDField.get_db_prep_value does, without its lookups for every row.
    native_uuid = connection.features.has_native_uuid_field
    records = []
    counts: Counter = Counter()
    flags: dict = {}
    for row in rows:
        stage = stages[row.stage_id]
        key = (row.stage_id, row.rating, row.scale, row.factor_id in must_be)
        flagged = flags.get(key)
        if flagged is None:
            flagged = flags[key] = bool(
                stage_flag_reasons(stage, rating=row.rating, scale=row.scale, must_be=key[3])
            )
        new_id = uuid.uuid4()
        records.append(
            (
                new_id if native_uuid else new_id.hex,
                prepare.value("date", row.date),
                prepare.value("stage", stage.pk),
                prepare.value("kano_factor", row.factor_id),
                prepare.value("tags", tuple(row.tags)),
                prepare.value("flagged", flagged),
                row.channel,
                row.customer,
                row.rating,
                row.scale,
                row.text,
                *fixed,
            )
        )
        counts[(stage.pk, row.scale, row.rating)] += 1
        if flagged:
            counts[(stage.pk, 0, OPEN_FLAGS)] += 1
    with transaction.atomic():
        prepare.insert_many([*varying, *constant], records)
        add_to_tally(counts)
        refresh_for_stages({r.stage_id for r in rows})
    return len(records)


class _Preparer:
    """Database values of one model's fields, converted by the fields themselves; a value
    seen before is converted once."""

    def __init__(self, model):
        self.model = model
        self.fields = {f.name: f for f in model._meta.concrete_fields}
        self.cache: dict = {}

    def value(self, name, value):
        key = (name, value)
        found = self.cache.get(key)
        if found is None:
            raw = list(value) if isinstance(value, tuple) else value
            found = self.cache[key] = self.fields[name].get_db_prep_save(raw, connection)
        return found

    def insert_many(self, names, records, batch=5000):
        quote = connection.ops.quote_name
        columns = ", ".join(quote(self.fields[name].column) for name in names)
        marks = ", ".join(["%s"] * len(names))
        sql = f"INSERT INTO {quote(self.model._meta.db_table)} ({columns}) VALUES ({marks})"
        with connection.cursor() as cursor:
            for start in range(0, len(records), batch):
                cursor.executemany(sql, records[start : start + batch])


def delete_feedback(*, feedback):
    with transaction.atomic():
        stage_id, day = feedback.stage_id, feedback.date
        counts = {(stage_id, feedback.scale, feedback.rating): 1}
        if feedback.open_flag:
            counts[(stage_id, 0, OPEN_FLAGS)] = 1
        feedback.delete()
        add_to_tally(counts, sign=-1)
        refresh_for_stages([stage_id], since=day, until=day)


def react(*, feedback, note: str, by):
    """Write down what was done about a flagged record; it leaves the top of the dashboard."""
    with transaction.atomic():
        old = feedback.reaction_note
        if feedback.open_flag:
            add_to_tally({(feedback.stage_id, 0, OPEN_FLAGS): 1}, sign=-1)
        Feedback.objects.filter(pk=feedback.pk).update(
            reaction_note=note,
            reacted_by=by,
            reacted_by_name=user_label(by),
            reacted_at=timezone.now(),
        )
        record_change(
            workshop_id=feedback.workshop_id,
            stage_id=feedback.stage_id,
            target=feedback,
            field="reaction_note",
            old=old,
            new=note,
            by=by,
        )


# --- measure values ----------------------------------------------------------------------------


def value_text(value) -> str:
    return measures.number_text(value)


def cell_version(value) -> str:
    """The version of a grid cell: a hash of the value the person started from."""
    return autosave.value_version(value_text(value))


def save_cell(*, measure, period_start, value, base_version, by, force=False):
    """Set (or clear, with value None) one value unless it changed since the person saw it.

    Returns (True, stored value) when saved, (False, the other person's value) on a conflict.
    `force` is the person's choice to replace the other value they were shown.
    """
    new_text = value_text(value)
    with transaction.atomic():
        current = (
            MeasureValue.objects.select_for_update()
            .filter(measure=measure, period_start=period_start)
            .first()
        )
        current_value = current.value if current else None
        current_text = value_text(current_value)
        decision = autosave.decide(current_text, new_text, base_version, force=force)
        if decision == autosave.SAME:
            return True, current_value
        if decision == autosave.CONFLICT:
            return False, current_value
        if value is None:
            current.delete()
        elif current is None:
            MeasureValue.objects.create(
                measure=measure, period_start=period_start, value=value, updated_by=by
            )
        else:
            MeasureValue.objects.filter(pk=current.pk).update(
                value=value, updated_by=by, updated_at=timezone.now()
            )
        label = measures.period_label(period_start, measure.period)
        record_change(
            workshop_id=measure.stage.phase.journey.workshop_id,
            stage_id=measure.stage_id,
            target=measure,
            field=f"value {label}"[:60],
            old=current_text,
            new=new_text,
            by=by,
        )
    return True, value


def import_values(*, rows, by=None) -> int:
    """Write validated rows (importing.ValueRow) in one transaction; an existing value of the
    same measure and period is replaced."""
    now = timezone.now()
    user = by if by is not None and by.is_authenticated else None
    records = [
        MeasureValue(
            measure_id=row.measure_id,
            period_start=row.period_start,
            value=row.value,
            updated_by=user,
            updated_at=now,
        )
        for row in rows
    ]
    with transaction.atomic():
        MeasureValue.objects.bulk_create(
            records,
            batch_size=BULK_BATCH,
            update_conflicts=True,
            unique_fields=["measure", "period_start"],
            update_fields=["value", "updated_by", "updated_at"],
        )
    return len(records)


def measures_from_worksheets(*, workshop) -> tuple[list, list]:
    """A measure for every stage whose worksheet names a measurement but has no measure yet;
    the target comes from the worksheet's target value. Returns (created, skipped stages)."""
    created, skipped = [], []
    stages = workshop_stages(workshop).exclude(metric="").filter(measures__isnull=True)
    with transaction.atomic():
        for stage in stages:
            target, unit = measures.parse_target(stage.metric_target)
            if target is None:
                skipped.append(stage)
                continue
            measure = Measure.objects.create(
                stage=stage, name=stage.metric[:200], target=target, unit=unit
            )
            created.append(measure)
    return created, skipped


def next_measure_position(stage) -> int:
    last = Measure.objects.filter(stage=stage).order_by("-position").first()
    return (last.position + 1) if last else 0


# --- actions -----------------------------------------------------------------------------------


def set_action_status(*, action, status: str, base_version: str, by) -> bool:
    """Change an action's status from the board unless someone changed the action since the
    board was loaded (`base_version` is the row's `edit_version`); kept in the history."""
    with transaction.atomic():
        stored = Action.objects.select_for_update().get(pk=action.pk)
        if stored.status == status:
            return True
        if stored.edit_version != base_version:
            return False
        Action.objects.filter(pk=stored.pk).update(status=status)
        record_change(
            workshop_id=action.stage.phase.journey.workshop_id,
            stage_id=stored.stage_id,
            target=stored,
            field="status",
            old=stored.status,
            new=status,
            by=by,
        )
    action.status = status
    return True


def today() -> datetime.date:
    return timezone.localdate()
