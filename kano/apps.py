from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KanoConfig(AppConfig):
    name = "kano"
    verbose_name = _("Kano")

    def ready(self):
        from django.utils.translation import gettext

        from workshops import registry

        from . import exchange
        from .dashboard import kano_tile_context
        from .lanes import kano_badges

        registry.register_exchange_section(
            registry.ExchangeSection(
                key="kano",
                schema=exchange.KanoData,
                default=exchange.KanoData,
                export=exchange.export_kano,
                load=exchange.load_kano,
                order=20,
            )
        )
        registry.register_tile(
            registry.DashboardTile(
                key="kano",
                title=lambda: gettext("Kano"),
                template="kano/tile.html",
                context=kano_tile_context,
                order=20,
            )
        )
        registry.register_map_lane(
            registry.MapLane(
                key="kano",
                title=lambda: gettext("Kano categories"),
                values=kano_badges,
                order=20,
            )
        )
        registry.register_report_chapter(
            registry.ReportChapter(
                key="kano",
                title=lambda: gettext("Kano analysis"),
                template="kano/report_chapter.html",
                context=registry.lazy("kano.report.report_context"),
                has_content=lambda workshop, context: bool(
                    (context.get("survey") and context.get("rows")) or context.get("consensus")
                ),
                order=20,
            )
        )
        registry.register_export_tables(
            registry.ExportTables(
                key="kano", tables=registry.lazy("kano.report.kano_tables"), order=20
            )
        )
