"""Reading and validating a model folder (or uploaded files) into a ``Model``.

Every file is checked before anything is returned: a ``ModelError`` lists all the problems
found, each naming file, spreadsheet row (header = row 1) and column.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from pathlib import Path

import polars as pl

from .errors import InputError, ModelError
from .model import (
    ACTIVITY_SCHEMA,
    COST_GROUPS,
    CUSTOMER_DRIVER_SCHEMA,
    ORDER_LINE_DRIVERS,
    RESOURCE_SCHEMA,
    Model,
)
from .numbers import cents_from_text, normalise_numbers
from .reading import ROW, RawTable, canonical_driver, canonical_header, canonical_name, read_table

FILE_NAMES = {
    "customers": ("customers", "asiakkaat"),
    "order_lines": ("order_lines", "orderlines", "tilausrivit"),
    "activities": ("activities", "aktiviteetit", "toiminnot"),
    "resources": ("resources", "resurssit"),
    "customer_drivers": ("customer_drivers", "asiakasajurit"),
}
REQUIRED_FILES = ("customers", "order_lines", "activities")
EXTENSIONS = (".csv", ".xlsx", ".txt")

COST_GROUP_NAMES = {
    "product": "product",
    "products": "product",
    "tuote": "product",
    "tuotekustannus": "product",
    "tuotekustannukset": "product",
    "order": "order",
    "orders": "order",
    "tilaus": "order",
    "tilauskustannus": "order",
    "tilauskustannukset": "order",
    "customer": "customer",
    "customers": "customer",
    "asiakas": "customer",
    "asiakaskustannus": "customer",
    "asiakaskustannukset": "customer",
    "overhead": "overhead",
    "overheads": "overhead",
    "yleis": "overhead",
    "yleiskustannus": "overhead",
    "yleiskustannukset": "overhead",
}
YES = {"yes", "y", "true", "1", "x", "kylla", "k"}
NO = {"no", "n", "false", "0", "ei", "e"}

# Rows listed one by one per problem; the rest are counted in one more message.
ROWS_PER_PROBLEM = 10


def find_model_files(folder: str | Path) -> dict[str, Path]:
    """The model's files in a folder, by logical name (``customers.csv``, ``asiakkaat.xlsx``)."""
    folder = Path(folder)
    if not folder.is_dir():
        raise ModelError([InputError(str(folder), None, None, "the model folder does not exist")])
    aliases = {alias: name for name, names in FILE_NAMES.items() for alias in names}
    found: dict[str, Path] = {}
    errors = []
    for path in sorted(folder.iterdir()):
        if path.suffix.lower() not in EXTENSIONS or not path.is_file():
            continue
        name = aliases.get(canonical_name(path.stem))
        if name is None:
            continue
        if name in found:
            errors.append(
                InputError(path.name, None, None, f"{found[name].name} is already the {name} file")
            )
            continue
        found[name] = path
    for name in REQUIRED_FILES:
        if name not in found:
            errors.append(
                InputError(f"{name}.csv", None, None, "the file is missing from the model folder")
            )
    if errors:
        raise ModelError(errors)
    return found


def load_folder(folder: str | Path) -> Model:
    """Read and validate a model folder of CSV/XLSX files."""
    paths = find_model_files(folder)
    return _load({name: (path.name, None, path) for name, path in paths.items()})


def load_files(
    files: Mapping[str, tuple[str, bytes | Path]], *, max_rows: int | None = None
) -> Model:
    """Read and validate uploaded files: ``{"customers": ("asiakkaat.csv", b"..."), ...}``.

    The content may also be a ``Path`` (an upload already spooled to disk): the file is then
    read from there, and messages still name the file as uploaded. A file with more than
    ``max_rows`` data rows is refused.
    """
    return _load(
        {
            name: (filename, None, content)
            if isinstance(content, Path)
            else (filename, content, None)
            for name, (filename, content) in files.items()
        },
        max_rows=max_rows,
    )


def _load(
    files: Mapping[str, tuple[str, bytes | None, Path | None]], *, max_rows: int | None = None
) -> Model:
    errors: list[InputError] = []
    tables: dict[str, RawTable] = {}
    for name in REQUIRED_FILES:
        if name not in files:
            errors.append(InputError(f"{name}.csv", None, None, "the file is missing"))
    for name, (filename, data, path) in files.items():
        if name not in FILE_NAMES:
            raise ValueError(f"unknown model file {name!r}; use one of {', '.join(FILE_NAMES)}")
        try:
            tables[name] = read_table(filename, data, path=path, max_rows=max_rows)
        except ModelError as error:
            errors.extend(error.errors)
    if errors:
        raise ModelError(errors)
    return build_model(tables)


def load_tables(tables: Mapping[str, pl.DataFrame | list[dict]]) -> Model:
    """Validate frames or rows entered by hand (the web forms) exactly like uploaded files.

    Column names may be English or Finnish; cells may be text or numbers.
    """
    return build_model(_raw_tables(tables))


def _raw_tables(tables: Mapping[str, pl.DataFrame | list[dict]]) -> dict[str, RawTable]:
    raw: dict[str, RawTable] = {}
    errors = []
    for name, table in tables.items():
        if isinstance(table, pl.DataFrame):
            frame = table
        else:
            # Cells as text, so a column may mix numbers and text as a form sends them.
            names = list(dict.fromkeys(key for row in table for key in row))
            frame = pl.DataFrame(
                [{name: _cell(row.get(name)) for name in names} for row in table],
                schema=dict.fromkeys(names, pl.String),
            )
        headers = {canonical_header(column): column for column in frame.columns}
        frame = frame.select(
            pl.col(column).cast(pl.String).str.strip_chars().alias(canonical_header(column))
            for column in frame.columns
        ).with_columns(pl.when(pl.all().str.len_bytes() > 0).then(pl.all()))
        frame = frame.with_row_index(ROW, offset=2).with_columns(pl.col(ROW).cast(pl.Int64))
        if frame.height == 0:
            errors.append(InputError(name, 2, None, "the table has no rows"))
        raw[name] = RawTable(name, frame, headers)
    if errors:
        raise ModelError(errors)
    return raw


def replace_settings(
    model: Model,
    *,
    activities: pl.DataFrame | list[dict],
    resources: pl.DataFrame | list[dict] | None = None,
) -> Model:
    """``model`` with its activities and resources replaced by rows entered by hand.

    The hook behind the web forms that edit a stored model: the rows (the files' columns,
    English or Finnish names, cells as text or numbers) are validated exactly like the
    activities and resources files, and their drivers against the model's own order lines
    and customer drivers, which are not read or checked again. Messages name the table
    (``activities`` or ``resources``), the row (the first row is 2, as in a file) and the
    column. ``resources`` None or empty means the model has no resources.
    """
    tables: dict[str, pl.DataFrame | list[dict]] = {"activities": activities}
    if resources is not None and len(resources):
        tables["resources"] = resources
    raw = _raw_tables(tables)
    check = _Checker()
    new_resources = (
        _resources(check, raw["resources"])
        if "resources" in raw
        else pl.DataFrame(schema=RESOURCE_SCHEMA)
    )
    new_activities = _activities(check, raw["activities"], new_resources)
    if new_activities is not None:
        _check_activity_drivers(
            check,
            raw["activities"],
            new_activities,
            model.order_lines,
            model.customer_drivers,
            {},
            raw["activities"],
        )
    if check.errors:
        raise ModelError(check.errors)
    files = {**model.files, "activities": "activities", "resources": "resources"}
    return model.replace(activities=new_activities, resources=new_resources, files=files)


def _cell(value: object) -> str | None:
    if value is None:
        return None
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return str(value)


class _Checker:
    """Collects errors while the columns of one table are parsed."""

    def __init__(self) -> None:
        self.errors: list[InputError] = []

    def add(self, table: RawTable, row: int | None, column: str | None, message: str, value=None):
        header = table.header(column) if column else None
        text = None if value is None else str(value)
        self.errors.append(InputError(table.file, row, header, message, text))

    def rows(self, table: RawTable, bad: pl.DataFrame, column: str, message: str) -> None:
        """Report the rows of ``bad`` (columns ``_row`` and ``value``)."""
        for row, value in bad.head(ROWS_PER_PROBLEM).select(ROW, "value").iter_rows():
            self.add(table, row, column, message, value)
        if bad.height > ROWS_PER_PROBLEM:
            more = bad.height - ROWS_PER_PROBLEM
            self.add(table, None, column, f"{more} more rows: {message}")

    def require(self, table: RawTable, columns: tuple[str, ...]) -> bool:
        missing = [name for name in columns if name not in table.frame.columns]
        for name in missing:
            self.errors.append(
                InputError(table.file, 1, name, f"the required column {name} is missing")
            )
        return not missing

    def text(self, table: RawTable, column: str, *, required: bool = False) -> pl.Series:
        values = table.frame.get_column(column)
        if required:
            bad = table.frame.filter(values.is_null()).select(ROW, value=pl.col(column))
            self.rows(table, bad, column, "a value is required")
        return values

    def _numbers(
        self, table: RawTable, column: str, required: bool, minimum: str | None
    ) -> tuple[pl.Series, pl.Series]:
        """(original text, normalised number text) with text, missing and sign errors."""
        original = table.frame.get_column(column)
        normal = normalise_numbers(original)
        frame = table.frame.select(ROW, value=original, normal=normal)
        not_number = frame.filter(pl.col("value").is_not_null() & pl.col("normal").is_null())
        self.rows(table, not_number, column, "not a number")
        if required:
            self.rows(table, frame.filter(pl.col("value").is_null()), column, "a value is required")
        if minimum is not None:
            negative = frame.filter(pl.col("normal").str.starts_with("-"))
            self.rows(table, negative, column, "must not be negative")
        if minimum == "positive":
            zero = frame.filter(pl.col("normal").str.contains(r"^[0.]*$"))
            self.rows(table, zero, column, "must be greater than zero")
        return original, normal

    def number(
        self, table: RawTable, column: str, *, required=False, minimum: str | None = None
    ) -> pl.Series:
        _, normal = self._numbers(table, column, required, minimum)
        return normal.cast(pl.Float64, strict=False).alias(column)

    def decimal(
        self, table: RawTable, column: str, *, required=False, minimum: str | None = None
    ) -> pl.Series:
        _, normal = self._numbers(table, column, required, minimum)
        return normal.alias(column)

    def money(
        self, table: RawTable, column: str, *, required=False, minimum: str | None = None
    ) -> pl.Series:
        original, normal = self._numbers(table, column, required, minimum)
        cents = cents_from_text(normal)
        too_large = table.frame.select(ROW, value=original).filter(
            normal.is_not_null() & cents.is_null()
        )
        self.rows(table, too_large, column, "the amount is too large")
        return cents.alias(column)

    def date(self, table: RawTable, column: str) -> pl.Series:
        values = table.frame.get_column(column)
        frame = table.frame.select(ROW, value=values).with_columns(
            parsed=pl.coalesce(
                pl.col("value").str.slice(0, 10).str.to_date("%Y-%m-%d", strict=False),
                pl.col("value").str.to_date("%d.%m.%Y", strict=False),
                pl.col("value").str.to_date("%d/%m/%Y", strict=False),
            )
        )
        bad = frame.filter(pl.col("value").is_not_null() & pl.col("parsed").is_null())
        self.rows(table, bad, column, "not a date (use 2024-03-31 or 31.3.2024)")
        return frame.get_column("parsed").alias(column)


def build_model(tables: Mapping[str, RawTable]) -> Model:
    """Validate the tables one by one, then their references to each other."""
    check = _Checker()
    customers = _customers(check, tables["customers"])
    customer_ids = None if customers is None else customers.get_column("customer_id")
    lines, text_columns = _order_lines(check, tables["order_lines"], customer_ids)
    drivers = (
        _customer_drivers(check, tables["customer_drivers"], customer_ids)
        if "customer_drivers" in tables
        else pl.DataFrame(schema=CUSTOMER_DRIVER_SCHEMA)
    )
    resources = (
        _resources(check, tables["resources"])
        if "resources" in tables
        else pl.DataFrame(schema=RESOURCE_SCHEMA)
    )
    activities = _activities(check, tables["activities"], resources)
    if lines is not None and drivers is not None:
        _check_driver_names(check, tables.get("customer_drivers"), drivers, lines)
    if activities is not None and lines is not None and drivers is not None:
        _check_activity_drivers(
            check,
            tables["activities"],
            activities,
            lines,
            drivers,
            text_columns,
            tables["order_lines"],
        )
    if check.errors:
        raise ModelError(check.errors)
    return Model(
        customers=customers,
        order_lines=lines,
        activities=activities,
        resources=resources,
        customer_drivers=drivers,
        files={name: table.file for name, table in tables.items()},
    )


def _customers(check: _Checker, table: RawTable) -> pl.DataFrame | None:
    if not check.require(table, ("customer_id", "name")):
        return None
    ids = check.text(table, "customer_id", required=True)
    frame = table.frame.with_columns(customer_id=ids)
    duplicated = frame.filter(pl.col("customer_id").is_duplicated() & ids.is_not_null()).select(
        ROW, value=pl.col("customer_id")
    )
    check.rows(table, duplicated, "customer_id", "the customer appears more than once")
    return frame.drop(ROW)


def _known_customers(
    check: _Checker, table: RawTable, ids: pl.Series, customer_ids: pl.Series | None
) -> None:
    if customer_ids is None:
        return
    unknown = table.frame.select(ROW, value=ids).filter(
        pl.col("value").is_not_null() & ~pl.col("value").is_in(customer_ids.implode())
    )
    check.rows(table, unknown, "customer_id", "unknown customer (not in the customers file)")


def _order_lines(
    check: _Checker, table: RawTable, customer_ids: pl.Series | None
) -> tuple[pl.DataFrame | None, dict[str, tuple[int, str]]]:
    """The typed order lines, and the first text cell of each extra non-numeric column."""
    if not check.require(table, ("customer_id", "order_id", "quantity", "revenue", "cogs")):
        return None, {}
    ids = check.text(table, "customer_id", required=True)
    _known_customers(check, table, ids, customer_ids)
    columns = [
        ids,
        check.text(table, "order_id", required=True),
        check.number(table, "quantity", required=True),
        check.money(table, "revenue", required=True),
        check.money(table, "cogs", required=True),
    ]
    if "date" in table.frame.columns:
        columns.append(check.date(table, "date"))
    if "product_id" in table.frame.columns:
        columns.append(table.frame.get_column("product_id"))
    text_columns: dict[str, tuple[int, str]] = {}
    known = {"customer_id", "order_id", "quantity", "revenue", "cogs", "date", "product_id", ROW}
    for name in table.frame.columns:
        if name in known:
            continue
        original = table.frame.get_column(name)
        normal = normalise_numbers(original)
        bad = table.frame.select(ROW, value=original).filter(
            original.is_not_null() & normal.is_null()
        )
        if bad.height:
            text_columns[name] = bad.row(0)
            continue
        if name in ORDER_LINE_DRIVERS:
            check.add(
                table, 1, name, f"{name} is a driver computed from the order lines; rename it"
            )
            continue
        columns.append(normal.cast(pl.Float64).fill_null(0.0).alias(name))
    return pl.DataFrame(columns), text_columns


def _customer_drivers(
    check: _Checker, table: RawTable, customer_ids: pl.Series | None
) -> pl.DataFrame | None:
    if not check.require(table, ("customer_id", "driver", "quantity")):
        return None
    ids = check.text(table, "customer_id", required=True)
    _known_customers(check, table, ids, customer_ids)
    driver = check.text(table, "driver", required=True)
    quantity = check.number(table, "quantity", required=True)
    names = _canonical_drivers(driver)
    return pl.DataFrame([ids, names.alias("driver"), quantity]).filter(
        pl.col("customer_id").is_not_null() & pl.col("driver").is_not_null()
    )


def _canonical_drivers(names: pl.Series) -> pl.Series:
    """Driver names as activities refer to them (each distinct name mapped once)."""
    distinct = names.drop_nulls().unique().to_list()
    mapping = {name: canonical_driver(name) for name in distinct}
    return names.replace_strict(mapping, default=None, return_dtype=pl.String).alias("driver")


def _check_driver_names(
    check: _Checker, table: RawTable | None, drivers: pl.DataFrame, lines: pl.DataFrame
) -> None:
    if table is None or drivers.height == 0:
        return
    derived = [*ORDER_LINE_DRIVERS, *[c for c in lines.columns if lines.schema[c] == pl.Float64]]
    clash = table.frame.select(ROW, value=pl.col("driver")).filter(
        pl.col("value").is_not_null()
        & _canonical_drivers(table.frame.get_column("driver")).is_in(pl.Series(derived).implode())
    )
    check.rows(
        table, clash, "driver", "this driver comes from the order lines; use another name here"
    )


def _resources(check: _Checker, table: RawTable) -> pl.DataFrame | None:
    if not check.require(table, ("resource",)):
        return None
    frame = table.frame
    names = check.text(table, "resource", required=True)
    duplicated = frame.select(ROW, value=names).filter(
        pl.col("value").is_duplicated() & pl.col("value").is_not_null()
    )
    check.rows(table, duplicated, "resource", "the resource appears more than once")
    if not any(c in frame.columns for c in ("cost", "practical_capacity", "rate_per_minute")):
        check.add(table, 1, "cost", "give cost and practical_capacity, or rate_per_minute")
        return None
    empty = pl.Series([None] * frame.height, dtype=pl.String)
    cost = check.money(table, "cost", minimum="zero") if "cost" in frame.columns else None
    capacity = (
        check.number(table, "practical_capacity", minimum="positive")
        if "practical_capacity" in frame.columns
        else None
    )
    rate = (
        check.decimal(table, "rate_per_minute", minimum="zero")
        if "rate_per_minute" in frame.columns
        else None
    )
    result = pl.DataFrame(
        {
            "resource": names,
            "cost": cost if cost is not None else empty.cast(pl.Int64),
            "practical_capacity": capacity if capacity is not None else empty.cast(pl.Float64),
            "rate_per_minute": rate if rate is not None else empty,
            "row": frame.get_column(ROW),
        },
        schema=RESOURCE_SCHEMA,
    )
    raw = frame.select(
        [
            pl.col(c).is_not_null().alias(c)
            for c in ("cost", "practical_capacity", "rate_per_minute")
            if c in frame.columns
        ]
    )
    for index, row in enumerate(result.iter_rows(named=True)):
        given = {c: raw.get_column(c)[index] for c in raw.columns}
        if given.get("rate_per_minute") and given.get("cost"):
            check.add(table, row["row"], "rate_per_minute", "give either cost or rate_per_minute")
        elif given.get("cost") and not given.get("practical_capacity"):
            check.add(
                table,
                row["row"],
                "practical_capacity",
                "a resource with a cost needs its practical capacity in minutes",
            )
        elif not given.get("cost") and not given.get("rate_per_minute"):
            check.add(
                table, row["row"], "cost", "give cost and practical_capacity, or rate_per_minute"
            )
    return result


def _activities(
    check: _Checker, table: RawTable, resources: pl.DataFrame | None
) -> pl.DataFrame | None:
    if not check.require(table, ("activity", "cost_group", "driver")):
        return None
    frame = table.frame
    optional = ("cost", "capacity", "rate", "resource", "unit_time", "unallocated")
    missing = {name: pl.Series([None] * frame.height, dtype=pl.String) for name in optional}
    cells = frame.with_columns(
        [missing[name].alias(name) for name in optional if name not in frame.columns]
    )
    view = RawTable(table.file, cells, table.headers)
    parsed = pl.DataFrame(
        {
            "activity": check.text(view, "activity", required=True),
            "cost_group": cells.get_column("cost_group"),
            "driver": cells.get_column("driver"),
            "cost": check.money(view, "cost", minimum="zero"),
            "capacity": check.number(view, "capacity", minimum="positive"),
            "rate": check.decimal(view, "rate", minimum="zero"),
            "resource": cells.get_column("resource"),
            "unit_time": check.number(view, "unit_time", minimum="zero"),
            "unallocated": cells.get_column("unallocated"),
            "row": cells.get_column(ROW),
        }
    )
    known_resources = set() if resources is None else set(resources.get_column("resource"))
    rows = []
    seen: dict[str, dict] = {}
    for cell in parsed.iter_rows(named=True):
        row = cell["row"]
        flag = canonical_name(cell["unallocated"] or "")
        if flag and flag not in YES and flag not in NO:
            check.add(view, row, "unallocated", "use yes or no", cell["unallocated"])
        given = [name for name in ("cost", "rate", "resource") if cell[name] is not None]
        if flag in YES:
            kind = "unallocated"
            if cell["cost"] is None:
                check.add(view, row, "cost", "an unallocated activity needs its cost")
        elif cell["resource"] is not None:
            kind = "time"
            if cell["resource"] not in known_resources:
                check.add(
                    view,
                    row,
                    "resource",
                    "unknown resource (not in the resources file)",
                    cell["resource"],
                )
            if cell["unit_time"] is None:
                check.add(view, row, "unit_time", "a time-driven activity needs its unit_time")
        elif cell["rate"] is not None:
            kind = "rate"
        elif cell["cost"] is not None:
            kind = "capacity" if cell["capacity"] is not None else "pool"
        else:
            kind = None
            check.add(
                view,
                row,
                "cost",
                "the activity has none of cost, rate, resource or unallocated = yes",
            )
        own = {"time": "resource", "rate": "rate", "pool": "cost", "capacity": "cost"}.get(kind)
        extra = [name for name in given if own and name != own]
        if extra:
            check.add(view, row, extra[0], f"give only one of {', '.join(given)}")
        cost_group = None
        if cell["cost_group"] is not None:
            cost_group = COST_GROUP_NAMES.get(canonical_name(cell["cost_group"]))
            if cost_group is None:
                check.add(
                    view,
                    row,
                    "cost_group",
                    f"unknown cost group; use {', '.join(COST_GROUPS)}",
                    cell["cost_group"],
                )
        elif kind != "unallocated":
            check.add(view, row, "cost_group", "a value is required")
        driver = None
        if cell["driver"] is not None:
            driver = canonical_driver(cell["driver"])
        elif kind not in ("unallocated", None):
            check.add(view, row, "driver", "a value is required")
        name = cell["activity"]
        if name is not None and name in seen:
            first = seen[name]
            terms = kind == "time" and first["kind"] == "time"
            if not (
                terms
                and first["resource"] == cell["resource"]
                and first["cost_group"] == cost_group
            ):
                check.add(
                    view,
                    row,
                    "activity",
                    f"the activity appears twice (row {first['row']}); only a time-driven "
                    "activity may have several terms, on the same resource and cost group",
                    name,
                )
        record = {
            "activity": name,
            "kind": kind,
            "cost_group": cost_group,
            "driver": driver if kind != "unallocated" else None,
            "cost": cell["cost"],
            "capacity": cell["capacity"],
            "rate": cell["rate"],
            "resource": cell["resource"],
            "unit_time": cell["unit_time"],
            "row": row,
        }
        if name is not None:
            seen.setdefault(name, record)
        rows.append(record)
    return pl.DataFrame(rows, schema=ACTIVITY_SCHEMA, orient="row") if rows else None


def _check_activity_drivers(
    check: _Checker,
    table: RawTable,
    activities: pl.DataFrame,
    lines: pl.DataFrame,
    drivers: pl.DataFrame,
    text_columns: dict[str, tuple[int, str]],
    lines_table: RawTable,
) -> None:
    numeric = [c for c in lines.columns if lines.schema[c] == pl.Float64 and c != "quantity"]
    provided = {*ORDER_LINE_DRIVERS, *numeric, *drivers.get_column("driver").unique().to_list()}
    for row, driver in (
        activities.filter(pl.col("driver").is_not_null()).select("row", "driver").iter_rows()
    ):
        if driver in provided:
            continue
        if driver in text_columns:
            text_row, value = text_columns[driver]
            check.add(lines_table, text_row, driver, f"not a number (driver {driver})", value)
            continue
        check.add(
            table,
            row,
            "driver",
            "no file provides this driver (order_lines columns or customer_drivers)",
            driver,
        )
