from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProfitabilityConfig(AppConfig):
    name = "profitability"
    verbose_name = _("Customer profitability")

    def ready(self):
        from django.db.models.signals import post_delete
        from django.utils.translation import gettext

        from workshops import registry

        from . import demo, exchange
        from .models import ProfitabilityModel
        from .signals import remove_parquet_dir

        # The report side (matplotlib, openpyxl) loads on first use, not in every command.
        def report():
            from . import report

            return report

        post_delete.connect(
            remove_parquet_dir, sender=ProfitabilityModel, dispatch_uid="profitability-parquet"
        )
        registry.register_exchange_section(
            registry.ExchangeSection(
                key="profitability",
                schema=exchange.ProfitabilityData,
                default=exchange.ProfitabilityData,
                export=exchange.export_profitability,
                load=exchange.load_profitability,
                order=40,
            )
        )
        registry.register_demo_loader(
            registry.DemoLoader(key="profitability", load=demo.load_demo, order=40)
        )
        registry.register_tile(
            registry.DashboardTile(
                key="profitability",
                title=lambda: gettext("Customer profitability"),
                template="profitability/tile.html",
                context=lambda request, workshop: report().tile_context(request, workshop),
                order=40,
            )
        )
        registry.register_report_chapter(
            registry.ReportChapter(
                key="profitability",
                title=lambda: gettext("Customer profitability"),
                template="profitability/report_chapter.html",
                context=lambda workshop, options: report().chapter_context(workshop, options),
                has_content=lambda workshop, context: context.get("pm") is not None,
                order=40,
            )
        )
        registry.register_export_tables(
            registry.ExportTables(
                key="profitability",
                tables=lambda workshop: report().profitability_tables(workshop),
                order=40,
            )
        )
