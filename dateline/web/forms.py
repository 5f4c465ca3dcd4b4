"""The report-a-problem form."""

from __future__ import annotations

from django import forms

from dateline.stories.models import Story


class ReportForm(forms.Form):
    """What a reader tells us about a problem; the story is optional."""

    story = forms.CharField(required=False, widget=forms.HiddenInput, max_length=120)
    url = forms.CharField(
        required=False,
        max_length=2000,
        label="Page",
        help_text="The address of the page, if it is about one.",
    )
    message = forms.CharField(
        max_length=5000, widget=forms.Textarea(attrs={"rows": 6}), label="What is wrong?"
    )
    email = forms.EmailField(
        required=False, label="Your email (optional)", help_text="Only if you would like an answer."
    )

    def clean_story(self) -> Story | None:
        slug = self.cleaned_data.get("story") or ""
        if not slug:
            return None
        return Story.objects.filter(slug=slug).first()

    def clean_message(self) -> str:
        message = self.cleaned_data["message"].replace("\x00", "").strip()
        if not message:
            raise forms.ValidationError("Please say what is wrong.")
        return message
