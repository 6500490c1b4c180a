"""Open data (/opendata/) after the Russian methodological recommendations, version 3.0.

- `declaration`: `Dataset` and `Field`, what an app declares in `<app>/opendata.py`;
- `registry`: the list of sets, built by `urls` (the composition root naming the apps);
- `files`: dated file names, data in CSV and JSON, the structure in CSV and as JSON Schema;
- `passport`: meta.csv and the passport page's properties, and the registry list.csv;
- `oc4ids`: OC4IDS 0.9 project packages (facilities and projects), schema in `schema/`;
- `views`: the catalogue, passport pages and files, made on request, kept by the page cache.
"""
