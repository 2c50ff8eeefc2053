from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "bitesize.accounts"
    label = "accounts"
