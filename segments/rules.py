"""Which profitability customers belong to which segment. Pure polars and pydantic, no Django.

A segment's customer rules say how to recognise its customers in the profitability data
("industry = Retail and revenue > 10000"). A segment has a list of rules; a rule is a list of
conditions that must all hold (AND); a customer matches the segment when any one of its rules
holds (OR). A condition is (attribute, operator, value), the operators = != > >= < <= and
contains.

The attributes are the built-in figures of each customer (``BUILT_IN``: revenue, gross margin,
cost to serve and profit in euros, profit %, volume, orders, order lines, profitability group,
name, customer id) and the customers file's other columns (industry, region, size, ...), kept
as text. Built-ins win over a file column of the same name.

How a condition compares:

- > >= < <= compare numbers: the value must be a number, and a text cell is read as a number
  ("1 200,50" and "1200.5" are the same); a cell that is not a number never matches.
- = and != compare numbers when the value is a number and the cell reads as one, otherwise
  text, case-insensitively and ignoring repeated spaces ("Retail" = "retail ").
- contains looks for the value in the cell's text, case-insensitively.
- A customer without a value for the attribute (empty cell, or no such column) matches no
  condition on it, != included: an unknown value is not known to differ.

Assignment (``assign``): a customer whose own segment column names one of the segments
belongs to it; otherwise the first segment (in the segments' order) whose rules it matches;
otherwise ``UNASSIGNED``. A segment with no rules takes only the customers its name matches.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Literal

import polars as pl
from pydantic import BaseModel, ConfigDict, Field, ValidationError

UNASSIGNED = "unassigned"
OPERATORS = ("=", "!=", ">", ">=", "<", "<=", "contains")
ORDERING = (">", ">=", "<", "<=")
MAX_RULES = 10
MAX_CONDITIONS = 10

Operator = Literal["=", "!=", ">", ">=", "<", "<=", "contains"]
# number: every given value reads as a number; mixed: some do; text: none do.
Kind = Literal["number", "mixed", "text"]

# Built-in attributes: name -> kind. Money is in euros here (the database keeps cents).
BUILT_IN: dict[str, Kind] = {
    "revenue": "number",
    "gross_margin": "number",
    "cost_to_serve": "number",
    "profit": "number",
    "profit_pct": "number",
    "volume": "number",
    "orders": "number",
    "lines": "number",
    "group": "number",
    "name": "text",
    "customer_id": "text",
}
MONEY = ("revenue", "gross_margin", "cost_to_serve", "profit")

_NUMBER = re.compile(r"^[+-]?(\d+([.]\d*)?|[.]\d+)([eE][+-]?\d+)?$")


class Condition(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)
    attribute: str = Field(min_length=1, max_length=100)
    operator: Operator
    value: str = Field(min_length=1, max_length=200)


class Rule(BaseModel):
    """All conditions must hold."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    conditions: list[Condition] = Field(min_length=1, max_length=MAX_CONDITIONS)


class SegmentRules(BaseModel):
    """One segment's rules in the order they are assigned; any rule may hold."""

    model_config = ConfigDict(frozen=True)
    key: str  # the segment's id (or any key the caller maps back)
    name: str  # matched against the customers file's segment column
    rules: list[Rule] = Field(default_factory=list, max_length=MAX_RULES)


class RuleProblem(BaseModel):
    rule: int  # 1-based, as the page numbers them
    condition: int | None  # 1-based; None for the rule as a whole
    field: str  # attribute, operator or value
    message: str


def number_text(text: str | None) -> str | None:
    """The number a text cell holds, as plain decimal text, or None.

    Spaces (also non-breaking) are thousands separators; a single comma is the decimal point.
    """
    if text is None:
        return None
    plain = re.sub(r"[\s\u00a0\u202f]", "", str(text))
    if plain.count(",") == 1 and "." not in plain:
        plain = plain.replace(",", ".")
    return plain if _NUMBER.match(plain) else None


def is_number(text: str | None) -> bool:
    return number_text(text) is not None


def _normal_text(expr: pl.Expr) -> pl.Expr:
    return expr.cast(pl.String).str.strip_chars().str.replace_all(r"\s+", " ").str.to_lowercase()


def _numbers(expr: pl.Expr) -> pl.Expr:
    """A column read as numbers: numeric columns as they are, text with spaces and a decimal
    comma allowed; anything else null."""
    text = expr.cast(pl.String).str.replace_all(r"[\s\u00a0\u202f]", "")
    text = (
        pl.when((text.str.count_matches(",") == 1) & ~text.str.contains(".", literal=True))
        .then(text.str.replace(",", ".", literal=True))
        .otherwise(text)
    )
    # Only plain numbers: "nan" and "inf" are text here.
    return pl.when(text.str.contains(_NUMBER.pattern)).then(text).cast(pl.Float64, strict=False)


def attribute_kinds(customers: pl.DataFrame) -> dict[str, Kind]:
    """Every attribute a rule may name in ``customers``: the built-ins, then the file's
    columns, each a number column when every value given in it reads as one, mixed when some
    do, text when none does."""
    kinds: dict[str, Kind] = dict(BUILT_IN)
    for name in customers.columns:
        if name in kinds or name == "segment":
            continue
        column = customers.get_column(name)
        if column.dtype.is_numeric():
            kinds[name] = "number"
            continue
        given = column.drop_nulls().cast(pl.String).str.strip_chars()
        given = given.filter(given != "")
        numbers = given.to_frame("v").select(_numbers(pl.col("v"))).to_series()
        read = given.len() - numbers.null_count()
        kinds[name] = "number" if read and read == given.len() else "mixed" if read else "text"
    return kinds


def check_rules(
    raw: Iterable[dict], kinds: dict[str, Kind]
) -> tuple[list[Rule], list[RuleProblem]]:
    """Rules from raw rows ({"conditions": [{attribute, operator, value}, ...]}) checked
    against the known attributes; every problem names its rule, condition and field.

    An attribute must be known (``kinds``); > >= < <= need a number as the value and an
    attribute that holds numbers (number or mixed); = and != on a number attribute need a
    number.
    """
    rules: list[Rule] = []
    problems: list[RuleProblem] = []
    raw = list(raw)
    if len(raw) > MAX_RULES:
        problems.append(
            RuleProblem(rule=MAX_RULES + 1, condition=None, field="rule", message="too many rules")
        )
    for r, raw_rule in enumerate(raw[:MAX_RULES], start=1):
        conditions = []
        raw_conditions = list((raw_rule or {}).get("conditions") or [])
        if not raw_conditions:
            problems.append(RuleProblem(rule=r, condition=None, field="rule", message="empty"))
            continue
        if len(raw_conditions) > MAX_CONDITIONS:
            problems.append(
                RuleProblem(rule=r, condition=None, field="rule", message="too many conditions")
            )
        for c, raw_condition in enumerate(raw_conditions[:MAX_CONDITIONS], start=1):
            try:
                condition = Condition.model_validate(raw_condition)
            except ValidationError as error:
                for item in error.errors():
                    field = str(item["loc"][0]) if item["loc"] else "condition"
                    problems.append(
                        RuleProblem(rule=r, condition=c, field=field, message=item["type"])
                    )
                continue
            kind = kinds.get(condition.attribute)
            if kind is None:
                problems.append(
                    RuleProblem(rule=r, condition=c, field="attribute", message="unknown")
                )
                continue
            numeric_value = is_number(condition.value)
            if condition.operator in ORDERING and kind == "text":
                problems.append(
                    RuleProblem(rule=r, condition=c, field="operator", message="text_attribute")
                )
            elif condition.operator in ORDERING and not numeric_value:
                problems.append(
                    RuleProblem(rule=r, condition=c, field="value", message="not_a_number")
                )
            elif condition.operator in ("=", "!=") and kind == "number" and not numeric_value:
                problems.append(
                    RuleProblem(rule=r, condition=c, field="value", message="not_a_number")
                )
            else:
                conditions.append(condition)
        if conditions and len(conditions) == len(raw_conditions[:MAX_CONDITIONS]):
            rules.append(Rule(conditions=conditions))
    return rules, problems


def condition_expr(condition: Condition, columns: Sequence[str]) -> pl.Expr:
    """True where a customer meets the condition; never null (a missing value is False)."""
    if condition.attribute not in columns:
        return pl.lit(False)
    column = pl.col(condition.attribute)
    operator = condition.operator
    if operator == "contains":
        matched = _normal_text(column).str.contains(
            " ".join(condition.value.split()).lower(), literal=True
        )
    elif operator in ORDERING:
        number = float(number_text(condition.value) or "nan")
        values = _numbers(column)
        matched = {
            ">": values > number,
            ">=": values >= number,
            "<": values < number,
            "<=": values <= number,
        }[operator]
    else:
        wanted = " ".join(condition.value.split()).lower()
        equal = _normal_text(column) == wanted
        if is_number(condition.value):
            equal = equal | (_numbers(column) == float(number_text(condition.value)))
        matched = equal if operator == "=" else ~equal
        # A missing value is not known to differ.
        matched = pl.when(column.is_null()).then(False).otherwise(matched)
    return matched.fill_null(False)


def rule_expr(rule: Rule, columns: Sequence[str]) -> pl.Expr:
    expr = pl.lit(True)
    for condition in rule.conditions:
        expr = expr & condition_expr(condition, columns)
    return expr


def rules_expr(rules: Sequence[Rule], columns: Sequence[str]) -> pl.Expr:
    """True where any rule holds; False for a segment without rules."""
    expr = pl.lit(False)
    for rule in rules:
        expr = expr | rule_expr(rule, columns)
    return expr


def _normal(value: str) -> str:
    return " ".join(str(value).split()).lower()


def assign(customers: pl.DataFrame, segments: Sequence[SegmentRules]) -> pl.Series:
    """Each customer's segment key (``SegmentRules.key``) or ``UNASSIGNED``, in row order.

    The customers file's segment column wins when it names one of the segments
    (case-insensitively); otherwise the first segment whose rules hold; otherwise
    unassigned. Vectorised: one expression over the whole frame.
    """
    columns = customers.columns
    names: dict[str, str] = {}
    for segment in segments:
        names.setdefault(_normal(segment.name), segment.key)
    by_rules = pl.lit(UNASSIGNED, dtype=pl.String)
    for segment in reversed(segments):
        if segment.rules:
            by_rules = (
                pl.when(rules_expr(segment.rules, columns))
                .then(pl.lit(segment.key))
                .otherwise(by_rules)
            )
    if "segment" in columns and names:
        named = (
            pl.col("segment")
            .cast(pl.String)
            .str.strip_chars()
            .str.replace_all(r"\s+", " ")
            .str.to_lowercase()
            .replace_strict(names, default=None, return_dtype=pl.String)
        )
        expr = pl.coalesce(named, by_rules)
    else:
        expr = by_rules
    # with_columns, not select: a literal (no rules, no names) must fill every row.
    return (
        customers.with_columns(expr.alias("__assigned")).get_column("__assigned").alias("assigned")
    )


def matching_count(customers: pl.DataFrame, rules: Sequence[Rule]) -> int:
    """How many customers the rules match on their own (the preview, before precedence)."""
    if not rules or customers.height == 0:
        return 0
    matched = customers.with_columns(rules_expr(rules, customers.columns).alias("__matched"))
    return int(matched.get_column("__matched").sum())


SUMMED = ("revenue", "gross_margin", "cost_to_serve", "profit")


def summarise(money: pl.DataFrame, assigned: pl.Series, keys: Sequence[str]) -> list[dict]:
    """Per segment key (in ``keys`` order, then ``UNASSIGNED``): customers and the sums of
    ``SUMMED`` (integer cents in ``money``), profit % of revenue (None without revenue) and
    the share of all customers' profit (None when that total is zero)."""
    frame = money.select(SUMMED).with_columns(assigned.alias("_key"))
    sums = {
        row["_key"]: row
        for row in frame.group_by("_key")
        .agg(pl.len().alias("customers"), *[pl.col(name).sum() for name in SUMMED])
        .iter_rows(named=True)
    }
    total_profit = int(money.get_column("profit").sum()) if money.height else 0
    rows = []
    for key in [*keys, UNASSIGNED]:
        row = sums.get(key) or {"customers": 0, **dict.fromkeys(SUMMED, 0)}
        revenue, profit = int(row["revenue"]), int(row["profit"])
        rows.append(
            {
                "key": key,
                "customers": int(row["customers"]),
                **{name: int(row[name]) for name in SUMMED},
                "profit_pct": profit / revenue * 100 if revenue > 0 else None,
                "share_of_customer_profit": profit / total_profit if total_profit else None,
            }
        )
    return rows
