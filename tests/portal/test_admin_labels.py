"""Staff screens speak Russian and show labels, never stored values: listings, exports, the producer
moderation page and CSV, the application's step select, the contest audit log, the staff sign-in
page, and Wagtail's generic sentences about a record (portal.admin_wording)."""

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from portal.admin_columns import months_label, value_label
from portal.bitsets import mask_of
from producers.models import Producer, Product
from shelter.models import Step
from tests.producers.factories import CategoryFactory, ProducerFactory, ProductFactory
from tests.shelter.factories import ApplicationFactory, PetFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, site_tree):
    user = get_user_model().objects.create_superuser("boss", "boss@example.com", "password")
    client.force_login(user)
    return client


def page(response):
    assert response.status_code == 200
    return response.content.decode()


def rows(html):
    """The body of the page's first listing table (not the keyboard-shortcuts dialog)."""
    table = html[html.index('<table class="listing') :]
    return table.split("<tbody", 1)[1].split("</tbody>", 1)[0]


def export(response):
    return b"".join(response.streaming_content).decode()


@pytest.mark.parametrize(
    ("months", "label"),
    [
        ([3, 4, 5, 6, 7, 8, 9, 10], "март – октябрь"),
        ([1, 7], "январь, июль"),
        ([11, 12, 1, 2], "ноябрь – февраль"),
        ([5, 6, 9, 10, 11], "май, июнь, сентябрь – ноябрь"),
        ([], "—"),
    ],
)
def test_months_read_as_runs_of_lower_case_names(months, label):
    assert months_label(mask_of(months)) == label
    assert months_label(months) == label


def test_a_stored_value_reads_as_its_label():
    field = Producer._meta.get_field
    assert value_label(field("legal_form"), "farm") == "Крестьянское (фермерское) хозяйство"
    assert value_label(field("district"), "khostinsky") == "Хостинский"
    assert value_label(field("delivers"), False) == "нет"
    assert value_label(Product._meta.get_field("price"), None) == "—"
    assert value_label(Product._meta.get_field("months"), mask_of([2, 10])) == "февраль, октябрь"


def test_product_listing_shows_months_availability_and_yes_no(admin_client):
    ProductFactory(name="Мёд каштановый", months=mask_of(range(3, 11)), availability="to_order")
    html = page(admin_client.get(reverse("wagtailsnippets_producers_product:list")))
    assert "март – октябрь" in html and "Под заказ" in html
    assert ">True<" not in html.replace(" ", "").replace("\n", "")
    assert "to_order" not in rows(html)


def test_producer_listing_and_filter_chip_show_labels(admin_client):
    ProducerFactory(name="Пасека Хосты", district="khostinsky")
    url = reverse("wagtailsnippets_producers_producer:list")
    html = page(admin_client.get(url, {"is_live": "true"}))
    body = rows(html)
    assert "Хостинский" in body and "khostinsky" not in body
    assert "True" not in body
    chips = html.split('class="w-active-filters"')[1].split("</ul>")[0]
    assert "Есть опубликованная версия:" in chips and '<b class="w-ml-1">да</b>' in chips


def test_pet_listing_shows_labels_and_no_false_filter_chips(admin_client):
    PetFactory(name="Бобик", published_at=None)
    html = page(admin_client.get(reverse("wagtailsnippets_shelter_pet:list")))
    body = rows(html)
    assert "Собака" in body and ">dog<" not in body
    assert "None" not in body
    assert ": False" not in html


def test_pet_export_has_labels_not_codes(admin_client):
    PetFactory(name="Бобик")
    csv = export(admin_client.get(reverse("wagtailsnippets_shelter_pet:list"), {"export": "csv"}))
    row = next(line for line in csv.splitlines() if line.startswith("Бобик"))
    assert "Собака" in row and ",dog," not in row and ",male," not in row


def test_application_listing_and_export_show_labels(admin_client):
    ApplicationFactory(name="Ольга Лис", district="khostinsky", housing="flat")
    url = reverse("wagtailsnippets_shelter_adoptionapplication:list")
    html = page(admin_client.get(url))
    body = rows(html)
    assert "Хостинский" in body and "Заявка подана" in body
    assert "khostinsky" not in body and "submitted" not in body
    assert "Вид питомца" in html and "Питомец вид" not in html
    csv = export(admin_client.get(url, {"export": "csv"}))
    row = next(line for line in csv.splitlines() if line.startswith("Ольга Лис"))
    assert "Хостинский" in row and "Квартира" in row and "khostinsky" not in row
    assert "+00:00" not in row


def test_fair_listing_shows_format_and_district_labels(admin_client):
    from tests.producers.factories import FairFactory

    FairFactory(name="Ярмарка у моря", district="adlersky")
    html = page(admin_client.get(reverse("wagtailsnippets_producers_fair:list")))
    body = rows(html)
    assert "Адлерский" in body and "adlersky" not in body


def test_moderation_page_shows_proposed_values_as_labels(admin_client):
    category = CategoryFactory(name="Мёд", slug="med")
    producer = ProducerFactory(status="draft", is_live=False, legal_form="entrepreneur")
    producer.edit(
        {
            "name": producer.name,
            "legal_form": "farm",
            "district": "khostinsky",
            "categories": [category],
            "delivers": False,
        },
        by=producer.owner,
    )
    change = producer.submit(by=producer.owner)
    html = page(admin_client.get(reverse("producers_moderation:decision", args=[change.pk])))
    table = rows(html)
    assert "Крестьянское (фермерское) хозяйство" in table and "Хостинский" in table
    assert "Мёд" in table and "нет" in table
    for raw in (">farm<", ">khostinsky<", f"[{category.pk}]", ">None<", ">False<"):
        assert raw not in table.replace(" ", "")


def test_moderation_page_shows_months_of_a_product(admin_client):
    product = ProductFactory(status="draft", is_live=False, months=mask_of([2, 10]))
    change = product.submit(by=None)
    html = page(admin_client.get(reverse("producers_moderation:decision", args=[change.pk])))
    table = rows(html)
    assert "февраль, октябрь" in table and "В наличии" in table
    assert str(mask_of([2, 10])) not in table and "available" not in table


def test_products_csv_reads_in_labels_and_imports_back(admin_client):
    product = ProductFactory(months=mask_of(range(3, 11)), availability="to_order")
    response = admin_client.get(reverse("producers_moderation:export", args=["products"]))
    body = response.content.decode()
    assert "март – октябрь" in body and "Под заказ" in body and "to_order" not in body
    Product.objects.filter(pk=product.pk).update(months=0, availability="available")
    upload = SimpleUploadedFile("products.csv", body.encode(), content_type="text/csv")
    response = admin_client.post(
        reverse("producers_moderation:import"), {"kind": "products", "file": upload}
    )
    assert response.status_code == 302
    product.refresh_from_db()
    assert product.months == mask_of(range(3, 11)) and product.availability == "to_order"


def test_step_select_offers_only_the_allowed_next_steps(admin_client):
    application = ApplicationFactory()
    application.advance(Step.SCREENING, notify=False)
    url = reverse("wagtailsnippets_shelter_adoptionapplication:edit", args=[application.pk])
    form = admin_client.get(url).context["form"]
    offered = [value for value, _label in form.fields["next_step"].choices if value]
    assert offered == [step.value for step in application.next_steps()]
    assert set(offered) == {Step.MEETING, Step.CLOSED}


def test_a_step_outside_the_allowed_ones_is_refused(admin_client):
    application = ApplicationFactory()
    url = reverse("wagtailsnippets_shelter_adoptionapplication:edit", args=[application.pk])
    form = admin_client.get(url).context["form"]
    bound = type(form)(
        data={"next_step": Step.HANDOVER}, instance=application, for_user=form.for_user
    )
    assert not bound.is_valid() and "next_step" in bound.errors


def test_chooser_and_add_button_put_the_noun_in_the_right_case(admin_client):
    ApplicationFactory()
    chooser = admin_client.get(reverse("wagtailsnippetchoosers_shelter_pet:choose"))
    assert "Выбрать питомца" in chooser.content.decode("unicode_escape")
    html = page(admin_client.get(reverse("wagtailsnippets_shelter_pet:list")))
    assert "Добавить питомца" in html and "Добавить питомец" not in html
    assert "1 питомец" in html
    add = page(admin_client.get(reverse("wagtailsnippets_shelter_pet:add")))
    assert "Новый питомец" in add and "Добавлено" not in add


def test_application_messages_put_the_noun_in_the_right_case(admin_client):
    application = ApplicationFactory()
    url = reverse("wagtailsnippets_shelter_adoptionapplication:edit", args=[application.pk])
    form = admin_client.get(url).context["form"]
    assert "Выбрать питомца" in str(form["pet"])
    response = admin_client.post(url, {"name": "", "next_step": ""})
    html = page(response)
    assert "Не удалось сохранить заявку" in html and "сохранить заявка" not in html


def test_admin_login_page_has_no_english(client):
    html = page(client.get("/admin/login/"))
    assert "Password" not in html and "Username" not in html


def test_page_listing_count_reads_in_russian(admin_client, home):
    html = page(admin_client.get(reverse("wagtailadmin_explore", args=[home.pk])))
    assert " of " not in html.split("<thead")[1].split("</thead>")[0]


def test_contest_audit_log_names_the_entry(admin_client, home):
    from contest.models import AuditAction, AuditEvent
    from tests.contest.factories import (
        ContestIndexPageFactory,
        ContestPageFactory,
        accepted_entry,
    )

    contest = ContestPageFactory(parent=ContestIndexPageFactory(parent=home))
    entry = accepted_entry(contest, title="ТОС «Мацеста»")
    AuditEvent.record(contest, AuditAction.ACCEPT, entry=entry.pk)
    html = page(admin_client.get(reverse("contest_admin:audit", args=[contest.pk])))
    assert "Участник: ТОС «Мацеста»" in html and f"entry: {entry.pk}" not in html
