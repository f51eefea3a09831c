from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkshopsConfig(AppConfig):
    name = "workshops"
    verbose_name = _("Workshops")

    def ready(self):
        from django.utils.translation import gettext

        from . import registry

        def appendix_context(workshop, options):
            # Wide tables already shown chapter by chapter stay out; raw rows of the rest.
            tables = [t for t in registry.all_tables(workshop) if len(t.columns) <= 12]
            return {"tables": tables}

        registry.register_report_chapter(
            registry.ReportChapter(
                key="appendix",
                title=lambda: gettext("Appendix: tables"),
                template="reports/appendix.html",
                opens_landscape=True,
                context=appendix_context,
                order=900,
            )
        )
