"""The demo site, built by each app's own `demo/` package; shared helpers live here.

An app with demo content has `<app>/demo/loader.py`, found by `portal.demo.loading` in
INSTALLED_APPS order (portal imports no app). A loader module defines:

- `load_demo(home, note)`: the app's pages and objects under the home page; idempotent, calling
  `note(text)` for each thing it creates;
- optionally `LINKS_OTHER_SECTIONS = True`: its load_demo runs after the other apps' (projects,
  whose passports link to the sections' real pages);
- optionally `finish_demo(home, note)`: run after every app's load_demo (the home page's
  section cards and the main menu, which point at the sections' final pages);
- in the home app only, `ensure_home(note)`: the site's home page, made on a fresh database.

Also here: `images` (illustrations drawn with Pillow), `pages` (page-building helpers the loaders
share) and `seeding` (many pages at once, for query-count tests and benchmarks).
"""
