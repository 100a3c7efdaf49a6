"""The registry of stack profiles: the one place a profile is listed and looked up by name."""

from __future__ import annotations

from commissioning.errors import ConfigError
from commissioning.observe.profiles.base import Profile, ProfileResult
from commissioning.observe.profiles.django import DJANGO
from commissioning.observe.profiles.drizzle import DRIZZLE
from commissioning.observe.profiles.prisma import PRISMA
from commissioning.observe.profiles.rails import RAILS
from commissioning.observe.profiles.sqlalchemy import SQLALCHEMY
from commissioning.observe.profiles.supabase import SUPABASE

PROFILES: tuple[Profile, ...] = (DRIZZLE, PRISMA, SUPABASE, SQLALCHEMY, DJANGO, RAILS,)

__all__ = ["PROFILES", "Profile", "ProfileResult", "profile_by_name"]


def profile_by_name(name: str) -> Profile:
    for profile in PROFILES:
        if profile.name == name:
            return profile
    known = ", ".join(sorted(p.name for p in PROFILES))
    raise ConfigError(f"unknown profile {name!r}; known profiles: {known}",
                      key="venture.profiles",
                      hint="list known profiles under [venture] profiles, or leave it empty "
                           "to detect them")
