from django.apps import AppConfig


class RoomsConfig(AppConfig):
    name = "bitesize.rooms"
    label = "rooms"
