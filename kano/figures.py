"""`FactorResult`s as the plain figures that `kano_analyze` prints and the pages compare.

Pure logic, no Django. Shares, strengths, Better and Worse stay fractions of 1.
"""

from __future__ import annotations

from collections.abc import Iterable

from kano.analysis import CATEGORIES, FactorResult, categorize

QUADRANT_LINE = 0.5
CONTINUOUS_LINE = 2.0


def figures(result: FactorResult, *, name: str | None = None) -> dict:
    """One factor's figures in the documented shape of `kano_analyze --format json`."""
    return {
        "factor": result.factor if name is None else name,
        "n": result.n,
        "counts": {c: result.counts[c] for c in CATEGORIES},
        "category": result.category,
        "category_moai": result.category_moai,
        "category_aom": result.category_aom,
        "category_strength": result.category_strength,
        "total_strength": result.total_strength,
        "better": result.better,
        "worse": result.worse,
        "fong": {
            "difference": result.fong.difference,
            "threshold": result.fong.threshold,
            "significant": result.fong.significant,
        },
        "continuous": {
            "functional_mean": result.continuous.functional_mean,
            "functional_sd": result.continuous.functional_sd,
            "dysfunctional_mean": result.continuous.dysfunctional_mean,
            "dysfunctional_sd": result.continuous.dysfunctional_sd,
        },
        "importance_mean": result.importance_mean,
    }


def figures_document(results: Iterable[FactorResult], names: dict[str, str] | None = None):
    """{"factors": [figures, ...]}; `names` maps a result's factor key to the name to print."""
    names = names or {}
    return {"factors": [figures(r, name=names.get(r.factor, r.factor)) for r in results]}


TABLE_COLUMNS = (
    "factor",
    "n",
    "A",
    "O",
    "M",
    "I",
    "R",
    "Q",
    "cat",
    "moai",
    "aom",
    "cs",
    "ts",
    "better",
    "worse",
    "fong",
    "f_mean",
    "f_sd",
    "d_mean",
    "d_sd",
    "imp",
)


def table_rows(document: dict) -> list[list[str]]:
    """The figures document as text cells for `--format table`, header first."""
    rows = [list(TABLE_COLUMNS)]
    for f in document["factors"]:
        fong = f["fong"]
        rows.append(
            [
                f["factor"],
                str(f["n"]),
                *(str(f["counts"][c]) for c in CATEGORIES),
                f["category"],
                f["category_moai"],
                f["category_aom"],
                f"{f['category_strength']:.3f}",
                f"{f['total_strength']:.3f}",
                f"{f['better']:.3f}",
                f"{f['worse']:.3f}",
                f"{fong['difference']:.0f}/{fong['threshold']:.2f}"
                + ("*" if fong["significant"] else ""),
                f"{f['continuous']['functional_mean']:.2f}",
                f"{f['continuous']['functional_sd']:.2f}",
                f"{f['continuous']['dysfunctional_mean']:.2f}",
                f"{f['continuous']['dysfunctional_sd']:.2f}",
                "" if f["importance_mean"] is None else f"{f['importance_mean']:.2f}",
            ]
        )
    return rows


def format_table(rows: list[list[str]]) -> str:
    """Columns padded to their widest cell; numbers right-aligned, the factor left-aligned."""
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = []
    for row in rows:
        cells = [
            cell.ljust(widths[i]) if i == 0 else cell.rjust(widths[i]) for i, cell in enumerate(row)
        ]
        lines.append("  ".join(cells).rstrip())
    return "\n".join(lines) + "\n"


def quadrant(abs_worse: float, better_value: float) -> str:
    """The Better/Worse quadrant (Berger et al. 1993) with lines at 0.5: attractive top-left
    (high Better, low |Worse|), one-dimensional top-right, must-be bottom-right, indifferent
    bottom-left. A point on a line goes to the higher side."""
    high_better = better_value >= QUADRANT_LINE
    high_worse = abs_worse >= QUADRANT_LINE
    if high_better:
        return "O" if high_worse else "A"
    return "M" if high_worse else "I"


def category_counts(cells: Iterable[tuple[int, int, int]]) -> dict[str, int]:
    """Category counts from (functional, dysfunctional, how many) cells of the evaluation
    table, e.g. the rows of a GROUP BY; the map badges classify from these."""
    counts = dict.fromkeys(CATEGORIES, 0)
    for functional, dysfunctional, n in cells:
        counts[categorize(functional, dysfunctional)] += n
    return counts
