from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FollowupConfig(AppConfig):
    name = "followup"
    verbose_name = _("Follow-up")

    def ready(self):
        from django.db.models.signals import post_save
        from django.utils.translation import gettext

        from workshops import registry

        from . import demo, exchange, services
        from .dashboard import tile_context
        from .lanes import measure_badges

        post_save.connect(
            services.count_saved_feedback,
            sender="followup.Feedback",
            dispatch_uid="followup-feedback-tally",
        )
        registry.register_exchange_section(
            registry.ExchangeSection(
                key="followup",
                schema=exchange.FollowupData,
                default=exchange.FollowupData,
                export=exchange.export_followup,
                load=exchange.load_followup,
                order=50,
            )
        )
        registry.register_demo_loader(
            registry.DemoLoader(key="followup", load=demo.load_demo, order=50)
        )
        registry.register_tile(
            registry.DashboardTile(
                key="followup",
                title=lambda: gettext("Follow-up"),
                template="followup/tile.html",
                context=tile_context,
                order=50,
            )
        )
        registry.register_map_lane(
            registry.MapLane(
                key="measures",
                title=lambda: gettext("Measures"),
                values=measure_badges,
                order=50,
            )
        )
        registry.register_report_chapter(
            registry.ReportChapter(
                key="followup",
                title=lambda: gettext("Follow-up"),
                template="followup/report_chapter.html",
                context=registry.lazy("followup.report.chapter_context"),
                has_content=lambda workshop, context: bool(
                    context["rows"] or context["summary"] or context["review"]
                ),
                order=50,
            )
        )
        registry.register_export_tables(
            registry.ExportTables(
                key="followup", tables=registry.lazy("followup.report.followup_tables"), order=50
            )
        )
