"""The team's report forms and the project office's decision form.

An evidence file is a PDF, JPEG or PNG, told by its first bytes (not its name) and refused over
the admin's document size limit before anything is read.
"""

from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

# First bytes of each accepted kind of evidence file.
EVIDENCE_MAGIC = {
    b"%PDF-": "application/pdf",
    b"\xff\xd8\xff": "image/jpeg",
    b"\x89PNG\r\n\x1a\n": "image/png",
}


def evidence_content_type(data):
    """The content type of an evidence file's first bytes, or None when it is not one we take."""
    for magic, content_type in EVIDENCE_MAGIC.items():
        if data.startswith(magic):
            return content_type
    return None


class EvidenceFileField(forms.FileField):
    def clean(self, data, initial=None):
        upload = super().clean(data, initial)
        if not upload:
            return upload
        limit = settings.WAGTAILDOCS_MAX_UPLOAD_SIZE
        if upload.size > limit:
            raise forms.ValidationError(
                _("The file is too large (%(size)s): at most %(limit)s.")
                % {"size": filesizeformat(upload.size), "limit": filesizeformat(limit)},
                code="file_too_large",
            )
        head = upload.read(8)
        upload.seek(0)
        if evidence_content_type(head) is None:
            raise forms.ValidationError(
                _("Attach a PDF document or a JPEG or PNG photo."), code="invalid_type"
            )
        return upload


class EvidenceForm(forms.Form):
    evidence_file = EvidenceFileField(
        label=_("Evidence file"),
        required=False,
        help_text=_("A document (PDF) or a photo (JPEG, PNG)."),
    )
    evidence_link = forms.URLField(
        label=_("Evidence link"),
        required=False,
        assume_scheme="https",
        help_text=_("A page where the result can be seen, if there is no file."),
    )
    comment = forms.CharField(
        label=_("Comment"),
        max_length=4000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class ControlPointReportForm(EvidenceForm):
    completed_on = forms.DateField(
        label=_("Completion date"), widget=forms.DateInput(attrs={"type": "date"})
    )
    field_order = ["completed_on", "evidence_file", "evidence_link", "comment"]


class IndicatorReportForm(EvidenceForm):
    year = forms.TypedChoiceField(label=_("Year"), coerce=int)
    value = forms.DecimalField(
        label=_("Actual value"), max_digits=14, decimal_places=2, localize=True
    )
    field_order = ["year", "value", "evidence_file", "evidence_link", "comment"]

    def __init__(self, *args, years=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [(year, str(year)) for year in years]


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[("accept", _("Accept")), ("return", _("Return for changes"))],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("Reason for return (sent to the team)"),
        max_length=4000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
