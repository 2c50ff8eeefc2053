import io
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from bitesize.profiles.models import Profile, ProfileLanguage, ProfileSkill
from bitesize.profiles.selectors import workday_overlap_hours
from bitesize.profiles.services import (
    profile_set_photo,
    profile_skill_add,
    profile_update,
)
from conftest import client_for, make_user

pytestmark = pytest.mark.django_db


def png(width: int, height: int) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), (200, 30, 30)).save(buffer, "PNG")
    return buffer.getvalue()


def test_free_text_skill_is_normalised_to_the_catalogue(bob):
    item, created = profile_skill_add(profile=bob.profile, text="  k8s ", level=2)
    assert created and item.skill is not None and item.skill.name == "Kubernetes"
    again, created = profile_skill_add(profile=bob.profile, text="kubernetes", level=3)
    assert not created and again.pk == item.pk and again.level == 3
    assert bob.profile.skills.count() == 1


def test_unknown_skill_is_kept_as_a_tag(bob):
    item, _ = profile_skill_add(profile=bob.profile, text="Medieval falconry", level=1)
    assert item.skill is None and item.tag == "Medieval falconry"
    assert (
        profile_skill_add(profile=bob.profile, text="medieval FALCONRY", level=2)[0].pk == item.pk
    )


def test_bad_skill_level_is_refused(bob):
    with pytest.raises(ValidationError):
        profile_skill_add(profile=bob.profile, text="Python", level=9)
    assert not bob.profile.skills.exists()


def test_invalid_update_writes_nothing(bob):
    profile = bob.profile
    with pytest.raises(ValidationError) as caught:
        profile_update(
            profile=profile,
            fields={"headline": "New headline", "time_zone": "Mars/Olympus"},
            languages=["en", "xx"],
        )
    assert set(caught.value.message_dict) == {"time_zone", "languages"}
    profile.refresh_from_db()
    assert profile.headline == "" and profile.time_zone == "Africa/Lagos"
    assert not ProfileLanguage.objects.filter(profile=profile).exists()


def test_session_lengths_and_formats_are_checked(alice):
    with pytest.raises(ValidationError) as caught:
        profile_update(profile=alice.profile, fields={"session_lengths": [7], "formats": ["fax"]})
    assert set(caught.value.message_dict) == {"session_lengths", "formats"}
    profile_update(profile=alice.profile, fields={"session_lengths": [30, 10, 30]})
    alice.profile.refresh_from_db()
    assert alice.profile.session_lengths == [10, 30]


def test_photo_is_cropped_to_a_square_jpeg(bob):
    upload = SimpleUploadedFile("me.png", png(1200, 800), content_type="image/png")
    profile_set_photo(profile=bob.profile, upload=upload)
    with Image.open(bob.profile.photo.path) as stored:
        assert stored.size == (512, 512) and stored.format == "JPEG"


def test_a_file_that_is_not_an_image_gets_a_form_error(bob):
    client = client_for(bob)
    fake = SimpleUploadedFile("me.png", b"not an image at all", content_type="image/png")
    response = client.post(reverse("profile_edit"), {"section": "photo", "photo": fake})
    assert response.status_code == 400
    assert "image" in response.content.decode().lower()
    bob.profile.refresh_from_db()
    assert not bob.profile.photo


def test_profile_form_saves_and_shows_errors(bob):
    client = client_for(bob)
    data = {
        "section": "basics",
        "name": "Bob O.",
        "headline": "Analyst moving into data science",
        "bio": "",
        "time_zone": "Europe/Paris",
        "languages": ["en", "fr"],
        "visibility": "public",
    }
    assert client.post(reverse("profile_edit"), data).status_code == 302
    bob.profile.refresh_from_db()
    assert bob.profile.time_zone == "Europe/Paris"
    assert set(bob.profile.languages.values_list("code", flat=True)) == {"en", "fr"}
    response = client.post(
        reverse("profile_edit"), {**data, "time_zone": "Nowhere/Town", "name": ""}
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "This field is required" in body and "Select a valid choice" in body
    bob.profile.refresh_from_db()
    assert bob.profile.name == "Bob O."


def test_mentor_settings_form_requires_a_length_and_a_format(alice):
    client = client_for(alice)
    response = client.post(
        reverse("profile_edit"), {"section": "mentor", "is_mentor": "on", "weekly_capacity": "3"}
    )
    assert response.status_code == 400
    assert "Pick at least one session length" in response.content.decode()
    ok = client.post(
        reverse("profile_edit"),
        {
            "section": "mentor",
            "is_mentor": "on",
            "weekly_capacity": "5",
            "session_lengths": ["10", "45"],
            "formats": ["video", "chat"],
            "meeting_url": "meet.example.com/alice",
            "help_with": "Platform",
        },
    )
    assert ok.status_code == 302
    alice.profile.refresh_from_db()
    assert alice.profile.session_lengths == [10, 45]
    assert alice.profile.meeting_url == "https://meet.example.com/alice"


def test_skill_add_over_htmx_returns_the_section(bob):
    client = client_for(bob)
    response = client.post(
        reverse("skill_add"), {"skill": "reactjs", "level": "2"}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200
    assert "React" in response.content.decode()
    item = ProfileSkill.objects.get(profile=bob.profile)
    response = client.post(reverse("skill_remove", args=[item.pk]), HTTP_HX_REQUEST="true")
    assert "No skills yet" in response.content.decode()


def test_someone_elses_skill_cannot_be_removed(alice, bob):
    item = alice.profile.skills.get()
    client_for(bob).post(reverse("skill_remove", args=[item.pk]))
    assert ProfileSkill.objects.filter(pk=item.pk).exists()


def test_skill_suggestions_list_catalogue_names(client: Any):
    response = client.get(reverse("skill_suggest"), {"skill": "k8s"})
    assert '<option value="Kubernetes">' in response.content.decode()


def test_workday_overlap_hours():
    assert workday_overlap_hours("Europe/Berlin", "Europe/Berlin") == 9
    assert workday_overlap_hours("Europe/Berlin", "Asia/Kolkata") == pytest.approx(5.5, abs=1)
    assert workday_overlap_hours("America/Los_Angeles", "Asia/Tokyo") <= 2


def test_community_only_profile_is_404_for_outsiders(alice, bob, charlie, client):
    url = reverse("profile_detail", args=[alice.profile.handle])
    assert client_for(bob).get(url).status_code == 200
    assert client_for(charlie).get(url).status_code == 404
    assert client.get(url).status_code == 404
    assert client_for(alice).get(url).status_code == 200


def test_public_profile_is_open_to_visitors(client, db):
    user = make_user("eve@example.com", "Eve Public", mentor=True)
    response = client.get(reverse("profile_detail", args=[user.profile.handle]))
    assert response.status_code == 200 and "Eve Public" in response.content.decode()


def test_profile_page_is_responsive_markup(client, db):
    user = make_user("eve@example.com", "Eve Public", mentor=True)
    body = client.get(reverse("profile_detail", args=[user.profile.handle])).content.decode()
    assert 'name="viewport"' in body and "width=device-width" in body


def test_new_profile_handles_are_unique(db):
    a = make_user("a@example.com", "Sam Lee")
    b = make_user("b@example.com", "Sam Lee")
    assert a.profile.handle != b.profile.handle
    assert Profile.objects.count() == 2


def test_old_zone_names_from_browsers_become_canonical(bob):
    from bitesize.profiles.choices import time_zone_names

    profile_update(profile=bob.profile, fields={"time_zone": "Asia/Calcutta"})
    assert bob.profile.time_zone == "Asia/Kolkata"
    assert "Asia/Calcutta" not in time_zone_names() and "Asia/Kathmandu" in time_zone_names()
    # A zone people know by its own name stays, even where the database links it elsewhere.
    profile_update(profile=bob.profile, fields={"time_zone": "Europe/Amsterdam"})
    assert bob.profile.time_zone == "Europe/Amsterdam"
