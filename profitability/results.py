"""What the results page and the report chapter show of a stored model (database only)."""

from django.utils.translation import gettext as _

from workshops.charts import DrawLater
from workshops.language import method_language, ui_language
from workshops.matching import same_name

from . import charts
from .method import action_label
from .models import CustomerResult, ModelStatus, ProfitabilityModel

TOP = 10
QUADRANT_NAMES = {
    "carriage_trade": lambda: _("Carriage trade: costly to serve, high margin"),
    "passive": lambda: _("Passive: cheap to serve, high margin"),
    "bargain_basement": lambda: _("Bargain basement: cheap to serve, low margin"),
    "aggressive": lambda: _("Aggressive: costly to serve, low margin"),
}
COST_GROUP_NAMES = {
    "product": lambda: _("Product costs"),
    "order": lambda: _("Order costs"),
    "customer": lambda: _("Customer costs"),
    "overhead": lambda: _("Overheads"),
}

# The rate of an activity in words: "€ per order line", not "€ per order_lines". A driver the
# consultant named in their own files is shown as written.
RATE_UNITS = {
    "orders": lambda: _("€ per order"),
    "order_lines": lambda: _("€ per order line"),
    "quantity": lambda: _("€ per unit sold"),
    "revenue": lambda: _("€ per euro of revenue"),
    "cogs": lambda: _("€ per euro of purchase cost"),
    "gross_margin": lambda: _("€ per euro of gross margin"),
}


def rate_unit(driver: str) -> str:
    if driver in RATE_UNITS:
        return RATE_UNITS[driver]()
    return _("€ per %(driver)s") % {"driver": driver}


def whale_labels() -> dict:
    return {
        "x": _("Share of customers, most profitable first"),
        "y_share": _("Cumulative share of customer profit"),
        "y_amount": _("Cumulative customer profit (€)"),
        "peak": _("The best {customers} of customers give {profit} of profit"),
        "peak_amount": _("The best {customers} of customers give {profit}"),
        "hundred": _("100 % of customer profit"),
        "before": _("Base case"),
        "after": _("What-if"),
    }


def matrix_labels() -> dict:
    return {
        "x": _("Purchase volume (revenue, €)"),
        "y": _("Customer profit (€)"),
        "group": _("Group"),
        "sample": _("{shown} of {total} customers shown: the best, the worst and an even sample"),
    }


def quadrant_labels() -> dict:
    return {
        "x": _("Cost to serve, % of revenue (costlier to the right)"),
        "y": _("Net margin, % of revenue"),
        "carriage_trade": _("Carriage trade"),
        "passive": _("Passive"),
        "bargain_basement": _("Bargain basement"),
        "aggressive": _("Aggressive"),
    }


def group_bar_labels() -> dict:
    return {"x": _("Profitability group (1 = most profitable)"), "y": _("Profit (€)")}


def model_charts(pm: ProfitabilityModel, *, later: DrawLater | None = None) -> dict:
    language = ui_language()
    if not pm.whale_curve:
        return {}
    return {
        "whale": charts.whale_svg(pm, labels=whale_labels(), language=language, later=later),
        "matrix": charts.matrix_svg(pm, labels=matrix_labels(), language=language, later=later),
        "quadrant": charts.quadrant_svg(
            pm, labels=quadrant_labels(), language=language, later=later
        ),
        "groups": charts.group_bars_svg(
            pm.group_summary, labels=group_bar_labels(), language=language, later=later
        ),
    }


def whale_sentence(curve: dict) -> dict:
    """The figures of the whale curve's headline, for the template to word."""
    return {
        "share_mode": curve.get("mode") == "share",
        "peak_customers": curve.get("peak_at_share_of_customers"),
        "peak_profit_share": curve.get("peak_share_of_profit"),
        "peak_profit": curve.get("peak_profit"),
        "crosses_100": curve.get("crosses_100_at_share_of_customers"),
        "loss_makers": curve.get("loss_makers"),
        "loss_makers_share": curve.get("loss_makers_share_of_customers"),
        "loss_makers_profit": curve.get("loss_makers_profit"),
        "total_profit": curve.get("total_profit"),
    }


def group_rows(pm: ProfitabilityModel) -> list[dict]:
    """The group summary with each group's action (the consultant's text)."""
    actions = {action.group: action for action in pm.group_actions.all()}
    language = method_language(pm.workshop)
    rows = []
    for group in pm.group_summary:
        action = actions.get(group["group"])
        rows.append(
            {
                **group,
                "action_object": action,
                "action_label": action_label(group["action"], language),
            }
        )
    return rows


def segment_links(pm: ProfitabilityModel) -> list[dict]:
    """Each row of the per-segment results with the workshop's segment of the same name
    (case-insensitive), or None when the workshop has no such segment."""
    if not pm.segment_summary:
        return []
    segments = list(pm.workshop.segments.all())
    return [
        {"name": row.get("segment"), "segment": same_name(row["segment"], segments)}
        for row in pm.segment_summary
        if row.get("segment")
    ]


def results_context(
    pm: ProfitabilityModel, *, with_charts: bool = True, later: DrawLater | None = None
) -> dict:
    customers = CustomerResult.objects.filter(model=pm)
    top = list(customers.order_by("rank")[:TOP])
    bottom = list(customers.order_by("-rank")[:TOP])[::-1] if pm.customer_count > TOP else []
    bottom = [c for c in bottom if c.rank > TOP]
    return {
        "pm": pm,
        "totals": pm.totals,
        "whale": whale_sentence(pm.whale_curve),
        "groups": group_rows(pm),
        "top_customers": top,
        "bottom_customers": bottom,
        "segments": pm.segment_summary,
        "segment_links": segment_links(pm),
        "unused_capacity": pm.unused_capacity,
        "unallocated": pm.unallocated,
        "activities": pm.activity_summary,
        "charts": model_charts(pm, later=later) if with_charts else {},
        "imported_only": pm.status == ModelStatus.IMPORTED,
        "cost_group_names": {key: name() for key, name in COST_GROUP_NAMES.items()},
        "quadrant_names": {key: name() for key, name in QUADRANT_NAMES.items()},
    }
