from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "bitesize.demo"
    label = "demo"
