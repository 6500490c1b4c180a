"""The resident's data rights (152-ФЗ): the download of everything held about them, and the
deletion of the account, which anonymises what the law or the vote's integrity keep."""

import json

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import caches

from contest.models import Vote
from contest.results import ballots_checksum, tally
from contest.voting import PhoneAlreadyVotedError, cast_vote
from portal.models import OutboundEmail
from portal.page_cache.tables import CACHE_ALIAS
from producers.models import Producer
from shelter.models import AdoptionApplication, FavouritePet, Step, Subscription
from tests.accounts.factories import citizen, make_user
from tests.accounts.resident import resident_with_every_record
from tests.contest.factories import NOW, accepted_entry

pytestmark = pytest.mark.django_db
PASSWORD = "password"  # noqa: S105 - tests.accounts.factories.make_user's


@pytest.fixture
def resident(home):
    return resident_with_every_record(home)


def test_json_download_is_an_attachment_with_every_holding(client, resident):
    client.force_login(resident.user)
    response = client.get("/accounts/profile/data.json")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert response["Content-Disposition"].startswith("attachment;")
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    data = json.loads(response.content)
    assert data["portal"] == "Портал города Сочи" and data["exported_at"]
    assert {"accounts.account", "shelter.applications", "contest.votes"} <= set(data["holdings"])
    votes = data["holdings"]["contest.votes"]["records"]
    assert votes[0]["receipt_code"] == resident.vote.receipt_code


def test_readable_download_shows_the_same_data_with_labels(client, resident):
    client.force_login(resident.user)
    response = client.get("/accounts/profile/data/")
    page = response.content.decode()
    assert response.status_code == 200 and "no-store" in response["Cache-Control"]
    assert "Хочу взять Бублика" in page and resident.vote.receipt_code in page
    assert "Код квитанции" in page and resident.producer.inn in page


def test_download_needs_sign_in(client):
    response = client.get("/accounts/profile/data.json")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_downloads_are_rate_limited(client, settings):
    settings.PORTAL_RATE_LIMITS = {**settings.PORTAL_RATE_LIMITS, "personal_data_download": (2, 60)}
    client.force_login(make_user("resident", email_verified=True))
    assert client.get("/accounts/profile/data.json").status_code == 200
    assert client.get("/accounts/profile/data/").status_code == 200
    response = client.get("/accounts/profile/data.json")
    assert response.status_code == 429 and "Слишком много" in response.content.decode()


def test_deletion_page_says_what_happens_to_each_kind_of_record(client, resident):
    client.force_login(resident.user)
    page = client.get("/accounts/profile/delete/").content.decode()
    assert "отзыв согласия" in page
    for phrase in ("остаются в подсчёте", "отзывается", "избранных питомцев", "Подписки"):
        assert phrase in page
    assert 'type="password"' in page


def test_wrong_password_refuses_deletion_in_russian(client, resident):
    client.force_login(resident.user)
    response = client.post("/accounts/profile/delete/", {"password": "wrong"})
    assert response.status_code == 400
    assert "Неверный пароль: учётная запись не удалена." in response.content.decode()
    assert get_user_model().objects.filter(pk=resident.user.pk).exists()


def test_an_account_without_password_confirms_with_the_word(client):
    user = make_user("social", email_verified=True)
    user.set_unusable_password()
    user.save()
    client.force_login(user)
    assert client.post("/accounts/profile/delete/", {"confirmation": "да"}).status_code == 400
    response = client.post("/accounts/profile/delete/", {"confirmation": "удалить"})
    assert response.status_code == 302
    assert not get_user_model().objects.filter(pk=user.pk).exists()


def test_deletion_erases_and_anonymises_and_signs_out(client, resident):
    contest = resident.contest
    tally_before = [(row.entry.pk, row.votes) for row in tally(contest)]
    checksum_before = ballots_checksum(contest)
    client.force_login(resident.user)
    response = client.post("/accounts/profile/delete/", {"password": PASSWORD})
    assert response.status_code == 302 and response["Location"] == "/accounts/goodbye/"
    assert not get_user_model().objects.filter(pk=resident.user.pk).exists()
    # The vote keeps its ballot, without the voter: the tally and the ballot list are unchanged.
    vote = Vote.objects.get(pk=resident.vote.pk)
    assert vote.voter is None and vote.network == "" and vote.phone_prefix == ""
    assert vote.receipt_code == resident.vote.receipt_code and vote.phone_key
    assert [(row.entry.pk, row.votes) for row in tally(contest)] == tally_before
    assert ballots_checksum(contest) == checksum_before
    # Applications: the one in progress withdrawn, every one anonymised.
    before = AdoptionApplication.objects.get(pk=resident.application_before_sign_up.pk)
    assert before.step == Step.CLOSED and before.anonymised_at is not None
    assert before.name == "—" and "resident" not in before.email and before.message == ""
    assert not AdoptionApplication.objects.filter(applicant__isnull=False).exists()
    assert not FavouritePet.objects.exists()
    assert not Subscription.objects.filter(email=resident.user.email).exists()
    assert not OutboundEmail.objects.filter(to=resident.user.email).exists()
    assert Producer.objects.get(pk=resident.producer.pk).owner is None
    # Signed out, and the goodbye page is there for an anonymous visitor.
    assert client.get("/accounts/profile/").status_code == 302
    goodbye = client.get("/accounts/goodbye/")
    assert goodbye.status_code == 200 and "учётная запись удалена" in goodbye.content.decode()


def test_revoting_after_deletion_with_the_same_phone_is_refused(client, resident):
    phone = resident.user.phone_verification.phone
    client.force_login(resident.user)
    client.post("/accounts/profile/delete/", {"password": PASSWORD})
    newcomer = citizen("newcomer")
    newcomer.phone_verification.phone = phone
    newcomer.phone_verification.save()
    other_entry = accepted_entry(resident.contest)
    with pytest.raises(PhoneAlreadyVotedError) as refusal:
        cast_vote(resident.contest, other_entry, newcomer, "10.0.0.9", now=NOW)
    assert refusal.value.status == 409
    assert "уже проголосовали" in refusal.value.message
    assert Vote.objects.filter(contest=resident.contest).count() == 1


def test_staff_accounts_are_not_deleted_here(client):
    staff = make_user("editor", email_verified=True)
    staff.is_staff = True
    staff.save()
    client.force_login(staff)
    response = client.post("/accounts/profile/delete/", {"password": PASSWORD})
    assert response.status_code == 403
    assert get_user_model().objects.filter(pk=staff.pk).exists()


def test_deletion_attempts_are_rate_limited(client, settings):
    settings.PORTAL_RATE_LIMITS = {**settings.PORTAL_RATE_LIMITS, "account_deletion": (1, 60)}
    user = make_user("resident", email_verified=True)
    client.force_login(user)
    client.post("/accounts/profile/delete/", {"password": "wrong"})
    response = client.post("/accounts/profile/delete/", {"password": PASSWORD})
    assert response.status_code == 429
    assert get_user_model().objects.filter(pk=user.pk).exists()


def test_the_page_cache_never_serves_one_persons_data_to_another(client, settings):
    settings.PAGE_CACHE_ENABLED = True
    caches[CACHE_ALIAS].clear()
    for name in ("anna", "boris"):
        client.force_login(make_user(name, email_verified=True))
        for url in ("/accounts/profile/", "/accounts/profile/data/"):
            assert f"{name}@example.org" in client.get(url).content.decode()
    caches[CACHE_ALIAS].clear()
