"""Where uploaded files live: the local disk (MEDIA_ROOT) by default, or S3-compatible object
storage when MEDIA_S3_BUCKET is set, so that every app node reads and writes the same files.

In the object store, original images and documents are private: their addresses are signed and
expire after MEDIA_S3_SIGNED_SECONDS (5 minutes). No page links an original image; a document is
reached through Wagtail's document view, which checks its collection's privacy and only then
redirects to a signed address. Renditions, the image files pages show, are public under the
`renditions/` prefix (the bucket policy lets anyone read that prefix, nothing else): an address
in a kept page must not expire.

Private files (PRIVATE_ALIAS: a ТОС application's documents) have no public address at all: on
disk they live under PRIVATE_MEDIA_ROOT, which the web server does not serve, in the object store
under `private/`; a view checks who asks and streams them.
"""

import os

from django.conf import settings
from django.core.files.storage import FileSystemStorage, storages

FILE_SYSTEM = "django.core.files.storage.FileSystemStorage"
PRIVATE_FILE_SYSTEM = "portal.storage.PrivateFileSystemStorage"
S3 = "storages.backends.s3.S3Storage"
RENDITIONS_ALIAS = "renditions"
RENDITIONS_PREFIX = "renditions"
# Files only the portal's own views hand out, to those allowed (a ТОС application's documents).
PRIVATE_ALIAS = "private"
PRIVATE_PREFIX = "private"


class PrivateFileSystemStorage(FileSystemStorage):
    """PRIVATE_MEDIA_ROOT: a folder beside MEDIA_ROOT that no web server serves; no address."""

    @property
    def base_location(self):
        return settings.PRIVATE_MEDIA_ROOT

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    @property
    def base_url(self):
        return None


def private_storage():
    """The storage of private files (a FileField's `storage`, read when a file is used)."""
    return storages[PRIVATE_ALIAS]


def media_storages(env):
    """(the STORAGES entries for uploaded files, the rendition storage's alias or None)."""
    bucket = env("MEDIA_S3_BUCKET", default="")
    if not bucket:
        return {
            "default": {"BACKEND": FILE_SYSTEM},
            PRIVATE_ALIAS: {"BACKEND": PRIVATE_FILE_SYSTEM},
        }, None
    common = {
        "bucket_name": bucket,
        "endpoint_url": env("MEDIA_S3_ENDPOINT_URL", default="") or None,
        "region_name": env("MEDIA_S3_REGION", default="") or None,
        "access_key": env("MEDIA_S3_ACCESS_KEY_ID", default="") or None,
        "secret_key": env("MEDIA_S3_SECRET_ACCESS_KEY", default="") or None,
        "signature_version": "s3v4",
        # The bucket's policy decides who reads what; no per-object ACL is sent.
        "default_acl": None,
        # A second upload under the same name gets its own key: nothing is overwritten.
        "file_overwrite": False,
    }
    private = {
        **common,
        "querystring_auth": True,
        "querystring_expire": env.int("MEDIA_S3_SIGNED_SECONDS", default=300),
    }
    public = {
        **common,
        "location": RENDITIONS_PREFIX,
        "querystring_auth": False,
        # A CDN or the proxy in front of the bucket, e.g. media.sochi.example; else the bucket's.
        "custom_domain": env("MEDIA_S3_PUBLIC_DOMAIN", default="") or None,
    }
    storages = {
        "default": {"BACKEND": S3, "OPTIONS": private},
        # The bucket is private but for renditions/; the views stream these, never link them.
        PRIVATE_ALIAS: {"BACKEND": S3, "OPTIONS": {**private, "location": PRIVATE_PREFIX}},
        RENDITIONS_ALIAS: {"BACKEND": S3, "OPTIONS": public},
    }
    return storages, RENDITIONS_ALIAS
