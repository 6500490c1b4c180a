"""The version for the visually impaired: its settings in one cookie, the switch, the page it makes.

ГОСТ Р 52872-2019 asks for a font size, a colour scheme, images on or off, letter spacing and a way
back to the standard version; the browser side (every page type in every scheme) is in
tests/e2e/test_visually_impaired.py.
"""

import itertools
import re
from html import unescape
from urllib.parse import parse_qs, urlsplit

import pytest

from portal.accessibility import CHOICES, COOKIE_MAX_AGE, STANDARD, DisplaySettings, from_cookie

EVERY_SETTING = [
    DisplaySettings(enabled=True, size=size, scheme=scheme, images=images, spacing=spacing)
    for size, scheme, images, spacing in itertools.product(
        CHOICES["size"].values(),
        CHOICES["scheme"].values(),
        CHOICES["images"].values(),
        CHOICES["spacing"].values(),
    )
]
DEFAULTS = DisplaySettings(enabled=True)
PANEL_LINK = re.compile(r'href="(/accessibility/\?[^"]+)"')


def cookie_after(response):
    return from_cookie(response.cookies["a11y"].value)


def body_classes(response):
    return re.search(r'<body class="([^"]*)"', response.content.decode()).group(1).split()


class TestCookie:
    def test_no_cookie_is_the_standard_version(self):
        assert from_cookie(None) == STANDARD and from_cookie("") == STANDARD
        assert not STANDARD.enabled

    def test_a_plain_on_cookie_is_the_mode_with_its_defaults(self):
        settings = from_cookie("on")
        assert settings == DEFAULTS
        assert (settings.size, settings.scheme, settings.images, settings.spacing) == (
            1,
            "light",
            True,
            0,
        )

    def test_reads_every_setting(self):
        settings = from_cookie("on|size:2|scheme:dark|images:off|spacing:1")
        assert settings == DisplaySettings(
            enabled=True, size=2, scheme="dark", images=False, spacing=1
        )

    @pytest.mark.parametrize("choice", EVERY_SETTING, ids=lambda choice: choice.to_cookie())
    def test_every_combination_survives_the_cookie(self, choice):
        assert from_cookie(choice.to_cookie()) == choice

    def test_defaults_are_not_written_out(self):
        assert DEFAULTS.to_cookie() == "on"
        assert DisplaySettings(enabled=True, scheme="blue").to_cookie() == "on|scheme:blue"

    @pytest.mark.parametrize("value", ["off", "ON", "1", "true", "\x00", "on;size=2", " on"])
    def test_anything_but_on_is_the_standard_version(self, value):
        assert from_cookie(value) == STANDARD

    @pytest.mark.parametrize(
        "value",
        [
            "on|size:9",
            "on|size:0",
            "on|size:٢",  # an Arabic-Indic two: not one of the choices
            "on|scheme:pink",
            "on|scheme:DARK",
            "on|images:maybe",
            "on|spacing:-1",
            "on|size",
            "on|:2",
            "on||||",
            "on|size:2:3",
            "on|colour:dark",
        ],
    )
    def test_junk_falls_back_to_the_defaults(self, value):
        assert from_cookie(value) == DEFAULTS

    def test_a_huge_cookie_is_read_only_as_far_as_a_real_one_goes(self):
        assert from_cookie("on|size:2|" + "x:y|" * 5000 + "scheme:dark") == DisplaySettings(
            enabled=True, size=2
        )

    def test_junk_in_one_setting_keeps_the_others(self):
        settings = from_cookie("on|size:9|scheme:dark|images:yes|spacing:2")
        assert (settings.size, settings.scheme, settings.images, settings.spacing) == (
            1,
            "dark",
            True,
            2,
        )


class TestBodyClasses:
    def test_the_standard_version_has_none(self):
        assert STANDARD.body_classes == ""

    def test_name_every_choice(self):
        settings = DisplaySettings(enabled=True, size=2, scheme="dark", images=False, spacing=1)
        assert settings.body_classes == (
            "a11y a11y--size-2 a11y--scheme-dark a11y--spacing-1 a11y--no-images"
        )

    def test_images_shown_add_no_class(self):
        assert DEFAULTS.body_classes == "a11y a11y--size-1 a11y--scheme-light a11y--spacing-0"


@pytest.mark.django_db
class TestSwitch:
    def test_turns_the_mode_on_and_returns_to_the_page(self, client, home):
        response = client.get("/accessibility/", {"mode": "on", "next": "/news/"})
        assert response.status_code == 302 and response["Location"] == "/news/"
        assert response.cookies["a11y"].value == "on"
        page = client.get("/")
        assert "a11y" in body_classes(page)
        assert "Обычная версия" in page.content.decode()

    def test_the_cookie_lasts_a_year_and_stays_on_this_site(self, client):
        cookie = client.get("/accessibility/", {"mode": "on"}).cookies["a11y"]
        assert cookie["max-age"] == COOKIE_MAX_AGE
        assert cookie["samesite"] == "Lax" and cookie["httponly"] and cookie["path"] == "/"

    def test_each_choice_is_remembered_with_the_others(self, client):
        client.get("/accessibility/", {"mode": "on"})
        client.get("/accessibility/", {"size": "3"})
        client.get("/accessibility/", {"scheme": "blue"})
        client.get("/accessibility/", {"images": "off"})
        response = client.get("/accessibility/", {"spacing": "2"})
        assert response.cookies["a11y"].value == "on|size:3|scheme:blue|images:off|spacing:2"
        response = client.get("/accessibility/", {"size": "1"})
        assert cookie_after(response) == DisplaySettings(
            enabled=True, size=1, scheme="blue", images=False, spacing=2
        )

    def test_a_choice_turns_the_mode_on(self, client):
        response = client.get("/accessibility/", {"scheme": "dark"})
        assert cookie_after(response) == DisplaySettings(enabled=True, scheme="dark")

    def test_the_standard_version_forgets_the_settings(self, client, home):
        client.get("/accessibility/", {"scheme": "dark", "size": "3"})
        response = client.get("/accessibility/", {"mode": "off", "next": "/"})
        assert response.status_code == 302
        assert response.cookies["a11y"].value == "" and response.cookies["a11y"]["max-age"] == 0
        page = client.get("/")
        assert "Версия для слабовидящих" in page.content.decode()
        assert not any(name.startswith("a11y") for name in body_classes(page))
        assert cookie_after(client.get("/accessibility/", {"mode": "on"})) == DEFAULTS

    @pytest.mark.parametrize(
        "query",
        [
            {"size": "99"},
            {"size": "1e9"},
            {"size": ""},
            {"scheme": "<script>alert(1)</script>"},
            {"images": "No"},
            {"spacing": "-1"},
            {"spacing": "x" * 5000},
            {"mode": "maybe"},
            {"size": ["2", "junk"]},
            {"colour": "pink"},
        ],
    )
    def test_junk_in_the_query_is_a_redirect_with_defaults_never_a_500(self, client, query):
        response = client.get("/accessibility/", query)
        assert response.status_code == 302 and response["Location"] == "/"
        assert cookie_after(response) == DEFAULTS

    def test_junk_in_one_choice_keeps_the_others(self, client):
        client.get("/accessibility/", {"scheme": "dark", "images": "off"})
        response = client.get("/accessibility/", {"size": "huge"})
        assert cookie_after(response) == DisplaySettings(enabled=True, scheme="dark", images=False)

    @pytest.mark.parametrize(
        "target",
        [
            "https://evil.example/",
            "//evil.example/",
            "/\\evil.example/",
            "\\\\evil.example/",
            "javascript:alert(1)",
            "http://testserver.evil.example/",
            "\x00/news/",
        ],
    )
    def test_never_redirects_off_site(self, client, target):
        response = client.get("/accessibility/", {"mode": "on", "next": target})
        assert response.status_code == 302 and response["Location"] == "/"

    def test_returns_to_a_page_with_its_query(self, client):
        response = client.get("/accessibility/", {"size": "2", "next": "/search/?q=сочи&page=2"})
        assert response["Location"] == "/search/?q=%D1%81%D0%BE%D1%87%D0%B8&page=2"

    def test_a_line_break_in_next_cannot_add_a_header(self, client):
        response = client.get("/accessibility/", {"size": "2", "next": "/news/\r\nSet-Cookie: x=1"})
        assert response.status_code == 302
        assert "\n" not in response["Location"] and "x" not in response.cookies


@pytest.mark.django_db
class TestPage:
    def test_the_body_names_the_choices(self, client, home):
        client.cookies["a11y"] = "on|size:2|scheme:dark|images:off|spacing:1"
        classes = body_classes(client.get("/"))
        assert {
            "a11y",
            "a11y--size-2",
            "a11y--scheme-dark",
            "a11y--no-images",
            "a11y--spacing-1",
        } <= set(classes)

    @pytest.mark.parametrize("value", ["on|size:<b>", 'on|scheme:"><script>', "on|" + "x" * 3000])
    def test_a_junk_cookie_never_breaks_a_page(self, client, home, value):
        client.cookies["a11y"] = value
        response = client.get("/")
        assert response.status_code == 200
        assert "a11y--size-1" in body_classes(response) and "<script>" not in unescape(
            response.content.decode().split("<body")[1][:300]
        )

    def test_the_standard_version_has_no_panel(self, client, home):
        html = client.get("/").content.decode()
        assert "a11y-panel" not in html
        assert 'href="/accessibility/?mode=on&amp;next=/"' in html

    def test_the_panel_marks_the_current_choices(self, client, home):
        client.cookies["a11y"] = "on|size:3|scheme:blue|images:off|spacing:2"
        html = client.get("/").content.decode()
        current = re.findall(
            r'href="/accessibility/\?([a-z]+=[a-z0-9]+)[^"]*"[^>]*aria-current', html
        )
        assert sorted(current) == ["images=off", "scheme=blue", "size=3", "spacing=2"]

    def test_every_panel_link_chooses_what_it_says_and_comes_back(self, client, home):
        client.cookies["a11y"] = "on"
        html = client.get("/news/?page=1").content.decode()
        links = [unescape(link) for link in PANEL_LINK.findall(html)]
        assert len(links) == 3 + 3 + 2 + 3 + 1  # the choices and the way back
        chosen = set()
        for link in links:
            query = parse_qs(urlsplit(link).query)
            response = client.get(link)
            assert response.status_code == 302 and response["Location"] == "/news/?page=1"
            (name,) = set(query) - {"next"}
            if name == "mode":
                assert query["mode"] == ["off"] and response.cookies["a11y"].value == ""
                client.cookies["a11y"] = "on"
                continue
            value = getattr(cookie_after(response), name)
            assert value == CHOICES[name][query[name][0]]
            chosen.add((name, value))
        assert len(chosen) == 11

    def test_pages_vary_on_the_cookie(self, client, home):
        # A shared cache must never hand one visitor's look to another.
        assert "Cookie" in client.get("/")["Vary"]
