from django.apps import AppConfig


class KanoConfig(AppConfig):
    name = "kano"
