"""Sochi's four districts as schematic shapes (data/districts.json): drawn by the server as SVG,
without tiles or JavaScript, and used to check that a place lies in its district (the demo data).

The outlines follow the coast roughly and the inland borders loosely: a picture of where the
districts are, not a survey.
"""

import json
import math
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from portal.districts import District

DATA = Path(__file__).parent / "data" / "districts.json"
# Longitude shrinks with the cosine of the latitude: at Sochi's, a degree east is 0.72 of north.
MID_LATITUDE = 43.7
ASPECT = math.cos(math.radians(MID_LATITUDE))
MARGIN = 0.02
# Room under the lowest caption's corner for its two lines, in the picture's units.
CAPTION_HEIGHT = 48


@cache
def shapes():
    """{district value: {"outline": [[lon, lat], ...], "anchor": [lon, lat], "label_at": ...}}"""
    with open(DATA, encoding="utf-8") as data:
        return json.load(data)["districts"]


def contains(district, lon, lat):
    """Whether the point lies inside the district's outline (even-odd rule)."""
    ring = shapes()[district]["outline"]
    inside = False
    for (x1, y1), (x2, y2) in zip(ring, ring[1:], strict=False):
        if (y1 > lat) != (y2 > lat):
            crossing = x1 + (lat - y1) * (x2 - x1) / (y2 - y1)
            if lon < crossing:
                inside = not inside
    return inside


def district_at(lon, lat):
    """The district whose outline holds the point, or None (the sea, outside the city)."""
    return next((value for value in shapes() if contains(value, lon, lat)), None)


@dataclass(frozen=True)
class DrawnDistrict:
    value: str
    label: object
    path: str
    anchor: tuple[float, float]
    label_at: tuple[float, float]


@dataclass(frozen=True)
class Drawing:
    width: int
    height: int
    districts: list[DrawnDistrict]

    @property
    def view_box(self):
        return f"0 0 {self.width} {self.height}"


@cache
def drawing(width=640):
    """The districts projected onto a `width`-wide picture (y down), every caption included."""
    points = [
        point
        for shape in shapes().values()
        for point in (*shape["outline"], shape["label_at"], shape["anchor"])
    ]
    west = min(lon for lon, _ in points) - MARGIN
    east = max(lon for lon, _ in points) + MARGIN
    south = min(lat for _, lat in points) - MARGIN
    north = max(lat for _, lat in points) + MARGIN
    scale = width / ((east - west) * ASPECT)
    height = round((north - south) * scale) + CAPTION_HEIGHT

    def at(lon, lat):
        return (round((lon - west) * ASPECT * scale, 1), round((north - lat) * scale, 1))

    drawn = []
    for district in District:
        shape = shapes()[district.value]
        corners = [at(lon, lat) for lon, lat in shape["outline"]]
        path = "M" + " L".join(f"{x} {y}" for x, y in corners) + " Z"
        drawn.append(
            DrawnDistrict(
                value=district.value,
                label=district.label,
                path=path,
                anchor=at(*shape["anchor"]),
                label_at=at(*shape["label_at"]),
            )
        )
    return Drawing(width, height, drawn)
