from django.apps import AppConfig


class ProfitabilityConfig(AppConfig):
    name = "profitability"
