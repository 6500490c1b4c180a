"""Snippets in the admin speak of their records in whole sentences.

Wagtail builds its buttons, titles and messages by putting a model's verbose_name into one
sentence for every model: «Добавить питомец», «Новый: Питомец», «Питомец 'Шарик' создана»,
«Не удалось сохранить заявка», «Выбрать питомец», «60 питомцы». Russian needs the noun in the
case and gender the sentence asks for, so every snippet viewset of the portal names its own
sentences in a `Wording` (English source, Russian in the catalogue), and `PortalSnippetViewSet`
hands them to Wagtail's views, its chooser and its paginator.

`PortalSnippetViewSet` also shows list_display fields and the listing's CSV/XLSX export through
`portal.admin_columns.value_label`: labels of choices, «да»/«нет», months, «—» for nothing.
"""

import dataclasses
import datetime

from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from wagtail.admin.paginator import WagtailPaginator
from wagtail.admin.ui.tables import Column
from wagtail.snippets.views import snippets as snippet_views
from wagtail.snippets.widgets import AdminSnippetChooser

from portal import admin_permissions
from portal.admin_columns import LabelColumn, model_field, value_label
from portal.bitsets import MonthSetField
from portal.russian import inner_quotes

# Sentences with no noun in them, shared by every snippet.
NOTHING_YET = _("Nothing here yet.")
NOTHING_FOUND = _("Nothing matches the search or the filters.")
CHOOSE_ANOTHER = _("Choose another")
EDIT_CHOSEN = _("Edit")


@dataclasses.dataclass(frozen=True)
class Wording:
    """The sentences the admin says about one model; `%(object)s` is the record's title.

    `count` is an ngettext_lazy("%(count)s pet", "%(count)s pets", "count").
    """

    add: str  # button and add page: "Add a pet" → «Добавить питомца»
    new: str  # heading of the add page: "New pet" → «Новый питомец»
    created: str  # "Pet «%(object)s» added."
    updated: str  # "Pet «%(object)s» saved."
    deleted: str  # "Pet «%(object)s» deleted."
    not_saved: str  # "The pet could not be saved: correct the errors below."
    choose: str  # chooser button and modal: "Choose a pet" → «Выбрать питомца»
    delete: str  # question on the delete page: "Delete the pet «%(object)s»?"
    count: str  # footer of the listing: «60 питомцев»

    def count_label(self, count):
        return self.count % {"count": count}


class WordedPaginator(WagtailPaginator):
    wording = None

    @cached_property
    def items_count_label(self):
        if self.wording is None:
            return super().items_count_label
        return self.wording.count_label(self.count)


class IndexView(snippet_views.IndexView):
    """Listing: fields by their labels, the add button and the counts in whole sentences, and the
    export with labels and local times."""

    wording = None
    column_labels = {}  # headings in place of a field's verbose_name: {"name": _("Applicant")}

    @cached_property
    def columns(self):
        columns = super().columns
        for column in columns:
            if getattr(column, "name", None) in self.column_labels:
                column.label = self.column_labels[column.name]
        return columns

    def _get_custom_column(self, field_name, column_class=Column, **kwargs):
        column = super()._get_custom_column(field_name, column_class, **kwargs)
        if column_class is not Column or model_field(self.model, field_name) is None:
            return column  # the title column, or a method of the model
        return LabelColumn(
            field_name,
            field=model_field(self.model, field_name),
            label=column.label,
            sort_key=column.sort_key,
        )

    @cached_property
    def add_item_label(self):
        if self.wording is None:
            return super().add_item_label
        return capfirst(self.wording.add)

    @cached_property
    def no_results_message(self):
        if self.wording is None:
            return super().no_results_message
        return NOTHING_FOUND if self.is_searching or self.is_filtering else NOTHING_YET

    def get_paginator(self, *args, **kwargs):
        paginator = super().get_paginator(*args, **kwargs)
        if isinstance(paginator, WordedPaginator):
            paginator.wording = self.wording
        return paginator

    def to_row_dict(self, item):
        row = super().to_row_dict(item)
        for name, value in row.items():
            field = model_field(self.model, name)
            if field is not None and (field.choices or field.is_relation or _is_set(field)):
                row[name] = "" if value in (None, "") else value_label(field, value)
            elif isinstance(value, bool):
                row[name] = value_label(field, value)
            elif isinstance(value, datetime.datetime) and timezone.is_aware(value):
                row[name] = timezone.localtime(value).replace(tzinfo=None, microsecond=0)
        return row


def _is_set(field):
    return isinstance(field, MonthSetField)


class WordedFormMixin:
    wording = None

    def get_page_title(self):
        if self.wording is not None and getattr(self, "view_name", "") == "create":
            return capfirst(self.wording.new)
        return super().get_page_title()

    def get_page_subtitle(self):
        if self.wording is not None and getattr(self, "view_name", "") == "create":
            return None
        return super().get_page_subtitle()

    def get_breadcrumbs_items(self):
        items = super().get_breadcrumbs_items()
        if self.wording is not None and getattr(self, "view_name", "") == "create" and items:
            items = [*items[:-1], {**items[-1], "label": capfirst(self.wording.new)}]
        return items

    def get_success_message(self, *args):
        message = super().get_success_message(*args)
        if self.wording is None or message is None:
            return message
        instance = args[0] if args else self.object
        sentence = self.wording.created if self.view_name == "create" else self.wording.updated
        return capfirst(sentence % {"object": inner_quotes(instance)})

    def get_error_message(self):
        message = super().get_error_message()
        if self.wording is None or message is None or self.expects_json_response:
            return message
        return capfirst(self.wording.not_saved)


class CreateView(WordedFormMixin, snippet_views.CreateView):
    pass


class CopyView(WordedFormMixin, snippet_views.CopyView):
    pass


class EditView(WordedFormMixin, snippet_views.EditView):
    pass


class DeleteView(snippet_views.DeleteView):
    wording = None

    @property
    def confirmation_message(self):
        if self.wording is None:
            return super().confirmation_message
        return capfirst(self.wording.delete % {"object": inner_quotes(self.object)})

    def get_success_message(self):
        if self.wording is None or self.success_message is None:
            return super().get_success_message()
        return capfirst(self.wording.deleted % {"object": inner_quotes(self.object)})


class SnippetChooser(AdminSnippetChooser):
    """Wagtail's snippet chooser widget puts the verbose_name into its buttons in __init__;
    a worded viewset's widget keeps the sentences of its wording instead."""

    worded = False

    def __init__(self, *args, **kwargs):
        texts = {
            name: getattr(type(self), name)
            for name in ("choose_one_text", "choose_another_text", "link_to_chosen_text")
        }
        super().__init__(*args, **kwargs)
        if self.worded:
            for name, text in texts.items():
                setattr(self, name, text)


class ChooseView(admin_permissions.ChooseView):
    worded = False

    @property
    def page_subtitle(self):
        return None if self.worded else super().page_subtitle


class ChooserViewSet(admin_permissions.GuardedSnippetChooserViewSet):
    choose_view_class = ChooseView
    base_widget_class = SnippetChooser
    wording = None

    def get_common_view_kwargs(self, **kwargs):
        return super().get_common_view_kwargs(worded=self.wording is not None, **kwargs)

    @cached_property
    def widget_class(self):
        widget = super().widget_class
        widget.worded = self.wording is not None
        return widget


class PortalSnippetViewSet(admin_permissions.GuardedSnippetViewSet):
    """The base of the portal's snippet viewsets: labels for stored values, and `wording`."""

    wording: Wording | None = None
    column_labels = {}
    index_view_class = IndexView
    add_view_class = CreateView
    copy_view_class = CopyView
    edit_view_class = EditView
    delete_view_class = DeleteView
    chooser_viewset_class = ChooserViewSet

    def get_common_view_kwargs(self, **kwargs):
        return super().get_common_view_kwargs(wording=self.wording, **kwargs)

    def get_index_view_kwargs(self, **kwargs):
        return super().get_index_view_kwargs(
            paginator_class=WordedPaginator, column_labels=self.column_labels, **kwargs
        )

    @cached_property
    def index_results_template_name(self):
        if self.wording is None:
            return super().index_results_template_name
        # «Пока ничего нет.» with the add button, not «Нет питомцы для отображения».
        return "portal/admin/index_results.html"

    @property
    def chooser_viewset(self):
        extra = {}
        if self.wording is not None:
            extra = {
                "wording": self.wording,
                "page_title": capfirst(self.wording.choose),
                "choose_one_text": capfirst(self.wording.choose),
                "choose_another_text": CHOOSE_ANOTHER,
                "edit_item_text": EDIT_CHOSEN,
            }
        return self.chooser_viewset_class(
            self.get_chooser_admin_url_namespace(),
            model=self.model,
            url_prefix=self.get_chooser_admin_base_path(),
            icon=self.icon,
            per_page=self.chooser_per_page,
            **extra,
        )
