"""Demo discussion under the seed news item, in Russian. Plain data: no Django imports.

`author` is a key of RESIDENTS, or "citizen" (the contest's demo citizen, who can sign in and
sees their own comment awaiting moderation, under the `display_name` given); `replies` nest one
level; `official` answers are posted by the administration.
"""

NEWS_SLUG = "proektnyi-komitet-utverdil-pervye-10-proektov"

# username → (e-mail, display name the resident chose)
RESIDENTS = {
    "demo-resident-1": ("resident1@sochi.example", "Марина с Мацесты"),
    "demo-resident-2": ("resident2@sochi.example", "Олег, Хоста"),
    "demo-resident-3": ("resident3@sochi.example", "Ирина К."),
}

COMMENTS = [
    {
        "author": "demo-resident-1",
        "text": (
            "Хорошо, что календарь ввода объектов будет открытым. Будет ли в нём школа в "
            "Бытхе? Её обещали открыть к сентябрю."
        ),
        "replies": [
            {
                "official": True,
                "text": (
                    "Здравствуйте! Все объекты года уже внесены в календарь: "
                    "https://sochi.example/calendar/ — там видны плановая и фактическая даты "
                    "и причина переноса, если он случится."
                ),
            },
            {
                "author": "demo-resident-2",
                "text": "Посмотрел календарь — школа там есть, срок пока не сдвигали.",
            },
        ],
    },
    {
        "author": "demo-resident-3",
        "text": (
            "«Выбирай сочинское!» — отличная идея. Хотелось бы видеть, на какой ярмарке "
            "и в какой день будет конкретный фермер."
        ),
        "replies": [],
    },
    {
        "author": "citizen",
        "display_name": "Алексей из Адлера",
        "pending": True,
        "text": "А когда обсудят остальные 23 проекта? Где можно будет их прочитать?",
        "replies": [],
    },
]
