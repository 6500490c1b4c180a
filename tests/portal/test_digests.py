"""Subscription digests (portal.digests): what changed in the last day or week, built once per
period, nothing when nothing is new."""

import datetime

import pytest
import time_machine
from django.core import mail
from django.utils import timezone

from calendar_pages.models import CalendarSubscription
from news.models import NewsPage, NewsSubscription
from portal.digests import last_period, send_digests, send_digests_task
from portal.models import SubscriptionDigest
from portal.subscriptions import Frequency
from tests.calendar_pages.factories import (
    CalendarIndexPageFactory,
    CityEventFactory,
    FacilityFactory,
)
from tests.factories import NewsPageFactory

pytestmark = pytest.mark.django_db
MSK = datetime.timezone(datetime.timedelta(hours=3))
# A Wednesday: yesterday is Tuesday 1 December, last week ran from Monday 23 to Monday 30 November.
NOW = datetime.datetime(2026, 12, 2, 7, 0, tzinfo=MSK)
TUESDAY = datetime.datetime(2026, 12, 1, 12, 0, tzinfo=MSK)
LAST_THURSDAY = datetime.datetime(2026, 11, 26, 12, 0, tzinfo=MSK)


def subscription(model=NewsSubscription, frequency=Frequency.DAILY, **wants):
    confirmed = datetime.datetime(2026, 11, 1, tzinfo=MSK)
    return model.objects.create(
        email=f"{frequency}-{model.__name__.lower()}@example.com",
        frequency=frequency,
        consent_version="2026-12-1",
        consented_at=confirmed,
        confirmed_at=confirmed,
        **wants,
    )


def published(news_index, when, **fields):
    """A news item published at `when` (as publishing a revision records it)."""
    page = NewsPageFactory(parent=news_index, **fields)
    NewsPage.objects.filter(pk=page.pk).update(first_published_at=when, last_published_at=when)
    return page


def digests(capture, now=NOW):
    with capture(execute=True), time_machine.travel(now, tick=False):
        return send_digests()


def test_periods_are_yesterday_and_last_week_in_local_time():
    assert last_period(Frequency.DAILY, NOW) == (
        datetime.datetime(2026, 12, 1, tzinfo=MSK),
        datetime.datetime(2026, 12, 2, tzinfo=MSK),
    )
    assert last_period(Frequency.WEEKLY, NOW) == (
        datetime.datetime(2026, 11, 23, tzinfo=MSK),
        datetime.datetime(2026, 11, 30, tzinfo=MSK),
    )


def test_daily_digest_lists_yesterdays_news_of_the_topic_with_absolute_links(
    news_index, django_capture_on_commit_callbacks
):
    published(news_index, TUESDAY, title="Новый сквер в Хосте", tags=["Экология"])
    published(news_index, TUESDAY, title="Ремонт дорог", tags=["Транспорт"])
    published(news_index, LAST_THURSDAY, title="Давняя новость", tags=["Экология"])
    from taggit.models import Tag

    reader = subscription(topic=Tag.objects.get(name="Экология"))
    assert digests(django_capture_on_commit_callbacks) == 1
    [message] = mail.outbox
    assert message.to == [reader.email]
    assert "Новый сквер в Хосте" in message.body
    assert "Ремонт дорог" not in message.body and "Давняя новость" not in message.body
    assert "http://testserver/news/" in message.body
    one_click = f"<http://testserver/unsubscribe/news/{reader.token}/>"
    assert message.extra_headers["List-Unsubscribe"].startswith(one_click)
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"


def test_weekly_digest_lists_last_weeks_news_and_daily_only_yesterdays(
    news_index, django_capture_on_commit_callbacks
):
    published(news_index, TUESDAY, title="Вчерашняя новость")
    published(news_index, LAST_THURSDAY, title="Новость прошлой недели")
    daily = subscription(frequency=Frequency.DAILY)
    weekly = subscription(frequency=Frequency.WEEKLY)
    assert digests(django_capture_on_commit_callbacks) == 2
    bodies = {message.to[0]: message.body for message in mail.outbox}
    assert "Вчерашняя новость" in bodies[daily.email]
    assert "Новость прошлой недели" not in bodies[daily.email]
    assert "Новость прошлой недели" in bodies[weekly.email]
    assert "Вчерашняя новость" not in bodies[weekly.email]  # this week's: next Monday's digest


def test_digest_is_built_once_per_period_however_often_it_runs(
    news_index, django_capture_on_commit_callbacks
):
    published(news_index, TUESDAY)
    subscription(frequency=Frequency.DAILY)
    subscription(frequency=Frequency.WEEKLY)
    assert digests(django_capture_on_commit_callbacks) == 1  # the weekly one has nothing new
    later_that_day = NOW + datetime.timedelta(hours=5)
    assert digests(django_capture_on_commit_callbacks, later_that_day) == 0
    with django_capture_on_commit_callbacks(execute=True), time_machine.travel(NOW):
        assert send_digests_task.call() == 0  # the worker's task, a retry of it
    assert len(mail.outbox) == 1
    assert SubscriptionDigest.objects.count() == 1


def test_nothing_is_sent_when_nothing_is_new(news_index, django_capture_on_commit_callbacks):
    published(news_index, LAST_THURSDAY - datetime.timedelta(days=7))
    subscription(frequency=Frequency.DAILY)
    subscription(frequency=Frequency.WEEKLY)
    subscription(CalendarSubscription)
    assert digests(django_capture_on_commit_callbacks) == 0
    assert mail.outbox == []
    assert not SubscriptionDigest.objects.exists()


def test_unconfirmed_and_unsubscribed_get_no_digest(news_index, django_capture_on_commit_callbacks):
    published(news_index, TUESDAY)
    subscription().unsubscribe()
    NewsSubscription.objects.create(
        email="new@example.com", frequency="daily", consent_version="1", consented_at=NOW
    )
    assert digests(django_capture_on_commit_callbacks) == 0


def test_calendar_digest_lists_the_districts_facilities_and_city_events(
    home, django_capture_on_commit_callbacks
):
    CalendarIndexPageFactory(parent=home)
    with time_machine.travel(TUESDAY, tick=False):
        FacilityFactory(name="Школа в Адлере", district="adlersky", slug="adler-school")
        FacilityFactory(name="Детский сад в Лазаревском", district="lazarevsky")
        CityEventFactory(title="Ярмарка на Морвокзале", link_url="/producers/fairs/morvokzal/")
    adler = subscription(CalendarSubscription, district="adlersky")
    assert digests(django_capture_on_commit_callbacks) == 1
    [message] = mail.outbox
    assert message.to == [adler.email]
    assert "Школа в Адлере" in message.body
    assert "http://testserver/calendar/facilities/adler-school/" in message.body
    assert "Ярмарка на Морвокзале" in message.body
    assert "http://testserver/producers/fairs/morvokzal/" in message.body
    assert "Лазаревском" not in message.body


def test_command_leaves_the_digests_to_the_worker(news_index):
    from django.core.management import call_command
    from django_tasks_db.models import DBTaskResult

    call_command("send_digests", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert DBTaskResult.objects.get().task_path == "portal.digests.send_digests_task"


def test_first_digest_waits_for_a_period_that_ends_after_confirmation(
    news_index, django_capture_on_commit_callbacks
):
    published(news_index, TUESDAY)
    late = subscription()
    NewsSubscription.objects.filter(pk=late.pk).update(confirmed_at=timezone.now())
    assert digests(django_capture_on_commit_callbacks, NOW) == 0
