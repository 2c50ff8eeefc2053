from django.apps import AppConfig


class LibConfig(AppConfig):
    name = "bitesize.lib"
    label = "lib"
