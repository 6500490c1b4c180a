from django.db.models import Count, Q
from django.template.response import TemplateResponse
from taggit.models import Tag

from news.filters import NewsFilter
from news.models import NewsPage
from portal.pagination import paginate


def news_list(request, index_page):
    """The news index: filtered by topic and year, paginated; invalid filters answer 400."""
    news = index_page.news()
    filterset = NewsFilter(request.GET, queryset=news)
    status = 200
    if filterset.is_valid():
        news = filterset.qs
    else:
        status = 400
        news = news.none()
    context = index_page.get_context(request)
    context.update(
        {
            "filterset": filterset,
            "news_page": paginate(request, news),
            "topics": topics_with_counts(),
            "years": NewsPage.objects.live().public().dates("date", "year", order="DESC"),
            "active_tag": Tag.objects.filter(slug=request.GET.get("tag", "")).first()
            if request.GET.get("tag")
            else None,
        }
    )
    return TemplateResponse(request, "news/news_index_page.html", context, status=status)


def topics_with_counts():
    """Topics that have live news, with how many each, in one query."""
    live = Q(news_newspagetag_items__content_object__live=True)
    return (
        Tag.objects.annotate(news_count=Count("news_newspagetag_items", filter=live, distinct=True))
        .filter(news_count__gt=0)
        .order_by("name")
    )
