from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class JourneyConfig(AppConfig):
    name = "journey"
    verbose_name = _("Customer journey")

    def ready(self):
        from django.utils.translation import gettext

        from workshops import registry

        from . import exchange, services
        from .dashboard import journey_tile_context

        registry.register_exchange_section(
            registry.ExchangeSection(
                key="journeys",
                schema=list[exchange.JourneyData],
                default=list,
                export=exchange.export_journeys,
                load=exchange.load_journeys,
                check=exchange.check_journeys,
                order=10,
            )
        )

        def create_default_journey(*, workshop, by=None):
            services.create_journey_from_template(workshop=workshop)

        registry.register_workshop_setup(create_default_journey)
        registry.register_tile(
            registry.DashboardTile(
                key="journeys",
                title=lambda: gettext("Customer journeys"),
                template="journey/tile.html",
                context=journey_tile_context,
                order=10,
            )
        )
        registry.register_report_chapter(
            registry.ReportChapter(
                key="journey",
                title=lambda: gettext("Customer journeys"),
                template="journey/report_chapter.html",
                opens_landscape=True,
                context=registry.lazy("journey.report.journey_chapter_context"),
                order=10,
            )
        )
        registry.register_report_chapter(
            registry.ReportChapter(
                key="actions",
                title=lambda: gettext("Action plan"),
                template="journey/report_actions.html",
                context=registry.lazy("journey.report.actions_chapter_context"),
                has_content=lambda workshop, context: bool(context["actions"]),
                order=15,
            )
        )
        registry.register_export_tables(
            registry.ExportTables(
                key="journey", tables=registry.lazy("journey.report.journey_tables"), order=10
            )
        )
