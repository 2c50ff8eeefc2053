from django.apps import AppConfig


class SafetyConfig(AppConfig):
    name = "bitesize.safety"
    label = "safety"
    verbose_name = "Trust and safety"
