from django.apps import AppConfig


class AsksConfig(AppConfig):
    name = "bitesize.asks"
    label = "asks"
