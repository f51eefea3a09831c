from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SegmentsConfig(AppConfig):
    name = "segments"
    verbose_name = _("Segments")

    def ready(self):
        from django.db.models.signals import post_delete
        from django.utils.translation import gettext

        from profitability.models import ProfitabilityModel
        from profitability.signals import results_stored
        from workshops import registry

        from . import dashboard, exchange, services
        from .signals import model_deleted, results_changed

        # Measured scores follow the newest profitability results.
        results_stored.connect(results_changed, dispatch_uid="segments-measured-scores")
        post_delete.connect(
            model_deleted, sender=ProfitabilityModel, dispatch_uid="segments-measured-scores"
        )

        registry.register_exchange_section(
            registry.ExchangeSection(
                key="segments",
                schema=exchange.SegmentsSection,
                default=exchange.SegmentsSection,
                export=exchange.export_segments,
                load=exchange.load_segments,
                order=30,
            )
        )
        registry.register_workshop_setup(services.setup_workshop)
        registry.register_tile(
            registry.DashboardTile(
                key="segments",
                title=lambda: gettext("Customer segments"),
                template="segments/tile.html",
                context=dashboard.segments_tile_context,
                order=30,
            )
        )
        registry.register_report_chapter(
            registry.ReportChapter(
                key="segments",
                title=lambda: gettext("Customer segments"),
                template="segments/report_chapter.html",
                context=dashboard.report_context,
                has_content=lambda workshop, context: bool(
                    context.get("segments") or context.get("matrix")
                ),
                order=30,
            )
        )
