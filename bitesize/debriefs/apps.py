from django.apps import AppConfig


class DebriefsConfig(AppConfig):
    name = "bitesize.debriefs"
    label = "debriefs"
