"""CSV import and export of producers and products for the consumer market department
(django-import-export). Rows are matched by slug (producers) and id (products); every row is
validated like a form (INN and OGRN checksums, choices), and an import is all or nothing."""

from import_export import fields, resources, widgets

from portal.csv import neutralise_dataset, restore
from producers.models import Category, ModerationStatus, Producer, Product
from producers.models.months import mask_of, months_of


class MonthsWidget(widgets.Widget):
    """Months as "1,2,12" in a cell."""

    def clean(self, value, row=None, **kwargs):
        if value in (None, ""):
            return 0
        try:
            numbers = [
                int(part) for part in str(value).replace(";", ",").split(",") if part.strip()
            ]
        except ValueError as error:
            raise ValueError("Месяцы: перечислите номера от 1 до 12 через запятую.") from error
        if any(not 1 <= number <= 12 for number in numbers):
            raise ValueError("Месяцы: номера от 1 до 12.")
        return mask_of(numbers)

    def render(self, value, obj=None, **kwargs):
        return ",".join(str(month) for month in months_of(value))


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

    class Meta:
        model = Producer
        import_id_fields = ["slug"]
        fields = [
            "slug",
            "name",
            "legal_form",
            "legal_name",
            "inn",
            "ogrn",
            "description",
            "categories",
            "district",
            "address",
            "latitude",
            "longitude",
            "phone",
            "email",
            "website",
            "vk_url",
            "telegram",
            "sells_in_own_shop",
            "sells_at_fairs",
            "delivers",
            "where_to_buy",
            "brand_certificate",
            "brand_valid_from",
            "brand_valid_until",
        ]
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

    class Meta:
        model = Product
        fields = [
            "id",
            "producer",
            "name",
            "category",
            "description",
            "unit",
            "price",
            "price_date",
            "months",
            "availability",
        ]
        export_order = fields
        clean_model_instances = True
        skip_unchanged = True


RESOURCES = {"producers": ProducerResource, "products": ProductResource}
