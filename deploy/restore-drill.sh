#!/usr/bin/env bash
# Prove that a PostgreSQL dump of the portal can be restored (docs/deploy.md): restore it into a
# scratch database, check that its schema is this release's, print the counts of the main
# records, drop the scratch database.
#
#   deploy/restore-drill.sh /backups/portal-2026-12-01.dump
#
# RESTORE_SERVER_URL: the server to restore on (default postgres://postgres@127.0.0.1:5432), a
# role that may create databases. Run from the checkout, with its virtualenv.
set -euo pipefail

dump=${1:?usage: deploy/restore-drill.sh DUMP (pg_dump --format=custom)}
server=${RESTORE_SERVER_URL:-postgres://postgres@127.0.0.1:5432}
scratch="portal_restore_drill_$(date +%Y%m%d%H%M%S)_$$"
python=${PYTHON:-.venv/bin/python}

echo "Scratch database: $scratch"
psql --quiet "$server/postgres" -c "CREATE DATABASE $scratch"
trap 'psql --quiet "$server/postgres" -c "DROP DATABASE IF EXISTS $scratch WITH (FORCE)"' EXIT

pg_restore --no-owner --no-privileges --exit-on-error --dbname "$server/$scratch" "$dump"

export DATABASE_URL="$server/$scratch"
export DJANGO_SETTINGS_MODULE=${DJANGO_SETTINGS_MODULE:-portal.settings.dev}
# Fails when the dump lacks a migration of this release (restore the matching release instead).
"$python" manage.py migrate --check
"$python" manage.py shell --no-imports -c '
from django.apps import apps
for label in ["wagtailcore.Page", "news.NewsPage", "projects.ProjectPage",
              "calendar_pages.Facility", "shelter.Pet", "shelter.AdoptionApplication",
              "producers.Producer", "producers.Product", "contest.Vote",
              "wagtailimages.Image", "wagtaildocs.Document"]:
    print(f"{label}: {apps.get_model(label).objects.count()}")
'
echo "Restore drill passed: $dump"
