from __future__ import annotations

from typing import Any

from django_tasks import task

from bitesize.notifications.services import deliver_mail


@task()
def send_mail_task(payload: dict[str, Any]) -> None:
    deliver_mail(payload)
