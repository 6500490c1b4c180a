"""The sets the portal publishes, as one list: `portal/opendata/urls.py` builds it from each
app's `<app>/opendata.py` and hands it to the views."""

from portal.opendata.declaration import Dataset


class Registry:
    def __init__(self, datasets: list[Dataset]):
        codes = [dataset.code for dataset in datasets]
        duplicates = sorted({code for code in codes if codes.count(code) > 1})
        if duplicates:
            raise ValueError(f"open data sets declared twice: {duplicates}")
        self.datasets = tuple(datasets)

    def __iter__(self):
        return iter(self.datasets)

    def __len__(self):
        return len(self.datasets)

    def get(self, identifier):
        """The set with this identifier («<ИНН>-<code>»), or None."""
        return next((d for d in self.datasets if d.identifier == identifier), None)
