"""Demo of applying online: the 2027 contest accepting applications (1 November 2026 – 31 January
2027, around the demo's "today"), two confirmed ТОС and their draft applications.

The demo citizen (contest.demo.loader) chairs one ТОС, a second demo resident the other, so
signing in as the citizen shows a chair's desk with a draft to finish. Idempotent: matched by
slug, e-mail and the ТОС's name.
"""

import datetime

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model

from contest.models import ContestPage, EntryApplication, Tos, TosStatus

CHAIR_EMAIL = "tos-chair@sochi.example"
CONFIRMED_AT = datetime.datetime(2026, 11, 5, 9, 0, tzinfo=datetime.UTC)
# (chair's e-mail, ТОС, district, territory, chair's name, nomination, description, achievements)
DRAFTS = [
    (
        "citizen@sochi.example",
        "ТОС «Приморье»",
        "central",
        "ул. Приморская, ул. Морской переулок, дома 1–24.",
        "Мария Андреевна Иванова",
        "Благоустройство территории",
        "Жители микрорайона сами ухаживают за сквером у моря и двором с детской площадкой.",
        "Высадили 40 деревьев вдоль набережной.\n\nОтремонтировали детскую площадку.",
        [{"label": "Субботников", "value": "12"}, {"label": "Деревьев", "value": "40"}],
    ),
    (
        CHAIR_EMAIL,
        "ТОС «Вардане»",
        "lazarevsky",
        "пос. Вардане, улицы Львовская и Молодогвардейская.",
        "Армен Сергеевич Петросян",
        "Социальные проекты",
        "Помогаем пожилым соседям и проводим праздники улицы.",
        "",
        [],
    ),
]


def load_applications(index_page, note):
    contest = ensure_open_contest(index_page, note)
    for number, row in enumerate(DRAFTS):
        email, name, district, territory, chair_name, nomination, description, done, figures = row
        chair = _resident(email, note)
        tos = Tos.objects.filter(name=name).first()
        if tos is None:
            tos = Tos.objects.create(
                name=name,
                district=district,
                territory=territory,
                decision_date=datetime.date(2023, 2, 16 + number),
                decision_number=f"{31 + number}/23",
                chair=chair,
                chair_full_name=chair_name,
                contacts=f"+7 862 200-00-0{number + 1}, {email}",
                status=TosStatus.CONFIRMED,
                decided_at=CONFIRMED_AT,
            )
            note(f"confirmed ТОС {name}")
        _, created = EntryApplication.objects.get_or_create(
            contest=contest,
            tos=tos,
            nomination=nomination,
            defaults={"description": description, "achievements": done, "figures": figures},
        )
        if created:
            note(f"draft application of {name}")
    return contest


def ensure_open_contest(index_page, note):
    from contest.demo.loader import NOMINATIONS, RULES, moscow

    contest = ContestPage.objects.child_of(index_page).filter(slug="2027").first()
    if contest is None:
        contest = ContestPage(
            title="Лучший орган ТОС — 2027",
            slug="2027",
            intro="Приём заявок открыт: председатели ТОС подают заявки на сайте.",
            rules=RULES,
            nominations=NOMINATIONS,
            applications_open_on=datetime.date(2026, 11, 1),
            applications_close_on=datetime.date(2027, 1, 31),
            voting_opens_at=moscow(2027, 3, 1, 10, 0),
            voting_closes_at=moscow(2027, 3, 31, 20, 0),
            results_on=datetime.date(2027, 4, 10),
            counts_hidden_while_voting=True,
        )
        index_page.add_child(instance=contest)
        contest.save_revision().publish()
        note(f"contest «{contest.title}»")
    return contest


def _resident(email, note):
    """The demo resident with a confirmed e-mail (the demo citizen exists already)."""
    user = get_user_model().objects.filter(email=email).first()
    if user is None:
        user = get_user_model().objects.create_user(username=email.split("@")[0], email=email)
        EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
        note(f"resident {email}")
    return user
