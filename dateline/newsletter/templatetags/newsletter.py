"""Template helpers for the newsletter: country names and the sign-up box's choices."""

from __future__ import annotations

from typing import Any

from django import template

from dateline.geo import countries as geo

register = template.Library()


@register.filter
def country(code: str) -> str:
    """``"RU"`` → ``"Russia"`` (names only: flag emoji show as boxes or letters in many clients)."""
    found = geo.get(code) if code else None
    return found.name if found else (code or "").upper()


@register.simple_tag
def signup_choices(story: Any = None) -> list[dict[str, Any]]:
    """The sign-up box's country checkboxes for a story: its countries, primary pre-selected."""
    codes: list[str] = []
    if story is not None:
        primary = getattr(story, "primary_country", "") or ""
        secondary = list(getattr(story, "secondary_countries", []) or [])
        codes = [c for c in [primary, *secondary] if c]
    choices = []
    for position, code in enumerate(dict.fromkeys(c.upper() for c in codes)):
        found = geo.get(code)
        if found is not None:
            choices.append({"code": found.code, "label": found.name, "checked": position == 0})
        if len(choices) >= 3:
            break
    return choices
