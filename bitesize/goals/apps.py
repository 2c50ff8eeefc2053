from django.apps import AppConfig


class GoalsConfig(AppConfig):
    name = "bitesize.goals"
    label = "goals"
