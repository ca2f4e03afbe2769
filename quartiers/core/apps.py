from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "quartiers.core"
    label = "core"
    verbose_name = "Socle commun"
