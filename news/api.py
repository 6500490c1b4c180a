"""News through the API (/api/v1/news/): the live, public news items of the news section, newest
first, with the news list's filters (news.filters.NewsFilter: ?tag=&year=), and each item as its
page shows it.

The body is served as HTML rendered as on the page, not as the StreamField's JSON: the JSON
holds the editors' block structure and internal ids (images, documents, pages linked from rich
text, drafts and private pages among them) that no public address resolves; the HTML has every
link and image at its public address. Drafts, unpublished and scheduled items, and items under
a view restriction are neither listed nor served."""

from django.db.models import Prefetch, prefetch_related_objects
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from news.filters import NewsFilter
from news.models import NewsIndexPage, NewsPage, NewsPageRelatedPage
from portal.api.fields import (
    HTMLField,
    PageAddressField,
    RenditionSerializer,
    page_address,
    rendition,
)
from portal.api.lists import records_viewset
from portal.section_pages import live_index_page

IMAGE_SPEC = "width-1200|format-webp"


class TopicSerializer(serializers.Serializer):
    slug = serializers.CharField()
    name = serializers.CharField()


class NewsItemSerializer(serializers.ModelSerializer):
    url = PageAddressField()
    topics = TopicSerializer(source="tags.all", many=True, read_only=True)
    image = serializers.SerializerMethodField(help_text="Главное изображение новости")

    class Meta:
        model = NewsPage
        fields = [
            "id",
            "url",
            "title",
            "date",
            "lead",
            "topics",
            "image",
            "first_published_at",
            "last_published_at",
        ]
        extra_kwargs = {
            "date": {"help_text": "Дата новости, как на сайте"},
            "first_published_at": {"help_text": "Когда новость впервые опубликована"},
            "last_published_at": {"help_text": "Когда опубликована последняя правка"},
        }

    @extend_schema_field(RenditionSerializer(allow_null=True))
    def get_image(self, item):
        return rendition(item.main_image, IMAGE_SPEC) if item.main_image else None


class RelatedPageSerializer(serializers.Serializer):
    title = serializers.CharField()
    url = serializers.URLField()


class NewsItemDetailSerializer(NewsItemSerializer):
    body = HTMLField(help_text="Текст новости в HTML, как на её странице")
    related = serializers.SerializerMethodField(help_text="«См. также»: опубликованные страницы")

    class Meta(NewsItemSerializer.Meta):
        fields = [*NewsItemSerializer.Meta.fields, "body", "related"]

    @extend_schema_field(RelatedPageSerializer(many=True))
    def get_related(self, item):
        request = self.context.get("request")
        return [
            {"title": link.related_page.title, "url": page_address(link.related_page, request)}
            for link in item.related_pages.all()
            if link.related_page.live and page_address(link.related_page, request)
        ]


def published_news():
    """The news the news list shows: live, public, under the live news index, newest first."""
    index_page = live_index_page(NewsIndexPage)
    return index_page.news() if index_page else NewsPage.objects.none()


def with_related_pages(items, *, detail):
    if detail:
        related = NewsPageRelatedPage.objects.select_related("related_page").order_by("sort_order")
        prefetch_related_objects(items, Prefetch("related_pages", queryset=related))
    return items


NewsViewSet = records_viewset(
    name="NewsItem",
    queryset=published_news,
    serializer=NewsItemSerializer,
    detail_serializer=NewsItemDetailSerializer,
    filterset_class=NewsFilter,
    prepare=with_related_pages,
)
