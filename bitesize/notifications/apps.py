from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "bitesize.notifications"
    label = "notifications"
