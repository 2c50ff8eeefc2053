from django.apps import AppConfig


class MatchingConfig(AppConfig):
    name = "bitesize.matching"
    label = "matching"
