"""Forms of the producer cabinet: the profile, a product, a fair day to trade on."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.images import get_image_model

from portal import consent
from portal.uploads import ImageUploadField
from producers.models import Producer, Product


def save_picture(upload, title, user):
    """An uploaded picture as a Wagtail image (staff see it in the image library)."""
    Image = get_image_model()  # noqa: N806
    image = Image(title=title[:255], file=upload, uploaded_by_user=user)
    image.save()
    return image


class ProducerForm(forms.ModelForm):
    logo_file = ImageUploadField(label=_("Logo"), required=False)

    class Meta:
        model = Producer
        fields = [name for name in Producer.EDITABLE if name != "logo"]
        # What each field is, for autofill and for the keyboard a phone shows (a numeric one for
        # the INN and OGRN, which have no autofill of their own).
        widgets = {
            "name": forms.TextInput(attrs={"autocomplete": "organization"}),
            "legal_name": forms.TextInput(attrs={"autocomplete": "organization"}),
            "inn": forms.TextInput(attrs={"autocomplete": "off", "inputmode": "numeric"}),
            "ogrn": forms.TextInput(attrs={"autocomplete": "off", "inputmode": "numeric"}),
            "categories": forms.CheckboxSelectMultiple,
            "description": forms.Textarea(attrs={"rows": 5}),
            "address": forms.TextInput(attrs={"autocomplete": "street-address"}),
            "latitude": forms.NumberInput(attrs={"inputmode": "decimal"}),
            "longitude": forms.NumberInput(attrs={"inputmode": "decimal"}),
            "phone": forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
            "email": forms.EmailInput(attrs={"autocomplete": "email", "inputmode": "email"}),
            "website": forms.URLInput(attrs={"autocomplete": "url", "inputmode": "url"}),
            "vk_url": forms.URLInput(attrs={"autocomplete": "off", "inputmode": "url"}),
            "telegram": forms.TextInput(attrs={"autocomplete": "off"}),
            "where_to_buy": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, ask_consent=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.consent = consent.current("producer") if ask_consent else None
        if ask_consent:
            self.fields["consent"] = forms.BooleanField(
                label=_("I agree to the processing of my personal data"),
                help_text=self.consent.text,
                error_messages={
                    "required": _("Without your consent we cannot publish the profile.")
                },
            )

    def values(self, user):
        """The cleaned values of the moderated fields, with an uploaded logo saved."""
        values = {name: self.cleaned_data[name] for name in self._meta.fields}
        upload = self.cleaned_data.get("logo_file")
        if upload:
            values["logo"] = save_picture(upload, f"Логотип: {values['name']}", user)
        return values


class ProductForm(forms.ModelForm):
    photo_file = ImageUploadField(label=_("Photo"), required=False)

    class Meta:
        model = Product
        fields = [name for name in Product.EDITABLE if name != "image"]
        widgets = {
            "name": forms.TextInput(attrs={"autocomplete": "off"}),
            "description": forms.Textarea(attrs={"rows": 4}),
            "unit": forms.TextInput(attrs={"autocomplete": "off"}),
            "price": forms.NumberInput(attrs={"inputmode": "decimal"}),
            "price_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }

    def values(self, user):
        values = {name: self.cleaned_data[name] for name in self._meta.fields}
        upload = self.cleaned_data.get("photo_file")
        if upload:
            values["image"] = save_picture(upload, values["name"], user)
        return values
