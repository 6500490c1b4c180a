"""Demo content of the contest: the section page, the 2026 contest open for voting now (12 accepted
entries), the 2025 contest with published results, and a verified demo citizen.

Idempotent: pages are matched by slug, users by e-mail; a second run creates nothing. The dates
read right on the demo's "today", 26 November 2026. The 2025 votes come from generated demo voters
(no passwords) and the current contest has a few votes, one hour of them a deliberate "bot wave"
from one network, so the anomaly report has something to show.
"""

import datetime
import random
from zoneinfo import ZoneInfo

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model

from accounts.models import PhoneVerification
from contest.demo.applications import load_applications
from contest.demo.jury import ensure_jury, ensure_past_scores
from contest.models import (
    AuditAction,
    AuditEvent,
    ContestIndexPage,
    ContestPage,
    EntryAcceptance,
    EntryPage,
    EntryPhoto,
    Vote,
)
from contest.results import publish_results
from contest.voting import network_of, new_receipt_code
from portal import consent
from portal.demo.pages import illustration
from portal.russian import quoted
from portal.sections import SECTIONS, ensure_section_page

SECTION = next(section for section in SECTIONS if section.slug == "tos-contest")
MSK = ZoneInfo("Europe/Moscow")
CITIZEN_EMAIL = "citizen@sochi.example"
CITIZEN_PHONE = "+79181234567"
INTRO = (
    "Городской конкурс «Лучший орган ТОС» поддерживает территориальное общественное "
    "самоуправление: жители сами благоустраивают дворы, помогают соседям и придумывают проекты "
    "для своих улиц. ТОС подают заявки, комиссия их принимает, жители голосуют, город публикует "
    "итоги."
)
RULES = (
    "<p>Голосовать могут жители с подтверждённой учётной записью: адрес электронной почты и "
    "номер мобильного телефона подтверждены кодом. У каждого один голос в конкурсе; изменить или "
    "отозвать голос нельзя. После голосования выдаётся код квитанции, по которому любой может "
    "проверить, что голос учтён.</p>"
    "<p>Голоса, поданные с нарушением правил (подставные учётные записи, автоматическое "
    "голосование), конкурсная комиссия аннулирует с указанием причины.</p>"
)
NOMINATIONS = "Благоустройство территории\nСоциальные проекты\nМолодёжные инициативы"
CHAIRS = [
    "Ирина Ковалёва",
    "Сергей Арутюнян",
    "Наталья Петренко",
    "Аршак Мкртчян",
    "Ольга Сидоренко",
    "Владимир Гончаров",
    "Марина Кузнецова",
    "Георгий Чанба",
    "Елена Воробьёва",
    "Андрей Шевченко",
    "Татьяна Лазарева",
    "Рубен Айвазян",
]
ENTRIES_2026 = [
    ("tos-svetlana", "ТОС «Светлана»", "central"),
    ("tos-donskaya", "ТОС «Донская»", "central"),
    ("tos-zarechny", "ТОС «Заречный»", "central"),
    ("tos-bytkha", "ТОС «Бытха»", "khostinsky"),
    ("tos-kudepsta", "ТОС «Кудепста»", "khostinsky"),
    ("tos-matsesta", "ТОС «Мацеста»", "khostinsky"),
    ("tos-vesyoloe", "ТОС «Весёлое»", "adlersky"),
    ("tos-imeretinka", "ТОС «Нижнеимеретинская бухта»", "adlersky"),
    ("tos-krasnaya-polyana", "ТОС «Красная Поляна»", "adlersky"),
    ("tos-golovinka", "ТОС «Головинка»", "lazarevsky"),
    ("tos-loo", "ТОС «Лоо»", "lazarevsky"),
    ("tos-dagomys", "ТОС «Дагомыс»", "lazarevsky"),
]
ENTRIES_2025 = [
    ("tos-mamayka", "ТОС «Мамайка»", "central"),
    ("tos-razdolnoe", "ТОС «Раздольное»", "central"),
    ("tos-khosta", "ТОС «Хоста»", "khostinsky"),
    ("tos-volkonka", "ТОС «Волконка»", "lazarevsky"),
    ("tos-uch-dere", "ТОС «Уч-Дере»", "lazarevsky"),
    ("tos-moldovka", "ТОС «Молдовка»", "adlersky"),
    ("tos-blinovo", "ТОС «Блиново»", "adlersky"),
    ("tos-makopse", "ТОС «Макопсе»", "lazarevsky"),
]
ACHIEVEMENTS = [
    "Жители благоустроили двор: новые скамейки, детская площадка и клумбы.",
    "Организовали субботники на набережной и вывезли более 3 тонн мусора.",
    "Помогают пожилым соседям: доставка продуктов и лекарств, сопровождение к врачу.",
    "Провели праздник улицы и турнир по мини-футболу для детей микрорайона.",
]
THEMES = ["park", "city", "sea"]


def moscow(*args):
    return datetime.datetime(*args, tzinfo=MSK)


def load_demo(home, note):
    """Replace the section's placeholder page and fill the contest section."""
    index_page = ensure_section_page(
        home, ContestIndexPage, note, slug=SECTION.slug, title=SECTION.title, intro=INTRO
    )
    images = entry_images(note)
    current = ensure_contest(
        index_page,
        note,
        slug="2026",
        title="Лучший орган ТОС — 2026",
        year=2026,
        entries=ENTRIES_2026,
        images=images,
    )
    past = ensure_contest(
        index_page,
        note,
        slug="2025",
        title="Лучший орган ТОС — 2025",
        year=2025,
        entries=ENTRIES_2025,
        images=images,
    )
    ensure_citizen(note)
    # The jury (contest.demo.jury): its scores come before the 2025 results are published.
    ensure_jury(past, note, closes_at=moscow(2025, 12, 12, 20, 0), rule="weighted", jury_weight=60)
    ensure_past_scores(past, note, at=moscow(2025, 11, 25, 10, 0))
    ensure_jury(
        current, note, closes_at=moscow(2026, 12, 12, 20, 0), rule="weighted", jury_weight=60
    )
    ensure_past_votes(past, note)
    ensure_current_votes(current, note)
    load_applications(index_page, note)
    return index_page


def entry_images(note):
    """The three photos the entries share, drawn once."""
    return [
        illustration(
            f"ТОС: фото {number + 1}",
            theme,
            60 + number,
            note,
            size=(640, 400),
            name=f"tos-{number + 1}.jpg",
        )
        for number, theme in enumerate(THEMES)
    ]


def ensure_contest(index_page, note, *, slug, title, year, entries, images):
    contest = ContestPage.objects.child_of(index_page).filter(slug=slug).first()
    if contest is None:
        contest = ContestPage(
            title=title,
            slug=slug,
            intro=f"Конкурс {year} года: {len(entries)} ТОС из всех районов Сочи.",
            rules=RULES,
            nominations=NOMINATIONS,
            applications_open_on=datetime.date(year, 9, 1),
            applications_close_on=datetime.date(year, 10, 15),
            voting_opens_at=moscow(year, 11, 16, 10, 0),
            voting_closes_at=moscow(year, 12, 10, 20, 0),
            results_on=datetime.date(year, 12, 15),
            counts_hidden_while_voting=True,
        )
        index_page.add_child(instance=contest)
        contest.save_revision().publish()
        note(f"contest «{title}»")
    existing = set(EntryPage.objects.child_of(contest).values_list("slug", flat=True))
    nominations = contest.nomination_list()
    for number, (entry_slug, name, district) in enumerate(entries):
        if entry_slug in existing:
            continue
        entry = EntryPage(
            title=name,
            slug=entry_slug,
            district=district,
            chair=CHAIRS[number % len(CHAIRS)],
            nomination=nominations[number % len(nominations)],
            territory=f"Улицы и дома микрорайона {name.split('«')[1].rstrip('»')}, г. Сочи.",
            intro=ACHIEVEMENTS[number % len(ACHIEVEMENTS)],
            achievements=[
                {"type": "paragraph", "value": f"<p>{ACHIEVEMENTS[(number + k) % 4]}</p>"}
                for k in range(2)
            ],
        )
        entry.photos.add(
            EntryPhoto(
                image=images[number % len(images)],
                alt_text=f"Территория {name} после благоустройства",
                caption="Фото ТОС",
            )
        )
        contest.add_child(instance=entry)
        EntryAcceptance.objects.create(entry=entry, accepted_at=moscow(year, 10, 25, 12, 0))
        note(f"contest entry {quoted(name)} ({year})")
    return contest


def ensure_citizen(note):
    user_model = get_user_model()
    if user_model.objects.filter(email=CITIZEN_EMAIL).exists():
        return
    # No password here: ensure_demo_users gives it one and prints it (var/demo-users.txt).
    user = user_model.objects.create_user(username="citizen", email=CITIZEN_EMAIL)
    EmailAddress.objects.create(user=user, email=CITIZEN_EMAIL, verified=True, primary=True)
    PhoneVerification.objects.create(
        user=user,
        phone=CITIZEN_PHONE,
        verified_at=moscow(2026, 11, 1, 12, 0),
        consent_version=consent.current("voter").version,
        consented_at=moscow(2026, 11, 1, 12, 0),
    )
    note(f"verified citizen {CITIZEN_EMAIL}")


def demo_voters(count):
    """Generated voters (no password, cannot sign in) for the demo votes."""
    user_model = get_user_model()
    usernames = [f"demo-voter-{number:04d}" for number in range(count)]
    have = set(user_model.objects.filter(username__in=usernames).values_list("username", flat=True))
    user_model.objects.bulk_create(
        [
            user_model(username=name, email=f"{name}@voters.sochi.example", password="!")  # noqa: S106 (unusable)
            for name in usernames
            if name not in have
        ]
    )
    return list(user_model.objects.filter(username__in=usernames).order_by("username"))


def _bulk_votes(contest, ballots):
    """ballots: (voter, entry, cast_at, ip, phone prefix); votes and their audit records."""
    votes = Vote.objects.bulk_create(
        [
            Vote(
                contest=contest,
                entry=entry,
                voter=voter,
                receipt_code=new_receipt_code(),
                cast_at=cast_at,
                network=network_of(ip),
                phone_prefix=prefix,
            )
            for voter, entry, cast_at, ip, prefix in ballots
        ]
    )
    votes = Vote.objects.filter(contest=contest).order_by("pk")
    AuditEvent.objects.bulk_create(
        [
            AuditEvent(
                contest=contest,
                action=AuditAction.VOTE,
                vote=vote,
                at=vote.cast_at,
                details={"entry": vote.entry_id},
            )
            for vote in votes
        ]
    )


def ensure_past_votes(contest, note):
    if Vote.objects.filter(contest=contest).exists():
        return
    rng = random.Random(2025)
    entries = list(contest.accepted_entries())
    weights = [len(entries) - n for n in range(len(entries))]
    voters = demo_voters(240)
    ballots = [
        (
            voter,
            rng.choices(entries, weights)[0],
            contest.voting_opens_at + datetime.timedelta(minutes=rng.randrange(0, 33_000)),
            f"95.{rng.randrange(24, 200)}.{rng.randrange(256)}.{rng.randrange(1, 255)}",
            f"+79{rng.randrange(10, 99)}{rng.randrange(100, 999)}",
        )
        for voter in voters
    ]
    _bulk_votes(contest, ballots)
    publish_results(contest, by=None, now=moscow(2025, 12, 15, 12, 0))
    note(f"{len(ballots)} votes and published results of «{contest.title}»")


def ensure_current_votes(contest, note):
    if Vote.objects.filter(contest=contest).exists():
        return
    rng = random.Random(2026)
    entries = list(contest.accepted_entries())
    voters = demo_voters(240)[:90]
    ballots = []
    for number, voter in enumerate(voters):
        if number < 70:
            ballots.append(
                (
                    voter,
                    rng.choice(entries),
                    contest.voting_opens_at + datetime.timedelta(minutes=rng.randrange(0, 14_000)),
                    f"95.{rng.randrange(24, 200)}.{rng.randrange(256)}.{rng.randrange(1, 255)}",
                    f"+79{rng.randrange(10, 99)}{rng.randrange(100, 999)}",
                )
            )
        else:  # the "bot wave": 20 votes for one entry within an hour from one network
            ballots.append(
                (
                    voter,
                    entries[-1],
                    moscow(2026, 11, 24, 3, 0) + datetime.timedelta(minutes=number - 70),
                    f"185.12.45.{number}",
                    "+7999000",
                )
            )
    _bulk_votes(contest, ballots)
    note(f"{len(ballots)} votes in «{contest.title}»")
