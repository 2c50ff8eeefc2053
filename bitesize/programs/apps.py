from django.apps import AppConfig


class ProgramsConfig(AppConfig):
    name = "bitesize.programs"
    label = "programs"
    verbose_name = "Programs"
