"""The sections of the portal: one registry used by demo content, roles and the main menu.

Each section is a top-level page under the home page, identified by its slug. A staff group owns
a section's pages.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Section:
    slug: str
    title: str
    group: str
    intro: str


NEWS = Section(
    "news",
    "Новости",
    "Редакторы",
    "Новости администрации Сочи и муниципальных проектов.",
)
ABOUT = Section(
    "about",
    "О портале",
    "Редакторы",
    "Портал рассказывает о муниципальных проектах Сочи и о том, как в них участвовать.",
)
SECTIONS = [
    NEWS,
    Section(
        "projects",
        "Муниципальные проекты",
        "Проектный офис",
        "Паспорта муниципальных проектов: цели, показатели, контрольные точки и бюджет. "
        "Проектный комитет утвердил первые 10 проектов из 33 запланированных.",
    ),
    Section(
        "calendar",
        "Календарь ввода объектов",
        "Проектный офис",
        "Городской календарь ввода объектов этого года: школы, детские сады, дороги, парки — "
        "плановые и фактические даты.",
    ),
    Section(
        "shelter",
        "Приют: найди друга",
        "Приют",
        "Каталог животных муниципального приюта с поиском и онлайн-заявкой на то, чтобы забрать "
        "питомца домой.",
    ),
    Section(
        "producers",
        "Выбирай сочинское!",
        "Потребительский рынок",
        "Каталог местных производителей и их продукции, муниципальные ярмарки и расписание "
        "торговли.",
    ),
    Section(
        "tos-contest",
        "Лучший орган ТОС",
        "Конкурс ТОС",
        "Городской конкурс органов территориального общественного самоуправления: заявки ТОС, "
        "голосование подтверждённых жителей и открытые итоги.",
    ),
    ABOUT,
]


def ensure_section_page(home, page_class, note, *, slug, title, **fields):
    """A section's index page under home, for demo content: made once (and published) in place of
    the placeholder landing page load_demo creates for every section; found as it is afterwards."""
    existing = home.get_children().filter(slug=slug).first()
    if existing is not None and isinstance(existing.specific, page_class):
        return existing.specific
    if existing is not None:
        existing.delete()  # the placeholder StandardPage
    page = page_class(title=title, slug=slug, **fields)
    home.add_child(instance=page)
    page.save_revision().publish()
    note(f"section page «{title}» at /{slug}/")
    return page
