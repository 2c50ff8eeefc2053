from django.apps import AppConfig


class SchedulingConfig(AppConfig):
    name = "bitesize.scheduling"
    label = "scheduling"
