"""A resident with every kind of record the portal keeps about a person, for the tests of the
profile page, the download and the deletion of the account."""

import datetime
from dataclasses import dataclass

from django.utils import timezone

from accounts.models import AccountConsent, OtpChallenge, PhoneVerification
from calendar_pages.models import CalendarSubscription
from contest.voting import cast_vote
from discussion.models import Comment, CommentReport, CommentState
from news.models import NewsSubscription
from portal.consent import current as current_consent
from portal.models import OutboundEmail
from producers.models import ChangeRequest
from shelter.models import ApplicationEvent, FavouritePet, Step
from tests.accounts.factories import citizen
from tests.contest.factories import (
    NOW,
    ContestIndexPageFactory,
    ContestPageFactory,
    accepted_entry,
    confirmed_tos,
    filled_application,
)
from tests.factories import NewsPageFactory
from tests.producers.factories import ProducerFactory
from tests.shelter.event_factories import SignupSettingsFactory, signup_for
from tests.shelter.factories import (
    ApplicationFactory,
    PetFactory,
    ShelterIndexPageFactory,
    SubscriptionFactory,
)
from tests.shelter.volunteer_factories import ShiftSignupFactory, VolunteerApplicationFactory


@dataclass
class Resident:
    user: object
    application_before_sign_up: object
    application_signed_in: object
    vote: object
    contest: object
    favourite: object
    subscription: object
    producer: object
    shelter: object


def resident_with_every_record(home, username="resident"):
    """A verified citizen who applied to adopt before signing up (by the address they confirmed
    later) and after, voted, keeps a favourite pet and subscriptions to the shelter, the news and
    the calendar, owns a producer card, commented on a news item and reported another comment."""
    user = citizen(username)
    user.first_name, user.last_name = "Мария", "Иванова"
    user.save(update_fields=["first_name", "last_name"])
    AccountConsent.record(user, current_consent("account"))
    verification = PhoneVerification.objects.get(user=user)
    verification.consent_version, verification.consented_at = "2026-11-2", timezone.now()
    verification.save()
    OtpChallenge.objects.create(
        verification=verification,
        phone=verification.phone,
        code_hash="0" * 64,
        expires_at=timezone.now() + datetime.timedelta(minutes=10),
        sent_at=timezone.now(),
        used_at=timezone.now(),
    )
    shelter = ShelterIndexPageFactory(parent=home)
    before = ApplicationFactory(
        pet=PetFactory(name="Бублик", published_at=timezone.now()),
        email=user.email.upper(),
        applicant=None,
        other_animals="кошка",
        experience="собака 10 лет",
        message="Хочу взять Бублика",
        staff_notes="звонили",
    )
    before.start_screening(message="Мы позвоним вам")
    signed_in = ApplicationFactory(
        pet=PetFactory(name="Мурка", published_at=timezone.now()), applicant=user
    )
    before.refresh_from_db()
    contest = ContestPageFactory(parent=ContestIndexPageFactory(parent=home))
    vote = cast_vote(contest, accepted_entry(contest), user, "95.24.1.17", now=NOW)
    favourite = FavouritePet.objects.create(
        user=user, pet=PetFactory(name="Дружок", published_at=timezone.now())
    )
    subscription = SubscriptionFactory(email=user.email)
    subscription.confirm()
    # A place at a shelter event, and a place waiting at a full one (that moves up on deletion).
    signup_for(SignupSettingsFactory(visitor_places=1), user)
    full = SignupSettingsFactory(visitor_places=1)
    signup_for(full, citizen(f"{username}-neighbour"))
    signup_for(full, user)
    for model, wants in ((NewsSubscription, {}), (CalendarSubscription, {"district": "adlersky"})):
        model.objects.create(
            email=user.email,
            frequency="weekly",
            consent_version="2026-12-1",
            consented_at=timezone.now(),
            confirmed_at=timezone.now(),
            **wants,
        )
    producer = ProducerFactory(
        owner=user, phone="+79185550199", email="honey@example.org", consented_at=timezone.now()
    )
    ChangeRequest.objects.create(
        producer=producer, submitted_by=user, submitted_at=timezone.now(), reason="—"
    )
    news = NewsPageFactory(parent=home)
    Comment.objects.create(page=news, author=user, display_name="Маша", text="Когда откроют парк?")
    neighbour = Comment.objects.create(
        page=news, display_name="Сосед", text="Уже открыли", state=CommentState.APPROVED
    )
    CommentReport.objects.create(comment=neighbour, reporter=user, reason="Не по теме")
    filled_application(contest, confirmed_tos(chair=user, contacts="+7 918 555-01-99"))
    OutboundEmail.objects.create(
        to=user.email, subject="Заявка", body="Здравствуйте", template="shelter/mail/x"
    )
    # A volunteer of the shelter, signed up for a shift.
    volunteer = VolunteerApplicationFactory(
        user=user, full_name="Мария Иванова", guardian_name="", experience="выгул собак"
    )
    ShiftSignupFactory(user=volunteer.user)
    assert before.step == Step.SCREENING and ApplicationEvent.objects.exists()
    return Resident(
        user=user,
        application_before_sign_up=before,
        application_signed_in=signed_in,
        vote=vote,
        contest=contest,
        favourite=favourite,
        subscription=subscription,
        producer=producer,
        shelter=shelter,
    )
