from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LiveConfig(AppConfig):
    name = "live"
    verbose_name = _("Live sessions")

    def ready(self):
        from django.apps import apps
        from django.utils.translation import gettext

        from workshops import registry

        from . import demo
        from .dashboard import live_report_context, live_tile_context

        registry.register_demo_loader(
            registry.DemoLoader(key="live", load=demo.load_demo, order=60)
        )
        registry.register_tile(
            registry.DashboardTile(
                key="live",
                title=lambda: gettext("Live session"),
                template="live/tile.html",
                context=live_tile_context,
                order=20,
            )
        )
        registry.register_report_chapter(
            registry.ReportChapter(
                key="live",
                title=lambda: gettext("Live sessions"),
                template="live/report_chapter.html",
                context=live_report_context,
                has_content=lambda workshop, context: bool(context["live_sessions"]),
                order=60,
            )
        )
        if apps.is_installed("kano"):
            from .kano_round import register

            register()
