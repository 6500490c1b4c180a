"""Find the apps' demo loaders and run them in order: the home page, every app's content, then
what links across sections, then the finishing touches and the staff roles."""

from importlib import import_module

from django.apps import apps
from django.utils.module_loading import module_has_submodule

from portal.roles import ensure_roles


def app_loaders():
    """The `<app>.demo.loader` modules, in INSTALLED_APPS order."""
    loaders = []
    for app_config in apps.get_app_configs():
        if module_has_submodule(app_config.module, "demo"):
            demo = import_module(f"{app_config.name}.demo")
            if module_has_submodule(demo, "loader"):
                loaders.append(import_module(f"{app_config.name}.demo.loader"))
    return loaders


def links_other_sections(loader):
    return getattr(loader, "LINKS_OTHER_SECTIONS", False)


def load_site(note):
    """Build the whole demo site (idempotent); `note(text)` is called for each thing created."""
    loaders = app_loaders()
    (home,) = [loader.ensure_home(note) for loader in loaders if hasattr(loader, "ensure_home")]
    for loader in sorted(loaders, key=links_other_sections):  # stable: INSTALLED_APPS order
        loader.load_demo(home, note)
    for loader in loaders:
        if hasattr(loader, "finish_demo"):
            loader.finish_demo(home, note)
    ensure_roles()
