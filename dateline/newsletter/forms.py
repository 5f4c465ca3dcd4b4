"""Sign-up and preferences forms: plain server-rendered HTML forms, no JavaScript needed."""

from __future__ import annotations

from typing import Any

from django import forms

from dateline.geo import countries as geo
from dateline.newsletter import core


def country_choices() -> list[tuple[str, str]]:
    """Every country as (code, "France"), sorted by name."""
    return [(c.code, c.name) for c in geo.all_countries()]


class ChoiceForm(forms.Form):
    """The countries to follow and/or the top stories worldwide; nothing chosen = worldwide."""

    countries = forms.MultipleChoiceField(
        required=False,
        label="Countries to follow",
        help_text=f"Up to {core.MAX_COUNTRIES}.",
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )
    worldwide = forms.BooleanField(required=False, label="Top stories worldwide")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["countries"].choices = country_choices()  # type: ignore[attr-defined]

    def clean_countries(self) -> list[str]:
        codes = core.clean_codes(self.cleaned_data.get("countries") or [], limit=10_000)
        if len(codes) > core.MAX_COUNTRIES:
            raise forms.ValidationError(f"Choose at most {core.MAX_COUNTRIES} countries.")
        return codes

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("countries"):
            data["worldwide"] = True
        return data


class SubscribeForm(ChoiceForm):
    """Email address plus choices."""

    email = forms.EmailField(max_length=254, label="Email address")

    field_order = ["email", "countries", "worldwide"]

    def clean_email(self) -> str:
        address = str(self.cleaned_data["email"]).strip().lower()
        problem = core.email_domain_problem(address)
        if problem:
            raise forms.ValidationError(problem)
        return address


class PreferencesForm(ChoiceForm):
    """Choices plus a pause switch."""

    paused = forms.BooleanField(required=False, label="Pause the newsletter for now")
