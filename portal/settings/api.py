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
        "Ответы можно кешировать по ETag (304 Not Modified). Запросы с одного адреса ограничены; "
        "при превышении — ответ 429."
    ),
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    # Swagger UI from the drf_spectacular_sidecar package's static files, not from a CDN.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "TAGS": [
        {
            "name": "facilities",
            "description": "Объекты календаря ввода: плановые и фактические даты, переносы",
        },
        {"name": "pets", "description": "Питомцы приюта, которые ищут дом"},
        {"name": "producers", "description": "Местные производители «Выбирай сочинское!»"},
        {"name": "products", "description": "Продукция местных производителей"},
        {"name": "geo", "description": "Места для карт: GeoJSON (RFC 7946), [долгота, широта]"},
    ],
    # GeoJSON's fixed "type" values (portal.api.geojson), named once.
    "ENUM_NAME_OVERRIDES": {
        "GeoJSONPointType": ["Point"],
        "GeoJSONFeatureType": ["Feature"],
        "GeoJSONFeatureCollectionType": ["FeatureCollection"],
    },
    "PREPROCESSING_HOOKS": ["portal.api.schema.only_the_public_api"],
}
