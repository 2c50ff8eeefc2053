import pytest
from django.core import mail
from django.core.management import call_command

pytestmark = pytest.mark.django_db


def test_outbox_lists_and_shows_messages(capsys, outbox):
    mail.send_mail(
        "Welcome", "Hello Bob, confirm here: http://x/confirm", "a@example.com", ["bob@example.com"]
    )
    mail.send_mail("Second", "Body two", "a@example.com", ["carol@example.com"])
    assert len(list(outbox.glob("*.eml"))) == 2
    call_command("outbox")
    listing = capsys.readouterr().out
    assert listing.index("Second") < listing.index("Welcome")
    call_command("outbox", show=2)
    shown = capsys.readouterr().out
    assert "Subject: Welcome" in shown and "confirm here" in shown
