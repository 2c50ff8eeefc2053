from typing import Any

from django.db import migrations


def load(apps: Any, schema_editor: Any) -> None:
    from bitesize.skills.catalogue import sync_catalogue

    sync_catalogue(
        apps.get_model("skills", "Skill"),
        apps.get_model("skills", "SkillAlias"),
        apps.get_model("skills", "Industry"),
    )


class Migration(migrations.Migration):
    dependencies = [("skills", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
