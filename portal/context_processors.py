from portal import accessibility as accessibility_mode


def accessibility(request):
    return {"accessibility_mode": accessibility_mode.is_enabled(request)}
