"""Site-wide settings editors keep in the admin: contacts, social links, footer and main menu."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import StreamField

from portal.blocks import MenuLinkBlock
from portal.fields import HttpsURLField
from portal.slugs import LatinSlugPage


@register_setting(icon="site")
class SiteSettings(BaseSiteSetting):
    organisation = models.CharField(
        _("organisation"), max_length=255, default="Администрация города Сочи"
    )
    address = models.CharField(_("address"), max_length=255, blank=True)
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    reception_hours = models.CharField(_("reception hours"), max_length=255, blank=True)
    vk_url = HttpsURLField(_("VK"), blank=True)
    telegram_url = HttpsURLField(_("Telegram"), blank=True)
    ok_url = HttpsURLField(_("Odnoklassniki"), blank=True)
    rutube_url = HttpsURLField(_("RuTube"), blank=True)
    footer_text = models.TextField(_("footer text"), blank=True)

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("organisation"),
                FieldPanel("address"),
                FieldPanel("phone"),
                FieldPanel("email"),
                FieldPanel("reception_hours"),
            ],
            heading=_("Contacts"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("vk_url"),
                FieldPanel("telegram_url"),
                FieldPanel("ok_url"),
                FieldPanel("rutube_url"),
            ],
            heading=_("Social networks"),
        ),
        FieldPanel("footer_text"),
    ]

    class Meta:
        verbose_name = _("site settings")

    def social_links(self):
        links = [
            ("ВКонтакте", self.vk_url),
            ("Telegram", self.telegram_url),
            ("Одноклассники", self.ok_url),
            ("RuTube", self.rutube_url),
        ]
        return [(name, url) for name, url in links if url]


@register_setting(icon="list-ul")
class MainMenu(BaseSiteSetting):
    items = StreamField([("link", MenuLinkBlock())], blank=True, verbose_name=_("items"))

    panels = [FieldPanel("items")]

    class Meta:
        verbose_name = _("main menu")

    def links(self):
        """(title, url) pairs; a page link without its own text uses the page title."""
        result = []
        for block in self.items:
            page, url, title = block.value["page"], block.value["url"], block.value["title"]
            if page is not None and page.live:
                result.append((title or page.title, page.url))
            elif url:
                result.append((title or url, url))
        return result


def ensure_site_settings(site):
    """The site's settings and menu rows, made with the site (post_save of Site) and for every
    site after each migrate: Wagtail would otherwise create them on the site's first page view,
    a write on a read path."""
    for setting in (SiteSettings, MainMenu):
        setting.objects.get_or_create(site=site)


def ensure_site_settings_on_save(sender, instance, created=False, raw=False, **kwargs):
    if created and not raw:
        ensure_site_settings(instance)


def ensure_site_settings_after_migrate(sender, app_config=None, using="default", **kwargs):
    # post_migrate fires once per app; this app's carries the settings tables.
    if app_config is not None and app_config.label == "portal":
        from wagtail.models import Site

        for site in Site.objects.using(using):
            ensure_site_settings(site)


class PageMetaMixin(LatinSlugPage):
    """What share previews (Open Graph) and search results show for a page of this type; shared
    by every page type, it also gives them Latin slugs (portal.slugs)."""

    meta_type = "website"
    summary_field = "intro"
    image_field = None

    @property
    def meta_description(self):
        return self.search_description or getattr(self, self.summary_field, "")

    @property
    def meta_image(self):
        return getattr(self, self.image_field) if self.image_field else None


class OutboundEmail(models.Model):
    """An e-mail the portal owes someone, saved before any attempt to send it (portal.mail).

    Saving first means a failing mail server never loses a message (nor what the user submitted):
    the row stays pending and is retried; staff can see what is stuck.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("pending")
        # Claimed by one sender, which is talking to the mail server right now.
        SENDING = "sending", _("sending")
        SENT = "sent", _("sent")
        FAILED = "failed", _("failed")
        # The sender stopped mid-send (killed, or the database failed while recording "sent"):
        # the message may have gone out, so it is never re-sent automatically (portal.mail).
        UNCONFIRMED = "unconfirmed", _("delivery unconfirmed")

    to = models.EmailField(_("to"))
    subject = models.CharField(_("subject"), max_length=255)
    body = models.TextField(_("body"))
    # The same message in the HTML layout (portal.mail.compose), sent as the alternative part.
    # db_default: rows written by other means than the ORM (a worker of the previous release)
    # get an empty one and are sent as text.
    html_body = models.TextField(_("HTML body"), blank=True, default="", db_default="")
    headers = models.JSONField(_("headers"), default=dict, blank=True)
    reply_to = models.EmailField(_("reply to"), blank=True)
    template = models.CharField(_("template"), max_length=100)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    claimed_at = models.DateTimeField(_("claimed"), null=True, blank=True)
    # When the next attempt is due after a failure; the safety net leaves the row alone until then.
    retry_at = models.DateTimeField(_("next attempt"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)

    class Meta:
        verbose_name = _("outbound e-mail")
        verbose_name_plural = _("outbound e-mails")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.to}: {self.subject}"


class SubscriptionDigest(models.Model):
    """A digest that was built for one subscription and one period (portal.digests).

    The unique constraint is the guarantee that a period's digest goes out once: a re-run, a
    second worker or a retry that tries to build it again fails to insert its row, and the row
    and the queued e-mail are committed together.
    """

    kind = models.CharField(_("subscription kind"), max_length=30)
    subscription_id = models.PositiveBigIntegerField(_("subscription"))
    period_start = models.DateTimeField(_("period start"))
    email = models.ForeignKey(
        OutboundEmail,
        verbose_name=_("e-mail"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("subscription digest")
        verbose_name_plural = _("subscription digests")
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "subscription_id", "period_start"],
                name="portal_digest_once_per_period",
            )
        ]

    def __str__(self):
        return f"{self.kind} #{self.subscription_id}: {self.period_start:%Y-%m-%d}"
