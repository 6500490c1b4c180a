"""The layers of ARCHITECTURE.md, checked on the code: every import of one of the portal's packages
by another, at the top of a module or inside a function, must point down the layers.

    home                                  the front page, which shows every section
    shelter, producers, contest           the services
    calendar_pages, projects, news        what the services build on
    discussion                            residents' comments under news and project pages
    accounts                              citizens' and producers' accounts
    portal                                what every app shares; imports no app

An app imports nothing from an app of its own layer. The root URL configuration (portal/urls.py),
the API's router (portal/api/urls.py) and the open-data registry (portal/opendata/urls.py) are
where the site is put together, so they name apps; nothing but the URL configuration imports them.
"""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
LAYERS = [
    ("home",),
    ("shelter", "producers", "contest"),
    ("calendar_pages", "projects", "news"),
    ("discussion",),
    ("accounts",),
    ("portal",),
]
LAYER_OF = {package: depth for depth, packages in enumerate(LAYERS) for package in packages}
COMPOSITION_ROOT = {"portal/urls.py", "portal/api/urls.py", "portal/opendata/urls.py"}


def imports(source):
    """(line, dotted module name) of every absolute import in the module's source."""
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            yield node.lineno, node.module


def imported_packages(source):
    """(line, top-level package) of every absolute import in the module's source."""
    for line, name in imports(source):
        yield line, name.split(".")[0]


def refused(importer, imported):
    """Why `importer` may not import `imported`, or None when the import points down."""
    if imported not in LAYER_OF or imported == importer:
        return None
    if LAYER_OF[imported] == LAYER_OF[importer]:
        return "an app of the same layer"
    if LAYER_OF[imported] < LAYER_OF[importer]:
        return "a layer above"
    return None


def modules():
    for package in LAYER_OF:
        for path in sorted((ROOT / package).rglob("*.py")):
            relative = path.relative_to(ROOT).as_posix()
            if "/migrations/" not in relative and relative not in COMPOSITION_ROOT:
                yield package, relative, path.read_text(encoding="utf-8")


def test_every_import_points_down_the_layers():
    wrong = [
        f"{relative}:{line} imports {imported} ({reason})"
        for package, relative, source in modules()
        for line, imported in imported_packages(source)
        if (reason := refused(package, imported))
    ]
    assert wrong == []


def test_nothing_imports_the_root_url_configuration_or_another_composition_root():
    roots = {path.removesuffix(".py").replace("/", ".") for path in COMPOSITION_ROOT}
    importers = [
        f"{relative}:{line} imports {name}"
        for _package, relative, source in modules()
        for line, name in imports(source)
        if name in roots or any(name.startswith(root + ".") for root in roots)
    ]
    assert importers == []


def test_the_walk_sees_imports_inside_functions_and_the_downward_ones():
    source = "import portal.mail\n\ndef f():\n    from shelter.models import Pet\n"
    assert list(imported_packages(source)) == [(1, "portal"), (4, "shelter")]
    seen = {
        (package, imported) for package, _r, s in modules() for _l, imported in imported_packages(s)
    }
    # Known downward imports: if the walk missed them, the first test would pass for nothing.
    assert {
        ("shelter", "calendar_pages"),
        ("contest", "accounts"),
        ("news", "portal"),
        ("news", "discussion"),
        ("discussion", "accounts"),
    } <= seen


@pytest.mark.parametrize(
    "importer, imported, reason",
    [
        ("portal", "news", "a layer above"),
        ("news", "shelter", "a layer above"),
        ("shelter", "producers", "an app of the same layer"),
        ("projects", "news", "an app of the same layer"),
        ("home", "shelter", None),
        ("contest", "accounts", None),
        ("projects", "discussion", None),
        ("discussion", "news", "a layer above"),
        ("accounts", "discussion", "a layer above"),
        ("shelter", "wagtail", None),
    ],
)
def test_the_rule(importer, imported, reason):
    assert refused(importer, imported) == reason
