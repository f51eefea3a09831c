"""The profitability chapter of the report, the dashboard tile and the export tables."""

from collections.abc import Sequence
from functools import cached_property

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from workshops.exports.tables import Column, Table
from workshops.language import method_language

from .method import action_label
from .models import CustomerResult, ProfitabilityModel
from .money import euros
from .results import results_context


def latest_model(workshop) -> ProfitabilityModel | None:
    return workshop.profitability_models.order_by("-created_at").first()


def chapter_context(workshop, options) -> dict:
    """The newest model (or the one named by options["profitability_model"])."""
    pm = None
    wanted = (options or {}).get("profitability_model")
    if wanted:
        try:
            pm = workshop.profitability_models.filter(pk=wanted).first()
        except (ValueError, ValidationError):
            pm = None
    pm = pm or latest_model(workshop)
    if pm is None:
        return {"pm": None, "workshop": workshop}
    return {**results_context(pm, later=(options or {}).get("later")), "workshop": workshop}


def tile_context(request, workshop) -> dict:
    models = list(workshop.profitability_models.order_by("-created_at")[:5])
    return {"latest": models[0] if models else None, "models": models}


class CustomerRows(Sequence):
    """A model's customers as table rows, read from the database only when a download
    iterates them; ``len`` is one COUNT (the report page lists the tables and their sizes)."""

    MONEY = (
        "revenue",
        "cogs",
        "gross_margin",
        "cost_product",
        "cost_order",
        "cost_customer",
        "cost_overhead",
        "cost_to_serve",
        "profit",
    )

    def __init__(self, pm: ProfitabilityModel):
        self.pm = pm
        self.queryset = CustomerResult.objects.filter(model=pm).order_by("rank")

    @cached_property
    def _count(self) -> int:
        return self.queryset.count()

    def __len__(self) -> int:
        return self._count

    def __iter__(self):
        fields = ("rank", "customer_id", "name", "segment", "group", *self.MONEY)
        fields += ("profit_pct", "volume", "orders", "lines", "quadrant")
        for row in self.queryset.values(*fields).iterator(chunk_size=2000):
            for key in self.MONEY:
                row[key] = euros(row[key])
            if row["profit_pct"] is not None:
                row["profit_pct"] = row["profit_pct"] / 100
            yield row

    def __getitem__(self, index):
        return list(self)[index]


def _money(key, header, width=14):
    return Column(key, header, "money", width)


def profitability_tables(workshop) -> list[Table]:
    pm = latest_model(workshop)
    if pm is None:
        return []
    customers = Table(
        "profitability_customers",
        _("Customer profitability"),
        [
            Column("rank", _("Rank"), "int", 8),
            Column("customer_id", _("Customer"), "text", 14),
            Column("name", _("Name"), "text", 28),
            Column("segment", _("Segment"), "text", 16),
            Column("group", _("Group"), "int", 8),
            _money("revenue", _("Revenue (€)")),
            _money("cogs", _("Cost of goods sold (€)")),
            _money("gross_margin", _("Gross margin (€)")),
            _money("cost_product", _("Product costs (€)")),
            _money("cost_order", _("Order costs (€)")),
            _money("cost_customer", _("Customer costs (€)")),
            _money("cost_overhead", _("Overheads (€)")),
            _money("cost_to_serve", _("Cost to serve (€)")),
            _money("profit", _("Profit (€)")),
            Column("profit_pct", _("Profit % of revenue"), "percent", 12),
            Column("volume", _("Quantity"), "number", 12),
            Column("orders", _("Orders"), "int", 10),
            Column("lines", _("Order lines"), "int", 10),
            Column("quadrant", _("Quadrant"), "text", 16),
        ],
    )
    customers.rows = CustomerRows(pm)
    language = method_language(workshop)
    actions = {a.group: a.text for a in pm.group_actions.all()}
    group_rows = [
        {
            **row,
            **{key: euros(row[key]) for key in ("revenue", "cogs", "gross_margin", "profit")},
            "cost_to_serve": euros(row["cost_to_serve"]),
            "average_order_size": euros(row.get("average_order_size")),
            "cost_to_serve_per_customer": euros(row.get("cost_to_serve_per_customer")),
            "action_label": action_label(row["action"], language),
            "action_text": actions.get(row["group"], ""),
        }
        for row in pm.group_summary
    ]
    groups = Table(
        "profitability_groups",
        _("Profitability groups"),
        [
            Column("group", _("Group"), "int", 8),
            Column("customers", _("Customers"), "int", 10),
            _money("revenue", _("Revenue (€)")),
            _money("gross_margin", _("Gross margin (€)")),
            _money("cost_to_serve", _("Cost to serve (€)")),
            _money("profit", _("Profit (€)")),
            Column("share_of_company_result", _("Share of company result"), "percent", 12),
            Column("loss_makers", _("Loss-makers"), "int", 10),
            Column("orders_per_customer", _("Orders per customer"), "number", 12),
            Column("lines_per_order", _("Lines per order"), "number", 12),
            _money("average_order_size", _("Average order (€)")),
            _money("cost_to_serve_per_customer", _("Cost to serve per customer (€)")),
            Column("action_label", _("Action"), "text", 24),
            Column("action_text", _("Action text"), "text", 50),
        ],
        group_rows,
    )
    return [customers, groups]
