"""Factories for the contest: the section, contests at chosen stages, entries, verified citizens."""

import datetime

import factory
import wagtail_factories

from contest.models import ContestIndexPage, ContestPage, EntryAcceptance, EntryPage
from tests.accounts.factories import citizen, make_user

__all__ = ["citizen", "make_user"]

UTC = datetime.UTC
# The demo's "today" and a contest whose voting runs around it.
NOW = datetime.datetime(2026, 11, 26, 12, 0, tzinfo=UTC)
OPENS = datetime.datetime(2026, 11, 16, 7, 0, tzinfo=UTC)
CLOSES = datetime.datetime(2026, 12, 10, 17, 0, tzinfo=UTC)


class ContestIndexPageFactory(wagtail_factories.PageFactory):
    title = "Лучший орган ТОС"
    slug = "tos-contest"
    intro = "Городской конкурс ТОС."

    class Meta:
        model = ContestIndexPage


class ContestPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Конкурс {n}")
    slug = factory.Sequence(lambda n: f"contest-{n}")
    intro = "Конкурс органов ТОС."
    applications_open_on = datetime.date(2026, 9, 1)
    applications_close_on = datetime.date(2026, 10, 15)
    voting_opens_at = OPENS
    voting_closes_at = CLOSES
    results_on = datetime.date(2026, 12, 15)
    counts_hidden_while_voting = True

    class Meta:
        model = ContestPage


class EntryPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"ТОС «Участник {n}»")
    slug = factory.Sequence(lambda n: f"entry-{n}")
    district = "central"
    chair = "Ирина Ковалёва"
    territory = "ул. Навагинская, 1–15"

    class Meta:
        model = EntryPage


def accepted_entry(contest, **kwargs):
    entry = EntryPageFactory(parent=contest, **kwargs)
    EntryAcceptance.objects.create(entry=entry, accepted_at=contest.voting_opens_at)
    return EntryPage.objects.select_related("acceptance").get(pk=entry.pk)


# --- ТОС and their applications -------------------------------------------------------------
# During the factory contest's application window (1 September – 15 October 2026).
APPLYING = datetime.datetime(2026, 10, 1, 9, 0, tzinfo=UTC)


class TosFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"ТОС «Квартал {n}»")
    district = "central"
    territory = "ул. Воровского, 1–20"
    decision_date = datetime.date(2024, 3, 14)
    decision_number = factory.Sequence(lambda n: f"{n}/24")
    chair = factory.LazyFunction(lambda: make_user_sequenced())
    chair_full_name = "Анна Сергеевна Петрова"
    contacts = "+7 918 000-00-00, chair@example.org"

    class Meta:
        model = "contest.Tos"


_chairs = iter(range(1, 10**6))


def make_user_sequenced():
    return make_user(f"chair-{next(_chairs)}", email_verified=True)


def confirmed_tos(**kwargs):
    from contest.models import TosStatus

    return TosFactory(status=TosStatus.CONFIRMED, **kwargs)


def filled_application(contest, tos=None, **kwargs):
    """A draft with its text filled in, ready to submit."""
    from contest.models import EntryApplication

    fields = {
        "description": "Благоустройство дворов и праздники для соседей.",
        "achievements": "Отремонтировали детскую площадку.\n\nПровели двенадцать субботников.",
        "figures": [{"label": "Субботников", "value": "12"}],
        **kwargs,
    }
    return EntryApplication.objects.create(contest=contest, tos=tos or confirmed_tos(), **fields)
