"""The one GeoJSON builder (RFC 7946): points as [longitude, latitude] in WGS 84, features and
feature collections. The API's /api/v1/geo/… (portal.api.geojson) and the pages that put their
few places in the page for the map (static/js/map.js) build with it."""


def point_at(lon, lat):
    return {"type": "Point", "coordinates": [float(lon), float(lat)]}


def located(records):
    """The records of a queryset that have both coordinates: the only ones a map can place."""
    return records.filter(latitude__isnull=False, longitude__isnull=False)


def point(record):
    """The Point of a record with `latitude` and `longitude`, or None without both."""
    if record.latitude is None or record.longitude is None:
        return None
    return point_at(record.longitude, record.latitude)


def feature(geometry, properties, feature_id=None):
    found = {"type": "Feature", "geometry": geometry, "properties": properties}
    if feature_id is not None:
        found["id"] = feature_id
    return found


def feature_collection(records, properties):
    """The FeatureCollection of the records that have coordinates (ids: their primary keys);
    properties(records) gives theirs in the same order (a serializer's data, say)."""
    placed = [(record, point(record)) for record in records]
    placed = [(record, geometry) for record, geometry in placed if geometry is not None]
    values = properties([record for record, _ in placed])
    return {
        "type": "FeatureCollection",
        "features": [
            feature(geometry, record_values, record.pk)
            for (record, geometry), record_values in zip(placed, values, strict=True)
        ],
    }
