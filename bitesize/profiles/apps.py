from django.apps import AppConfig


class ProfilesConfig(AppConfig):
    name = "bitesize.profiles"
    label = "profiles"
