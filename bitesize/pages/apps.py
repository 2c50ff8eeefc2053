from django.apps import AppConfig


class PagesConfig(AppConfig):
    name = "bitesize.pages"
    label = "pages"
