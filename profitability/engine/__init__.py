"""Activity-based customer profitability: pure polars/numpy, no Django.

Load a model (``load_folder``, ``load_files``, ``load_tables``, ``Model.read_parquet``),
replace its activities and resources with edited rows (``replace_settings``), ``analyze``
it, and read the ``ProfitabilityResult`` (``to_json_dict``, ``format_table``).
"""

from .allocation import Allocation, allocate
from .analysis import ProfitabilityResult, analyze, analyze_folder
from .errors import InputError, ModelError
from .groups import ACTIONS, MAX_GROUPS, MIN_GROUPS, suggested_actions
from .loading import (
    FILE_NAMES,
    find_model_files,
    load_files,
    load_folder,
    load_tables,
    replace_settings,
)
from .model import COST_GROUPS, ORDER_LINE_DRIVERS, PROPORTIONAL_DRIVERS, Model
from .numbers import format_cents, split_cents
from .report import format_table
from .results import Totals, UnallocatedCost, UnusedCapacity, WhaleCurve
from .whale import whale_curve
from .whatif import WhatIfComparison, apply_what_if, compare

__all__ = [
    "ACTIONS",
    "COST_GROUPS",
    "FILE_NAMES",
    "MAX_GROUPS",
    "MIN_GROUPS",
    "ORDER_LINE_DRIVERS",
    "PROPORTIONAL_DRIVERS",
    "Allocation",
    "InputError",
    "Model",
    "ModelError",
    "ProfitabilityResult",
    "Totals",
    "UnallocatedCost",
    "UnusedCapacity",
    "WhaleCurve",
    "WhatIfComparison",
    "allocate",
    "analyze",
    "analyze_folder",
    "apply_what_if",
    "compare",
    "find_model_files",
    "format_cents",
    "format_table",
    "load_files",
    "load_folder",
    "load_tables",
    "replace_settings",
    "split_cents",
    "suggested_actions",
    "whale_curve",
]
