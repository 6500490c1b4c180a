"""A period's digest is built once even when workers race (portal.digests): real concurrent
transactions on PostgreSQL (tests/races.py)."""

import datetime

from news.models import NewsPage, NewsSubscription
from portal.digests import send_digests
from portal.models import OutboundEmail, SubscriptionDigest
from tests.factories import NewsPageFactory
from tests.races import POSTGRES_RACES, run_together

pytestmark = POSTGRES_RACES
MSK = datetime.timezone(datetime.timedelta(hours=3))
NOW = datetime.datetime(2026, 12, 2, 7, 0, tzinfo=MSK)
YESTERDAY = datetime.datetime(2026, 12, 1, 12, 0, tzinfo=MSK)


def test_concurrent_runs_build_the_digest_once(news_index):
    page = NewsPageFactory(parent=news_index)
    NewsPage.objects.filter(pk=page.pk).update(
        first_published_at=YESTERDAY, last_published_at=YESTERDAY
    )
    NewsSubscription.objects.create(
        email="reader@example.com",
        frequency="daily",
        consent_version="2026-12-1",
        consented_at=YESTERDAY - datetime.timedelta(days=3),
        confirmed_at=YESTERDAY - datetime.timedelta(days=3),
    )
    results = run_together(8, lambda _number: send_digests(NOW))
    assert [r for r in results if isinstance(r, Exception)] == []
    assert sorted(results) == [0] * 7 + [1]
    assert SubscriptionDigest.objects.count() == 1
    assert OutboundEmail.objects.filter(template="portal/mail/digest").count() == 1
