"""CSV import and export of producers and products for the consumer market department
(django-import-export). Rows are matched by slug (producers) and id (products); every row is
validated like a form (INN and OGRN checksums, choices), and an import is all or nothing.

Cells read as staff read the admin: choices and districts by their labels, months as «март –
октябрь», «да»/«нет»; an import takes those and the stored values ("farm", "3,4,5", 1) alike, so an
exported file edited in a spreadsheet imports back."""

import re

from django.utils.dates import MONTHS, MONTHS_ALT
from django.utils.translation import gettext_lazy
from import_export import fields, resources, widgets

from portal.admin_columns import months_label
from portal.bitsets import mask_of
from portal.csv import neutralise_dataset, restore
from portal.districts import District
from producers.models import Category, ModerationStatus, Producer, Product
from producers.models.catalog import Availability, LegalForm


class MonthsWidget(widgets.Widget):
    """Months as staff read them: «март – октябрь» or «январь, июль» (portal.admin_columns).

    An import takes that, month numbers ("1,2,12") and ranges of numbers ("3-10") alike."""

    def clean(self, value, row=None, **kwargs):
        if value in (None, ""):
            return 0
        numbers = []
        for part in str(value).replace(";", ",").split(","):
            part = part.strip()
            if not part:
                continue
            ends = [end.strip() for end in RANGE.split(part)]
            if len(ends) == 2 and all(ends):
                numbers.extend(_month_range(_month(ends[0]), _month(ends[1])))
            else:
                numbers.append(_month(part))
        return mask_of(numbers)

    def render(self, value, obj=None, **kwargs):
        return "" if not value else months_label(value)


# "март – октябрь", "3-10", "ноябрь—февраль": a range between two months.
RANGE = re.compile(r"\s*[–—-]\s*")


def _month(text):
    names = {str(name).lower(): number for number, name in MONTHS.items()}
    names.update({str(name).lower(): number for number, name in MONTHS_ALT.items()})
    if text.lower() in names:
        return names[text.lower()]
    try:
        number = int(text)
    except ValueError as error:
        raise ValueError(
            "Месяцы: перечислите месяцы через запятую («март – октябрь» или «3, 4, 5»)."
        ) from error
    if not 1 <= number <= 12:
        raise ValueError("Месяцы: номера от 1 до 12.")
    return number


def _month_range(first, last):
    """Months from `first` to `last` inclusive, across the new year when `last` comes first."""
    months = [first]
    while months[-1] != last:
        months.append(months[-1] % 12 + 1)
    return months


class ChoiceWidget(widgets.Widget):
    """A choice as its label («Крестьянское (фермерское) хозяйство», «Хостинский»); an import
    takes the label or the stored value. Anything else is left for the model to refuse."""

    def __init__(self, choices, **kwargs):
        super().__init__(**kwargs)
        self.choices = choices

    def clean(self, value, row=None, **kwargs):
        if value in (None, ""):
            return ""
        text = str(value).strip()
        for key, label in self.choices:
            if text == str(key) or text.lower() == str(label).lower():
                return key
        return text

    def render(self, value, obj=None, **kwargs):
        return dict(self.choices).get(value, value) if value not in (None, "") else ""


class YesNoWidget(widgets.BooleanWidget):
    """«да»/«нет» in a cell; an import also takes 1/0 and true/false."""

    def clean(self, value, row=None, **kwargs):
        if isinstance(value, str) and value.strip().lower() in (str(YES), "да", "yes"):
            return True
        if isinstance(value, str) and value.strip().lower() in (str(NO), "нет", "no"):
            return False
        return bool(super().clean(value, row=row, **kwargs))

    def render(self, value, obj=None, **kwargs):
        if value is None:
            return ""
        return str(YES) if value else str(NO)


YES, NO = gettext_lazy("yes"), gettext_lazy("no")


def labelled(name, widget):
    return fields.Field(attribute=name, column_name=name, widget=widget)


class SpreadsheetSafe:
    """Exports with formula cells neutralised (portal.csv), and imports that take the escape off
    again, so a file exported, edited in a spreadsheet and imported keeps its values."""

    def export(self, *args, **kwargs):
        return neutralise_dataset(super().export(*args, **kwargs))

    def before_import(self, dataset, **kwargs):
        rows = [[restore(cell) for cell in row] for row in dataset]
        del dataset[:]
        dataset.extend(rows)
        super().before_import(dataset, **kwargs)


class PublishedOnImport:
    """What staff import is published at once: they are the moderators."""

    def before_save_instance(self, instance, row, **kwargs):
        instance.status = ModerationStatus.PUBLISHED
        instance.is_live = True


class ProducerResource(SpreadsheetSafe, PublishedOnImport, resources.ModelResource):
    categories = fields.Field(
        attribute="categories",
        column_name="categories",
        widget=widgets.ManyToManyWidget(Category, field="slug", separator=","),
    )
    legal_form = labelled("legal_form", ChoiceWidget(LegalForm.choices))
    district = labelled("district", ChoiceWidget(District.choices))
    sells_in_own_shop = labelled("sells_in_own_shop", YesNoWidget())
    sells_at_fairs = labelled("sells_at_fairs", YesNoWidget())
    delivers = labelled("delivers", YesNoWidget())

    class Meta:
        model = Producer
        import_id_fields = ["slug"]
        fields = list(Producer.PUBLIC_FIELDS)
        export_order = fields
        clean_model_instances = True
        skip_unchanged = True


class ProductResource(SpreadsheetSafe, PublishedOnImport, resources.ModelResource):
    producer = fields.Field(
        attribute="producer",
        column_name="producer",
        widget=widgets.ForeignKeyWidget(Producer, field="slug"),
    )
    category = fields.Field(
        attribute="category",
        column_name="category",
        widget=widgets.ForeignKeyWidget(Category, field="slug"),
    )
    months = fields.Field(attribute="months", column_name="months", widget=MonthsWidget())
    availability = labelled("availability", ChoiceWidget(Availability.choices))

    class Meta:
        model = Product
        fields = ["id", "producer", *Product.PUBLIC_FIELDS]
        export_order = fields
        clean_model_instances = True
        skip_unchanged = True


RESOURCES = {"producers": ProducerResource, "products": ProductResource}
