"""What the news section keeps about a person (portal.personal_data): their news subscriptions."""

from django.utils.translation import gettext_lazy as _

from news.subscriptions import NEWS
from portal.personal_data import register
from portal.subscriptions import holding

register(holding(NEWS, _("News subscriptions"), order=51))
