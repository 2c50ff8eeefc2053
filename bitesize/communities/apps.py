from django.apps import AppConfig


class CommunitiesConfig(AppConfig):
    name = "bitesize.communities"
    label = "communities"
