from django.core.cache import cache
from django.db.models import Count, Q
from django.template.response import TemplateResponse
from taggit.models import Tag

from news.filters import NewsFilter
from news.models import NewsPage
from news.subscriptions import NEWS
from portal import subscription_views
from portal.filtering import filter_or_400, offer_choices
from portal.pagination import paginate
from portal.search.facets import FacetOption

SIDEBAR_CACHE_KEY = "news:sidebar"
SIDEBAR_CACHE_SECONDS = 60 * 60


def news_list(request, index_page):
    """The news index: filtered by topic and year, paginated; invalid filters answer 400."""
    news = index_page.news()
    filterset = NewsFilter(request.GET, queryset=news)
    news, status = filter_or_400(filterset)
    cached = sidebar()
    offer_choices(filterset, "year", [date.year for date in cached["years"]])
    context = index_page.get_context(request)
    context.update(
        {
            "filterset": filterset,
            "facets": {"tag": topic_options(cached["topics"], filterset.form["tag"].data)},
            "news_page": paginate(request, news),
            "active_tag": Tag.objects.filter(slug=request.GET.get("tag", "")).first()
            if request.GET.get("tag")
            else None,
            **subscription_views.form_context(NEWS, topic=filterset.form["tag"].data),
        }
    )
    return TemplateResponse(request, "news/news_index_page.html", context, status=status)


def sidebar():
    """Topics with counts and the years that have news, for the filter sidebar.

    Both scan every live news item, so they are cached until news changes (news.signals).
    """
    cached = cache.get(SIDEBAR_CACHE_KEY)
    if cached is None:
        cached = {
            "topics": list(topics_with_counts()),
            "years": list(NewsPage.objects.live().public().dates("date", "year", order="DESC")),
        }
        cache.set(SIDEBAR_CACHE_KEY, cached, timeout=SIDEBAR_CACHE_SECONDS)
    return cached


def topic_options(topics, chosen):
    """The topics as the filter panel's options; counted over all live news (the cached sidebar),
    not narrowed by the chosen year."""
    return [
        FacetOption(topic.slug, topic.name, topic.news_count, topic.slug == chosen)
        for topic in topics
    ]


def topics_with_counts():
    """Topics that have live news, with how many each, in one query."""
    live = Q(news_newspagetag_items__content_object__live=True)
    return (
        Tag.objects.annotate(news_count=Count("news_newspagetag_items", filter=live, distinct=True))
        .filter(news_count__gt=0)
        .order_by("name")
    )
