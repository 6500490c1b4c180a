"""The public API (portal.api): Django REST framework, described by drf-spectacular."""

REST_FRAMEWORK = {
    # Anonymous and read-only: the API serves public records only, to anyone.
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
}

SPECTACULAR_SETTINGS = {
    "TITLE": "API портала города Сочи",
    "DESCRIPTION": (
        "Открытые данные портала: только чтение, без регистрации. Списки принимают те же "
        "параметры, что и каталоги на сайте (фильтры, ?q= — поиск по тексту, ?sort=, ?page=), и "
        "возвращают число найденных записей, счётчики фильтров и ссылки на соседние страницы. "
        "Ответы можно кешировать по ETag и Last-Modified (304 Not Modified). Запросы с одного "
        "адреса ограничены; при превышении — ответ 429."
    ),
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    # Swagger UI from the drf_spectacular_sidecar package's static files, not from a CDN.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "TAGS": [
        {"name": "contests", "description": "Конкурс «Лучший орган ТОС»: участники и итоги"},
        {"name": "events", "description": "События городского календаря: ярмарки, выставки…"},
        {
            "name": "facilities",
            "description": "Объекты календаря ввода: плановые и фактические даты, переносы",
        },
        {"name": "fairs", "description": "Муниципальные ярмарки: расписание, дни, участники"},
        {"name": "news", "description": "Новости администрации"},
        {"name": "pets", "description": "Питомцы приюта, которые ищут дом"},
        {"name": "producers", "description": "Местные производители «Выбирай сочинское!»"},
        {"name": "products", "description": "Продукция местных производителей"},
        {"name": "projects", "description": "Паспорта муниципальных проектов"},
        {"name": "geo", "description": "Места для карт: GeoJSON (RFC 7946), [долгота, широта]"},
    ],
    # Named once: a fair's season starts and ends in a month of the same list; GeoJSON's
    # fixed "type" values (portal.api.geojson).
    "ENUM_NAME_OVERRIDES": {
        "MonthEnum": "producers.models.fairs.MONTH_NUMBER_CHOICES",
        "GeoJSONPointType": ["Point"],
        "GeoJSONFeatureType": ["Feature"],
        "GeoJSONFeatureCollectionType": ["FeatureCollection"],
    },
    "PREPROCESSING_HOOKS": ["portal.api.schema.only_the_public_api"],
}
