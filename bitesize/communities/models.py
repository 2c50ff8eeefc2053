from __future__ import annotations

from django.conf import settings
from django.db import models


class Community(models.Model):
    class Kind(models.TextChoices):
        ORGANISATION = "organisation", "Organisation"
        NETWORK = "network", "Network"

    class JoinPolicy(models.TextChoices):
        OPEN = "open", "Anyone signed in may join"
        INVITE = "invite", "By invitation of an admin"

    name = models.CharField(max_length=120)
    slug = models.SlugField(max_length=60, unique=True)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    description = models.TextField(blank=True)
    join_policy = models.CharField(max_length=10, choices=JoinPolicy.choices, default="invite")
    created_at = models.DateTimeField(auto_now_add=True)
    members = models.ManyToManyField(  # type: ignore[var-annotated]
        settings.AUTH_USER_MODEL,
        through="Membership",
        through_fields=("community", "user"),
        related_name="communities",
    )

    class Meta:
        ordering = ("name",)
        verbose_name_plural = "communities"

    def __str__(self) -> str:
        return self.name

    @property
    def is_listed(self) -> bool:
        """Open networks show to everyone signed in; anything else only to its members."""
        return self.join_policy == self.JoinPolicy.OPEN


class Membership(models.Model):
    class Role(models.TextChoices):
        MEMBER = "member", "Member"
        MENTOR = "mentor", "Mentor"
        ADMIN = "admin", "Admin"
        OWNER = "owner", "Owner"

    ADMIN_ROLES = (Role.ADMIN, Role.OWNER)

    community = models.ForeignKey(Community, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(max_length=10, choices=Role.choices, default=Role.MEMBER)
    # The member's manager in this community's reporting line (programs can keep a manager
    # from mentoring someone in their own line).
    reports_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    joined_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("community", "user")
        constraints = [
            models.UniqueConstraint(fields=("community", "user"), name="membership_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.user} in {self.community} ({self.role})"

    @property
    def is_admin(self) -> bool:
        return self.role in self.ADMIN_ROLES
