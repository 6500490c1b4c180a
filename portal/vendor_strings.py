"""Wagtail's and django-import-export's own strings that the portal translates itself.

Our catalogue (LOCALE_PATHS) comes before the packages' catalogues, so a msgid translated there
wins. makemessages only reads our sources: naming the vendors' exact msgids here puts them into
locale/ru, where they get a translation (Wagtail 8's Russian catalogue lacks these, or gets them
wrong). Nothing imports this module."""

from django.utils.translation import gettext_noop, ngettext_lazy

VENDOR_STRINGS = [
    # wagtailadmin/pages/listing/_page_title_column_header.html: «1-25 of 25 страницы».
    gettext_noop("%(start_index)s-%(end_index)s of %(items_count)s %(model_name)s"),
    gettext_noop(
        "%(start_index)s-%(end_index)s of %(items_count)s %(model_name)s across entire site."
    ),
    gettext_noop(
        "%(start_index)s-%(end_index)s of %(items_count)s %(model_name)s in "
        "'<span class=\"w-title-ellipsis\">%(title)s</span>'."
    ),
    # wagtailadmin/shared/editing_sessions/: the notice when someone else edits the same record.
    gettext_noop("View latest version"),
    gettext_noop("Currently idle"),
    gettext_noop("Proceeding will overwrite the changes you made in that window."),
    gettext_noop("Proceeding will overwrite the changes made by %(user_name)s."),
    gettext_noop("Alternatively, you can view the latest version in a new tab."),
    gettext_noop("A network error occurred"),
    gettext_noop(
        "Troubleshoot your connection to the site before proceeding. Open the editor in a "
        "separate tab to view the last saved version."
    ),
    gettext_noop("Cancelled by %(cancelled_by)s"),
    gettext_noop("Locked by"),
    gettext_noop("Maximum filesize: %(max_upload_size)s."),
    gettext_noop("- Select an option -"),
    # wagtailadmin/shared/usage_summary.html on delete pages: «На питомец ссылались 1 раз».
    ngettext_lazy(
        "This %(model_name)s is referenced %(usage_count)s time.",
        "This %(model_name)s is referenced %(usage_count)s times.",
        "usage_count",
    ),
    gettext_noop("One or more references to this %(model_name)s prevent it from being deleted."),
    # The title of Wagtail's add pages: django-import-export's catalogue, loaded first, turns it
    # into «Добавлено» («Добавлено: Питомец» in the browser tab).
    gettext_noop("New"),
]
