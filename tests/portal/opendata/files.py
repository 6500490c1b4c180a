"""Reading a set's files as a client does: from its passport to the current data."""

import csv
import io
import json
from urllib.parse import urlsplit

from portal.opendata.urls import REGISTRY


def dataset(code):
    return next(d for d in REGISTRY if d.code == code)


def read_meta(client, code):
    response = client.get(f"/opendata/{dataset(code).identifier}/meta.csv")
    assert response.status_code == 200
    return dict(list(csv.reader(io.StringIO(response.content.decode())))[1:])


def current_path(client, code, kind="data", extension="csv"):
    """The site path of a set's current file, as its meta.csv names it."""
    meta = read_meta(client, code)
    name = next(name for name in meta if name.startswith(f"{kind}-"))
    path = urlsplit(meta[name]).path
    return path.removesuffix(".csv") + f".{extension}"


def get_csv(client, path):
    response = client.get(path)
    assert response.status_code == 200, path
    return list(csv.reader(io.StringIO(response.content.decode("utf-8"))))


def get_json(client, path):
    response = client.get(path)
    assert response.status_code == 200, path
    return json.loads(response.content.decode("utf-8"))
