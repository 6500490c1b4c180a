"""Staff side: who may use the moderation queue and CSV, deciding, and the all-or-nothing import."""

import pytest
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from portal.roles import CONSUMER_MARKET, STAFF_GROUPS
from producers.models import ModerationStatus, Producer
from tests.producers.factories import CategoryFactory, ProducerFactory, ProductFactory, UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("directory")]
ROLES = ["anonymous", "citizen", *STAFF_GROUPS, "superuser"]


def sign_in(client, role):
    if role == "anonymous":
        return None
    if role == "superuser":
        user = UserFactory(is_staff=True, is_superuser=True)
    elif role == "citizen":
        user = UserFactory()
    else:
        user = UserFactory(is_staff=True)
        user.groups.add(Group.objects.get(name=role))
    client.force_login(user)
    return user


@pytest.fixture
def pending():
    product = ProductFactory(status=ModerationStatus.DRAFT, is_live=False)
    return product.submit(by=None)


def allowed(role):
    return role in (CONSUMER_MARKET, "superuser")


def refused_to(role, url):
    """Where the admin sends someone it refuses: to sign in (and back) without staff rights,
    to the admin home for staff without the permission."""
    if role in ("anonymous", "citizen"):
        return f"{reverse('wagtailadmin_login')}?next={url}"
    return reverse("wagtailadmin_home")


@pytest.mark.parametrize("role", ROLES)
def test_queue_and_csv_pages_only_for_the_consumer_market_group(client, role, pending):
    sign_in(client, role)
    for url in [
        reverse("producers_moderation:queue"),
        reverse("producers_moderation:decision", args=[pending.pk]),
        reverse("producers_moderation:csv"),
        reverse("producers_moderation:export", args=["producers"]),
    ]:
        response = client.get(url)
        if allowed(role):
            assert response.status_code == 200, url
        else:
            assert response.status_code == 302, url
            assert response["Location"] == refused_to(role, url), url


@pytest.mark.parametrize("role", ROLES)
def test_approving_only_by_the_consumer_market_group(client, role, pending):
    sign_in(client, role)
    client.post(reverse("producers_moderation:approve", args=[pending.pk]))
    pending.product.refresh_from_db()
    assert pending.product.is_live == allowed(role)


def test_refusing_in_the_admin_needs_a_reason_and_mails_it(
    client, pending, django_capture_on_commit_callbacks, mailoutbox
):
    sign_in(client, CONSUMER_MARKET)
    client.post(reverse("producers_moderation:refuse", args=[pending.pk]), {"reason": ""})
    pending.product.refresh_from_db()
    assert pending.product.status == ModerationStatus.SUBMITTED
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("producers_moderation:refuse", args=[pending.pk]), {"reason": "Нет"})
    pending.product.refresh_from_db()
    assert pending.product.status == ModerationStatus.REFUSED
    assert len(mailoutbox) == 1


def test_queue_filters_by_category(client, pending):
    sign_in(client, CONSUMER_MARKET)
    other = CategoryFactory(slug="other")
    response = client.get(reverse("producers_moderation:queue"), {"category": other.slug})
    assert list(response.context["requests_page"].object_list) == []
    response = client.get(
        reverse("producers_moderation:queue"), {"category": pending.product.category.slug}
    )
    assert list(response.context["requests_page"].object_list) == [pending]


def upload(text):
    return SimpleUploadedFile("producers.csv", text.encode("utf-8"), content_type="text/csv")


HEADER = "slug,name,legal_form,legal_name,inn,ogrn,district,categories\n"


def test_export_downloads_the_producers_as_csv(client):
    ProducerFactory(name="Пасека Гулиевых")
    sign_in(client, CONSUMER_MARKET)
    response = client.get(reverse("producers_moderation:export", args=["producers"]))
    assert response["Content-Disposition"].startswith("attachment")
    assert "Пасека Гулиевых" in response.content.decode()


def test_import_of_a_malformed_file_reports_each_broken_row_and_imports_nothing(client):
    CategoryFactory(slug="med")
    sign_in(client, CONSUMER_MARKET)
    text = HEADER + (
        "ok-1,Пасека,organisation,ООО Пасека,7707083893,1027700132195,central,med\n"
        "bad-inn,Сыр,organisation,ООО Сыр,7707083894,1027700132195,central,med\n"
        "bad-district,Чай,organisation,ООО Чай,7736207543,1027700229193,moon,med\n"
    )
    response = client.post(
        reverse("producers_moderation:import"), {"kind": "producers", "file": upload(text)}
    )
    assert response.status_code == 400
    rows = dict(response.context["report"])
    assert sorted(rows) == [2, 3]
    assert not Producer.objects.exists()


def test_import_of_a_clean_file_publishes_the_rows(client):
    CategoryFactory(slug="med")
    sign_in(client, CONSUMER_MARKET)
    text = HEADER + "ok-1,Пасека,organisation,ООО Пасека,7707083893,1027700132195,central,med\n"
    response = client.post(
        reverse("producers_moderation:import"), {"kind": "producers", "file": upload(text)}
    )
    assert response.status_code == 302
    producer = Producer.objects.get(slug="ok-1")
    assert producer.is_live and [c.slug for c in producer.categories.all()] == ["med"]


def test_import_of_a_non_csv_file_is_refused_politely(client):
    sign_in(client, CONSUMER_MARKET)
    response = client.post(
        reverse("producers_moderation:import"),
        {"kind": "producers", "file": SimpleUploadedFile("x.csv", b"\xff\xfe\x00garbage")},
    )
    assert response.status_code == 302
    assert not Producer.objects.exists()


@pytest.mark.parametrize("role", ROLES)
def test_import_only_by_the_consumer_market_group(client, role):
    CategoryFactory(slug="med")
    sign_in(client, role)
    text = HEADER + "ok-1,Пасека,organisation,ООО Пасека,7707083893,1027700132195,central,med\n"
    client.post(reverse("producers_moderation:import"), {"kind": "producers", "file": upload(text)})
    assert Producer.objects.filter(slug="ok-1").exists() == allowed(role)


@pytest.mark.parametrize("role", ROLES)
def test_fair_sign_ups_are_listed_for_the_consumer_market_group_with_name_and_date(client, role):
    from producers.models import RosterEntry
    from tests.producers.factories import FairDayFactory

    entry = RosterEntry.objects.create(
        fair_day=FairDayFactory(), producer=ProducerFactory(name="Пасека Горная")
    )
    sign_in(client, role)
    url = reverse("wagtailsnippets_producers_rosterentry:list")
    response = client.get(url)
    if allowed(role):
        assert response.status_code == 200
        page = response.content.decode()
        assert "Пасека Горная" in page
        assert f"{entry.fair_day.date:%d.%m.%Y}" in page
    else:
        assert response.status_code == 302
        assert response["Location"] == refused_to(role, url)


def test_export_neutralises_formula_cells_and_import_restores_them(client):
    ProducerFactory(slug="hostile", name='=HYPERLINK("http://evil.example","Мёд")')
    sign_in(client, CONSUMER_MARKET)
    response = client.get(reverse("producers_moderation:export", args=["producers"]))
    body = response.content.decode()
    assert "'=HYPERLINK" in body
    assert not any(line.startswith("=") or ",=" in line for line in body.splitlines())
    response = client.post(
        reverse("producers_moderation:import"), {"kind": "producers", "file": upload(body)}
    )
    assert response.status_code == 302
    assert Producer.objects.get(slug="hostile").name == '=HYPERLINK("http://evil.example","Мёд")'
