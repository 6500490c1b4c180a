"""The resident's comment and report forms, and the moderator's refusal and answer forms."""

from django import forms
from django.utils.translation import gettext_lazy as _

from discussion.models import Comment, RefusalReason
from discussion.models.comments import DISPLAY_NAME_MAX_LENGTH, TEXT_MAX_LENGTH
from portal.forms import OwnIdsMixin

# Only staff answer as the administration (discussion.posting.post_official_answer).
RESERVED_NAME_PARTS = ("администрац", "модератор", "admin")


class CommentForm(forms.Form):
    display_name = forms.CharField(
        label=_("Name shown with the comment"),
        max_length=DISPLAY_NAME_MAX_LENGTH,
        min_length=2,
        help_text=_("Any name you like, e.g. «Марина с Мацесты». Your full name is not shown."),
    )
    text = forms.CharField(
        label=_("Comment"),
        max_length=TEXT_MAX_LENGTH,
        min_length=2,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Plain text; links are shown as links. Up to 2000 characters."),
    )
    parent = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)

    def clean_display_name(self):
        name = " ".join(self.cleaned_data["display_name"].split())
        if any(part in name.lower() for part in RESERVED_NAME_PARTS):
            raise forms.ValidationError(_("Choose another name: this one is for staff."))
        return name


def last_display_name(user):
    """The name the resident chose last time, offered again."""
    return (
        Comment.objects.filter(author=user, official=False)
        .order_by("-created_at")
        .values_list("display_name", flat=True)
        .first()
        or ""
    )


class ReportForm(forms.Form):
    reason = forms.CharField(
        label=_("What is wrong with this comment"), max_length=500, required=False
    )


class RefusalForm(OwnIdsMixin):
    # Shown beside the answer form on the moderator's page: both have a `text` field.
    id_prefix = "refusal"
    reason = forms.ChoiceField(
        label=_("Reason"), choices=RefusalReason.choices, widget=forms.RadioSelect
    )
    text = forms.CharField(
        label=_("Explanation for the author (required for «another reason»)"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class OfficialAnswerForm(OwnIdsMixin):
    id_prefix = "answer"
    text = forms.CharField(
        label=_("Answer of the administration"),
        max_length=TEXT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
