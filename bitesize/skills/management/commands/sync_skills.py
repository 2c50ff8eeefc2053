from typing import Any

from django.core.management.base import BaseCommand

from bitesize.skills.catalogue import sync_catalogue
from bitesize.skills.models import Industry, Skill, SkillAlias


class Command(BaseCommand):
    help = "Load or update the shipped skill catalogue and industries."

    def handle(self, *args: Any, **options: Any) -> None:
        count = sync_catalogue(Skill, SkillAlias, Industry)
        self.stdout.write(f"{count} skills in the catalogue, {SkillAlias.objects.count()} aliases.")
