from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "bitesize.api"
    label = "api"
