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
