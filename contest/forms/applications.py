"""The chair's forms: the ТОС registration, the application text and its photos and documents."""

from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from wagtail.images import get_image_model

from contest.applications import figures_as_text, figures_from_text
from contest.models import Tos
from portal.uploads import ImageUploadField

PDF_MAGIC = b"%PDF-"


class TosForm(forms.ModelForm):
    class Meta:
        model = Tos
        fields = [
            "name",
            "district",
            "territory",
            "decision_date",
            "decision_number",
            "chair_full_name",
            "contacts",
        ]
        widgets = {
            "decision_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "territory": forms.Textarea(attrs={"rows": 3}),
        }


class ApplicationForm(forms.Form):
    description = forms.CharField(
        label=_("Description of activity"),
        max_length=4000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    achievements = forms.CharField(
        label=_("Achievements over the year"),
        max_length=8000,
        required=False,
        help_text=_("Separate paragraphs with an empty line."),
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    figures = forms.CharField(
        label=_("Figures"),
        max_length=4000,
        required=False,
        help_text=_("One a line, as «label: value», e.g. «Субботников: 12»."),
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    photo = ImageUploadField(label=_("Add a photo"), required=False)
    photo_alt = forms.CharField(
        label=_("What the photo shows"),
        max_length=250,
        required=False,
        help_text=_("Required with a photo: read aloud to those who cannot see it."),
    )
    document = forms.FileField(label=_("Add a document (PDF)"), required=False)
    document_title = forms.CharField(label=_("Document title"), max_length=200, required=False)

    @classmethod
    def for_application(cls, application, data=None, files=None):
        initial = {
            "description": application.description,
            "achievements": application.achievements,
            "figures": figures_as_text(application.figures),
        }
        return cls(data, files, initial=initial)

    def clean_figures(self):
        return figures_from_text(self.cleaned_data["figures"])

    def clean_document(self):
        upload = self.cleaned_data.get("document")
        if not upload:
            return upload
        limit = settings.WAGTAILDOCS_MAX_UPLOAD_SIZE
        if upload.size > limit:
            raise forms.ValidationError(
                _("The file is too large (%(size)s): at most %(limit)s.")
                % {"size": filesizeformat(upload.size), "limit": filesizeformat(limit)}
            )
        head = upload.read(len(PDF_MAGIC))
        upload.seek(0)
        if not upload.name.lower().endswith(".pdf") or head != PDF_MAGIC:
            raise forms.ValidationError(_("Only PDF documents are accepted."))
        return upload

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("photo") and not cleaned.get("photo_alt", "").strip():
            self.add_error("photo_alt", _("Say what the photo shows."))
        if cleaned.get("document") and not cleaned.get("document_title", "").strip():
            self.add_error("document_title", _("Give the document a title."))
        return cleaned

    def new_image(self, user):
        """The uploaded photo saved as a Wagtail image (the chair is its uploader), or None."""
        upload = self.cleaned_data.get("photo")
        if not upload:
            return None
        image = get_image_model()(
            title=self.cleaned_data["photo_alt"][:255], file=upload, uploaded_by_user=user
        )
        image.save()
        return image
