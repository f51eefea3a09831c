from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SegmentsConfig(AppConfig):
    name = "segments"
    verbose_name = _("Segments")

    def ready(self):
        from django.utils.translation import gettext

        from workshops import registry

        from . import dashboard, exchange, services

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
                order=30,
            )
        )
