from django.apps import AppConfig


class RecognitionConfig(AppConfig):
    name = "bitesize.recognition"
    label = "recognition"
