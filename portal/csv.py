"""CSV files the portal writes, with formula cells neutralised (OWASP "CSV injection").

Producers, applicants and editors type text that staff later open in a spreadsheet; a cell such
as `=HYPERLINK(...)` or `=cmd|' /C calc'!A0` would run there. Every text cell that starts with a
character a spreadsheet reads as a formula (= + - @ tab, carriage return) gets a leading
apostrophe, which spreadsheets show as text and hide. Numbers are written as they are.

`restore` takes the apostrophe off again, so a file exported, edited and imported back (the
producers' import-export) keeps its values.
"""

import csv

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
ESCAPE = "'"


def neutralise(value):
    """The cell with a leading apostrophe if a spreadsheet would read it as a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return ESCAPE + value
    return value


def restore(value):
    """The value `neutralise` was given (an imported cell back from an export)."""
    if (
        isinstance(value, str)
        and value.startswith(ESCAPE)
        and value[1:].startswith(FORMULA_PREFIXES)
    ):
        return value[1:]
    return value


class SafeWriter:
    """`csv.writer` whose rows have formula cells neutralised; the same arguments."""

    def __init__(self, file, *args, **kwargs):
        self._writer = csv.writer(file, *args, **kwargs)

    def writerow(self, row):
        return self._writer.writerow([neutralise(cell) for cell in row])

    def writerows(self, rows):
        for row in rows:
            self.writerow(row)


def neutralise_dataset(dataset):
    """A tablib Dataset (django-import-export's export) with formula cells neutralised."""
    import tablib

    safe = tablib.Dataset(headers=dataset.headers)
    for row in dataset:
        safe.append([neutralise(cell) for cell in row])
    return safe
