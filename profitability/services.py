"""Writes of the profitability module: import a model, re-run it, keep its results.

Everything is parsed and validated before anything is written; the writes of one import or
re-analysis happen in one ``transaction.atomic()``, and the Parquet folder of a failed
import is removed, so a bad file leaves no rows and no files behind.
"""

from __future__ import annotations

import dataclasses
import io
import itertools
import math
import shutil
import tempfile
import uuid
import zipfile
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import polars as pl
from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections, models, transaction
from django.utils import timezone

from workshops import filereader
from workshops.language import method_language
from workshops.uploads import max_rows, upload_limit

from .engine import (
    COST_GROUPS,
    FILE_NAMES,
    PROPORTIONAL_DRIVERS,
    InputError,
    Model,
    ModelError,
    ProfitabilityResult,
    analyze,
    load_files,
    replace_settings,
)
from .engine.reading import canonical_name, reader_message
from .method import action_text
from .models import (
    ActivitySetting,
    CustomerResult,
    GroupAction,
    ModelStatus,
    ProfitabilityModel,
    SettingKind,
)
from .signals import results_stored

BATCH_SIZE = 2000
STORE = "profitability"

# A ZIP of a model folder: limits checked on its directory before anything is extracted.
ZIP_LIMITS = filereader.ZipLimits(
    max_members=1_000, max_uncompressed=2_000_000_000, max_ratio=200, ratio_from_bytes=10_000_000
)
MODEL_EXTENSIONS = (".csv", ".xlsx", ".txt")


@dataclass(frozen=True)
class UploadedFile:
    """One model file: its name as uploaded, and its bytes or the path it was spooled to."""

    name: str
    content: bytes | Path


# --- reading uploads --------------------------------------------------------------------------


def upload_content(upload) -> bytes | Path:
    """A Django upload's bytes, or its temporary file when Django spooled it to disk."""
    path = getattr(upload, "temporary_file_path", None)
    if path is not None:
        return Path(path())
    upload.seek(0)
    return upload.read()


def _archive_error(filename: str, message: str) -> ModelError:
    return ModelError([InputError(filename, None, None, message)])


@contextmanager
def files_from_zip(filename: str, content: bytes | Path) -> Iterator[dict[str, UploadedFile]]:
    """The model files of a ZIP of a model folder, extracted to a temporary folder.

    Members are matched by their base name (``customers.csv``, ``asiakkaat.xlsx``, in any
    sub-folder); nothing is written under a member's own path. A ZIP whose directory
    promises too many parts, too many bytes or too high a compression ratio is refused
    before anything is extracted (a zip bomb); Python's zipfile stops reading a member at
    its declared size, so a lying directory cannot write more than that.
    """
    try:
        limits = dataclasses.replace(
            ZIP_LIMITS, max_uncompressed=upload_limit("profitability_zip")["unpacked_bytes"]
        )
        infos = filereader.check_zip(content, limits)
    except filereader.FileRefused as refused:
        raise _archive_error(filename, reader_message(refused)) from None
    source = content if isinstance(content, Path) else io.BytesIO(content)
    archive = zipfile.ZipFile(source)
    with archive, tempfile.TemporaryDirectory(prefix="profitability-zip-") as scratch:
        aliases = {alias: name for name, names in FILE_NAMES.items() for alias in names}
        found: dict[str, UploadedFile] = {}
        errors = []
        for info in infos:
            base = info.filename.replace("\\", "/").rsplit("/", 1)[-1]
            stem, dot, extension = base.rpartition(".")
            if not dot or f".{extension.lower()}" not in MODEL_EXTENSIONS or base.startswith("."):
                continue
            name = aliases.get(canonical_name(stem))
            if name is None:
                continue
            if name in found:
                errors.append(
                    InputError(base, None, None, f"{found[name].name} is already the {name} file")
                )
                continue
            target = Path(scratch) / f"{name}.{extension.lower()}"
            try:
                with archive.open(info) as member, target.open("wb") as out:
                    shutil.copyfileobj(member, out, 1 << 20)
            # A damaged member (BadZipFile: bad CRC), a full disk (OSError), an encrypted one
            # (RuntimeError: password required), an unknown compression (NotImplementedError):
            # each is the uploader's file, told by name, not a server error.
            except (zipfile.BadZipFile, OSError, RuntimeError, NotImplementedError) as error:
                raise _archive_error(filename, f"cannot read {base}: {error}") from None
            found[name] = UploadedFile(base, target)
        if errors:
            raise ModelError(errors)
        if not found:
            raise _archive_error(
                filename, "the ZIP holds no model files (customers, order_lines, activities, ...)"
            )
        yield found


def load_uploaded(files: Mapping[str, UploadedFile]) -> Model:
    """Parse and validate uploaded model files (a ModelError lists every problem)."""
    return load_files(
        {name: (item.name, item.content) for name, item in files.items()},
        max_rows=max_rows("profitability_file"),
    )


# --- settings rows <-> engine tables ---------------------------------------------------------


def _plain(value: float | None) -> str | None:
    """A float as plain decimal text (no exponent), exactly as the engine parsed it."""
    if value is None:
        return None
    return format(Decimal(repr(float(value))), "f")


def _cents_text(cents: int | None) -> str | None:
    return None if cents is None else format(Decimal(int(cents)).scaleb(-2), "f")


def _text(value) -> str | None:
    return value if value not in (None, "") else None


def settings_from_model(model: Model) -> list[ActivitySetting]:
    """ActivitySetting rows (unsaved) for a loaded model's activities and resources."""
    rows = []
    for position, item in enumerate(model.activities.iter_rows(named=True), start=1):
        rows.append(
            ActivitySetting(
                kind=SettingKind.ACTIVITY,
                position=position,
                name=item["activity"],
                cost_group=item["cost_group"] or "",
                driver=item["driver"] or "",
                cost=item["cost"],
                capacity=item["capacity"],
                rate=item["rate"] or "",
                resource=item["resource"] or "",
                unit_time=item["unit_time"],
                unallocated=item["kind"] == "unallocated",
            )
        )
    for position, item in enumerate(model.resources.iter_rows(named=True), start=1):
        rows.append(
            ActivitySetting(
                kind=SettingKind.RESOURCE,
                position=position,
                name=item["resource"],
                cost=item["cost"],
                practical_capacity=item["practical_capacity"],
                rate_per_minute=item["rate_per_minute"] or "",
            )
        )
    return rows


def activity_row(setting: ActivitySetting) -> dict:
    """A setting as a row of the activities file (text cells, as the engine reads files)."""
    return {
        "activity": setting.name,
        "cost_group": _text(setting.cost_group),
        "driver": _text(setting.driver),
        "cost": _cents_text(setting.cost),
        "capacity": _plain(setting.capacity),
        "rate": _text(setting.rate),
        "resource": _text(setting.resource),
        "unit_time": _plain(setting.unit_time),
        "unallocated": "yes" if setting.unallocated else None,
    }


def resource_row(setting: ActivitySetting) -> dict:
    return {
        "resource": setting.name,
        "cost": _cents_text(setting.cost),
        "practical_capacity": _plain(setting.practical_capacity),
        "rate_per_minute": _text(setting.rate_per_minute),
    }


def apply_settings(model: Model, rows: list[ActivitySetting]) -> Model:
    """The model with the activities and resources of ``rows`` (ModelError when invalid).

    Errors name the table ``activities`` or ``resources`` and the row as shown in the UI
    (the first row is 2, as in a file).
    """
    activities = [activity_row(s) for s in rows if s.kind == SettingKind.ACTIVITY]
    resources = [resource_row(s) for s in rows if s.kind == SettingKind.RESOURCE]
    if not activities:
        raise ModelError([InputError("activities", None, None, "add at least one activity")])
    return replace_settings(model, activities=activities, resources=resources)


def ordered_settings(pm: ProfitabilityModel) -> list[ActivitySetting]:
    return list(pm.settings.order_by("kind", "position"))


# --- storing a result ------------------------------------------------------------------------


def summary_fields(result: ProfitabilityResult) -> dict:
    """The JSON summaries of a result, amounts in integer cents."""
    whale = result.whale_curve.model_dump()
    whale["points"] = [list(point) for point in whale["points"]]
    return {
        "totals": result.totals.model_dump(),
        "whale_curve": whale,
        "group_summary": _frame_rows(result.groups),
        "segment_summary": None if result.segments is None else _frame_rows(result.segments),
        "activity_summary": _frame_rows(result.activities.drop("row")),
        "unused_capacity": [item.model_dump() for item in result.unused_capacity],
        "unallocated": [item.model_dump() for item in result.unallocated],
        "warnings": list(result.warnings),
    }


def _frame_rows(frame: pl.DataFrame) -> list[dict]:
    rows = frame.to_dicts()
    for row in rows:
        for key, value in row.items():
            if isinstance(value, float) and not math.isfinite(value):  # NaN and inf are not JSON
                row[key] = None
    return rows


CUSTOMER_COLUMNS = (
    "customer_id",
    "name",
    "segment",
    "revenue",
    "cogs",
    "gross_margin",
    "cost_product",
    "cost_order",
    "cost_customer",
    "cost_overhead",
    "cost_to_serve",
    "profit",
    "profit_pct",
    "cost_to_serve_pct",
    "volume",
    "orders",
    "lines",
    "rank",
    "group",
    "quadrant",
    "activity_costs",
    "drivers",
    "attributes",
)
# The customers file's columns that are not attributes: they have their own fields.
IDENTITY_COLUMNS = ("customer_id", "name", "segment")


def customer_frame(result: ProfitabilityResult, customers: pl.DataFrame | None = None):
    """A result's customers with CustomerResult's columns (``CUSTOMER_COLUMNS``), in rank
    order; activity_costs, drivers and attributes are structs (dicts per row).

    ``customers`` is the model's customers frame: its columns other than customer_id, name
    and segment become each customer's ``attributes`` (text, as in the file)."""
    driver_columns = [name for name in result.drivers.columns if name != "customer_id"]
    frame = result.customers
    extra = [] if customers is None else [c for c in customers.columns if c not in IDENTITY_COLUMNS]
    if extra:
        attributes = customers.select(
            "customer_id", pl.struct(pl.col(extra).cast(pl.String)).alias("attributes")
        )
        frame = frame.join(attributes, on="customer_id", how="left", maintain_order="left")
    else:
        frame = frame.with_columns(attributes=pl.lit(None))
    if driver_columns:
        drivers = result.drivers.select("customer_id", pl.struct(driver_columns).alias("drivers"))
        frame = frame.join(drivers, on="customer_id", how="left", maintain_order="left")
    else:
        frame = frame.with_columns(drivers=pl.lit(None))
    if "activity_costs" not in frame.columns:
        frame = frame.with_columns(activity_costs=pl.lit(None))
    if "segment" not in frame.columns:
        frame = frame.with_columns(segment=pl.lit(None, dtype=pl.String))
    return frame.with_columns(
        pl.col("name", "segment", "quadrant").fill_null(""),
        pl.col("volume").fill_null(0.0),
        cost_to_serve=pl.col("activity_costs_total"),
        lines=pl.col("order_lines"),
    ).select(CUSTOMER_COLUMNS)


def insert_rows(model_class, *, fixed: dict, columns: tuple[str, ...], rows: Iterable) -> int:
    """INSERT plain rows (sequences in ``columns`` order) with executemany, new UUID keys.

    ``bulk_create`` spends about 10 s of Python per 50,000 customers compiling the SQL
    object by object; here only the columns that need it (UUIDs, JSON, foreign keys) go
    through their field's own ``get_db_prep_save``, so the SQL stays right for SQLite and
    PostgreSQL. JSON None becomes {}. Runs inside the caller's transaction.
    """
    meta = model_class._meta
    db = connections[DEFAULT_DB_ALIAS]  # the real connection: the proxy costs per attribute
    ops = db.ops
    pk = meta.pk
    fixed_fields = [meta.get_field(name) for name in fixed]
    fields = [meta.get_field(name) for name in columns]
    special = (models.JSONField, models.UUIDField, models.ForeignKey)
    converters = [field if isinstance(field, special) else None for field in fields]
    fixed_values = [
        field.get_db_prep_save(value, db)
        for field, value in zip(fixed_fields, fixed.values(), strict=True)
    ]
    names = ", ".join(ops.quote_name(f.column) for f in [pk, *fixed_fields, *fields])
    marks = ", ".join(["%s"] * (1 + len(fixed_fields) + len(fields)))
    sql = f"INSERT INTO {ops.quote_name(meta.db_table)} ({names}) VALUES ({marks})"

    def prepared():
        for row in rows:
            values = [pk.get_db_prep_save(uuid.uuid4(), db), *fixed_values]
            for value, field in zip(row, converters, strict=True):
                if field is None:
                    values.append(value)
                elif isinstance(field, models.JSONField):
                    values.append(field.get_db_prep_save({} if value is None else value, db))
                else:
                    values.append(field.get_db_prep_save(value, db))
            yield values

    count = 0
    source = prepared()
    with db.cursor() as cursor:
        while batch := list(itertools.islice(source, BATCH_SIZE)):
            cursor.executemany(sql, batch)
            count += len(batch)
    return count


def insert_customer_results(pm: ProfitabilityModel, rows: Iterable) -> int:
    """Store customer rows (sequences in ``CUSTOMER_COLUMNS`` order) for ``pm``."""
    return insert_rows(CustomerResult, fixed={"model": pm.pk}, columns=CUSTOMER_COLUMNS, rows=rows)


def _store_result(
    pm: ProfitabilityModel, result: ProfitabilityResult, language: str, model: Model
) -> None:
    """Write a result's summaries, customer rows and group actions (inside a transaction),
    then tell the listeners of ``results_stored`` (the segments' measured scores)."""
    for key, value in summary_fields(result).items():
        setattr(pm, key, value)
    pm.analysed_at = timezone.now()
    pm.status = ModelStatus.READY
    pm.error_text = ""
    pm.save()
    CustomerResult.objects.filter(model=pm).delete()
    insert_customer_results(pm, customer_frame(result, model.customers).iter_rows())
    existing = {action.group: action for action in GroupAction.objects.filter(model=pm)}
    suggested = {row["group"]: row["action"] for row in result.groups.iter_rows(named=True)}
    GroupAction.objects.filter(model=pm).exclude(group__in=list(suggested)).delete()
    new = []
    for group, action in suggested.items():
        current = existing.get(group)
        if current is None:
            new.append(
                GroupAction(
                    model=pm, group=group, action=action, text=action_text(action, language)
                )
            )
        elif current.action != action:
            # The consultant's own words stay; only an untouched default follows the method.
            current.action = action
            if not current.edited:
                current.text = action_text(action, language)
            current.version += 1
            current.save(update_fields=["action", "text", "version"])
    GroupAction.objects.bulk_create(new)
    results_stored.send(sender=ProfitabilityModel, model=pm)


def model_dir(model_id: uuid.UUID) -> str:
    return f"{STORE}/{model_id}"


def import_model(
    *,
    workshop,
    files: Mapping[str, UploadedFile],
    by,
    groups: int = 10,
    name: str = "",
) -> ProfitabilityModel:
    """Parse, validate, analyse and store an uploaded model; all or nothing.

    ``files``: logical name (customers, order_lines, activities, resources,
    customer_drivers) -> UploadedFile. Raises ModelError (every problem, naming file, row
    and column) before anything is written; the order lines go to Parquet, the results to
    the database in one transaction, and the Parquet folder is removed if that fails.
    """
    model = load_uploaded(files)
    result = analyze(model, groups=groups)
    model_id = uuid.uuid4()
    relative = model_dir(model_id)
    folder = Path(settings.MEDIA_ROOT) / relative
    try:
        model.write_parquet(folder)
        with transaction.atomic():
            pm = ProfitabilityModel(
                id=model_id,
                workshop=workshop,
                name=name or _default_name(files),
                created_by=by if by is not None and by.is_authenticated else None,
                groups=groups,
                parquet_dir=relative,
                files={key: item.name for key, item in files.items()},
            )
            pm.save(force_insert=True)
            settings_rows = settings_from_model(model)
            for row in settings_rows:
                row.model = pm
            ActivitySetting.objects.bulk_create(settings_rows)
            _store_result(pm, result, method_language(workshop), model)
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    return pm


def _default_name(files: Mapping[str, UploadedFile]) -> str:
    source = files.get("order_lines") or next(iter(files.values()))
    return f"{source.name} {timezone.localtime():%Y-%m-%d %H:%M}"


def load_stored_model(pm: ProfitabilityModel, rows: list[ActivitySetting] | None = None) -> Model:
    """The model's Parquet frames with its (edited) activities and resources applied."""
    if not pm.has_order_lines:
        raise ModelError(
            [
                InputError(
                    "order_lines",
                    None,
                    None,
                    "this model has no order lines (it was imported without them); "
                    "upload the files again to re-run it",
                )
            ]
        )
    base = Model.read_parquet(pm.parquet_path)
    return apply_settings(base, ordered_settings(pm) if rows is None else rows)


def rerun_analysis(
    *,
    pm: ProfitabilityModel,
    rows: list[ActivitySetting] | None = None,
    groups: int | None = None,
    write: Callable[[], None] | None = None,
) -> ProfitabilityResult:
    """Analyse the stored model again and replace its results; all or nothing.

    ``rows`` are the activities and resources to use (the stored settings when None); an
    edit passes the rows as they will be, and ``write`` saves that edit in the same
    transaction as the new results. A ModelError leaves everything as it was.
    """
    model = load_stored_model(pm, rows)
    groups = groups or pm.groups
    result = analyze(model, groups=groups)
    with transaction.atomic():
        if write is not None:
            write()
        pm.groups = groups
        _store_result(pm, result, method_language(pm.workshop), model)
    return result


def delete_model(pm: ProfitabilityModel) -> None:
    """Delete a model; its Parquet folder goes after the commit (profitability.signals)."""
    pm.delete()


# --- reading results for pages -----------------------------------------------------------------


def breakdown(customer: CustomerResult) -> list[dict]:
    """A customer's cost per activity with its driver and the customer's quantity of it."""
    lines = []
    activities = customer.model.activity_summary
    for item in activities:
        name = item["activity"]
        if name not in customer.activity_costs:
            continue
        terms = [] if not item["driver"] else item["driver"].split(" + ")
        quantity = sum(
            float(customer.drivers.get(term) or 0) / (100 if term in PROPORTIONAL_DRIVERS else 1)
            for term in terms
        )
        lines.append(
            {
                "activity": name,
                "kind": item["kind"],
                "cost_group": item["cost_group"],
                "driver": item["driver"] or "",
                "quantity": quantity,
                "rate": item["rate"],
                "cost": int(customer.activity_costs[name]),
            }
        )
    return lines


def cost_group_totals(customer: CustomerResult) -> list[tuple[str, int]]:
    return [(group, getattr(customer, f"cost_{group}")) for group in COST_GROUPS]
