"""StreamField blocks shared by every page type. Templates live in templates/blocks/."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageChooserBlock

RICH_TEXT_FEATURES = ["h2", "h3", "bold", "italic", "ol", "ul", "link", "document-link"]


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Heading"), max_length=200)
    level = blocks.ChoiceBlock(label=_("Level"), choices=[("h2", "H2"), ("h3", "H3")], default="h2")

    class Meta:
        icon = "title"
        label = _("Heading")
        template = "blocks/heading.html"


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("Image"))
    alt_text = blocks.CharBlock(
        label=_("Alternative text"),
        required=False,
        help_text=_("What the image shows, for people who cannot see it."),
    )
    caption = blocks.CharBlock(label=_("Caption"), required=False)

    class Meta:
        icon = "image"
        label = _("Image")
        template = "blocks/image.html"


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("Quote"))
    author = blocks.CharBlock(label=_("Author"), required=False)

    class Meta:
        icon = "openquote"
        label = _("Quote")
        template = "blocks/quote.html"


class VideoBlock(blocks.StructBlock):
    """A link to a video on an external host: no third-party player is embedded, so the page
    stays within the site's Content-Security-Policy and loads nothing from elsewhere."""

    url = blocks.URLBlock(label=_("Video address"))
    title = blocks.CharBlock(label=_("Video title"))
    duration = blocks.CharBlock(label=_("Duration"), required=False, max_length=20)

    class Meta:
        icon = "media"
        label = _("Video")
        template = "blocks/video.html"


class DocumentBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("Document"))
    title = blocks.CharBlock(label=_("Title"), required=False)

    class Meta:
        icon = "doc-full"
        label = _("Document")
        template = "blocks/document.html"


class PageLinkBlock(blocks.StructBlock):
    page = blocks.PageChooserBlock(label=_("Page"))
    text = blocks.TextBlock(label=_("Short description"), required=False)

    class Meta:
        icon = "link"
        label = _("Page card")


class SectionCardsBlock(blocks.StructBlock):
    """Cards leading to sections of the portal, on the home page and landing pages."""

    heading = blocks.CharBlock(label=_("Heading"), required=False)
    cards = blocks.ListBlock(PageLinkBlock(), label=_("Cards"))

    class Meta:
        icon = "list-ul"
        label = _("Section cards")
        template = "blocks/section_cards.html"


class BaseStreamBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(
        label=_("Text"), features=RICH_TEXT_FEATURES, template="blocks/paragraph.html"
    )
    image = ImageBlock()
    quote = QuoteBlock()
    video = VideoBlock()
    document = DocumentBlock()
    section_cards = SectionCardsBlock()


class MenuLinkBlock(blocks.StructBlock):
    page = blocks.PageChooserBlock(label=_("Page"), required=False)
    url = blocks.URLBlock(label=_("Or an address"), required=False)
    title = blocks.CharBlock(label=_("Menu text"), required=False)

    class Meta:
        icon = "link"
        label = _("Menu item")
