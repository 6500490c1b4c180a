"""The portal's URLs plus a view that dies after Django has stored the upload
(tests/portal/test_uploads.py)."""

from django.urls import path

from portal.urls import urlpatterns as portal_urlpatterns


def upload_then_fail(request):
    assert request.FILES["file"]
    raise RuntimeError("the view died after the upload")


urlpatterns = [path("upload-then-fail/", upload_then_fail), *portal_urlpatterns]
