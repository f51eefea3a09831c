from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

APPENDIX_ROWS = 150


class WorkshopsConfig(AppConfig):
    name = "workshops"
    verbose_name = _("Workshops")

    def ready(self):
        from django.utils.translation import gettext

        from . import registry

        def appendix_context(workshop, options):
            # Wide tables already shown chapter by chapter stay out; raw rows of the rest.
            tables = [t for t in registry.all_tables(workshop) if len(t.columns) <= 12]
            # The appendix shows the first rows; the XLSX export has them all.
            shown = [
                {
                    "table": t,
                    "rows": t.rows[:APPENDIX_ROWS],
                    "more": max(len(t.rows) - APPENDIX_ROWS, 0),
                }
                for t in tables
            ]
            return {"tables": shown}

        registry.register_report_chapter(
            registry.ReportChapter(
                key="appendix",
                title=lambda: gettext("Appendix: tables"),
                template="reports/appendix.html",
                opens_landscape=True,
                context=appendix_context,
                has_content=lambda workshop, context: any(
                    item["rows"] for item in context["tables"]
                ),
                order=900,
            )
        )
