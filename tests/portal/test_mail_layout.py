"""Every e-mail the portal sends has one layout (portal.mail.compose): a plain-text part and an
HTML part made from the same text, the portal's name and public address in the footer, links
absolute; a subscription's letters end with the unsubscribe link."""

import re

import pytest
from django.conf import settings
from django.core import mail
from django.core.mail import send_mail as django_send_mail
from wagtail.admin.mail import send_mail as wagtail_send_mail

from portal import mail as portal_mail
from portal.models import OutboundEmail

pytestmark = pytest.mark.django_db
TEMPLATES = sorted(
    str(path.relative_to(settings.BASE_DIR / "templates")).removesuffix("_body.txt")
    for path in (settings.BASE_DIR / "templates").glob("**/mail/*_body.txt")
)
HREF = re.compile(r'href="([^"]*)"')


def html_part(message):
    [(html, mimetype)] = message.alternatives
    assert mimetype == "text/html"
    return html


def sent(capture, template, context=None, **kwargs):
    with capture(execute=True):
        portal_mail.send_templated("anna@example.org", template, context or {}, **kwargs)
    [message] = mail.outbox
    return message


def test_every_mail_template_is_found():
    assert "shelter/mail/application_submitted" in TEMPLATES
    assert "portal/mail/digest" in TEMPLATES
    assert len(TEMPLATES) >= 9


@pytest.mark.parametrize("template", TEMPLATES)
def test_every_template_is_sent_as_text_and_html_in_the_layout(
    template, django_capture_on_commit_callbacks
):
    message = sent(django_capture_on_commit_callbacks, template)
    for part in (message.body, html_part(message)):
        assert "Портал города Сочи" in part
        assert "http://testserver/" in part
    assert all(url.startswith("http://testserver/") for url in HREF.findall(html_part(message)))


def test_html_part_is_the_same_text_escaped_with_its_links(django_capture_on_commit_callbacks):
    context = {"name": "Анна <Смирнова>", "number": 7}
    message = sent(django_capture_on_commit_callbacks, "portal/mail/test_notice", context)
    html = html_part(message)
    assert "Анна &lt;Смирнова&gt;" in html and "<Смирнова>" not in html
    assert "Анна <Смирнова>" in message.body
    assert '<a href="http://testserver/"' in html


def test_subscription_letters_end_with_the_unsubscribe_link(django_capture_on_commit_callbacks):
    way_out = portal_mail.Unsubscribe(
        page_url="http://testserver/news/subscriptions/abc/unsubscribe/",
        one_click_url="http://testserver/unsubscribe/news/abc/",
    )
    message = sent(
        django_capture_on_commit_callbacks,
        "portal/mail/test_notice",
        {"name": "Анна", "number": 1},
        unsubscribe=way_out,
    )
    assert message.body.rstrip().endswith(f"Отписаться одним нажатием: {way_out.page_url}")
    assert f'href="{way_out.page_url}"' in html_part(message)
    assert message.extra_headers["List-Unsubscribe"].startswith(f"<{way_out.one_click_url}>")


def test_account_mails_from_allauth_use_the_layout(client, django_capture_on_commit_callbacks):
    signup = {
        "email": "anna@example.org",
        "password1": "Sochi-sea-2026!",
        "password2": "Sochi-sea-2026!",
        "consent": "on",
    }
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post("/accounts/signup/", signup).status_code == 302
    [message] = mail.outbox
    html = html_part(message)
    assert message.body.startswith("Портал города Сочи\n")
    assert "Здравствуйте!" in message.body
    assert "/accounts/confirm-email/" in html
    assert all(url.startswith("http://testserver/") for url in HREF.findall(html))


def test_a_message_queued_before_the_layout_is_still_sent_as_text(
    django_capture_on_commit_callbacks,
):
    message = sent(django_capture_on_commit_callbacks, "portal/mail/test_notice")
    email = portal_mail.OutboundEmail.objects.get()
    email.html_body = ""
    assert portal_mail._build(email).alternatives == []
    assert message.body == email.body


@pytest.fixture
def through_the_outbox(settings):
    """Mail sent through Django goes where production sends it (Django's test runner had put it
    straight into mail.outbox)."""
    settings.EMAIL_BACKEND = "portal.mail.OutboxBackend"
    return settings


def test_mail_sent_through_django_is_saved_not_sent_then_sent_in_the_layout(
    through_the_outbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        django_send_mail("Тема", "Ссылка: /admin/pages/", None, ["editor@sochi.example"])
    assert mail.outbox == []  # nothing talked to a mail server inside the caller's transaction
    [row] = OutboundEmail.objects.all()
    assert (row.to, row.template, row.status) == ("editor@sochi.example", "django", "pending")
    for callback in callbacks:
        callback()
    [message] = mail.outbox
    assert settings.WAGTAIL_SITE_NAME in message.body and html_part(message)


def test_wagtails_moderation_notices_go_through_the_outbox(through_the_outbox):
    wagtail_send_mail("Страница ждёт модерации", "Откройте очередь", ["moderator@sochi.example"])
    assert OutboundEmail.objects.get().subject == "Страница ждёт модерации"


def test_the_admins_password_reset_is_queued_not_sent_in_the_request(
    through_the_outbox, client, django_user_model
):
    django_user_model.objects.create_user(
        "editor", "editor@sochi.example", "Kiparis-2026-sochi", is_staff=True
    )
    response = client.post("/admin/password_reset/", {"email": "editor@sochi.example"})
    assert response.status_code == 302 and mail.outbox == []
    row = OutboundEmail.objects.get(to="editor@sochi.example")
    assert "/admin/password_reset/" in row.body and row.html_body
