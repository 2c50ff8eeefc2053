from django.apps import AppConfig


class SkillsConfig(AppConfig):
    name = "bitesize.skills"
    label = "skills"
