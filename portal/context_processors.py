from portal import accessibility as accessibility_mode


def accessibility(request):
    """The visitor's "версия для слабовидящих" settings, for base.html and its panel."""
    return {"a11y": accessibility_mode.from_request(request)}
