"""Exact money and tolerant number parsing, and the largest-remainder split of cents.

Money is held as integer cents (Int64). Numbers in the files may use a decimal point or a
decimal comma, spaces, no-break spaces or apostrophes as thousands separators, and a euro
sign; ``1.234,56``, ``1 234,56``, ``1,234.56`` and ``1234.56`` all mean the same amount. A
lone comma is a decimal comma (the Finnish convention; thousands are separated by spaces).
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import numpy as np
import polars as pl

_PLAIN = r"^-?(\d+\.?\d*|\.\d+)$"


def normalised_number(column: pl.Expr) -> pl.Expr:
    """A number written in any of the accepted styles as ``-1234.56`` text, or null."""
    s = column.str.replace_all(r"[\s\u00a0\u202f'€]|EUR$", "").str.replace(r"^\+", "")
    dots = s.str.replace_all(".", "", literal=True)
    commas = s.str.replace_all(",", "", literal=True)
    return (
        pl.when(s.str.contains(_PLAIN))
        .then(s)
        .when(s.str.contains(r"^-?(\d*,\d+|\d+,)$"))
        .then(s.str.replace(",", ".", literal=True))
        .when(s.str.contains(r"^-?\d{1,3}(\.\d{3})+,\d*$"))
        .then(dots.str.replace(",", ".", literal=True))
        .when(s.str.contains(r"^-?\d{1,3}(,\d{3})+\.\d*$"))
        .then(commas)
        .when(s.str.contains(r"^-?\d{1,3}(\.\d{3}){2,}$"))
        .then(dots)
        .when(s.str.contains(r"^-?\d{1,3}(,\d{3}){2,}$"))
        .then(commas)
        .otherwise(None)
    )


def normalise_numbers(values: pl.Series) -> pl.Series:
    """``normalised_number`` over a column, skipping the regex ladder when it is not needed."""
    frame = values.to_frame("v")
    if frame.select(pl.col("v").str.contains(_PLAIN).or_(pl.col("v").is_null()).all()).item():
        return values
    return frame.select(normalised_number(pl.col("v"))).to_series().alias(values.name)


def cents_from_text(values: pl.Series) -> pl.Series:
    """Normalised number text to Int64 cents, rounding half away from zero past the cent.

    Text that is not a number (or too large for Int64 cents) becomes null.
    """
    floats = values.cast(pl.Float64, strict=False)
    scaled = floats * 100
    cents = scaled.round(0)
    # Within a millionth of a whole cent, the float is that cent (two decimals or fewer, or
    # digits too far from half a cent to round otherwise); the rest go the exact way below.
    near = ((scaled - cents).abs() < 1e-6) | floats.is_null()
    if near.all() and not (floats.abs() > 1e13).any():
        return cents.cast(pl.Int64).alias(values.name)
    frame = values.to_frame("v")
    v = pl.col("v")
    magnitude = v.str.strip_chars_start("-")
    parts = magnitude.str.split_exact(".", 1)
    whole = parts.struct.field("field_0").replace("", "0")
    fraction = (parts.struct.field("field_1").fill_null("") + "000").str.slice(0, 3)
    cents = (
        whole.cast(pl.Int64, strict=False) * 100
        + fraction.str.slice(0, 2).cast(pl.Int64, strict=False)
        + (fraction.str.slice(2, 1).cast(pl.Int64, strict=False) >= 5).cast(pl.Int64)
    )
    signed = pl.when(v.str.starts_with("-")).then(-cents).otherwise(cents)
    valid = v.str.contains(_PLAIN) & (whole.str.len_chars() <= 15)
    return frame.select(pl.when(valid).then(signed)).to_series().alias(values.name)


def cents_text(expr: pl.Expr) -> pl.Expr:
    """Int64 cents as decimal text with two decimals: ``-1234.05``."""
    magnitude = expr.abs()
    sign = pl.when(expr < 0).then(pl.lit("-")).otherwise(pl.lit(""))
    return pl.concat_str(
        sign,
        (magnitude // 100).cast(pl.String),
        pl.lit("."),
        (magnitude % 100).cast(pl.String).str.zfill(2),
    )


def format_cents(cents: int | None) -> str | None:
    if cents is None:
        return None
    sign = "-" if cents < 0 else ""
    whole, part = divmod(abs(int(cents)), 100)
    return f"{sign}{whole}.{part:02d}"


def round_half_away(value: Fraction | Decimal | int) -> int:
    """The nearest integer, halves away from zero (the usual commercial rounding)."""
    value = Fraction(value)
    magnitude = int(abs(value) + Fraction(1, 2))
    return magnitude if value >= 0 else -magnitude


def exact(value: float | int | Decimal | str) -> Fraction:
    """A float driver total or a decimal rate as an exact fraction (floats via their repr)."""
    if isinstance(value, float):
        return Fraction(repr(value))
    return Fraction(value)


def split_cents(total: int, weights: np.ndarray) -> np.ndarray:
    """Split ``total`` cents in proportion to ``weights`` with the largest-remainder method.

    Hamilton's method: every share gets the whole cents of its exact quota, and the cents
    left over go one each to the largest remainders, ties to the lower index (the earlier
    customer in the customers file). The shares always sum to ``total`` exactly. Weights
    must be non-negative with a positive sum. Integral weights are split in exact integer
    arithmetic; fractional weights (minutes, kilograms) via float quotas, then corrected so
    the sum is still exact.
    """
    weights = np.asarray(weights)
    shares = np.zeros(len(weights), dtype=np.int64)
    if total == 0 or len(weights) == 0:
        return shares
    weight_sum = weights.sum()
    if weight_sum <= 0:
        raise ValueError("weights must have a positive sum")
    integral = np.issubdtype(weights.dtype, np.integer) or bool(
        np.all(weights == np.floor(weights))
    )
    if integral and abs(total) * float(weight_sum) < 2**62:
        w = weights.astype(np.int64)
        numerators = w * np.int64(total)
        shares = numerators // np.int64(weight_sum)
        remainders = numerators - shares * np.int64(weight_sum)
    else:
        quotas = weights.astype(np.float64) * (total / float(weight_sum))
        shares = np.floor(quotas).astype(np.int64)
        remainders = quotas - shares
    left = int(total - shares.sum())
    if left > 0:
        order = np.argsort(-remainders, kind="stable")
        shares[order[:left]] += 1
    elif left < 0:
        # Float quotas overshot by a cent or two: take them back from the smallest remainders.
        order = np.argsort(remainders, kind="stable")
        order = order[shares[order] > 0]
        shares[order[:-left]] -= 1
    return shares
