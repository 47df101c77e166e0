"""Forms of the policy library pages."""

from __future__ import annotations

from django import forms

from upstander.policies.models import Finding


class UploadForm(forms.Form):
    number = forms.CharField(
        max_length=80,
        label="Policy number",
        help_text='The agency\'s number, e.g. "General Order 1.06".',
    )
    title = forms.CharField(
        max_length=300, required=False, help_text="Leave empty to use the document's title."
    )
    label = forms.CharField(
        max_length=80, label="Version label", help_text='e.g. "2021" or "Rev. 3".'
    )
    document = forms.FileField(help_text="PDF, DOCX, HTML, Markdown or plain text.")
    published = forms.BooleanField(required=False, initial=True, label="Visible to the public")


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(
        choices=[("confirmed", "Confirm the finding"), ("overridden", "Override the status")]
    )
    status = forms.ChoiceField(choices=[("", "(keep)"), *Finding.Status.choices], required=False)
    reason = forms.CharField(max_length=500, widget=forms.Textarea(attrs={"rows": 3}))
