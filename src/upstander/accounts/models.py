"""User profiles and object permissions."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.db import models


class UserProfile(models.Model):
    """What Upstander knows about a user beyond Django's account: where they serve."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile"
    )
    unit = models.ForeignKey(
        "records.Unit",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The unit the user serves in; scopes what officers and supervisors can see.",
    )
    officer = models.OneToOneField(
        "records.Officer",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="user_profile",
        help_text="The officer record of a sworn member who signs in.",
    )

    def __str__(self) -> str:
        return f"Profile of {self.user}"


class ObjectPermission(models.Model):
    """Lets the members of some groups perform actions on objects of some types, within a scope.

    ``constraints`` is a JSON object of queryset lookups (or a list of them, OR-ed); the tokens
    ``$unit`` and ``$user`` are replaced with the acting user's unit id and user id.
    """

    name = models.CharField(max_length=200, unique=True)
    enabled = models.BooleanField(default=True)
    groups = models.ManyToManyField(Group, related_name="object_permissions", blank=True)
    object_types = models.ManyToManyField(ContentType, related_name="+")
    actions = models.JSONField(help_text='Actions allowed, e.g. ["view", "change"].')
    constraints = models.JSONField(
        null=True,
        blank=True,
        help_text="Queryset lookups limiting which objects; empty means all objects of the type.",
    )

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name
