"""News by e-mail (portal.subscriptions): a digest of a topic's news, or of all, daily or weekly."""

from django import forms
from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from taggit.models import Tag

from news.models import NewsIndexPage, NewsPage, NewsSubscription
from portal.public_url import absolute
from portal.section_pages import live_index_page
from portal.subscriptions import DigestItem, DigestSubscriptionForm, SubscriptionKind, register


def topics():
    """The topics a reader can subscribe to: those of live news."""
    live = Q(news_newspagetag_items__content_object__live=True)
    return Tag.objects.filter(live).distinct().order_by("name")


class NewsSubscriptionForm(DigestSubscriptionForm):
    topic = forms.ModelChoiceField(
        label=gettext_lazy("Topic"),
        queryset=Tag.objects.none(),
        required=False,
        empty_label=gettext_lazy("All topics"),
        to_field_name="slug",
        error_messages={"invalid_choice": gettext_lazy("Choose a topic from the list.")},
    )
    field_order = ["email", "topic", "frequency", "consent"]
    wanted_fields = ("frequency", "topic")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["topic"].queryset = topics()

    def wants(self):
        return {**super().wants(), "topic": self.cleaned_data["topic"]}


def digest_items(subscription, start, end):
    """News published or changed in [start, end), of the subscription's topic."""
    news = (
        NewsPage.objects.live()
        .public()
        .filter(last_published_at__gte=start, last_published_at__lt=end)
    )
    if subscription.topic_id is not None:
        news = news.filter(tagged_items__tag_id=subscription.topic_id)
    return [
        DigestItem(
            title=page.title,
            url=absolute(page.url),
            note=_("new") if page.first_published_at >= start else _("updated"),
        )
        for page in news.order_by("-last_published_at", "-pk").distinct()
    ]


def describe(subscription):
    topic = subscription.topic.name if subscription.topic_id else _("all topics")
    return _("news, %(topic)s, %(frequency)s") % {
        "topic": topic,
        "frequency": subscription.get_frequency_display().lower(),
    }


NEWS = register(
    SubscriptionKind(
        code="news",
        title=gettext_lazy("News by e-mail"),
        model=NewsSubscription,
        form=NewsSubscriptionForm,
        index_page=lambda: live_index_page(NewsIndexPage),
        digest_items=digest_items,
        describe=describe,
    )
)
